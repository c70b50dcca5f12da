
namespace KzMigration.Regions;

/// <summary>
/// The study's boundary-era policy in one place: which figures refer to a unit's own territory, which units can be
/// compared between two years, and which unit of an era stands for a region named by the paper. Harmonisation (summing
/// additive measures into older units, aggregating matrices) is <c>Data.Harmonisation</c>; the era of a year is
/// <see cref="BoundaryEra.OfYear"/>.
/// </summary>
public static class BoundaryPolicy
{
    /// <summary>
    /// Null when a figure of <paramref name="region"/> for <paramref name="year"/>, published on <paramref name="boundaries"/>,
    /// refers to the unit's territory in that year; otherwise why not (the unit did not exist, or the figure is on an era
    /// whose territory of the unit differs). A ratio or per-capita figure is usable only then (it cannot be re-summed).
    /// </summary>
    public static string? WhyNotOwnTerritory(RegionRegistry registry, Region region, int year, BoundaryEra boundaries)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (region.IsCountry) return null;
        var era = BoundaryEra.OfYear(year);
        if (!region.ReportsIn(year))
            return $"{region.NameEn} did not exist as a unit in {year} (figure in the {boundaries.Id}-era boundaries)";
        if (boundaries.Id != era.Id && !registry.Unchanged(region, boundaries, era))
            return $"figure refers to {region.NameEn} in the {boundaries.Id}-era boundaries, a different territory from the unit of {year} ({era.Id}-era boundaries)";
        return null;
    }

    /// <summary>
    /// Each region that reports in <paramref name="from"/> or <paramref name="to"/>, with null when it is comparable between
    /// the two years (reports in both, territory unchanged between their eras) or why it is not.
    /// </summary>
    public static IReadOnlyList<(Region Region, string? WhyNot)> Comparability(RegionRegistry registry, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var (eraFrom, eraTo) = (BoundaryEra.OfYear(from), BoundaryEra.OfYear(to));
        return
        [
            .. registry.All.Where(r => !r.IsCountry && (r.ReportsIn(from) || r.ReportsIn(to))).Select(r => (r,
                !r.ReportsIn(from) ? $"no unit in {from}"
                : !r.ReportsIn(to) ? $"no unit in {to}"
                : !registry.Unchanged(r, eraFrom, eraTo) ? $"territory changed between {from} and {to}"
                : (string?)null)),
        ];
    }

    /// <summary>The unit of <paramref name="era"/> that stands for the region <paramref name="key"/>: the unit itself, or the predecessor whose territory held it.</summary>
    public static string UnitStandingFor(RegionRegistry registry, string key, BoundaryEra era)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.IsUnitOf(registry[key], era) ? key
            : registry.Lineage.FirstOrDefault(l => l.Successors.Contains(key) && registry.IsUnitOf(registry[l.Predecessor], era))?.Predecessor ?? key;
    }

    /// <summary>
    /// The era a year's figures are read on when counts are read on <paramref name="counting"/>: the year's own era when it
    /// is older (figures cannot be split into newer units), else <paramref name="counting"/> (newer figures are summed into it).
    /// </summary>
    public static BoundaryEra ReadingEra(int year, BoundaryEra counting) =>
        BoundaryEra.OfYear(year).Order < counting.Order ? BoundaryEra.OfYear(year) : counting;
}
