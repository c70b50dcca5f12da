using KzMigration.Specification;
using System.Globalization;
using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Study;

/// <summary>Whether one region-year has what a figure needs.</summary>
public enum NeedState
{
    /// <summary>Every series the figure needs has a figure for this region-year.</summary>
    Loaded,

    /// <summary>Some, not all, of the series needed are there (e.g. arrivals but not departures).</summary>
    Partial,

    /// <summary>None of the series needed is there.</summary>
    Missing,

    /// <summary>The unit did not exist that year (boundary reforms of 2018 and 2022).</summary>
    NotApplicable,
}

/// <summary>
/// What one of the paper's figures needs, region-year by region-year, against what is loaded. Cells of units
/// that did not exist are <see cref="NeedState.NotApplicable"/> and are not counted as needed.
/// </summary>
public sealed record FigureCoverage(string Figure, string Needs, IReadOnlyList<Region> Regions, IReadOnlyList<int> Years, IReadOnlyDictionary<(string Region, int Year), NeedState> Cells)
{
    public NeedState this[string regionKey, int year] => Cells.TryGetValue((regionKey, year), out var s) ? s : NeedState.NotApplicable;

    /// <summary>Region-years the figure needs (units that existed).</summary>
    public int Needed => Cells.Values.Count(s => s != NeedState.NotApplicable);

    public int Loaded => Cells.Values.Count(s => s == NeedState.Loaded);

    public int Partial => Cells.Values.Count(s => s == NeedState.Partial);

    /// <summary>«42 of 151 region-years loaded, 3 partial».</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Loaded} of {Needed} region-years loaded{(Partial > 0 ? $", {Partial} partial" : "")}");

    /// <summary>
    /// The coverage of each of the paper's three figures on <paramref name="data"/>, over the analysed period of
    /// <paramref name="options"/>: Figure 1 the interregional balance (or arrivals and departures, whose difference it is),
    /// Figure 2 the arrivals and departures of the options' coefficient flow (K = A/D needs both; the paper's reading:
    /// interregional), Figure 3 every factor the paper scores, in the last year.
    /// </summary>
    public static IReadOnlyList<FigureCoverage> OfPaperFigures(WorkbenchData data, StudySpecification? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= StudySpecification.Paper;
        var years = Enumerable.Range(options.Migration.FirstYear, options.Migration.LastYear - options.Migration.FirstYear + 1).ToList();
        var balance = data.Coverage(Flow.Interregional, Measure.Balance);
        var arrivals = data.Coverage(Flow.Interregional, Measure.Arrivals);
        var departures = data.Coverage(Flow.Interregional, Measure.Departures);
        var flow = options.Migration.CoefficientFlow;
        var (kArrivals, kDepartures) = flow == Flow.Interregional ? (arrivals, departures) : (data.Coverage(flow, Measure.Arrivals), data.Coverage(flow, Measure.Departures));
        var factors = SocioEconomicScoring.PaperFactors.Select(f => f.IndicatorId).ToList();
        var indicators = factors.Select(id => data.IndicatorDefinitions.ContainsKey(id) ? data.IndicatorCoverage(id) : null).ToList();

        static NeedState Of(int have, int of) => have == of ? NeedState.Loaded : have == 0 ? NeedState.Missing : NeedState.Partial;
        static bool Has(Coverage? c, Region r, int y) => c?[r.Key, y] is not null;

        return
        [
            Build(data.Regions, "Figure 1", $"interregional balance, Jan–Dec {years[0]}–{years[^1]}", years, (r, y) =>
                Has(balance, r, y) || (Has(arrivals, r, y) && Has(departures, r, y)) ? NeedState.Loaded
                : Has(arrivals, r, y) || Has(departures, r, y) ? NeedState.Partial : NeedState.Missing),
            Build(data.Regions, "Figure 2", $"{Codes.Of(flow)} arrivals and departures (K = A/D), Jan–Dec {years[0]}–{years[^1]}", years, (r, y) =>
                Of((Has(kArrivals, r, y) ? 1 : 0) + (Has(kDepartures, r, y) ? 1 : 0), 2)),
            Build(data.Regions, "Figure 3", $"the {factors.Count} factors the paper scores ({string.Join(", ", factors)}), {years[^1]}", [years[^1]], (r, y) =>
                Of(indicators.Count(c => Has(c, r, y)), factors.Count)),
        ];
    }

    private static FigureCoverage Build(RegionRegistry registry, string figure, string needs, IReadOnlyList<int> years, Func<Region, int, NeedState> state)
    {
        var regions = registry.All.Where(r => !r.IsCountry && years.Any(r.ReportsIn)).ToList();
        var cells = new Dictionary<(string, int), NeedState>();
        foreach (var r in regions)
            foreach (var y in years)
                cells[(r.Key, y)] = r.ReportsIn(y) ? state(r, y) : NeedState.NotApplicable;
        return new FigureCoverage(figure, needs, regions, years, cells);
    }
}

/// <summary>One of the paper's figures as the workbench reproduces it: the published figure id, and what it rests on.</summary>
public sealed record ReproducedFigure(string Figure, string FigureId, string Title, string RestsOn);

/// <summary>
/// What the report's opening page shows (the publishing layer's <c>FindingsPage</c> writes it): what the paper claims and what the
/// loaded data say about it (the claims ledger, one line per claim), the paper's three figures as reproduced, and what each figure
/// needs against what is loaded. Links point at report anchors written as <c>#kz-ref:NN:word</c> (notebook
/// number and a word of the section heading), which the report resolves to the section's stable anchor.
/// </summary>
public static class Findings
{
    /// <summary>The figures that stand for the paper's Figures 1–3 (ids of <c>out/figures/</c>) under the paper's specification.</summary>
    public static IReadOnlyList<ReproducedFigure> PaperFigures => PaperFiguresUnder(StudySpecification.Paper);

    /// <summary>
    /// The figures that stand for the paper's Figures 1–3 under <paramref name="options"/>: Figure 2 is notebook 03's K of the
    /// specification's coefficient flow (<see cref="MigrationChoices.CoefficientFlow"/>; the paper's reading, interregional, by default).
    /// </summary>
    public static IReadOnlyList<ReproducedFigure> PaperFiguresUnder(StudySpecification options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flow = Codes.Of(options.Migration.CoefficientFlow);
        var period = string.Create(CultureInfo.InvariantCulture, $"{options.Migration.FirstYear}–{options.Migration.LastYear}");
        return
        [
            new("Figure 1", "fig1-interregional-balance-2022", "Interregional migration balance by region, 2022",
                $"interregional balance, Jan–Dec 2022 (BNS); earlier years are not bundled as a full series — notebook 02 shows total net migration (all flows) for {period} instead"),
            options.Migration.CoefficientFlow == Flow.Internal
                ? new("Figure 2", "fig2-attractiveness-internal", "Attractiveness coefficient K = A/D, 2022 and 2023",
                    "internal arrivals and departures (BNS), which include moves inside a region and pull K towards 1; the paper's interregional K needs interregional arrivals and departures, not bundled")
                : new("Figure 2", "fig2-attractiveness-" + flow, $"Attractiveness coefficient K = A/D, {flow} flows, each year on its own boundaries",
                    $"{flow} arrivals and departures of every year of {period} that has them (the specification's coefficient flow, migration.flow); the years without them are missing, never substituted (notebook 03 lists them)"),
            new("Figure 3", "fig3-score-vs-k", "Socio-economic score against K, 2022",
                "the paper's five-band scale applied to the factors bundled for 2022 (GRP, income, wage, unemployment, doctors, housing where loaded), against K of internal flows, the only arrivals and departures bundled for 2022 (notebook 04 records migration.flow=internal for it); which of the paper's factors are loaded for which region is in the coverage panel below"),
        ];
    }

    /// <summary>Report anchor placeholder for the notebook section that checks a claim.</summary>
    public static string EvidenceLink(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        // Migration claims are checked in notebook 03 (Figures 1–2), socio-economic readings in notebook 04 (Figure 3), the
        // claims judged by the estimated models in notebook 06 (its coefficients), the rest in the ledger itself (notebook 08).
        if (claim.Layout == BoundaryLayout.ModelUnits) return "#kz-ref:06:coefficients";
        if (claim.Needs.Flow is not null || claim.Needs.FlowFromSpecification) return "#kz-ref:03:claims";
        return claim.Location.Contains("Figure 3", StringComparison.Ordinal) ? "#kz-ref:04:readings" : "#kz-ref:08:ledger";
    }
}
