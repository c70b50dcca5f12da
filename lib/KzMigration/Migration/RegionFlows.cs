
namespace KzMigration.Migration;

/// <summary>
/// One region's arrivals and departures over one period, tagged with the <see cref="Migration.Flow"/>
/// they count. Every index takes its flow from here, so a result can say which flow it was computed
/// on, and an index over several regions can refuse a mixture (see <see cref="FlowGuard"/>).
/// </summary>
/// <param name="Region">Region key (e.g. <c>astana</c>), as used by the data layer.</param>
/// <param name="Flow">Which of the three BNS measures <paramref name="Arrivals"/> and <paramref name="Departures"/> count.</param>
/// <param name="Arrivals">Arrivals A ≥ 0 (in-migrants, «прибывшие»).</param>
/// <param name="Departures">Departures D ≥ 0 (out-migrants, «выбывшие»).</param>
public sealed record RegionFlows(string Region, Flow Flow, double Arrivals, double Departures)
{
    /// <summary>Region key.</summary>
    public string Region { get; } = string.IsNullOrWhiteSpace(Region)
        ? throw new ArgumentException("A region key is required.", nameof(Region))
        : Region;

    /// <summary>Arrivals A (finite, ≥ 0).</summary>
    public double Arrivals { get; } = Count(Arrivals, nameof(Arrivals), Region);

    /// <summary>Departures D (finite, ≥ 0).</summary>
    public double Departures { get; } = Count(Departures, nameof(Departures), Region);

    private static double Count(double value, string name, string region) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value,
                $"{name} of region '{region}' must be a finite count ≥ 0, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
}

/// <summary>
/// A region-level index value, tagged with the region and flow it was computed from. <see cref="Value"/>
/// is null exactly when the index is undefined for these data; <see cref="UndefinedBecause"/> then says why
/// (an undefined index is never reported as 0, ∞ or NaN).
/// </summary>
/// <param name="Region">Region key of the input.</param>
/// <param name="Flow">Flow of the input.</param>
/// <param name="Value">The index, or null when undefined.</param>
/// <param name="UndefinedBecause">Why the index is undefined; null when it is defined.</param>
public sealed record RegionIndex(string Region, Flow Flow, double? Value, string? UndefinedBecause = null)
{
    /// <summary>True when <see cref="Value"/> is defined.</summary>
    public bool IsDefined => Value.HasValue;
}

/// <summary>
/// A system-wide index of one period (all regions of one year), tagged with the flow it was computed on.
/// </summary>
/// <param name="Flow">Flow of every input region.</param>
/// <param name="Regions">Number of regions the index summarises.</param>
/// <param name="Value">The index, or null when undefined.</param>
/// <param name="UndefinedBecause">Why the index is undefined; null when it is defined.</param>
public sealed record SystemIndex(Flow Flow, int Regions, double? Value, string? UndefinedBecause = null)
{
    /// <summary>True when <see cref="Value"/> is defined.</summary>
    public bool IsDefined => Value.HasValue;
}

/// <summary>
/// Refuses computations over regions whose flows differ or whose keys repeat. The BNS publishes
/// interregional, internal and all-flow figures side by side (docs/migration-flows.md); a sum or an
/// index over a mixture is meaningless, so it is an error the caller must fix, not a warning.
/// </summary>
public static class FlowGuard
{
    /// <summary>
    /// The single flow of <paramref name="regions"/>. Throws <see cref="ArgumentException"/> naming the
    /// flows (and a region of each) when they differ, when a region occurs twice, or when there are no regions.
    /// </summary>
    public static Flow SingleFlow(IReadOnlyCollection<RegionFlows> regions, string parameterName = "regions")
    {
        ArgumentNullException.ThrowIfNull(regions, parameterName);
        if (regions.Count == 0) throw new ArgumentException("At least one region is required.", parameterName);

        var byFlow = regions.GroupBy(r => r.Flow).OrderBy(g => g.Key).ToList();
        if (byFlow.Count > 1)
        {
            var parts = byFlow.Select(g => $"{g.Key} (e.g. '{g.First().Region}')");
            throw new ArgumentException(
                $"Flows must not be mixed in one computation, got {string.Join(" and ", parts)}. " +
                "Select one flow (Interregional, Internal or All) before computing.", parameterName);
        }

        var repeated = regions.GroupBy(r => r.Region, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException(
                $"Region '{repeated.Key}' occurs {repeated.Count()} times; give each region once per computation (one period, one boundary era).",
                parameterName);

        return byFlow[0].Key;
    }
}
