using KzMigration.Specification;
using System.Text.Json;
using KzMigration.Study;
using KzMigration.Charts;
using KzMigration.Scoring;
using Plotly.NET;

namespace KzMigration.Tests.Charts;

public class ScoringChartsTests
{
    private static IndicatorValue V(string region, string indicator, double? value) => new(region, indicator, 2022, value);

    // National 100 for both indicators. A: 200 (+2), 160 (+2) → +4; B: 100 (+0.5), missing → +0.5; C: 60 (−2), 80 (−1) → −3.
    private static IndicatorPanel Panel() => IndicatorPanel.Create([
        V("Kazakhstan", "x", 100), V("Kazakhstan", "y", 100),
        V("C", "x", 60), V("C", "y", 80),
        V("B", "x", 100), V("B", "y", null),
        V("A", "x", 200), V("A", "y", 160)]);

    private static readonly Dictionary<string, UnitLabel> Labels = new()
    {
        ["A"] = new("Alpha <city>", true), ["B"] = new("Beta", false), ["C"] = new("Gamma", false),
    };

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static JsonElement[] Traces(GenericChart chart) => [.. Figure(chart).GetProperty("data").EnumerateArray()];

    [Fact]
    public void Band_heatmap_colours_by_band_labels_points_and_orders_rows_by_total()
    {
        var result = Scorecard.Score(Panel(), ScoringSpec.Paper);
        var chart = ScoringCharts.BandHeatmap(result, 2022, Labels, new Dictionary<string, string> { ["x"] = "X index" }, "t", "s");
        var heat = Assert.Single(Traces(chart));
        Assert.Equal(["Alpha <city> (+4)", "Beta (+0.5)", "Gamma (-3)"], heat.GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["X index", "y"], heat.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        var z = heat.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray()).ToArray();
        Assert.Equal([4.0, 4.0], z[0]);
        Assert.Equal([2.0, null], z[1]); // missing stays a gap
        Assert.Equal([0.0, 1.0], z[2]);
        Assert.Equal(["+2", "+2"], heat.GetProperty("text")[0].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("", heat.GetProperty("text")[1][1].GetString());
        // Five discrete colours: two stops per band, zmin/zmax at the band edges, legend labels with points.
        Assert.Equal(10, heat.GetProperty("colorscale").GetArrayLength());
        Assert.Equal((-0.5, 4.5), (heat.GetProperty("zmin").GetDouble(), heat.GetProperty("zmax").GetDouble()));
        Assert.Equal("medium (+0.5)", heat.GetProperty("colorbar").GetProperty("ticktext")[2].GetString());
        // Titles are encoded; data text in traces is plotly data, not markup in the title.
        var title = Figure(ScoringCharts.BandHeatmap(result, 2022, Labels, new Dictionary<string, string>(), "a<b>", "s")).GetProperty("layout").GetProperty("title").GetProperty("text").GetString();
        Assert.Contains("a&lt;b&gt;", title);
    }

    [Fact]
    public void Band_colours_are_five_classes_or_interpolated()
    {
        Assert.Equal(5, ScoringCharts.BandColours(5).Count);
        var three = ScoringCharts.BandColours(3);
        Assert.Equal(["#d7191c", "#ffffbf", "#2c7bb6"], three);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringCharts.BandColours(0));
    }

    [Fact]
    public void Totals_bars_split_cities_and_oblasts_in_rank_order()
    {
        var result = Scorecard.Score(Panel(), ScoringSpec.Paper);
        var traces = Traces(ScoringCharts.TotalsBars(result, 2022, Labels, "t", "s"));
        Assert.Equal(2, traces.Length);
        Assert.Equal(4.0, traces[0].GetProperty("x")[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, traces[0].GetProperty("x")[1].ValueKind);
        Assert.Equal(-3.0, traces[1].GetProperty("x")[2].GetDouble());
        Assert.Equal("+4  (rank 1)", traces[0].GetProperty("text")[0].GetString());
    }

    [Fact]
    public void Rank_changes_mark_moves_up_and_down()
    {
        var panel = Panel();
        // Gamma's x set to 300: 300 % → +2, total +1 → rank 2; Beta falls to rank 3.
        var cmp = WhatIf.Run(panel, ScoringSpec.Paper, SpecificationParser.ParseEdits("C:x=300"));
        var traces = Traces(ScoringCharts.RankChanges(cmp, 2022, Labels, "t", "s"));
        var after = traces[2];
        Assert.Equal(["Alpha <city>", "Gamma", "Beta"], after.GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["#777777", "#1a9641", "#d7191c"], after.GetProperty("marker").GetProperty("color").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("▲1   total -3 → +1", traces[3].GetProperty("text")[1].GetString());
        Assert.StartsWith("=", traces[3].GetProperty("text")[0].GetString());
    }

    [Fact]
    public void Sensitivity_charts_draw_intervals_band_shares_and_indices()
    {
        var panel = Panel();
        var s = Sensitivity.Run(panel, new SensitivityInput { Draws = 64, References = [ReferenceKind.PublishedNational, ReferenceKind.Median], PolarityCandidates = [] });
        var intervals = Traces(ScoringCharts.RankIntervals(s, 2022, Labels, "t", "s"));
        Assert.Equal(4, intervals.Length);
        Assert.Equal(["Alpha <city>", "Beta", "Gamma"], intervals[3].GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        var share = Assert.Single(Traces(ScoringCharts.BandProbabilities(s, 2022, Labels, new Dictionary<string, string>(), "t", "s")));
        var z = share.GetProperty("z").EnumerateArray().SelectMany(r => r.EnumerateArray()).ToList();
        Assert.All(z.Where(v => v.ValueKind != JsonValueKind.Null), v => Assert.InRange(v.GetDouble(), 0, 1));
        Assert.Equal(JsonValueKind.Null, share.GetProperty("z")[1][1].ValueKind); // Beta's missing y
        var indices = Traces(ScoringCharts.SensitivityIndices(s, "t", "s"));
        Assert.Equal(2, indices.Length);
        Assert.Equal(s.Factors.Select(f => f.Name), indices[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()));
    }
}
