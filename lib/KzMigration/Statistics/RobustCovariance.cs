using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Statistics;

/// <summary>
/// Sandwich covariance matrices for least squares: V = (X'X)⁻¹ M (X'X)⁻¹ with a "meat" M built from the scores.
/// </summary>
public static class RobustCovariance
{
    /// <summary>
    /// Cluster-robust covariance with the CR1 small-sample correction (Liang &amp; Zeger 1986; Cameron &amp; Miller 2015,
    /// "A practitioner's guide to cluster-robust inference", J. Human Resources 50:317–372, eq. 11–12):
    /// V = c (X'X)⁻¹ [Σ_g X_g'û_g û_g'X_g] (X'X)⁻¹ with c = G/(G−1) · (N−1)/(N−K), G clusters, N observations, K
    /// columns of X (fixed-effect dummies included — the Stata <c>regress</c>/statsmodels convention for dummies). This is
    /// statsmodels' <c>OLS.fit(cov_type='cluster')</c> with its default correction.
    /// </summary>
    public static Matrix<double> Cr1(OlsFit fit) => Cr1(fit.Frame.X, fit.Residuals, fit.XtXInverse, fit.Frame.Clusters);

    internal static Matrix<double> Cr1(Matrix<double> x, Vector<double> residuals, Matrix<double> xtxInverse, IReadOnlyList<string> clusters)
    {
        var (n, k) = (x.RowCount, x.ColumnCount);
        var groups = GroupRows(clusters);
        var g = groups.Count;
        if (g < 2) throw new EstimationException("cluster-robust standard errors need at least two clusters");
        var meat = Matrix<double>.Build.Dense(k, k);
        var score = Vector<double>.Build.Dense(k);
        foreach (var rows in groups)
        {
            score.Clear();
            foreach (var i in rows) score.Add(x.Row(i) * residuals[i], score);
            meat += score.OuterProduct(score);
        }
        var c = g / (g - 1.0) * (n - 1.0) / (n - k);
        return c * (xtxInverse * meat * xtxInverse);
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
