using KzMigration.Data;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>Where the loaded figures come from: the sources table and the licence of the boundaries, for notebooks and the report (the publishing layer's <c>SourcesPage</c> writes its HTML).</summary>
public static class Provenance
{
    /// <summary>The attribution every map carries (data/boundaries/ATTRIBUTION.md; CC BY 4.0).</summary>
    public const string BoundaryAttribution =
        "Boundaries: geokz © A. Rodionov (CC BY 4.0), based on OCHA COD-AB Kazakhstan (UNHCR/OpenStreetMap), © OpenStreetMap contributors";

    /// <summary>One row per source with how many migration and indicator figures cite it.</summary>
    public static DataFrame SourcesTable(WorkbenchData data)
    {
        var sources = data.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var migration = data.Migration.GroupBy(m => m.Source.Id).ToDictionary(g => g.Key, g => g.Count());
        var indicators = data.Indicators.GroupBy(m => m.Source.Id).ToDictionary(g => g.Key, g => g.Count());
        return new DataFrame(
            new StringDataFrameColumn("source", sources.Select(s => s.Id)),
            new StringDataFrameColumn("publisher", sources.Select(s => s.Publisher)),
            new StringDataFrameColumn("title", sources.Select(s => s.Title)),
            new StringDataFrameColumn("carrier", sources.Select(s => s.Carrier)),
            new Int32DataFrameColumn("migration figures", sources.Select(s => migration.GetValueOrDefault(s.Id))),
            new Int32DataFrameColumn("indicator figures", sources.Select(s => indicators.GetValueOrDefault(s.Id))),
            new StringDataFrameColumn("url", sources.Select(s => s.Url)));
    }

    /// <summary>
    /// Where the figures of one indicator come from: one row per source with its standing (<see cref="Source.Standing"/>:
    /// an official publisher, or «BNS via a third-party compilation, …»), the years it gives, its regional and national
    /// figures. E.g. the average wage: the BNS publication for 2022, the compilation for 2013–2021 and 2023.
    /// </summary>
    public static DataFrame SeriesSources(WorkbenchData data, string indicatorId)
    {
        ArgumentNullException.ThrowIfNull(data);
        var groups = data.IndicatorValues(indicatorId).GroupBy(v => v.Source.Id)
            .Select(g => (Source: g.First().Source, Values: g.ToList()))
            .OrderBy(g => g.Values.Min(v => v.Year)).ThenBy(g => g.Source.Id, StringComparer.Ordinal).ToList();
        return new DataFrame(
            new StringDataFrameColumn("source", groups.Select(g => g.Source.Id)),
            new StringDataFrameColumn("standing", groups.Select(g => g.Source.Standing)),
            new StringDataFrameColumn("years", groups.Select(g => YearRuns.Format(g.Values.Select(v => v.Year)))),
            new Int32DataFrameColumn("regional figures", groups.Select(g => g.Values.Count(v => !v.Region.IsCountry))),
            new Int32DataFrameColumn("national figures", groups.Select(g => g.Values.Count(v => v.Region.IsCountry))),
            new StringDataFrameColumn("title", groups.Select(g => g.Source.Title)));
    }
}
