using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KzMigration.Migration;

namespace KzMigration.Tests.Migration;

public class RegionIndicesTests
{
    private static RegionFlows R(string region, double a, double d, Flow flow = Flow.Interregional) => new(region, flow, a, d);

    [Fact]
    public void Balance_is_arrivals_minus_departures_and_carries_the_flow()
    {
        var n = RegionIndices.Balance(R("astana", 120, 45, Flow.Internal));
        Assert.Equal(75, n.Value);
        Assert.Equal(Flow.Internal, n.Flow);
        Assert.Equal("astana", n.Region);
    }

    [Fact]
    public void Attractiveness_coefficient_is_arrivals_over_departures()
    {
        // Hand computed: 51 / 50 = 1.02 (the paper's Almaty region 2022 value has this form).
        Assert.Equal(1.02, RegionIndices.AttractivenessCoefficient(R("almaty-region", 51, 50)).Value!.Value, 12);
        Assert.Equal(0.0, RegionIndices.AttractivenessCoefficient(R("x", 0, 10)).Value);
    }

    [Fact]
    public void Attractiveness_coefficient_is_undefined_when_there_are_no_departures()
    {
        var k = RegionIndices.AttractivenessCoefficient(R("new-town", 10, 0));
        Assert.False(k.IsDefined);
        Assert.Null(k.Value);
        Assert.Contains("Departures", k.UndefinedBecause);
        Assert.Contains("new-town", k.UndefinedBecause);
    }

    [Fact]
    public void Effectiveness_ratio_is_undefined_without_any_migration()
    {
        var e = RegionIndices.EffectivenessRatio(R("empty", 0, 0));
        Assert.Null(e.Value);
        Assert.NotNull(e.UndefinedBecause);
        Assert.Equal(-100, RegionIndices.EffectivenessRatio(R("x", 0, 5)).Value);
        Assert.Equal(100, RegionIndices.EffectivenessRatio(R("x", 5, 0)).Value);
    }

    [Fact]
    public void Conversions_at_the_edges()
    {
        Assert.Null(RegionIndices.CoefficientFromEffectiveness(100)); // E = 100 ⇔ D = 0
        Assert.Equal(0, RegionIndices.CoefficientFromEffectiveness(-100));
        Assert.Equal(1, RegionIndices.CoefficientFromEffectiveness(0));
        Assert.Equal(-100, RegionIndices.EffectivenessFromCoefficient(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegionIndices.CoefficientFromEffectiveness(100.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegionIndices.CoefficientFromEffectiveness(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegionIndices.EffectivenessFromCoefficient(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegionIndices.EffectivenessFromCoefficient(double.PositiveInfinity));
    }

    [Fact]
    public void List_overloads_refuse_mixed_flows_and_name_them()
    {
        var mixed = new[] { R("astana", 10, 5, Flow.Interregional), R("almaty", 10, 5, Flow.Internal) };
        var ex = Assert.Throws<ArgumentException>(() => RegionIndices.AttractivenessCoefficient(mixed));
        Assert.Contains("Interregional", ex.Message);
        Assert.Contains("Internal", ex.Message);
        Assert.Throws<ArgumentException>(() => RegionIndices.Balance(mixed));
        Assert.Throws<ArgumentException>(() => RegionIndices.EffectivenessRatio(mixed));
    }

    [Fact]
    public void List_overloads_refuse_a_repeated_region()
    {
        var twice = new[] { R("astana", 10, 5), R("astana", 11, 5) };
        Assert.Contains("astana", Assert.Throws<ArgumentException>(() => RegionIndices.Balance(twice)).Message);
    }

    [Fact]
    public void Region_flows_refuse_negative_or_non_finite_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => R("x", -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => R("x", 0, double.NaN));
        Assert.Throws<ArgumentException>(() => R(" ", 0, 0));
    }

    [Property]
    public bool K_equals_100_plus_E_over_100_minus_E(PositiveInt arrivals, PositiveInt departures, NormalFloat scale)
    {
        // Random positive A and D, not only integers: scale both by a positive factor in [1, 2).
        var f = 1 + Math.Abs(scale.Get) % 1;
        var region = R("r", arrivals.Get * f, departures.Get * f);
        var k = RegionIndices.AttractivenessCoefficient(region).Value!.Value;
        var e = RegionIndices.EffectivenessRatio(region).Value!.Value;
        var kFromE = RegionIndices.CoefficientFromEffectiveness(e)!.Value;
        var eFromK = RegionIndices.EffectivenessFromCoefficient(k);
        return Close(k, kFromE) && Close(e, eFromK);
    }

    [Property]
    public Property K_and_E_rank_regions_identically(PositiveInt a1, PositiveInt d1, PositiveInt a2, PositiveInt d2)
    {
        var r1 = R("r1", a1.Get, d1.Get);
        var r2 = R("r2", a2.Get, d2.Get);
        var k1 = RegionIndices.AttractivenessCoefficient(r1).Value!.Value;
        var k2 = RegionIndices.AttractivenessCoefficient(r2).Value!.Value;
        var e1 = RegionIndices.EffectivenessRatio(r1).Value!.Value;
        var e2 = RegionIndices.EffectivenessRatio(r2).Value!.Value;
        // Skip ties within rounding, where the floating-point order of two equal ratios is arbitrary.
        return (Math.Sign(k1 - k2) == Math.Sign(e1 - e2)).When(!Close(k1, k2));
    }

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
}
