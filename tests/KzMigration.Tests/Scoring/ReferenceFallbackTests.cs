using KzMigration.Scoring;
using KzMigration.Specification;
using static KzMigration.Tests.Scoring.ScorecardTests;

namespace KzMigration.Tests.Scoring;

/// <summary>
/// The reference an indicator uses in a year without a published national figure (ScoringSpec.ReferenceFallback): never
/// a silent substitute — the reference records what it replaced, and «none» leaves the cells unscored. Hand-computed.
/// </summary>
public class ReferenceFallbackTests
{
    // 2021: no national figure; A 100, B 200, C 400 → median 200, mean 233.33…; 2022: national 250.
    private static IndicatorPanel Panel() => IndicatorPanel.Create([
        V("A", "wage", 100, 2021), V("B", "wage", 200, 2021), V("C", "wage", 400, 2021),
        V("Kazakhstan", "wage", 250), V("A", "wage", 125), V("B", "wage", 250), V("C", "wage", 500)]);

    private static ScoredCell Cell(Scorecard r, string region, int year) => r.Cells.Single(c => c.Region == region && c.Year == year);

    [Fact]
    public void By_default_a_year_without_a_national_figure_is_scored_against_the_median_of_its_units_and_says_so()
    {
        Assert.Equal(ReferenceKind.Median, ScoringSpec.Paper.ReferenceFallback);
        var result = Scorecard.Score(Panel(), ScoringSpec.Paper);
        // 100 / 200 = 50 % very low (−2); 200 / 200 = 100 % medium (+0.5); 400 / 200 = 200 % very high (+2).
        Assert.Equal((50.0, -2.0), (Cell(result, "A", 2021).Ratio!.Value, Cell(result, "A", 2021).Points!.Value));
        Assert.Equal((100.0, 0.5), (Cell(result, "B", 2021).Ratio!.Value, Cell(result, "B", 2021).Points!.Value));
        Assert.Equal((200.0, 2.0), (Cell(result, "C", 2021).Ratio!.Value, Cell(result, "C", 2021).Points!.Value));
        var r2021 = result.References.Single(r => r.Year == 2021);
        Assert.Equal((ReferenceKind.Median, (ReferenceKind?)ReferenceKind.PublishedNational, 200.0), (r2021.Kind, r2021.InsteadOf, r2021.Value!.Value));
        Assert.True(r2021.IsFallback);
        Assert.Equal("no published national figure (region \"Kazakhstan\"); reference_fallback=median: median of 3 regions", r2021.Method);
        // 2022 has the national figure: the paper's reference, no fallback (125 / 250 = 50 %).
        var r2022 = result.References.Single(r => r.Year == 2022);
        Assert.Equal((ReferenceKind.PublishedNational, (ReferenceKind?)null, 250.0), (r2022.Kind, r2022.InsteadOf, r2022.Value!.Value));
        Assert.Equal(50.0, Cell(result, "A", 2022).Ratio!.Value);
        // The public single-reference entry point gives the same record.
        var single = ReferenceLevel.Compute(Panel(), "wage", 2021, ScoringSpec.Paper);
        Assert.Equal((r2021.Kind, r2021.InsteadOf, r2021.Value, r2021.Method), (single.Kind, single.InsteadOf, single.Value, single.Method));
        Assert.Equal(["A", "B", "C"], single.Regions);
    }

    [Fact]
    public void None_leaves_the_cells_unscored_and_mean_uses_the_unweighted_mean()
    {
        var none = Scorecard.Score(Panel(), ScoringSpec.Paper with { ReferenceFallback = null });
        Assert.All(none.Cells.Where(c => c.Year == 2021), c => Assert.Equal((CellStatus.MissingReference, (double?)null), (c.Status, c.Points)));
        Assert.All(none.RegionsIn(2021), r => Assert.Null(r.Rank));
        Assert.Null(none.References.Single(r => r.Year == 2021).InsteadOf);

        var mean = Scorecard.Score(Panel(), ScoringSpec.Paper with { ReferenceFallback = ReferenceKind.UnweightedMeanOfRegions });
        Assert.Equal(700.0 / 3, mean.References.Single(r => r.Year == 2021).Value!.Value, 12);
        Assert.Equal(100 * 100 / (700.0 / 3), Cell(mean, "A", 2021).Ratio!.Value, 12);
    }

    [Fact]
    public void A_reference_that_exists_never_falls_back_and_the_published_figure_is_no_fallback()
    {
        var median = Scorecard.Score(Panel(), ScoringSpec.Paper with { Reference = ReferenceKind.Median });
        Assert.All(median.References, r => Assert.Null(r.InsteadOf));
        Assert.Equal(250.0, median.References.Single(r => r.Year == 2022).Value!.Value); // median of 125, 250, 500
        // A year where no unit has a figure either: no fallback to record, the cells stay unscored as before.
        var empty = Scorecard.Score(IndicatorPanel.Create([V("A", "d", null, 2021), V("A", "d", 3), V("Kazakhstan", "d", 3)]), ScoringSpec.Paper);
        var r2021 = empty.References.Single(r => r.Year == 2021);
        Assert.Equal((ReferenceKind.PublishedNational, (ReferenceKind?)null, (double?)null), (r2021.Kind, r2021.InsteadOf, r2021.Value));
        Assert.Equal(CellStatus.MissingValue, empty.Cells.Single(c => c.Year == 2021).Status);
        var e = Assert.Throws<ArgumentException>(() => Scorecard.Score(Panel(), ScoringSpec.Paper with { ReferenceFallback = ReferenceKind.PublishedNational }));
        Assert.Contains("reference fallback", e.Message);
    }

    [Fact]
    public void The_monte_carlo_kernel_uses_the_same_fallback_as_the_scorecard()
    {
        // Four units so that ranks differ: 2021 is ranked through the median fallback only.
        var panel = IndicatorPanel.Create([
            V("A", "wage", 100, 2021), V("B", "wage", 200, 2021), V("C", "wage", 400, 2021), V("D", "wage", 150, 2021),
            V("A", "u", 5, 2021), V("B", "u", 9, 2021), V("C", "u", 5, 2021), V("D", "u", 7, 2021), V("Kazakhstan", "u", 6, 2021)]);
        foreach (var fallback in new ReferenceKind?[] { ReferenceKind.Median, ReferenceKind.UnweightedMeanOfRegions, null })
        {
            var spec = ScoringSpec.Paper with { ReferenceFallback = fallback };
            var result = Sensitivity.Run(panel, SensitivityInput.Fixed(spec) with { Draws = 8 });
            var expected = Scorecard.Score(panel, spec).Regions.ToDictionary(r => r.Region, r => r.Rank);
            Assert.All(result.Ranks, r => Assert.Equal(expected[r.Region], r.DefaultRank));
        }
        // The fallback changes the ranking here (with none, only «u» is scored).
        Assert.NotEqual(
            Scorecard.Score(panel, ScoringSpec.Paper).Regions.Select(r => (r.Region, r.Rank)),
            Scorecard.Score(panel, ScoringSpec.Paper with { ReferenceFallback = null }).Regions.Select(r => (r.Region, r.Rank)));
    }

    [Theory]
    [InlineData("reference_fallback=median", ReferenceKind.Median)]
    [InlineData("reference_fallback=mean", ReferenceKind.UnweightedMeanOfRegions)]
    [InlineData("scoring.reference_fallback=weighted", ReferenceKind.PopulationWeightedMean)]
    [InlineData("reference_fallback=NONE", null)]
    public void The_text_form_reads_and_writes_the_fallback(string text, ReferenceKind? expected)
    {
        var spec = SpecificationParser.ParseScoring(text);
        Assert.Equal(expected, spec.ReferenceFallback);
        var written = SpecificationFormatter.Format(spec);
        Assert.Contains($"reference_fallback={(expected is { } k ? SpecificationFormatter.Reference(k) : "none")}", written);
        Assert.Equal(spec, SpecificationParser.ParseScoring(written));
        Assert.Equal(spec, SpecificationParser.Parse(text).Scoring);
        Assert.Equal(spec, SpecificationParser.Parse(SpecificationFormatter.Format(StudySpecification.Paper with { Scoring = spec })).Scoring);
    }

    [Fact]
    public void The_default_is_written_in_every_specification_and_a_change_is_named()
    {
        Assert.Contains("reference=published; reference_fallback=median; thresholds=", SpecificationFormatter.Format(ScoringSpec.Paper));
        Assert.Contains("scoring.reference_fallback=median", SpecificationFormatter.Format(StudySpecification.Paper));
        var none = ScoringSpec.Paper with { ReferenceFallback = null };
        Assert.Equal("reference_fallback=none", SpecificationFormatter.FormatChanges(ScoringSpec.Paper, none));
        Assert.NotEqual(ScoringSpec.Paper, none);
        Assert.Contains("reference_fallback=none", none.ToString());
    }

    [Theory]
    [InlineData("reference_fallback=published", "the published national figure")]
    [InlineData("reference_fallback=national", "the published national figure")]
    [InlineData("reference_fallback=mode", "expected median, mean, weighted or none")]
    public void A_bad_fallback_names_the_parameter_and_the_choices(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SpecificationParser.ParseScoring(text));
        Assert.StartsWith("reference_fallback:", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
