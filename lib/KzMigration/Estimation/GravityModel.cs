using KzMigration.Specification;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Statistics;
using Microsoft.Data.Analysis;

namespace KzMigration.Estimation;

/// <summary>One ordered pair of a flow year: the observed moves and the pair's regressors (null where missing).</summary>
public sealed record GravityPair(int Year, string Origin, string Destination, double Flow, IReadOnlyDictionary<string, double?> Regressors, string? Missing);

/// <summary>Which gravity specification.</summary>
public enum GravityVariant
{
    /// <summary>log populations, log distance, contiguity and the specification's indicator ratios, with year effects.</summary>
    Pooled,
    /// <summary>
    /// Origin-year and destination-year fixed effects (the multilateral-resistance terms of structural gravity; Anderson
    /// &amp; van Wincoop 2003; Fally 2015, "Structural gravity and fixed effects", J. Int. Econ. 97:76–85; Yotov et al.
    /// 2016, ch. 1): they absorb populations and every regional indicator, so only the pair's own regressors (distance,
    /// contiguity, the city–hinterland dummy) are estimated. The headline gravity model.
    /// </summary>
    Structural,
    /// <summary>
    /// The push–pull model (<see cref="PushPullModel"/>): the pooled form with the specification's push–pull factors
    /// (<see cref="EstimationSpec.PushPull"/>) as log(destination / origin) ratios.
    /// </summary>
    PushPull,
}

/// <summary>
/// A fitted gravity model: PPML and, beside it, OLS on log positive flows, both with the specification's clustered
/// standard errors (<see cref="Clustering"/>), and the PPML's HC0 errors for comparison.
/// </summary>
/// <param name="Spec">The specification.</param>
/// <param name="Variant">Which model.</param>
/// <param name="Era">Boundary era of the units.</param>
/// <param name="Pairs">Every ordered pair of every flow year, used or not.</param>
/// <param name="Ppml">The PPML fit.</param>
/// <param name="LogOls">OLS on log positive flows (zero flows dropped and counted).</param>
/// <param name="Clustering">The PPML rows' clusters (the log-OLS rows use the same, restricted to positive flows).</param>
/// <param name="PpmlCoefficients">PPML coefficients of the reported regressors with clustered errors and t_{G−1} intervals.</param>
/// <param name="LogOlsCoefficients">The same for the log-linear OLS.</param>
/// <param name="Housing">The housing price a housing factor stands for.</param>
public sealed record GravityResult(
    EstimationSpec Spec, GravityVariant Variant, BoundaryEra Era, IReadOnlyList<GravityPair> Pairs, PoissonFit Ppml, OlsFit LogOls,
    Clustering Clustering, IReadOnlyList<ClusteredCoefficient> PpmlCoefficients, IReadOnlyList<ClusteredCoefficient> LogOlsCoefficients, HousingChoice Housing)
    : IStudyResult
{
    /// <summary>
    /// The study's specification the model was estimated under, which its tables record: the one given to
    /// <see cref="GravityModel.Estimate(WorkbenchData, StudySpecification, GravityVariant)"/>, else the paper's with this
    /// model's <see cref="Spec"/> and <see cref="Housing"/>.
    /// </summary>
    public StudySpecification Specification
    {
        get => field ?? StudySpecification.Paper with { Estimation = Spec, Scoring = ScoringSpec.Paper with { Housing = Housing } };
        internal init;
    }

    /// <summary>Whether a two-way covariance block had to be made positive semi-definite (Cameron, Gelbach &amp; Miller 2011, §2.3).</summary>
    public bool CovarianceAdjusted { get; init; }

    /// <summary>The reported regressors, in order.</summary>
    public IReadOnlyList<string> Regressors => [.. PpmlCoefficients.Select(c => c.Column)];

    /// <summary>Flow years that entered.</summary>
    public IReadOnlyList<int> Years => [.. Ppml.Frame.Labels.Select(l => int.Parse(l[..4], CultureInfo.InvariantCulture)).Distinct().Order()];

    /// <summary>The PPML inference on one regressor.</summary>
    public ClusteredCoefficient For(string column) =>
        PpmlCoefficients.FirstOrDefault(c => c.Column == column) ?? throw new KeyNotFoundException($"'{column}' is not a regressor of this model ({string.Join(", ", Regressors)})");

    /// <summary>
    /// The observations' labels («2020 akmola>aktobe») with the regions named by <paramref name="regionName"/> (e.g. in a
    /// figure's language): «2020 Akmola → Aktobe».
    /// </summary>
    public IReadOnlyList<string> PairLabels(Func<string, string> regionName) =>
        [.. Ppml.Frame.Labels.Select(l => l.Split(' ', 2) is [var year, var pair] && pair.Split('>') is [var origin, var destination]
            ? $"{year} {regionName(origin)} → {regionName(destination)}"
            : l)];
}

/// <summary>
/// The gravity model of interregional flows (issue 15): M_odt = exp(β₁ ln P_o + β₂ ln P_d + β₃ ln D_od + β₄ C_od +
/// β₅ H_od + Σ_k γ_k ln(x_k,d / x_k,o) + δ_t) · η_odt, with P the mean populations of the year (population.csv), D the
/// great-circle distance between the units' area centroids (<see cref="RegionGeometry"/>), C = 1 for contiguous units,
/// H = 1 for a city and its hinterland (<see cref="Hinterlands"/>, when the specification keeps it), and x the
/// socio-economic indicators of the destination relative to the origin (of year t − 1 when the specification lags).
/// Estimated by PPML (Santos Silva &amp; Tenreyro 2006); OLS on ln M (zero flows dropped and counted) is shown beside it:
/// under heteroskedastic η its elasticities are biased, because E[ln η | x] then depends on x (Santos Silva &amp;
/// Tenreyro 2006, §3).
/// <para>Standard errors: a pair's flows of several years are not independent, so both estimators' errors are
/// cluster-robust (CR1) by ordered pair, or two-way by origin and destination (<see cref="EstimationSpec.GravityCluster"/>;
/// Yotov et al. 2016; Cameron, Gelbach &amp; Miller 2011); intervals β̂ ± t_{G−1}·se.</para>
/// <para>Boundaries: each flow matrix (od-flows.csv, on the 20 units of 2022) is aggregated exactly to the
/// specification's <see cref="EstimationSpec.GravityEra"/> (moves between the parts of an older unit drop out), and a
/// pair whose regressors do not refer to that era is dropped and counted.</para>
/// </summary>
public static class GravityModel
{
    public const string LogPopulationOrigin = "log_population_origin", LogPopulationDestination = "log_population_destination",
        LogDistance = "log_distance_km", Contiguity = "contiguous", CityHinterland = "city_hinterland";

    /// <summary>The ratio column of an indicator (or of <see cref="HousingChoice.FactorId"/>).</summary>
    public static string Ratio(string indicator) => "log_ratio_" + indicator;

    /// <summary>The reported regressors of a variant, in order.</summary>
    public static IReadOnlyList<string> Regressors(EstimationSpec spec, GravityVariant variant)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IReadOnlyList<string> pair = spec.CityHinterland ? [LogDistance, Contiguity, CityHinterland] : [LogDistance, Contiguity];
        return variant switch
        {
            GravityVariant.Structural => pair,
            GravityVariant.Pooled => [LogPopulationOrigin, LogPopulationDestination, .. pair, .. spec.Indicators.Select(Ratio)],
            _ => [.. spec.PushPull.Select(Ratio), LogPopulationOrigin, LogPopulationDestination, .. pair],
        };
    }

    /// <summary>
    /// The city–hinterland pairs of an era: a city of republican significance (<see cref="RegionKind.City"/> in the region
    /// registry) and the one unit whose territory surrounds it — the only unit it shares a border with in the era's
    /// polygons (Astana–Akmola, Almaty city–Almaty region, Shymkent–Turkestan on the 2018 and 2022 units), in both
    /// directions. A city bordering several units has no single hinterland and gives no pair.
    /// </summary>
    public static IReadOnlySet<(string Origin, string Destination)> Hinterlands(RegionRegistry regions, PairGeography geography)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(geography);
        var set = new HashSet<(string, string)>();
        var units = geography.Centroids.Keys.ToList();
        foreach (var city in units.Where(k => regions[k].Kind == RegionKind.City))
        {
            var neighbours = units.Where(k => k != city && geography.Contiguous[(city, k)]).ToList();
            if (neighbours.Count != 1) continue;
            set.Add((city, neighbours[0]));
            set.Add((neighbours[0], city));
        }
        return set;
    }

    /// <summary>
    /// Every ordered pair of every available flow year in the specification, on its gravity era, with every regressor any
    /// variant uses: the pair's geography, populations, and the ratios of the specification's indicators and push–pull
    /// factors (the housing factor read as <paramref name="housing"/> says; default resale, programme prices excluded).
    /// </summary>
    public static IReadOnlyList<GravityPair> Pairs(WorkbenchData data, EstimationSpec spec, HousingChoice? housing = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        housing ??= HousingChoice.Default;
        var era = BoundaryEra.Parse(spec.GravityEra);
        var geography = Geography(data, era);
        var hinterlands = Hinterlands(data.Regions, geography);
        var factors = spec.Indicators.Concat(spec.PushPull).Distinct(StringComparer.Ordinal).ToList();
        var values = new FactorValues(data, housing, factors);
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
                        [CityHinterland] = hinterlands.Contains((o.Key, d.Key)) ? 1 : 0,
                    };
                    if (population[o.Key] is null || population[d.Key] is null) missing.Add($"no population for {year}");
                    foreach (var id in factors)
                    {
                        var (vo, vd) = (values.OnEra(o, regressorYear, id, era), values.OnEra(d, regressorYear, id, era));
                        x[Ratio(id)] = vo is > 0 && vd is > 0 ? Math.Log(vd.Value / vo.Value) : null;
                        if (x[Ratio(id)] is null) missing.Add($"no {values.Describe(id)} {regressorYear.ToString(CultureInfo.InvariantCulture)} on the {era.Id}-era units for both");
                    }
                    pairs.Add(new GravityPair(year, o.Key, d.Key, matrix[o.Key, d.Key], x, missing.Count == 0 ? null : string.Join("; ", missing.Distinct())));
                }
        }
        return pairs;
    }

    /// <summary>
    /// Fits one variant under a study specification: its estimation choices (<see cref="StudySpecification.Estimation"/>) and
    /// its housing choice (<see cref="ScoringSpec.Housing"/>); the result records <paramref name="specification"/>. The
    /// populations are the mean populations of the year whatever <see cref="MigrationChoices.Population"/> says: they are the
    /// model's masses, not a rate's denominator.
    /// </summary>
    public static GravityResult Estimate(WorkbenchData data, StudySpecification specification, GravityVariant variant)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Estimate(data, specification.Estimation, variant, specification.Scoring.Housing) with { Specification = specification };
    }

    /// <summary>Fits one variant by PPML and by OLS on log positive flows, with the specification's clustering.</summary>
    public static GravityResult Estimate(WorkbenchData data, EstimationSpec? spec = null, GravityVariant variant = GravityVariant.Pooled, HousingChoice? housing = null)
    {
        spec ??= EstimationSpec.Default;
        housing ??= HousingChoice.Default;
        var pairs = Pairs(data, spec, housing);
        if (pairs.Count == 0) throw new EstimationException($"no flow matrix of {string.Join(", ", spec.GravityYears)} can be put on the {spec.GravityEra}-era units");
        return Fit(spec, variant, BoundaryEra.Parse(spec.GravityEra), pairs, housing);
    }

    /// <summary>
    /// Fits one variant on given pairs (e.g. a fixture). A pair enters when every regressor of the variant exists (the
    /// others are dropped and listed with the first missing regressor); PPML keeps zero flows, the log-linear OLS drops them.
    /// </summary>
    public static GravityResult Fit(EstimationSpec spec, GravityVariant variant, BoundaryEra era, IReadOnlyList<GravityPair> pairs, HousingChoice? housing = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pairs);
        var regressors = Regressors(spec, variant);
        var structural = variant == GravityVariant.Structural;
        var frame = ModelFrame.Build(Observations(spec, variant, pairs), regressors, structural ? ["origin_year", "destination_year"] : ["year"]);
        var byLabel = pairs.ToDictionary(Label, StringComparer.Ordinal);
        var clustering = Clusters(spec.GravityCluster, [.. frame.Labels.Select(l => byLabel[l])]);

        var ppml = PoissonRegression.Fit(frame);
        var (ppmlCoefficients, ppmlAdjusted) = ClusteredInference.Coefficients(ppml.Coefficients, PoissonRegression.ClusterCovariance(ppml, clustering),
            frame.Columns, regressors, clustering.DegreesOfFreedom, spec.Confidence);

        var positive = Enumerable.Range(0, frame.N).Where(i => frame.Y[i] > 0).ToArray();
        var logFrame = frame.Where(i => frame.Y[i] > 0, "zero flow: no logarithm").WithOutcome(Math.Log);
        var ols = LinearRegression.Fit(logFrame);
        var olsClustering = clustering.Rows(positive);
        var (olsCoefficients, olsAdjusted) = ClusteredInference.Coefficients(ols.Coefficients,
            olsClustering.Covariance(ols.XtXInverse, RobustCovariance.Scores(logFrame.X, ols.Residuals)),
            logFrame.Columns, regressors, olsClustering.DegreesOfFreedom, spec.Confidence);
        return new GravityResult(spec, variant, era, pairs, ppml, ols, clustering, ppmlCoefficients, olsCoefficients, housing ?? HousingChoice.Default)
        {
            CovarianceAdjusted = ppmlAdjusted || olsAdjusted,
        };
    }

    /// <summary>
    /// The pairs as model observations: label «2020 akmola>aktobe», outcome the flow, the variant's regressors, the fixed
    /// effects (year; or origin_year «akmola@2020» and destination_year) and the ordered pair as cluster.
    /// </summary>
    public static IReadOnlyList<ModelObservation> Observations(EstimationSpec spec, GravityVariant variant, IReadOnlyList<GravityPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pairs);
        var regressors = Regressors(spec, variant);
        // With origin-year and destination-year effects, the two sets each sum to the year indicator: one destination
        // per year must be the reference too (its label "(reference)" sorts first, so ModelFrame drops it).
        var referenceDestination = pairs.Select(p => p.Destination).Order(StringComparer.Ordinal).FirstOrDefault();
        return [.. pairs.Select(p =>
        {
            var y = p.Year.ToString(CultureInfo.InvariantCulture);
            return new ModelObservation(Label(p), p.Flow,
                regressors.ToDictionary(r => r, r => p.Regressors.GetValueOrDefault(r)),
                variant == GravityVariant.Structural
                    ? new Dictionary<string, string> { ["origin_year"] = $"{p.Origin}@{y}", ["destination_year"] = p.Destination == referenceDestination ? "(reference)" : $"{p.Destination}@{y}" }
                    : new Dictionary<string, string> { ["year"] = y },
                $"{p.Origin}>{p.Destination}");
        })];
    }

    private static string Label(GravityPair p) => $"{p.Year.ToString(CultureInfo.InvariantCulture)} {p.Origin}>{p.Destination}";

    // The clusters of the rows: the ordered pair, or origin and destination.
    private static Clustering Clusters(GravityClustering choice, IReadOnlyList<GravityPair> rows) => choice == GravityClustering.Pair
        ? new Clustering("ordered pair", [.. rows.Select(p => $"{p.Origin}>{p.Destination}")])
        : new Clustering("origin and destination (two-way)", [.. rows.Select(p => p.Origin)], [.. rows.Select(p => p.Destination)]);

    /// <summary>
    /// PPML and log-OLS coefficients side by side: estimate, clustered standard error, t_{G−1} interval and p-value for
    /// each, and the PPML's HC0 standard error (rows treated as independent) for comparison.
    /// </summary>
    public static StudyTable CoefficientTable(GravityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = result.Regressors;
        var hc0 = result.Ppml.StandardErrors;
        var p = result.PpmlCoefficients;
        var o = result.LogOlsCoefficients;
        return new StudyTable(result.Specification,
            new StringDataFrameColumn("regressor", names),
            new DoubleDataFrameColumn("ppml", p.Select(c => c.Estimate)),
            new DoubleDataFrameColumn("ppml_se", p.Select(c => c.StdError)),
            new DoubleDataFrameColumn("ppml_ci_lower", p.Select(c => c.Lower)),
            new DoubleDataFrameColumn("ppml_ci_upper", p.Select(c => c.Upper)),
            new DoubleDataFrameColumn("ppml_p", p.Select(c => c.PValue)),
            new DoubleDataFrameColumn("ppml_se_hc0", names.Select(n => hc0[result.Ppml.Frame.Column(n)])),
            new DoubleDataFrameColumn("ols_log", o.Select(c => c.Estimate)),
            new DoubleDataFrameColumn("ols_se", o.Select(c => c.StdError)),
            new DoubleDataFrameColumn("ols_ci_lower", o.Select(c => c.Lower)),
            new DoubleDataFrameColumn("ols_ci_upper", o.Select(c => c.Upper)),
            new Int32DataFrameColumn("n_ppml", names.Select(_ => result.Ppml.Frame.N)),
            new Int32DataFrameColumn("n_ols", names.Select(_ => result.LogOls.Frame.N)),
            new Int32DataFrameColumn("clusters", names.Select(_ => result.Clustering.Clusters)));
    }

    /// <summary>Observed and PPML-predicted flows of every pair used.</summary>
    public static StudyTable PredictionTable(GravityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var f = result.Ppml.Frame;
        return new StudyTable(result.Specification,
            new StringDataFrameColumn("pair", f.Labels),
            new DoubleDataFrameColumn("observed", f.Y.ToArray()),
            new DoubleDataFrameColumn("predicted_ppml", result.Ppml.Fitted.ToArray()))
        {
            Units = new Dictionary<string, string> { ["observed"] = "persons", ["predicted_ppml"] = "persons" },
        };
    }

    /// <summary>Notes for the tables: data, era, what was dropped, which standard errors and which interval.</summary>
    public static IReadOnlyList<string> Notes(GravityResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var notes = new List<string>
        {
            $"specification: {SpecificationFormatter.Format(r.Spec)}; variant: {r.Variant.ToString().ToLowerInvariant()}",
            $"flows: od-flows.csv (BNS via a third-party compilation), aggregated exactly to the {r.Era.Id}-era units; years used: {string.Join(", ", r.Years)}",
            "distance: haversine (R = 6371.0088 km) between area centroids of the bundled boundary polygons (local equirectangular projection); contiguity: shared border vertices",
            $"PPML: {r.Ppml.Frame.N} pairs ({r.Ppml.Frame.Dropped.Count} dropped for missing regressors); OLS on log flows: {r.LogOls.Frame.N} pairs ({r.LogOls.Frame.Dropped.Count - r.Ppml.Frame.Dropped.Count} zero flows dropped as well)",
            string.Create(CultureInfo.InvariantCulture,
                $"standard errors: PPML and OLS on log flows both {r.Clustering} (statsmodels GLM/OLS fit(cov_type='cluster'), default correction); intervals: estimate ± t(G−1 = {r.Clustering.DegreesOfFreedom}) quantile × se, {r.Spec.Confidence * 100:0.#} %; ppml_se_hc0: HC0 treating every row as independent, for comparison"),
        };
        if (r.Spec.CityHinterland)
            notes.Add("city_hinterland = 1 for flows between a city of republican significance and the one region surrounding it (both directions; from the region registry's kind = city and the era's polygons)");
        if (r.Variant == GravityVariant.Structural)
            notes.Add("structural: origin-year and destination-year fixed effects absorb populations and every regional indicator; only the pair's regressors are estimated");
        if (r.Spec.PushPull.Contains(HousingChoice.FactorId) && r.Variant == GravityVariant.PushPull)
            notes.Add($"housing factor: {r.Housing.Describe()}");
        if (r.CovarianceAdjusted)
            notes.Add("the two-way covariance of the reported coefficients was not positive semi-definite: its negative eigenvalues were set to zero (Cameron, Gelbach & Miller 2011, §2.3)");
        return notes;
    }

    // Distances and contiguity of an era's units, read from the polygons once per loaded data set (a notebook fits several
    // variants on the same data).
    private static readonly ConditionalWeakTable<WorkbenchData, ConcurrentDictionary<string, PairGeography>> Geographies = new();

    private static PairGeography Geography(WorkbenchData data, BoundaryEra era) =>
        Geographies.GetOrCreateValue(data).GetOrAdd(era.Id, _ =>
        {
            var folder = Path.Combine(data.Directory, "boundaries");
            // Without the polygons there is no distance or contiguity: the model cannot be estimated (said, not a crash).
            if (!File.Exists(Path.Combine(folder, era.BoundaryFile)))
                throw new EstimationException($"no boundary polygons of the {era.Id}-era units ({Path.Combine("boundaries", era.BoundaryFile)} is not in the data folder): distances and contiguity need them");
            return RegionGeometry.Pairs(RegionGeometry.Read(folder, era, data.Regions));
        });

    // Factor values for the ratios: an indicator as the data give it, the housing factor as the study's housing choice
    // reads it (WorkbenchData.HousingPrices applies the programme-price choice). A value counts only when it refers to
    // the era's territory of the unit (ratios cannot be aggregated).
    private sealed class FactorValues(WorkbenchData data, HousingChoice housing, IReadOnlyList<string> factors)
    {
        // (region, year, factor) → value, built once: WorkbenchData.FindIndicator scans every observation.
        private readonly Dictionary<(string, int, string), IndicatorObservation> values = Index(data, housing, factors);

        private static Dictionary<(string, int, string), IndicatorObservation> Index(WorkbenchData data, HousingChoice housing, IReadOnlyList<string> factors)
        {
            var index = new Dictionary<(string, int, string), IndicatorObservation>();
            foreach (var o in data.Indicators)
                if (factors.Contains(o.Indicator.Id)) index.TryAdd((o.Region.Key, o.Year, o.Indicator.Id), o);   // the first, as FindIndicator
            if (factors.Contains(HousingChoice.FactorId))
                foreach (var o in housing.Prices(data)) index.TryAdd((o.Region.Key, o.Year, HousingChoice.FactorId), o);
            return index;
        }

        public string Describe(string id) => id == HousingChoice.FactorId ? housing.IndicatorId : id;

        public double? OnEra(Region unit, int year, string id, BoundaryEra era)
        {
            var obs = values.GetValueOrDefault((unit.Key, year, id));
            if (obs is null || !data.Regions.IsUnitOf(unit, obs.Boundaries)) return null;
            return obs.Boundaries == era || data.Regions.Unchanged(unit, obs.Boundaries, era) ? obs.Value : null;
        }
    }
}
