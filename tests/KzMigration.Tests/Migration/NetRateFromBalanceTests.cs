using KzMigration.Migration;

namespace KzMigration.Tests.Migration;

public class NetRateFromBalanceTests
{
    [Fact]
    public void Net_rate_from_a_balance_equals_the_rate_from_arrivals_and_departures()
    {
        // A = 1,200, D = 1,500, P = 300,000 → net −1.0 per 1,000 (the MigrationRates example).
        var fromBalance = MigrationRates.NetRate("x", Flow.All, -300, 300_000);
        Assert.Equal(-1.0, fromBalance.Value!.Value, 12);
        Assert.Equal(MigrationRates.NetRate(new RegionFlows("x", Flow.All, 1200, 1500), 300_000).Value, fromBalance.Value);
        Assert.Equal(Flow.All, fromBalance.Flow);
        Assert.Throws<ArgumentOutOfRangeException>(() => MigrationRates.NetRate("x", Flow.All, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MigrationRates.NetRate("x", Flow.All, double.NaN, 10));
    }
}
