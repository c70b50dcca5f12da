using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Statistics;

namespace KzMigration.Tests.Claims;

/// <summary>The claims judged by the estimated models (EstimatedClaims, issue 15).</summary>
public sealed class EstimatedClaimsTests
{
    private static ClaimVerdict Run(string id, WorkbenchData data) => PaperClaims.Get(id).Evaluate(data, ClaimOptions.Default);

    [Fact]
    public void Linear_trend_projection_matches_the_hand_computed_interval()
    {
        // y = 1, 3, 2, 5 on x = 0..3: b = 1.1, a = 1.1, ŷ(4) = 5.5; s² = 2.7 / 2 = 1.35, Sxx = 5, x̄ = 1.5;
        // half-width = t(2; 0.975) · √(1.35 · (1 + 1/4 + 6.25/5)) = 4.3026527 · 1.8371173 = 7.9044780.
        var t = LinearTrend.Project([0, 1, 2, 3], [1, 3, 2, 5], 4);
        Assert.Equal(1.1, t.Slope, 12);
        Assert.Equal(5.5, t.Projection, 12);
        Assert.Equal(5.5 - 7.904478, t.Lower, 5);
        Assert.Equal(5.5 + 7.904478, t.Upper, 5);
    }

    [Fact]
    public void Every_estimated_claim_is_in_the_ledger_and_has_a_verdict_with_evidence()
    {
        foreach (var claim in EstimatedClaims.All)
        {
            Assert.Same(claim, PaperClaims.Get(claim.Id));
            var v = claim.Evaluate(TestData.Data, ClaimOptions.Default);
            Assert.NotEqual("", v.Found);
            Assert.NotEqual("", v.FullEvidence);
        }
    }

    [Fact]
    public void Factor_claims_follow_the_written_rule_on_the_bundled_panel()
    {
        var panel = KzMigration.Estimation.NetMigrationPanel.Estimate(TestData.Data);
        foreach (var (id, indicator, sign) in new[] { ("E1", "income_per_capita", 1), ("E2", "unemployment_rate", -1), ("E3", "grp_per_capita", 1) })
        {
            var r = panel.For(indicator);
            var expected = r.ExcludesZero && Math.Sign(r.Estimate) == sign ? ClaimOutcome.Reproduced : ClaimOutcome.Contradicted;
            var v = Run(id, TestData.Data);
            Assert.Equal(expected, v.Outcome);
            Assert.Contains("95 % interval", v.Found);
        }
    }

    [Fact]
    public void Third_in_three_cities_is_a_labelled_projection_from_population_csv()
    {
        var v = Run("E5", TestData.Data);
        Assert.Contains("PROJECTION for 1 January 2034", v.Found);
        Assert.Contains("not data", v.Evidence);
        // 1 January 2025: (Astana + Almaty + Shymkent) / Kazakhstan, by hand from the data.
        var d = TestData.Data;
        var date = new DateOnly(2025, 1, 1);
        var share = new[] { "astana-city", "almaty-city", "shymkent-city" }.Sum(k => d.PopulationAt(k, date)!.Value) / d.PopulationAt("kazakhstan", date)!.Value;
        Assert.Contains($"2025: {share * 100:0.0} %".Replace(',', '.'), v.Found);
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome); // about 30 % by 2034, the whole interval below one third
    }

    [Fact]
    public void Without_the_data_the_claims_are_not_testable_and_say_what_is_missing()
    {
        var empty = WorkbenchData.Load(TestData.Fixture());
        var e5 = Run("E5", empty);
        Assert.Equal(ClaimOutcome.NotTestable, e5.Outcome);
        Assert.Contains("population", e5.Missing);
        var e1 = Run("E1", empty);
        Assert.Equal(ClaimOutcome.NotTestable, e1.Outcome);
        Assert.Contains("income_per_capita", e1.Missing);
    }
}
