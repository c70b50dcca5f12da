using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Statistics;

/// <summary>
/// The clusters of a model's rows: one dimension (<see cref="Second"/> null), or two for two-way clustering. The
/// inference's degrees of freedom are G − 1, with G the smaller of the two dimensions' counts for two-way clustering
/// (Cameron &amp; Miller 2015, §VI.B; statsmodels' <c>df_resid_inference</c> with <c>use_t=True</c>, which uses the same
/// minimum).
/// </summary>
/// <param name="Description">What the clusters are, for notes: e.g. "ordered pair", "origin and destination (two-way)".</param>
/// <param name="First">The cluster of each row.</param>
/// <param name="Second">The cluster of each row in the second dimension, or null.</param>
public sealed record Clustering(string Description, IReadOnlyList<string> First, IReadOnlyList<string>? Second = null)
{
    /// <summary>Clusters in the first dimension.</summary>
    public int FirstCount => First.Distinct(StringComparer.Ordinal).Count();

    /// <summary>Clusters in the second dimension (0 for one-way clustering).</summary>
    public int SecondCount => Second?.Distinct(StringComparer.Ordinal).Count() ?? 0;

    /// <summary>G: the clusters of a one-way design, the smaller dimension of a two-way one.</summary>
    public int Clusters => Second is null ? FirstCount : Math.Min(FirstCount, SecondCount);

    /// <summary>Degrees of freedom of the t reference distribution: G − 1.</summary>
    public int DegreesOfFreedom => Clusters - 1;

    /// <summary>The CR1 covariance (<see cref="RobustCovariance.Clustered"/>, or <see cref="RobustCovariance.TwoWay"/>).</summary>
    public Matrix<double> Covariance(Matrix<double> bread, Matrix<double> scores) =>
        Second is null ? RobustCovariance.Clustered(bread, scores, First) : RobustCovariance.TwoWay(bread, scores, First, Second);

    /// <summary>The same clustering for a subset of the rows (e.g. the positive flows a log-linear model keeps).</summary>
    public Clustering Rows(IReadOnlyList<int> rows) =>
        new(Description, [.. rows.Select(i => First[i])], Second is null ? null : [.. rows.Select(i => Second[i])]);

    /// <summary>In words with the counts, e.g. "CR1 clustered by ordered pair (G = 272)".</summary>
    public override string ToString() => Second is null
        ? $"CR1 clustered by {Description} (G = {FirstCount})"
        : $"two-way CR1 clustered by {Description} (G = {FirstCount} and {SecondCount}; Cameron, Gelbach & Miller 2011)";
}

/// <summary>
/// One coefficient with a cluster-robust standard error and its t-based inference on <paramref name="DegreesOfFreedom"/>
/// (G − 1): t = β̂/se, the two-sided p-value of β = 0, and the interval β̂ ± t_{G−1, (1+c)/2}·se. The critical value is
/// exposed so that a minimum detectable effect (Bloom 1995) can be computed from <see cref="StdError"/>.
/// </summary>
/// <param name="Column">The regressor.</param>
/// <param name="Estimate">β̂.</param>
/// <param name="StdError">Cluster-robust (CR1) standard error.</param>
/// <param name="DegreesOfFreedom">G − 1.</param>
/// <param name="Confidence">Nominal coverage of the interval.</param>
public sealed record ClusteredCoefficient(string Column, double Estimate, double StdError, int DegreesOfFreedom, double Confidence = 0.95)
{
    /// <summary>t_{G−1} quantile of (1 + confidence)/2: 2.12 for 16 degrees of freedom at 95 %.</summary>
    public double Critical => StudentT.InvCDF(0, 1, DegreesOfFreedom, (1 + Confidence) / 2);

    /// <summary>t = β̂ / se.</summary>
    public double T => Estimate / StdError;

    /// <summary>Two-sided p-value of β = 0 from t_{G−1}.</summary>
    public double PValue => 2 * StudentT.CDF(0, 1, DegreesOfFreedom, -Math.Abs(T));

    /// <summary>Lower end of the interval β̂ − t·se.</summary>
    public double Lower => Estimate - Critical * StdError;

    /// <summary>Upper end of the interval β̂ + t·se.</summary>
    public double Upper => Estimate + Critical * StdError;

    /// <summary>Whether the interval excludes zero.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}

/// <summary>Cluster-robust inference on the named coefficients of a fit.</summary>
public static class ClusteredInference
{
    /// <summary>
    /// The coefficients <paramref name="reported"/> with standard errors from <paramref name="covariance"/>'s block of
    /// those columns. When that block is not positive semi-definite (possible with two-way clustering) it is replaced by
    /// its nearest PSD form (<see cref="RobustCovariance.PositiveSemidefinite"/>, as reghdfe does for the coefficients it
    /// reports) and <c>Adjusted</c> is true; fixed-effect dummies are not reported and not adjusted.
    /// </summary>
    public static (IReadOnlyList<ClusteredCoefficient> Coefficients, bool Adjusted) Coefficients(
        Vector<double> estimates, Matrix<double> covariance, IReadOnlyList<string> columns, IReadOnlyList<string> reported, int degreesOfFreedom, double confidence)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(reported);
        if (degreesOfFreedom < 1) throw new EstimationException("cluster-robust inference needs at least two clusters");
        var index = reported.Select(r => columns.IndexOf(r) is var j and >= 0 ? j : throw new KeyNotFoundException($"no column '{r}'; columns: {string.Join(", ", columns)}")).ToArray();
        var block = Matrix<double>.Build.Dense(index.Length, index.Length, (a, b) => covariance[index[a], index[b]]);
        var (psd, adjusted) = RobustCovariance.PositiveSemidefinite(block);
        return ([.. index.Select((j, a) => new ClusteredCoefficient(columns[j], estimates[j], Math.Sqrt(Math.Max(psd[a, a], 0)), degreesOfFreedom, confidence))], adjusted);
    }

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }
}
