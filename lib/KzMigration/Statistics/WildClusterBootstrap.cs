using KzMigration.Scoring;
using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Statistics;

/// <summary>Auxiliary weights of the wild bootstrap, one draw per cluster and replication.</summary>
public enum BootstrapWeights
{
    /// <summary>±1 with probability ½ each (Davidson &amp; Flachaire 2008). With G clusters there are only 2^G distinct draws.</summary>
    Rademacher,
    /// <summary>
    /// Six points ±√(3/2), ±1, ±√(1/2), each with probability 1/6 (Webb 2014, "Reworking wild bootstrap based inference
    /// for clustered errors", Queen's Economics Department WP 1315): mean 0, variance 1, and 6^G distinct draws, which
    /// MacKinnon &amp; Webb (2017) recommend when G is below about 12 and which do no harm above.
    /// </summary>
    Webb,
}

/// <summary>Which bootstrap interval a <see cref="WildBootstrapResult"/> reports as its <see cref="WildBootstrapResult.Lower"/>/<see cref="WildBootstrapResult.Upper"/>.</summary>
public enum BootstrapInterval
{
    /// <summary>
    /// The restricted test inverted (WCR; Roodman, MacKinnon, Nielsen &amp; Webb 2019, §3.5; boottest's default): every β₀
    /// whose null-imposed bootstrap test does not reject. The default.
    /// </summary>
    Wcr,
    /// <summary>The unrestricted symmetric percentile-t interval (WCU): β̂ ± c*·se, c* the quantile of |t*|.</summary>
    Wcu,
}

/// <summary>The choices of a wild cluster bootstrap (a choice of the study, a section of the specification's EstimationSpec): replications B, weights, seed, nominal coverage and which interval is reported.</summary>
public sealed record WildBootstrapChoices(int Replications = 999, BootstrapWeights Weights = BootstrapWeights.Webb, ulong Seed = 20_150_101, double Confidence = 0.95,
    BootstrapInterval Interval = BootstrapInterval.Wcr)
{
    /// <summary>The fewest replications the bootstrap takes: with B = 99, (B + 1)·α is a whole number at α = 0.01, 0.05 and 0.10.</summary>
    public const int MinReplications = 99;
}

/// <summary>
/// Wild cluster bootstrap inference on one coefficient.
/// </summary>
/// <param name="Column">The coefficient.</param>
/// <param name="Estimate">β̂.</param>
/// <param name="StdError">Its CR1 standard error.</param>
/// <param name="T">t = β̂ / se.</param>
/// <param name="PValue">Symmetric bootstrap p-value of H₀: β = 0 (WCR): the share of replications with |t*| ≥ |t|.</param>
/// <param name="Lower">Lower end of the reported interval (<see cref="Interval"/>: the inverted WCR test by default).</param>
/// <param name="Upper">Upper end of the reported interval.</param>
/// <param name="Clusters">Number of clusters G.</param>
/// <param name="Replications">Bootstrap replications B.</param>
/// <param name="Weights">Auxiliary weight distribution.</param>
/// <param name="Seed">Seed of the weights: the same seed gives the same result.</param>
/// <param name="Confidence">Nominal coverage of the interval.</param>
public sealed record WildBootstrapResult(
    string Column, double Estimate, double StdError, double T, double PValue, double Lower, double Upper,
    int Clusters, int Replications, BootstrapWeights Weights, ulong Seed, double Confidence)
{
    /// <summary>Which interval <see cref="Lower"/>/<see cref="Upper"/> are.</summary>
    public BootstrapInterval Interval { get; init; } = BootstrapInterval.Wcr;

    /// <summary>Lower end of the inverted restricted test (WCR); −∞ when no finite β₀ below β̂ is rejected.</summary>
    public double RestrictedLower { get; init; }

    /// <summary>Upper end of the inverted restricted test (WCR); +∞ when no finite β₀ above β̂ is rejected.</summary>
    public double RestrictedUpper { get; init; }

    /// <summary>Lower end of the unrestricted symmetric percentile-t interval (WCU): β̂ − c*·se.</summary>
    public double UnrestrictedLower { get; init; }

    /// <summary>Upper end of the WCU interval: β̂ + c*·se.</summary>
    public double UnrestrictedUpper { get; init; }

    /// <summary>
    /// c*: the <see cref="Confidence"/> quantile of |t*| under the unrestricted bootstrap — the bootstrap's critical value
    /// of |t|, where t_{G−1} would give 2.12 for G = 17 at 95 %. With <see cref="StdError"/> it sizes a minimum detectable effect.
    /// </summary>
    public double Critical { get; init; }

    /// <summary>G − 1, the degrees of freedom of the t reference for CR1 with G clusters.</summary>
    public int DegreesOfFreedom => Clusters - 1;

    /// <summary>Whether the interval excludes zero.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}

/// <summary>
/// The wild cluster bootstrap for least squares with few clusters (Cameron, Gelbach &amp; Miller 2008, "Bootstrap-based
/// improvements for inference with clustered errors", REStat 90:414–427; MacKinnon &amp; Webb 2017, "Wild bootstrap
/// inference for wildly different cluster sizes", J. Appl. Econometrics 32:233–254; Roodman, MacKinnon, Nielsen &amp;
/// Webb 2019, "Fast and wild: bootstrap inference in Stata using boottest", Stata Journal 19:4–60).
/// <para><b>Test of H₀: β_j = β₀ (WCR, restricted)</b>: fit the model with β_j = β₀ imposed (y − β₀x_j on the other
/// columns) giving fitted ỹ and residuals ũ; for b = 1…B draw one weight v_g per cluster and set y* = ỹ + v_g ũ_ig; refit
/// the full model and form t*_b = (β*_j − β₀) / se*_j with the same CR1 standard error; p(β₀) = #{|t*_b| ≥ |t(β₀)|} / B
/// with t(β₀) = (β̂_j − β₀)/se_j. <see cref="WildBootstrapResult.PValue"/> is p(0). Imposing the null is what makes the
/// test accurate with 15–20 clusters (Cameron et al. 2008, Table 3).</para>
/// <para><b>Interval (WCR inverted, the default)</b>: the β₀ with p(β₀) ≥ α = 1 − confidence. ũ(β₀) = M₋ⱼy − β₀M₋ⱼx_j is
/// linear in β₀, so for fixed weights t*_b(β₀) is a linear function over the square root of a sum of squares of linear
/// functions (Roodman et al. 2019, §3.5 and §5): after an O(B·G²) set-up each p(β₀) costs O(B·G), with the same weights
/// for every β₀. Each end is found by stepping out from β̂ (β̂ ± se, ± 2se, ± 4se, …) to the first rejected point,
/// then bisecting between the last accepted and that point to machine precision; an end where nothing within 2⁶⁰·se is
/// rejected is infinite. The reported end is the last accepted point, so p(end) ≥ α and p just beyond it &lt; α.</para>
/// <para><b>Interval (WCU, the option)</b>: the same with ŷ and û of the full model and t*_b = (β*_j − β̂_j) / se*_j; with
/// c* the <c>Confidence</c> quantile of |t*| (Hyndman &amp; Fan type 7) the interval is β̂_j ± c*·se_j (Davison &amp;
/// Hinkley 1997, §5.3). MacKinnon &amp; Webb (2017) and Roodman et al. (2019) prefer inverting WCR.</para>
/// <para><b>Determinism</b>: replication b draws its weights from its own xoshiro256** stream
/// (<c>ForChunk(seed, b)</c>), clusters in order of first appearance, so a seed gives the same result whatever the
/// thread count or machine.</para>
/// </summary>
public static class WildClusterBootstrap
{
    /// <summary>Bootstrap inference on <paramref name="column"/> of a least-squares fit, clustered by the frame's clusters.</summary>
    public static WildBootstrapResult Test(OlsFit fit, string column, WildBootstrapChoices? choices = null)
    {
        choices ??= new WildBootstrapChoices();
        var boot = new Distribution(fit, column, choices);
        var (lower, upper) = (boot.Endpoint(-1), boot.Endpoint(+1));
        var critical = boot.UnrestrictedCritical();
        var (uLower, uUpper) = (boot.Estimate - critical * boot.StdError, boot.Estimate + critical * boot.StdError);
        var wcr = choices.Interval == BootstrapInterval.Wcr;
        return new WildBootstrapResult(column, boot.Estimate, boot.StdError, boot.Estimate / boot.StdError, boot.PValue(0),
            wcr ? lower : uLower, wcr ? upper : uUpper, boot.Clusters, choices.Replications, choices.Weights, choices.Seed, choices.Confidence)
        {
            Interval = choices.Interval,
            RestrictedLower = lower,
            RestrictedUpper = upper,
            UnrestrictedLower = uLower,
            UnrestrictedUpper = uUpper,
            Critical = critical,
        };
    }

    /// <summary>The restricted (WCR) bootstrap p-value of H₀: β_<paramref name="column"/> = <paramref name="nullValue"/>.</summary>
    public static double PValue(OlsFit fit, string column, double nullValue, WildBootstrapChoices? choices = null) =>
        new Distribution(fit, column, choices ?? new WildBootstrapChoices()).PValue(nullValue);

    // The bootstrap of one coefficient, reduced to what every β₀ needs. With P = (X'X)⁻¹X', p_j its row j, M = I − XP and
    // u^(g) a residual vector kept on cluster g's rows only: β*_j − β₀ = Σ_g v_g d_g with d_g = Σ_{i∈g} p_ji u_i, and the
    // refit's score of cluster h is Σ_g v_g C[h,g] with C[h,g] = Σ_{i∈h} p_ji (M u^(g))_i = δ_hg d_g − q_h'r_g,
    // q_h = Σ_{i∈h} p_ji x_i, r_g = P u^(g) (Roodman et al. 2019, §4): O(G²K) once instead of a refit per replication.
    // Under the null β₀ the residuals are u0 − β₀u1, so d and C are linear in β₀, each replication's numerator is
    // a0 − β₀a1 and its CR1 meat the quadratic e − 2β₀f + β₀²q: five numbers per replication answer every β₀.
    private sealed class Distribution
    {
        private readonly int b;
        private readonly double factor, alpha, confidence;
        private readonly double[] a0, a1, e, f, q;   // per replication: numerator and meat as functions of β₀
        private readonly double[] tU;                // unrestricted t*_b

        public Distribution(OlsFit fit, string column, WildBootstrapChoices choices)
        {
            ArgumentNullException.ThrowIfNull(fit);
            if (choices.Replications < WildBootstrapChoices.MinReplications) throw new ArgumentOutOfRangeException(nameof(choices), choices.Replications, "at least 99 replications");
            if (!(choices.Confidence is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(choices), choices.Confidence, "confidence must lie strictly between 0 and 1");
            var frame = fit.Frame;
            var j = frame.Column(column);
            var groups = RobustCovariance.GroupRows(frame.Clusters);
            var (n, k, g) = (frame.N, frame.K, groups.Count);
            b = choices.Replications;
            if (g < 2) throw new EstimationException("the wild cluster bootstrap needs at least two clusters");
            factor = g / (g - 1.0) * (n - 1.0) / (n - k);
            (confidence, alpha) = (choices.Confidence, 1 - choices.Confidence);
            // Plain arrays and loops: the matrices are small (G ≤ 20, K ≈ 30), where a library's parallel products cost more
            // than they save.
            var x = frame.X.ToRowArrays();
            var pColumns = x.Select(xi => (fit.XtXInverse * Vector<double>.Build.DenseOfArray(xi)).ToArray()).ToArray();   // P's columns
            var pj = pColumns.Select(c => c[j]).ToArray();
            var qm = new double[g][];
            for (var c = 0; c < g; c++)
            {
                qm[c] = new double[k];
                foreach (var i in groups[c])
                    for (var m = 0; m < k; m++) qm[c][m] += pj[i] * x[i][m];
            }

            // The restricted residuals ũ(β₀) = u0 − β₀ u1: u0 = M₋ⱼy, u1 = M₋ⱼx_j.
            var others = Enumerable.Range(0, k).Where(m => m != j).ToArray();
            var xr = Matrix<double>.Build.DenseOfColumnVectors(others.Select(m => frame.X.Column(m)));
            var names = others.Select(m => frame.Columns[m]).ToList();
            Vector<double> Residual(Vector<double> v)
            {
                var (r, qtv) = LinearRegression.Decompose(xr, v, names);
                return v - xr * r.Solve(qtv);
            }
            var (d0, c0) = Parts(Residual(frame.Y));
            var (d1, c1) = Parts(Residual(frame.X.Column(j)));
            var (dU, cU) = Parts(fit.Residuals);
            Estimate = fit.Coefficients[j];
            StdError = Math.Sqrt(factor * dU.Sum(d => d * d));
            Clusters = g;

            // d_g = Σ_{i∈g} p_ji u_i and C[h,g] = δ_hg d_g − q_h'r_g with r_g = Σ_{i∈g} P[:,i] u_i, C stored row-major.
            (double[] D, double[] C) Parts(Vector<double> u)
            {
                var d = new double[g];
                var r = new double[g][];
                for (var c = 0; c < g; c++)
                {
                    r[c] = new double[k];
                    foreach (var i in groups[c])
                    {
                        d[c] += pj[i] * u[i];
                        for (var m = 0; m < k; m++) r[c][m] += pColumns[i][m] * u[i];
                    }
                }
                var cm = new double[g * g];
                for (var h = 0; h < g; h++)
                    for (var c = 0; c < g; c++)
                    {
                        var dot = 0.0;
                        for (var m = 0; m < k; m++) dot += qm[h][m] * r[c][m];
                        cm[h * g + c] = (h == c ? d[c] : 0) - dot;
                    }
                return (d, cm);
            }

            var w = Weights(choices, g);
            (a0, a1, e, f, q, tU) = (new double[b], new double[b], new double[b], new double[b], new double[b], new double[b]);
            for (var r = 0; r < b; r++)
            {
                var v = new ReadOnlySpan<double>(w, r * g, g);
                double n0 = 0, n1 = 0, nU = 0, ee = 0, ff = 0, qq = 0, uu = 0;
                for (var c = 0; c < g; c++) { n0 += v[c] * d0[c]; n1 += v[c] * d1[c]; nU += v[c] * dU[c]; }
                for (var h = 0; h < g; h++)
                {
                    double x0 = 0, x1 = 0, xu = 0;
                    for (var c = 0; c < g; c++)
                    {
                        x0 += c0[h * g + c] * v[c];
                        x1 += c1[h * g + c] * v[c];
                        xu += cU[h * g + c] * v[c];
                    }
                    ee += x0 * x0;
                    ff += x0 * x1;
                    qq += x1 * x1;
                    uu += xu * xu;
                }
                (a0[r], a1[r], e[r], f[r], q[r]) = (n0, n1, ee, ff, qq);
                tU[r] = nU / Math.Sqrt(factor * uu);
            }
        }

        public double Estimate { get; }

        public double StdError { get; }

        public int Clusters { get; }

        /// <summary>p(β₀): the share of replications with |t*_b(β₀)| ≥ |t(β₀)|, compared as squares (no division).</summary>
        public double PValue(double beta0) => Count(beta0) / (double)b;

        private int Count(double beta0)
        {
            var t = (Estimate - beta0) / StdError;
            var bound = t * t * factor;
            var count = 0;
            for (var r = 0; r < b; r++)
            {
                var numerator = a0[r] - beta0 * a1[r];
                var meat = e[r] - beta0 * (2 * f[r] - beta0 * q[r]);
                if (numerator * numerator >= bound * meat) count++;
            }
            return count;
        }

        // Not rejected at α: p ≥ α, as a count (B·α may be a whole number, e.g. 50 of 1,000).
        private bool Accepted(double beta0) => Count(beta0) >= Math.Ceiling(alpha * b - 1e-9);

        /// <summary>The end of the inverted WCR interval on one side (direction −1 or +1).</summary>
        public double Endpoint(int direction)
        {
            if (!(StdError > 0) || !double.IsFinite(StdError)) return Estimate;
            var inside = Estimate;
            var step = StdError;
            var outside = Estimate + direction * step;
            for (var doubling = 0; Accepted(outside); doubling++)
            {
                if (doubling == 60) return direction * double.PositiveInfinity;
                inside = outside;
                step *= 2;
                outside = Estimate + direction * step;
            }
            for (var iteration = 0; iteration < 2000; iteration++)
            {
                var mid = inside + (outside - inside) / 2;
                if (mid == inside || mid == outside) break;
                if (Accepted(mid)) inside = mid;
                else outside = mid;
            }
            return inside;
        }

        /// <summary>c*: the confidence quantile of the unrestricted |t*|.</summary>
        public double UnrestrictedCritical() =>
            Quantiles.Linear([.. tU.Select(Math.Abs).Order()], confidence);
    }

    /// <summary>The B × G weights, replication-major; replication b from its own stream.</summary>
    internal static double[] Weights(WildBootstrapChoices choices, int clusters)
    {
        var w = new double[choices.Replications * clusters];
        double[] webb = [-Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5)];
        for (var b = 0; b < choices.Replications; b++)
        {
            var rng = Xoshiro256.ForChunk(choices.Seed, b);
            for (var gi = 0; gi < clusters; gi++)
                w[b * clusters + gi] = choices.Weights == BootstrapWeights.Rademacher
                    ? ((rng.Next() >> 63) == 0 ? -1.0 : 1.0)
                    : webb[(int)(rng.NextDouble() * 6)];
        }
        return w;
    }
}
