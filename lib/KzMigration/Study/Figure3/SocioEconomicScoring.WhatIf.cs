using KzMigration.Specification;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Scoring;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

// What-if: the open choices one at a time, an edited panel against the paper's scoring, and the tables of a comparison.
public static partial class SocioEconomicScoring
{
    /// <summary>
    /// The choices the paper leaves open, one alternative at a time, in <see cref="Specification.SpecificationParser"/> syntax: the other
    /// references, no fallback reference where a year has no national figure (when the panel has such years), the other
    /// boundary rules for the printed gaps (94–95 %, 104–105 %), 0 instead of +0.5 for "medium",
    /// unemployment scored lower-is-better, the other housing price, programme prices flipped, housing scored as a cost,
    /// and leaving out each scored indicator in turn.
    /// </summary>
    public static IReadOnlyList<(string Choice, string Parameters)> Alternatives(SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var list = new List<(string, string)>
        {
            ("reference: median of the regions", "reference=median"),
            ("reference: unweighted mean of the regions", "reference=mean"),
            ("reference: population-weighted mean", "reference=weighted"),
            ("gaps: a value on a threshold stays below", "boundary=upper"),
            ("gaps: round to a whole percent first", "boundary=rounded"),
            ("medium scores 0 instead of +0.5", "points=-2,-1,0,1,2"),
            ("unemployment: lower is better", "invert=unemployment_rate"),
        };
        // Where a year has no published national figure for an indicator that has regional figures (the wage before 2022),
        // the fallback reference is an open choice too: leaving those cells unscored is the alternative.
        var p = panel.Panel;
        if (p.Indicators.Any(i => p.Years.Any(y => p.National(i, y) is null && p.Regions.Any(r => p.Value(r, i, y) is not null))))
            list.Add(("no national figure: leave the cells unscored instead of the median", "reference_fallback=none"));
        if (panel.Indicators.Contains(HousingChoice.FactorId))
        {
            // The housing choice (ScoringSpec.Housing) and the housing polarity are open choices too.
            var other = panel.Housing with { Price = panel.Housing.Price == HousingPrice.Resale ? HousingPrice.New : HousingPrice.Resale };
            list.Add(($"housing: {other.PriceCode} prices instead of {panel.Housing.PriceCode}", $"housing={other.PriceCode}"));
            var flip = panel.Housing.IncludesProgrammePrices ? "excluded" : "included";
            list.Add(($"housing: new-housing prices with state-programme prices {flip}", $"housing=new; programme_prices={flip}"));
            list.Add(("housing: a cost (lower price is better)", "invert=" + HousingChoice.FactorId));
        }
        foreach (var drop in panel.Indicators)
            list.Add(($"leave out {LabelOf(panel, drop)}", "indicators=" + string.Join(",", panel.Indicators.Where(i => i != drop))));
        return list;
    }

    /// <summary>
    /// <see cref="OneAtATimeTable(SocioEconomicPanel, ScoringSpec, int, string)"/> around the panel's own scoring
    /// (<see cref="SocioEconomicPanel.Spec"/>): each open choice alone against the specification the panel was built under.
    /// </summary>
    public static StudyTable OneAtATimeTable(SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        return OneAtATimeTable(panel, panel.Spec, year, language);
    }

    /// <summary>
    /// One-at-a-time what-if: each alternative of <see cref="Alternatives"/> applied alone to <paramref name="baseline"/>,
    /// scored for <paramref name="year"/> and compared with the baseline: cells that change band (among indicators scored
    /// in both), regions whose rank changes, the mean |rank shift| over regions ranked in both, and the largest move.
    /// The table records the panel's specification with <paramref name="baseline"/> as its scoring.
    /// </summary>
    public static StudyTable OneAtATimeTable(SocioEconomicPanel panel, ScoringSpec baseline, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(baseline);
        var before = Scorecard.Score(panel.For(baseline).Panel, baseline with { Years = [year] });
        var rows = new List<(string Choice, string Parameters, int Bands, int Ranks, double? Mean, string Largest)>();
        foreach (var (choice, parameters) in Alternatives(panel))
        {
            var spec = SpecificationParser.ParseScoring(parameters, baseline) with { Years = [year] };
            if (!panel.Panel.HasPopulation && spec.Reference == ReferenceKind.PopulationWeightedMean) continue;
            var cmp = WhatIf.Compare(before, Scorecard.Score(panel.For(spec).Panel, spec));
            var bands = cmp.BandChanges.Count(b => b.BandBefore is not null && b.BandAfter is not null);
            var ranked = cmp.Regions.Where(r => r.RankShift is not null).ToList();
            var moved = ranked.Where(r => r.RankShift != 0).ToList();
            var top = moved.OrderByDescending(r => Math.Abs(r.RankShift!.Value)).ThenBy(r => r.RankAfter).FirstOrDefault();
            rows.Add((choice, parameters, bands, moved.Count,
                ranked.Count == 0 ? null : Math.Round(ranked.Average(r => Math.Abs(r.RankShift!.Value)), 2, MidpointRounding.AwayFromZero),
                top is null ? "" : $"{panel.Label(top.Region, language)} {top.RankBefore} → {top.RankAfter}"));
        }
        return new StudyTable(panel.Record(baseline),
            new StringDataFrameColumn("choice", rows.Select(r => r.Choice)),
            new StringDataFrameColumn("parameters", rows.Select(r => r.Parameters)),
            new Int32DataFrameColumn("cells changing band", rows.Select(r => r.Bands)),
            new Int32DataFrameColumn("regions changing rank", rows.Select(r => r.Ranks)),
            new DoubleDataFrameColumn("mean |rank shift|", rows.Select(r => r.Mean)),
            new StringDataFrameColumn("largest move (rank before -> after)", rows.Select(r => r.Largest)));
    }

    /// <summary>
    /// What-if: scores <paramref name="before"/> on its own panel and the edited panel of <paramref name="after"/> under its
    /// specification, and compares (<see cref="WhatIf.Compare"/>). Each side keeps its own housing choice and analysed period,
    /// so «the paper's scoring» before is the paper's even when the run's period or housing choice differ; with one panel on
    /// both sides it is <see cref="WhatIf.Run"/>.
    /// </summary>
    public static ScoringComparison RunWhatIf(SocioEconomicPanel before, IEnumerable<ValueEdit> edits, SocioEconomicPanel after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return KzMigration.Scoring.WhatIf.Compare(before.Score(), Scorecard.Score(ValueEdit.Apply(after.Panel, edits), after.Spec));
    }

    /// <summary>What-if: every cell an edit touches in <paramref name="year"/>, before and after (value, % of reference, band, points), whether or not its band changed.</summary>
    public static StudyTable EditedCellsTable(ScoringComparison comparison, IEnumerable<ValueEdit> edits, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(panel);
        var touched = edits.Where(e => e.Year is null || e.Year == year)
            .Select(e => (IndicatorPanel.Key(e.Region), IndicatorPanel.Key(e.Indicator))).Distinct().ToList();
        ScoredCell? Find(Scorecard r, (string Region, string Indicator) key) =>
            r.Cells.Where(c => c.Year == year && IndicatorPanel.Key(c.Region) == key.Region && IndicatorPanel.Key(c.Indicator) == key.Indicator)
                .Select(c => (ScoredCell?)c).FirstOrDefault();
        var rows = touched.Select(k => (Before: Find(comparison.Before, k), After: Find(comparison.After, k))).Where(p => p.After is not null).ToList();
        return panel.Table(comparison.After,
            new StringDataFrameColumn("region", rows.Select(p => panel.Label(p.After!.Value.Region, language))),
            new StringDataFrameColumn("indicator", rows.Select(p => LabelOf(panel, p.After!.Value.Indicator))),
            new DoubleDataFrameColumn("value before", rows.Select(p => p.Before?.Value)),
            new DoubleDataFrameColumn("value after", rows.Select(p => p.After!.Value.Value)),
            new DoubleDataFrameColumn("% before", rows.Select(p => Round(p.Before?.Ratio, 1))),
            new DoubleDataFrameColumn("% after", rows.Select(p => Round(p.After!.Value.Ratio, 1))),
            new StringDataFrameColumn("band before", rows.Select(p => p.Before?.Band ?? "not scored")),
            new StringDataFrameColumn("band after", rows.Select(p => p.After!.Value.Band ?? "not scored")));
    }

    /// <summary>A short two-column table (item, value) for a run's settings and headline numbers.</summary>
    public static DataFrame SummaryTable(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        return new DataFrame(
            new StringDataFrameColumn("item", list.Select(i => i.Key)),
            new StringDataFrameColumn("value", list.Select(i => i.Value)));
    }

    /// <summary>What-if: the cells whose band changed (region, indicator, year, % and band before and after); only <paramref name="year"/> when given.</summary>
    public static StudyTable BandChangesTable(ScoringComparison comparison, SocioEconomicPanel panel, string language = "en", int? year = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(panel);
        var b = comparison.BandChanges.Where(x => year is null || x.Year == year).ToList();
        return panel.Table(comparison.After,
            new Int32DataFrameColumn("year", b.Select(x => x.Year)),
            new StringDataFrameColumn("region", b.Select(x => panel.Label(x.Region, language))),
            new StringDataFrameColumn("indicator", b.Select(x => LabelOf(panel, x.Indicator))),
            new DoubleDataFrameColumn("% before", b.Select(x => Round(x.RatioBefore, 1))),
            new DoubleDataFrameColumn("% after", b.Select(x => Round(x.RatioAfter, 1))),
            new StringDataFrameColumn("band before", b.Select(x => x.BandBefore ?? "not scored")),
            new StringDataFrameColumn("band after", b.Select(x => x.BandAfter ?? "not scored")),
            new DoubleDataFrameColumn("points before", b.Select(x => x.PointsBefore)),
            new DoubleDataFrameColumn("points after", b.Select(x => x.PointsAfter)));
    }

    /// <summary>What-if: totals and ranks of one year before and after, best (after) first; shift &gt; 0 = moved up.</summary>
    public static StudyTable RankChangesTable(ScoringComparison comparison, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(panel);
        var r = comparison.Regions.Where(x => x.Year == year).ToList();
        return panel.Table(comparison.After,
            new StringDataFrameColumn("region", r.Select(x => panel.Label(x.Region, language))),
            new DoubleDataFrameColumn("total before", r.Select(x => x.TotalBefore)),
            new DoubleDataFrameColumn("total after", r.Select(x => x.TotalAfter)),
            new Int32DataFrameColumn("rank before", r.Select(x => x.RankBefore)),
            new Int32DataFrameColumn("rank after", r.Select(x => x.RankAfter)),
            new Int32DataFrameColumn("rank shift", r.Select(x => x.RankShift)));
    }
}
