using System.Globalization;

namespace KzMigration.Migration;

/// <summary>
/// System-wide indices of internal migration for one period, from the arrivals and departures of every region
/// of the system (Bell, Blake, Boyle, Duke-Williams, Rees, Stillwell &amp; Hugo 2002, "Cross-national comparison of
/// internal migration: issues and measures", JRSS-A 165(3):435–464, doi:10.1111/1467-985X.t01-1-00247;
/// implemented in the R packages migest (<c>index_impact</c>, <c>index_intensity</c>) and migration.indices).
/// </summary>
/// <remarks>
/// The measures assume a closed system: every move leaves one region and enters another, so ΣA = ΣD = M.
/// That holds for <see cref="Flow.Interregional"/> flows, and for <see cref="Flow.Internal"/> flows too (a move
/// inside a region counts once in A and once in D), but then M counts moves inside regions as well and
/// the MEI is diluted by them: say which flow an index used. <see cref="Flow.All"/> adds international moves,
/// which leave or enter the system, so these functions refuse it.
/// </remarks>
/// <example>
/// Regions with (A, D) = (50, 20), (40, 40), (30, 60) and total population 1,000 (the <see cref="FlowMatrix"/> example):
/// MEI = 100·60/240 = 25, CMI = 100·120/1000 = 12, ANMR = 100·½·60/1000 = 3 = 12·25/100.
/// </example>
public static class SystemIndices
{
    /// <summary>
    /// Migration effectiveness index MEI = 100 · Σ|Aᵢ − Dᵢ| / Σ(Aᵢ + Dᵢ) (Bell et al. 2002, eq. for MEI).
    /// </summary>
    /// <returns>
    /// MEI ∈ [0, 100]: the share of all migration turnover that redistributes population between regions.
    /// Near 0: flows largely cancel out (churn); high values: migration efficiently moves population towards some regions.
    /// Undefined when there is no migration at all.
    /// </returns>
    public static SystemIndex MigrationEffectivenessIndex(IReadOnlyCollection<RegionFlows> regions)
    {
        var flow = ClosedSystemFlow(regions);
        var turnover = regions.Sum(r => r.Arrivals + r.Departures);
        return turnover == 0
            ? new SystemIndex(flow, regions.Count, null, "No arrivals or departures in any region: MEI is undefined.")
            : new SystemIndex(flow, regions.Count, 100.0 * AbsoluteNet(regions) / turnover);
    }

    /// <summary>
    /// Crude migration intensity CMI = 100 · M / ΣPᵢ, with M = ΣDᵢ the number of moves (each counted once, at its origin).
    /// </summary>
    /// <param name="regions">Every region of the system, one flow.</param>
    /// <param name="totalPopulation">ΣPᵢ, the population at risk of the same regions (say which: mid-year or start of year).</param>
    /// <returns>CMI ≥ 0: moves per 100 residents over the period (a percentage of the population).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The population is not a finite number &gt; 0.</exception>
    public static SystemIndex CrudeMigrationIntensity(IReadOnlyCollection<RegionFlows> regions, double totalPopulation)
    {
        var flow = ClosedSystemFlow(regions);
        RequirePopulation(totalPopulation);
        return new SystemIndex(flow, regions.Count, 100.0 * regions.Sum(r => r.Departures) / totalPopulation);
    }

    /// <summary>
    /// Aggregate net migration rate ANMR = 100 · ½ · Σ|Aᵢ − Dᵢ| / ΣPᵢ: the net population shift between regions per 100
    /// residents. In a closed system (ΣAᵢ = ΣDᵢ = M) ANMR = CMI · MEI / 100 (Bell et al. 2002).
    /// </summary>
    /// <remarks>
    /// The ½ counts each net transfer once (a gain in one region is a loss in another). The R package migration.indices
    /// documents ANMR without the ½ while its code divides by 2; this follows the code and Bell et al.
    /// </remarks>
    /// <param name="regions">Every region of the system, one flow.</param>
    /// <param name="totalPopulation">ΣPᵢ of the same regions.</param>
    /// <returns>ANMR ∈ [0, CMI]: percentage of the population redistributed between regions, net.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The population is not a finite number &gt; 0.</exception>
    public static SystemIndex AggregateNetMigrationRate(IReadOnlyCollection<RegionFlows> regions, double totalPopulation)
    {
        var flow = ClosedSystemFlow(regions);
        RequirePopulation(totalPopulation);
        return new SystemIndex(flow, regions.Count, 100.0 * 0.5 * AbsoluteNet(regions) / totalPopulation);
    }

    private static double AbsoluteNet(IEnumerable<RegionFlows> regions) => regions.Sum(r => Math.Abs(r.Arrivals - r.Departures));

    private static Flow ClosedSystemFlow(IReadOnlyCollection<RegionFlows> regions)
    {
        var flow = FlowGuard.SingleFlow(regions, nameof(regions));
        if (flow == Flow.All)
            throw new ArgumentException(
                "System indices (MEI, CMI, ANMR) need a closed system of regions; Flow.All includes international moves. " +
                "Use Interregional (or Internal) arrivals and departures.", nameof(regions));
        return flow;
    }

    private static void RequirePopulation(double totalPopulation)
    {
        if (!double.IsFinite(totalPopulation) || totalPopulation <= 0)
            throw new ArgumentOutOfRangeException(nameof(totalPopulation), totalPopulation,
                $"The total population must be a finite number > 0, got {totalPopulation.ToString(CultureInfo.InvariantCulture)}.");
    }
}
