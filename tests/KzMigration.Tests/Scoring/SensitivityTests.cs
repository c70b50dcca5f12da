using KzMigration.Scoring;
using static KzMigration.Tests.Scoring.ScorecardTests;

namespace KzMigration.Tests.Scoring;

public class SensitivityTests
{
    /// <summary>A deterministic synthetic panel with the bundled data's shape: regions × years × indicators, national row included.</summary>
    internal static IndicatorPanel Synthetic(int regions = 20, int years = 8, int indicators = 6, int seed = 7, bool population = true)
    {
        var rng = new Random(seed);
        var rows = new List<IndicatorValue>();
        var pop = new List<RegionPopulation>();
        for (var y = 0; y < years; y++)
            for (var i = 0; i < indicators; i++)
            {
                rows.Add(new("Kazakhstan", $"ind{i}", 2015 + y, 100));
                for (var r = 0; r < regions; r++)
                    rows.Add(new($"R{r:00}", $"ind{i}", 2015 + y, r == 3 && i == 1 ? null : 100 * Math.Exp(rng.NextDouble() * 1.6 - 0.8)));
            }
        if (population)
            for (var y = 0; y < years; y++)
                for (var r = 0; r < regions; r++) pop.Add(new($"R{r:00}", 2015 + y, 1000 + 100 * r));
        return IndicatorPanel.Create(rows, pop);
    }

    private static SensitivityInput Busy(int draws = 300) => new()
    {
        Draws = draws, Seed = 42, PointJitter = 0.3, PolarityCandidates = ["ind2"],
    };

    private static string Fingerprint(SensitivityResult r) => string.Join("\n",
        r.Ranks.Select(x => x.ToString()).Concat(r.Indices.Select(x => x.ToString()))
            .Concat(r.Bands.Select(b => $"{b.Region} {b.Indicator} {b.Year} {string.Join(",", b.Probabilities)} {b.UnscoredShare}"))
            .Append(r.MeanAbsoluteRankShift.ToString("R")));

    [Fact]
    public void Same_seed_gives_the_same_result_whatever_the_degree_of_parallelism()
    {
        var panel = Synthetic();
        var one = Fingerprint(Sensitivity.Run(panel, Busy(), maxDegreeOfParallelism: 1));
        Assert.Equal(one, Fingerprint(Sensitivity.Run(panel, Busy(), maxDegreeOfParallelism: 2)));
        Assert.Equal(one, Fingerprint(Sensitivity.Run(panel, Busy(), maxDegreeOfParallelism: 5)));
        Assert.Equal(one, Fingerprint(Sensitivity.Run(panel, Busy())));
        Assert.NotEqual(one, Fingerprint(Sensitivity.Run(panel, Busy() with { Seed = 43 })));
    }

    [Fact]
    public void Zero_perturbation_collapses_every_rank_interval_to_the_point_rank()
    {
        var panel = Synthetic();
        var result = Sensitivity.Run(panel, SensitivityInput.Fixed(ScoringSpec.Paper) with { Draws = 70 });
        Assert.Empty(result.Factors);
        Assert.Empty(result.Indices);
        Assert.Equal(140, result.Evaluations);
        Assert.Equal(0, result.MeanAbsoluteRankShift);
        var expected = result.Default.Regions.ToDictionary(r => (r.Region, r.Year), r => r.Rank);
        Assert.Equal(expected.Count, result.Ranks.Count);
        foreach (var r in result.Ranks)
        {
            Assert.Equal(expected[(r.Region, r.Year)], r.DefaultRank);
            Assert.All(new[] { r.Min, r.P5, r.Median, r.P95, r.Max }, x => Assert.Equal(r.DefaultRank, x));
            Assert.Equal(0, r.MeanAbsoluteShift);
        }
        Assert.All(result.Bands, b => Assert.Equal(1.0, b.DefaultBand is int d ? b.Probabilities[d] : b.UnscoredShare));
    }

    [Theory]
    [InlineData(ReferenceKind.Median, BoundaryRule.LowerBoundInclusive, Aggregation.Sum)]
    [InlineData(ReferenceKind.PopulationWeightedMean, BoundaryRule.WholePercentRounded, Aggregation.WeightedMean)]
    [InlineData(ReferenceKind.UnweightedMeanOfRegions, BoundaryRule.UpperBoundInclusive, Aggregation.WeightedSum)]
    public void Kernel_default_ranks_match_Scorecard(ReferenceKind reference, BoundaryRule rule, Aggregation aggregation)
    {
        var spec = ScoringSpec.Paper with
        {
            Reference = reference, Aggregation = aggregation, Bands = BandScale.Paper with { Rule = rule },
            Inverted = ["ind1"], Weights = System.Collections.Immutable.ImmutableDictionary.CreateRange([KeyValuePair.Create("ind0", 3.0)]),
        };
        var result = Sensitivity.Run(Synthetic(), SensitivityInput.Fixed(spec) with { Draws = 1 });
        var expected = result.Default.Regions.ToDictionary(r => (r.Region, r.Year), r => r.Rank);
        Assert.All(result.Ranks, r => Assert.Equal(expected[(r.Region, r.Year)], r.Median));
        var cells = result.Default.Cells.ToDictionary(c => (c.Region, c.Indicator, c.Year), c => c.BandIndex);
        Assert.All(result.Bands, b => Assert.Equal(cells[(b.Region, b.Indicator, b.Year)], b.DefaultBand));
    }

    [Fact]
    public void Uncertain_run_reports_consistent_distributions()
    {
        var result = Sensitivity.Run(Synthetic(), Busy());
        Assert.Equal(["thresholds", "points", "reference", "polarity", "inclusion"], result.Factors.Select(f => f.Name));
        Assert.Equal(300 * (5 + 2), result.Evaluations);
        Assert.True(result.MeanAbsoluteRankShift > 0);
        foreach (var r in result.Ranks.Where(r => r.Min is not null))
            Assert.True(r.Min <= r.P5 && r.P5 <= r.Median && r.Median <= r.P95 && r.P95 <= r.Max, r.ToString());
        Assert.All(result.Bands, b => Assert.Equal(1.0, b.Probabilities.Sum() + b.UnscoredShare, 9));
        // R03 has no ind1 value: that cell is never scored.
        Assert.All(result.Bands.Where(b => b.Region == "R03" && b.Indicator == "ind1"), b => Assert.Equal(1.0, b.UnscoredShare));
        foreach (var index in result.Indices.Where(i => !double.IsNaN(i.Total)))
        {
            Assert.InRange(index.Total, -1e-12, 2);            // Jansen: a mean of squares, ≥ 0 exactly
            Assert.InRange(index.FirstOrder, -0.5, 1.5);       // noisy at N = 300
        }
        var scalar = result.Indices.Where(i => i.Output == "mean_abs_rank_shift").ToList();
        Assert.Equal(5, scalar.Count);
        Assert.All(scalar, i => Assert.True(i.FirstOrder <= i.Total + 0.15, i.ToString()));
    }

    // National 100; A 20, B 40, C 125, D 400, E 100. Published: C high (+1), E medium (+0.5).
    // Unweighted mean 137: C 91.2 % low (−1), E 73 % low (−1), so C and E tie. Every ratio under both references
    // is ≥ 1 point away from any threshold, so a ±1 pp threshold jitter never changes a band.
    private static IndicatorPanel Analytic() => IndicatorPanel.Create([
        V("Kazakhstan", "x", 100), V("A", "x", 20), V("B", "x", 40), V("C", "x", 125), V("D", "x", 400), V("E", "x", 100)]);

    [Fact]
    public void Analytic_case_reference_explains_everything_and_inert_thresholds_score_exactly_zero()
    {
        var spec = new SensitivityInput
        {
            Draws = 4000, ThresholdJitter = 1, References = [ReferenceKind.PublishedNational, ReferenceKind.UnweightedMeanOfRegions],
            PolarityCandidates = [], ExcludeOneIndicator = false,
        };
        var result = Sensitivity.Run(Analytic(), spec);
        Assert.Equal(["thresholds", "reference"], result.Factors.Select(f => f.Name));
        var scalar = result.Indices.Where(i => i.Output == "mean_abs_rank_shift").ToDictionary(i => i.Factor);
        Assert.Equal(0.0, scalar["thresholds"].FirstOrder);
        Assert.Equal(0.0, scalar["thresholds"].Total);
        // Y = 1{mean reference}: a Bernoulli(½) switch moves E from rank 3 to 2; S = ST = 1 up to MC error.
        Assert.InRange(scalar["reference"].FirstOrder, 0.9, 1.1);
        Assert.InRange(scalar["reference"].Total, 0.9, 1.1);
        Assert.InRange(result.MeanAbsoluteRankShift, 0.05, 0.15);   // E shifts by 1 of 5 regions in half the draws: 0.1
        var e = result.Ranks.Single(r => r.Region == "E");
        Assert.Equal((3, 2, 3), (e.DefaultRank!.Value, e.Min!.Value, e.Max!.Value));
        var a = result.Indices.Single(i => i.Region == "A" && i.Factor == "reference");
        Assert.True(double.IsNaN(a.FirstOrder) && double.IsNaN(a.Total)); // A's rank never moves: no variance to share
    }

    [Fact]
    public void Invalid_sensitivity_specs_are_rejected()
    {
        var noPopulation = Synthetic(population: false);
        Assert.Throws<ArgumentException>(() => Sensitivity.Run(noPopulation, new SensitivityInput { References = [ReferenceKind.PopulationWeightedMean, ReferenceKind.PublishedNational] }));
        Assert.DoesNotContain(Sensitivity.Run(noPopulation, new SensitivityInput { Draws = 2 }).Factors, f => f.Description.Contains("PopulationWeighted"));
        Assert.Throws<ArgumentException>(() => Sensitivity.Run(noPopulation, new SensitivityInput { Draws = 0 }));
        Assert.Throws<ArgumentException>(() => Sensitivity.Run(noPopulation, new SensitivityInput { ExclusionCandidates = ["nope"] }));
        Assert.Throws<ArgumentException>(() => Sensitivity.Run(noPopulation, new SensitivityInput { References = [ReferenceKind.Median] }));
    }
}
