using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Specification;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>How complete one official migration series is in one year.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Flow">Which moves the series counts.</param>
/// <param name="Measure">Arrivals, departures or balance.</param>
/// <param name="Period">Whole year or first half.</param>
/// <param name="UnitsWithValue">Units (oblasts and cities) with a figure.</param>
/// <param name="UnitsReporting">Units that existed that year (see <see cref="Region.ReportsIn"/>).</param>
public sealed record SeriesAvailability(int Year, Flow Flow, Measure Measure, Period Period, int UnitsWithValue, int UnitsReporting)
{
    /// <summary>Every unit that existed has a figure.</summary>
    public bool Complete => UnitsWithValue == UnitsReporting;

    /// <summary>E.g. "interregional balance, Jan-Jun".</summary>
    public string Label => $"{Codes.Of(Flow)} {Codes.Of(Measure)}, {Codes.Of(Period)}";
}

/// <summary>
/// The official migration series as the figures need them: one value per region and year, with a
/// gap (null) wherever a unit existed but has no figure, never a zero, and never a substitute from
/// another flow. Which flow a figure shows is always the caller's explicit choice.
/// </summary>
public static class MigrationSeries
{
    /// <summary>
    /// Values of one series for <paramref name="years"/>: one entry per oblast and city that existed in
    /// each year (national total excluded), null where the data has no figure.
    /// </summary>
    public static IReadOnlyList<RegionValue> Values(WorkbenchData data, Flow flow, Measure measure, Period period, IEnumerable<int> years, string language = "en")
    {
        var values = new List<RegionValue>();
        foreach (var year in years.Order())
            foreach (var region in Units(data, year))
                values.Add(new RegionValue(region.Key, RegionLabels.Of(region, language), region.Kind == RegionKind.City, year,
                    data.MigrationValue(region.Key, year, flow, measure, period)));
        return values;
    }

    /// <summary>For each year, every series (flow × period) of <paramref name="measure"/> that has at least one regional figure.</summary>
    public static IReadOnlyList<SeriesAvailability> Availability(WorkbenchData data, Measure measure, int fromYear, int toYear)
    {
        var result = new List<SeriesAvailability>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var units = Units(data, year);
            foreach (var flow in new[] { Flow.Interregional, Flow.Internal, Flow.All })
                foreach (var period in new[] { Period.JanDec, Period.JanJun })
                {
                    var with = units.Count(u => data.FindMigration(u.Key, year, flow, measure, period) is not null);
                    if (with > 0) result.Add(new SeriesAvailability(year, flow, measure, period, with, units.Count));
                }
        }
        return result;
    }

    /// <summary>The availability as a table (year, series, units with a figure, units that existed, complete).</summary>
    public static DataFrame AvailabilityTable(IReadOnlyList<SeriesAvailability> rows) => new(
        new Int32DataFrameColumn("year", rows.Select(r => r.Year)),
        new StringDataFrameColumn("series", rows.Select(r => r.Label)),
        new Int32DataFrameColumn("units with a figure", rows.Select(r => r.UnitsWithValue)),
        new Int32DataFrameColumn("units that existed", rows.Select(r => r.UnitsReporting)),
        new StringDataFrameColumn("complete", rows.Select(r => r.Complete ? "yes" : "no")));

    /// <summary>
    /// The values of one series over the specification's analysed period (<see cref="Values"/>) as a wide region × year
    /// table (<see cref="Wide(IReadOnlyList{RegionValue})"/>), recording the specification.
    /// </summary>
    public static StudyTable Wide(WorkbenchData data, StudySpecification specification, Flow flow, Measure measure, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(specification);
        var years = Enumerable.Range(specification.Migration.FirstYear, specification.Migration.LastYear - specification.Migration.FirstYear + 1);
        return new StudyTable(specification, Wide(Values(data, flow, measure, Period.JanDec, years, language)).Columns);
    }

    /// <summary>Values as a wide region × year table (null stays NA).</summary>
    public static DataFrame Wide(IReadOnlyList<RegionValue> values)
    {
        var years = values.Select(v => v.Year).Distinct().Order().ToList();
        var regions = values.Select(v => (v.RegionKey, v.Label)).Distinct().ToList();
        var lookup = values.ToDictionary(v => (v.RegionKey, v.Year), v => v.Value);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("region", regions.Select(r => r.Label)) };
        foreach (var year in years)
            columns.Add(new DoubleDataFrameColumn(year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                regions.Select(r => lookup.TryGetValue((r.RegionKey, year), out var v) ? v : null)));
        return new DataFrame(columns);
    }

    /// <summary>Oblasts and cities that existed in <paramref name="year"/>, cities first, then by KATO code.</summary>
    public static IReadOnlyList<Region> Units(WorkbenchData data, int year) =>
        data.Regions.All.Where(r => !r.IsCountry && r.ReportsIn(year))
            .OrderBy(r => r.Kind == RegionKind.City ? 0 : 1).ThenBy(r => r.Kato, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Where both exist for a year: the interregional balance, total net migration (all flows) and
    /// their difference. Since all flows = internal + international moves and the internal balance
    /// equals the interregional one (docs/migration-flows.md), the difference is the region's
    /// international migration balance as BNS counts it.
    /// </summary>
    public static DataFrame InternationalComponent(WorkbenchData data, int year, string language = "en")
    {
        var units = Units(data, year);
        var interregional = units.Select(u => data.MigrationValue(u.Key, year, Flow.Interregional, Measure.Balance)).ToList();
        var all = units.Select(u => data.MigrationValue(u.Key, year, Flow.All, Measure.Balance)).ToList();
        return new DataFrame(
            new StringDataFrameColumn("region", units.Select(u => RegionLabels.Of(u, language))),
            new DoubleDataFrameColumn("interregional balance", interregional),
            new DoubleDataFrameColumn("net migration, all flows", all),
            new DoubleDataFrameColumn("international component (all − interregional)",
                interregional.Zip(all, (i, a) => i is null || a is null ? null : a - i)));
    }
}
