using KzMigration.Specification;
using System.Globalization;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KzMigration.Scoring;
using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Statistics;

namespace KzMigration.Claims;

/// <summary>
/// The paper's headline statements judged by the estimated models (issue 15, re-read in issue 21): the abstract's
/// «significant impact» of income, employment and the standard of living (E1–E3, judged by every model of
/// <see cref="FactorModels"/> with <see cref="EffectRule"/>), the conclusions' «not all measures … have an equal effect»
/// (E4) and the Results' projection for the three cities (E5). Each rule is written in the claim's
/// <see cref="Claim.Rule"/> and computation.
/// </summary>
public static class EstimatedClaims
{
    private const string Abstract = "economic factors, such as differences in income, employment opportunities and standard of living, have a significant impact on the decision to migrate within a country";

    /// <summary>Horizon of «in the next ten years»: ten years after 2024, the year after the paper's latest data (2023).</summary>
    public static readonly DateOnly ProjectionHorizon = new(2034, 1, 1);

    private static readonly string[] Cities = ["astana-city", "almaty-city", "shymkent-city"];

    /// <summary>The name of the net migration panel as a judge of E1–E3.</summary>
    public const string PanelModel = "net migration panel (all flows)";

    /// <summary>
    /// The models that judge E1–E3, in order; each reads one factor as a <see cref="FactorEvidence"/> (or says why it cannot),
    /// and <see cref="EffectRule"/> combines them (when they disagree, the claim says so).
    /// </summary>
    public static IReadOnlyList<FactorModel> FactorModels { get; } =
    [
        new(PanelModel, PanelReading),
        new(PushPullModelName, PushPullReading),
    ];

    /// <summary>The name of the push–pull gravity model (<see cref="PushPullModel"/>) as a judge of E1–E3.</summary>
    public const string PushPullModelName = "push–pull gravity model (interregional flows)";

    public static IReadOnlyList<Claim> All { get; } =
    [
        Factor("E1", "income", "income_per_capita", +1),
        Factor("E2", "employment opportunities", "unemployment_rate", -1),
        Factor("E3", "standard of living (read as GRP per capita: the workbench's reading; the paper names no measure)", "grp_per_capita", +1),
        new("E4",
            "The results of the study showed that not all measures and conditions have an equal effect on migration.",
            "Abstract (Conclusions); Discussion",
            "The «measures» are the state's policy measures the paper discusses (Abstract: «the effectiveness of economic instruments»; Results: tax benefits by region, " +
            "the Nurly Zher housing programme, credit for entrepreneurship, the Shymkent development plan; Discussion: «measures taken to regulate internal migration»). " +
            "Testing it needs each measure's reach by region and year and an estimate of each one's effect on migration; no such data are bundled. " +
            "The panel's coefficients of income, GRP per capita and unemployment are economic conditions, not measures: shown as context, never as a verdict.",
            new("policy measures by region and year (tax rates, programme housing, credit), migration", 2015, 2022),
            new("effects of the measures differ", "—"),
            UnequalEffects)
        {
            Layout = BoundaryLayout.ModelUnits,
            Rule = new(
                "data on the measures by region and year give effect estimates whose intervals do not overlap",
                "such data give intervals of the measures' differences inside a stated band of negligible differences",
                "such data give intervals that neither separate the effects nor show them equal",
                "no data on the policy measures the paper means: always, with the bundled data (the factor coefficients are context)"),
        },
        new("E5",
            "According to demographic projections, in the next ten years a third of the population of Kazakhstan will be concentrated in the main three megacities of the country.",
            "Introduction (state policy paragraph); Results",
            $"The paper cites «demographic projections» without naming them, so what they say cannot be checked; the statement itself becomes checkable against observed data on 1 January {ProjectionHorizon.Year}. " +
            "Observed: the share of Astana, Almaty and Shymkent in the population at 1 January (population.csv; Shymkent a city of republican significance from 2018). " +
            $"Context, not evidence: the workbench's own trend projections — linear in the share and linear in log(share ÷ rest), over 2018–2025 and 2022–2025 (after the census revision) — each with its share on 1 January {ProjectionHorizon.Year} and the year it would reach one third, with 95 % prediction intervals.",
            new("population at 1 January of the three cities and the country", 2018, ProjectionHorizon.Year),
            new($"≥ 33.3 % by 1 January {ProjectionHorizon.Year}", "observed share; one third exactly counts"),
            ThirdInCities)
        {
            Layout = BoundaryLayout.PaperNames,
            Names = Cities,
            Rule = new(
                $"an observed share at 1 January of a year up to {ProjectionHorizon.Year} reaches one third",
                $"the observed share at 1 January {ProjectionHorizon.Year} is below one third (and no earlier year reached it)",
                $"{VerdictRule.CannotOccur}: an observed share decides, or the year has not come",
                $"the projection the paper cites is not named, and the shares up to 1 January {ProjectionHorizon.Year} are not all observed: the workbench's projections are shown as context"),
        },
    ];

    private static Claim Factor(string id, string name, string indicator, int sign) =>
        new(id, Abstract, "Abstract (Results), Conclusions",
            $"For «{name}», every model in EstimatedClaims.FactorModels — the net migration panel of notebook 06 (baseline: {SpecificationFormatter.Format(EstimationSpec.Default)}; " +
            $"the coefficient of log({indicator} ÷ national), per 1,000 population) and the push–pull gravity model of interregional flows (the elasticity of a flow with respect to " +
            $"destination ÷ origin {indicator}, errors clustered by ordered pair; the paper's own measure) — gives its estimate, 95 % interval, " +
            $"minimum detectable effect at 80 % power and 5 % (Bloom 1995) and the claim's band of negligible effects (the specification's claims.negligible_*; default: " +
            $"{NegligibleEffects.Default.NetMigrationPer1000.ToString(CultureInfo.InvariantCulture)} per 1,000 net migration, {NegligibleEffects.Default.FlowPercent.ToString(CultureInfo.InvariantCulture)} % of a flow, per 10 % higher indicator). " +
            $"The claimed sign is {(sign > 0 ? "positive: higher attracts" : "negative: higher unemployment repels")}.",
            new($"net migration (all flows), population at 1 January, {indicator}", 2015, 2022),
            new(sign > 0 ? "coefficient > 0, interval excludes 0" : "coefficient < 0, interval excludes 0",
                "95 % intervals; a band of negligible effects (claims.negligible_*)"),
            (data, options) => FactorVerdict(data, options, name, indicator, sign))
        {
            Layout = BoundaryLayout.ModelUnits,
            Rule = EffectRule.Words(indicator, sign),
        };

    // One estimate per loaded data set and specification: the ledger evaluates several claims on the same models, and the
    // models are estimated with the specification the ledger runs under (<c>ClaimsLedger.Evaluate</c>'s), never another.
    private static readonly ConditionalWeakTable<WorkbenchData, ConcurrentDictionary<object, Lazy<(object? Result, string? Why)>>> Estimates = new();

    private static T? Estimated<T>(WorkbenchData data, object key, Func<T> estimate, out string? why) where T : class
    {
        var cache = Estimates.GetValue(data, _ => new());
        var (result, reason) = cache.GetOrAdd(key, _ => new Lazy<(object?, string?)>(() =>
        {
            try { return (estimate(), null); }
            catch (Exception e) when (e is EstimationException or ArgumentException) { return (null, e.Message); }
        })).Value;
        why = reason;
        return result as T;
    }

    // The panel under the ledger's estimation choices and its rate denominator (migration.population).
    private static NetMigrationPanelResult? Panel(WorkbenchData data, StudySpecification options, out string? why)
    {
        var study = StudySpecification.Paper with
        {
            Estimation = options.Estimation,
            Migration = MigrationChoices.Paper with { Population = options.Migration.Population },
        };
        return Estimated(data, ("panel", study.Estimation, study.Migration.Population), () => NetMigrationPanel.Estimate(data, study), out why);
    }

    private static PushPullResult? PushPull(WorkbenchData data, EstimationSpec spec, HousingChoice housing, out string? why) =>
        Estimated(data, ("push-pull", spec, housing), () => PushPullModel.Estimate(data, spec, housing), out why);

    /// <summary>
    /// The push–pull model's evidence on one factor (notebook 06, §3): the PPML elasticity of the flow from o to d with
    /// respect to the factor's ratio x_d ÷ x_o, its cluster-robust standard error (by ordered pair unless the specification
    /// says otherwise), the t_{G−1} interval and critical value, and the band of negligible effects as an elasticity
    /// (<see cref="NegligibleEffects.Elasticity"/>). The model is the paper's question on its own measure: moves between regions.
    /// </summary>
    public static ModelReading PushPullReading(WorkbenchData data, StudySpecification options, string indicator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var spec = options.Estimation;
        if (!spec.PushPull.Contains(indicator))
            return new ModelReading(PushPullModelName, null, $"{indicator} is not a factor of the push–pull model (estimation.push_pull={string.Join(",", spec.PushPull)})");
        var model = PushPull(data, spec, options.Scoring.Housing, out var why);
        if (model is null) return new ModelReading(PushPullModelName, null, $"a push–pull model that can be estimated ({why})");
        var f = model.For(indicator);
        if (!(f.StdError > 0)) return new ModelReading(PushPullModelName, null, $"a standard error for {indicator} (the model gives {f.StdError})");
        return new ModelReading(PushPullModelName, new FactorEvidence(
            PushPullModelName, f.Column, f.Estimate, f.StdError, f.Lower, f.Upper, f.Critical,
            "elasticity of the flow with respect to destination ÷ origin", f.N, f.Clusters,
            NegligibleEffects.Of(options).Elasticity,
            string.Create(CultureInfo.InvariantCulture, $"{NegligibleEffects.Of(options).FlowPercent:0.###} % of a flow per 10 % higher ratio"),
            string.Create(CultureInfo.InvariantCulture, $"{f.Confidence * 100:0} % t interval (t with {f.DegreesOfFreedom} degrees of freedom), {f.StandardErrors}, flow years {string.Join(", ", f.Years)}")));
    }

    /// <summary>
    /// The panel's evidence on one factor: its estimate, CR1 standard error and bootstrap interval (notebook 06), the
    /// interval's critical value taken as its half-width ÷ SE (the bootstrap c* when the interval is symmetric, the mean of
    /// the two sides' when it is not), and the band of negligible effects in the panel's units.
    /// </summary>
    public static ModelReading PanelReading(WorkbenchData data, StudySpecification options, string indicator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (!data.IndicatorDefinitions.ContainsKey(indicator) || !data.Indicators.Any(i => i.Indicator.Id == indicator && !i.Region.IsCountry))
            return new ModelReading(PanelModel, null, $"{indicator} by region (import it with `kzmig data import`)");
        var panel = Panel(data, options, out var why);
        if (panel is null) return new ModelReading(PanelModel, null, $"a panel that can be estimated ({why})");
        if (!panel.Spec.Indicators.Contains(indicator)) return new ModelReading(PanelModel, null, $"{indicator} is not a regressor of the panel");
        var r = panel.For(indicator);
        if (!(r.StdError > 0)) return new ModelReading(PanelModel, null, $"a standard error for {indicator} (the panel gives {r.StdError})");
        var critical = (r.Upper - r.Lower) / (2 * r.StdError);
        return new ModelReading(PanelModel, new FactorEvidence(
            PanelModel, r.Column, r.Estimate, r.StdError, r.Lower, r.Upper, critical,
            "per 1,000 population per unit of log(indicator ÷ national)", panel.N, r.Clusters,
            NegligibleEffects.Of(options).RateCoefficient,
            string.Create(CultureInfo.InvariantCulture, $"{NegligibleEffects.Of(options).NetMigrationPer1000:0.###} per 1,000 a year per 10 % higher indicator"),
            string.Create(CultureInfo.InvariantCulture, $"{r.Confidence * 100:0} % wild cluster bootstrap interval by region, {r.Weights} weights, B = {r.Replications}, seed {r.Seed}")));
    }

    /// <summary>
    /// E1–E3: every model's reading of <paramref name="indicator"/>, judged and combined by <see cref="EffectRule"/>; as context,
    /// not a second verdict, what each model's outcome measures and the push–pull model under the other clustering
    /// (<see cref="OtherClustering"/>), with whether the claim's verdict would change.
    /// </summary>
    public static ClaimVerdict FactorVerdict(WorkbenchData data, StudySpecification options, string name, string indicator, int sign)
    {
        ArgumentNullException.ThrowIfNull(options);
        var readings = FactorModels.Select(m => m.Read(data, options, indicator)).ToList();
        var (outcome, _) = EffectRule.Combine([.. readings.Select(r => EffectRule.Judge(r, sign))]);
        var context = string.Join(" ", new[]
        {
            readings.Any(r => r.Model == PanelModel && r.Evidence is not null) && readings.Any(r => r.Model == PushPullModelName && r.Evidence is not null)
                ? "The two models read the claim differently: the panel's outcome is net migration of all flows (international moves included), a weaker reading of a claim about " +
                  "the decision to migrate within the country than the push–pull model's, whose outcome is the flows between regions themselves."
                : readings.Any(r => r.Model == PanelModel && r.Evidence is not null)
                    ? "The panel's outcome is net migration of all flows (international moves included), a weaker reading of a claim about the decision to migrate within the country than flows between regions."
                    : "",
            OtherClustering(data, options, indicator, sign, readings, outcome),
            $"The models estimate associations across regions and years, not causal effects (notebook 06, §5); the band of negligible effects is the workbench's choice ({NegligibleEffects.Of(options)}), not the paper's.",
        }.Where(x => x.Length > 0));
        return EffectRule.Decide(indicator, sign, readings, context);
    }

    /// <summary>The same specification with the push–pull model's errors clustered the other way (by pair ⇄ two-way by origin and destination).</summary>
    private static StudySpecification WithOtherClustering(StudySpecification options)
    {
        var spec = options.Estimation;
        var other = spec.GravityCluster == GravityClustering.Pair ? GravityClustering.OriginDestination : GravityClustering.Pair;
        return options with { Estimation = spec with { GravityCluster = other } };
    }

    /// <summary>
    /// Context for E1–E3, never a second verdict: the push–pull model with its standard errors clustered the other way. Its
    /// factors vary only by region and year, so clustering by ordered pair treats the flows from and to one region as
    /// independent and overstates the precision; two-way clustering by origin and destination (17 each on the 2018 units;
    /// Cameron, Gelbach &amp; Miller 2011) allows for it. Says the factor's SE, interval and minimum detectable effect under it,
    /// what the rule would give on it, and whether the claim's verdict would change.
    /// </summary>
    private static string OtherClustering(WorkbenchData data, StudySpecification options, string indicator, int sign, IReadOnlyList<ModelReading> readings, ClaimOutcome outcome)
    {
        if (readings.FirstOrDefault(r => r.Model == PushPullModelName)?.Evidence is not { } current) return "";
        var reading = PushPullReading(data, WithOtherClustering(options), indicator);
        if (reading.Evidence is not { } e) return "";
        var twoWay = options.Estimation.GravityCluster == GravityClustering.Pair;
        var finding = EffectRule.Judge(reading, sign);
        var (other, _) = EffectRule.Combine([.. readings.Select(r => r.Model == PushPullModelName ? reading : r).Select(r => EffectRule.Judge(r, sign))]);
        // Every number below is formatted invariantly by FactorEvidence.Number.
        return (
            $"Context, not a second verdict: the push–pull model's factors vary only by region and year, so clustering by ordered pair overstates its precision; " +
            $"{(twoWay ? "clustered two-way by origin and destination instead" : "clustered by ordered pair instead, as the default does")} ({e.Inference}), " +
            $"{e.Factor} = {FactorEvidence.Number(e.Estimate)}, SE {FactorEvidence.Number(e.StdError)} (against {FactorEvidence.Number(current.StdError)}), " +
            $"95 % interval [{FactorEvidence.Number(e.Lower)}, {FactorEvidence.Number(e.Upper)}], minimum detectable effect {FactorEvidence.Number(e.MinimumDetectableFor(sign))} " +
            $"(against {FactorEvidence.Number(current.MinimumDetectableFor(sign))}); on its own the rule gives {ClaimsReport.Label(finding.Outcome)}. " +
            (other == outcome
                ? $"The claim's verdict does not change ({ClaimsReport.Label(outcome)})."
                : $"With these errors the claim's verdict would be {ClaimsReport.Label(other)}, not {ClaimsReport.Label(outcome)}."));
    }

    private static ClaimVerdict UnequalEffects(WorkbenchData data, StudySpecification options)
    {
        var missing = "data on the policy measures the paper means (tax benefits by region, programme housing such as Nurly Zher, credit for entrepreneurship, " +
                      "the Shymkent development plan: Abstract, Results, Discussion), by region and year, and an estimate of each measure's effect on migration; none is bundled, and BNS publishes none as a regional series";
        var panel = Panel(data, options, out var why);
        var context = panel is null
            ? $"Context: the net migration panel could not be estimated ({why})."
            : "Context, not evidence (economic conditions, not policy measures): " + string.Join("; ", panel.Coefficients.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Column} {FactorEvidence.Number(r.Estimate)} [{FactorEvidence.Number(r.Lower)}, {FactorEvidence.Number(r.Upper)}]"))) +
              " per 1,000 (notebook 06). Failing to show unequal effects of these would not show equal effects of the measures either.";
        return ClaimVerdict.NotTestable(missing, "—", "the paper's policy measures (Abstract, Results, Discussion)", string.Join(" ", new[] { context, PushPullContext(data, options) }.Where(x => x.Length > 0)), null);
    }

    /// <summary>
    /// E4's context from the push–pull model: each factor's elasticity with its interval under the specification's clustering
    /// and under the other one, and which factors' intervals exclude zero under each (economic conditions, not the paper's measures).
    /// </summary>
    private static string PushPullContext(WorkbenchData data, StudySpecification options)
    {
        var spec = options.Estimation;
        var model = PushPull(data, spec, options.Scoring.Housing, out var why);
        if (model is null) return $"The push–pull model could not be estimated ({why}).";
        var alternative = WithOtherClustering(options);
        var other = PushPull(data, alternative.Estimation, options.Scoring.Housing, out _);
        static string Interval(PushPullFactor f) => $"[{FactorEvidence.Number(f.Lower)}, {FactorEvidence.Number(f.Upper)}]";
        string Excluding(PushPullResult r) => r.Factors.Where(f => f.ExcludesZero).Select(f => f.Factor).ToList() is { Count: > 0 } x ? string.Join(", ", x) : "none";
        var thisWay = spec.GravityCluster == GravityClustering.Pair ? "by ordered pair" : "two-way by origin and destination";
        var otherWay = spec.GravityCluster == GravityClustering.Pair ? "two-way by origin and destination" : "by ordered pair";
        return (
            $"Context, not evidence — the push–pull model of interregional flows (elasticities of a flow with respect to destination ÷ origin; 95 % intervals clustered {thisWay}" +
            $"{(other is null ? "" : $" and {otherWay}")}): " +
            string.Join("; ", model.Factors.Select(f => $"{f.Factor} {FactorEvidence.Number(f.Estimate)} {Interval(f)}" +
                (other?.Factors.FirstOrDefault(g => g.Factor == f.Factor) is { } g ? $" / {Interval(g)}" : ""))) +
            $". Intervals excluding zero {thisWay}: {Excluding(model)}" + (other is null ? "." : $"; {otherWay}: {Excluding(other)}."));
    }

    /// <summary>The share of Astana, Almaty and Shymkent in the population at 1 January of each year with all four figures.</summary>
    public static IReadOnlyList<(int Year, double Share)> CityShares(WorkbenchData data, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(data);
        var shares = new List<(int, double)>();
        for (var year = from; year <= to; year++)
        {
            var date = new DateOnly(year, 1, 1);
            var total = data.PopulationAt(data.Regions.Country.Key, date)?.Value;
            var cities = Cities.Select(k => data.PopulationAt(k, date)?.Value).ToList();
            if (total is null or 0 || cities.Any(v => v is null)) continue;
            shares.Add((year, cities.Sum(v => v!.Value) / total.Value));
        }
        return shares;
    }

    private static ClaimVerdict ThirdInCities(WorkbenchData data, StudySpecification _)
    {
        var horizon = ProjectionHorizon.Year;
        const double third = 1.0 / 3;
        var shares = CityShares(data, 2018, horizon);
        static string Pc(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture);
        var reads = shares.SelectMany(s => Cities.Select(k => new UnitRead(data.Regions[k], Regions.BoundaryEra.OfYear(s.Year), s.Year))).ToList();
        var basis = shares.Count == 0 ? "population.csv (BNS, 1 January)"
            : $"population.csv (BNS, 1 January), {shares.Count} years {Text.Years(shares.Select(s => s.Year))}; the 2022 census revision lies inside the series";
        // The two readings the statement needs and the paper does not state: when «the next ten years» end, and what «the three megacities» are.
        var assumptions = $"Two assumptions of this reading: «in the next ten years» ends on 1 January {horizon} (ten years after 2024, the year after the paper's latest data, 2023); " +
                          "and «the main three megacities» are Astana, Almaty and Shymkent within their city limits as BNS counts them (cities of republican significance), not their agglomerations " +
                          "(the suburban districts of the surrounding regions are not counted).";
        var observed = assumptions + (shares.Count == 0 ? "" : " Observed shares: " + string.Join(", ", shares.Select(s => $"{s.Year}: {Pc(s.Share)} %")) + ".");
        if (shares.FirstOrDefault(s => s.Share >= third) is { Year: > 0 } reached)
            return ClaimVerdict.Reproduced($"observed share on 1 January {reached.Year}: {Pc(reached.Share)} %", basis, observed, null).Reading(reads);
        if (shares.FirstOrDefault(s => s.Year == horizon) is { Year: > 0 } last)
            return ClaimVerdict.Contradicted($"observed share on 1 January {horizon}: {Pc(last.Share)} %", basis, observed, null).Reading(reads);

        var projections = new List<string>();
        foreach (var form in new[] { ShareTrendForm.LinearShare, ShareTrendForm.LogRatio })
            foreach (var (from, to) in new[] { (2018, 2025), (2022, 2025) })
                if (shares.Count(s => s.Year >= from && s.Year <= to) >= 3)
                    projections.Add(ShareTrend.Project(shares, form, from, to, third, horizon).Describe("one third"));
        var found = shares.Count == 0 ? "—" : $"observed share on 1 January {shares[^1].Year}: {Pc(shares[^1].Share)} %";
        var context = string.Join(" ", new[]
        {
            observed,
            projections.Count == 0 ? "" : "PROJECTIONS (the workbench's own trends; not data, not evidence, not the paper's projection): " + string.Join("; ", projections) + ".",
            projections.Count == 0 ? "" : "The forms and windows disagree by years, and the 2022 census revision and the faster growth of 2024–2025 lie inside the series: the spread across them is part of the uncertainty.",
        }.Where(s => s.Length > 0));
        return ClaimVerdict.NotTestable(
            $"the projection the paper cites («according to demographic projections») is not named, so what it says cannot be checked; and the observed share up to 1 January {horizon} " +
            (shares.Count == 0 ? "(population at 1 January of Astana, Almaty, Shymkent and the country, population.csv)" : $"(loaded to 1 January {shares[^1].Year}; population.csv)"),
            found, basis, context, null).Reading(reads);
    }
}
