using System.Collections.Immutable;
using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Study;
using IndicatorPanel = KzMigration.Scoring.IndicatorPanel;

namespace KzMigration.Explorer.Model;

/// <summary>One cell of the Figure 3 heatmap, before (the paper's scoring) and under the scenario.</summary>
public sealed record HeatCell(string Indicator, double? Ratio, int? BandIndex, string? Band, double? Points, int? BandIndexBefore, string? BandBefore)
{
    /// <summary>The cell's band (or scored status) differs from the paper's baseline.</summary>
    public bool Changed => BandIndex != BandIndexBefore || Band != BandBefore;
}

/// <summary>One region's row: its cells, total and rank under the scenario and in the baseline.</summary>
public sealed record ScoreRow(string Region, string Label, IReadOnlyList<HeatCell> Cells, double? Total, int? Rank, double? TotalBefore, int? RankBefore)
{
    /// <summary>Places moved up (positive) or down; null when either is unranked.</summary>
    public int? RankShift => RankBefore - Rank;
}

/// <summary>What the Figure 3 page shows for a scenario.</summary>
public sealed record ScoringView(int Year, IReadOnlyList<int> Years, IReadOnlyList<string> PanelIndicators, IReadOnlyList<string> Indicators,
    IReadOnlyDictionary<string, string> IndicatorLabels, IReadOnlyList<ScoreRow> Rows, IReadOnlyList<Band> Legend, int ChangedCells, Scorecard Result);

/// <summary>A region's rank interval and its most likely bands under the Monte Carlo run.</summary>
public sealed record MonteCarloRow(string Region, string Label, int? DefaultRank, int? P5, int? Median, int? P95, double MeanAbsoluteShift,
    IReadOnlyList<(string Indicator, string Band, double Probability)> LikelyBands);

/// <summary>The Monte Carlo sensitivity of the scenario's scoring.</summary>
public sealed record MonteCarloView(int Draws, int Evaluations, IReadOnlyList<string> Factors, double MeanAbsoluteRankShift, IReadOnlyList<MonteCarloRow> Rows);

/// <summary>One region of the flows page.</summary>
public sealed record FlowRow(string Region, string Label, double? Balance, double? Arrivals, double? Departures, double? Coefficient, double? Effectiveness, string? Missing);

/// <summary>Which source a year's figures rest on.</summary>
public sealed record SourceUse(string SourceId, string Publisher, string Title, string Status, string Measures, int Values);

/// <summary>What the flows page shows for a scenario.</summary>
public sealed record FlowsView(int Year, IReadOnlyList<int> Years, Flow Flow, BoundaryEra Era, IReadOnlyList<FlowRow> Rows, IReadOnlyList<SourceUse> Sources,
    IReadOnlyList<string> Notes, IReadOnlyList<RegionShape> Shapes);

/// <summary>One claim's verdict under the scenario and in the baseline.</summary>
public sealed record ClaimRow(string Id, string Quote, string Computation, ClaimOutcome Baseline, ClaimOutcome Outcome, string Found, string Evidence)
{
    /// <summary>The verdict differs from the paper's baseline.</summary>
    public bool Changed => Baseline != Outcome;
}

/// <summary>The claims page: the four verdicts counted (reproduced, contradicted, inconclusive, not testable).</summary>
public sealed record ClaimsView(string Options, IReadOnlyList<ClaimRow> Rows, int Reproduced, int Contradicted, int Inconclusive, int NotTestable);

/// <summary>
/// The explorer's calls into the science core, one per page: each takes a <see cref="Scenario"/> and returns what the page
/// draws. Every number comes from the library (Scorecard, WhatIf, Sensitivity, Attractiveness, Harmonisation, the claims
/// ledger); this class only selects and arranges. Panels are built once per housing choice; the baseline is cached.
/// </summary>
public sealed class ExplorerEngine
{
    private readonly Dictionary<HousingChoice, SocioEconomicPanel> _panels = [];
    private readonly Dictionary<int, Scorecard> _baseline = [];
    private ClaimsReport? _baselineClaims;

    /// <summary>Builds an engine over loaded data.</summary>
    public ExplorerEngine(WorkbenchData data, string boundariesDirectory)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        BoundariesDirectory = boundariesDirectory;
    }

    /// <summary>The loaded data (bundle, plus an overlay if one was loaded).</summary>
    public WorkbenchData Data { get; }

    /// <summary>The folder of the boundary GeoJSON files.</summary>
    public string BoundariesDirectory { get; }

    /// <summary>The Figure 3 panel of a housing choice (built once).</summary>
    public SocioEconomicPanel Panel(HousingChoice housing)
    {
        if (!_panels.TryGetValue(housing, out var panel)) _panels[housing] = panel = SocioEconomicScoring.From(Data, housing);
        return panel;
    }

    /// <summary>The scenario's specification as scored for its year: the spec with <c>years</c> = the year shown.</summary>
    public static ScoringSpec SpecForYear(Scenario scenario) => scenario.Spec with { Years = [scenario.Year] };

    /// <summary>
    /// Scores the scenario: its edits applied to the panel of its housing choice, scored under its specification for its
    /// year (<see cref="Scorecard.Score"/>), compared with the paper's scoring of the unedited panel (<see cref="WhatIf.Compare"/>).
    /// </summary>
    public Scorecard Score(Scenario scenario)
    {
        var panel = Panel(scenario.Spec.Housing).Panel;
        var edited = scenario.Edits.IsEmpty ? panel : ValueEdit.Apply(panel, scenario.Edits);
        return Scorecard.Score(edited, SpecForYear(scenario));
    }

    /// <summary>The Figure 3 page.</summary>
    public ScoringView Scoring(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var paper = Panel(HousingChoice.Default);
        if (!_baseline.TryGetValue(scenario.Year, out var before))
            _baseline[scenario.Year] = before = Scorecard.Score(paper.Panel, paper.PaperSpec with { Years = [scenario.Year] });
        var panel = Panel(scenario.Spec.Housing);
        var after = Score(scenario);
        var comparison = WhatIf.Compare(before, after);
        var indicators = scenario.Spec.Indicators.IsEmpty ? panel.Indicators : [.. scenario.Spec.Indicators.Select(IndicatorPanel.Key)];
        var cellsAfter = after.Cells.Where(c => c.Year == scenario.Year).ToDictionary(c => (IndicatorPanel.Key(c.Region), IndicatorPanel.Key(c.Indicator)));
        var cellsBefore = before.Cells.ToDictionary(c => (IndicatorPanel.Key(c.Region), IndicatorPanel.Key(c.Indicator)));
        var rows = new List<ScoreRow>();
        foreach (var region in comparison.Regions.Where(r => r.Year == scenario.Year))
        {
            var key = IndicatorPanel.Key(region.Region);
            var cells = indicators.Select(i =>
            {
                cellsAfter.TryGetValue((key, IndicatorPanel.Key(i)), out var a);
                cellsBefore.TryGetValue((key, IndicatorPanel.Key(i)), out var b);
                return new HeatCell(i, a.Ratio, a.BandIndex, a.Band, a.Points, b.BandIndex, b.Band);
            }).ToList();
            rows.Add(new ScoreRow(region.Region, panel.Label(region.Region, scenario.Language), cells, region.TotalAfter, region.RankAfter, region.TotalBefore, region.RankBefore));
        }
        var labels = panel.IndicatorLabels.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new ScoringView(scenario.Year, panel.Years, panel.Indicators, indicators, labels, rows, scenario.Spec.Bands.Bands,
            rows.Sum(r => r.Cells.Count(c => c.Changed)), after);
    }

    /// <summary>
    /// The Monte Carlo sensitivity of the scenario (<see cref="Sensitivity.Run"/> on the edited panel, around the scenario's
    /// specification, the library's default design: thresholds ± 5, reference, polarity, leave-one-out), on one thread.
    /// </summary>
    public MonteCarloView MonteCarlo(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var panel = Panel(scenario.Spec.Housing);
        var edited = scenario.Edits.IsEmpty ? panel.Panel : ValueEdit.Apply(panel.Panel, scenario.Edits);
        var candidates = new SensitivityInput().PolarityCandidates.Where(c => edited.Indicators.Any(i => IndicatorPanel.Key(i) == IndicatorPanel.Key(c)));
        var result = Sensitivity.Run(edited,
            new SensitivityInput { Base = SpecForYear(scenario), Draws = scenario.Draws, Seed = scenario.Seed, PolarityCandidates = [.. candidates] },
            maxDegreeOfParallelism: 1);
        var bands = scenario.Spec.Bands.Bands;
        var rows = result.Ranks.Where(r => r.Year == scenario.Year).OrderBy(r => r.DefaultRank ?? int.MaxValue).Select(r => new MonteCarloRow(
            r.Region, panel.Label(r.Region, scenario.Language), r.DefaultRank, r.P5, r.Median, r.P95, r.MeanAbsoluteShift,
            [.. result.Bands.Where(b => b.Year == scenario.Year && IndicatorPanel.Key(b.Region) == IndicatorPanel.Key(r.Region) && b.Probabilities.Length > 0)
                .Select(b =>
                {
                    var best = 0;
                    for (var k = 1; k < b.Probabilities.Length; k++) if (b.Probabilities[k] > b.Probabilities[best]) best = k;
                    return (b.Indicator, best < bands.Length ? bands[best].Label : $"band {best + 1}", b.Probabilities[best]);
                })])).ToList();
        return new MonteCarloView(scenario.Draws, result.Evaluations, [.. result.Factors.Select(f => f.Name)], result.MeanAbsoluteRankShift, rows);
    }

    /// <summary>Years with any balance or arrivals of the scenario's flow.</summary>
    public IReadOnlyList<int> FlowYears(Flow flow) =>
        [.. Data.Migration.Where(m => m.Flow == flow && m.Period == Period.JanDec && !m.Region.IsCountry).Select(m => m.Year).Distinct().Order()];

    /// <summary>
    /// The flows page: balance, arrivals, departures, K and E of every unit in the scenario's year and flow, on the
    /// scenario's boundaries. Each year on its own boundaries: <see cref="Attractiveness.Compute(WorkbenchData, Flow, IEnumerable{int})"/>. Another era: the
    /// origin–destination matrix aggregated exactly (<see cref="WorkbenchData.FlowMatrix"/>) where one exists for an
    /// interregional flow, else Harmonisation.ToEra (additive series only; what it cannot express is a gap,
    /// named in the notes).
    /// </summary>
    public FlowsView Flows(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var year = scenario.Year;
        var flow = scenario.Flow;
        var own = BoundaryEra.OfYear(year);
        var era = scenario.EachYearOwnBoundaries ? own : scenario.Specification.Migration.Boundaries;
        var notes = new List<string>();
        var used = new List<MigrationObservation>();
        var rows = new List<FlowRow>();
        string Label(Region r) => RegionLabels.Of(r, scenario.Language);
        if (era.Id == own.Id)
        {
            foreach (var r in Attractiveness.Compute(Data, flow, [year]))
                rows.Add(new FlowRow(r.Region.Key, Label(r.Region), r.Balance ?? Data.MigrationValue(r.Region.Key, year, flow, Measure.Balance),
                    r.Arrivals, r.Departures, r.Coefficient, r.Effectiveness, r.Missing));
            used.AddRange(Data.Migration.Where(m => m.Year == year && m.Flow == flow && m.Period == Period.JanDec && !m.Region.IsCountry));
        }
        else if (flow == Flow.Interregional && Data.FlowMatrix(year, era) is { } matrix)
        {
            notes.Add($"{year} recounted on the {era}: the origin–destination matrix of {year}, aggregated exactly (moves between merged units drop out).");
            foreach (var f in matrix.ToRegionFlows())
            {
                var r = RegionAttractiveness.Of(f.Region, year, flow, f.Arrivals, f.Departures);
                rows.Add(new FlowRow(f.Region, Label(Data.Regions[f.Region]), r.Balance, r.Arrivals, r.Departures, r.Coefficient, r.Effectiveness, r.Missing));
            }
            used.AddRange(Data.DerivedFromMatrices(era).Where(m => m.Year == year));
        }
        else
        {
            var series = Harmonisation.ToEra(Data.Migration.Where(m => m.Year == year && m.Flow == flow && m.Period == Period.JanDec && !m.Region.IsCountry), era, Data.Regions);
            foreach (var gap in series.Gaps.GroupBy(g => g.Reason)) notes.Add($"{string.Join(", ", gap.Select(g => Label(g.Region)).Distinct())}: {gap.Key}");
            foreach (var region in Data.Regions.UnitsIn(era))
            {
                double? Value(Measure m) => series.Values.FirstOrDefault(v => v.Region.Key == region.Key && v.Measure == m)?.Value;
                var r = RegionAttractiveness.Of(region.Key, year, flow, Value(Measure.Arrivals), Value(Measure.Departures), "expressible on these boundaries");
                rows.Add(new FlowRow(region.Key, Label(region), Value(Measure.Balance), r.Arrivals, r.Departures, r.Coefficient, r.Effectiveness, r.Missing));
            }
            used.AddRange(series.Values);
        }
        var sources = used.GroupBy(m => (m.Source.Id, Codes.Of(m.Status)))
            .Select(g => new SourceUse(g.Key.Id, g.First().Source.Publisher, g.First().Source.Title, g.Key.Item2,
                string.Join(", ", g.Select(m => Codes.Of(m.Measure)).Distinct()), g.Count()))
            .OrderBy(s => s.SourceId, StringComparer.Ordinal).ToList();
        if (rows.Count == 0 || rows.All(r => r.Balance is null && r.Coefficient is null))
            notes.Add($"No {Codes.Of(flow)} figures for {year} in the loaded data (missing is missing: nothing is substituted).");
        IReadOnlyList<RegionShape> shapes;
        try { shapes = RegionGeometry.Read(BoundariesDirectory, era, Data.Regions); }
        catch (IOException ex) { shapes = []; notes.Add("map: " + ex.Message); }
        return new FlowsView(year, FlowYears(flow), flow, era, rows, sources, notes, shapes);
    }

    /// <summary>
    /// The specification the claims ledger runs under in a scenario: its whole specification — the coefficient flow, the
    /// housing choice and the band scale the heatmap classifies with, the analysed period, the estimation choices — so the
    /// claims page and the heatmap judge every cell on one scale. Only the sensitivity design is the paper's: the ledger reads
    /// none of it, and the scenario's draws (the Monte Carlo button's) must not make the ledger look changed. The page's «era»
    /// changes the flows page only: each claim reads regions on its own stated layout (<see cref="Claim.Layout"/>).
    /// </summary>
    public static StudySpecification LedgerSpecificationOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Specification with { Sensitivity = SensitivityDesign.Default };
    }

    /// <summary>The claims ledger under the scenario's specification, beside the paper's baseline (<see cref="ClaimsLedger.Evaluate"/>).</summary>
    public ClaimsView Claims(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _baselineClaims ??= ClaimsLedger.Evaluate(Data, StudySpecification.Paper);
        var specification = LedgerSpecificationOf(scenario);
        var report = specification == StudySpecification.Paper ? _baselineClaims : ClaimsLedger.Evaluate(Data, specification);
        var baseline = _baselineClaims.Results.ToDictionary(r => r.Claim.Id, r => r.Verdict.Outcome, StringComparer.Ordinal);
        var rows = report.Results.Select(r => new ClaimRow(r.Claim.Id, r.Claim.Quote, ClaimsReport.Statement(r.Claim),
            baseline.GetValueOrDefault(r.Claim.Id, r.Verdict.Outcome), r.Verdict.Outcome, r.Verdict.Found, r.Verdict.FullEvidence)).ToList();
        return new ClaimsView(ClaimsLedger.Describe(specification), rows, report.Reproduced, report.Contradicted, report.Inconclusive, report.NotTestable);
    }
}
