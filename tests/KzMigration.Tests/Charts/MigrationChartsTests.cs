using System.Globalization;
using System.Text.Json;
using KzMigration.Study;
using KzMigration.Charts;
using Plotly.NET;

namespace KzMigration.Tests.Charts;

public class MigrationChartsTests
{
    // Two years; Shymkent has no 2017 value (null, not 0); Akmola has a true 0 in 2018.
    private static readonly RegionValue[] Balances =
    [
        new("astana", "Astana", true, 2017, 33511), new("astana", "Astana", true, 2018, 22799),
        new("shymkent", "Shymkent", true, 2017, null), new("shymkent", "Shymkent", true, 2018, 34456),
        new("akmola", "Akmola", false, 2017, -341), new("akmola", "Akmola", false, 2018, 0),
    ];

    private static readonly RegionValue[] Coefficients =
    [
        new("astana", "Astana", true, 2021, 1.31), new("astana", "Astana", true, 2022, 1.38),
        new("almaty-region", "Almaty region", false, 2021, 0.97), new("almaty-region", "Almaty region", false, 2022, 1.02),
        new("abai", "Abai", false, 2021, null), new("abai", "Abai", false, 2022, 0.71),
    ];

    // Two unit squares side by side and a third one, ids in property KATO (strings, as in shared/sources/boundaries).
    private const string GeoJson = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"KATO":"710000000"},"geometry":{"type":"Polygon","coordinates":[[[71,51],[72,51],[72,52],[71,52],[71,51]]]}},
          {"type":"Feature","properties":{"KATO":"790000000"},"geometry":{"type":"Polygon","coordinates":[[[69,42],[70,42],[70,43],[69,43],[69,42]]]}},
          {"type":"Feature","properties":{"KATO":"110000000"},"geometry":{"type":"MultiPolygon","coordinates":[[[[68,50],[71,50],[71,53],[68,53],[68,50]]]]}}
        ]}
        """;

    private static readonly Dictionary<string, string> Kato = new() { ["astana"] = "710000000", ["shymkent"] = "790000000", ["akmola"] = "110000000" };

    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static JsonElement[] Traces(GenericChart chart) => [.. Figure(chart).GetProperty("data").EnumerateArray()];

    private static double?[] Numbers(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : e.GetDouble())];

    private static GenericChart Figure1() => MigrationCharts.BalanceBars(Balances, "Migration balance", "Interregional balance, January–December");

    [Fact]
    public void Balance_bars_have_four_series_per_year_panel_with_the_values()
    {
        var traces = Traces(Figure1());
        Assert.Equal(2 * 4, traces.Length);
        Assert.All(traces, t => Assert.Equal("bar", t.GetProperty("type").GetString()));
        // Panel 1 (2017) on axes x/y, panel 2 (2018) on x2/y2.
        Assert.Equal("x2", traces[4].GetProperty("xaxis").GetString());
        // Region order: cities first (Astana, Shymkent), then oblasts (Akmola).
        Assert.Equal(["Astana", "Shymkent", "Akmola"], traces[0].GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        // 2017 city gains: Astana 33511, Shymkent missing; oblast losses: Akmola −341.
        Assert.Equal([33511, null, null], Numbers(traces[0].GetProperty("x")));
        Assert.Equal([null, null, -341], Numbers(traces[3].GetProperty("x")));
        // Legend: once per series, first panel only.
        Assert.Equal([true, true, true, true, false, false, false, false], traces.Select(t => t.GetProperty("showlegend").GetBoolean()));
        Assert.Contains("Interregional balance, January–December", Figure(Figure1()).GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Balance_bars_keep_a_missing_value_null_in_every_series_and_a_true_zero_as_zero()
    {
        var traces = Traces(Figure1());
        // Shymkent 2017 (index 1) is null in all four 2017 series: a gap, not a zero-length bar.
        Assert.All(traces.Take(4), t => Assert.Null(Numbers(t.GetProperty("x"))[1]));
        Assert.All(traces.Take(4), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("text")[1].ValueKind));
        // Akmola 2018 is a real 0, drawn (and labelled "0") as an oblast "gain" (N ≥ 0).
        Assert.Equal(0, Numbers(traces[6].GetProperty("x"))[2]);
        Assert.Equal("0", traces[6].GetProperty("text")[2].GetString());
    }

    [Fact]
    public void Heatmap_has_regions_by_years_with_null_gaps_and_a_centred_scale()
    {
        var heat = Traces(MigrationCharts.Heatmap(Coefficients, "K", "internal flows", "K", centre: 1, valueFormat: "0.00")).Single();
        Assert.Equal("heatmap", heat.GetProperty("type").GetString());
        Assert.Equal(1, heat.GetProperty("zmid").GetDouble());
        Assert.Equal(["2021", "2022"], heat.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        var z = heat.GetProperty("z").EnumerateArray().Select(Numbers).ToArray();
        Assert.Equal([1.31, 1.38], z[0]);
        Assert.Equal([null, 0.71], z[2]); // Abai 2021: gap
        Assert.Equal("1.02", heat.GetProperty("text")[1][1].GetString());
        Assert.Equal("", heat.GetProperty("text")[2][0].GetString());
    }

    [Fact]
    public void Attractiveness_bars_have_one_series_per_year_and_a_reference_line_at_one()
    {
        var chart = MigrationCharts.AttractivenessBars(Coefficients, "Attractiveness", "K from internal flows");
        var traces = Traces(chart);
        Assert.Equal(["2021", "2022"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1.31, 0.97, null], Numbers(traces[0].GetProperty("y")));
        Assert.Equal([1.38, 1.02, 0.71], Numbers(traces[1].GetProperty("y")));
        var line = Figure(chart).GetProperty("layout").GetProperty("shapes").EnumerateArray()
            .Single(s => s.GetProperty("type").GetString() == "line");
        Assert.Equal(1, line.GetProperty("y0").GetDouble());
        Assert.Equal(1, line.GetProperty("y1").GetDouble());
    }

    private static GenericChart Map() => MigrationCharts.ChoroplethMap(
        Balances.Where(v => v.Year == 2017).ToList(), v => Kato[v.RegionKey], GeoJson, "KATO",
        "Balance 2017", "interregional", "persons", "Boundaries: test squares (CC BY 4.0)", centre: 0);

    [Fact]
    public void Choropleth_map_keeps_missing_values_null_grey_and_carries_the_attribution()
    {
        var figure = Figure(Map());
        var shapes = figure.GetProperty("data").EnumerateArray().Where(t => t.TryGetProperty("fill", out _)).ToArray();
        // Oblasts first, cities on top.
        Assert.Equal(["akmola", "astana", "shymkent"], shapes.Select(t => t.GetProperty("meta").GetProperty("region").GetString()));
        Assert.Equal(-341, shapes[0].GetProperty("meta").GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, shapes[2].GetProperty("meta").GetProperty("value").ValueKind);
        Assert.Equal("#d9d9d9", shapes[2].GetProperty("fillcolor").GetString());
        // Diverging scale symmetric around 0: the largest deviation (Astana, +33511) takes the top colour.
        Assert.Equal("#2166ac", shapes[1].GetProperty("fillcolor").GetString());
        Assert.Contains("CC BY 4.0", figure.GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString());
        // No geo subplot: nothing to download, so it draws offline.
        Assert.False(figure.GetProperty("layout").TryGetProperty("geo", out _));
    }

    [Fact]
    public void Choropleth_map_refuses_unknown_ids_and_several_years()
    {
        var ex = Assert.Throws<ArgumentException>(() => MigrationCharts.ChoroplethMap(
            Balances.Where(v => v.Year == 2017).ToList(), v => "71", GeoJson, "KATO", "t", "s", "c", "a"));
        Assert.Contains("710000000", ex.Message); // shows what the ids look like
        Assert.Throws<ArgumentException>(() => MigrationCharts.ChoroplethMap(
            Balances, v => Kato[v.RegionKey], GeoJson, "KATO", "t", "s", "c", "a"));
        Assert.Throws<ArgumentException>(() => MigrationCharts.ChoroplethMap(
            Balances.Where(v => v.Year == 2017).ToList(), v => Kato[v.RegionKey], GeoJson, "ADM1_PCODE", "t", "s", "c", "a"));
    }

    private static readonly LabelledPoint[] Points =
    [
        new("astana", "Astana", 3, 11, true), new("akmola", "Akmola", 1, 5), new("abai", "Abai", null, 0.7), new("kostanay", "Kostanay", 2, 8),
    ];

    [Fact]
    public void Scatter_keeps_null_coordinates_and_has_no_trend_line_unless_asked()
    {
        var traces = Traces(MigrationCharts.LabelledScatter(Points, "Score vs K", "2022", "score", "K", yReference: 1));
        Assert.Equal(2, traces.Length);
        Assert.Equal([1, null, 2], Numbers(traces[1].GetProperty("x")));
        Assert.Equal(["Akmola", "Abai", "Kostanay"], traces[1].GetProperty("text").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Scatter_trend_line_is_the_least_squares_line_of_complete_points()
    {
        // Complete points lie on y = 2 + 3x exactly; Abai (no x) is left out.
        var traces = Traces(MigrationCharts.LabelledScatter(Points, "t", "s", "x", "y", trendLine: true));
        var line = traces[^1];
        Assert.Equal([1, 3], Numbers(line.GetProperty("x")));
        Assert.Equal([5, 11], Numbers(line.GetProperty("y")).Select(v => Math.Round(v!.Value, 9)));
        Assert.Contains("n = 3", line.GetProperty("name").GetString());
    }

    [Fact]
    public void Inputs_with_a_repeated_region_year_or_non_finite_value_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MigrationCharts.Heatmap([.. Balances, Balances[0]], "t", "s", "c"));
        Assert.Throws<ArgumentException>(() => MigrationCharts.Heatmap([Balances[0] with { Value = double.NaN }], "t", "s", "c"));
        Assert.Throws<ArgumentException>(() => MigrationCharts.BalanceBars([], "t", "s"));
        Assert.Throws<ArgumentException>(() => MigrationCharts.LabelledScatter([Points[0], Points[0]], "t", "s", "x", "y"));
    }

    public static TheoryData<string> ChartNames => new() { "balance", "heatmap", "attractiveness", "map", "scatter" };

    private static GenericChart Build(string name) => name switch
    {
        "balance" => Figure1(),
        "heatmap" => MigrationCharts.Heatmap(Balances, "Balance", "interregional", "persons"),
        "attractiveness" => MigrationCharts.AttractivenessBars(Coefficients, "K", "internal"),
        "map" => Map(),
        "scatter" => MigrationCharts.LabelledScatter(Points, "t", "s", "x", "y", trendLine: true, yReference: 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Same_inputs_give_identical_figure_json_in_any_culture(string name)
    {
        var first = GenericChart.toFigureJson(Build(name));
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU"); // decimal comma, non-breaking-space groups
            Assert.Equal(first, GenericChart.toFigureJson(Build(name)));
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Charts_are_sized_for_print(string name)
    {
        var layout = Figure(Build(name)).GetProperty("layout");
        Assert.InRange(layout.GetProperty("width").GetInt32(), 1000, 1600);
        Assert.True(layout.GetProperty("height").GetInt32() >= 500);
    }

    [Fact]
    public void Html_fragment_draws_the_values()
    {
        var html = ChartHtml.Fragment(Figure1(), "fig1", includePlotlyJs: false);
        Assert.Contains("33511", html);
        Assert.Contains("\"33,511\"", html); // printed value label, invariant culture
        Assert.Contains("-341", html);
        Assert.Contains("Shymkent", html);
        Assert.Contains("id=\"fig1\"", html);
    }

    [Fact]
    public void Colour_scale_interpolates_between_stops()
    {
        object[][] scale = [[0.0, "#000000"], [0.5, "#ffffff"], [1.0, "#0000ff"]];
        Assert.Equal("#000000", MapGeometry.Colour(scale, 0));
        Assert.Equal("#808080", MapGeometry.Colour(scale, 0.25));
        Assert.Equal("#ffffff", MapGeometry.Colour(scale, 0.5));
        Assert.Equal("#0000ff", MapGeometry.Colour(scale, 1));
        Assert.Equal("#0000ff", MapGeometry.Colour(scale, 7));
    }
}
