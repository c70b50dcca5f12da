using KzMigration.Statistics;

namespace KzMigration.Tests.Statistics;

public class RankCorrelationTests
{
    [Fact]
    public void Mid_ranks_share_the_mean_of_tied_ranks()
    {
        Assert.Equal([1, 2.5, 2.5, 4], RankCorrelation.MidRanks([10, 20, 20, 30]));
        Assert.Equal([3, 1, 2], RankCorrelation.MidRanks([5, -1, 0]));
    }

    [Fact]
    public void Spearman_matches_the_hand_computed_example_without_ties()
    {
        // d = (1, −1, 1, −1, 0), Σd² = 4, ρ = 1 − 6·4 / (5·24) = 0.8.
        Assert.Equal(0.8, RankCorrelation.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])!.Value, 12);
        Assert.Equal(-1, RankCorrelation.Spearman([1, 2, 3], [30, 20, 10])!.Value, 12);
    }

    [Fact]
    public void Spearman_with_ties_is_the_correlation_of_mid_ranks()
    {
        // x ranks (1, 2.5, 2.5, 4), y ranks (1, 2, 3, 4): mean 2.5 each; Σ dx·dy = 2.25 + 0 + 0 + 2.25 = 4.5,
        // Σ dx² = 4.5, Σ dy² = 5 → ρ = 4.5 / √22.5 = 0.948683…
        Assert.Equal(4.5 / Math.Sqrt(22.5), RankCorrelation.Spearman([1, 2, 2, 3], [10, 20, 30, 40])!.Value, 12);
    }

    [Fact]
    public void Spearman_is_undefined_for_constant_ranks_or_a_single_pair()
    {
        Assert.Null(RankCorrelation.Spearman([1, 1, 1], [1, 2, 3]));
        Assert.Null(RankCorrelation.Spearman([1], [2]));
    }

    [Fact]
    public void Bootstrap_drops_incomplete_pairs_and_is_deterministic()
    {
        double?[] x = [1, 2, 3, 4, 5, 6, 7, 8, null, 10];
        double?[] y = [2, 1, 4, 3, 6, 5, 8, 7, 9, null];
        var a = RankCorrelation.Bootstrap(x, y, draws: 500, seed: 42);
        var b = RankCorrelation.Bootstrap(x, y, draws: 500, seed: 42);
        Assert.Equal(8, a.N);
        Assert.Equal(a, b);
        Assert.Equal(RankCorrelation.Spearman([1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7]), a.Rho);
        Assert.True(a.Lower <= a.Rho && a.Rho <= a.Upper, a.ToString());
        Assert.True(a.Upper <= 1 && a.Lower >= -1);
        var other = RankCorrelation.Bootstrap(x, y, draws: 500, seed: 43);
        Assert.NotEqual((a.Lower, a.Upper), (other.Lower, other.Upper));
    }

    [Fact]
    public void Bootstrap_of_a_perfect_order_has_a_degenerate_interval_and_counts_undefined_resamples()
    {
        var r = RankCorrelation.Bootstrap([1, 2, 3, 4], [10, 20, 30, 40], draws: 1000, seed: 7);
        Assert.Equal((1.0, 1.0, 1.0), (r.Rho!.Value, r.Lower!.Value, r.Upper!.Value));
        // A resample that draws one pair four times has constant ranks: (1/4)^3 = 1/64 of resamples in expectation.
        Assert.InRange(r.Undefined, 1, 60);
    }

    [Fact]
    public void Bootstrap_gives_no_interval_below_three_pairs()
    {
        var r = RankCorrelation.Bootstrap([1, 2], [2, 1]);
        Assert.Equal(-1, r.Rho);
        Assert.Null(r.Lower);
        Assert.Equal("ρ = -1.00, no interval, n = 2", r.ToString());
    }

    [Fact]
    public void Quantile_interpolates_between_order_statistics()
    {
        double[] v = [1, 2, 3, 4, 5];
        Assert.Equal(1, RankCorrelation.Quantile(v, 0));
        Assert.Equal(3, RankCorrelation.Quantile(v, 0.5));
        Assert.Equal(4.6, RankCorrelation.Quantile(v, 0.9), 12);
    }
}
