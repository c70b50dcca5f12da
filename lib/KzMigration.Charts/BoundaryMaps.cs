using KzMigration.Charts;
using KzMigration.Regions;
using Plotly.NET;

namespace KzMigration.Study;

/// <summary>Maps in the right boundary era: the GeoJSON of the era a year belongs to, and each region's feature in it.</summary>
public static class BoundaryMaps
{
    /// <summary>The GeoJSON of <paramref name="era"/> from the data folder's <c>boundaries/</c>.</summary>
    public static string GeoJson(string dataDirectory, BoundaryEra era) =>
        File.ReadAllText(Path.Combine(dataDirectory, "boundaries", era.BoundaryFile));

    /// <summary>
    /// The feature of <paramref name="region"/> by its OCHA P-code (<c>ADM1_PCODE</c> = "KZ" + KATO).
    /// South Kazakhstan is the one exception: its official KATO is 51, but the 2015 boundary file
    /// keeps 61 on the merged polygon "for joining" (see data/regions.csv, note of south-kazakhstan).
    /// </summary>
    public static string FeatureId(Region region) =>
        region.Key == "south-kazakhstan" ? "KZ61" : "KZ" + region.Kato;

    /// <summary>A choropleth of one year's values drawn on that year's boundaries, with the boundary attribution.</summary>
    public static GenericChart Map(IReadOnlyList<RegionValue> values, RegionRegistry regions, string dataDirectory, string title, string subtitle, string colourBarTitle, double? centre = 0)
    {
        var years = values.Select(v => v.Year).Distinct().ToList();
        if (years.Count != 1) throw new ArgumentException($"a map shows one year; got {string.Join(", ", years)}", nameof(values));
        var era = BoundaryEra.OfYear(years[0]);
        return MigrationCharts.ChoroplethMap(values, v => FeatureId(regions[v.RegionKey]), GeoJson(dataDirectory, era), "ADM1_PCODE",
            title, $"{subtitle} · {era}", colourBarTitle, Provenance.BoundaryAttribution, centre);
    }
}
