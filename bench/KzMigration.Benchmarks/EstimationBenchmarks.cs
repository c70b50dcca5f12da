using BenchmarkDotNet.Attributes;
using KzMigration.Data;
using KzMigration.Runs;
using KzMigration.Estimation;
using KzMigration.Regions;
using KzMigration.Statistics;
using KzMigration.Specification;

namespace KzMigration.Benchmarks;

/// <summary>
/// The estimated models of notebook 06 on the bundled data (issue 15 targets: panel with 999 bootstrap replications
/// ≤ 1 s; PPML on one year's 380 pairs ≤ 50 ms; pooled over five years ≤ 250 ms; issue 21 targets: the structural
/// gravity model with pair-clustered PPML and log-OLS ≤ 500 ms; leave-one-region-out of the panel, 17 refits with the
/// inverted WCR interval for 3 coefficients, ≤ 1 s; the push–pull model from its pairs ≤ 100 ms). Data are loaded and
/// the pairs built once (GlobalSetup): the benchmarks time the estimation.
/// </summary>
[MemoryDiagnoser]
public class EstimationBenchmarks
{
    private WorkbenchData data = null!;
    private ModelFrame oneYear = null!;
    private ModelFrame fiveYears = null!;
    private IReadOnlyList<GravityPair> pairs = null!;
    private NetMigrationPanelResult panel = null!;

    [GlobalSetup]
    public void Setup()
    {
        data = RunContext.Current.Data; // the repository's data/, found from the working directory
        // One year on the 20 units: 2023 flows with 2022 indicators (lagged), every regressor of the pooled model.
        var year = EstimationSpec.Default with { GravityEra = "2022", GravityYears = [2023] };
        oneYear = GravityModel.Fit(year, GravityVariant.Pooled, BoundaryEra.Era2022, GravityModel.Pairs(data, year)).Ppml.Frame;
        // Five flow years on the 20 units: only the structural variant has its regressors for all five
        // (distance, contiguity, origin-year and destination-year effects: 1,900 pairs, ~190 parameters).
        var five = EstimationSpec.Default with { GravityEra = "2022" };
        fiveYears = GravityModel.Fit(five, GravityVariant.Structural, BoundaryEra.Era2022, GravityModel.Pairs(data, five)).Ppml.Frame;
        if (oneYear.N != 380 || fiveYears.N != 1900) throw new InvalidOperationException($"unexpected sample sizes {oneYear.N}, {fiveYears.N}");
        // The baseline's pairs on the 2018 units (every regressor of every variant) and the baseline panel.
        pairs = GravityModel.Pairs(data, EstimationSpec.Default);
        panel = NetMigrationPanel.Estimate(data, EstimationSpec.Default);
    }

    /// <summary>The net migration panel: rows, least squares, CR1 and the wild cluster bootstrap (B = 999) for three coefficients.</summary>
    [Benchmark]
    public NetMigrationPanelResult PanelWith999Replications() => NetMigrationPanel.Estimate(data, EstimationSpec.Default);

    /// <summary>PPML with HC0 on one year's 380 ordered pairs (intercept + 7 regressors).</summary>
    [Benchmark]
    public PoissonFit PpmlOneYear() => PoissonRegression.Fit(oneYear);

    /// <summary>PPML with HC0 pooled over five years (1,900 pairs, origin-year and destination-year effects).</summary>
    [Benchmark]
    public PoissonFit PpmlPooledFiveYears() => PoissonRegression.Fit(fiveYears);

    /// <summary>The structural gravity model on the 2018 units (1,360 pairs, ~170 parameters): PPML and OLS on log flows, both CR1 by pair.</summary>
    [Benchmark]
    public GravityResult StructuralGravityClusteredByPair() => GravityModel.Fit(EstimationSpec.Default, GravityVariant.Structural, BoundaryEra.Era2018, pairs);

    /// <summary>The push–pull model from its pairs: PPML with five factor ratios, CR1 by pair, and the log-OLS beside it.</summary>
    [Benchmark]
    public PushPullResult PushPull() => PushPullModel.Of(GravityModel.Fit(EstimationSpec.Default, GravityVariant.PushPull, BoundaryEra.Era2018, pairs));

    /// <summary>The panel without each of its 17 regions: least squares and the wild cluster bootstrap (WCR inverted, B = 999) for 3 coefficients each.</summary>
    [Benchmark]
    public IReadOnlyList<ClusterDeletion> PanelLeaveOneRegionOut() => NetMigrationPanel.LeaveOneRegionOut(panel);
}
