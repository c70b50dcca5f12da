using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Scoring;
using KzMigration.Study;

namespace KzMigration.Tests.Scoring;

/// <summary>
/// «Percent of national» (<see cref="ReferenceLevel.PercentOf"/>) and the programme-price exclusion
/// (<see cref="WorkbenchData.CountsAsPrice"/>) live in one place each (issue 22, «One place per rule»); the scorecard,
/// the claims and the study's tables call them.
/// </summary>
public class PercentOfReferenceTests
{
    [Theory]
    [InlineData(2400.0, 4800.0, 50.0)]
    [InlineData(150.0, 100.0, 150.0)]
    [InlineData(0.0, 100.0, 0.0)]
    [InlineData(100.0, 0.0, null)]     // a share of nothing
    [InlineData(100.0, -5.0, null)]    // nor of a negative level
    [InlineData(null, 100.0, null)]
    [InlineData(100.0, null, null)]
    [InlineData(double.NaN, 100.0, null)]
    public void Percent_of_a_reference_by_hand(double? value, double? reference, double? expected) =>
        Assert.Equal(expected, ReferenceLevel.PercentOf(value, reference));

    [Fact]
    public void The_scorecard_ratio_and_the_claims_percentage_are_the_one_percentage()
    {
        // National 4,800, region 2,400 → 50 % (higher is better); lower is better inverts: 100 · 4,800 / 2,400 = 200 %.
        var panel = IndicatorPanel.Create([new("Kazakhstan", "x", 2022, 4800), new("A", "x", 2022, 2400)]);
        Assert.Equal(50, Scorecard.Score(panel, ScoringSpec.Paper).Cells.Single().Ratio);
        Assert.Equal(200, Scorecard.Score(panel, ScoringSpec.Paper with { Inverted = ["x"] }).Cells.Single().Ratio);

        var data = TestData.Data;
        var grp = ClaimEvidence.PercentOfNational(data, "kostanay", 2022, "grp_per_capita")!.Value;
        Assert.Equal(ReferenceLevel.PercentOf(grp.Value, grp.National), grp.Percent);
        Assert.Null(ClaimEvidence.PercentOfNational(data, "kostanay", 1990, "grp_per_capita"));
    }

    [Fact]
    public void The_median_share_of_the_reference_levels_table_is_the_one_percentage()
    {
        var study = SocioEconomicScoring.From(TestData.Data);
        var table = SocioEconomicScoring.ReferenceLevelsTable(study, 2022);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var national = (double?)table["published national"][r];
            var median = (double?)table["median of the regions"][r];
            var share = (double?)table["median, % of national"][r];
            Assert.Equal(ReferenceLevel.PercentOf(median, national) is { } p ? Math.Round(p, 1, MidpointRounding.AwayFromZero) : null, share);
        }
    }

    [Fact]
    public void A_programme_price_counts_only_when_the_choice_includes_it()
    {
        var data = TestData.Data;
        var series = data.IndicatorValues("housing_price_new_per_m2");
        var programme = series.Where(o => o.IsProgrammePrice).ToList();
        Assert.NotEmpty(programme);
        var excluded = new HousingChoice(HousingPrice.New, ProgrammePrices.Excluded);
        var included = new HousingChoice(HousingPrice.New, ProgrammePrices.Included);
        Assert.All(series, o => Assert.Equal(!o.IsProgrammePrice, excluded.Admits(o)));
        Assert.All(series, o => Assert.True(included.Admits(o)));
        Assert.All(series, o => Assert.Equal(excluded.Admits(o), WorkbenchData.CountsAsPrice(o, includeProgrammePrices: false)));
        Assert.Equal(series.Count - programme.Count, excluded.Prices(data).Count);
        Assert.Equal(data.HousingPrices("housing_price_new_per_m2", false), excluded.Prices(data));

        // The scoring panel lists exactly the excluded programme prices of the paper's period as excluded figures.
        var study = SocioEconomicScoring.From(data, excluded);
        var listed = study.Excluded.Where(e => e.Reason.Contains("programme", StringComparison.Ordinal)).Select(e => (e.Region, e.Year)).ToHashSet();
        var inPeriod = programme.Where(o => !o.Region.IsCountry && o.Year >= study.Period.First && o.Year <= study.Period.Last)
            .Select(o => (o.Region.Key, o.Year)).ToHashSet();
        Assert.Equal(inPeriod, listed);
    }
}
