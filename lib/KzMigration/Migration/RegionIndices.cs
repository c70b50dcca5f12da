
namespace KzMigration.Migration;

/// <summary>
/// Indices of one region's migration: balance, the paper's attractiveness coefficient K and the
/// standard migration effectiveness ratio E, with the identity that links K and E.
/// Each function works on one <see cref="RegionFlows"/>, whose flow the result carries; the
/// list overloads refuse a mixture of flows (<see cref="FlowGuard.SingleFlow"/>).
/// </summary>
/// <example>
/// For the three-region example of <see cref="FlowMatrix"/> (A, D) = (50, 20), (40, 40), (30, 60):
/// N = (30, 0, −30), K = (2.5, 1, 0.5), E = (42.857, 0, −33.333).
/// </example>
public static class RegionIndices
{
    /// <summary>
    /// Migration balance (net migration, «сальдо миграции») N = A − D.
    /// </summary>
    /// <returns>
    /// Always defined; any real number. N &gt; 0: the region gains population by migration, N &lt; 0: it loses.
    /// For interregional flows the balances of all regions of a period sum to 0; internal flows give the same balance
    /// (moves inside a region count as one arrival and one departure); the all-flow balance adds international migration.
    /// </returns>
    public static RegionIndex Balance(RegionFlows region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new RegionIndex(region.Region, region.Flow, region.Arrivals - region.Departures);
    }

    /// <summary>
    /// The paper's "coefficient of overall migration attractiveness" K = A / D
    /// (Bokayev &amp; Akhmetova, Results, Figure 2 and Table 2; after Prokin 2017).
    /// </summary>
    /// <returns>
    /// K ∈ [0, ∞). K &gt; 1: more arrivals than departures (positive balance); K = 1: balanced; K &lt; 1: net loss.
    /// Undefined (null value with a reason) when D = 0. K is not symmetric around 1 (a gain of N counts for more
    /// than a loss of N); <see cref="EffectivenessRatio(RegionFlows)"/> is the symmetric equivalent and ranks regions identically.
    /// The paper does not say whether A and D are interregional or internal flows; internal flows (which add moves
    /// inside the region to both) pull K towards 1, so state the flow next to every K.
    /// </returns>
    public static RegionIndex AttractivenessCoefficient(RegionFlows region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.Departures == 0
            ? new RegionIndex(region.Region, region.Flow, null,
                $"Departures of '{region.Region}' are 0, so K = arrivals / departures is undefined.")
            : new RegionIndex(region.Region, region.Flow, region.Arrivals / region.Departures);
    }

    /// <summary>
    /// Migration effectiveness ratio of a region E = 100 · (A − D) / (A + D) — the share of the region's
    /// migration turnover that changes its population (Bell et al. 2002, "Cross-national comparison of internal
    /// migration: issues and measures", JRSS-A 165(3):435–464, doi:10.1111/1467-985X.t01-1-00247; migest
    /// <c>index_impact</c>, migration.indices <c>migration.effectiveness</c>).
    /// </summary>
    /// <returns>
    /// E ∈ [−100, 100]. E = 100: only arrivals; E = 0: arrivals equal departures (churn with no net effect);
    /// E = −100: only departures. Undefined (null with a reason) when A + D = 0.
    /// E = 100·(K − 1)/(K + 1) is a strictly increasing transform of the paper's K (see
    /// <see cref="CoefficientFromEffectiveness"/>), so K and E rank regions identically.
    /// </returns>
    public static RegionIndex EffectivenessRatio(RegionFlows region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var turnover = region.Arrivals + region.Departures;
        return turnover == 0
            ? new RegionIndex(region.Region, region.Flow, null,
                $"Arrivals and departures of '{region.Region}' are both 0, so E = 100·(A − D)/(A + D) is undefined.")
            : new RegionIndex(region.Region, region.Flow, 100.0 * (region.Arrivals - region.Departures) / turnover);
    }

    /// <summary>
    /// The paper's K from the effectiveness ratio: K = (100 + E) / (100 − E).
    /// Derivation: with E = 100(A − D)/(A + D), 100 + E = 200A/(A + D) and 100 − E = 200D/(A + D), so their ratio is A/D.
    /// </summary>
    /// <param name="effectiveness">E ∈ [−100, 100].</param>
    /// <returns>K ∈ [0, ∞), or null when E = 100 (no departures: K undefined).</returns>
    /// <exception cref="ArgumentOutOfRangeException">E is outside [−100, 100] or not finite.</exception>
    public static double? CoefficientFromEffectiveness(double effectiveness)
    {
        if (!double.IsFinite(effectiveness) || effectiveness < -100 || effectiveness > 100)
            throw new ArgumentOutOfRangeException(nameof(effectiveness), effectiveness, "The effectiveness ratio E must lie in [−100, 100].");
        return effectiveness == 100 ? null : (100 + effectiveness) / (100 - effectiveness);
    }

    /// <summary>
    /// The effectiveness ratio from the paper's K: E = 100 · (K − 1) / (K + 1) (inverse of <see cref="CoefficientFromEffectiveness"/>).
    /// </summary>
    /// <param name="coefficient">K ∈ [0, ∞), finite.</param>
    /// <returns>E ∈ [−100, 100).</returns>
    /// <exception cref="ArgumentOutOfRangeException">K is negative or not finite.</exception>
    public static double EffectivenessFromCoefficient(double coefficient)
    {
        if (!double.IsFinite(coefficient) || coefficient < 0)
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, "The attractiveness coefficient K must be finite and ≥ 0.");
        return 100.0 * (coefficient - 1) / (coefficient + 1);
    }

    /// <summary><see cref="Balance(RegionFlows)"/> of every region, in input order; refuses mixed flows or repeated regions.</summary>
    public static IReadOnlyList<RegionIndex> Balance(IReadOnlyCollection<RegionFlows> regions) => Each(regions, Balance);

    /// <summary><see cref="AttractivenessCoefficient(RegionFlows)"/> of every region, in input order; refuses mixed flows or repeated regions.</summary>
    public static IReadOnlyList<RegionIndex> AttractivenessCoefficient(IReadOnlyCollection<RegionFlows> regions) => Each(regions, AttractivenessCoefficient);

    /// <summary><see cref="EffectivenessRatio(RegionFlows)"/> of every region, in input order; refuses mixed flows or repeated regions.</summary>
    public static IReadOnlyList<RegionIndex> EffectivenessRatio(IReadOnlyCollection<RegionFlows> regions) => Each(regions, EffectivenessRatio);

    private static IReadOnlyList<RegionIndex> Each(IReadOnlyCollection<RegionFlows> regions, Func<RegionFlows, RegionIndex> index)
    {
        FlowGuard.SingleFlow(regions, nameof(regions));
        return regions.Select(index).ToList();
    }
}
