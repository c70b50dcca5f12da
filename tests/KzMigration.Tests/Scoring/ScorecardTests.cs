using System.Collections.Immutable;
using KzMigration.Scoring;

namespace KzMigration.Tests.Scoring;

public class ScorecardTests
{
    internal static IndicatorValue V(string region, string indicator, double? value, int year = 2022) => new(region, indicator, year, value);

    // One indicator, national figure 100, so a region's value is its ratio in percent.
    private static Scorecard ScoreRatio(double ratio, BoundaryRule rule = BoundaryRule.LowerBoundInclusive) =>
        Scorecard.Score(IndicatorPanel.Create([V("Kazakhstan", "x", 100), V("A", "x", ratio)]),
            ScoringSpec.Paper with { Bands = BandScale.Paper with { Rule = rule } });

    [Theory]
    [InlineData(69.99, "very low", -2)]
    [InlineData(70, "low", -1)]
    [InlineData(94.5, "low", -1)]
    [InlineData(95, "medium", 0.5)]
    [InlineData(104.99, "medium", 0.5)]
    [InlineData(105, "high", 1)]
    [InlineData(149.99, "high", 1)]
    [InlineData(150, "very high", 2)]
    [InlineData(0, "very low", -2)]
    [InlineData(1000, "very high", 2)]
    public void Lower_bound_rule_puts_a_value_in_the_band_whose_lower_bound_it_reaches(double ratio, string band, double points)
    {
        Assert.Equal(band, BandScale.Paper.Bands[BandScale.Paper.Classify(ratio)].Label);
        var cell = Assert.Single(ScoreRatio(ratio).Cells);
        Assert.Equal(band, cell.Band);
        Assert.Equal(points, cell.Points);
    }

    [Theory]
    [InlineData(69.4, "very low")]
    [InlineData(69.5, "low")]
    [InlineData(69.99, "low")]
    [InlineData(70, "low")]
    [InlineData(94.49, "low")]
    [InlineData(94.5, "medium")]
    [InlineData(95, "medium")]
    [InlineData(104.49, "medium")]
    [InlineData(104.99, "high")]
    [InlineData(105, "high")]
    [InlineData(149.99, "very high")]
    [InlineData(150, "very high")]
    public void Rounded_rule_reads_the_printed_integer_ranges(double ratio, string band) =>
        Assert.Equal(band, Assert.Single(ScoreRatio(ratio, BoundaryRule.WholePercentRounded).Cells).Band);

    [Theory]
    [InlineData(69.99, "very low")]
    [InlineData(70, "very low")]
    [InlineData(70.01, "low")]
    [InlineData(94.5, "low")]
    [InlineData(95, "low")]
    [InlineData(104.99, "medium")]
    [InlineData(105, "medium")]
    [InlineData(149.99, "high")]
    [InlineData(150, "high")]
    [InlineData(150.01, "very high")]
    public void Upper_bound_rule_keeps_a_threshold_in_the_band_below(double ratio, string band) =>
        Assert.Equal(band, Assert.Single(ScoreRatio(ratio, BoundaryRule.UpperBoundInclusive).Cells).Band);

    [Theory]
    [InlineData(97, BoundaryRule.LowerBoundInclusive, 2, 95)]
    [InlineData(103, BoundaryRule.LowerBoundInclusive, 2, 105)]
    [InlineData(378, BoundaryRule.LowerBoundInclusive, 228, 150)]
    [InlineData(97, BoundaryRule.WholePercentRounded, 2.5, 95)]
    [InlineData(70, BoundaryRule.LowerBoundInclusive, 0, 70)]
    public void Edge_distance_is_percentage_points_to_the_nearest_effective_boundary(double ratio, BoundaryRule rule, double distance, double threshold)
    {
        var cell = Assert.Single(ScoreRatio(ratio, rule).Cells);
        Assert.Equal(distance, cell.EdgeDistance!.Value, 9);
        Assert.Equal(threshold, cell.NearestThreshold);
    }

    [Fact]
    public void Paper_2022_grp_per_capita_Atyrau_is_very_high_and_Turkestan_very_low()
    {
        // BNS 2022 GRP per capita, thousand KZT (shared/sources/socioeconomic.csv).
        var panel = IndicatorPanel.Create([
            V("Kazakhstan", "grp_per_capita", 5284.7), V("Atyrau", "grp_per_capita", 19974.1), V("Turkestan", "grp_per_capita", 1671.8)]);
        var result = Scorecard.Score(panel, ScoringSpec.Paper);
        var atyrau = result.Cells.Single(c => c.Region == "Atyrau");
        var turkestan = result.Cells.Single(c => c.Region == "Turkestan");
        Assert.Equal(378.0, atyrau.Ratio!.Value, 0);          // 19974.1 / 5284.7 = 3.7796
        Assert.Equal(377.96, atyrau.Ratio!.Value, 2);
        Assert.Equal(("very high", 2.0), (atyrau.Band, atyrau.Points!.Value));
        Assert.Equal(31.6, turkestan.Ratio!.Value, 1);         // 1671.8 / 5284.7 = 0.3163
        Assert.Equal(("very low", -2.0), (turkestan.Band, turkestan.Points!.Value));
        Assert.Equal(5284.7, atyrau.Reference);
        Assert.Same(ScoringSpec.Paper, result.Spec);
        Assert.Equal([1, 2], result.Regions.Select(r => r.Rank!.Value));
    }

    // A = 150, B = 100, C = 40, D = 300; national 100; populations 1, 3, 4, 2.
    private static IndicatorPanel Small() => IndicatorPanel.Create(
        [V("Kazakhstan", "x", 100), V("A", "x", 150), V("B", "x", 100), V("C", "x", 40), V("D", "x", 300)],
        [new("A", 2022, 1), new("B", 2022, 3), new("C", 2022, 4), new("D", 2022, 2)]);

    [Theory]
    [InlineData(ReferenceKind.PublishedNational, 100.0, 0, "very high,medium,very low,very high")]
    [InlineData(ReferenceKind.UnweightedMeanOfRegions, 147.5, 4, "medium,very low,very low,very high")]   // 590 / 4
    [InlineData(ReferenceKind.Median, 125.0, 4, "high,low,very low,very high")]                          // (100 + 150) / 2
    [InlineData(ReferenceKind.PopulationWeightedMean, 121.0, 4, "high,low,very low,very high")]          // (150 + 300 + 160 + 600) / 10
    public void Each_reference_choice_matches_a_hand_computation(ReferenceKind kind, double reference, int n, string bands)
    {
        var result = Scorecard.Score(Small(), ScoringSpec.Paper with { Reference = kind });
        var level = Assert.Single(result.References);
        Assert.Equal(reference, level.Value!.Value, 9);
        Assert.Equal(n, level.N);
        Assert.Equal(kind, level.Kind);
        Assert.Equal(bands.Split(','), result.Cells.Select(c => c.Band));
        if (kind == ReferenceKind.PopulationWeightedMean) Assert.Equal([1.0, 3, 4, 2], level.Weights!);
        else Assert.Null(level.Weights);
    }

    [Fact]
    public void Weighted_mean_borrows_the_nearest_year_population_and_says_so()
    {
        var panel = IndicatorPanel.Create(
            [V("A", "x", 10, 2021), V("B", "x", 30, 2021), V("A", "x", 10), V("B", "x", 30)],
            [new("A", 2022, 3), new("B", 2022, 1)]);
        var level = ReferenceLevel.Compute(panel, "x", 2021, ReferenceKind.PopulationWeightedMean);
        Assert.Equal(15.0, level.Value);
        Assert.Contains("nearest year", level.Method);
        var none = ReferenceLevel.Compute(IndicatorPanel.Create([V("A", "x", 1)]), "x", 2022, ReferenceKind.PopulationWeightedMean);
        Assert.Null(none.Value);
        Assert.Contains("no population weight for A", none.Method);
    }

    [Fact]
    public void Missing_national_figure_leaves_cells_unscored_without_a_fallback()
    {
        var result = Scorecard.Score(IndicatorPanel.Create([V("A", "x", 1)]), ScoringSpec.Paper with { ReferenceFallback = null });
        Assert.Equal(CellStatus.MissingReference, Assert.Single(result.Cells).Status);
        var region = Assert.Single(result.Regions);
        Assert.Null(region.Total);
        Assert.Null(region.Rank);
        Assert.Equal((0, 1), (region.Scored, region.Missing));
    }

    [Fact]
    public void Inverted_indicator_uses_the_reciprocal_ratio()
    {
        var panel = IndicatorPanel.Create([
            V("Kazakhstan", "unemployment_rate", 5), V("Low", "unemployment_rate", 4), V("High", "unemployment_rate", 10), V("Zero", "unemployment_rate", 0)]);
        var plain = Scorecard.Score(panel, ScoringSpec.Paper);
        Assert.Equal([80.0, 200, 0], plain.Cells.Select(c => c.Ratio!.Value));
        var inverted = Scorecard.Score(panel, ScoringSpec.Paper.WithPolarity("Unemployment_Rate", Polarity.LowerIsBetter));
        Assert.Equal(125.0, inverted.Cells[0].Ratio!.Value, 9);          // 100 · 5 / 4
        Assert.Equal(("high", 1.0), (inverted.Cells[0].Band, inverted.Cells[0].Points!.Value));
        Assert.Equal(("very low", -2.0), (inverted.Cells[1].Band, inverted.Cells[1].Points!.Value)); // 50 %
        Assert.Equal(CellStatus.NonPositiveValue, inverted.Cells[2].Status);
        Assert.All(inverted.Cells, c => Assert.Equal(Polarity.LowerIsBetter, c.Polarity));
        Assert.Equal(ScoringSpec.Paper, inverted.Spec.WithPolarity("unemployment_rate", Polarity.HigherIsBetter));
    }

    // A: x 150 % (+2), y 80 % (−1). B: x missing, y 100 % (+0.5).
    private static IndicatorPanel TwoIndicators() => IndicatorPanel.Create([
        V("Kazakhstan", "x", 100), V("Kazakhstan", "y", 100),
        V("A", "x", 150), V("A", "y", 80), V("B", "x", null), V("B", "y", 100)]);

    [Theory]
    [InlineData(Aggregation.Sum, 1.0, 0.5)]
    [InlineData(Aggregation.WeightedSum, 3.0, 0.5)]        // 2·2 + 1·(−1); B: 1·0.5
    [InlineData(Aggregation.WeightedMean, 1.0, 0.5)]       // 3 / 3; B: 0.5 / 1
    public void Aggregation_and_weights(Aggregation aggregation, double totalA, double totalB)
    {
        var spec = ScoringSpec.Paper with { Aggregation = aggregation, Weights = ImmutableDictionary.CreateRange([KeyValuePair.Create("x", 2.0)]) };
        var result = Scorecard.Score(TwoIndicators(), spec);
        Assert.Equal(totalA, result.Regions.Single(r => r.Region == "A").Total);
        Assert.Equal(totalB, result.Regions.Single(r => r.Region == "B").Total);
    }

    [Fact]
    public void Missing_value_is_unscored_not_zero_and_the_total_says_how_many_indicators_it_used()
    {
        var result = Scorecard.Score(TwoIndicators(), ScoringSpec.Paper);
        var cell = result.Cells.Single(c => c.Region == "B" && c.Indicator == "x");
        Assert.Equal(CellStatus.MissingValue, cell.Status);
        Assert.Null(cell.Points);
        Assert.Null(cell.Band);
        var b = result.Regions.Single(r => r.Region == "B");
        Assert.Equal((0.5, 1, 1), (b.Total!.Value, b.Scored, b.Missing));
        var a = result.Regions.Single(r => r.Region == "A");
        Assert.Equal((2, 0), (a.Scored, a.Missing));
    }

    [Fact]
    public void Ties_share_the_best_rank_and_the_next_rank_skips()
    {
        var panel = IndicatorPanel.Create([
            V("Kazakhstan", "x", 100), V("A", "x", 200), V("B", "x", 120), V("C", "x", 130), V("D", "x", 100), V("E", "x", null)]);
        var result = Scorecard.Score(panel, ScoringSpec.Paper);
        Assert.Equal(["A", "B", "C", "D", "E"], result.Regions.Select(r => r.Region));
        Assert.Equal([1, 2, 2, 4, (int?)null], result.Regions.Select(r => r.Rank));
    }

    [Fact]
    public void Regions_exist_only_in_years_they_have_rows_and_indicators_follow_the_spec()
    {
        var panel = IndicatorPanel.Create([
            V("Kazakhstan", "x", 100, 2021), V("Kazakhstan", "x", 100), V("Kazakhstan", "y", 100),
            V("Old", "x", 100, 2021), V("New", "x", 100), V("New", "y", 200)]);
        var result = Scorecard.Score(panel, ScoringSpec.Paper with { Indicators = ["y", "x"] });
        Assert.Equal(["y", "x"], result.Indicators);
        Assert.Equal([("Old", 2021), ("New", 2022)], result.Regions.Select(r => (r.Region, r.Year)));
        Assert.Equal(4, result.Cells.Count); // Old 2021: y missing, still a cell
        Assert.Equal(2.5, result.Regions[1].Total);
        var only2022 = Scorecard.Score(panel, ScoringSpec.Paper with { Years = [2022] });
        Assert.Equal([2022], only2022.Years);
    }

    [Fact]
    public void Unknown_indicator_duplicate_row_and_bad_scale_are_rejected_with_the_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Scorecard.Score(TwoIndicators(), ScoringSpec.Paper with { Indicators = ["wages"] }));
        Assert.Contains("'wages'", e.Message);
        Assert.Contains("x, y", e.Message);
        var d = Assert.Throws<ArgumentException>(() => IndicatorPanel.Create([V("A", "x", 1), V("a", "x", 2)]));
        Assert.Contains("/ x / 2022", d.Message);
        Assert.Throws<ArgumentException>(() => new BandScale([70, 60], [new("a", 0), new("b", 1), new("c", 2)]));
        var s = Assert.Throws<ArgumentException>(() => Scorecard.Score(TwoIndicators(), ScoringSpec.Paper with { Bands = BandScale.Paper with { Thresholds = [70, 95] } }));
        Assert.Contains("3 bands", s.Message);
    }

    [Fact]
    public void Spec_equality_is_by_content_and_heatmap_rows_follow_rank()
    {
        Assert.Equal(ScoringSpec.Paper, new ScoringSpec { Bands = new BandScale([70, 95, 105, 150], BandScale.Paper.Bands) });
        Assert.NotEqual(ScoringSpec.Paper, ScoringSpec.Paper with { Reference = ReferenceKind.Median });
        var map = Scorecard.Score(TwoIndicators(), ScoringSpec.Paper).Heatmap(2022);
        Assert.Equal(["A", "B"], map.Regions);
        Assert.Equal(["+2", "-1", "n/a", "+0.5"], map.Cells.Select(c => c.Text));
        Assert.Equal(5, map.Legend.Count);
    }
}

public class RankingTests
{
    [Fact]
    public void Counting_and_sorting_paths_rank_identically_with_ties_and_missing_totals()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = rng.Next(1, 120);
            var totals = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.1 ? double.NaN : Math.Round(rng.NextDouble() * 8 - 4) / 2).ToArray();
            if (n > 2) totals[1] = totals[0] + 1e-12; // a float-noise tie
            var a = new int[n];
            var b = new int[n];
            Ranking.CompetitionByCounting(totals, a);
            Ranking.CompetitionBySorting(totals, b);
            Assert.Equal(a, b);
        }
    }
}
