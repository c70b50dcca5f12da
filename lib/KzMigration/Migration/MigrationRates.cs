using System.Globalization;

namespace KzMigration.Migration;

/// <summary>
/// Crude migration rates of one region per 1,000 population («на 1000 человек населения», the unit of BNS
/// migration bulletins; United Nations 1970, Manual VI "Methods of measuring internal migration").
/// The population is an explicit argument: say which one it is (mid-year, or start of year as BNS often uses)
/// and take it for the same boundaries as the flows.
/// </summary>
/// <example>A = 1,200, D = 1,500, P = 300,000 → in 4.0, out 5.0, net −1.0 per 1,000.</example>
public static class MigrationRates
{
    /// <summary>In-migration rate 1000 · A / P.</summary>
    /// <returns>≥ 0; arrivals per 1,000 residents over the period of the flows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The population is not a finite number &gt; 0.</exception>
    public static RegionIndex InRate(RegionFlows region, double population) =>
        PerThousand(region, region.Arrivals, population);

    /// <summary>Out-migration rate 1000 · D / P.</summary>
    /// <returns>≥ 0; departures per 1,000 residents over the period of the flows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The population is not a finite number &gt; 0.</exception>
    public static RegionIndex OutRate(RegionFlows region, double population) =>
        PerThousand(region, region.Departures, population);

    /// <summary>Net migration rate 1000 · (A − D) / P = in-rate − out-rate.</summary>
    /// <returns>Any real number; &gt; 0 the region gains, &lt; 0 it loses residents by migration, per 1,000 residents.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The population is not a finite number &gt; 0.</exception>
    public static RegionIndex NetRate(RegionFlows region, double population) =>
        PerThousand(region, region.Arrivals - region.Departures, population);

    /// <summary>
    /// Net migration rate from a published balance alone, 1000 · N / P, for series the BNS publishes as balances only
    /// (e.g. the all-flow balance «сальдо миграции по всем потокам», which has no regional arrivals and departures in
    /// the bundle). Same value as <see cref="NetRate(RegionFlows, double)"/> when N = A − D.
    /// </summary>
    /// <param name="region">Region key.</param>
    /// <param name="flow">The flow the balance counts.</param>
    /// <param name="balance">Migration balance N (any finite number).</param>
    /// <param name="population">Population P (finite, &gt; 0); say which date it refers to.</param>
    /// <returns>Any real number; &gt; 0 the region gains, &lt; 0 it loses residents by migration, per 1,000 residents.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The balance is not finite or the population is not a finite number &gt; 0.</exception>
    public static RegionIndex NetRate(string region, Flow flow, double balance, double population)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        if (!double.IsFinite(balance))
            throw new ArgumentOutOfRangeException(nameof(balance), balance, $"Balance of '{region}' must be finite.");
        if (!double.IsFinite(population) || population <= 0)
            throw new ArgumentOutOfRangeException(nameof(population), population,
                $"Population of '{region}' must be a finite number > 0, got {population.ToString(CultureInfo.InvariantCulture)}.");
        return new RegionIndex(region, flow, 1000.0 * balance / population);
    }

    private static RegionIndex PerThousand(RegionFlows region, double count, double population)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (!double.IsFinite(population) || population <= 0)
            throw new ArgumentOutOfRangeException(nameof(population), population,
                $"Population of '{region.Region}' must be a finite number > 0, got {population.ToString(CultureInfo.InvariantCulture)}.");
        return new RegionIndex(region.Region, region.Flow, 1000.0 * count / population);
    }
}
