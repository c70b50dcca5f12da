using System.Globalization;

namespace KzMigration.Migration;

/// <summary>
/// Regional arrivals and departures from an origin–destination matrix.
/// Orientation (as in migest): <b>rows are origins, columns are destinations</b>; cell [i, j] counts moves from
/// region i to region j. The diagonal (moves inside a region) is ignored for interregional flows.
/// </summary>
/// <example>
/// The matrix [[0, 10, 10], [20, 0, 20], [30, 30, 0]] has out-flows (row sums) (20, 40, 60) and in-flows
/// (column sums) (50, 40, 30); its MEI is 25 and K = (2.5, 1, 0.5) (tests replay this example).
/// </example>
public static class FlowMatrix
{
    /// <summary>Out-flows Dᵢ = Σⱼ≠ᵢ m[i, j] (row sums without the diagonal).</summary>
    /// <exception cref="ArgumentException">The matrix is not square, or holds a negative or non-finite count.</exception>
    public static double[] OutFlows(double[,] originDestination)
    {
        var n = Validate(originDestination);
        var result = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) result[i] += originDestination[i, j];
        return result;
    }

    /// <summary>In-flows Aⱼ = Σᵢ≠ⱼ m[i, j] (column sums without the diagonal).</summary>
    /// <exception cref="ArgumentException">The matrix is not square, or holds a negative or non-finite count.</exception>
    public static double[] InFlows(double[,] originDestination)
    {
        var n = Validate(originDestination);
        var result = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) result[j] += originDestination[i, j];
        return result;
    }

    /// <summary>
    /// Each region's flows from the matrix, in the order of <paramref name="regions"/> (which names the rows and,
    /// in the same order, the columns).
    /// With <see cref="Flow.Interregional"/> the diagonal is ignored. With <see cref="Flow.Internal"/> the diagonal
    /// (moves between districts inside region i) is added to both arrivals and departures of region i, as the BNS
    /// counts internal migration (docs/migration-flows.md), so balances are unchanged. <see cref="Flow.All"/> is refused:
    /// a matrix of regions has no international rows or columns.
    /// </summary>
    /// <exception cref="ArgumentException">Names and matrix size differ, a name repeats, or <paramref name="flow"/> is All.</exception>
    public static IReadOnlyList<RegionFlows> ToRegionFlows(IReadOnlyList<string> regions, double[,] originDestination, Flow flow = Flow.Interregional)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var n = Validate(originDestination);
        if (regions.Count != n)
            throw new ArgumentException($"{regions.Count} region names for a {n}×{n} matrix.", nameof(regions));
        if (flow == Flow.All)
            throw new ArgumentException("An origin–destination matrix of regions holds no international moves; use Interregional or Internal.", nameof(flow));

        var departures = OutFlows(originDestination);
        var arrivals = InFlows(originDestination);
        var result = new List<RegionFlows>(n);
        for (var i = 0; i < n; i++)
        {
            var inside = flow == Flow.Internal ? originDestination[i, i] : 0;
            result.Add(new RegionFlows(regions[i], flow, arrivals[i] + inside, departures[i] + inside));
        }
        FlowGuard.SingleFlow(result, nameof(regions));
        return result;
    }

    /// <summary>A jagged matrix (rows are origins) as a rectangular one; throws <see cref="ArgumentException"/> when rows differ in length.</summary>
    public static double[,] FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var n = rows.Count;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            if (rows[i].Count != n)
                throw new ArgumentException($"Row {i} has {rows[i].Count} cells; an origin–destination matrix of {n} regions needs {n}.", nameof(rows));
            for (var j = 0; j < n; j++) matrix[i, j] = rows[i][j];
        }
        return matrix;
    }

    private static int Validate(double[,] m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var n = m.GetLength(0);
        if (m.GetLength(1) != n)
            throw new ArgumentException($"An origin–destination matrix must be square, got {n}×{m.GetLength(1)}.", nameof(m));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (!double.IsFinite(m[i, j]) || m[i, j] < 0)
                    throw new ArgumentException(
                        $"Cell [{i}, {j}] (origin {i}, destination {j}) must be a finite count ≥ 0, got {m[i, j].ToString(CultureInfo.InvariantCulture)}.", nameof(m));
        return n;
    }
}
