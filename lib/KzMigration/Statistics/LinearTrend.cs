namespace KzMigration.Statistics;

/// <summary>A straight-line trend and its projection to a later x, with a prediction interval.</summary>
/// <param name="N">Points fitted.</param>
/// <param name="Intercept">a in y = a + b·x.</param>
/// <param name="Slope">b, change of y per unit of x.</param>
/// <param name="At">The x projected to.</param>
/// <param name="Projection">a + b·x₀.</param>
/// <param name="Lower">Lower end of the prediction interval for a new observation at x₀.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="Confidence">Nominal coverage.</param>
public sealed record TrendProjection(int N, double Intercept, double Slope, double At, double Projection, double Lower, double Upper, double Confidence);

/// <summary>
/// Least-squares linear trend y = a + b·x and its projection (extrapolation) to x₀ with the classical prediction
/// interval ŷ₀ ± t_{n−2, (1+c)/2} · s · √(1 + 1/n + (x₀ − x̄)² / Sxx), s² = Σ residuals² / (n − 2) (Draper &amp; Smith
/// 1998, <i>Applied Regression Analysis</i>, §3.2). The interval assumes the line stays straight and the errors are
/// independent and normal: a projection, never data.
/// </summary>
public static class LinearTrend
{
    public static TrendProjection Project(IReadOnlyList<double> x, IReadOnlyList<double> y, double at, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = x.Count;
        if (n != y.Count) throw new ArgumentException("x and y differ in length");
        if (n < 3) throw new ArgumentException("a trend with an interval needs at least three points");
        var (mx, my) = (x.Average(), y.Average());
        var sxx = x.Sum(v => (v - mx) * (v - mx));
        if (sxx == 0) throw new ArgumentException("x does not vary");
        var b = Enumerable.Range(0, n).Sum(i => (x[i] - mx) * (y[i] - my)) / sxx;
        var a = my - b * mx;
        var s2 = Enumerable.Range(0, n).Sum(i => Math.Pow(y[i] - a - b * x[i], 2)) / (n - 2);
        var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 2, (1 + confidence) / 2);
        var half = t * Math.Sqrt(s2 * (1 + 1.0 / n + (at - mx) * (at - mx) / sxx));
        var p = a + b * at;
        return new TrendProjection(n, a, b, at, p, p - half, p + half, confidence);
    }
}
