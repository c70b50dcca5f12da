namespace KzMigration.Scoring;

/// <summary>Why a cell has (or lacks) points.</summary>
public enum CellStatus
{
    /// <summary>Scored.</summary>
    Scored,

    /// <summary>The region has no value for this indicator and year: unscored, not zero.</summary>
    MissingValue,

    /// <summary>The reference could not be formed (e.g. no published national figure): unscored.</summary>
    MissingReference,

    /// <summary>The reference is zero or negative, so a ratio means nothing: unscored.</summary>
    NonPositiveReference,

    /// <summary>Lower-is-better indicator with a zero or negative value (the reciprocal ratio is undefined): unscored.</summary>
    NonPositiveValue,
}

/// <summary>
/// One scored cell (region, indicator, year).
/// Ratio = 100 · value / reference (higher-is-better) or 100 · reference / value (lower-is-better), in percent.
/// </summary>
/// <param name="Region">Region.</param>
/// <param name="Indicator">Indicator.</param>
/// <param name="Year">Year.</param>
/// <param name="Value">The region's value, null when missing.</param>
/// <param name="Reference">The reference value, null when unavailable.</param>
/// <param name="Ratio">Ratio in percent, null when unscored.</param>
/// <param name="BandIndex">Band index (0 = lowest), null when unscored.</param>
/// <param name="Band">Band label, null when unscored.</param>
/// <param name="Points">Points of the band, null when unscored (never 0 for a missing value).</param>
/// <param name="EdgeDistance">Percentage points from the ratio to the nearest effective band boundary ("near the edge" when small).</param>
/// <param name="NearestThreshold">The nominal threshold of that boundary.</param>
/// <param name="Polarity">The indicator's polarity under the specification.</param>
/// <param name="Status">Why the cell is or is not scored.</param>
public readonly record struct ScoredCell(
    string Region, string Indicator, int Year,
    double? Value, double? Reference, double? Ratio,
    int? BandIndex, string? Band, double? Points,
    double? EdgeDistance, double? NearestThreshold,
    Polarity Polarity, CellStatus Status);

/// <summary>
/// A region's total in a year. <paramref name="Rank"/> is the competition ("1224") rank by descending total
/// among the regions with at least one scored indicator that year: tied totals (|Δ| ≤ 1e-9) share the best
/// rank and the next rank skips. A region with no scored indicator has no total and no rank.
/// </summary>
/// <param name="Region">Region.</param>
/// <param name="Year">Year.</param>
/// <param name="Total">Aggregated points, null when no indicator was scored.</param>
/// <param name="Rank">1 = highest total; null when unranked.</param>
/// <param name="Scored">Indicators that contributed points.</param>
/// <param name="Missing">Indicators of the specification that could not be scored.</param>
public sealed record RegionScore(string Region, int Year, double? Total, int? Rank, int Scored, int Missing);

/// <summary>
/// The scorecard, the outcome of <see cref="Scorecard.Score"/>: every cell, every region's total and rank per year, the
/// references used, and the specification that produced them.
/// </summary>
/// <param name="Spec">The specification.</param>
/// <param name="Indicators">Indicators scored, in order.</param>
/// <param name="Years">Years scored, ascending.</param>
/// <param name="Cells">Cells ordered by year, region (panel order), indicator (spec order).</param>
/// <param name="Regions">Region totals ordered by year, then rank (unranked last, then panel order).</param>
/// <param name="References">References per indicator and year.</param>
public sealed partial record Scorecard(
    ScoringSpec Spec, IReadOnlyList<string> Indicators, IReadOnlyList<int> Years,
    IReadOnlyList<ScoredCell> Cells, IReadOnlyList<RegionScore> Regions, IReadOnlyList<ReferenceLevel> References)
{
    /// <summary>Region totals of one year, best first.</summary>
    public IReadOnlyList<RegionScore> RegionsIn(int year) => [.. Regions.Where(r => r.Year == year)];

    /// <summary>
    /// Tidy rows for a regions × indicators heatmap of one year (colour = band, text = points): regions ordered
    /// by rank, indicators in specification order, unscored cells included with a null band. Chart-agnostic.
    /// </summary>
    public ScoringHeatmap Heatmap(int year)
    {
        if (!Years.Contains(year)) throw new ArgumentException($"Year {year} was not scored; scored years: {string.Join(", ", Years)}.", nameof(year));
        var regions = RegionsIn(year).Select(r => r.Region).ToArray();
        var order = regions.Select((r, k) => (r, k)).ToDictionary(p => p.r, p => p.k, StringComparer.Ordinal);
        var cells = Cells.Where(c => c.Year == year)
            .OrderBy(c => order[c.Region]).ThenBy(c => Indicators.IndexOf(c.Indicator))
            .Select(c => new HeatmapCell(c.Region, c.Indicator, c.BandIndex, c.Band, c.Points, c.Ratio,
                c.Points is double p ? p.ToString("+0.##;-0.##;0", System.Globalization.CultureInfo.InvariantCulture) : "n/a"))
            .ToArray();
        return new ScoringHeatmap(year, regions, Indicators, cells, Spec.Bands.Bands);
    }
}

/// <summary>One heatmap cell: <paramref name="BandIndex"/> for the colour, <paramref name="Text"/> (e.g. "+2", "-1", "n/a") for the label.</summary>
public sealed record HeatmapCell(string Region, string Indicator, int? BandIndex, string? Band, double? Points, double? Ratio, string Text);

/// <summary>Heatmap data of one year: axis orders, cells and the band legend (index → label, points).</summary>
public sealed record ScoringHeatmap(int Year, IReadOnlyList<string> Regions, IReadOnlyList<string> Indicators, IReadOnlyList<HeatmapCell> Cells, IReadOnlyList<Band> Legend);

file static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var k = 0; k < list.Count; k++) if (list[k] == item) return k;
        return -1;
    }
}
