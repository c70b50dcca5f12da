using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KzMigration.Scoring;

namespace KzMigration.Tests.Scoring;

public class BandPropertyTests
{
    private static Arbitrary<double> Ratios() => Gen.Choose(0, 4_000_000).Select(i => i / 10_000.0).ToArbitrary();

    [Property]
    public Property A_higher_ratio_never_scores_fewer_points() =>
        Prop.ForAll(Ratios(), Ratios(), (a, b) =>
        {
            var (lo, hi) = a <= b ? (a, b) : (b, a);
            return Enum.GetValues<BoundaryRule>().All(rule =>
            {
                var scale = BandScale.Paper with { Rule = rule };
                return scale.Classify(lo) <= scale.Classify(hi);
            });
        });

    [Property]
    public Property Rounded_rule_is_the_lower_bound_rule_on_the_whole_percent() =>
        Prop.ForAll(Ratios(), r =>
            (BandScale.Paper with { Rule = BoundaryRule.WholePercentRounded }).Classify(r)
            == BandScale.Paper.Classify(Math.Round(r, MidpointRounding.AwayFromZero)));

    [Fact]
    public void Spec_and_scale_print_readably()
    {
        Assert.Contains("thresholds=70,95,105,150", ScoringSpec.Paper.ToString());
        Assert.Equal("BandScale { very low (-2) | 70 | low (-1) | 95 | medium (+0.5) | 105 | high (+1) | 150 | very high (+2); LowerBoundInclusive }", BandScale.Paper.ToString());
    }
}
