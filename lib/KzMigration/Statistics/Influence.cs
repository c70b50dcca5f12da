namespace KzMigration.Statistics;

/// <summary>
/// What leaving one observation out does to one least-squares coefficient.
/// </summary>
/// <param name="Label">The observation (e.g. «astana-city 2016»).</param>
/// <param name="Cluster">Its cluster.</param>
/// <param name="Column">The coefficient.</param>
/// <param name="Estimate">β̂_j on all observations.</param>
/// <param name="DfBeta">β̂_j − β̂_j(−i): how much the observation moves the estimate (positive: it pulls the estimate up).</param>
/// <param name="DfBetas">DFBETA scaled by s(−i)·√[(X'X)⁻¹]_jj (Belsley, Kuh &amp; Welsch 1980); |DFBETAS| &gt; 2/√N is their rule of thumb for «influential».</param>
/// <param name="Leverage">h_ii, the observation's diagonal of the hat matrix.</param>
public sealed record ObservationInfluence(string Label, string Cluster, string Column, double Estimate, double DfBeta, double DfBetas, double Leverage)
{
    /// <summary>β̂_j(−i), the estimate without the observation.</summary>
    public double WithoutIt => Estimate - DfBeta;
}

/// <summary>The model re-estimated without one cluster: the coefficient and its bootstrap inference, or why it cannot be estimated.</summary>
/// <param name="Cluster">The cluster left out.</param>
/// <param name="Observations">Its observations (rows dropped).</param>
/// <param name="Column">The coefficient.</param>
/// <param name="Result">The wild cluster bootstrap inference without the cluster (CR1 standard error, WCR p-value and interval), or null.</param>
/// <param name="Why">Why the model cannot be estimated without the cluster (null when it can).</param>
public sealed record ClusterDeletion(string Cluster, int Observations, string Column, WildBootstrapResult? Result, string? Why);

/// <summary>
/// Influence diagnostics for least squares: what one observation or one cluster does to a coefficient, shown before a
/// conclusion rests on it.
/// </summary>
public static class Influence
{
    /// <summary>
    /// DFBETA of every observation on <paramref name="column"/>, exact for least squares without refitting:
    /// β̂ − β̂(−i) = (X'X)⁻¹x_i û_i / (1 − h_ii) with h_ii = x_i'(X'X)⁻¹x_i; DFBETAS divides by
    /// s(−i)·√[(X'X)⁻¹]_jj with s(−i)² = [(N − K)s² − û_i²/(1 − h_ii)] / (N − K − 1) (Belsley, Kuh &amp; Welsch 1980,
    /// <i>Regression Diagnostics</i>, eq. 2.1, 2.7 and 2.9). statsmodels 0.13.5's <c>OLSInfluence(res).dfbeta</c> and
    /// <c>.dfbetas</c>, which refit N times, give the same. An observation with h_ii = 1 (fitted exactly by its own dummies)
    /// cannot be left out alone and is skipped. Ordered by |DFBETA|, largest first.
    /// </summary>
    public static IReadOnlyList<ObservationInfluence> DfBeta(OlsFit fit, string column)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var frame = fit.Frame;
        var j = frame.Column(column);
        var (n, k) = (frame.N, frame.K);
        var s2 = fit.Residuals.DotProduct(fit.Residuals) / (n - k);
        var ajj = fit.XtXInverse[j, j];
        var rowJ = fit.XtXInverse.Row(j);
        var result = new List<ObservationInfluence>(n);
        for (var i = 0; i < n; i++)
        {
            var xi = frame.X.Row(i);
            var h = xi.DotProduct(fit.XtXInverse * xi);
            if (1 - h < 1e-10) continue;
            var u = fit.Residuals[i];
            var dfbeta = rowJ.DotProduct(xi) * u / (1 - h);
            var s2i = ((n - k) * s2 - u * u / (1 - h)) / (n - k - 1);
            result.Add(new ObservationInfluence(frame.Labels[i], frame.Clusters[i], column, fit.Coefficients[j], dfbeta, dfbeta / Math.Sqrt(s2i * ajj), h));
        }
        return [.. result.OrderByDescending(r => Math.Abs(r.DfBeta)).ThenBy(r => r.Label, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Leave-one-cluster-out: for each cluster in turn, the model refitted without its rows (a fixed-effect level left
    /// without rows loses its dummy) and each of <paramref name="columns"/> tested by the wild cluster bootstrap with
    /// <paramref name="choices"/> on the remaining G − 1 clusters (the same seed for every deletion). A deletion that
    /// leaves a coefficient unidentified is reported with the reason. Clusters in order of first appearance.
    /// </summary>
    public static IReadOnlyList<ClusterDeletion> LeaveOneClusterOut(OlsFit fit, IReadOnlyList<string> columns, WildBootstrapChoices choices)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(choices);
        var frame = fit.Frame;
        var result = new List<ClusterDeletion>();
        foreach (var rows in RobustCovariance.GroupRows(frame.Clusters))
        {
            var cluster = frame.Clusters[rows[0]];
            try
            {
                var without = LinearRegression.Fit(frame.Where(i => frame.Clusters[i] != cluster, $"cluster {cluster} left out"));
                foreach (var c in columns) result.Add(new ClusterDeletion(cluster, rows.Length, c, WildClusterBootstrap.Test(without, c, choices), null));
            }
            catch (EstimationException e)
            {
                foreach (var c in columns) result.Add(new ClusterDeletion(cluster, rows.Length, c, null, e.Message));
            }
        }
        return result;
    }
}
