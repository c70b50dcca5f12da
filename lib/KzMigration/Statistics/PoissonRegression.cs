using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Statistics;

/// <summary>
/// A Poisson pseudo-maximum-likelihood fit: coefficients, fitted means μ̂, the HC0 covariance, the bread
/// H⁻¹ = (X' diag(μ̂) X)⁻¹ of every sandwich, and the iterations used.
/// </summary>
public sealed record PoissonFit(ModelFrame Frame, Vector<double> Coefficients, Vector<double> Fitted, Matrix<double> Covariance, Matrix<double> Bread, int Iterations, double Deviance)
{
    /// <summary>Heteroskedasticity-robust (HC0 sandwich) standard errors, which treat every row as independent.</summary>
    public Vector<double> StandardErrors => RobustCovariance.StandardErrors(Covariance);

    /// <summary>The scores s_i = x_i (y_i − μ̂_i), one row per observation.</summary>
    public Matrix<double> Scores => RobustCovariance.Scores(Frame.X, Frame.Y - Fitted);

    public double this[string column] => Coefficients[Frame.Column(column)];
}

/// <summary>
/// Poisson pseudo-maximum likelihood (PPML) for gravity equations (Santos Silva &amp; Tenreyro 2006, "The log of
/// gravity", REStat 88:641–658): E[y | x] = exp(x'β), estimated by the Poisson score equations Σ x_i (y_i − μ_i) = 0,
/// which are consistent whenever the conditional mean is right — whatever the distribution of y — and keep the zero
/// flows that OLS on log y must drop. Under heteroskedasticity, log-linear OLS estimates E[log y], not log E[y], and is
/// biased for the elasticities (Jensen's inequality; the paper's §3).
/// <para>Fitted by iteratively reweighted least squares (McCullagh &amp; Nelder 1989, <i>Generalized Linear Models</i>,
/// §2.5): with η = Xβ, μ = exp η, solve the weighted least squares of z = η + (y − μ)/μ on X with weights μ, until the
/// deviance D = 2 Σ [y log(y/μ) − (y − μ)] changes by less than 1e-12 relatively.</para>
/// <para>Covariance: the HC0 sandwich H⁻¹ (Σ s_i s_i') H⁻¹ with score s_i = x_i (y_i − μ̂_i) and H = X' diag(μ̂) X (no
/// small-sample factor) — statsmodels' <c>GLM(family=Poisson()).fit(cov_type='HC0')</c>.</para>
/// </summary>
public static class PoissonRegression
{
    public const int MaxIterations = 100;

    /// <summary>Fits the model; throws <see cref="SeparationException"/> or <see cref="CollinearityException"/> naming the variable.</summary>
    public static PoissonFit Fit(ModelFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var (x, y) = (frame.X, frame.Y);
        for (var i = 0; i < frame.N; i++)
            if (y[i] < 0) throw new EstimationException($"observation {frame.Labels[i]}: outcome {y[i]} is negative; a Poisson mean cannot fit it");
        if (frame.N <= frame.K) throw new EstimationException($"{frame.N} observations for {frame.K} parameters: too few to estimate");
        CheckSeparation(frame);

        var sparse = new SparseRows(x);
        LinearRegression.CheckGram(sparse.Gram(Vector<double>.Build.Dense(frame.N, 1)), frame.Columns);

        // Start as GLM software does: μ₀ = (y + ȳ)/2 keeps every μ positive.
        var mean = y.Average();
        var mu = y.Map(v => (v + mean) / 2);
        var eta = mu.Map(Math.Log);
        var beta = Vector<double>.Build.Dense(frame.K);
        var deviance = Deviance(y, mu);
        var iterations = 0;
        while (true)
        {
            iterations++;
            // Weighted normal equations (X'WX) β = X'Wz by Cholesky: W = μ > 0 keeps X'WX positive definite once X has
            // full column rank (checked above). Built from the non-zero cells of each row: with fixed-effect dummies
            // X is mostly zeros, and a K × K solve per step is what makes 167 effects cheap.
            var wz = (eta + (y - mu).PointwiseDivide(mu)).PointwiseMultiply(mu);
            beta = sparse.Gram(mu).Cholesky().Solve(sparse.TransposeTimes(wz));
            eta = sparse.Times(beta);
            mu = eta.Map(Math.Exp);
            var next = Deviance(y, mu);
            var converged = Math.Abs(next - deviance) <= 1e-12 * (Math.Abs(next) + 0.1);
            deviance = next;
            if (converged) break;
            if (iterations >= MaxIterations)
                throw new EstimationException($"PPML did not converge in {MaxIterations} iterations (deviance {deviance}); a regressor may separate the zero outcomes");
        }

        // Sandwich: H = X'diag(μ̂)X; meat = Σ s_i s_i' = X'diag((y − μ̂)²)X.
        var hInverse = sparse.Gram(mu).Inverse();
        var meat = sparse.Gram((y - mu).PointwiseMultiply(y - mu));
        return new PoissonFit(frame, beta, mu, hInverse * meat * hInverse, hInverse, iterations, deviance);
    }

    /// <summary>The non-zero cells of each row of X, for products that skip the zeros of dummy columns.</summary>
    private sealed class SparseRows
    {
        private readonly int[][] index;
        private readonly double[][] value;
        private readonly int k;

        public SparseRows(Matrix<double> x)
        {
            k = x.ColumnCount;
            index = new int[x.RowCount][];
            value = new double[x.RowCount][];
            for (var i = 0; i < x.RowCount; i++)
            {
                var cols = Enumerable.Range(0, k).Where(j => x[i, j] != 0).ToArray();
                index[i] = cols;
                value[i] = [.. cols.Select(j => x[i, j])];
            }
        }

        /// <summary>X'diag(w)X.</summary>
        public Matrix<double> Gram(Vector<double> w)
        {
            var g = new double[k, k];
            for (var i = 0; i < index.Length; i++)
            {
                var (idx, val, wi) = (index[i], value[i], w[i]);
                for (var a = 0; a < idx.Length; a++)
                {
                    var va = wi * val[a];
                    for (var b = 0; b < idx.Length; b++) g[idx[a], idx[b]] += va * val[b];
                }
            }
            return Matrix<double>.Build.DenseOfArray(g);
        }

        /// <summary>X'v.</summary>
        public Vector<double> TransposeTimes(Vector<double> v)
        {
            var r = new double[k];
            for (var i = 0; i < index.Length; i++)
                for (var a = 0; a < index[i].Length; a++) r[index[i][a]] += value[i][a] * v[i];
            return Vector<double>.Build.DenseOfArray(r);
        }

        /// <summary>Xβ.</summary>
        public Vector<double> Times(Vector<double> beta)
        {
            var r = new double[index.Length];
            for (var i = 0; i < index.Length; i++)
            {
                var s = 0.0;
                for (var a = 0; a < index[i].Length; a++) s += value[i][a] * beta[index[i][a]];
                r[i] = s;
            }
            return Vector<double>.Build.DenseOfArray(r);
        }
    }

    /// <summary>
    /// Cluster-robust covariance of a PPML fit: the sandwich H⁻¹ [Σ_g s_g s_g'] H⁻¹ with the CR1 factor
    /// G/(G−1)·(N−1)/(N−K), one-way or two-way (<see cref="Clustering.Covariance"/>). This is statsmodels 0.13.5's
    /// <c>GLM(family=Poisson()).fit(cov_type='cluster', cov_kwds={'groups': g})</c> with its default
    /// <c>use_correction=True</c> (1-D or 2-D groups); with fixed effects entered as dummies K counts them, as statsmodels does.
    /// </summary>
    public static Matrix<double> ClusterCovariance(PoissonFit fit, Clustering clustering)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(clustering);
        return clustering.Covariance(fit.Bread, fit.Scores);
    }

    /// <summary>Poisson deviance 2 Σ [y log(y/μ) − (y − μ)], with 0 log 0 = 0.</summary>
    public static double Deviance(Vector<double> y, Vector<double> mu)
    {
        var d = 0.0;
        for (var i = 0; i < y.Count; i++) d += (y[i] > 0 ? y[i] * Math.Log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
        return 2 * d;
    }

    // A regressor that is non-zero only where y = 0 (and of one sign there) pushes its coefficient to −∞: the simple
    // and, with dummies, the usual case of separation (Santos Silva & Tenreyro 2010; Correia, Guimarães & Zylkin 2019).
    private static void CheckSeparation(ModelFrame frame)
    {
        var (x, y) = (frame.X, frame.Y);
        if (y.All(v => v == 0)) throw new SeparationException(frame.Columns[0], "every outcome is zero: nothing to estimate");
        for (var j = 0; j < frame.K; j++)
        {
            var col = x.Column(j);
            var onPositive = Enumerable.Range(0, frame.N).Any(i => y[i] > 0 && col[i] != 0);
            var nonZero = col.Count(v => v != 0);
            var oneSign = col.All(v => v >= 0) || col.All(v => v <= 0);
            if (!onPositive && nonZero > 0 && oneSign)
                throw new SeparationException(frame.Columns[j],
                    $"regressor '{frame.Columns[j]}' is non-zero only in observations whose outcome is zero ({nonZero} of them): its Poisson coefficient is −∞ (separation); drop those observations or the regressor");
        }
    }
}
