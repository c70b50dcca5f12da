using System.Text.Json;
using KzMigration.Charts;
using KzMigration.Regions;
using KzMigration.Study;
using Plotly.NET;

namespace KzMigration.Tests.Charts;

/// <summary>
/// The maps draw on the core's one GeoJSON reader and feature match (<see cref="RegionGeometry.Read"/>), with the one Earth
/// radius (<see cref="RegionGeometry.EarthRadiusKm"/>), and the charts interpolate colours in one place
/// (<see cref="MapGeometry.Colour"/>) (issue 22, «One place per rule»).
/// </summary>
public class MapRulesTests
{
    private static string Json(GenericChart chart) => GenericChart.toFigureJson(chart);
    private static string Boundaries => Path.Combine(TestData.DataDirectory, "boundaries");

    [Fact]
    public void Band_colours_are_interpolated_by_the_one_colour_scale()
    {
        string[] anchors = ["#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"];
        Assert.Equal(anchors, ScoringCharts.BandColours(5));
        Assert.Equal([anchors[0], anchors[2], anchors[4]], ScoringCharts.BandColours(3));
        // Nine bands, the second halfway between #d7191c and #fdae61: (234, 99.5, 62.5) → plotly.js rounds halves up.
        Assert.Equal("#ea643f", ScoringCharts.BandColours(9)[1]);
        object[][] scale = [.. anchors.Select((c, i) => new object[] { i / 4.0, c })];
        Assert.Equal(Enumerable.Range(0, 7).Select(k => MapGeometry.Colour(scale, k / 6.0)), ScoringCharts.BandColours(7));
    }

    [Fact]
    public void The_map_projection_uses_the_one_Earth_radius()
    {
        // Snyder 1987, pp. 98–100, written out here independently, on the sphere of radius R₁.
        const double r = RegionGeometry.EarthRadiusKm, rad = Math.PI / 180;
        double phi1 = 44 * rad, phi2 = 52 * rad, phi0 = 48 * rad, lambda0 = 67 * rad;
        var n = (Math.Sin(phi1) + Math.Sin(phi2)) / 2;
        var c = Math.Cos(phi1) * Math.Cos(phi1) + 2 * n * Math.Sin(phi1);
        double Rho(double phi) => r * Math.Sqrt(c - 2 * n * Math.Sin(phi)) / n;
        var theta = n * (80 * rad - lambda0);
        var (x, y) = new MapGeometry.AlbersEqualArea(phi1, phi2, phi0, lambda0).Project(80, 50);
        Assert.Equal(Rho(50 * rad) * Math.Sin(theta), x, 9);
        Assert.Equal(Rho(phi0) - Rho(50 * rad) * Math.Cos(theta), y, 9);
    }

    [Fact]
    public void A_map_on_the_cores_shapes_equals_the_map_on_feature_codes_where_the_codes_are_regular()
    {
        var data = TestData.Data;
        var era = BoundaryEra.Era2022;
        var values = data.Regions.UnitsIn(era).Select((u, i) => new RegionValue(u.Key, u.NameEn, u.Kind == RegionKind.City, 2022, i * 10.0)).ToList();
        var shapes = RegionGeometry.Read(Boundaries, era, data.Regions);
        var geoJson = BoundaryMaps.GeoJson(TestData.DataDirectory, era);
        var byShape = MigrationCharts.ChoroplethMap(values, shapes, "t", "s", "c", "a", centre: 0);
        var byCode = MigrationCharts.ChoroplethMap(values, v => "KZ" + data.Regions[v.RegionKey].Kato, geoJson, "ADM1_PCODE", "t", "s", "c", "a", centre: 0);
        Assert.Equal(Json(byCode), Json(byShape));

        var matrix = data.FlowMatrix(2023) ?? throw new InvalidOperationException("no 2023 matrix in the bundled data");
        var centroids = data.Centroids(era);
        var flowByShape = FlowCharts.FlowMap(matrix, k => k, shapes, "t", "s", "a");
        var flowByCode = FlowCharts.FlowMap(matrix, k => k, k => "KZ" + data.Regions[k].Kato, geoJson, "ADM1_PCODE", k => centroids[k], "t", "s", "a");
        Assert.Equal(Json(flowByCode), Json(flowByShape));
    }

    [Fact]
    public void South_Kazakhstan_is_drawn_on_the_2015_map_without_knowing_its_code()
    {
        var data = TestData.Data;
        var values = data.Regions.UnitsInYear(2017).Select(u => new RegionValue(u.Key, u.NameEn, u.Kind == RegionKind.City, 2017, 1.0)).ToList();
        var map = JsonDocument.Parse(Json(BoundaryMaps.Map(values, data.Regions, TestData.DataDirectory, "t", "s", "c"))).RootElement;
        var drawn = map.GetProperty("data").EnumerateArray().Where(t => t.TryGetProperty("meta", out _))
            .Select(t => t.GetProperty("meta").GetProperty("region").GetString()).ToList();
        Assert.Contains("south-kazakhstan", drawn);
        Assert.Equal(BoundaryEra.Era2015.UnitCount, drawn.Count);
    }
}
