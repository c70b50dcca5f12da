using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Tests.Regions;

/// <summary>
/// Rules of territory that live in one place each (issue 22, «One place per rule»): the boundary eras' ids and dates
/// (<see cref="BoundaryEra"/>), which units make up a territory and their sum (<see cref="Harmonisation.PartsOf"/>,
/// <see cref="Harmonisation.SumOfParts"/>, used by <see cref="MeanPopulation"/> too), and the one GeoJSON reader with
/// its one feature-to-unit match (<see cref="RegionGeometry.ReadFeatures(string, string)"/>, <see cref="RegionGeometry.UnitOf"/>).
/// </summary>
public class OneRulePlaceTests
{
    private static WorkbenchData Data => TestData.Data;
    private static Region R(string key) => Data.Regions[key];

    [Fact]
    public void The_eras_ids_and_dates_come_from_BoundaryEra()
    {
        Assert.Equal(["2015", "2018", "2022"], BoundaryEra.All.Select(e => e.Id));
        Assert.Equal([0, 1, 2], BoundaryEra.All.Select(e => e.Order));
        foreach (var table in DataTables.All)
            foreach (var field in table.Fields.Where(f => f.Name == "boundaries"))
                Assert.Equal(BoundaryEra.All.Select(e => e.Id), field.Enum!);
        // The data build's boundary changes fall on the first day of the era they open.
        Assert.Equal([BoundaryEra.Era2018.From!.Value, BoundaryEra.Era2022.From!.Value, BoundaryEra.Era2022.From!.Value, BoundaryEra.Era2022.From!.Value],
            DataPackageBuilder.Lineage.Select(l => l.Date));
        Assert.All(Data.Regions.Lineage, l => Assert.Contains(BoundaryEra.All, e => e.From == l.Date));
    }

    [Fact]
    public void Parts_of_a_territory_by_hand()
    {
        string? Parts(string key, BoundaryEra era, BoundaryEra published) =>
            Harmonisation.PartsOf(R(key), era, published, Data.Regions) is { } parts ? string.Join("+", parts.Select(r => r.Key).Order(StringComparer.Ordinal)) : null;
        Assert.Equal("abai+east-kazakhstan", Parts("east-kazakhstan", BoundaryEra.Era2018, BoundaryEra.Era2022));
        Assert.Equal("shymkent-city+turkestan", Parts("south-kazakhstan", BoundaryEra.Era2015, BoundaryEra.Era2018));
        Assert.Equal("akmola", Parts("akmola", BoundaryEra.Era2015, BoundaryEra.Era2022));
        Assert.Equal("akmola", Parts("akmola", BoundaryEra.Era2018, BoundaryEra.Era2015));   // unchanged: older figures count
        Assert.Null(Parts("turkestan", BoundaryEra.Era2018, BoundaryEra.Era2015));             // cannot be split out of South Kazakhstan
        Assert.Null(Parts("east-kazakhstan", BoundaryEra.Era2022, BoundaryEra.Era2018));
        Assert.Equal("kazakhstan", Parts("kazakhstan", BoundaryEra.Era2022, BoundaryEra.Era2015));
    }

    [Fact]
    public void A_sum_with_a_part_missing_is_missing()
    {
        IReadOnlyList<Region> parts = [R("east-kazakhstan"), R("abai")];
        Assert.Equal(30, Harmonisation.SumOfParts(parts, r => r.Key == "abai" ? 10 : 20));
        Assert.Null(Harmonisation.SumOfParts(parts, r => r.Key == "abai" ? null : 20));
    }

    [Fact]
    public void The_mean_population_sums_parts_by_the_same_rule_and_keeps_an_unchanged_unit_published_on_older_units()
    {
        double P(string key, int year) => Data.PopulationAt(key, new DateOnly(year, 1, 1))!.Value;
        // East Kazakhstan 2021 on its 2018 territory: 1 January 2022 is published on the 20 units, so Abai is added back.
        var east = MeanPopulation.Of(Data, R("east-kazakhstan"), 2021, BoundaryEra.Era2018)!;
        Assert.Equal((P("east-kazakhstan", 2021) + P("east-kazakhstan", 2022) + P("abai", 2022)) / 2, east.Value);
        Assert.Contains("sum of", east.Derivation);
        // Akmola 2016 read on the 2018 units: its territory never changed, so the 2015-era figures are its own.
        var akmola = MeanPopulation.Of(Data, R("akmola"), 2016, BoundaryEra.Era2018)!;
        Assert.Equal((P("akmola", 2016) + P("akmola", 2017)) / 2, akmola.Value);
        // Turkestan 2016 cannot be split out of South Kazakhstan.
        Assert.Null(MeanPopulation.Of(Data, R("turkestan"), 2016, BoundaryEra.Era2018));
    }

    // A polygon with a string id, a multipolygon with a number id, a point (no polygons).
    private const string GeoJson = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"KATO":"710000000","ADM1_RU":" г.Астана "},"geometry":{"type":"Polygon","coordinates":[[[71,51],[72,51],[72,52],[71,51]]]}},
          {"type":"Feature","properties":{"KATO":610000000,"flag":true},"geometry":{"type":"MultiPolygon","coordinates":[[[[69,42],[70,42],[70,43],[69,42]]],[[[68,41],[69,41],[69,42],[68,41]]]]}},
          {"type":"Feature","properties":{"KATO":"1"},"geometry":{"type":"Point","coordinates":[70,45]}}
        ]}
        """;

    [Fact]
    public void The_one_GeoJSON_reader_by_hand()
    {
        var features = RegionGeometry.ReadFeatures(GeoJson, "test.geojson");
        Assert.Equal(3, features.Count);
        Assert.Equal("г.Астана", features[0].Property("ADM1_RU"));
        Assert.Equal("610000000", features[1].Property("KATO"));
        Assert.Equal("", features[1].Property("flag"));
        Assert.Equal(("Polygon", 1, 4), (features[0].GeometryType, features[0].Polygons.Count, features[0].Polygons[0][0].Count));
        Assert.Equal((68.0, 41.0), features[1].Polygons[1][0][0]);
        Assert.Equal(("Point", 0), (features[2].GeometryType, features[2].Polygons.Count));

        Assert.Contains("test.geojson", Assert.Throws<InvalidDataException>(() => RegionGeometry.ReadFeatures("{not json", "test.geojson")).Message);
        Assert.Throws<InvalidDataException>(() => RegionGeometry.ReadFeatures("""{"type":"Feature"}""", "x"));
        Assert.Throws<InvalidDataException>(() => RegionGeometry.ReadFeatures("""{"type":"FeatureCollection","features":[{"geometry":{"type":"Polygon","coordinates":[[["a","b"]]]}}]}""", "x"));
    }

    [Fact]
    public void South_Kazakhstan_is_found_in_the_2015_file_by_name_though_the_file_keeps_KATO_61()
    {
        var path = Path.Combine(TestData.DataDirectory, "boundaries", BoundaryEra.Era2015.BoundaryFile);
        var features = RegionGeometry.ReadFeatures(File.ReadAllBytes(path), path);
        var units = Data.Regions.UnitsIn(BoundaryEra.Era2015);
        var south = features.Single(f => RegionGeometry.UnitOf(f, units)?.Key == "south-kazakhstan");
        Assert.StartsWith("61", south.Property("KATO"));
        Assert.NotEqual("61", R("south-kazakhstan").Kato);
        // Every feature of every era matches exactly one unit.
        foreach (var era in BoundaryEra.All)
        {
            var shapes = RegionGeometry.Read(Path.Combine(TestData.DataDirectory, "boundaries"), era, Data.Regions);
            Assert.Equal(Data.Regions.UnitsIn(era).Select(u => u.Key).Order(StringComparer.Ordinal), shapes.Select(s => s.Region.Key).Order(StringComparer.Ordinal));
        }
    }
}
