using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Statistics;

/// <summary>
/// A least-squares fit: coefficients β̂, residuals û = y − Xβ̂ and (X'X)⁻¹, with the frame it was fitted on.
/// </summary>
public sealed record OlsFit(ModelFrame Frame, Vector<double> Coefficients, Vector<double> Residuals, Matrix<double> XtXInverse)
{
    /// <summary>Fitted values Xβ̂.</summary>
    public Vector<double> Fitted => Frame.Y - Residuals;

    /// <summary>Coefficient of a named column.</summary>
    public double this[string column] => Coefficients[Frame.Column(column)];
}

/// <summary>
/// Ordinary least squares by the QR decomposition of the design matrix (Golub &amp; Van Loan 2013, <i>Matrix
/// Computations</i>, 4th ed., §5.3): X = QR, β̂ = R⁻¹Q'y, (X'X)⁻¹ = R⁻¹R⁻ᵀ — numerically safer than the normal
/// equations, whose condition number is the square of X's.
/// </summary>
public static class LinearRegression
{
    /// <summary>
    /// Relative size below which a diagonal element of R means its column is (numerically) a linear combination of
    /// the columns before it: |R_jj| ≤ tolerance × ‖x_j‖.
    /// </summary>
    public const double CollinearityTolerance = 1e-9;

    /// <summary>Fits y = Xβ + u by least squares; throws <see cref="CollinearityException"/> naming the first redundant column.</summary>
    public static OlsFit Fit(ModelFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.N <= frame.K)
            throw new EstimationException($"{frame.N} observations for {frame.K} parameters ({frame.Dropped.Count} dropped for missing values): too few to estimate");
        var (r, qtY) = Decompose(frame.X, frame.Y, frame.Columns);
        var rInverse = r.Inverse();
        var beta = rInverse * qtY;
        return new OlsFit(frame, beta, frame.Y - frame.X * beta, rInverse * rInverse.Transpose());
    }

    /// <summary>
    /// The same collinearity check from the Gram matrix G = X'X, by an unpivoted Cholesky G = R'R (R as in X = QR):
    /// column j is redundant when R_jj² ≤ 1e-10 · G_jj (looser than <see cref="CollinearityTolerance"/>, because forming
    /// X'X squares the rounding error). For iterative fits whose steps solve K × K systems.
    /// </summary>
    internal static void CheckGram(Matrix<double> gram, IReadOnlyList<string> columns)
    {
        var k = gram.RowCount;
        var r = new double[k, k];
        for (var j = 0; j < k; j++)
        {
            if (gram[j, j] == 0)
                throw new CollinearityException(columns[j], $"regressor '{columns[j]}' is zero in every observation used: its coefficient is not identified; leave it out");
            var d = gram[j, j];
            for (var m = 0; m < j; m++) d -= r[m, j] * r[m, j];
            if (d <= 1e-10 * gram[j, j]) Redundant(columns, j);
            r[j, j] = Math.Sqrt(d);
            for (var c = j + 1; c < k; c++)
            {
                var s = gram[j, c];
                for (var m = 0; m < j; m++) s -= r[m, j] * r[m, c];
                r[j, c] = s / r[j, j];
            }
        }
    }

    private static void Redundant(IReadOnlyList<string> columns, int j)
    {
        var others = string.Join(", ", columns.Take(j).Where(c => !c.Contains('=')).Append(columns.Take(j).Any(c => c.Contains('=')) ? "the fixed effects" : null).OfType<string>());
        throw new CollinearityException(columns[j],
            $"regressor '{columns[j]}' is perfectly collinear with the columns before it ({others}): its coefficient is not identified; leave it (or one of them) out");
    }

    /// <summary>Thin QR of X with the collinearity check; returns R and Q'y.</summary>
    internal static (Matrix<double> R, Vector<double> QtY) Decompose(Matrix<double> x, Vector<double> y, IReadOnlyList<string> columns)
    {
        var qr = x.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var r = qr.R;
        for (var j = 0; j < x.ColumnCount; j++)
        {
            var norm = x.Column(j).L2Norm();
            if (norm == 0)
                throw new CollinearityException(columns[j], $"regressor '{columns[j]}' is zero in every observation used: its coefficient is not identified; leave it out");
            if (Math.Abs(r[j, j]) <= CollinearityTolerance * norm) Redundant(columns, j);
        }
        return (r, qr.Q.TransposeThisAndMultiply(y));
    }
}
