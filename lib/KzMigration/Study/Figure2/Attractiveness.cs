using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Specification;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>
/// One region-year of Figure 2: arrivals A and departures D of one flow, and what follows from them:
/// balance N = A − D, the paper's attractiveness coefficient K = A / D, and the standard migration
/// effectiveness ratio E = 100·(A − D)/(A + D). When A or D is missing, K and E are missing and
/// <see cref="Missing"/> says which input is. Computed by <see cref="RegionAttractiveness"/>, with the region itself.
/// </summary>
public sealed record AttractivenessRow(
    Region Region, int Year, Flow Flow, double? Arrivals, double? Departures,
    double? Balance, double? Coefficient, double? Effectiveness, string? Missing);

/// <summary>
/// Figure 2, computed from whatever arrivals and departures the loaded data holds for one flow
/// (bundled, or imported with <c>kzmig data import</c>). The flow is the caller's explicit choice:
/// interregional arrivals and departures give the paper's coefficient as defined; internal flows
/// also count moves inside a region as an arrival and a departure of that region, which pulls K
/// towards 1 (see docs/migration-flows.md).
/// </summary>
public static class Attractiveness
{
    /// <summary>One row per oblast and city that existed in each of <paramref name="years"/>.</summary>
    public static IReadOnlyList<AttractivenessRow> Compute(WorkbenchData data, Flow flow, IEnumerable<int> years)
    {
        var rows = new List<AttractivenessRow>();
        foreach (var year in years.Order())
            foreach (var region in MigrationSeries.Units(data, year))
            {
                var r = RegionAttractiveness.Of(data, region.Key, year, flow);
                rows.Add(new AttractivenessRow(region, year, flow, r.Arrivals, r.Departures, r.Balance, r.Coefficient, r.Effectiveness, r.Missing));
            }
        return rows;
    }

    /// <summary>
    /// Figure 2 under a specification: the rows of its coefficient flow (<see cref="MigrationChoices.CoefficientFlow"/>) in
    /// every year of its analysed period, and in every later year whose origin–destination matrix is loaded (bundled
    /// 2023–2024, or imported), as context beyond the paper's period.
    /// </summary>
    public static IReadOnlyList<AttractivenessRow> Compute(WorkbenchData data, StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(specification);
        var m = specification.Migration;
        var years = Enumerable.Range(m.FirstYear, m.LastYear - m.FirstYear + 1)
            .Concat(data.FlowMatrices.Where(x => x.Period == Period.JanDec && x.Year > m.LastYear).Select(x => x.Year)).Distinct().Order();
        return Compute(data, m.CoefficientFlow, years);
    }

    /// <summary>
    /// <see cref="ToDataFrame"/> recording what the rows were computed with: <paramref name="specification"/> with the rows'
    /// flow as its coefficient flow (a table of internal K beside the paper's interregional one records <c>migration.flow=internal</c>).
    /// </summary>
    public static StudyTable ToTable(IReadOnlyList<AttractivenessRow> rows, StudySpecification specification, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(specification);
        var flows = rows.Select(r => r.Flow).Distinct().ToList();
        var recorded = flows.Count == 1 ? specification with { Migration = specification.Migration with { CoefficientFlow = flows[0] } } : specification;
        return new StudyTable(recorded, ToDataFrame(rows, language));
    }

    /// <summary>K per region-year as chart input (null where it cannot be computed).</summary>
    public static IReadOnlyList<RegionValue> CoefficientValues(IReadOnlyList<AttractivenessRow> rows, string language = "en") =>
        rows.Select(r => new RegionValue(r.Region.Key, RegionLabels.Of(r.Region, language), r.Region.Kind == RegionKind.City, r.Year, r.Coefficient)).ToList();

    /// <summary>Rows that have both arrivals and departures.</summary>
    public static IReadOnlyList<AttractivenessRow> Computable(IReadOnlyList<AttractivenessRow> rows) =>
        rows.Where(r => r.Coefficient is not null).ToList();

    /// <summary>
    /// The rows as a table, A, D and the balance in persons; K rounded to 3 decimals and E to 2 for reading (the CSV keeps
    /// full precision only if you build it from the rows).
    /// </summary>
    public static MeasuredTable ToDataFrame(IReadOnlyList<AttractivenessRow> rows, string language = "en") => new(
        new StringDataFrameColumn("region", rows.Select(r => RegionLabels.Of(r.Region, language))),
        new StringDataFrameColumn("kind", rows.Select(r => r.Region.Kind == RegionKind.City ? "city" : "oblast")),
        new Int32DataFrameColumn("year", rows.Select(r => r.Year)),
        new StringDataFrameColumn("flow", rows.Select(r => Codes.Of(r.Flow))),
        new DoubleDataFrameColumn("arrivals A", rows.Select(r => r.Arrivals)),
        new DoubleDataFrameColumn("departures D", rows.Select(r => r.Departures)),
        new DoubleDataFrameColumn("balance", rows.Select(r => r.Balance)),
        new DoubleDataFrameColumn("K", rows.Select(r => r.Coefficient is { } k ? RegionAttractiveness.RoundCoefficient(k) : (double?)null)),
        new DoubleDataFrameColumn("E", rows.Select(r => r.Effectiveness is { } e ? RegionAttractiveness.RoundEffectiveness(e) : (double?)null)),
        new StringDataFrameColumn("note", rows.Select(r => r.Missing ?? "")))
    {
        Units = new Dictionary<string, string> { ["arrivals A"] = "persons", ["departures D"] = "persons", ["balance"] = "persons" },
    };

    /// <summary>
    /// What the columns of <see cref="ToDataFrame"/> hold, formulas included (column names stay ASCII for
    /// analysis tools; the formula lives here and goes into the CSV header lines and the XLSX about sheet).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ColumnDescriptions { get; } = new Dictionary<string, string>
    {
        ["arrivals A"] = "arrivals A of the flow (persons)",
        ["departures D"] = "departures D of the flow (persons)",
        ["balance"] = "migration balance A − D (persons)",
        ["K"] = "attractiveness coefficient K = A / D (Bokayev & Akhmetova; rounded to 3 decimals)",
        ["E"] = "migration effectiveness E = 100 (A − D) / (A + D); K = (100 + E) / (100 − E) (Bell et al. 2002; rounded to 2 decimals)",
    };

    /// <summary>
    /// For each year, how many regions have K and, if not all, which input is missing: the notebook's
    /// plain statement of what the loaded data can and cannot reproduce.
    /// </summary>
    public static DataFrame Availability(IReadOnlyList<AttractivenessRow> rows) =>
        new(new Int32DataFrameColumn("year", rows.GroupBy(r => r.Year).Select(g => g.Key)),
            new StringDataFrameColumn("flow", rows.GroupBy(r => r.Year).Select(g => Codes.Of(g.First().Flow))),
            new Int32DataFrameColumn("regions with K", rows.GroupBy(r => r.Year).Select(g => g.Count(r => r.Coefficient is not null))),
            new Int32DataFrameColumn("regions that existed", rows.GroupBy(r => r.Year).Select(g => g.Count())),
            new StringDataFrameColumn("missing", rows.GroupBy(r => r.Year).Select(g =>
                string.Join("; ", g.Where(r => r.Coefficient is null).GroupBy(r => r.Missing).Select(m => $"{m.Key} ({m.Count()} regions)")))));

    /// <summary>
    /// K of the same region-year under two flows, where both can be computed: shows how moves inside a
    /// region (counted by internal flows) pull K towards 1.
    /// </summary>
    public static DataFrame CompareFlows(WorkbenchData data, IEnumerable<int> years, string language = "en")
    {
        var years_ = years.ToList();
        var inter = Compute(data, Flow.Interregional, years_).Where(r => r.Coefficient is not null).ToList();
        var internalRows = Compute(data, Flow.Internal, years_).ToDictionary(r => (r.Region.Key, r.Year));
        var pairs = inter.Where(r => internalRows.TryGetValue((r.Region.Key, r.Year), out var i) && i.Coefficient is not null)
            .Select(r => (Inter: r, Internal: internalRows[(r.Region.Key, r.Year)])).ToList();
        return new DataFrame(
            new StringDataFrameColumn("region", pairs.Select(p => RegionLabels.Of(p.Inter.Region, language))),
            new Int32DataFrameColumn("year", pairs.Select(p => p.Inter.Year)),
            new DoubleDataFrameColumn("K interregional", pairs.Select(p => RegionAttractiveness.RoundCoefficient(p.Inter.Coefficient!.Value))),
            new DoubleDataFrameColumn("K internal", pairs.Select(p => RegionAttractiveness.RoundCoefficient(p.Internal.Coefficient!.Value))),
            new DoubleDataFrameColumn("moves inside the region (internal − interregional arrivals)", pairs.Select(p => p.Internal.Arrivals - p.Inter.Arrivals)));
    }

    /// <summary>
    /// How far K = A/D and (100 + E)/(100 − E) are apart over <paramref name="rows"/> (rounding only, if the
    /// identity of Bell et al. 2002 holds), and whether ranking by K and by E orders regions the same way.
    /// </summary>
    public static (double LargestDifference, bool SameRanking, int RegionYears) IdentityCheck(IReadOnlyList<AttractivenessRow> rows)
    {
        var computable = Computable(rows);
        var largest = computable.Select(r => Math.Abs(r.Coefficient!.Value - RegionIndices.CoefficientFromEffectiveness(r.Effectiveness!.Value)!.Value))
            .DefaultIfEmpty(0).Max();
        var byK = computable.OrderBy(r => r.Coefficient).ThenBy(r => r.Region.Key, StringComparer.Ordinal).ThenBy(r => r.Year).Select(r => (r.Region.Key, r.Year));
        var byE = computable.OrderBy(r => r.Effectiveness).ThenBy(r => r.Region.Key, StringComparer.Ordinal).ThenBy(r => r.Year).Select(r => (r.Region.Key, r.Year));
        return (largest, byK.SequenceEqual(byE), computable.Count);
    }

    /// <summary>
    /// The system-wide indices of one year (Bell et al. 2002; <see cref="SystemIndices"/>) from every region's
    /// arrivals and departures of <paramref name="flow"/>, with the national population of the specification's basis
    /// (<see cref="MigrationChoices.Population"/>: by default the mean population of the year, population.csv). Indices that
    /// cannot be computed (a region without A or D, no population) say why instead of showing a number.
    /// </summary>
    public static StudyTable SystemIndicesTable(WorkbenchData data, StudySpecification specification, Flow flow, int year)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(specification);
        var basis = specification.Migration.Population;
        var rows = Compute(data, flow, [year]);
        var missing = rows.Count(r => r.Coefficient is null);
        var population = RateDenominator.Of(data, data.Regions.Country, year, BoundaryEra.OfYear(year), basis)?.Value;
        var flows = Computable(rows).Select(r => new RegionFlows(r.Region.Key, flow, r.Arrivals!.Value, r.Departures!.Value)).ToList();
        string Show(Func<SystemIndex> index, string format) =>
            missing > 0 ? $"not computable: {missing} of {rows.Count} regions lack {Codes.Of(flow)} arrivals or departures"
            : index() is { Value: { } v } ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : "undefined: " + index().UndefinedBecause;
        string WithPopulation(Func<double, SystemIndex> index, string format) =>
            population is { } p ? Show(() => index(p), format) : $"not computable: no {RateDenominator.Describe(basis, year)} in the loaded data";
        string[] names = ["MEI = 100·Σ|A−D| / Σ(A+D)", "CMI = 100·M / P, moves per 100 residents", "ANMR = 100·½·Σ|A−D| / P, net moves per 100 residents", "P, " + RateDenominator.Describe(basis, year)];
        string[] values =
        [
            Show(() => SystemIndices.MigrationEffectivenessIndex(flows), "0.00"),
            WithPopulation(p => SystemIndices.CrudeMigrationIntensity(flows, p), "0.00"),
            WithPopulation(p => SystemIndices.AggregateNetMigrationRate(flows, p), "0.000"),
            population?.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) ?? "missing",
        ];
        return new StudyTable(specification, new StringDataFrameColumn($"{Codes.Of(flow)} flows, {year}", names), new StringDataFrameColumn("value", values));
    }
}
