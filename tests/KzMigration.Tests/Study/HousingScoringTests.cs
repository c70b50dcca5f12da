using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Scoring;
using KzMigration.Study;

namespace KzMigration.Tests.Study;

/// <summary>Figure 3's sixth factor: the housing price per m², under the study's recorded housing choice.</summary>
public class HousingScoringTests
{
    private static readonly Lazy<SocioEconomicPanel> Bundled = new(() => SocioEconomicScoring.From(TestData.Data));

    private static ScoredCell Cell(Scorecard result, string region, int year) =>
        result.Cells.Single(c => c.Region == region && c.Indicator == HousingChoice.FactorId && c.Year == year);

    [Fact]
    public void Default_is_resale_with_programme_prices_excluded_and_recorded_in_the_spec()
    {
        Assert.Equal(new HousingChoice(HousingPrice.Resale, ProgrammePrices.Excluded), ScoringSpec.Paper.Housing);
        Assert.Equal(HousingChoice.Default, Bundled.Value.Housing);
        Assert.Equal(HousingChoice.Default, Bundled.Value.PaperSpec.Housing);
        Assert.Contains("housing=resale; programme_prices=excluded", SpecificationFormatter.Format(Bundled.Value.PaperSpec));
        var factor = Bundled.Value.Factors.Single(f => f.Factor.IndicatorId == HousingChoice.FactorId);
        Assert.True(factor.Available);
        Assert.Equal(2022, factor.Years[^1]); // 2023–2024 are bundled but beyond the paper's period
        Assert.Equal(20, factor.UnitsInLatestYear);
        Assert.Contains("2023, 2024 are bundled but lie outside the paper's period (2015–2022)", factor.Note);
        Assert.Equal(2022, Bundled.Value.Years[^1]);
        Assert.StartsWith("Scored: resale price per m² (housing_price_resale_per_m2), state-programme prices excluded", factor.Note);
    }

    [Fact]
    public void Resale_2022_as_percent_of_the_national_level_by_hand()
    {
        var result = Scorecard.Score(Bundled.Value.Panel, Bundled.Value.PaperSpec);
        // data/housing.csv, resale 2022: Astana 623,901 / Kazakhstan 482,197 = 129.39 % → high, +1;
        // Zhambyl 288,611 / 482,197 = 59.85 % → very low, −2; Almaty region (Konaev) 467,513 / 482,197 = 96.95 % → medium, +0.5.
        var astana = Cell(result, "astana-city", 2022);
        Assert.Equal((623901.0, 482197.0), (astana.Value!.Value, astana.Reference!.Value));
        Assert.Equal(129.39, astana.Ratio!.Value, 2);
        Assert.Equal(("high", 1.0), (astana.Band, astana.Points!.Value));
        var zhambyl = Cell(result, "zhambyl", 2022);
        Assert.Equal(59.85, zhambyl.Ratio!.Value, 2);
        Assert.Equal(("very low", -2.0), (zhambyl.Band, zhambyl.Points!.Value));
        var almatyRegion = Cell(result, "almaty-region", 2022);
        Assert.Equal(96.95, almatyRegion.Ratio!.Value, 2);
        Assert.Equal("medium", almatyRegion.Band);
        Assert.Equal(20, result.Cells.Count(c => c.Indicator == HousingChoice.FactorId && c.Year == 2022 && c.Points is not null));
    }

    [Fact]
    public void New_housing_excludes_programme_prices_by_default_and_scores_them_when_included()
    {
        var spec = SpecificationParser.ParseScoring("housing=new", Bundled.Value.PaperSpec);
        var panel = Bundled.Value.For(spec);
        Assert.NotSame(Bundled.Value.Panel, panel.Panel);
        Assert.Same(panel.Panel, panel.For(spec).Panel); // the same housing choice: the same figures, not built again
        var result = Scorecard.Score(panel.Panel, spec);
        // Zhambyl 2022 (Taraz) and Kyzylorda 2022 are Nurly Zhol prices: missing, never replaced; Konaev and Zhezkazgan print «…».
        Assert.Null(Cell(result, "zhambyl", 2022).Points);
        Assert.Null(Cell(result, "kyzylorda", 2022).Points);
        Assert.Contains(panel.Excluded, e => e is { Region: "zhambyl", Year: 2022, Indicator: HousingChoice.FactorId } && e.Reason.Contains("Nurly Zhol"));
        Assert.Equal(16, result.Cells.Count(c => c.Indicator == HousingChoice.FactorId && c.Year == 2022 && c.Points is not null));
        // New housing 2022: Astana 575,354 / 437,459 = 131.52 %.
        Assert.Equal(131.52, Cell(result, "astana-city", 2022).Ratio!.Value, 2);

        var included = SpecificationParser.ParseScoring("housing=new; programme_prices=included", Bundled.Value.PaperSpec);
        var all = Scorecard.Score(Bundled.Value.For(included).Panel, included);
        // Zhambyl 160,000 / 437,459 = 36.57 % → very low.
        var zhambyl = Cell(all, "zhambyl", 2022);
        Assert.Equal(36.57, zhambyl.Ratio!.Value, 2);
        Assert.Equal("very low", zhambyl.Band);
        Assert.DoesNotContain(Bundled.Value.For(included).Excluded, e => e.Reason.Contains("state programme"));
    }

    [Fact]
    public void Switching_the_price_changes_the_values_scored()
    {
        var resale = Scorecard.Score(Bundled.Value.Panel, Bundled.Value.PaperSpec);
        var spec = Bundled.Value.PaperSpec with { Housing = new HousingChoice(HousingPrice.New) };
        var @new = Scorecard.Score(Bundled.Value.For(spec).Panel, spec);
        Assert.Equal(623901, Cell(resale, "astana-city", 2022).Value);
        Assert.Equal(575354, Cell(@new, "astana-city", 2022).Value);
        // Almaty region 2022: resale in Konaev exists, new housing does not («…»).
        Assert.NotNull(Cell(resale, "almaty-region", 2022).Points);
        Assert.Null(Cell(@new, "almaty-region", 2022).Value);
    }

    [Fact]
    public void A_result_of_another_housing_choice_is_refused_by_the_tables()
    {
        var spec = Bundled.Value.PaperSpec with { Housing = new HousingChoice(HousingPrice.New) };
        var result = Scorecard.Score(Bundled.Value.For(spec).Panel, spec);
        var e = Assert.Throws<ArgumentException>(() => SocioEconomicScoring.PercentOfReferenceTable(result, Bundled.Value, 2022));
        Assert.Contains("panel.For(spec)", e.Message);
    }

    [Fact]
    public void Housing_polarity_is_an_open_choice_of_the_one_at_a_time_table_and_the_sensitivity()
    {
        var panel = Bundled.Value;
        var alternatives = SocioEconomicScoring.Alternatives(panel);
        Assert.Contains(alternatives, a => a.Parameters == "invert=housing_price_per_m2");
        Assert.Contains(alternatives, a => a.Parameters == "housing=new");
        Assert.Contains(alternatives, a => a.Parameters == "housing=new; programme_prices=included");
        var inverted = SpecificationParser.ParseScoring("invert=housing_price_per_m2", panel.PaperSpec);
        var cell = Cell(Scorecard.Score(panel.Panel, inverted), "zhambyl", 2022);
        // Lower is better: 482,197 / 288,611 = 167.075 % → very high.
        Assert.Equal(167.075, cell.Ratio!.Value, 3);
        Assert.Equal("very high", cell.Band);

        var run = Sensitivity.Run(panel.Panel, new SensitivityInput { Base = panel.PaperSpec with { Years = [2022] }, Draws = 64 }, maxDegreeOfParallelism: 1);
        Assert.Contains(run.Factors, f => f.Name == "polarity of housing_price_per_m2");
        Assert.DoesNotContain("housing", run.Factors.Single(f => f.Name == "polarity").Description);
        Assert.Contains(run.Indices, i => i.Factor == "polarity of housing_price_per_m2" && i.Output == "mean_abs_rank_shift" && i.Total > 0);
    }

    [Fact]
    public void Housing_prices_table_shows_city_both_prices_programme_and_the_scored_value()
    {
        var spec = Bundled.Value.PaperSpec with { Housing = new HousingChoice(HousingPrice.New) };
        var table = SocioEconomicScoring.HousingPricesTable(Bundled.Value.For(spec), 2022);
        Assert.Equal(21, table.Rows.Count); // national row + 20 units
        var zhambyl = table.Rows.Single(r => (string)r[0] == "Zhambyl");
        Assert.Equal("Taraz", zhambyl[1]);
        Assert.Equal(288611.0, zhambyl[2]);
        Assert.Equal(160000.0, zhambyl[3]);
        Assert.Equal("Nurly Zhol", zhambyl[4]);
        Assert.Null(zhambyl[5]); // excluded programme price: missing in the scoring
        Assert.Equal(437459.0, table.Rows[0][5]);
    }
}
