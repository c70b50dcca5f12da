using KzMigration.Scoring;

namespace KzMigration.Tests.Scoring;

/// <summary>
/// The band lookup lives in one place, <see cref="BandScale"/> (issue 22, «One place per rule»): the scorecard's
/// <see cref="BandScale.Classify"/> and the Monte Carlo kernel (<see cref="ScoringKernel"/>) both count thresholds with
/// <c>BandScale.CountReached</c> after the rule's rounding (<c>BandScale.EffectiveRatio</c>). Values by hand from the
/// paper's scale (70, 95, 105, 150).
/// </summary>
public class BandLookupTests
{
    // Ratios on, just below and just above every threshold, and the ties that the rules decide differently.
    private static readonly double[] Ratios = [0, 69.4, 69.5, 69.99, 70, 70.01, 94.49, 94.5, 94.99, 95, 95.01, 104.49, 104.5, 104.99, 105, 105.01, 149.5, 150, 150.01, 400];

    [Theory]
    [InlineData(BoundaryRule.LowerBoundInclusive, 94.5, 1)]
    [InlineData(BoundaryRule.LowerBoundInclusive, 95, 2)]
    [InlineData(BoundaryRule.UpperBoundInclusive, 95, 1)]
    [InlineData(BoundaryRule.UpperBoundInclusive, 95.01, 2)]
    [InlineData(BoundaryRule.WholePercentRounded, 94.5, 2)]   // rounds half away from zero to 95
    [InlineData(BoundaryRule.WholePercentRounded, 94.49, 1)]
    [InlineData(BoundaryRule.WholePercentRounded, 149.5, 4)]
    [InlineData(BoundaryRule.LowerBoundInclusive, double.NaN, 0)]
    public void The_one_lookup_gives_the_hand_computed_band(BoundaryRule rule, double ratio, int band)
    {
        var scale = BandScale.Paper with { Rule = rule };
        Assert.Equal(band, scale.Classify(ratio));
        Assert.Equal(band, BandScale.Locate(scale.Thresholds.AsSpan(), ratio, rule));
        Assert.Equal(band, BandScale.CountReached(scale.Thresholds.AsSpan(), BandScale.EffectiveRatio(ratio, rule), rule == BoundaryRule.UpperBoundInclusive));
    }

    [Theory]
    [InlineData(BoundaryRule.LowerBoundInclusive)]
    [InlineData(BoundaryRule.UpperBoundInclusive)]
    [InlineData(BoundaryRule.WholePercentRounded)]
    public void The_Monte_Carlo_kernel_bands_every_edge_value_as_the_scorecard_does(BoundaryRule rule)
    {
        // One indicator, national level 100: each region's value is its ratio in percent.
        var rows = new List<IndicatorValue> { new("Kazakhstan", "x", 2022, 100) };
        rows.AddRange(Ratios.Select((r, i) => new IndicatorValue($"R{i:00}", "x", 2022, r)));
        var scale = BandScale.Paper with { Rule = rule };
        var spec = ScoringSpec.Paper with { Bands = scale };
        var result = Sensitivity.Run(IndicatorPanel.Create(rows), SensitivityInput.Fixed(spec) with { Draws = 1 });

        var expected = Ratios.Select((r, i) => (Region: $"R{i:00}", Band: (int?)scale.Classify(r))).ToDictionary(x => x.Region, x => x.Band);
        Assert.Equal(Ratios.Length, result.Bands.Count);
        Assert.All(result.Bands, b => Assert.Equal(expected[b.Region], b.DefaultBand));
        Assert.All(result.Default.Cells, c => Assert.Equal(expected[c.Region], c.BandIndex));
    }
}
