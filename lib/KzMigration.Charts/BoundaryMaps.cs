using KzMigration.Localisation;
using KzMigration.Regions;
using KzMigration.Study;
using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// Maps in the right boundary era: the units of the era a year belongs to, drawn on their shapes as the core reads and
/// matches them (<see cref="RegionGeometry.Read"/>: by Russian name, then KATO), so no map knows a feature code.
/// </summary>
public static class BoundaryMaps
{
    /// <summary>The GeoJSON text of <paramref name="era"/> from the data folder's <c>boundaries/</c>.</summary>
    public static string GeoJson(string dataDirectory, BoundaryEra era) =>
        File.ReadAllText(Path.Combine(dataDirectory, "boundaries", era.BoundaryFile));

    /// <summary>The shapes of <paramref name="era"/>'s units from the data folder's <c>boundaries/</c> (<see cref="RegionGeometry.Read"/>).</summary>
    public static IReadOnlyList<RegionShape> Shapes(string dataDirectory, BoundaryEra era, RegionRegistry regions) =>
        RegionGeometry.Read(Path.Combine(dataDirectory, "boundaries"), era, regions);

    /// <summary>
    /// A choropleth of one year's values drawn on that year's boundaries, with the boundary attribution; the era and the
    /// attribution in <paramref name="language"/> (en, ru, kk).
    /// </summary>
    public static GenericChart Map(IReadOnlyList<RegionValue> values, RegionRegistry regions, string dataDirectory, string title, string subtitle, string colourBarTitle,
        double? centre = 0, string language = "en")
    {
        TextCatalogue.CheckLanguage(language);
        var years = values.Select(v => v.Year).Distinct().ToList();
        if (years.Count != 1) throw new ArgumentException($"a map shows one year; got {string.Join(", ", years)}", nameof(values));
        var era = BoundaryEra.OfYear(years[0]);
        return MigrationCharts.ChoroplethMap(values, Shapes(dataDirectory, era, regions),
            title, $"{subtitle} · {TextCatalogue.Era(era.Id, era.UnitCount, language)}", colourBarTitle, TextCatalogue.Get("map.attribution", language), centre,
            language: language);
    }
}
