using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Statistics;

/// <summary>
/// Sandwich covariance matrices V = B M B: a "bread" B (the inverse Hessian: (X'X)⁻¹ for least squares,
/// (X' diag(μ̂) X)⁻¹ for Poisson) around a "meat" M built from the observations' scores s_i (x_i û_i for least squares,
/// x_i (y_i − μ̂_i) for Poisson) summed within clusters.
/// </summary>
public static class RobustCovariance
{
    /// <summary>
    /// Cluster-robust covariance of a least-squares fit with the CR1 small-sample correction (Liang &amp; Zeger 1986;
    /// Cameron &amp; Miller 2015, "A practitioner's guide to cluster-robust inference", J. Human Resources 50:317–372,
    /// eq. 11–12), clustered by the frame's clusters — <see cref="Clustered"/> with B = (X'X)⁻¹ and s_i = x_i û_i.
    /// statsmodels' <c>OLS.fit(cov_type='cluster')</c> with its default correction.
    /// </summary>
    public static Matrix<double> Cr1(OlsFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return Clustered(fit.XtXInverse, Scores(fit.Frame.X, fit.Residuals), fit.Frame.Clusters);
    }

    /// <summary>The scores s_i = x_i e_i as the rows of an N × K matrix (e the residuals, or y − μ̂ for Poisson).</summary>
    public static Matrix<double> Scores(Matrix<double> x, Vector<double> e)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(e);
        return x.MapIndexed((i, _, v) => v * e[i]);
    }

    /// <summary>
    /// One-way cluster-robust covariance with the CR1 correction: V = c · B [Σ_g s_g s_g'] B with s_g = Σ_{i∈g} s_i and
    /// c = G/(G−1) · (N−1)/(N−K), G clusters, N observations, K columns (fixed-effect dummies included, the Stata
    /// <c>regress</c> convention). This is statsmodels 0.13.5's <c>sandwich_covariance.cov_cluster(…, use_correction=True)</c>,
    /// which both <c>OLS.fit(cov_type='cluster')</c> and <c>GLM.fit(cov_type='cluster')</c> call with 1-D groups.
    /// </summary>
    public static Matrix<double> Clustered(Matrix<double> bread, Matrix<double> scores, IReadOnlyList<string> clusters)
    {
        ArgumentNullException.ThrowIfNull(bread);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(clusters);
        var (n, k) = (scores.RowCount, scores.ColumnCount);
        if (clusters.Count != n) throw new ArgumentException($"{clusters.Count} cluster labels for {n} observations", nameof(clusters));
        var groups = GroupRows(clusters);
        var g = groups.Count;
        if (g < 2) throw new EstimationException("cluster-robust standard errors need at least two clusters");
        if (n <= k) throw new EstimationException($"{n} observations for {k} parameters: no cluster-robust covariance");
        var sums = Matrix<double>.Build.Dense(g, k);
        for (var c = 0; c < g; c++)
            foreach (var i in groups[c])
                for (var j = 0; j < k; j++) sums[c, j] += scores[i, j];
        var meat = sums.TransposeThisAndMultiply(sums);
        var factor = g / (g - 1.0) * (n - 1.0) / (n - k);
        return factor * (bread * meat * bread);
    }

    /// <summary>
    /// Two-way cluster-robust covariance (Cameron, Gelbach &amp; Miller 2011, "Robust inference with multiway clustering",
    /// J. Bus. Econ. Stat. 29:238–249, eq. 2.11): V = V_1 + V_2 − V_{1∩2}, each a one-way <see cref="Clustered"/>
    /// covariance with its own CR1 factor G_c/(G_c−1)·(N−1)/(N−K) — by the first dimension, by the second, and by their
    /// intersection (e.g. origin, destination, and the ordered pair). This is statsmodels 0.13.5's
    /// <c>cov_cluster_2groups(…, use_correction=True)</c>, what <c>fit(cov_type='cluster')</c> calls with 2-D groups.
    /// The difference need not be positive semi-definite; <see cref="PositiveSemidefinite"/> is CGM's remedy.
    /// </summary>
    public static Matrix<double> TwoWay(Matrix<double> bread, Matrix<double> scores, IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count) throw new ArgumentException("the two cluster dimensions differ in length", nameof(second));
        IReadOnlyList<string> both = [.. first.Select((a, i) => a + "\u001F" + second[i])];
        return Clustered(bread, scores, first) + Clustered(bread, scores, second) - Clustered(bread, scores, both);
    }

    /// <summary>
    /// The matrix itself when it is positive semi-definite; otherwise its eigen-decomposition U Λ U' with the negative
    /// eigenvalues set to zero, U Λ⁺ U' (Cameron, Gelbach &amp; Miller 2011, §2.3). <c>Adjusted</c> says which. An eigenvalue
    /// counts as negative below −1e-12 × the largest absolute eigenvalue (rounding, not a real negative variance).
    /// </summary>
    public static (Matrix<double> Matrix, bool Adjusted) PositiveSemidefinite(Matrix<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var symmetric = (v + v.Transpose()) / 2;
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => c.Real).ToArray();
        var scale = values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (values.All(l => l >= -1e-12 * scale)) return (v, false);
        var clipped = Matrix<double>.Build.DiagonalOfDiagonalArray([.. values.Select(l => Math.Max(l, 0))]);
        return (evd.EigenVectors * clipped * evd.EigenVectors.Transpose(), true);
    }

    /// <summary>Row indices of each cluster, clusters in order of first appearance.</summary>
    internal static List<int[]> GroupRows(IReadOnlyList<string> clusters)
    {
        var order = new List<string>();
        var rows = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Count; i++)
        {
            if (!rows.TryGetValue(clusters[i], out var list)) { rows[clusters[i]] = list = []; order.Add(clusters[i]); }
            list.Add(i);
        }
        return [.. order.Select(c => rows[c].ToArray())];
    }

    /// <summary>Standard errors: square roots of the diagonal.</summary>
    public static Vector<double> StandardErrors(Matrix<double> covariance) => covariance.Diagonal().Map(Math.Sqrt);
}
