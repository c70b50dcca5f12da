using System.Globalization;

namespace KzMigration.Migration;

/// <summary>
/// The moves between regions in one period: an origin–destination matrix with named regions.
/// Orientation (as in migest and <see cref="FlowMatrix"/>): <b>rows are origins, columns are destinations</b>;
/// <c>this[origin, destination]</c> counts the persons who moved from <c>origin</c> to <c>destination</c>.
/// The diagonal is always 0: a matrix of interregional moves has no moves inside a region.
/// <list type="bullet">
/// <item>Arrivals of a region = its column sum; departures = its row sum; balance = arrivals − departures
/// (docs/bundled-sources.md «The origin–destination matrix»). The balances of a matrix sum to 0.</item>
/// <item><see cref="Aggregate"/> merges regions into larger units exactly: a move between two parts of one unit becomes
/// a move inside that unit and drops out, so the unit's arrivals are the moves into it from outside it — never the sum of
/// its parts' arrivals, which would count the moves between the parts twice.</item>
/// </list>
/// </summary>
/// <example>
/// Regions (a, b, c), moves [[0, 5, 1], [2, 0, 3], [4, 6, 0]]: arrivals (6, 11, 4), departures (6, 5, 10),
/// balances (0, 6, −6). Merging a and b into «ab»: [[0, 4], [10, 0]] — the 5 + 2 moves between a and b drop out, so
/// «ab» has 10 arrivals (= 6 + 11 − 7) and 4 departures (tests replay this example).
/// </example>
public sealed class OriginDestinationMatrix
{
    private readonly double[,] moves;
    private readonly Dictionary<string, int> index;

    /// <summary>A matrix over <paramref name="regions"/> (naming rows and, in the same order, columns).</summary>
    /// <exception cref="ArgumentException">Names and size differ, a name repeats, a count is negative or not finite, or the diagonal is not 0.</exception>
    public OriginDestinationMatrix(IReadOnlyList<string> regions, double[,] originDestination)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var n = FlowMatrix.OutFlows(originDestination).Length; // validates square, finite, ≥ 0
        if (regions.Count != n) throw new ArgumentException($"{regions.Count} region names for a {n}×{n} matrix.", nameof(regions));
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (string.IsNullOrWhiteSpace(regions[i])) throw new ArgumentException($"Region name {i} is empty.", nameof(regions));
            if (!index.TryAdd(regions[i], i)) throw new ArgumentException($"Region '{regions[i]}' occurs twice.", nameof(regions));
            if (originDestination[i, i] != 0)
                throw new ArgumentException(
                    $"Cell [{regions[i]}, {regions[i]}] is {originDestination[i, i].ToString(CultureInfo.InvariantCulture)}: a matrix of moves between regions has no moves inside a region (diagonal 0).",
                    nameof(originDestination));
        }
        Regions = [.. regions];
        moves = (double[,])originDestination.Clone();
    }

    /// <summary>
    /// A matrix from (origin, destination, persons) moves over <paramref name="regions"/>. Every ordered pair of distinct
    /// regions must be given exactly once: a missing pair is missing, not 0, so an incomplete matrix is refused.
    /// </summary>
    /// <exception cref="ArgumentException">A pair is missing or repeated, names a region outside <paramref name="regions"/>, or is a move inside one region.</exception>
    public static OriginDestinationMatrix FromMoves(IReadOnlyList<string> regions, IEnumerable<(string Origin, string Destination, double Persons)> moves)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(moves);
        var position = regions.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var n = regions.Count;
        var m = new double[n, n];
        var seen = new bool[n, n];
        foreach (var (origin, destination, persons) in moves)
        {
            if (!position.TryGetValue(origin, out var i)) throw new ArgumentException($"Origin '{origin}' is not one of the matrix's regions.", nameof(moves));
            if (!position.TryGetValue(destination, out var j)) throw new ArgumentException($"Destination '{destination}' is not one of the matrix's regions.", nameof(moves));
            if (i == j) throw new ArgumentException($"A move from '{origin}' to itself is not a move between regions.", nameof(moves));
            if (seen[i, j]) throw new ArgumentException($"The move {origin} → {destination} is given twice.", nameof(moves));
            seen[i, j] = true;
            m[i, j] = persons;
        }
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j && !seen[i, j])
                    throw new ArgumentException($"The move {regions[i]} → {regions[j]} is missing: an incomplete matrix gives no arrivals or departures (missing is not 0).", nameof(moves));
        return new OriginDestinationMatrix(regions, m);
    }

    /// <summary>Region names, in row (and column) order.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Persons who moved from <paramref name="origin"/> to <paramref name="destination"/>.</summary>
    public double this[string origin, string destination] => moves[Index(origin), Index(destination)];

    /// <summary>Arrivals of a region: the moves into it from the other regions (its column sum).</summary>
    public double Arrivals(string region)
    {
        var j = Index(region);
        var sum = 0.0;
        for (var i = 0; i < Regions.Count; i++) sum += moves[i, j];
        return sum;
    }

    /// <summary>Departures of a region: the moves out of it to the other regions (its row sum).</summary>
    public double Departures(string region)
    {
        var i = Index(region);
        var sum = 0.0;
        for (var j = 0; j < Regions.Count; j++) sum += moves[i, j];
        return sum;
    }

    /// <summary>Balance = arrivals − departures of a region.</summary>
    public double Balance(string region) => Arrivals(region) - Departures(region);

    /// <summary>All moves between regions (the sum of the matrix).</summary>
    public double Total
    {
        get
        {
            var sum = 0.0;
            foreach (var v in moves) sum += v;
            return sum;
        }
    }

    /// <summary>Moves between the given regions (both origin and destination among them): what drops out when they are merged.</summary>
    public double MovesAmong(IEnumerable<string> regions)
    {
        var set = regions.Select(Index).Distinct().ToList();
        var sum = 0.0;
        foreach (var i in set)
            foreach (var j in set)
                sum += moves[i, j];
        return sum;
    }

    /// <summary>A copy of the counts (rows origins, columns destinations), for the index functions of <see cref="FlowMatrix"/> and <see cref="SystemIndices"/>.</summary>
    public double[,] ToArray() => (double[,])moves.Clone();

    /// <summary>Each region's interregional arrivals and departures, in <see cref="Regions"/> order.</summary>
    public IReadOnlyList<RegionFlows> ToRegionFlows() => FlowMatrix.ToRegionFlows(Regions, moves);

    /// <summary>
    /// The matrix of larger units: <paramref name="unitOf"/> maps a region to the unit it belongs to (regions it does not
    /// name stay units of their own). Moves between regions of one unit drop out (they are moves inside the unit);
    /// all other moves are summed. Units come in the order of their first region.
    /// </summary>
    public OriginDestinationMatrix Aggregate(IReadOnlyDictionary<string, string> unitOf)
    {
        ArgumentNullException.ThrowIfNull(unitOf);
        foreach (var key in unitOf.Keys) Index(key);
        string UnitOf(string r) => unitOf.TryGetValue(r, out var u) ? u : r;
        var units = Regions.Select(UnitOf).Distinct(StringComparer.Ordinal).ToList();
        var position = units.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i, StringComparer.Ordinal);
        var n = units.Count;
        var result = new double[n, n];
        for (var i = 0; i < Regions.Count; i++)
            for (var j = 0; j < Regions.Count; j++)
            {
                var a = position[UnitOf(Regions[i])];
                var b = position[UnitOf(Regions[j])];
                if (a != b) result[a, b] += moves[i, j];
            }
        return new OriginDestinationMatrix(units, result);
    }

    private int Index(string region) =>
        index.TryGetValue(region, out var i) ? i
        : throw new ArgumentException($"'{region}' is not one of the matrix's regions ({string.Join(", ", Regions)}).", nameof(region));
}
