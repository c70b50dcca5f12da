
namespace KzMigration.Migration;

/// <summary>One origin → destination corridor of a matrix and its share of all moves.</summary>
public sealed record Corridor(string Origin, string Destination, double Persons, double ShareOfAllMoves);

/// <summary>Where a region's movers go (out-field) or come from (in-field): one partner and its share.</summary>
public sealed record FieldShare(string Partner, double Persons, double Share);

/// <summary>
/// Indices of the structure of an origin–destination matrix (rows origins, columns destinations), after the R package
/// migest (Abel: <c>index_connectivity</c>, and the in-/out-field and corridor summaries of its flow tables) and Bell et
/// al. 2002 (JRSS-A 165(3)). One small function per index; each is exact on integer counts.
/// </summary>
/// <example>
/// Regions (a, b, c), moves [[0, 5, 1], [2, 0, 3], [4, 6, 0]] (21 moves): the largest corridor is c → b (6, 28.6 %);
/// the out-field of c is b 6/10, a 4/10; the in-field of b is c 6/11, a 5/11; all 6 ordered pairs have moves, so the
/// connectivity is 1; with a → c set to 0 it is 5/6 (tests replay this example).
/// </example>
public static class FlowStructure
{
    /// <summary>
    /// The <paramref name="count"/> largest corridors (ordered pairs), largest first; ties by origin then destination
    /// (ordinal), so the list is deterministic.
    /// </summary>
    public static IReadOnlyList<Corridor> LargestCorridors(OriginDestinationMatrix matrix, int count)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var total = matrix.Total;
        return [.. Pairs(matrix)
            .Select(p => new Corridor(p.Origin, p.Destination, matrix[p.Origin, p.Destination], total == 0 ? 0 : matrix[p.Origin, p.Destination] / total))
            .OrderByDescending(c => c.Persons).ThenBy(c => c.Origin, StringComparer.Ordinal).ThenBy(c => c.Destination, StringComparer.Ordinal)
            .Take(count)];
    }

    /// <summary>
    /// Connectivity: the share of the n(n − 1) ordered pairs of distinct regions with at least one move (migest
    /// <c>index_connectivity</c>, «the proportion of non-zero flows»). 1 = every region sends migrants to every other.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two regions (no pairs).</exception>
    public static double Connectivity(OriginDestinationMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var pairs = Pairs(matrix).ToList();
        if (pairs.Count == 0) throw new ArgumentException("Connectivity needs at least two regions.", nameof(matrix));
        return (double)pairs.Count(p => matrix[p.Origin, p.Destination] > 0) / pairs.Count;
    }

    /// <summary>A region's out-field: where its leavers go, each destination's share of its departures, largest first.</summary>
    public static IReadOnlyList<FieldShare> OutField(OriginDestinationMatrix matrix, string origin)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var total = matrix.Departures(origin);
        return Field(matrix.Regions.Where(r => r != origin).Select(r => (r, matrix[origin, r])), total);
    }

    /// <summary>A region's in-field: where its arrivals come from, each origin's share of its arrivals, largest first.</summary>
    public static IReadOnlyList<FieldShare> InField(OriginDestinationMatrix matrix, string destination)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var total = matrix.Arrivals(destination);
        return Field(matrix.Regions.Where(r => r != destination).Select(r => (r, matrix[r, destination])), total);
    }

    /// <summary>The migration effectiveness index of the matrix's interregional flows (<see cref="SystemIndices.MigrationEffectivenessIndex"/>).</summary>
    public static SystemIndex MigrationEffectivenessIndex(OriginDestinationMatrix matrix) =>
        SystemIndices.MigrationEffectivenessIndex([.. matrix.ToRegionFlows()]);

    /// <summary>
    /// Aggregate crude migration intensity ACMI = 100 · M / P of the matrix's interregional moves M over the population P of
    /// the same regions (Bell et al. 2002; <see cref="SystemIndices.CrudeMigrationIntensity"/>). Say which population date P is.
    /// </summary>
    public static SystemIndex AggregateCrudeMigrationIntensity(OriginDestinationMatrix matrix, double population) =>
        SystemIndices.CrudeMigrationIntensity([.. matrix.ToRegionFlows()], population);

    private static IEnumerable<(string Origin, string Destination)> Pairs(OriginDestinationMatrix m) =>
        m.Regions.SelectMany(o => m.Regions.Where(d => d != o).Select(d => (o, d)));

    private static IReadOnlyList<FieldShare> Field(IEnumerable<(string Partner, double Persons)> partners, double total) =>
        [.. partners.Select(p => new FieldShare(p.Partner, p.Persons, total == 0 ? 0 : p.Persons / total))
            .OrderByDescending(f => f.Persons).ThenBy(f => f.Partner, StringComparer.Ordinal)];
}
