using BenchmarkDotNet.Attributes;
using KzMigration.Scoring;

namespace KzMigration.Benchmarks;

/// <summary>The bundled data's size: 20 regions × 8 years × 6 indicators (960 cells). Target: under 1 ms.</summary>
[MemoryDiagnoser]
public class BundledScoring
{
    private IndicatorPanel _panel = null!;

    [GlobalSetup]
    public void Setup() => _panel = SyntheticPanel.Create(20, 8, 6);

    [Benchmark]
    public Scorecard Score() => Scorecard.Score(_panel, ScoringSpec.Paper);

    [Benchmark]
    public Scorecard ScoreMedianInverted() =>
        Scorecard.Score(_panel, ScoringSpec.Paper with { Reference = ReferenceKind.Median, Inverted = ["unemployment_rate"] });
}

/// <summary>
/// 10,000 Monte Carlo base draws on the bundled-size panel with the default uncertain choices (thresholds ± 5 pp,
/// reference among 4, polarity of unemployment_rate and job_seekers, leave-one-out), i.e. N(G + 2) = 60,000
/// scorings with sensitivity indices; and a 10,000-scoring run (N = 1,667). Target: under 1 s on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class MonteCarlo
{
    private IndicatorPanel _panel = null!;

    [Params(2)]
    public int Cores { get; set; }

    [GlobalSetup]
    public void Setup() => _panel = SyntheticPanel.Create(20, 8, 6);

    [Benchmark]
    public SensitivityResult Draws10000() => Sensitivity.Run(_panel, new SensitivityInput { Draws = 10_000 }, Cores);

    [Benchmark]
    public SensitivityResult Evaluations10000() => Sensitivity.Run(_panel, new SensitivityInput { Draws = 10_000 / 6 + 1 }, Cores);
}

/// <summary>
/// Synthetic district-level panels: 30 years × 50 indicators × Units units (Units = 250 is 375,000 cells; target under
/// 100 ms). Three sizes check that cost grows linearly with cells. Panel indexing is measured separately.
/// </summary>
[MemoryDiagnoser]
public class DistrictScoring
{
    private IndicatorPanel _panel = null!;
    private List<IndicatorValue> _rows = null!;

    [Params(63, 125, 250)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _panel = SyntheticPanel.Create(Units, 30, 50);
        _rows = [.. _panel.Values];
    }

    [Benchmark]
    public Scorecard Score() => Scorecard.Score(_panel, ScoringSpec.Paper);

    [Benchmark]
    public IndicatorPanel BuildPanel() => IndicatorPanel.Create(_rows, _panel.Population);
}
