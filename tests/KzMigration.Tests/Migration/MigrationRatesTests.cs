using KzMigration.Migration;

namespace KzMigration.Tests.Migration;

public class MigrationRatesTests
{
    private static readonly RegionFlows Example = new("pavlodar", Flow.Interregional, 1200, 1500);

    [Fact]
    public void Documented_example_per_thousand()
    {
        // A = 1,200, D = 1,500, P = 300,000 → 4.0, 5.0, −1.0 per 1,000.
        Assert.Equal(4.0, MigrationRates.InRate(Example, 300_000).Value!.Value, 12);
        Assert.Equal(5.0, MigrationRates.OutRate(Example, 300_000).Value!.Value, 12);
        Assert.Equal(-1.0, MigrationRates.NetRate(Example, 300_000).Value!.Value, 12);
        Assert.Equal(Flow.Interregional, MigrationRates.NetRate(Example, 300_000).Flow);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Refuses_non_positive_population(double population)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MigrationRates.InRate(Example, population));
        Assert.Contains("pavlodar", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MigrationRates.OutRate(Example, population));
        Assert.Throws<ArgumentOutOfRangeException>(() => MigrationRates.NetRate(Example, population));
    }
}
