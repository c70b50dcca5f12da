using KzMigration.Specification;

namespace KzMigration.Scoring;

/// <summary>How a <see cref="ValueEdit"/> changes a value.</summary>
public enum EditOperation
{
    /// <summary>value · Amount (e.g. 1.2 for "+20 %").</summary>
    Multiply,

    /// <summary>value := Amount.</summary>
    Set,
}

/// <summary>
/// A hypothetical change to the data, e.g. "Turkestan's wages +20 %" =
/// <c>new ValueEdit("Turkestan", "avg_monthly_wage", null, EditOperation.Multiply, 1.2)</c>.
/// Region and indicator match by <see cref="IndicatorPanel.Key"/>; <paramref name="Year"/> null means every year.
/// Editing a region leaves the published national figure alone (ceteris paribus on the benchmark); references
/// computed from the regions (mean, median) move with it. Edit "Kazakhstan" to move the published figure.
/// </summary>
public sealed record ValueEdit(string Region, string Indicator, int? Year, EditOperation Operation, double Amount)
{
    /// <summary>The edit in the syntax <see cref="SpecificationParser.ParseEdits"/> reads.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Region}:{Indicator}{(Year is int y ? $"@{y}" : "")}{(Operation == EditOperation.Multiply ? "*" : "=")}{Amount:R}");

    /// <summary>
    /// Applies edits in order to a copy of the panel (the input is untouched). A missing value stays missing under
    /// <see cref="EditOperation.Multiply"/> and becomes the amount under <see cref="EditOperation.Set"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An edit matches no row of the panel, or yields a non-finite value.</exception>
    public static IndicatorPanel Apply(IndicatorPanel panel, IEnumerable<ValueEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(edits);
        var rows = panel.Values.ToArray();
        foreach (var edit in edits)
        {
            if (!double.IsFinite(edit.Amount)) throw new ArgumentException($"Edit '{edit}': amount must be finite.", nameof(edits));
            string region = IndicatorPanel.Key(edit.Region), indicator = IndicatorPanel.Key(edit.Indicator);
            var matched = 0;
            for (var n = 0; n < rows.Length; n++)
            {
                var row = rows[n];
                if ((edit.Year is int y && row.Year != y) || IndicatorPanel.Key(row.Indicator) != indicator || IndicatorPanel.Key(row.Region) != region) continue;
                matched++;
                var value = edit.Operation == EditOperation.Set ? edit.Amount : row.Value * edit.Amount;
                rows[n] = row with { Value = value };
            }
            if (matched == 0)
                throw new ArgumentException(
                    $"Edit '{edit}' matches no value in the panel (regions: {string.Join(", ", panel.Regions)}; indicators: {string.Join(", ", panel.Indicators)}; years: {string.Join(", ", panel.Years)}).",
                    nameof(edits));
        }
        return IndicatorPanel.Create(rows, panel.Population);
    }
}

/// <summary>A cell whose band (or scored status) differs between two results.</summary>
public sealed record BandChange(
    string Region, string Indicator, int Year,
    string? BandBefore, string? BandAfter, double? PointsBefore, double? PointsAfter, double? RatioBefore, double? RatioAfter);

/// <summary>A region's total and rank before and after. <see cref="RankShift"/> &gt; 0 means it moved up (rank number fell).</summary>
public sealed record RankChange(string Region, int Year, double? TotalBefore, double? TotalAfter, int? RankBefore, int? RankAfter)
{
    /// <summary>RankBefore − RankAfter; null when either is unranked.</summary>
    public int? RankShift => RankBefore - RankAfter;
}

/// <summary>What moved between two scorings (COINr's compare_coins): changed cells, and every region's totals and ranks.</summary>
/// <param name="Before">The first result (carries its specification).</param>
/// <param name="After">The second result.</param>
/// <param name="BandChanges">Cells whose band or status changed, ordered by year, region, indicator as in <paramref name="After"/>.</param>
/// <param name="Regions">Every region-year of either result, in <paramref name="After"/>'s order (rank), then those only in <paramref name="Before"/>.</param>
public sealed record ScoringComparison(Scorecard Before, Scorecard After, IReadOnlyList<BandChange> BandChanges, IReadOnlyList<RankChange> Regions)
{
    /// <summary>Region-years whose rank changed.</summary>
    public IEnumerable<RankChange> RankChanges => Regions.Where(r => r.RankBefore != r.RankAfter);
}

/// <summary>What-if analysis: change the data or the specification, rescore, and see what moved.</summary>
public static class WhatIf
{
    /// <summary>Compares two results cell by cell and region by region (matching by region and indicator key and year).</summary>
    public static ScoringComparison Compare(Scorecard before, Scorecard after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeCells = new Dictionary<(string, string, int), ScoredCell>();
        foreach (var c in before.Cells) beforeCells[(IndicatorPanel.Key(c.Region), IndicatorPanel.Key(c.Indicator), c.Year)] = c;
        var changes = new List<BandChange>();
        var seen = new HashSet<(string, string, int)>();
        foreach (var a in after.Cells)
        {
            var key = (IndicatorPanel.Key(a.Region), IndicatorPanel.Key(a.Indicator), a.Year);
            seen.Add(key);
            beforeCells.TryGetValue(key, out var b);
            if (b.Region is not null && b.BandIndex == a.BandIndex && b.Band == a.Band) continue;
            changes.Add(new BandChange(a.Region, a.Indicator, a.Year, b.Band, a.Band, b.Points, a.Points, b.Ratio, a.Ratio));
        }
        foreach (var b in before.Cells)
            if (!seen.Contains((IndicatorPanel.Key(b.Region), IndicatorPanel.Key(b.Indicator), b.Year)) && b.Band is not null)
                changes.Add(new BandChange(b.Region, b.Indicator, b.Year, b.Band, null, b.Points, null, b.Ratio, null));

        var beforeRegions = before.Regions.ToDictionary(r => (IndicatorPanel.Key(r.Region), r.Year));
        var regions = new List<RankChange>();
        foreach (var a in after.Regions)
        {
            beforeRegions.Remove((IndicatorPanel.Key(a.Region), a.Year), out var b);
            regions.Add(new RankChange(a.Region, a.Year, b?.Total, a.Total, b?.Rank, a.Rank));
        }
        foreach (var b in before.Regions)
            if (beforeRegions.ContainsKey((IndicatorPanel.Key(b.Region), b.Year)))
                regions.Add(new RankChange(b.Region, b.Year, b.Total, null, b.Rank, null));
        return new ScoringComparison(before, after, changes, regions);
    }

    /// <summary>
    /// Scores <paramref name="panel"/> under <paramref name="spec"/>, then the edited panel under
    /// <paramref name="specAfter"/> (default: the same specification), and compares.
    /// </summary>
    public static ScoringComparison Run(IndicatorPanel panel, ScoringSpec spec, IEnumerable<ValueEdit> edits, ScoringSpec? specAfter = null) =>
        Compare(Scorecard.Score(panel, spec), Scorecard.Score(ValueEdit.Apply(panel, edits), specAfter ?? spec));
}
