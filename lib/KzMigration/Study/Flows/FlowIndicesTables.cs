using System.Globalization;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Specification;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>
/// The origin–destination indices beyond the paper as tables: system indices per year (MEI, connectivity, ACMI where the
/// population is known), the largest corridors, a region's in- and out-field. Every year is read on its own boundaries
/// (the stored matrix aggregated exactly), so moves between the parts of an older unit are not counted as moves between regions.
/// </summary>
public static class FlowIndicesTables
{
    /// <summary>The years with a complete Jan–Dec matrix in the loaded data.</summary>
    public static IReadOnlyList<int> MatrixYears(WorkbenchData data) =>
        [.. data.FlowMatrices.Where(m => m.Period == Period.JanDec).Select(m => m.Year).Distinct().Order()];

    /// <summary>
    /// Per matrix year: units, moves between them, MEI, connectivity and ACMI = 100·M/P. P is the population of the
    /// specification's one rate denominator (<see cref="MigrationChoices.Population"/>, <see cref="RateDenominator"/>; by
    /// default the mean population of the year, population.csv) on the matrix's units, summed over the units when every
    /// unit has it; otherwise ACMI is empty and the last column says why.
    /// </summary>
    public static StudyTable SystemIndices(WorkbenchData data, StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(specification);
        var basis = specification.Migration.Population;
        var years = MatrixYears(data);
        var rows = years.Select(y =>
        {
            var m = data.FlowMatrix(y)!;
            var era = BoundaryEra.OfYear(y);
            var population = m.Regions.Select(r => RateDenominator.Of(data, data.Regions[r], y, era, basis)?.Value).ToList();
            double? acmi = population.All(p => p is not null) ? FlowStructure.AggregateCrudeMigrationIntensity(m, population.Sum(p => p!.Value)).Value : null;
            var note = acmi is null
                ? $"ACMI not computable: the {RateDenominator.Describe(basis, y)} is not in the loaded data for every unit"
                : $"ACMI over the {RateDenominator.DescribeWithSource(basis, y)}";
            return (Year: y, Era: era, Units: m.Regions.Count, Moves: m.Total, Mei: FlowStructure.MigrationEffectivenessIndex(m).Value,
                Connectivity: FlowStructure.Connectivity(m), Acmi: acmi, Note: note, Standing: data.FlowMatrices.First(x => x.Year == y).ThirdPartyCompilation);
        }).ToList();
        return new StudyTable(specification,
            new Int32DataFrameColumn("year", rows.Select(r => r.Year)),
            new StringDataFrameColumn("boundaries", rows.Select(r => r.Era.Id)),
            new Int32DataFrameColumn("units", rows.Select(r => r.Units)),
            new DoubleDataFrameColumn("moves between units", rows.Select(r => r.Moves)),
            new DoubleDataFrameColumn("MEI", rows.Select(r => r.Mei is { } v ? Math.Round(v, 2) : (double?)null)),
            new DoubleDataFrameColumn("connectivity", rows.Select(r => Math.Round(r.Connectivity, 3))),
            new DoubleDataFrameColumn("ACMI (moves per 100 residents)", rows.Select(r => r.Acmi is { } v ? Math.Round(v, 3) : (double?)null)),
            new StringDataFrameColumn("source", rows.Select(r => r.Standing ? "od-flows.csv, BNS via a third-party compilation" : "imported origin–destination table")),
            new StringDataFrameColumn("note", rows.Select(r => r.Note)));
    }

    /// <summary>The <paramref name="count"/> largest corridors of every matrix year, on each year's own boundaries (moves in persons).</summary>
    public static MeasuredTable LargestCorridors(WorkbenchData data, int count = 5, string language = "en")
    {
        var rows = MatrixYears(data).SelectMany(y => FlowStructure.LargestCorridors(data.FlowMatrix(y)!, count).Select((c, i) => (Year: y, Rank: i + 1, Corridor: c))).ToList();
        string L(string key) => RegionLabels.Of(data.Regions[key], language);
        return new MeasuredTable(
            new Int32DataFrameColumn("year", rows.Select(r => r.Year)),
            new Int32DataFrameColumn("rank", rows.Select(r => r.Rank)),
            new StringDataFrameColumn("origin", rows.Select(r => L(r.Corridor.Origin))),
            new StringDataFrameColumn("destination", rows.Select(r => L(r.Corridor.Destination))),
            new DoubleDataFrameColumn("persons", rows.Select(r => r.Corridor.Persons)),
            new DoubleDataFrameColumn("% of all moves", rows.Select(r => Math.Round(100 * r.Corridor.ShareOfAllMoves, 2))))
        {
            Units = new Dictionary<string, string> { ["persons"] = "persons" },
        };
    }

    /// <summary>A region's out-field (where its leavers go) and in-field (where its arrivals come from) in one year, largest first.</summary>
    public static DataFrame Fields(WorkbenchData data, string regionKey, int year, string language = "en")
    {
        var m = data.FlowMatrix(year) ?? throw new ArgumentException($"no origin–destination matrix for {year} in the loaded data", nameof(year));
        var outField = FlowStructure.OutField(m, regionKey);
        var inField = FlowStructure.InField(m, regionKey);
        var partners = outField.Select(f => f.Partner).ToList();
        var inByPartner = inField.ToDictionary(f => f.Partner);
        string L(string key) => RegionLabels.Of(data.Regions[key], language);
        return new DataFrame(
            new StringDataFrameColumn("partner", partners.Select(L)),
            new DoubleDataFrameColumn($"moved there from {L(regionKey)}", outField.Select(f => f.Persons)),
            new DoubleDataFrameColumn("% of departures (out-field)", outField.Select(f => Math.Round(100 * f.Share, 2))),
            new DoubleDataFrameColumn($"moved to {L(regionKey)} from there", partners.Select(p => inByPartner[p].Persons)),
            new DoubleDataFrameColumn("% of arrivals (in-field)", partners.Select(p => Math.Round(100 * inByPartner[p].Share, 2))));
    }

    /// <summary>Years that rest on each index, in words, for the notebook.</summary>
    public static string Coverage(WorkbenchData data) =>
        MatrixYears(data) is { Count: > 0 } years
            ? $"These indices rest on the origin–destination matrices of {string.Join(", ", years.Select(y => y.ToString(CultureInfo.InvariantCulture)))} " +
              "(bundled: BNS via a third-party compilation); 2016–2019 and 2022 have no matrix. ACMI needs the population on 1 January of the year for every unit."
            : "No origin–destination matrix in the loaded data.";
}
