using Microsoft.Data.Analysis;

namespace KzMigration.Data;

/// <summary>Conversions to <see cref="DataFrame"/> for notebooks. Missing values stay null (NA), never 0.</summary>
public static class DataFrames
{
    /// <summary>Long table of migration figures: region, year, period, flow, measure, value, status, boundaries, source_id, harmonised, note.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<MigrationObservation> values)
    {
        var list = values.ToList();
        return new DataFrame(
            new StringDataFrameColumn("region", list.Select(v => v.Region.Key)),
            new PrimitiveDataFrameColumn<int>("year", list.Select(v => v.Year)),
            new StringDataFrameColumn("period", list.Select(v => Codes.Of(v.Period))),
            new StringDataFrameColumn("flow", list.Select(v => Codes.Of(v.Flow))),
            new StringDataFrameColumn("measure", list.Select(v => Codes.Of(v.Measure))),
            new PrimitiveDataFrameColumn<double>("value", list.Select(v => v.Value)),
            new StringDataFrameColumn("status", list.Select(v => Codes.Of(v.Status))),
            new StringDataFrameColumn("boundaries", list.Select(v => v.Boundaries.Id)),
            new StringDataFrameColumn("source_id", list.Select(v => v.Source.Id)),
            new BooleanDataFrameColumn("harmonised", list.Select(v => v.IsHarmonised)),
            new StringDataFrameColumn("note", list.Select(v => v.Note)));
    }

    /// <summary>Long table of indicator figures: region, year, indicator, value, unit, status, boundaries, source_id, harmonised, note.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<IndicatorObservation> values)
    {
        var list = values.ToList();
        return new DataFrame(
            new StringDataFrameColumn("region", list.Select(v => v.Region.Key)),
            new PrimitiveDataFrameColumn<int>("year", list.Select(v => v.Year)),
            new StringDataFrameColumn("indicator", list.Select(v => v.Indicator.Id)),
            new PrimitiveDataFrameColumn<double>("value", list.Select(v => v.Value)),
            new StringDataFrameColumn("unit", list.Select(v => v.Indicator.Unit)),
            new StringDataFrameColumn("status", list.Select(v => Codes.Of(v.Status))),
            new StringDataFrameColumn("boundaries", list.Select(v => v.Boundaries.Id)),
            new StringDataFrameColumn("source_id", list.Select(v => v.Source.Id)),
            new BooleanDataFrameColumn("harmonised", list.Select(v => v.IsHarmonised)),
            new StringDataFrameColumn("note", list.Select(v => v.Note)));
    }

    /// <summary>
    /// The sources (e.g. <c>data.Sources.Values</c>): source_id, url, carrier, publisher, title, note, and for imported
    /// files file, sha256, imported_at (UTC, ISO 8601), format, portal_id, target, rows; null for bundled sources.
    /// </summary>
    public static DataFrame ToDataFrame(this IEnumerable<Source> sources)
    {
        var list = sources.ToList();
        return new DataFrame(
            new StringDataFrameColumn("source_id", list.Select(s => s.Id)),
            new StringDataFrameColumn("url", list.Select(s => s.Url)),
            new StringDataFrameColumn("carrier", list.Select(s => s.Carrier)),
            new StringDataFrameColumn("publisher", list.Select(s => s.Publisher)),
            new StringDataFrameColumn("title", list.Select(s => s.Title)),
            new StringDataFrameColumn("note", list.Select(s => s.Note)),
            new StringDataFrameColumn("file", list.Select(s => s.Import?.File)),
            new StringDataFrameColumn("sha256", list.Select(s => s.Import?.Sha256)),
            new StringDataFrameColumn("imported_at", list.Select(s => s.Import?.ImportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
            new StringDataFrameColumn("format", list.Select(s => s.Import?.Format)),
            new StringDataFrameColumn("portal_id", list.Select(s => s.Import?.PortalId)),
            new StringDataFrameColumn("target", list.Select(s => s.Import?.Target)),
            new PrimitiveDataFrameColumn<int>("rows", list.Select(s => s.Import?.Rows)));
    }

    /// <summary>Wide panel: region, year, one nullable column per indicator.</summary>
    public static DataFrame From(ObservationPanel panel)
    {
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("region", panel.Rows.Select(r => r.Region.Key)),
            new PrimitiveDataFrameColumn<int>("year", panel.Rows.Select(r => r.Year)),
        };
        for (var i = 0; i < panel.Indicators.Count; i++)
        {
            var index = i;
            columns.Add(new PrimitiveDataFrameColumn<double>(panel.Indicators[i].Id, panel.Rows.Select(r => r.Value(index))));
        }
        return new DataFrame(columns);
    }
}
