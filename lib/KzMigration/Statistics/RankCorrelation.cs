using KzMigration.Scoring;

namespace KzMigration.Statistics;

/// <summary>
/// Spearman's rank correlation of paired observations with a bootstrap percentile interval.
/// </summary>
/// <param name="N">Complete pairs used (pairs with a missing value are left out, never filled).</param>
/// <param name="Rho">Spearman's ρ ∈ [−1, 1]; null when fewer than two pairs or when either variable's ranks do not vary.</param>
/// <param name="Lower">Lower end of the percentile interval; null when <see cref="Rho"/> is null, N &lt; 3 or no resample gave a defined ρ.</param>
/// <param name="Upper">Upper end of the percentile interval (same conditions).</param>
/// <param name="Confidence">Nominal coverage of the interval, e.g. 0.95.</param>
/// <param name="Draws">Bootstrap resamples drawn.</param>
/// <param name="Undefined">Resamples whose ρ was undefined (all drawn x or all drawn y tied); left out of the interval.</param>
/// <param name="Seed">Seed of the resampling (xoshiro256**): the same seed gives the same interval on every machine.</param>
public sealed record SpearmanResult(int N, double? Rho, double? Lower, double? Upper, double Confidence, int Draws, int Undefined, ulong Seed)
{
    /// <summary>E.g. "ρ = 0.42, 95 % CI [0.01, 0.74], n = 20" (invariant culture); "ρ undefined, n = 1" when it is.</summary>
    public override string ToString()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (Rho is not double rho) return string.Create(c, $"ρ undefined, n = {N}");
        var ci = Lower is double lo && Upper is double hi
            ? string.Create(c, $", {Confidence * 100:0.#} % CI [{lo:0.00}, {hi:0.00}]")
            : ", no interval";
        return string.Create(c, $"ρ = {rho:0.00}{ci}, n = {N}");
    }
}

/// <summary>
/// Rank correlation for small samples of regions (17–20 units), where a Pearson correlation would be driven by a
/// few outliers (Atyrau's GRP, the cities' balances).
/// <para><b>Spearman's ρ</b> (Spearman 1904, "The proof and measurement of association between two things",
/// Am. J. Psychol. 15:72–101) is Pearson's correlation of the mid-ranks: tied values share the mean of the ranks
/// they occupy, so ρ stays exact with ties (Kendall &amp; Gibbons 1990, <i>Rank Correlation Methods</i>, ch. 3). Range
/// [−1, 1]; +1 when the two orders agree, −1 when they are reversed, near 0 when unrelated.</para>
/// <para><b>Uncertainty</b>: a nonparametric bootstrap over units (Efron &amp; Tibshirani 1993, <i>An Introduction to the
/// Bootstrap</i>, ch. 13, percentile interval): draw n pairs with replacement, recompute ρ (mid-ranks again, so the
/// ties that resampling creates are handled), repeat B times; the interval runs between the (1−c)/2 and (1+c)/2
/// quantiles (linear interpolation between order statistics, Hyndman &amp; Fan 1996 type 7: <see cref="Quantiles.Linear"/>) of the defined resampled ρ.
/// With n ≈ 20 the interval is wide; it says how much the regions at hand support the sign of ρ, not a population
/// parameter. Deterministic: the draws come from a fixed generator (xoshiro256**) seeded by <c>seed</c>.</para>
/// </summary>
/// <example>x = (1, 2, 3, 4, 5), y = (2, 1, 4, 3, 5): ranks differ by d = (1, −1, 1, −1, 0), Σd² = 4,
/// ρ = 1 − 6·4 / (5·24) = 0.8.</example>
public static class RankCorrelation
{
    /// <summary>Default bootstrap resamples.</summary>
    public const int DefaultDraws = 2000;

    /// <summary>Default seed of the bootstrap.</summary>
    public const ulong DefaultSeed = 20240607;

    /// <summary>
    /// Mid-ranks of <paramref name="values"/>: rank 1 for the smallest, ties share the mean of their ranks
    /// (e.g. 10, 20, 20, 30 → 1, 2.5, 2.5, 4). Values must be finite.
    /// </summary>
    public static double[] MidRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Value {i + 1} is {values[i]}; ranks need finite values (leave missing pairs out).", nameof(values));
            order[i] = i;
        }
        Array.Sort(order, (a, b) => values[a] != values[b] ? values[a].CompareTo(values[b]) : a.CompareTo(b));
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) end++;
            var mid = (start + end) / 2.0 + 1; // mean of ranks start+1 … end+1
            for (var k = start; k <= end; k++) ranks[order[k]] = mid;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Spearman's ρ of complete pairs (Pearson correlation of mid-ranks); null when n &lt; 2 or a variable's ranks are constant.</summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values, y has {y.Count}; pairs must match.", nameof(y));
        if (x.Count < 2) return null;
        return Pearson(MidRanks(x), MidRanks(y));
    }

    /// <summary>
    /// Spearman's ρ of the complete pairs of (<paramref name="x"/>, <paramref name="y"/>) — pairs with a null on either
    /// side are left out — with a bootstrap percentile interval of coverage <paramref name="confidence"/> from
    /// <paramref name="draws"/> resamples seeded by <paramref name="seed"/>.
    /// </summary>
    public static SpearmanResult Bootstrap(IReadOnlyList<double?> x, IReadOnlyList<double?> y,
        int draws = DefaultDraws, ulong seed = DefaultSeed, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values, y has {y.Count}; pairs must match.", nameof(y));
        if (draws is < 1 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(draws), draws, "Bootstrap draws: 1 … 1,000,000.");
        if (!(confidence is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must lie strictly between 0 and 1.");
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < x.Count; i++)
            if (x[i] is double a && y[i] is double b) { xs.Add(a); ys.Add(b); }
        var n = xs.Count;
        var rho = n >= 2 ? Spearman(xs, ys) : null;
        if (rho is null || n < 3) return new SpearmanResult(n, rho, null, null, confidence, 0, 0, seed);

        var rng = new Xoshiro256(seed);
        var bx = new double[n];
        var by = new double[n];
        var defined = new List<double>(draws);
        var undefined = 0;
        for (var d = 0; d < draws; d++)
        {
            for (var i = 0; i < n; i++)
            {
                var pick = Math.Min((int)(rng.NextDouble() * n), n - 1);
                bx[i] = xs[pick];
                by[i] = ys[pick];
            }
            if (Spearman(bx, by) is double r) defined.Add(r);
            else undefined++;
        }
        if (defined.Count == 0) return new SpearmanResult(n, rho, null, null, confidence, draws, undefined, seed);
        defined.Sort();
        return new SpearmanResult(n, rho, Quantiles.Linear(defined, (1 - confidence) / 2), Quantiles.Linear(defined, (1 + confidence) / 2), confidence, draws, undefined, seed);
    }

    /// <summary>Quantile of sorted values by linear interpolation between order statistics: <see cref="Quantiles.Linear"/> (Hyndman &amp; Fan 1996, type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p) => Quantiles.Linear(sorted, p);

    private static double? Pearson(double[] a, double[] b)
    {
        var n = a.Length;
        double ma = 0, mb = 0;
        for (var i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa <= 0 || sbb <= 0) return null;
        return Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1);
    }
}
