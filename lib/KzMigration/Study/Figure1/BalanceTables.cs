using System.Globalization;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Specification;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>
/// The interregional arrivals, departures and balances the notebooks show, with where each comes from (an official figure,
/// or derived from the origin–destination matrix of od-flows.csv), and a by-hand recomputation from the raw rows.
/// </summary>
public static class BalanceTables
{
    /// <summary>
    /// Years with interregional Jan–Dec balances for every unit of the year's boundaries (official or derived), within
    /// <paramref name="fromYear"/>–<paramref name="toYear"/>.
    /// </summary>
    public static IReadOnlyList<int> YearsWithInterregionalBalances(WorkbenchData data, int fromYear, int toYear) =>
        [.. Enumerable.Range(fromYear, Math.Max(0, toYear - fromYear + 1))
            .Where(y => MigrationSeries.Units(data, y).All(u => data.FindMigration(u.Key, y, Flow.Interregional, Measure.Balance) is not null))];

    /// <summary>The years of the specification's analysed period with interregional Jan–Dec balances for every unit.</summary>
    public static IReadOnlyList<int> YearsWithInterregionalBalances(WorkbenchData data, StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return YearsWithInterregionalBalances(data, specification.Migration.FirstYear, specification.Migration.LastYear);
    }

    /// <summary>
    /// <see cref="Interregional(WorkbenchData, IEnumerable{int}, string)"/> of every year of the specification's analysed period
    /// with a complete interregional balance (<see cref="YearsWithInterregionalBalances(WorkbenchData, StudySpecification)"/>),
    /// recording the specification.
    /// </summary>
    public static StudyTable Interregional(WorkbenchData data, StudySpecification specification, string language = "en") =>
        new(specification, Interregional(data, YearsWithInterregionalBalances(data, specification), language));

    /// <summary>
    /// One row per unit and year (each year on its own boundaries): interregional arrivals, departures and balance, the
    /// status of each, and where the balance comes from, the three counts in persons. Missing cells are empty, never 0.
    /// </summary>
    public static MeasuredTable Interregional(WorkbenchData data, IEnumerable<int> years, string language = "en")
    {
        var rows = years.Order().SelectMany(y => MigrationSeries.Units(data, y).Select(u => (Year: y, Unit: u))).ToList();
        MigrationObservation? Find(string key, int year, Measure m) => data.FindMigration(key, year, Flow.Interregional, m);
        string Status(MigrationObservation? o) => o is null ? "" : Codes.Of(o.Status);
        return new MeasuredTable(
            new StringDataFrameColumn("region", rows.Select(r => RegionLabels.Of(r.Unit, language))),
            new StringDataFrameColumn("region key", rows.Select(r => r.Unit.Key)),
            new Int32DataFrameColumn("year", rows.Select(r => r.Year)),
            new StringDataFrameColumn("boundaries", rows.Select(r => BoundaryEra.OfYear(r.Year).Id)),
            new DoubleDataFrameColumn("arrivals", rows.Select(r => Find(r.Unit.Key, r.Year, Measure.Arrivals)?.Value)),
            new StringDataFrameColumn("arrivals status", rows.Select(r => Status(Find(r.Unit.Key, r.Year, Measure.Arrivals)))),
            new DoubleDataFrameColumn("departures", rows.Select(r => Find(r.Unit.Key, r.Year, Measure.Departures)?.Value)),
            new StringDataFrameColumn("departures status", rows.Select(r => Status(Find(r.Unit.Key, r.Year, Measure.Departures)))),
            new DoubleDataFrameColumn("balance", rows.Select(r => Find(r.Unit.Key, r.Year, Measure.Balance)?.Value)),
            new StringDataFrameColumn("balance status", rows.Select(r => Status(Find(r.Unit.Key, r.Year, Measure.Balance)))),
            new StringDataFrameColumn("balance from", rows.Select(r => Find(r.Unit.Key, r.Year, Measure.Balance) is { } b
                ? b.FromMatrix
                    ? $"derived from od-flows.csv ({b.Source.Id}{(b.Note.Contains(DataPackageBuilder.OdCarrierNote, StringComparison.Ordinal) ? "; " + DataPackageBuilder.OdCarrierNote : "")})"
                    : $"official figure ({b.Source.Id})"
                : "")))
        {
            Units = new Dictionary<string, string> { ["arrivals"] = "persons", ["departures"] = "persons", ["balance"] = "persons" },
        };
    }

    /// <summary>
    /// The recipe for recomputing a derived value by hand from od-flows.csv, carried out on the raw rows (not on the
    /// matrix code): arrivals of a unit = Σ persons of the rows of the year whose destination is one of the unit's parts and
    /// whose origin is not; departures the same with origin and destination swapped; balance = arrivals − departures.
    /// </summary>
    public static string RecomputeByHand(WorkbenchData data, string regionKey, int year)
    {
        var unit = data.Regions[regionKey];
        var era = BoundaryEra.OfYear(year);
        var rows = data.OdFlows.Where(r => r.Year == year && r.Period == Period.JanDec).ToList();
        if (rows.Count == 0) return $"od-flows.csv has no rows for {year}.";
        var from = rows[0].Boundaries;
        var parts = from.Order > era.Order ? data.Regions.PartsIn(unit, era, from).Select(p => p.Key).ToHashSet() : [unit.Key];
        var arrivals = rows.Where(r => parts.Contains(r.Destination.Key) && !parts.Contains(r.Origin.Key)).Sum(r => r.Persons);
        var departures = rows.Where(r => parts.Contains(r.Origin.Key) && !parts.Contains(r.Destination.Key)).Sum(r => r.Persons);
        var partNames = string.Join(" + ", parts.Select(p => data.Regions[p].NameEn));
        var stored = data.FindMigration(regionKey, year, Flow.Interregional, Measure.Balance);
        var storedText = stored is null ? "no stored balance"
            : $"the loaded balance is {Number(stored.Value)} ({(stored.FromMatrix ? "derived from the matrix" : $"official, {stored.Source.Id}")})";
        return $"{unit.NameEn} {year} ({era.Id}-era boundaries{(parts.Count > 1 ? $": {partNames}" : "")}): in od-flows.csv take the rows with year {year}; " +
               $"arrivals = Σ persons where destination ∈ {{{string.Join(", ", parts)}}} and origin ∉ it = {Number(arrivals)}; " +
               $"departures = Σ persons where origin ∈ it and destination ∉ it = {Number(departures)}; balance = {Number(arrivals - departures)}; {storedText}.";
    }

    /// <summary>
    /// The paper's statements about K read on each year with K (Results, text after Figure 2): how many oblasts are below 1
    /// (the paper: 13), which oblasts are above 1 (the paper: only Almaty region, in 2022), Almaty region's K, and which cities
    /// fall below 1 (the paper: none). Years after <paramref name="lastPaperYear"/> are marked as context.
    /// </summary>
    public static DataFrame CoefficientStatements(IReadOnlyList<AttractivenessRow> rows, int lastPaperYear)
    {
        var years = rows.Where(r => r.Coefficient is not null).GroupBy(r => r.Year).OrderBy(g => g.Key).ToList();
        string K(AttractivenessRow r) => $"{r.Region.NameEn} {RegionAttractiveness.RoundCoefficient(r.Coefficient!.Value).ToString("0.000", CultureInfo.InvariantCulture)}";
        static bool Oblast(AttractivenessRow r) => r.Region.Kind == RegionKind.Oblast;
        return new DataFrame(
            new Int32DataFrameColumn("year", years.Select(g => g.Key)),
            new StringDataFrameColumn("period", years.Select(g => g.Key > lastPaperYear ? "context (after the paper)" : "paper")),
            new StringDataFrameColumn("regions with K", years.Select(g => $"{g.Count()} ({g.First().Flow.ToString().ToLowerInvariant()})")),
            new StringDataFrameColumn("oblasts with K < 1 (paper: 13)", years.Select(g => $"{g.Count(r => Oblast(r) && r.Coefficient < 1)} of {g.Count(Oblast)}")),
            new StringDataFrameColumn("oblasts with K > 1 (paper: only Almaty region, 2022)", years.Select(g => string.Join(", ", g.Where(r => Oblast(r) && r.Coefficient > 1).Select(K)))),
            new StringDataFrameColumn("Almaty region K", years.Select(g => g.FirstOrDefault(r => r.Region.Key == "almaty-region") is { } a ? K(a) : "—")),
            new StringDataFrameColumn("cities with K < 1 (paper: none)", years.Select(g => string.Join(", ", g.Where(r => !Oblast(r) && r.Coefficient < 1).Select(K)))));
    }

    private static string Number(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
}
