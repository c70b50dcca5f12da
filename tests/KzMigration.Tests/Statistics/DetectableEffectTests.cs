using KzMigration.Statistics;

namespace KzMigration.Tests.Statistics;

/// <summary>
/// The minimum detectable effect (Bloom 1995): Bloom's Table 1 multiplier (2.80 for a two-sided 5 % test at 80 % power
/// with many degrees of freedom) and Student-t multipliers computed independently with scipy 1.10
/// (<c>stats.t.ppf(0.975, df) + stats.t.ppf(0.8, df)</c>).
/// </summary>
public class DetectableEffectTests
{
    [Fact]
    public void Many_degrees_of_freedom_give_Blooms_multiplier_of_2_80()
    {
        Assert.Equal(2.80, DetectableEffect.Minimum(1, double.PositiveInfinity), 2);
        Assert.Equal(2.8015852181129683, DetectableEffect.Minimum(1, double.PositiveInfinity), 9);
        Assert.Equal(2.8015852181129683 * 3.5, DetectableEffect.Minimum(3.5, double.PositiveInfinity), 9);
    }

    [Theory]
    [InlineData(16, 2.9845723010193033)] // 17 clusters, G − 1 = 16 degrees of freedom
    [InlineData(20, 2.9459278861397094)]
    public void Student_t_multipliers_match_scipy(double df, double multiplier)
    {
        // MathNet's Student t quantile agrees with scipy's to about 1e-9.
        Assert.Equal(multiplier, DetectableEffect.Minimum(1, df), 7);
        Assert.Equal(multiplier * 45.83, DetectableEffect.Minimum(45.83, df), 6);
    }

    [Fact]
    public void Other_levels_and_powers_follow_the_same_formula()
    {
        // α = 0.10 (two-sided: t at 0.95) and 90 % power, 9 df: t(0.95; 9) + t(0.90; 9) = 3.216141671050126.
        Assert.Equal(3.216141671050126, DetectableEffect.Minimum(1, 9, alpha: 0.10, power: 0.90), 9);
    }

    [Fact]
    public void A_bootstrap_critical_value_takes_the_place_of_the_t_quantile()
    {
        // c* = 2.64 from a wild bootstrap interval, 16 df: (2.64 + 0.864667001798292) · 45.83.
        Assert.Equal((2.64 + 0.864667001798292) * 45.83, DetectableEffect.WithCriticalValue(45.83, 2.64, 16), 9);
        // With the t quantile as its critical value it is Bloom's MDE.
        Assert.Equal(DetectableEffect.Minimum(2, 16), DetectableEffect.WithCriticalValue(2, 2.1199052992210112, 16), 9);
    }

    [Fact]
    public void Impossible_inputs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableEffect.Minimum(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableEffect.Minimum(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableEffect.Minimum(1, 10, alpha: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableEffect.Minimum(1, 10, power: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectableEffect.WithCriticalValue(1, double.NaN, 10));
    }
}
