using KzMigration.Specification;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Statistics;
using Microsoft.Data.Analysis;

namespace KzMigration.Estimation;

/// <summary>One ordered pair of a flow year: the observed moves and the pair's regressors (null where missing).</summary>
public sealed record GravityPair(int Year, string Origin, string Destination, double Flow, IReadOnlyDictionary<string, double?> Regressors, string? Missing);

/// <summary>Which gravity specification: year effects with the pair's regressors, or origin-year and destination-year effects.</summary>
public enum GravityVariant
{
    /// <summary>log populations, log distance, contiguity and indicator ratios, with year effects.</summary>
    Pooled,
    /// <summary>
    /// Origin-year and destination-year fixed effects (the multilateral-resistance terms of structural gravity; Anderson
    /// &amp; van Wincoop 2003; Fally 2015, "Structural gravity and fixed effects", J. Int. Econ. 97:76–85): they absorb
    /// populations and indicators, so only distance and contiguity are estimated.
    /// </summary>
    Structural,
}

/// <summary>A fitted gravity model: PPML (HC0 robust) and, beside it, OLS on log positive flows (CR1 by pair).</summary>
public sealed record GravityResult(
    EstimationSpec Spec, GravityVariant Variant, BoundaryEra Era, IReadOnlyList<GravityPair> Pairs, PoissonFit Ppml, OlsFit LogOls, Vector LogOlsErrors)
{
    /// <summary>Flow years that entered.</summary>
    public IReadOnlyList<int> Years => [.. Ppml.Frame.Labels.Select(l => int.Parse(l[..4], CultureInfo.InvariantCulture)).Distinct().Order()];

    /// <summary>
    /// The observations' labels («2020 akmola>aktobe») with the regions named by <paramref name="regionName"/> (e.g. in a
    /// figure's language): «2020 Akmola → Aktobe».
    /// </summary>
    public IReadOnlyList<string> PairLabels(Func<string, string> regionName) =>
        [.. Ppml.Frame.Labels.Select(l => l.Split(' ', 2) is [var year, var pair] && pair.Split('>') is [var origin, var destination]
            ? $"{year} {regionName(origin)} → {regionName(destination)}"
            : l)];
}

/// <summary>Standard errors of a fit, as a plain array.</summary>
public sealed record Vector(IReadOnlyList<double> Values);

/// <summary>
/// The gravity model of interregional flows (issue 15): M_odt = exp(β₁ ln P_o + β₂ ln P_d + β₃ ln D_od + β₄ C_od +
/// Σ_k γ_k ln(x_k,d / x_k,o) + δ_t) · η_odt, with P the mean populations of the year (population.csv), D the
/// great-circle distance between the units' area centroids (<see cref="RegionGeometry"/>), C = 1 for contiguous units,
/// and x the socio-economic indicators of the destination relative to the origin (of year t − 1 when the specification
/// lags). Estimated by PPML (Santos Silva &amp; Tenreyro 2006) with HC0 sandwich standard errors; OLS on ln M (zero
/// flows dropped and counted) is shown beside it: under heteroskedastic η its elasticities are biased, because
/// E[ln η | x] then depends on x (Santos Silva &amp; Tenreyro 2006, §3).
/// <para>Boundaries: each flow matrix (od-flows.csv, on the 20 units of 2022) is aggregated exactly to the
/// specification's <see cref="EstimationSpec.GravityEra"/> (moves between the parts of an older unit drop out), and a
/// pair whose regressors do not refer to that era is dropped and counted.</para>
/// </summary>
public static class GravityModel
{
    public const string LogPopulationOrigin = "log_population_origin", LogPopulationDestination = "log_population_destination",
        LogDistance = "log_distance_km", Contiguity = "contiguous";

    /// <summary>The ratio column of an indicator.</summary>
    public static string Ratio(string indicator) => "log_ratio_" + indicator;

    /// <summary>The regressors of a variant.</summary>
    public static IReadOnlyList<string> Regressors(EstimationSpec spec, GravityVariant variant) =>
        variant == GravityVariant.Structural ? [LogDistance, Contiguity]
        : [LogPopulationOrigin, LogPopulationDestination, LogDistance, Contiguity, .. spec.Indicators.Select(Ratio)];

    /// <summary>Every ordered pair of every available flow year in the specification, on its gravity era.</summary>
    public static IReadOnlyList<GravityPair> Pairs(WorkbenchData data, EstimationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(data);
        var era = BoundaryEra.Parse(spec.GravityEra);
        var geography = RegionGeometry.Pairs(RegionGeometry.Read(Path.Combine(data.Directory, "boundaries"), era, data.Regions));
        var pairs = new List<GravityPair>();
        foreach (var year in spec.GravityYears)
        {
            var source = data.FlowMatrices.FirstOrDefault(m => m.Year == year && m.Period == Period.JanDec);
            if (source is null || source.Boundaries.Order < era.Order) continue;
            var matrix = Harmonisation.ToEra(source.Matrix, source.Boundaries, era, data.Regions);
            var regressorYear = spec.Lag ? year - 1 : year;
            var units = matrix.Regions.Select(k => data.Regions[k]).ToList();
            var population = units.ToDictionary(u => u.Key, u => MeanPopulation.Of(data, u, year, era)?.Value, StringComparer.Ordinal);
            foreach (var o in units)
                foreach (var d in units)
                {
                    if (o.Key == d.Key) continue;
                    var missing = new List<string>();
                    var x = new Dictionary<string, double?>(StringComparer.Ordinal)
                    {
                        [LogPopulationOrigin] = population[o.Key] is { } po ? Math.Log(po) : null,
                        [LogPopulationDestination] = population[d.Key] is { } pd ? Math.Log(pd) : null,
                        [LogDistance] = Math.Log(geography.DistanceKm[(o.Key, d.Key)]),
                        [Contiguity] = geography.Contiguous[(o.Key, d.Key)] ? 1 : 0,
                    };
                    if (population[o.Key] is null || population[d.Key] is null) missing.Add($"no population for {year}");
                    foreach (var id in spec.Indicators)
                    {
                        var (vo, vd) = (OnEra(data, o, regressorYear, id, era), OnEra(data, d, regressorYear, id, era));
                        x[Ratio(id)] = vo is > 0 && vd is > 0 ? Math.Log(vd.Value / vo.Value) : null;
                        if (x[Ratio(id)] is null) missing.Add($"no {id} {regressorYear.ToString(CultureInfo.InvariantCulture)} on the {era.Id}-era units for both");
                    }
                    pairs.Add(new GravityPair(year, o.Key, d.Key, matrix[o.Key, d.Key], x, missing.Count == 0 ? null : string.Join("; ", missing.Distinct())));
                }
        }
        return pairs;
    }

    /// <summary>Fits one variant by PPML and by OLS on log positive flows.</summary>
    public static GravityResult Estimate(WorkbenchData data, EstimationSpec? spec = null, GravityVariant variant = GravityVariant.Pooled)
    {
        spec ??= EstimationSpec.Default;
        var pairs = Pairs(data, spec);
        if (pairs.Count == 0) throw new EstimationException($"no flow matrix of {string.Join(", ", spec.GravityYears)} can be put on the {spec.GravityEra}-era units");
        return Fit(spec, variant, BoundaryEra.Parse(spec.GravityEra), pairs);
    }

    /// <summary>Fits one variant on given pairs (e.g. a fixture).</summary>
    public static GravityResult Fit(EstimationSpec spec, GravityVariant variant, BoundaryEra era, IReadOnlyList<GravityPair> pairs)
    {
        var regressors = Regressors(spec, variant);
        // With origin-year and destination-year effects, the two sets each sum to the year indicator: one destination
        // per year must be the reference too (its label "(reference)" sorts first, so ModelFrame drops it).
        var referenceDestination = pairs.Select(p => p.Destination).Order(StringComparer.Ordinal).FirstOrDefault();
        var observations = pairs.Select(p =>
        {
            var y = p.Year.ToString(CultureInfo.InvariantCulture);
            // Structural: the pair-level regressors only; the origin/destination effects absorb the rest.
            var usable = variant == GravityVariant.Structural || p.Missing is null;
            return new ModelObservation($"{y} {p.Origin}>{p.Destination}", usable ? p.Flow : null,
                regressors.ToDictionary(r => r, r => p.Regressors.GetValueOrDefault(r)),
                variant == GravityVariant.Structural
                    ? new Dictionary<string, string> { ["origin_year"] = $"{p.Origin}@{y}", ["destination_year"] = p.Destination == referenceDestination ? "(reference)" : $"{p.Destination}@{y}" }
                    : new Dictionary<string, string> { ["year"] = y },
                $"{p.Origin}>{p.Destination}");
        });
        var frame = ModelFrame.Build(observations, regressors, variant == GravityVariant.Structural ? ["origin_year", "destination_year"] : ["year"]);
        var ppml = PoissonRegression.Fit(frame);
        var logFrame = frame.Where(i => frame.Y[i] > 0, "zero flow: no logarithm").WithOutcome(Math.Log);
        var ols = LinearRegression.Fit(logFrame);
        var olsErrors = RobustCovariance.StandardErrors(RobustCovariance.Cr1(ols));
        return new GravityResult(spec, variant, era, pairs, ppml, ols, new Vector([.. olsErrors]));
    }

    /// <summary>PPML and log-OLS coefficients side by side, with 95 % normal intervals from the robust standard errors.</summary>
    public static DataFrame CoefficientTable(GravityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = Regressors(result.Spec, result.Variant);
        var ppmlSe = result.Ppml.StandardErrors;
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975);
        double Ppml(string n) => result.Ppml[n];
        double PpmlSe(string n) => ppmlSe[result.Ppml.Frame.Column(n)];
        double Ols(string n) => result.LogOls[n];
        double OlsSe(string n) => result.LogOlsErrors.Values[result.LogOls.Frame.Column(n)];
        return new DataFrame(
            new StringDataFrameColumn("regressor", names),
            new DoubleDataFrameColumn("ppml", names.Select(Ppml)),
            new DoubleDataFrameColumn("ppml_se_hc0", names.Select(PpmlSe)),
            new DoubleDataFrameColumn("ppml_ci_lower", names.Select(n => Ppml(n) - z * PpmlSe(n))),
            new DoubleDataFrameColumn("ppml_ci_upper", names.Select(n => Ppml(n) + z * PpmlSe(n))),
            new DoubleDataFrameColumn("ols_log", names.Select(Ols)),
            new DoubleDataFrameColumn("ols_se_cr1_pair", names.Select(OlsSe)),
            new Int32DataFrameColumn("n_ppml", names.Select(_ => result.Ppml.Frame.N)),
            new Int32DataFrameColumn("n_ols", names.Select(_ => result.LogOls.Frame.N)));
    }

    /// <summary>Observed and PPML-predicted flows of every pair used.</summary>
    public static DataFrame PredictionTable(GravityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var f = result.Ppml.Frame;
        return new DataFrame(
            new StringDataFrameColumn("pair", f.Labels),
            new DoubleDataFrameColumn("observed", f.Y.ToArray()),
            new DoubleDataFrameColumn("predicted_ppml", result.Ppml.Fitted.ToArray()));
    }

    /// <summary>Notes for the tables: data, era, what was dropped, which standard errors.</summary>
    public static IReadOnlyList<string> Notes(GravityResult r) =>
    [
        $"specification: {SpecificationFormatter.Format(r.Spec)}; variant: {r.Variant.ToString().ToLowerInvariant()}",
        $"flows: od-flows.csv (BNS via a third-party compilation), aggregated exactly to the {r.Era.Id}-era units; years used: {string.Join(", ", r.Years)}",
        "distance: haversine (R = 6371.0088 km) between area centroids of the bundled boundary polygons (local equirectangular projection); contiguity: shared border vertices",
        $"PPML: {r.Ppml.Frame.N} pairs ({r.Ppml.Frame.Dropped.Count} dropped for missing regressors); OLS on log flows: {r.LogOls.Frame.N} pairs ({r.LogOls.Frame.Dropped.Count - r.Ppml.Frame.Dropped.Count} zero flows dropped as well)",
        "standard errors: PPML HC0 sandwich (as statsmodels GLM cov_type='HC0'); OLS CR1 clustered by ordered pair",
    ];

    // An indicator value that refers to the era's territory of the unit (ratios cannot be aggregated).
    private static double? OnEra(WorkbenchData data, Region unit, int year, string id, BoundaryEra era)
    {
        var obs = data.FindIndicator(unit.Key, year, id);
        if (obs is null || !data.Regions.IsUnitOf(unit, obs.Boundaries)) return null;
        return obs.Boundaries == era || data.Regions.Unchanged(unit, obs.Boundaries, era) ? obs.Value : null;
    }
}
