using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>
/// One period's origin–destination matrix as the data hold it: on the units of <paramref name="Boundaries"/>, with the
/// sources and the weakest status of its cells, and where it was read.
/// </summary>
public sealed record YearFlowMatrix(int Year, Period Period, BoundaryEra Boundaries, OriginDestinationMatrix Matrix, IReadOnlyList<Source> Sources, Status Status, string File, string Note)
{
    /// <summary>True when the cells say they are «BNS via a third-party compilation» (the bundled od-flows.csv).</summary>
    public bool ThirdPartyCompilation => Note.StartsWith(DataPackageBuilder.OdCarrierNote, StringComparison.Ordinal);
}

/// <summary>
/// Origin–destination rows made into matrices, and the interregional arrivals, departures and balances derived from
/// them (docs/bundled-sources.md «The origin–destination matrix»: arrivals = the column sum, departures = the row sum,
/// balance = arrivals − departures). A derived value is an ordinary migration value with status <c>derived</c> and
/// its derivation in the note; an official figure for the same cell wins, and a disagreement is a warning naming both.
/// </summary>
public static class FlowMatrices
{
    /// <summary>
    /// The complete matrices among <paramref name="rows"/>, one per (year, period, boundaries), oldest first. A block that
    /// lacks an ordered pair of its era's units gives no matrix (missing is not 0) and a warning <c>od-incomplete</c>.
    /// </summary>
    public static IReadOnlyList<YearFlowMatrix> Build(IEnumerable<OdFlowObservation> rows, RegionRegistry regions, List<DataWarning> warnings)
    {
        var result = new List<YearFlowMatrix>();
        foreach (var block in rows.GroupBy(r => (r.Year, r.Period, r.Boundaries.Id)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Period).ThenBy(g => g.Key.Id, StringComparer.Ordinal))
        {
            var era = BoundaryEra.Parse(block.Key.Id);
            var units = regions.UnitsIn(era).OrderBy(u => u.Kato, StringComparer.Ordinal).Select(u => u.Key).ToList();
            var file = FileOf(block.First().Location);
            var expected = units.Count * (units.Count - 1);
            if (block.Count() != expected)
            {
                warnings.Add(new("od-incomplete",
                    $"{file}: the {block.Key.Year} {Codes.Of(block.Key.Period)} origin–destination block has {block.Count()} of the {expected} ordered pairs of the {era.Id}-era units; " +
                    "no arrivals, departures or balances are derived from it (a missing move is missing, not 0)"));
                continue;
            }
            var matrix = OriginDestinationMatrix.FromMoves(units, block.Select(r => (r.Origin.Key, r.Destination.Key, r.Persons)));
            var statuses = block.Select(r => r.Status).ToHashSet();
            var status = statuses.Contains(Status.Estimate) ? Status.Estimate : statuses.Contains(Status.Rounded) ? Status.Rounded
                : statuses.Contains(Status.Derived) ? Status.Derived : Status.Exact;
            var sources = block.Select(r => r.Source).DistinctBy(s => s.Id).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            result.Add(new YearFlowMatrix(block.Key.Year, block.Key.Period, era, matrix, sources, status, file, block.First().Note));
        }
        return result;
    }

    /// <summary>
    /// Interregional arrivals, departures and balances of every unit of <paramref name="era"/> from <paramref name="matrix"/>,
    /// aggregated exactly to that era (<see cref="Harmonisation.ToEra(OriginDestinationMatrix, BoundaryEra, BoundaryEra, RegionRegistry)"/>).
    /// Status <c>derived</c> (or the weakest status of the cells); the note names the derivation. Empty when <paramref name="era"/> is newer than the matrix.
    /// </summary>
    public static IReadOnlyList<MigrationObservation> Derive(YearFlowMatrix matrix, BoundaryEra era, RegionRegistry regions)
    {
        if (era.Order > matrix.Boundaries.Order) return [];
        var m = Harmonisation.ToEra(matrix.Matrix, matrix.Boundaries, era, regions);
        var merged = Harmonisation.MergedUnits(matrix.Boundaries, era, regions);
        var status = matrix.Status == Status.Exact ? Status.Derived : matrix.Status;
        var source = matrix.Sources[0];
        var standing = matrix.ThirdPartyCompilation ? $"; {DataPackageBuilder.OdCarrierNote}" : "";
        var sourceText = matrix.Sources.Count == 1 ? source.Id : string.Join(", ", matrix.Sources.Select(s => s.Id));
        var result = new List<MigrationObservation>();
        foreach (var key in m.Regions)
        {
            var region = regions[key];
            var others = m.Regions.Count - 1;
            var where = $"the origin–destination matrix {matrix.Year} ({matrix.File}, source {sourceText}{standing})";
            var aggregation = matrix.Boundaries == era ? "" : $", aggregated from the {matrix.Boundaries.Id}-era units to the {era.Id}-era boundaries";
            var parts = merged.TryGetValue(key, out var p)
                ? $"; {region.NameEn} = {string.Join(" + ", p.Select(x => regions[x].NameEn))}, and the {DataNumber.Format(matrix.Matrix.MovesAmong(p))} moves between them are moves inside {region.NameEn} and drop out"
                : "";
            var arrivals = m.Arrivals(key);
            var departures = m.Departures(key);
            MigrationObservation Value(Measure measure, double value, string how) =>
                new(region, matrix.Year, matrix.Period, Flow.Interregional, measure, value, status, source, $"derived: {how} of {where}{aggregation}{parts}", era)
                {
                    Origin = $"{matrix.File} ({matrix.Year} {Codes.Of(matrix.Period)} block)",
                    FromMatrix = true,
                };
            result.Add(Value(Measure.Arrivals, arrivals, $"the column sum (moves into {region.NameEn} from the other {others} units)"));
            result.Add(Value(Measure.Departures, departures, $"the row sum (moves out of {region.NameEn} to the other {others} units)"));
            result.Add(Value(Measure.Balance, arrivals - departures,
                $"arrivals {DataNumber.Format(arrivals)} − departures {DataNumber.Format(departures)}"));
        }
        return result;
    }

    /// <summary>
    /// <paramref name="official"/> plus the values derived from <paramref name="matrices"/> in the boundaries of each matrix's
    /// year, where no official figure holds the same cell (region, year, period, flow, measure). The official figure wins;
    /// when it disagrees with the derived one a warning <c>od-derived-disagrees</c> names both (a rounded official figure
    /// agrees when the derived value is within 5 % of it: the sources round to thousands).
    /// </summary>
    public static List<MigrationObservation> WithDerived(IReadOnlyList<MigrationObservation> official, IEnumerable<YearFlowMatrix> matrices, RegionRegistry regions, List<DataWarning> warnings)
    {
        var byKey = official.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var result = new List<MigrationObservation>(official);
        var done = new HashSet<(int, Period)>();
        foreach (var matrix in matrices)
        {
            if (!done.Add((matrix.Year, matrix.Period)))
            {
                warnings.Add(new("od-repeat", $"{matrix.File} gives a second matrix for {matrix.Year} {Codes.Of(matrix.Period)} ({matrix.Boundaries.Id}-era units); the values derived from the first are kept"));
                continue;
            }
            foreach (var derived in Derive(matrix, BoundaryEra.OfYear(matrix.Year), regions))
            {
                var key = Key(derived);
                if (byKey.TryGetValue(key, out var o))
                {
                    if (!Agrees(o, derived.Value))
                        warnings.Add(new("od-derived-disagrees",
                            $"{o.Region.NameEn} {o.Year} interregional {Codes.Of(o.Measure)}: the official {DataNumber.Format(o.Value)} ({o.Origin}, {o.Source.Id}) is kept; " +
                            $"the origin–destination matrix gives {DataNumber.Format(derived.Value)} ({derived.Origin})"));
                    continue;
                }
                result.Add(derived);
            }
        }
        return result;
    }

    /// <summary>Whether a value derived from a matrix agrees with an official figure (exactly; within 5 % for a rounded or estimated one).</summary>
    public static bool Agrees(MigrationObservation official, double derived) =>
        official.Status is Status.Rounded or Status.Estimate
            ? Math.Abs(derived - official.Value) <= 0.05 * Math.Abs(official.Value)
            : derived == official.Value;

    private static (string, int, Period, Flow, Measure) Key(MigrationObservation m) => (m.Region.Key, m.Year, m.Period, m.Flow, m.Measure);

    private static string FileOf(string location)
    {
        var (file, _) = DataPackageReader.SplitOrigin(location);
        return file ?? location;
    }
}
