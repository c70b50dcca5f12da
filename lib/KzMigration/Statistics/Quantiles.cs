namespace KzMigration.Statistics;

/// <summary>
/// Sample quantiles: the workbench's definitions, all here, each named for its definition in Hyndman &amp; Fan (1996),
/// "Sample quantiles in statistical packages", <i>The American Statistician</i> 50(4):361–365,
/// doi:10.1080/00031305.1996.10473566 (as MathNet.Numerics passes a <c>QuantileDefinition</c>). Which one a caller uses
/// follows from what it summarises:
/// <list type="bullet">
/// <item><see cref="Linear"/> (type 7) for continuous statistics — bootstrap correlations, bootstrap |t| — where a value
/// between two order statistics is meaningful; <see cref="Median"/> is its value at p = ½, and every median of the
/// workbench (the median reference level, the median housing price, the import's scale check) is that one.</item>
/// <item><see cref="NearestRank"/> (type 1, the inverse of the empirical distribution function) for ranks: a rank
/// interval reports ranks a region actually took (an integer), never «rank 3.4».</item>
/// </list>
/// </summary>
public static class Quantiles
{
    /// <summary>
    /// Quantile of sorted values by linear interpolation between order statistics: h = (n − 1)·p,
    /// Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based (Hyndman &amp; Fan 1996, type 7; R's default, numpy's «linear»).
    /// </summary>
    /// <param name="sorted">Values in ascending order (at least one).</param>
    /// <param name="p">Probability in [0, 1].</param>
    /// <example>(1, 2, 3, 4) at p = 0.25: h = 0.75, Q = 1 + 0.75·(2 − 1) = 1.75.</example>
    public static double Linear(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        if (!(p is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// The median of sorted values: the middle value, or the mean of the two middle values — <see cref="Linear"/> at
    /// p = ½ (Hyndman &amp; Fan 1996, type 7, and every other continuous definition agree here), written as (a + b)/2.
    /// </summary>
    /// <param name="sorted">Values in ascending order (at least one).</param>
    /// <example>(10, 20, 30) → 20; (10, 20, 30, 100) → 25.</example>
    public static double Median(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty) throw new ArgumentException("No values.", nameof(sorted));
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>
    /// Nearest-rank quantile of integer outcomes given as a histogram: the smallest outcome r ≥ 1 whose cumulative count
    /// reaches ⌈p·count⌉ (at least 1) — the inverse of the empirical distribution function (Hyndman &amp; Fan 1996, type 1).
    /// <paramref name="histogram"/>[r] counts outcome r; index 0 (the draws without an outcome, e.g. unranked) is left out,
    /// and <paramref name="count"/> is the number of outcomes from 1 on. Null when <paramref name="count"/> is 0.
    /// </summary>
    /// <example>Ranks 1, 1, 2, 5 (histogram [0, 2, 1, 0, 0, 1], count 4): p = 0.5 → 1 (need 2, reached at rank 1); p = 0.95 → 5.</example>
    public static int? NearestRank(ReadOnlySpan<long> histogram, long count, double p)
    {
        if (!(p is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        if (count == 0) return null;
        var need = Math.Max(1, (long)Math.Ceiling(p * count));
        long cumulative = 0;
        for (var r = 1; r < histogram.Length; r++)
        {
            cumulative += histogram[r];
            if (cumulative >= need) return r;
        }
        return histogram.Length - 1;
    }
}
