using KzMigration.Data;
using KzMigration.Regions;
using KzMigration.Migration;

namespace KzMigration.Data;

/// <summary>A denominator for a rate: the value and how it was obtained from population.csv.</summary>
public sealed record PopulationDenominator(double Value, string Derivation);

/// <summary>
/// The mean population of a year, the usual denominator of crude rates per 1,000 (United Nations 1970, Manual VI;
/// Rowland 2003, <i>Demographic Methods and Concepts</i>, §2.5): P̄_t = (P(1 Jan t) + P(1 Jan t+1)) / 2, both from
/// <c>population.csv</c> (BNS, revised series — not the first-release indicator <c>population_end_of_year</c>).
/// Both populations are taken on the territory the unit had during year t (its era): when 1 January
/// t+1 is published on newer units (1 January 2018 and 2022), the parts are summed back (population is additive),
/// e.g. South Kazakhstan 2017 = (P_SKO(2017) + P_Turkestan(2018) + P_Shymkent(2018)) / 2.
/// </summary>
public static class MeanPopulation
{
    /// <summary>P̄ of <paramref name="region"/> in <paramref name="year"/> on its <paramref name="era"/> territory, or null when a population is missing.</summary>
    public static PopulationDenominator? Of(WorkbenchData data, Region region, int year, BoundaryEra era)
    {
        ArgumentNullException.ThrowIfNull(data);
        var start = On(data, region, new DateOnly(year, 1, 1), era);
        var end = On(data, region, new DateOnly(year + 1, 1, 1), era);
        if (start is null || end is null) return null;
        return new PopulationDenominator((start.Value.Value + end.Value.Value) / 2,
            $"mean of 1 January {year} ({start.Value.How}) and 1 January {year + 1} ({end.Value.How}), population.csv");
    }

    // The population on the unit's era territory from the figures published on the date's units (Harmonisation.PartsOf,
    // the one rule of which units make up a territory; population is additive).
    internal static (double Value, string How)? On(WorkbenchData data, Region region, DateOnly date, BoundaryEra era)
    {
        var published = BoundaryEra.OfYear(date.Year);
        if (Harmonisation.PartsOf(region, era, published, data.Regions) is not { } parts) return null;
        if (Harmonisation.SumOfParts(parts, r => data.PopulationAt(r.Key, date)?.Value) is not double value) return null;
        return parts is [var only] && only.Key == region.Key
            ? (value, "as published")
            : (value, "sum of " + string.Join(" + ", parts.Select(r => r.Key)) + $" on the {published.Id}-era units");
    }
}
