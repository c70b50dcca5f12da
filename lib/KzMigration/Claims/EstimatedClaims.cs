using KzMigration.Specification;
using System.Globalization;
using System.Runtime.CompilerServices;
using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Statistics;

namespace KzMigration.Claims;

/// <summary>
/// The paper's headline statements judged by the estimated models (issue 15): the abstract's «significant impact» of
/// income, employment and the standard of living, the conclusions' «not all measures … have an equal effect», and
/// the Results' projection for the three cities. Each rule is written in the claim's computation.
/// </summary>
public static class EstimatedClaims
{
    private const string Abstract = "economic factors, such as differences in income, employment opportunities and standard of living, have a significant impact on the decision to migrate within a country";

    /// <summary>Horizon of «in the next ten years»: ten years after 2024, the year after the paper's latest data (2023).</summary>
    public static readonly DateOnly ProjectionHorizon = new(2034, 1, 1);

    private static readonly string[] Cities = ["astana-city", "almaty-city", "shymkent-city"];

    public static IReadOnlyList<Claim> All { get; } =
    [
        Factor("E1", "income", "income_per_capita", +1),
        Factor("E2", "employment opportunities", "unemployment_rate", -1),
        Factor("E3", "standard of living (read as GRP per capita: the workbench's reading; the paper names no measure)", "grp_per_capita", +1),
        new("E4",
            "The results of the study showed that not all measures and conditions have an equal effect on migration.",
            "Abstract, Conclusions",
            "Net migration panel (notebook 06, baseline specification): the effects differ demonstrably if at least one factor's 95 % wild-bootstrap interval excludes zero while another's does not, or two intervals that exclude zero do not overlap.",
            new("net migration (all flows), population at 1 January, income, GRP per capita, unemployment", 2015, 2022),
            new("unequal effects shown by the intervals", "95 % wild cluster bootstrap intervals"),
            UnequalEffects),
        new("E5",
            "According to demographic projections, in the next ten years a third of the population of Kazakhstan will be concentrated in the main three megacities of the country.",
            "Introduction (state policy paragraph)",
            $"Share of Astana, Almaty and Shymkent in the population at 1 January 2018–2025 (population.csv; Shymkent is a city of republican significance from 2018), a least-squares linear trend projected to {ProjectionHorizon:yyyy-MM-dd} with its 95 % prediction interval — a projection, not data. Reproduced if the whole interval reaches one third, contradicted if the whole interval stays below it.",
            new("population at 1 January of the three cities and the country", 2018, 2025),
            new("≥ 33.3 % by 2034", "95 % prediction interval of the linear trend"),
            ThirdInCities),
    ];

    private static Claim Factor(string id, string name, string indicator, int sign) =>
        new(id, Abstract, "Abstract (Results), Conclusions",
            $"Net migration panel (notebook 06, baseline specification: {SpecificationFormatter.Format(EstimationSpec.Default)}): the coefficient of log({indicator} / national) for «{name}». Reproduced if its 95 % wild cluster bootstrap interval excludes zero and its sign is the paper's implied one ({(sign > 0 ? "positive: higher attracts" : "negative: higher unemployment repels")}); contradicted otherwise.",
            new($"net migration (all flows), population at 1 January, {indicator}", 2015, 2022),
            new(sign > 0 ? "coefficient > 0, interval excludes 0" : "coefficient < 0, interval excludes 0", "95 % wild cluster bootstrap interval"),
            (data, _) => FactorVerdict(data, indicator, sign));

    // One estimate per loaded data set: the ledger evaluates several claims on the same panel.
    private static readonly ConditionalWeakTable<WorkbenchData, NetMigrationPanelResult> Panels = new();

    private static NetMigrationPanelResult? Panel(WorkbenchData data, out string? why)
    {
        why = null;
        if (Panels.TryGetValue(data, out var cached)) return cached;
        try
        {
            var result = NetMigrationPanel.Estimate(data, EstimationSpec.Default);
            Panels.AddOrUpdate(data, result);
            return result;
        }
        catch (Exception e) when (e is EstimationException or ArgumentException)
        {
            why = e.Message;
            return null;
        }
    }

    private static string Describe(WildBootstrapResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Column} = {r.Estimate:0.##} per 1,000, 95 % interval [{r.Lower:0.##}, {r.Upper:0.##}], bootstrap p = {r.PValue:0.###}");

    private static string Basis(NetMigrationPanelResult p) =>
        $"net migration panel: {p.N} region-years, {p.Clusters} regions, {p.Spec.Weights} weights, B = {p.Spec.Replications}, seed {p.Spec.Seed}";

    private static ClaimVerdict FactorVerdict(WorkbenchData data, string indicator, int sign)
    {
        if (!data.IndicatorDefinitions.ContainsKey(indicator) || !data.Indicators.Any(i => i.Indicator.Id == indicator && !i.Region.IsCountry))
            return ClaimVerdict.NotTestable($"{indicator} by region (import it with `kzmig data import`)", "—", "net migration panel", "", null);
        var panel = Panel(data, out var why);
        if (panel is null) return ClaimVerdict.NotTestable($"a panel that can be estimated ({why})", "—", "net migration panel", "", null);
        var r = panel.For(indicator);
        var holds = r.ExcludesZero && Math.Sign(r.Estimate) == sign;
        var found = Describe(r);
        var evidence = holds ? "the interval excludes zero with the implied sign"
            : r.ExcludesZero ? "the interval excludes zero but with the opposite sign"
            : "the interval includes zero: no effect distinguishable from none at 95 %";
        return ClaimVerdict.Decided(holds, found, Basis(panel), evidence + "; an association across regions and years, not a causal effect (notebook 06, §5)", null);
    }

    private static ClaimVerdict UnequalEffects(WorkbenchData data, ClaimOptions _)
    {
        var panel = Panel(data, out var why);
        if (panel is null) return ClaimVerdict.NotTestable($"a panel that can be estimated ({why})", "—", "net migration panel", "", null);
        var c = panel.Coefficients;
        var significant = c.Where(r => r.ExcludesZero).ToList();
        var holds = (significant.Count > 0 && significant.Count < c.Count)
                    || significant.Any(a => significant.Any(b => a.Upper < b.Lower));
        return ClaimVerdict.Decided(holds, string.Join("; ", c.Select(Describe)), Basis(panel),
            holds ? "the intervals distinguish the factors' effects" : "no factor's effect is distinguishable from zero or from another's at 95 %: the panel cannot show unequal effects", null);
    }

    private static ClaimVerdict ThirdInCities(WorkbenchData data, ClaimOptions _)
    {
        var years = new List<double>();
        var shares = new List<double>();
        var lines = new List<string>();
        for (var year = 2018; year <= 2025; year++)
        {
            var date = new DateOnly(year, 1, 1);
            var total = data.PopulationAt(data.Regions.Country.Key, date)?.Value;
            var cities = Cities.Select(k => data.PopulationAt(k, date)?.Value).ToList();
            if (total is null || cities.Any(v => v is null)) continue;
            var share = cities.Sum(v => v!.Value) / total.Value;
            years.Add(year);
            shares.Add(share);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{year}: {share * 100:0.0} %"));
        }
        if (years.Count < 3)
            return ClaimVerdict.NotTestable("population at 1 January of Astana, Almaty, Shymkent and the country, 2018–2025 (population.csv)", "—", "population.csv", "", null);
        var horizon = ProjectionHorizon.Year;
        var t = LinearTrend.Project(years, shares, horizon);
        var found = string.Create(CultureInfo.InvariantCulture,
            $"share {lines[^1]}; linear trend {t.Slope * 100:+0.00;-0.00} points a year; PROJECTION for 1 January {horizon}: {t.Projection * 100:0.0} % (95 % prediction interval {t.Lower * 100:0.0}–{t.Upper * 100:0.0} %)");
        var basis = $"population.csv (BNS, 1 January), {years.Count} years {years[0]}–{years[^1]}; the 2022 census revision lies inside the series";
        var evidence = "observed shares: " + string.Join(", ", lines) + ". A straight-line projection, not data and not the paper's (unnamed) demographic projection.";
        if (t.Lower >= 1.0 / 3) return ClaimVerdict.Reproduced(found, basis, evidence, null);
        if (t.Upper < 1.0 / 3) return ClaimVerdict.Contradicted(found, basis, evidence, null);
        return ClaimVerdict.NotTestable("a longer population series: the trend's prediction interval includes one third", found, basis, evidence, null);
    }
}
