using KzMigration.Claims;
using KzMigration.Migration;
using KzMigration.Study;
using KzMigration.Data;

namespace KzMigration.Tests.Migration;

/// <summary>
/// The K row — fetch A and D, compute N, K and E, say why missing — and K's rounding live in one place,
/// <see cref="RegionAttractiveness"/> (issue 22, «One place per rule»): Figure 2, the claims, the score–migration relation
/// and the explorer call it. Values by hand.
/// </summary>
public class RegionAttractivenessTests
{
    [Fact]
    public void A_row_by_hand()
    {
        var r = RegionAttractiveness.Of("x", 2022, Flow.Interregional, 50, 20);
        Assert.Equal((30.0, 2.5), (r.Balance!.Value, r.Coefficient!.Value));
        Assert.Equal(100.0 * 30 / 70, r.Effectiveness!.Value, 12);
        Assert.Null(r.Missing);
    }

    [Theory]
    [InlineData(null, 20.0, "no interregional arrivals in the loaded data")]
    [InlineData(50.0, null, "no interregional departures in the loaded data")]
    [InlineData(null, null, "no interregional arrivals and departures in the loaded data")]
    public void A_missing_input_leaves_N_K_and_E_missing_and_says_which(double? a, double? d, string why)
    {
        var r = RegionAttractiveness.Of("x", 2022, Flow.Interregional, a, d);
        Assert.Equal((null, null, null), (r.Balance, r.Coefficient, r.Effectiveness));
        Assert.Equal(why, r.Missing);
        Assert.Equal("no internal arrivals expressible on these boundaries",
            RegionAttractiveness.Of("x", 2022, Flow.Internal, null, 5, "expressible on these boundaries").Missing);
    }

    [Fact]
    public void No_departures_leave_K_undefined_with_the_reason()
    {
        var r = RegionAttractiveness.Of("x", 2022, Flow.Internal, 10, 0);
        Assert.Equal(10, r.Balance);
        Assert.Null(r.Coefficient);
        Assert.Equal(100, r.Effectiveness);
        Assert.Contains("Departures of 'x' are 0", r.Missing);
    }

    [Theory]
    [InlineData(2001.0, 2000.0, 1.001)]   // 1.0005: half away from zero (half to even gave 1.000)
    [InlineData(2003.0, 2000.0, 1.002)]   // 1.0015
    [InlineData(51.0, 50.0, 1.02)]
    [InlineData(1.0, 3.0, 0.333)]
    public void K_is_rounded_half_away_from_zero(double a, double d, double printed)
    {
        Assert.Equal(printed, RegionAttractiveness.RoundCoefficient(a / d));
        Assert.Equal(printed.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
            RegionAttractiveness.RoundCoefficient(a / d).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Figure_2_the_claims_and_the_score_migration_relation_read_the_same_row()
    {
        var data = TestData.Data;
        var rows = Attractiveness.Compute(data, Flow.Interregional, [2015, 2020, 2021, 2022]);
        Assert.Contains(rows, r => r.Coefficient is not null);
        Assert.Contains(rows, r => r.Coefficient is null);
        foreach (var row in rows)
        {
            var one = RegionAttractiveness.Of(data, row.Region.Key, row.Year, Flow.Interregional);
            Assert.Equal((one.Arrivals, one.Departures, one.Balance, one.Coefficient, one.Effectiveness, one.Missing),
                (row.Arrivals, row.Departures, row.Balance, row.Coefficient, row.Effectiveness, row.Missing));
            var claim = ClaimEvidence.Coefficient(data, row.Region.Key, row.Year, Flow.Interregional);
            Assert.Equal(one.Arrivals is null || one.Departures is null ? null : one.Coefficient, claim?.Value);
        }
        // Figure 2's table prints K with the one rounding.
        var table = Attractiveness.ToDataFrame(rows);
        for (var i = 0; i < rows.Count; i++)
            Assert.Equal(rows[i].Coefficient is { } k ? RegionAttractiveness.RoundCoefficient(k) : null, (double?)table["K"][i]);

        var study = SocioEconomicScoring.From(data);
        var relation = ScoreMigrationRelation.Of(Scorecard(study), study, 2022, draws: 10, seed: 1);
        // The relation reads K on the specification's flow (the paper's: interregional), and on any other it is given.
        foreach (var r in relation.Regions)
            Assert.Equal(RegionAttractiveness.Of(data, study.Region(r.Region).Key, 2022, study.Specification.Migration.CoefficientFlow).Coefficient, r.K);
        var internalFlow = study.For(study.Specification with { Migration = study.Specification.Migration with { CoefficientFlow = Flow.Internal } });
        foreach (var r in ScoreMigrationRelation.Of(Scorecard(internalFlow), internalFlow, 2022, draws: 10, seed: 1).Regions)
            Assert.Equal(RegionAttractiveness.Of(data, internalFlow.Region(r.Region).Key, 2022, Flow.Internal).Coefficient, r.K);
    }

    private static KzMigration.Scoring.Scorecard Scorecard(SocioEconomicPanel study) => KzMigration.Scoring.Scorecard.Score(study.Panel, study.PaperSpec);
}
