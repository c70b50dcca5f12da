using KzMigration.Specification;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Statistics;
using Microsoft.Data.Analysis;

namespace KzMigration.Estimation;

/// <summary>
/// One region-year of the net migration panel: the outcome, its denominator and the regressors, or why it is left out.
/// </summary>
/// <param name="Region">The unit.</param>
/// <param name="Unit">The panel unit: the region key, with <c>@era</c> when its territory changed (each territory is its own unit).</param>
/// <param name="Year">Outcome year t.</param>
/// <param name="Era">Boundary era of the outcome's territory.</param>
/// <param name="Balance">Net migration, all flows (migration.csv), persons; null if missing.</param>
/// <param name="Population">The rate's population (population.csv; the mean population of the year unless the specification's <see cref="MigrationChoices.Population"/> says otherwise), null if missing.</param>
/// <param name="Rate">Net migration per 1,000 of that population; null if either is missing.</param>
/// <param name="Regressors">log(indicator / national) of year t − 1 (or t without lag), by indicator id; null if missing or on another territory.</param>
/// <param name="Missing">Why the row cannot be used (null when it is complete).</param>
public sealed record PanelRow(
    Region Region, string Unit, int Year, BoundaryEra Era, double? Balance, PopulationDenominator? Population, double? Rate,
    IReadOnlyDictionary<string, double?> Regressors, string? Missing);

/// <summary>Which differences the panel's slopes compare.</summary>
public enum PanelEffects
{
    /// <summary>
    /// Within regions: region (territory) and year fixed effects, so a slope says how a region's net migration moves
    /// when its own indicator moves relative to the national level. The baseline.
    /// </summary>
    Within,
    /// <summary>
    /// Between regions: year effects only, so a slope also uses the lasting differences between regions — the comparison
    /// the paper's claim makes («regions with higher incomes attract»), and the one most exposed to omitted regional traits.
    /// </summary>
    Between,
}

/// <summary>The estimated panel: specification, rows (used and dropped), the least-squares fit and the bootstrap inference per indicator.</summary>
public sealed record NetMigrationPanelResult(
    EstimationSpec Spec, IReadOnlyList<PanelRow> Rows, ModelFrame Frame, OlsFit Fit, IReadOnlyList<WildBootstrapResult> Coefficients)
    : IStudyResult
{
    /// <summary>The population the outcome's rate divides by (<see cref="MigrationChoices.Population"/>).</summary>
    public PopulationBasis Population { get; init; } = PopulationBasis.MeanOfYear;

    /// <summary>
    /// The study's specification the panel was estimated under, which its tables record: the one given to
    /// <see cref="NetMigrationPanel.Estimate(WorkbenchData, StudySpecification, PanelEffects)"/>, else the paper's with this
    /// panel's <see cref="Spec"/> and <see cref="Population"/>.
    /// </summary>
    public StudySpecification Specification
    {
        get => field ?? StudySpecification.Paper with { Estimation = Spec, Migration = MigrationChoices.Paper with { Population = Population } };
        internal init;
    }

    /// <summary>Within (region and year effects) or between (year effects only).</summary>
    public PanelEffects Effects { get; init; } = PanelEffects.Within;

    /// <summary>Region-years used.</summary>
    public int N => Frame.N;

    /// <summary>Clusters (regions).</summary>
    public int Clusters => Frame.ClusterCount;

    /// <summary>The inference on one indicator.</summary>
    public WildBootstrapResult For(string indicator) =>
        Coefficients.FirstOrDefault(c => c.Column == NetMigrationPanel.Column(indicator))
        ?? throw new KeyNotFoundException($"indicator '{indicator}' is not in the model ({string.Join(", ", Spec.Indicators)})");
}

/// <summary>A what-if on the panel: the predicted change of a region's net migration if one indicator rose by a factor.</summary>
public sealed record PanelWhatIf(
    Region Region, string Indicator, double Factor, double RateChange, double RateLower, double RateUpper, PopulationDenominator Population, int PopulationYear)
    : IStudyResult
{
    /// <summary>The specification of the panel the what-if reads (<see cref="NetMigrationPanelResult.Specification"/>).</summary>
    public StudySpecification Specification { get; init; } = StudySpecification.Paper;

    /// <summary>Predicted change in persons per year: rate change × the panel's population / 1,000.</summary>
    public double PersonsChange => RateChange * Population.Value / 1000;

    public double PersonsLower => RateLower * Population.Value / 1000;

    public double PersonsUpper => RateUpper * Population.Value / 1000;
}

/// <summary>
/// The net migration panel (issue 15): for region i and year t,
/// <c>r_it = Σ_k β_k log(x_k,i,t−1 / x_k,KZ,t−1) + α_i + γ_t + ε_it</c>, where r_it is net migration (all flows: the
/// only balance published for every region-year) per 1,000 mean population (<see cref="MeanPopulation"/>), x_k the
/// socio-economic indicators relative to the national level, α_i region (territory) and γ_t year fixed effects. The
/// population is the specification's one rate denominator (<see cref="MigrationChoices.Population"/>, <see cref="RateDenominator"/>).
/// With year effects the national level only rescales each year, so β_k is the semi-elasticity of the net rate with
/// respect to a region's indicator: a 10 % higher x_k moves r by β_k·ln 1.1 per 1,000 (Greenwood 1997, "Internal
/// migration in developed countries", <i>Handbook of Population and Family Economics</i> 1B, §3; Etzo 2011 for the
/// regional net-rate form). Least squares with region dummies; CR1 standard errors clustered by region; p-values and
/// intervals by the wild cluster bootstrap (<see cref="WildClusterBootstrap"/>: the restricted test, inverted for the
/// interval by default), because 16–20 clusters are too few for the normal approximation (Cameron, Gelbach &amp; Miller
/// 2008; Roodman et al. 2019). The between-region form (<see cref="PanelEffects.Between"/>) drops α_i.
/// <para>Boundary changes: never mixed silently. With <see cref="PanelUnits.Territory"/> a region whose territory
/// changed becomes a new unit (its own α), and a regressor from another territory than the outcome's is missing (the
/// row is dropped and counted); with <see cref="PanelUnits.Stable"/> only unchanged units enter. Nothing is
/// harmonised except the mean population (additive).</para>
/// </summary>
public static class NetMigrationPanel
{
    /// <summary>The design column of an indicator.</summary>
    public static string Column(string indicator) => ColumnPrefix + indicator;

    /// <summary>The indicator of a design column (<see cref="Column"/>'s inverse); a column of another form is returned as it is.</summary>
    public static string IndicatorOf(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.StartsWith(ColumnPrefix, StringComparison.Ordinal) ? column[ColumnPrefix.Length..] : column;
    }

    private const string ColumnPrefix = "log_rel_";

    /// <summary>All region-years of the specification's window, used or not (with the reason); rates per <paramref name="population"/>.</summary>
    public static IReadOnlyList<PanelRow> Rows(WorkbenchData data, EstimationSpec spec, PopulationBasis population = PopulationBasis.MeanOfYear)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var id in spec.Indicators)
            if (!data.IndicatorDefinitions.ContainsKey(id))
                throw new ArgumentException($"unknown indicator '{id}'; known: {string.Join(", ", data.IndicatorDefinitions.Keys.Order(StringComparer.Ordinal))}");
        var regions = data.Regions;
        var rows = new List<PanelRow>();
        var windowEras = Enumerable.Range(spec.FromYear, spec.ToYear - spec.FromYear + 1).Select(BoundaryEra.OfYear).Distinct().ToList();
        for (var year = spec.FromYear; year <= spec.ToYear; year++)
        {
            foreach (var region in regions.UnitsInYear(year).OrderBy(r => r.Kato, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                var balanceObs = data.FindMigration(region.Key, year, Flow.All, Measure.Balance);
                var era = balanceObs?.Boundaries ?? BoundaryEra.OfYear(year);
                if (spec.Units == PanelUnits.Stable && !windowEras.All(e => regions.IsUnitOf(region, e) && SameTerritory(regions, region, e, era)))
                    continue;
                var missing = new List<string>();
                if (balanceObs is null) missing.Add($"no net migration (all flows) for {year}");
                var denominator = RateDenominator.Of(data, region, year, era, population);
                if (denominator is null) missing.Add(population switch
                {
                    PopulationBasis.MeanOfYear => $"no population at 1 January {year} or {year + 1}",
                    PopulationBasis.StartOfYear => $"no population at 1 January {year}",
                    _ => $"no population at 1 January {year + 1}",
                });
                double? rate = balanceObs is not null && denominator is not null ? 1000 * balanceObs.Value / denominator.Value : null;
                var regressors = new Dictionary<string, double?>(StringComparer.Ordinal);
                var source = spec.Lag ? year - 1 : year;
                foreach (var id in spec.Indicators)
                {
                    var (value, why) = Relative(data, region, id, source, era);
                    regressors[id] = value;
                    if (why is not null) missing.Add(why);
                }
                rows.Add(new PanelRow(region, UnitOf(regions, region, era), year, era, balanceObs?.Value, denominator, rate, regressors,
                    missing.Count == 0 ? null : string.Join("; ", missing)));
            }
        }
        return rows;
    }

    /// <summary>
    /// Estimates the panel on the data with the specification's choices: within regions (region and year effects, the
    /// baseline) or between them (year effects only; every complete region-year enters, since without region effects a
    /// unit's single year is informative).
    /// </summary>
    public static NetMigrationPanelResult Estimate(WorkbenchData data, EstimationSpec? spec = null, PanelEffects effects = PanelEffects.Within) =>
        Estimate(data, spec ?? EstimationSpec.Default, effects, PopulationBasis.MeanOfYear);

    /// <summary>
    /// Estimates the panel under a study specification: its estimation choices (<see cref="StudySpecification.Estimation"/>)
    /// and its rate denominator (<see cref="MigrationChoices.Population"/>); the result records <paramref name="specification"/>.
    /// </summary>
    public static NetMigrationPanelResult Estimate(WorkbenchData data, StudySpecification specification, PanelEffects effects = PanelEffects.Within)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Estimate(data, specification.Estimation, effects, specification.Migration.Population) with { Specification = specification };
    }

    private static NetMigrationPanelResult Estimate(WorkbenchData data, EstimationSpec spec, PanelEffects effects, PopulationBasis population)
    {
        var rows = Rows(data, spec, population);
        var observations = rows.Select(r => new ModelObservation(
            $"{r.Region.Key} {r.Year.ToString(CultureInfo.InvariantCulture)}", r.Rate,
            spec.Indicators.ToDictionary(Column, id => r.Regressors[id]),
            new Dictionary<string, string> { ["unit"] = r.Unit, ["year"] = r.Year.ToString(CultureInfo.InvariantCulture) },
            r.Region.Key)).ToList();
        var regressors = spec.Indicators.Select(Column).ToList();
        var frame = effects == PanelEffects.Within
            ? BuildWithoutSingletons(observations, regressors, ["unit", "year"])
            : ModelFrame.Build(observations, regressors, ["year"]);
        var fit = LinearRegression.Fit(frame);
        var inference = spec.Indicators.Select(id => WildClusterBootstrap.Test(fit, Column(id), spec.Bootstrap)).ToList();
        return new NetMigrationPanelResult(spec, rows, frame, fit, inference) { Effects = effects, Population = population };
    }

    /// <summary>
    /// Leave one region out: the panel re-estimated without each region (cluster) in turn, every indicator's coefficient
    /// with its CR1 standard error and bootstrap inference (the specification's interval and seed) on the other regions
    /// (<see cref="Influence.LeaveOneClusterOut"/>). A conclusion that one region carries shows here (issue 21: Astana city).
    /// </summary>
    public static IReadOnlyList<ClusterDeletion> LeaveOneRegionOut(NetMigrationPanelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Influence.LeaveOneClusterOut(result.Fit, [.. result.Spec.Indicators.Select(Column)], result.Spec.Bootstrap);
    }

    /// <summary>
    /// <see cref="LeaveOneRegionOut"/> as a table, one row per indicator and region left out, beside the estimate on all
    /// regions; <paramref name="deletions"/> if already computed.
    /// </summary>
    public static StudyTable LeaveOneRegionOutTable(NetMigrationPanelResult result, IReadOnlyList<ClusterDeletion>? deletions = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        deletions ??= LeaveOneRegionOut(result);
        var full = result.Coefficients.ToDictionary(c => c.Column);
        var order = result.Spec.Indicators.Select((id, k) => (Column(id), k)).ToDictionary(p => p.Item1, p => p.k);
        var indicator = result.Spec.Indicators.ToDictionary(Column);
        var rows = deletions.OrderBy(d => order[d.Column]).ThenBy(d => d.Cluster, StringComparer.Ordinal).ToList();
        return new StudyTable(result.Specification,
            new StringDataFrameColumn("indicator", rows.Select(d => indicator[d.Column])),
            new StringDataFrameColumn("region_left_out", rows.Select(d => d.Cluster)),
            new Int32DataFrameColumn("region_years_dropped", rows.Select(d => d.Observations)),
            new DoubleDataFrameColumn("coefficient", rows.Select(d => d.Result?.Estimate)),
            new DoubleDataFrameColumn("se_cr1", rows.Select(d => d.Result?.StdError)),
            new DoubleDataFrameColumn("ci_lower", rows.Select(d => d.Result?.Lower)),
            new DoubleDataFrameColumn("ci_upper", rows.Select(d => d.Result?.Upper)),
            new DoubleDataFrameColumn("p_wild_bootstrap", rows.Select(d => d.Result?.PValue)),
            new DoubleDataFrameColumn("coefficient_all_regions", rows.Select(d => (double?)full[d.Column].Estimate)),
            new DoubleDataFrameColumn("change", rows.Select(d => d.Result is null ? (double?)null : d.Result.Estimate - full[d.Column].Estimate)),
            new StringDataFrameColumn("note", rows.Select(d => d.Why ?? "")))
        {
            Units = new Dictionary<string, string> { ["coefficient"] = CoefficientUnit(result.Population) },
        };
    }

    /// <summary>
    /// The <paramref name="top"/> most influential region-years for each indicator: DFBETA (how far the coefficient moves
    /// when that region-year is left out), the coefficient without it, scaled DFBETAS (|DFBETAS| &gt; 2/√N flags it;
    /// Belsley, Kuh &amp; Welsch 1980), leverage, and the region-year's net migration in persons.
    /// </summary>
    public static StudyTable InfluenceTable(NetMigrationPanelResult result, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(result);
        var balance = result.Rows.ToDictionary(r => $"{r.Region.Key} {r.Year.ToString(CultureInfo.InvariantCulture)}", r => r.Balance, StringComparer.Ordinal);
        var threshold = 2 / Math.Sqrt(result.N);
        var rows = result.Spec.Indicators.SelectMany(id => Influence.DfBeta(result.Fit, Column(id)).Take(top).Select(x => (id, x))).ToList();
        return new StudyTable(result.Specification,
            new StringDataFrameColumn("indicator", rows.Select(r => r.id)),
            new StringDataFrameColumn("region_year", rows.Select(r => r.x.Label)),
            new DoubleDataFrameColumn("net_migration", rows.Select(r => balance.GetValueOrDefault(r.x.Label))),
            new DoubleDataFrameColumn("coefficient", rows.Select(r => r.x.Estimate)),
            new DoubleDataFrameColumn("dfbeta", rows.Select(r => r.x.DfBeta)),
            new DoubleDataFrameColumn("coefficient_without", rows.Select(r => r.x.WithoutIt)),
            new DoubleDataFrameColumn("dfbetas", rows.Select(r => r.x.DfBetas)),
            new StringDataFrameColumn("influential", rows.Select(r => Math.Abs(r.x.DfBetas) > threshold ? "yes" : "no")),
            new DoubleDataFrameColumn("leverage", rows.Select(r => r.x.Leverage)))
        {
            Units = new Dictionary<string, string>
            {
                ["net_migration"] = "persons", ["coefficient"] = CoefficientUnit(result.Population),
                ["dfbeta"] = "same as coefficient", ["coefficient_without"] = "same as coefficient",
            },
        };
    }

    /// <summary>
    /// The predicted change of a region's net migration rate if its <paramref name="indicator"/> were
    /// <paramref name="factor"/> times higher relative to the national level (β·ln factor, with the bootstrap interval
    /// of β scaled alike), and in persons at its mean population of the latest year of the window.
    /// </summary>
    public static PanelWhatIf WhatIf(NetMigrationPanelResult result, WorkbenchData data, string regionKey, string indicator, double factor = 1.10)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);
        if (!(factor > 0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "the factor must be positive");
        var b = result.For(indicator);
        if (!data.Regions.TryGet(regionKey, out var region) || region.IsCountry)
            throw new ArgumentException($"'{regionKey}' is not a region key; e.g. turkestan, almaty-city");
        // The region's population (the panel's rate denominator) in the latest year of the window that has one (the region
        // need not be in the estimation sample: the coefficient is common to all regions).
        var (year, population) = Enumerable.Range(result.Spec.FromYear, result.Spec.ToYear - result.Spec.FromYear + 1).Reverse()
            .Where(region.ReportsIn)
            .Select(y => (y, RateDenominator.Of(data, region, y, BoundaryEra.OfYear(y), result.Population)))
            .FirstOrDefault(x => x.Item2 is not null);
        if (population is null) throw new ArgumentException($"region '{regionKey}' has no {RateDenominator.Describe(result.Population)} in {result.Spec.FromYear}–{result.Spec.ToYear}");
        var l = Math.Log(factor);
        var (lo, hi) = (b.Lower * l, b.Upper * l);
        return new PanelWhatIf(region, indicator, factor, b.Estimate * l, Math.Min(lo, hi), Math.Max(lo, hi), population, year) { Specification = result.Specification };
    }

    /// <summary>The coefficient table: estimate, CR1 standard error, bootstrap p-value, the reported interval (WCR inverted by default) and the bootstrap critical value per indicator.</summary>
    public static StudyTable CoefficientTable(NetMigrationPanelResult result, WorkbenchData data)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = result.Coefficients;
        return new StudyTable(result.Specification,
            new StringDataFrameColumn("indicator", result.Spec.Indicators),
            new StringDataFrameColumn("label", result.Spec.Indicators.Select(id => data.IndicatorDefinitions[id].Label)),
            new DoubleDataFrameColumn("coefficient", c.Select(x => x.Estimate)),
            new DoubleDataFrameColumn("se_cr1", c.Select(x => x.StdError)),
            new DoubleDataFrameColumn("t", c.Select(x => x.T)),
            new DoubleDataFrameColumn("p_wild_bootstrap", c.Select(x => x.PValue)),
            new DoubleDataFrameColumn("ci_lower", c.Select(x => x.Lower)),
            new DoubleDataFrameColumn("ci_upper", c.Select(x => x.Upper)),
            new StringDataFrameColumn("interval", c.Select(x => x.Interval == BootstrapInterval.Wcr ? "WCR inverted" : "WCU percentile-t")),
            new StringDataFrameColumn("interval_excludes_zero", c.Select(x => x.ExcludesZero ? "yes" : "no")),
            new DoubleDataFrameColumn("wcu_lower", c.Select(x => x.UnrestrictedLower)),
            new DoubleDataFrameColumn("wcu_upper", c.Select(x => x.UnrestrictedUpper)),
            new DoubleDataFrameColumn("critical_bootstrap", c.Select(x => x.Critical)),
            new StringDataFrameColumn("effects", c.Select(_ => result.Effects == PanelEffects.Within ? "region and year" : "year only")),
            new Int32DataFrameColumn("n", c.Select(_ => result.N)),
            new Int32DataFrameColumn("clusters", c.Select(_ => result.Clusters)))
        {
            Units = new Dictionary<string, string> { ["coefficient"] = CoefficientUnit(result.Population) },
        };
    }

    /// <summary>
    /// The unit of measure of a coefficient of the panel: the change of the net migration rate (per 1,000 of the population
    /// <paramref name="basis"/>, <see cref="RateDenominator.RateUnit"/>) per unit of log(indicator / national level).
    /// </summary>
    public static string CoefficientUnit(PopulationBasis basis) => $"{RateDenominator.RateUnit(basis)} per unit of log(indicator / national)";

    /// <summary>Every region-year of the window: used or dropped, with the outcome, its denominator and the reason.</summary>
    public static StudyTable CoverageTable(NetMigrationPanelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var used = result.Frame.Labels.ToHashSet(StringComparer.Ordinal);
        var rows = result.Rows;
        string Label(PanelRow r) => $"{r.Region.Key} {r.Year.ToString(CultureInfo.InvariantCulture)}";
        return new StudyTable(result.Specification,
            new StringDataFrameColumn("region", rows.Select(r => r.Region.Key)),
            new StringDataFrameColumn("unit", rows.Select(r => r.Unit)),
            new Int32DataFrameColumn("year", rows.Select(r => r.Year)),
            new StringDataFrameColumn("boundaries", rows.Select(r => r.Era.Id)),
            new DoubleDataFrameColumn("net_migration", rows.Select(r => r.Balance)),
            new DoubleDataFrameColumn(PopulationColumn(result.Population), rows.Select(r => r.Population?.Value)),
            new DoubleDataFrameColumn("net_rate_per_1000", rows.Select(r => r.Rate)),
            new StringDataFrameColumn("used", rows.Select(r => used.Contains(Label(r)) ? "yes" : "no")),
            new StringDataFrameColumn("why_not", rows.Select(r => used.Contains(Label(r)) ? "" : r.Missing ?? "only year of its unit (a singleton adds nothing with unit effects)")))
        {
            Units = new Dictionary<string, string>
            {
                ["net_migration"] = "persons", [PopulationColumn(result.Population)] = "persons", ["net_rate_per_1000"] = RateDenominator.RateUnit(result.Population),
            },
        };
    }

    /// <summary>
    /// The column name of the panel's population in the tables: <c>mean_population</c> (the default basis),
    /// <c>population_1_january</c> or <c>population_end_of_year</c>.
    /// </summary>
    public static string PopulationColumn(PopulationBasis basis) => basis switch
    {
        PopulationBasis.MeanOfYear => "mean_population",
        PopulationBasis.StartOfYear => "population_1_january",
        _ => "population_end_of_year",
    };

    /// <summary>
    /// <see cref="SensitivityTable(WorkbenchData, EstimationSpec, IReadOnlyList{string})"/> under a study specification: each
    /// alternative of its estimation choices with its rate denominator; the table records <paramref name="specification"/>.
    /// </summary>
    public static StudyTable SensitivityTable(WorkbenchData data, StudySpecification specification, IReadOnlyList<string>? alternatives = null)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return new StudyTable(specification, Sensitivity(data, specification.Estimation, specification.Migration.Population, alternatives).Columns);
    }

    /// <summary>
    /// Sensitivity to the recorded choices: the panel re-estimated under each alternative (by default: the baseline,
    /// no lag, stable units only, Rademacher weights, and each indicator alone), one row per choice and coefficient.
    /// A choice that leaves too little data is reported with its reason instead of a number.
    /// </summary>
    public static DataFrame SensitivityTable(WorkbenchData data, EstimationSpec baseline, IReadOnlyList<string>? alternatives = null) =>
        Sensitivity(data, baseline, PopulationBasis.MeanOfYear, alternatives);

    private static DataFrame Sensitivity(WorkbenchData data, EstimationSpec baseline, PopulationBasis population, IReadOnlyList<string>? alternatives)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        alternatives ??= ["", $"lag={(baseline.Lag ? "no" : "yes")}", $"units={(baseline.Units == PanelUnits.Territory ? "stable" : "territory")}",
            $"weights={(baseline.Weights == BootstrapWeights.Webb ? "rademacher" : "webb")}", $"interval={(baseline.Interval == BootstrapInterval.Wcr ? "wcu" : "wcr")}",
            .. baseline.Indicators.Select(i => $"indicators={i}")];
        var (choice, indicator, estimate, lower, upper, p, n, note) = (new List<string>(), new List<string>(), new List<double?>(), new List<double?>(), new List<double?>(), new List<double?>(), new List<int?>(), new List<string>());
        foreach (var alternative in alternatives)
        {
            var spec = SpecificationParser.ParseEstimation(alternative, baseline);
            var label = alternative.Length == 0 ? "baseline" : alternative;
            try
            {
                var r = Estimate(data, spec, PanelEffects.Within, population);
                foreach (var id in spec.Indicators)
                {
                    var c = r.For(id);
                    choice.Add(label); indicator.Add(id); estimate.Add(c.Estimate); lower.Add(c.Lower); upper.Add(c.Upper); p.Add(c.PValue); n.Add(r.N); note.Add("");
                }
            }
            catch (EstimationException e)
            {
                choice.Add(label); indicator.Add(""); estimate.Add(null); lower.Add(null); upper.Add(null); p.Add(null); n.Add(null); note.Add(e.Message);
            }
        }
        return new DataFrame(
            new StringDataFrameColumn("choice", choice), new StringDataFrameColumn("indicator", indicator),
            new DoubleDataFrameColumn("coefficient", estimate), new DoubleDataFrameColumn("ci_lower", lower), new DoubleDataFrameColumn("ci_upper", upper),
            new DoubleDataFrameColumn("p_wild_bootstrap", p), new Int32DataFrameColumn("n", n), new StringDataFrameColumn("note", note));
    }

    /// <summary>A what-if as a one-row table: the change, its interval, in rate and in persons, with the population used.</summary>
    public static StudyTable WhatIfTable(PanelWhatIf w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new StudyTable(w.Specification,
            new StringDataFrameColumn("region", [w.Region.Key]),
            new StringDataFrameColumn("indicator", [w.Indicator]),
            new DoubleDataFrameColumn("factor", [w.Factor]),
            new DoubleDataFrameColumn("net_rate_change_per_1000", [w.RateChange]),
            new DoubleDataFrameColumn("rate_ci_lower", [w.RateLower]),
            new DoubleDataFrameColumn("rate_ci_upper", [w.RateUpper]),
            new DoubleDataFrameColumn(PopulationColumn(w.Specification.Migration.Population), [w.Population.Value]),
            new Int32DataFrameColumn("population_year", [w.PopulationYear]),
            new DoubleDataFrameColumn("persons_change_per_year", [w.PersonsChange]),
            new DoubleDataFrameColumn("persons_ci_lower", [w.PersonsLower]),
            new DoubleDataFrameColumn("persons_ci_upper", [w.PersonsUpper]))
        {
            Units = new Dictionary<string, string>
            {
                ["net_rate_change_per_1000"] = RateDenominator.RateUnit(w.Specification.Migration.Population), ["persons_change_per_year"] = "persons per year",
            },
        };
    }

    /// <summary>Notes that go with the tables: model, denominators, what was dropped.</summary>
    public static IReadOnlyList<string> Notes(NetMigrationPanelResult result)
    {
        var r = result;
        return
        [
            $"specification: {SpecificationFormatter.Format(r.Spec)}",
            r.Population == PopulationBasis.MeanOfYear
                ? "outcome: net migration, all flows (migration.csv), per 1,000 mean population = (1 January t + 1 January t+1) / 2 from population.csv (BNS revised series; not population_end_of_year)"
                : $"outcome: net migration, all flows (migration.csv), per 1,000 {RateDenominator.Describe(r.Population)} from population.csv (BNS revised series; not population_end_of_year); migration.population={RateDenominator.Code(r.Population)}",
            $"regressors: log(indicator / national level){(r.Spec.Lag ? " of year t−1" : " of year t")}; {(r.Effects == PanelEffects.Within ? "region (territory) and year fixed effects by dummies (within regions)" : "year fixed effects only (between regions: no region effects)")}",
            $"standard errors: CR1 clustered by region (G = {r.Clusters}); p-values: wild cluster bootstrap, restricted (WCR); intervals: {(r.Spec.Interval == BootstrapInterval.Wcr ? "the restricted test inverted (WCR; Roodman et al. 2019), the WCU percentile-t interval beside it" : "symmetric percentile-t (WCU)")}; {r.Spec.Weights} weights, B = {r.Spec.Replications}, seed {r.Spec.Seed}",
            $"used {r.N} region-years; dropped {r.Rows.Count - r.N} (missing values, a regressor on another territory than the outcome{(r.Effects == PanelEffects.Within ? ", or a unit with a single year" : "")}) — never zero-filled",
        ];
    }

    // log(x_i / x_KZ) of one indicator and year, if both exist and the value refers to the outcome's territory.
    private static (double? Value, string? Why) Relative(WorkbenchData data, Region region, string id, int year, BoundaryEra era)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        var obs = data.FindIndicator(region.Key, year, id);
        if (obs is null) return (null, $"no {id} for {y}");
        if (!(data.Regions.IsUnitOf(region, obs.Boundaries) && SameTerritory(data.Regions, region, obs.Boundaries, era)))
            return (null, $"{id} {y} refers to the {obs.Boundaries.Id}-era territory, the outcome to the {era.Id}-era one");
        var national = data.FindIndicator(data.Regions.Country.Key, year, id);
        if (national is null) return (null, $"no national {id} for {y}");
        if (obs.Value <= 0 || national.Value <= 0) return (null, $"{id} {y} is not positive (no logarithm)");
        return (Math.Log(obs.Value / national.Value), null);
    }

    // The panel unit: the key, with the era its territory began when it changed at some point.
    private static string UnitOf(RegionRegistry regions, Region region, BoundaryEra era)
    {
        var eras = BoundaryEra.All.Where(e => regions.IsUnitOf(region, e)).ToList();
        if (eras.All(e => SameTerritory(regions, region, e, era))) return region.Key;
        var start = eras.First(e => SameTerritory(regions, region, e, era));
        return $"{region.Key}@{start.Id}";
    }

    // Same era: same territory (RegionRegistry.Unchanged compares two different eras).
    private static bool SameTerritory(RegionRegistry regions, Region region, BoundaryEra a, BoundaryEra b) => a == b || regions.Unchanged(region, a, b);

    // A unit observed once is fitted exactly by its own dummy: it adds nothing to the slopes and would inflate N and K
    // in the CR1 factor (Correia 2015, "Singletons, cluster-robust standard errors and fixed effects"). Dropped before
    // the dummies are built, so a dropped unit can never be the reference level.
    private static ModelFrame BuildWithoutSingletons(IReadOnlyList<ModelObservation> observations, IReadOnlyList<string> regressors, IReadOnlyList<string> effects)
    {
        var complete = ModelFrame.Build(observations, regressors, effects);
        var used = complete.Labels.ToHashSet(StringComparer.Ordinal);
        var counts = observations.Where(o => used.Contains(o.Label)).GroupBy(o => o.Groups["unit"]).ToDictionary(g => g.Key, g => g.Count());
        var singles = observations.Where(o => used.Contains(o.Label) && counts[o.Groups["unit"]] == 1).Select(o => o.Label).ToHashSet(StringComparer.Ordinal);
        if (singles.Count == 0) return complete;
        var frame = ModelFrame.Build(observations.Where(o => !singles.Contains(o.Label)), regressors, effects);
        return frame with { Dropped = [.. frame.Dropped, .. singles.Order(StringComparer.Ordinal).Select(l => $"{l} (only year of its unit)")] };
    }
}
