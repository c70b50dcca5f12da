using KzMigration.Scoring;
using KzMigration.Statistics;

namespace KzMigration.Tests.Statistics;

/// <summary>
/// The workbench's quantile definitions live in one place, <see cref="Quantiles"/> (issue 22, «One place per rule»).
/// Expected values: R's <c>quantile(x, p, type = 7)</c> and <c>type = 1</c> (= numpy «linear» and «inverted_cdf»), by hand.
/// </summary>
public class QuantilesTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)]   // h = 3·0.25 = 0.75: 1 + 0.75·(2 − 1)
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]     // h = 2.7: 3 + 0.7·(4 − 3)
    [InlineData(1.0, 4.0)]
    public void Linear_is_Hyndman_and_Fan_type_7(double p, double expected)
    {
        Assert.Equal(expected, Quantiles.Linear([1, 2, 3, 4], p), 12);
        Assert.Equal(Quantiles.Linear([1, 2, 3, 4], p), RankCorrelation.Quantile([1, 2, 3, 4], p)); // the old name calls the one place
    }

    [Theory]
    [InlineData(new[] { 10.0, 20, 30 }, 20)]
    [InlineData(new[] { 10.0, 20, 30, 100 }, 25)]
    [InlineData(new[] { 7.0 }, 7)]
    public void Median_is_type_7_at_one_half(double[] sorted, double expected)
    {
        Assert.Equal(expected, Quantiles.Median(sorted));
        Assert.Equal(Quantiles.Linear(sorted, 0.5), Quantiles.Median(sorted), 12);
    }

    [Fact]
    public void Nearest_rank_is_the_inverse_of_the_empirical_distribution()
    {
        // Ranks 1, 1, 2, 5 (index 0 counts unranked draws and is left out).
        long[] histogram = [9, 2, 1, 0, 0, 1];
        Assert.Equal(1, Quantiles.NearestRank(histogram, 4, 0.05)); // ⌈0.2⌉ = 1
        Assert.Equal(1, Quantiles.NearestRank(histogram, 4, 0.5));  // need 2: reached at rank 1
        Assert.Equal(2, Quantiles.NearestRank(histogram, 4, 0.75)); // need 3
        Assert.Equal(5, Quantiles.NearestRank(histogram, 4, 0.95)); // need 4
        Assert.Null(Quantiles.NearestRank(histogram, 0, 0.5));
    }

    [Fact]
    public void The_median_reference_level_is_the_one_median()
    {
        // Four regions 80, 100, 150, 400 (national 100): median (100 + 150) / 2 = 125.
        var panel = IndicatorPanel.Create([
            new("Kazakhstan", "x", 2022, 100), new("A", "x", 2022, 150), new("B", "x", 2022, 80), new("C", "x", 2022, 400), new("D", "x", 2022, 100),
        ]);
        var level = ReferenceLevel.Compute(panel, "x", 2022, ReferenceKind.Median);
        Assert.Equal(125, level.Value);
        Assert.Equal(Quantiles.Median([80, 100, 150, 400]), level.Value);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Quantiles.Linear([], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Linear([1.0], 1.5));
        Assert.Throws<ArgumentException>(() => Quantiles.Median([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.NearestRank([0, 1], 1, -0.1));
    }
}
