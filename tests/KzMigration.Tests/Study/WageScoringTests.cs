using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Study;

namespace KzMigration.Tests.Study;

/// <summary>
/// Figure 3 with the wage series beyond 2022: scored against the recorded fallback reference (the median of the year's
/// units by default), said in every table's notes, never against a national level that does not exist.
/// </summary>
public class WageScoringTests
{
    private const string Wage = "avg_monthly_wage";

    private static readonly Lazy<SocioEconomicPanel> Bundled = new(() => SocioEconomicScoring.From(TestData.Data));

    private static Scorecard Score(ScoringSpec spec) => Scorecard.Score(Bundled.Value.Panel, spec);

    private static ScoredCell Cell(Scorecard result, string region, int year) =>
        result.Cells.Single(c => c.Region == region && c.Indicator == Wage && c.Year == year);

    [Fact]
    public void The_wage_of_2019_is_scored_against_the_median_of_the_17_units()
    {
        var result = Score(Bundled.Value.PaperSpec);
        // 2019, 17 units (shared/sources/wages.csv); sorted, the 9th is Aktobe's 156,595.
        var reference = result.References.Single(r => r.Indicator == Wage && r.Year == 2019);
        Assert.Equal((ReferenceKind.Median, (ReferenceKind?)ReferenceKind.PublishedNational, 156595.0, 17), (reference.Kind, reference.InsteadOf, reference.Value!.Value, reference.N));
        var turkestan = Cell(result, "turkestan", 2019);
        Assert.Equal(100 * 123853 / 156595.0, turkestan.Ratio!.Value, 9); // 79.1 % → low, −1
        Assert.Equal(("low", -1.0), (turkestan.Band, turkestan.Points!.Value));
        Assert.Equal(("medium", 0.5), (Cell(result, "aktobe", 2019).Band, Cell(result, "aktobe", 2019).Points!.Value));
        Assert.Equal("very high", Cell(result, "atyrau", 2019).Band); // 351,103 / 156,595 = 224 %
        // 2015–2017: 15 units with a wage (South Kazakhstan has none, and stays unscored).
        Assert.Equal(15, result.References.Single(r => r.Indicator == Wage && r.Year == 2016).N);
        Assert.Equal(CellStatus.MissingValue, Cell(result, "south-kazakhstan", 2016).Status);
        Assert.All(Enumerable.Range(2015, 7), y => Assert.True(result.References.Single(r => r.Indicator == Wage && r.Year == y).IsFallback));
    }

    [Fact]
    public void The_papers_2022_is_unchanged_national_level_for_every_factor()
    {
        var result = Score(Bundled.Value.PaperSpec);
        Assert.All(result.References.Where(r => r.Year == 2022), r => Assert.Equal((ReferenceKind.PublishedNational, (ReferenceKind?)null), (r.Kind, r.InsteadOf)));
        var turkestan = Cell(result, "turkestan", 2022);
        Assert.Equal(100 * 237189 / 309697.0, turkestan.Ratio!.Value, 9); // 76.6 % of the national wage
        Assert.Equal("low", turkestan.Band);
        // Other factors keep their published national level in every year (they have one).
        Assert.All(result.References.Where(r => r.Indicator != Wage && r.Value is not null), r => Assert.False(r.IsFallback));
    }

    [Fact]
    public void Without_a_fallback_the_wage_cells_before_2022_stay_unscored_and_the_notes_say_why()
    {
        var spec = SpecificationParser.ParseScoring("reference_fallback=none", Bundled.Value.PaperSpec);
        var result = Score(spec);
        Assert.Equal((CellStatus.MissingReference, (double?)null), (Cell(result, "turkestan", 2019).Status, Cell(result, "turkestan", 2019).Points));
        Assert.Equal("low", Cell(result, "turkestan", 2022).Band);
        var notes = SocioEconomicScoring.TableNotes(result, Bundled.Value);
        Assert.Contains(notes, n => n.StartsWith("Average wage, 2015–2021: no reference could be formed", StringComparison.Ordinal) && n.Contains("reference_fallback=none): not scored."));
        // One fewer indicator scored per unit before 2022.
        var before = Score(Bundled.Value.PaperSpec).RegionsIn(2019).Single(r => r.Region == "turkestan");
        Assert.Equal(before.Scored - 1, result.RegionsIn(2019).Single(r => r.Region == "turkestan").Scored);
    }

    [Fact]
    public void Every_table_note_records_the_fallback_and_the_compilation()
    {
        var result = Score(Bundled.Value.PaperSpec);
        var notes = SocioEconomicScoring.TableNotes(result, Bundled.Value);
        Assert.Equal(SpecificationFormatter.Format(result.Spec), notes[0]);
        Assert.Contains("reference_fallback=median", notes[0]);
        Assert.Contains("Average wage, 2015–2021: no published national figure; scored against the median of the regions of the year (reference_fallback=median), the workbench's reading, not the paper's.", notes);
        Assert.Contains("Average wage, 2015–2021: BNS via a third-party compilation, checked for 2022 only (source datathon-wages).", notes);
        // The year of the paper has neither.
        var notes2022 = SocioEconomicScoring.TableNotes(result, Bundled.Value, 2022);
        Assert.Equal([SpecificationFormatter.Format(result.Spec)], notes2022);
        var notes2019 = SocioEconomicScoring.TableNotes(result, Bundled.Value, 2019);
        Assert.Contains("Average wage, 2019: BNS via a third-party compilation, checked for 2022 only (source datathon-wages).", notes2019);
    }

    [Fact]
    public void The_cells_table_shows_the_reference_used_and_the_source_of_each_value()
    {
        var result = Score(Bundled.Value.PaperSpec);
        var table = SocioEconomicScoring.CellsTable(result, Bundled.Value);
        var names = table.Columns.Select(c => c.Name).ToList();
        int Col(string name) => names.IndexOf(name);
        var row = table.Rows.Single(r => (int)r[0]! == 2019 && (string)r[1] == "Turkestan" && (string)r[2] == Wage);
        Assert.Equal(("median (fallback: no published national figure)", "datathon-wages"), ((string)row[Col("reference used")], (string)row[Col("source")]));
        var y2022 = table.Rows.Single(r => (int)r[0]! == 2022 && (string)r[1] == "Turkestan" && (string)r[2] == Wage);
        Assert.Equal(("published", "bns-wages-2022"), ((string)y2022[Col("reference used")], (string)y2022[Col("source")]));
        Assert.Equal("bns-grp-per-capita", (string)table.Rows.First(r => (string)r[2] == "grp_per_capita")[Col("source")]);
    }

    [Fact]
    public void A_year_change_compares_only_factors_scored_against_the_same_kind_of_reference()
    {
        var result = Score(Bundled.Value.PaperSpec);
        // 2021 wage against the median, 2022 against the national level: not compared.
        Assert.DoesNotContain(Wage, SocioEconomicScoring.YearChanges(result, Bundled.Value, 2021, 2022).Indicators);
        // 2020 and 2021 both against the median: compared.
        Assert.Contains(Wage, SocioEconomicScoring.YearChanges(result, Bundled.Value, 2020, 2021).Indicators);
        // Under reference=median every year uses the median: the wage is compared into 2022 too.
        var median = Score(SpecificationParser.ParseScoring("reference=median", Bundled.Value.PaperSpec));
        Assert.Contains(Wage, SocioEconomicScoring.YearChanges(median, Bundled.Value, 2021, 2022).Indicators);
    }

    [Fact]
    public void The_reference_levels_of_2022_show_how_far_the_median_is_from_the_national_wage()
    {
        var table = SocioEconomicScoring.ReferenceLevelsTable(Bundled.Value, 2022);
        var wage = table.Rows.Single(r => (string)r[0] == "Average wage");
        var names = table.Columns.Select(c => c.Name).ToList();
        // 20 units: the 10th and 11th are 265,738 and 273,505 → median 269,621.5; national 309,697.
        Assert.Equal(309697.0, (double)wage[names.IndexOf("published national")]!);
        Assert.Equal(269621.5, (double)wage[names.IndexOf("median of the regions")]!);
        Assert.Equal(Math.Round(100 * 269621.5 / 309697, 1), (double)wage[names.IndexOf("median, % of national")]!);
        // 2019: no national figure, the median exists.
        var w2019 = SocioEconomicScoring.ReferenceLevelsTable(Bundled.Value, 2019).Rows.Single(r => (string)r[0] == "Average wage");
        Assert.Null(w2019[names.IndexOf("published national")]);
        Assert.Equal(156595.0, (double)w2019[names.IndexOf("median of the regions")]!);
    }

    [Fact]
    public void The_monte_carlo_of_a_year_before_2022_keeps_the_wage_with_its_fallback()
    {
        var spec = Bundled.Value.PaperSpec with { Years = [2019] };
        var sensitivity = Sensitivity.Run(Bundled.Value.Panel, SensitivityInput.Fixed(spec) with { Draws = 4 });
        var expected = Score(spec).Regions.ToDictionary(r => r.Region, r => r.Rank);
        Assert.All(sensitivity.Ranks, r => Assert.Equal(expected[r.Region], r.DefaultRank));
        Assert.Contains(sensitivity.Bands, b => b.Indicator == Wage && b.DefaultBand is not null);
    }
}
