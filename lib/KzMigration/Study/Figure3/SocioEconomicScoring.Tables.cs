using KzMigration.Specification;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Scoring;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

// Figure 3's tables: the panel (factors, missing figures, references, excluded figures, housing prices) and a scored result (percent of the reference, bands, points, changes between years, profiles).
public static partial class SocioEconomicScoring
{
    /// <summary>
    /// The housing prices of one year side by side: each unit's city (its administrative centre, whose price stands for
    /// it), the resale and new-housing price per m², the state programme of a new-housing price that is a programme
    /// price, and the value the panel scores under its housing choice (NA where missing or excluded). National row first.
    /// </summary>
    public static StudyTable HousingPricesTable(SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        var data = panel.Data;
        IndicatorObservation? Find(Region r, string id) => data.IndicatorDefinitions.ContainsKey(id) ? data.FindIndicator(r.Key, year, id) : null;
        var units = new[] { data.Regions.Country }.Concat(data.Regions.UnitsInYear(year).Where(r => !r.IsCountry)).ToList();
        var rows = units.Select(r => (Region: r, Resale: Find(r, "housing_price_resale_per_m2"), New: Find(r, "housing_price_new_per_m2"))).ToList();
        const string resale = "resale, KZT per m²", newHousing = "new housing, KZT per m²";
        return new StudyTable(panel.Specification,
            new StringDataFrameColumn("region", rows.Select(x => RegionLabels.Of(x.Region, language))),
            new StringDataFrameColumn("city", rows.Select(x => x.Resale?.City ?? x.New?.City ?? "")),
            new DoubleDataFrameColumn(resale, rows.Select(x => x.Resale?.Value)),
            new DoubleDataFrameColumn(newHousing, rows.Select(x => x.New?.Value)),
            new StringDataFrameColumn("new-housing price is a programme price of", rows.Select(x => x.New?.Programme ?? "")),
            new DoubleDataFrameColumn($"scored ({panel.Housing})", rows.Select(x =>
                x.Region.IsCountry ? panel.Panel.National(HousingChoice.FactorId, year) : panel.Panel.Value(x.Region.Key, HousingChoice.FactorId, year))))
        {
            Units = new Dictionary<string, string> { [resale] = "KZT per m²", [newHousing] = "KZT per m²" },
        };
    }

    /// <summary>
    /// The band scale of <paramref name="specification"/> as a table: each band's label, its lower bound in percent of the
    /// reference, and its points (under the paper's specification the scale printed before Figure 3, Bokayev &amp;
    /// Akhmetova, Results: below 70 % very low −2, 70–94 % low −1, 95–104 % medium +0.5, 105–149 % high +1, 150 % and more
    /// very high +2). The lowest band starts at 0: a percentage of a positive reference (<see cref="ReferenceLevel.PercentOf"/>)
    /// of a figure that cannot be negative (a price, a wage, a rate, a count per head).
    /// </summary>
    public static StudyTable BandsTable(StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var scale = specification.Scoring.Bands;
        var reference = specification.Scoring.Reference == ReferenceKind.PublishedNational ? "national level" : Describe(specification.Scoring.Reference);
        var lowerBound = $"from % of {reference}";
        return new StudyTable(specification,
            new StringDataFrameColumn("band", scale.Bands.Select(b => b.Label)),
            new DoubleDataFrameColumn(lowerBound, scale.Thresholds.Insert(0, 0).Select(t => (double?)t)),
            new DoubleDataFrameColumn("points", scale.Bands.Select(b => (double?)b.Points)))
        {
            Units = new Dictionary<string, string> { [lowerBound] = "%" },
        };
    }

    /// <summary>The factors as a table: factor, indicator key, scored or not, years, units in the latest year, what the paper says, note.</summary>
    public static StudyTable FactorsTable(SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var f = panel.Factors;
        return panel.Table(
            new StringDataFrameColumn("factor", f.Select(s => s.Factor.Name)),
            new StringDataFrameColumn("indicator", f.Select(s => s.Factor.IndicatorId)),
            new StringDataFrameColumn("status", f.Select(s => s.Available ? "scored" : "not bundled")),
            new StringDataFrameColumn("years", f.Select(s => s.Available ? string.Join(", ", s.Years) : "")),
            new Int32DataFrameColumn("units in latest year", f.Select(s => s.Available ? s.UnitsInLatestYear : (int?)null)),
            new StringDataFrameColumn("paper", f.Select(s => s.Factor.PaperWording)),
            new StringDataFrameColumn("note / how to import", f.Select(s => s.Available ? s.Note : $"{s.Note} Import: {s.ImportCommand}")));
    }

    /// <summary>The factors that cannot be scored with the data at hand: factor, indicator key, and the command that imports it.</summary>
    public static StudyTable MissingTable(SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var m = panel.Missing;
        return panel.Table(
            new StringDataFrameColumn("not bundled", m.Select(x => x.Factor.Name)),
            new StringDataFrameColumn("indicator key", m.Select(x => x.Factor.IndicatorId)),
            new StringDataFrameColumn("import with", m.Select(x => x.ImportCommand)));
    }

    /// <summary>Comparisons between years: from, to, number of comparable units, and the units excluded with the reason.</summary>
    public static DataFrame ComparabilityTable(IEnumerable<YearComparability> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var c = comparisons.ToList();
        return new DataFrame(
            new Int32DataFrameColumn("from", c.Select(x => x.From)),
            new Int32DataFrameColumn("to", c.Select(x => x.To)),
            new Int32DataFrameColumn("comparable units", c.Select(x => x.Comparable.Count)),
            new StringDataFrameColumn("excluded (reason)", c.Select(x => string.Join("; ", x.Excluded.Select(e => $"{e.Label} ({e.Reason})")))));
    }

    /// <summary>
    /// The candidate references of every scored factor in one year side by side: the published national figure (empty where
    /// there is none, as for the wage before 2022), the median, the unweighted and the population-weighted mean of the
    /// regions, and the median as % of the national figure — in 2022, where both exist, how far the fallback reference
    /// (<see cref="ScoringSpec.ReferenceFallback"/>) lies from the level the paper scores against.
    /// </summary>
    public static StudyTable ReferenceLevelsTable(SocioEconomicPanel panel, int year)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var p = panel.Panel;
        var rows = panel.Indicators.Where(i => p.Indicators.Contains(i)).Select(i =>
        {
            double? Of(ReferenceKind k) => ReferenceLevel.Compute(p, i, year, k).Value;
            var (national, median) = (Of(ReferenceKind.PublishedNational), Of(ReferenceKind.Median));
            return (Indicator: i, National: national, Median: median, Mean: Of(ReferenceKind.UnweightedMeanOfRegions),
                Weighted: p.HasPopulation ? Of(ReferenceKind.PopulationWeightedMean) : null,
                Share: Round(ReferenceLevel.PercentOf(median, national), 1));
        }).ToList();
        return panel.Table(
            new StringDataFrameColumn("indicator", rows.Select(r => LabelOf(panel, r.Indicator))),
            new DoubleDataFrameColumn("published national", rows.Select(r => r.National)),
            new DoubleDataFrameColumn("median of the regions", rows.Select(r => r.Median)),
            new DoubleDataFrameColumn("unweighted mean of the regions", rows.Select(r => r.Mean)),
            new DoubleDataFrameColumn("population-weighted mean", rows.Select(r => r.Weighted)),
            new DoubleDataFrameColumn("median, % of national", rows.Select(r => r.Share)),
            new StringDataFrameColumn("unit", rows.Select(r => UnitOf(panel.Data, r.Indicator))));
    }

    /// <summary>A reference kind in words, for captions: e.g. "published national figure".</summary>
    public static string Describe(ReferenceKind reference) => reference switch
    {
        ReferenceKind.PublishedNational => "published national figure",
        ReferenceKind.UnweightedMeanOfRegions => "unweighted mean of the regions",
        ReferenceKind.PopulationWeightedMean => "population-weighted mean of the regions",
        _ => "median of the regions",
    };

    /// <summary>The figures left out of the panel (region, indicator, year, boundaries, reason).</summary>
    public static StudyTable ExcludedTable(SocioEconomicPanel panel, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        var e = panel.Excluded;
        return panel.Table(
            new StringDataFrameColumn("region", e.Select(x => panel.Label(x.Region, language))),
            new StringDataFrameColumn("indicator", e.Select(x => x.Indicator)),
            new Int32DataFrameColumn("year", e.Select(x => x.Year)),
            new StringDataFrameColumn("boundaries", e.Select(x => x.Boundaries)),
            new StringDataFrameColumn("reason", e.Select(x => x.Reason)));
    }

    /// <summary>
    /// The units comparable between <paramref name="from"/> and <paramref name="to"/>: reporting in both years, territory
    /// unchanged between the two eras. E.g. 2021 → 2022 excludes East Kazakhstan, Almaty region and Karaganda (each lost
    /// territory to a new region on 8 June 2022) and Abai, Zhetisu and Ulytau (new); 2017 → 2018 excludes South
    /// Kazakhstan, Turkestan and Shymkent.
    /// </summary>
    public static YearComparability ComparableUnits(RegionRegistry regions, int from, int to, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(regions);
        var units = BoundaryPolicy.Comparability(regions, from, to);
        var comparable = units.Where(u => u.WhyNot is null).Select(u => u.Region).ToList();
        var excluded = units.Where(u => u.WhyNot is not null).Select(u => new ExcludedUnit(u.Region.Key, RegionLabels.Of(u.Region, language), u.WhyNot!)).ToList();
        return new YearComparability(from, to, comparable, excluded);
    }

    /// <summary>
    /// One scored year of <paramref name="result"/> as the region-by-indicator tables read it: its regions in rank order and
    /// its cells by (region, indicator). Refuses a result scored under another housing choice than <paramref name="panel"/>'s.
    /// </summary>
    private static (IReadOnlyList<RegionScore> Regions, Dictionary<(string Region, string Indicator), ScoredCell> Cells) ScoredYear(
        Scorecard result, SocioEconomicPanel panel, int year)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        return (result.RegionsIn(year), result.Cells.Where(c => c.Year == year).ToDictionary(c => (c.Region, c.Indicator)));
    }

    /// <summary>
    /// Region × indicator table of one year: each cell is the region's value as a percentage of the reference
    /// (<see cref="ScoredCell.Ratio"/>), NA where unscored; regions in rank order; plus the total and rank.
    /// </summary>
    public static StudyTable PercentOfReferenceTable(Scorecard result, SocioEconomicPanel panel, int year, string language = "en")
    {
        var (regions, cells) = ScoredYear(result, panel, year);
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("region", regions.Select(r => panel.Label(r.Region, language))),
        };
        foreach (var i in result.Indicators)
            columns.Add(new DoubleDataFrameColumn($"{LabelOf(panel, i)}, %", regions.Select(r => Round(cells[(r.Region, i)].Ratio, 1))));
        columns.Add(new DoubleDataFrameColumn("total points", regions.Select(r => r.Total)));
        columns.Add(new Int32DataFrameColumn("rank", regions.Select(r => r.Rank)));
        return panel.Table(result, [.. columns]);
    }

    /// <summary>
    /// Every cell of every scored year: year, region, indicator, the region's value, the reference, the ratio in %, the band
    /// and the points; unscored cells keep their status (missing value, missing reference …) and NA elsewhere.
    /// </summary>
    public static StudyTable CellsTable(Scorecard result, SocioEconomicPanel panel, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var c = result.Cells;
        return panel.Table(result,
            new Int32DataFrameColumn("year", c.Select(x => x.Year)),
            new StringDataFrameColumn("region", c.Select(x => panel.Label(x.Region, language))),
            new StringDataFrameColumn("indicator", c.Select(x => x.Indicator)),
            new DoubleDataFrameColumn("value", c.Select(x => x.Value)),
            new DoubleDataFrameColumn("reference", c.Select(x => x.Reference)),
            new DoubleDataFrameColumn("% of reference", c.Select(x => Round(x.Ratio, 1))),
            new StringDataFrameColumn("band", c.Select(x => x.Band ?? "")),
            new DoubleDataFrameColumn("points", c.Select(x => x.Points)),
            new StringDataFrameColumn("status", c.Select(x => x.Status.ToString())),
            // One unit per column: value and reference are in the indicator's own unit, which differs row to row
            // (last, so that the columns before keep their places).
            new StringDataFrameColumn("unit", c.Select(x => UnitOf(panel.Data, x.Indicator))),
            // Which reference the cell was scored against (a fallback says so), and the source of the value.
            new StringDataFrameColumn("reference used", c.Select(x => ReferenceOf(result, x.Indicator, x.Year) is { } r ? ReferenceCode(r) : "")),
            new StringDataFrameColumn("source", c.Select(x => panel.Figure(x.Region, x.Indicator, x.Year)?.Source.Id ?? "")));
    }

    private static ReferenceLevel? ReferenceOf(Scorecard result, string indicator, int year) =>
        result.References.FirstOrDefault(r => r.Indicator == indicator && r.Year == year);

    // E.g. "published", or "median (fallback: no published national figure)".
    private static string ReferenceCode(ReferenceLevel r) =>
        SpecificationFormatter.Reference(r.Kind) + (r.InsteadOf is { } asked ? $" (fallback: no {Describe(asked)})" : "");

    /// <summary>
    /// The notes every Figure 3 table of <paramref name="result"/> carries (of <paramref name="year"/> only, when given): the
    /// specification's text form; for each indicator scored against <see cref="ScoringSpec.ReferenceFallback"/> because its
    /// <see cref="ScoringSpec.Reference"/> could not be formed, which years and which reference (the workbench's reading: the
    /// paper scores 2022 against the national level); the years left unscored for want of any reference; and the figures
    /// that are BNS via a third-party compilation, with their source. E.g. «Average wage, 2015–2021: no published national
    /// figure; scored against the median of the regions (reference_fallback=median), the workbench's reading».
    /// </summary>
    public static IReadOnlyList<string> TableNotes(Scorecard result, SocioEconomicPanel panel, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var notes = new List<string> { SpecificationFormatter.Format(result.Spec) };
        var references = result.References.Where(r => year is null || r.Year == year).ToList();
        foreach (var group in references.Where(r => r.IsFallback).GroupBy(r => (r.Indicator, r.Kind, Asked: r.InsteadOf!.Value)))
            notes.Add($"{LabelOf(panel, group.Key.Indicator)}, {YearRuns.Format(group.Select(r => r.Year))}: no {Describe(group.Key.Asked)}; scored against the {Describe(group.Key.Kind)} " +
                      $"of the year (reference_fallback={SpecificationFormatter.Reference(group.Key.Kind)}), the workbench's reading, not the paper's.");
        var unscored = references.Where(r => r.Value is null && result.Cells.Any(c => c.Year == r.Year && c.Indicator == r.Indicator && c.Value is not null)).ToList();
        foreach (var group in unscored.GroupBy(r => r.Indicator))
            notes.Add($"{LabelOf(panel, group.Key)}, {YearRuns.Format(group.Select(r => r.Year))}: no reference could be formed ({group.First().Method}; " +
                      $"reference_fallback={(result.Spec.ReferenceFallback is { } f ? SpecificationFormatter.Reference(f) : "none")}): not scored.");
        var years = result.Years.Where(y => year is null || y == year).ToHashSet();
        var compiled = panel.Figures.Where(f => years.Contains(f.Observation.Year) && f.Observation.Source.IsThirdPartyCompilation && result.Indicators.Contains(f.Indicator));
        foreach (var group in compiled.GroupBy(f => (f.Indicator, f.Observation.Source)))
        {
            notes.Add($"{LabelOf(panel, group.Key.Indicator)}, {YearRuns.Format(group.Select(f => f.Observation.Year))}: {group.Key.Source.Standing} (source {group.Key.Source.Id}).");
        }
        return notes;
    }

    /// <summary>
    /// The unit of an indicator's values; the housing factor (<see cref="HousingChoice.FactorId"/>) takes the unit of the
    /// price series it is scored from (resale and new prices are both KZT per m²). Null when the indicator is not defined.
    /// </summary>
    private static string? UnitOf(WorkbenchData data, string indicator) =>
        data.IndicatorDefinitions.TryGetValue(indicator, out var d) ? d.Unit
        : indicator == HousingChoice.FactorId && data.IndicatorDefinitions.TryGetValue(HousingChoice.Default.IndicatorId, out var h) ? h.Unit
        : null;

    /// <summary>Ranks and totals of one year with the points of every indicator (NA where unscored), best first.</summary>
    public static StudyTable ScoresTable(Scorecard result, SocioEconomicPanel panel, int year, string language = "en")
    {
        var (regions, cells) = ScoredYear(result, panel, year);
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn("rank", regions.Select(r => r.Rank)),
            new StringDataFrameColumn("region", regions.Select(r => panel.Label(r.Region, language))),
        };
        foreach (var i in result.Indicators)
            columns.Add(new DoubleDataFrameColumn(LabelOf(panel, i), regions.Select(r => cells[(r.Region, i)].Points)));
        columns.Add(new DoubleDataFrameColumn("total points", regions.Select(r => r.Total)));
        columns.Add(new Int32DataFrameColumn("indicators scored", regions.Select(r => r.Scored)));
        return panel.Table(result, [.. columns]);
    }

    /// <summary>
    /// Totals of the comparable units (<see cref="ComparableUnits"/>) in two scored years over the indicators scored in
    /// both years against the same kind of reference (so that the totals count the same things), with the change. Units outside the comparison are left out
    /// (listed by <see cref="YearComparability.Excluded"/>).
    /// </summary>
    public static StudyTable YearChangeTable(Scorecard result, SocioEconomicPanel panel, int from, int to, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        var (common, rows) = YearChanges(result, panel, from, to);
        string f = from.ToString(CultureInfo.InvariantCulture), t = to.ToString(CultureInfo.InvariantCulture);
        return panel.Table(result,
            new StringDataFrameColumn("region", rows.Select(r => panel.Label(r.Region, language))),
            new DoubleDataFrameColumn($"total {f}", rows.Select(r => r.From)),
            new DoubleDataFrameColumn($"total {t}", rows.Select(r => r.To)),
            new DoubleDataFrameColumn("change", rows.Select(r => r.To - r.From)),
            new StringDataFrameColumn("indicators compared", rows.Select(_ => string.Join(", ", common))));
    }

    /// <summary>Totals over the indicators scored in both years, for the comparable units (see <see cref="YearChangeTable"/>).</summary>
    public static (IReadOnlyList<string> Indicators, IReadOnlyList<(string Region, double? From, double? To)> Rows) YearChanges(
        Scorecard result, SocioEconomicPanel panel, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        var comparable = ComparableUnits(panel.Data.Regions, from, to).Comparable.Select(r => IndicatorPanel.Key(r.Key)).ToHashSet();
        // Scored in both years and against the same kind of reference: a wage scored against the median of 2021 and the
        // national level of 2022 would change its points with the reference, not with the region.
        var common = result.Indicators.Where(i =>
            result.Cells.Any(c => c.Year == from && c.Indicator == i && c.Points is not null) &&
            result.Cells.Any(c => c.Year == to && c.Indicator == i && c.Points is not null) &&
            ReferenceOf(result, i, from)?.Kind == ReferenceOf(result, i, to)?.Kind).ToList();
        double? Total(string region, int year)
        {
            var points = result.Cells.Where(c => c.Year == year && c.Region == region && common.Contains(c.Indicator)).Select(c => c.Points).ToList();
            return points.Count == 0 || points.Any(p => p is null) ? null : points.Sum(p => p!.Value);
        }
        var rows = result.RegionsIn(to).Where(r => comparable.Contains(IndicatorPanel.Key(r.Region)))
            .Select(r => (r.Region, Total(r.Region, from), Total(r.Region, to))).ToList();
        return (common, rows);
    }

    /// <summary>
    /// A few regions' cells in one year (value as % of the reference, band, points), to check a reading of the paper
    /// against the data, e.g. Turkestan and Zhambyl.
    /// </summary>
    /// <param name="result">A scoring.</param>
    /// <param name="panel">The panel it scored.</param>
    /// <param name="year">Year.</param>
    /// <param name="regions">Region keys or names, in the order wanted.</param>
    /// <param name="language">Label language.</param>
    /// <param name="indicators">Only these indicators (keys); null = all scored.</param>
    public static StudyTable ProfileTable(Scorecard result, SocioEconomicPanel panel, int year, IEnumerable<string> regions, string language = "en",
        IEnumerable<string>? indicators = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var keys = regions.Select(IndicatorPanel.Key).ToList();
        var only = indicators?.Select(IndicatorPanel.Key).ToHashSet();
        var cells = result.Cells.Where(c => c.Year == year && keys.Contains(IndicatorPanel.Key(c.Region)) && (only is null || only.Contains(IndicatorPanel.Key(c.Indicator))))
            .OrderBy(c => keys.IndexOf(IndicatorPanel.Key(c.Region))).ToList();
        return panel.Table(result,
            new StringDataFrameColumn("region", cells.Select(c => panel.Label(c.Region, language))),
            new StringDataFrameColumn("indicator", cells.Select(c => LabelOf(panel, c.Indicator))),
            new DoubleDataFrameColumn("% of reference", cells.Select(c => Round(c.Ratio, 1))),
            new StringDataFrameColumn("band", cells.Select(c => c.Band ?? "not scored")),
            new DoubleDataFrameColumn("points", cells.Select(c => c.Points)));
    }

    /// <summary>The references ("average national level") of one year: indicator, kind, value and how it was formed.</summary>
    public static StudyTable ReferencesTable(Scorecard result, SocioEconomicPanel panel, int year)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var r = result.References.Where(x => x.Year == year).ToList();
        var units = panel.Data.IndicatorDefinitions;
        return panel.Table(result,
            new StringDataFrameColumn("indicator", r.Select(x => LabelOf(panel, x.Indicator))),
            new DoubleDataFrameColumn("reference", r.Select(x => x.Value)),
            new StringDataFrameColumn("unit", r.Select(x => units.TryGetValue(x.Indicator, out var d) ? d.Unit : "")),
            new StringDataFrameColumn("how it was formed", r.Select(x => x.Method)));
    }
}
