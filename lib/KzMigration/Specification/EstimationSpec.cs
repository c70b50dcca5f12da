using KzMigration.Scoring;
using KzMigration.Statistics;
using KzMigration.Estimation;
using KzMigration.Data;
using KzMigration.Migration;

namespace KzMigration.Specification;

/// <summary>How the panel's units are formed across the boundary changes of 2018 and 2022.</summary>
public enum PanelUnits
{
    /// <summary>
    /// Each unit on its own territory: a unit whose territory changed is a new panel unit (its own fixed effect), and
    /// a lagged regressor never crosses a change (that region-year is dropped and counted). Nothing is harmonised.
    /// </summary>
    Territory,
    /// <summary>Only the units whose territory never changed over the years estimated (12 of the 2022 units).</summary>
    Stable,
}

/// <summary>How the gravity models' standard errors are clustered (PPML and the log-linear OLS beside it alike).</summary>
public enum GravityClustering
{
    /// <summary>
    /// By ordered pair (origin → destination): a pair's flows of different years share its unobserved ties (Yotov,
    /// Piermartini, Monteiro &amp; Larch 2016, <i>An Advanced Guide to Trade Policy Analysis</i>, WTO/UNCTAD, ch. 1). The default.
    /// </summary>
    Pair,
    /// <summary>
    /// Two-way by origin and by destination (Cameron, Gelbach &amp; Miller 2011): every flow from or to a region may share
    /// that region's shocks. Few clusters (17 on the 2018 units) in each dimension.
    /// </summary>
    OriginDestination,
}

/// <summary>
/// The recorded choices of the estimated models (issue 15), one immutable value: which indicators enter, whether
/// they are lagged one year, the years, how units are formed across boundary changes, the bootstrap settings, and the
/// gravity model's flow years. What-if is <c>spec with { … }</c>; the text form (the study's section
/// <c>estimation.*</c>) is <see cref="Specification.SpecificationFormatter.Format(EstimationSpec)"/> /
/// <see cref="Specification.SpecificationParser.ParseEstimation"/>.
/// </summary>
public sealed record EstimationSpec
{
    /// <summary>The baseline: income, GRP per capita and unemployment, lagged one year, 2015–2022, own territories, Webb weights, B = 999.</summary>
    public static EstimationSpec Default { get; } = new();

    /// <summary>Indicators entering as log(value / national value) (socioeconomic.csv ids).</summary>
    public IReadOnlyList<string> Indicators { get; init; } = ["income_per_capita", "grp_per_capita", "unemployment_rate"];

    /// <summary>
    /// Regressors of year t − 1 for the outcome of year t. The paper says migration responds to conditions «with a
    /// certain lag»; the one-year lag is the workbench's reading (and avoids the rate and the indicators sharing the
    /// same year's shocks).
    /// </summary>
    public bool Lag { get; init; } = true;

    /// <summary>Outcome years of the panel (inclusive).</summary>
    public int FromYear { get; init; } = 2015;

    public int ToYear { get; init; } = 2022;

    public PanelUnits Units { get; init; } = PanelUnits.Territory;

    public BootstrapWeights Weights { get; init; } = BootstrapWeights.Webb;

    public int Replications { get; init; } = 999;

    public ulong Seed { get; init; } = 20_150_101;

    public double Confidence { get; init; } = 0.95;

    /// <summary>Flow years of the gravity model (on the 20 units of 2022, as od-flows.csv gives them).</summary>
    public IReadOnlyList<int> GravityYears { get; init; } = [2015, 2020, 2021, 2023, 2024];

    /// <summary>
    /// Boundary era the gravity model is estimated on: every flow matrix is aggregated exactly to it (possible towards
    /// older eras only), and the regressors must refer to it (ratios cannot be aggregated). 2018: the 17 units, where
    /// 2020 and 2021 flows meet 2019–2021 indicators; 2022: the 20 units, where only 2022 indicators exist.
    /// </summary>
    public string GravityEra { get; init; } = "2018";

    /// <summary>
    /// The panel's reported interval: the inverted restricted wild bootstrap test (<see cref="BootstrapInterval.Wcr"/>,
    /// the default, as boottest) or the unrestricted percentile-t interval (<see cref="BootstrapInterval.Wcu"/>).
    /// Text <c>interval=wcr|wcu</c>.
    /// </summary>
    public BootstrapInterval Interval { get; init; } = BootstrapInterval.Wcr;

    /// <summary>How the gravity models' errors are clustered. Text <c>gravity_cluster=pair|origin-destination</c>.</summary>
    public GravityClustering GravityCluster { get; init; } = GravityClustering.Pair;

    /// <summary>
    /// Whether the gravity models carry a city–hinterland dummy: 1 for the flows between a city of republican
    /// significance and the one region that surrounds it (both directions; <see cref="GravityModel.Hinterlands"/>).
    /// Default yes: such moves are largely suburban (a move from Almaty city to a suburb in Almaty region crosses a
    /// region's border), a tie that neither distance between centroids nor contiguity measures. Text <c>city_hinterland=yes|no</c>.
    /// </summary>
    public bool CityHinterland { get; init; } = true;

    /// <summary>
    /// The push–pull model's factors, each entering as log(destination / origin) (<see cref="PushPullModel"/>): indicator
    /// ids, and <see cref="HousingChoice.FactorId"/> for the housing price the study's <see cref="HousingChoice"/> names.
    /// Text <c>push_pull=income_per_capita,grp_per_capita,…</c>.
    /// </summary>
    public IReadOnlyList<string> PushPull { get; init; } =
        ["income_per_capita", "grp_per_capita", "unemployment_rate", "avg_monthly_wage", HousingChoice.FactorId];

    /// <summary>The bootstrap choices as one record.</summary>
    public WildBootstrapChoices Bootstrap => new(Replications, Weights, Seed, Confidence, Interval);

    public bool Equals(EstimationSpec? other) =>
        other is not null && Indicators.SequenceEqual(other.Indicators) && Lag == other.Lag && FromYear == other.FromYear && ToYear == other.ToYear
        && Units == other.Units && Weights == other.Weights && Replications == other.Replications && Seed == other.Seed
        && Confidence.Equals(other.Confidence) && GravityYears.SequenceEqual(other.GravityYears) && GravityEra == other.GravityEra
        && Interval == other.Interval && GravityCluster == other.GravityCluster && CityHinterland == other.CityHinterland
        && PushPull.SequenceEqual(other.PushPull);

    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(string.Join(",", Indicators), Lag, FromYear, ToYear, Units, Weights, Replications, Seed),
            Interval, GravityCluster, CityHinterland, string.Join(",", PushPull));

    public override string ToString() => Specification.SpecificationFormatter.Format(this);
}
