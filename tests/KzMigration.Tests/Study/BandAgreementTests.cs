using System.Text.Json;
using KzMigration.Charts;
using KzMigration.Claims;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Study;
using Plotly.NET;

namespace KzMigration.Tests.Study;

/// <summary>
/// One classifier per concept: the band of a 2022 cell is the same in the claims ledger, the scorecard and the Figure 3
/// heatmap's figure data, under either boundary rule of the scale (issue: Kostanay's 2022 GRP per capita, 94.89 %, was
/// «low» on the heatmap and «medium» in the claims).
/// </summary>
public class BandAgreementTests
{
    public static TheoryData<BoundaryRule> Rules => [BoundaryRule.LowerBoundInclusive, BoundaryRule.WholePercentRounded, BoundaryRule.UpperBoundInclusive];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Claims_scorecard_and_heatmap_give_every_2022_cell_the_same_band(BoundaryRule rule)
    {
        var panel = SocioEconomicScoring.From(TestData.Data);
        var specification = panel.Specification with { Scoring = panel.PaperSpec with { Bands = BandScale.Paper with { Rule = rule } } };
        var scorecard = Scorecard.Score(panel.Panel, specification.Scoring);
        var options = specification;

        var chart = ScoringCharts.BandHeatmap(scorecard, 2022, panel.Labels(), panel.IndicatorLabels, "t", "s");
        var heat = JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement.GetProperty("data")[0];
        var heatmap = scorecard.Heatmap(2022);

        var compared = 0;
        foreach (var cell in scorecard.Cells.Where(c => c.Year == 2022 && c.Ratio is not null))
        {
            // The claims read the data directly, as % of the published national level: the scorecard's reference here.
            var id = cell.Indicator == HousingChoice.FactorId ? specification.Scoring.Housing.IndicatorId : cell.Indicator;
            var region = panel.Region(cell.Region);
            var percent = ClaimEvidence.PercentOfNational(TestData.Data, region.Key, 2022, id);
            Assert.NotNull(percent);
            Assert.Equal(cell.Ratio!.Value, percent.Value.Percent, 9);
            var claimBand = ClaimEvidence.Band(percent.Value.Percent, options.Scoring.Bands);

            var row = heatmap.Regions.ToList().IndexOf(cell.Region);
            var column = heatmap.Indicators.ToList().IndexOf(cell.Indicator);
            var heatmapBand = specification.Scoring.Bands.Bands[(int)heat.GetProperty("z")[row][column].GetDouble()].Label;

            Assert.True(claimBand == cell.Band && heatmapBand == cell.Band,
                $"{region.NameEn} {cell.Indicator} {cell.Ratio:0.00} %: claims {claimBand}, scorecard {cell.Band}, heatmap {heatmapBand}");
            compared++;
        }
        Assert.True(compared >= 100, $"only {compared} cells compared");
    }

    [Fact]
    public void Kostanay_2022_grp_per_capita_is_low_everywhere_under_the_papers_scale()
    {
        var percent = ClaimEvidence.PercentOfNational(TestData.Data, "kostanay", 2022, "grp_per_capita")!.Value.Percent;
        Assert.InRange(percent, 94.5, 95); // 94.89 %: the case that disagreed
        var scorecard = Scorecard.Score(SocioEconomicScoring.From(TestData.Data).Panel, ScoringSpec.Paper);
        var cell = scorecard.Cells.Single(c => c.Year == 2022 && c.Indicator == "grp_per_capita" && c.Region == SocioEconomicScoring.From(TestData.Data).Panel.Regions.Single(r => r.Contains("kostanay", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("low", cell.Band);
        Assert.Equal("low", ClaimEvidence.Band(percent, StudySpecification.Paper.Scoring.Bands));
        Assert.Equal("medium", ClaimEvidence.Band(percent, BandScale.Paper with { Rule = BoundaryRule.WholePercentRounded }));
    }
}
