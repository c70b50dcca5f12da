using System.Globalization;
using System.Security.Cryptography;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Data.Import;

/// <summary>Which years of an origin–destination table to import: only <paramref name="Years"/> (if given), never <paramref name="ExcludeYears"/>; <paramref name="Year"/> is the year of a wide matrix without one in its title.</summary>
public sealed record OdImportOptions(IReadOnlySet<int>? Years = null, IReadOnlySet<int>? ExcludeYears = null, int? Year = null);

/// <summary>What an origin–destination import did.</summary>
public sealed record OdImportSummary(
    string SourceId, string DataPath, string SourcesPath, OfficialFormat Format, IReadOnlyList<int> Years, IReadOnlyList<int> LeftOut,
    int Written, int AlreadyHeld, IReadOnlyList<string> Notes);

/// <summary>
/// Imports an origin–destination table (<see cref="OdFlowTableReader"/>) into a user data folder's <c>od-flows.csv</c>, all or
/// nothing. Names resolve through the registry; a year's moves must form a complete matrix of one boundary era's units. Each
/// year is checked against the official interregional balances of that year (in its own boundaries, the matrix aggregated
/// exactly): a block whose balances disagree with most of the official ones is a different table, and the whole import is
/// refused naming the file, a line of the block and the official balance it contradicts (docs/bundled-sources.md: the raw
/// sample's 2022 block contradicts all 20 official 2022 balances). A block that disagrees in a few cells is kept: the
/// official figure wins and the loader warns, naming both values (as for the bundled 2023 block: 2 of 20).
/// </summary>
public static class OdFlowImport
{
    /// <summary>The user folder's file of origin–destination rows.</summary>
    public static string OdFile => DataTables.OdFlows.File;

    /// <exception cref="ImportFormatException">The file's layout, a count or a name is wrong.</exception>
    /// <exception cref="DataFileException">A block contradicts the official balances, or the result does not load with the data; nothing was written.</exception>
    public static OdImportSummary Import(string path, string dataFolder, string intoFolder, OdImportOptions options, TimeProvider? clock = null)
    {
        var table = OdFlowTableReader.Read(path, options.Year);
        var file = Path.GetFileName(path);
        var kept = table.Moves.Where(m => (options.Years is null || options.Years.Contains(m.Year)) && options.ExcludeYears?.Contains(m.Year) != true).ToList();
        var leftOut = table.Moves.Select(m => m.Year).Except(kept.Select(m => m.Year)).Order().ToList();
        if (kept.Count == 0)
            throw new ImportFormatException(file, "year", $"no moves left to import (years in the file: {string.Join(", ", table.Moves.Select(m => m.Year).Distinct().Order())})");

        var user = Path.GetFullPath(Path.Combine(dataFolder, WorkbenchData.UserFolder));
        var extra = Path.GetFullPath(intoFolder) == user || !Directory.Exists(intoFolder) ? Array.Empty<string>() : [intoFolder];
        var data = WorkbenchData.Load(dataFolder, extra);
        var (keyOf, notes) = ResolveNames(kept, data.Regions);

        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        var sourceId = $"import-{sha[..12]}-od-flows";
        var held = data.OdFlows.Where(o => o.Source.Id != sourceId).ToDictionary(o => (o.Year, o.Origin.Key, o.Destination.Key), o => o.Persons);
        var rows = new List<IReadOnlyList<string>>();
        var already = 0;
        foreach (var block in kept.GroupBy(m => m.Year).OrderBy(g => g.Key))
        {
            var (era, matrix) = MatrixOf(block.Key, [.. block], keyOf, data.Regions);
            CheckAgainstOfficial(block.Key, [.. block], keyOf, era, matrix, data);
            foreach (var m in block)
            {
                var (o, d) = (keyOf[m.Origin], keyOf[m.Destination]);
                if (held.TryGetValue((m.Year, o, d), out var same) && same == m.Persons) { already++; continue; }
                rows.Add([Int(m.Year), "Jan-Dec", "interregional", o, d, m.Persons.ToString("R", CultureInfo.InvariantCulture), "exact", era.Id, sourceId,
                    $"imported from {m.Location}"]);
            }
        }

        // One ImportTransaction, as every import of the overlay: locked, staged, validated with the bundle, then swapped in
        // (with the overlay's recorded hashes), so a refusal or a kill leaves the folder as it was.
        using var transaction = ImportTransaction.Begin(intoFolder);
        var odPath = Path.Combine(transaction.Staging, OdFile);
        var sourcesPath = Path.Combine(transaction.Staging, DataTables.Sources.File);
        var existing = ImportWriter.ReadTable(odPath, DataTables.OdFlows).Where(r => r[8] != sourceId);
        ImportWriter.WriteTable(odPath, DataTables.OdFlows, existing.Concat(rows)
            .OrderBy(r => r[0], StringComparer.Ordinal).ThenBy(r => r[1], StringComparer.Ordinal).ThenBy(r => r[3], StringComparer.Ordinal).ThenBy(r => r[4], StringComparer.Ordinal));
        var sources = ImportWriter.ReadTable(sourcesPath, DataTables.Sources).Where(r => r[0] != sourceId).ToList();
        var years = kept.Select(m => m.Year).Distinct().Order().ToList();
        sources.Add([
            sourceId, file, "local file imported with kzmig data import",
            "not stated by the file (read as an origin–destination table of moves between regions)", file,
            $"imported by kzmig data import; years {string.Join(", ", years)}" + (leftOut.Count > 0 ? $"; left out: {string.Join(", ", leftOut)}" : "") +
            (notes.Count > 0 ? "; " + string.Join("; ", notes) : ""),
            file, sha, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            table.Format.ToString(), "", "od-flows interregional", Int(rows.Count),
        ]);
        ImportWriter.WriteTable(sourcesPath, DataTables.Sources, sources.OrderBy(r => r[0], StringComparer.Ordinal));
        // The folder must load with the bundle under the data layer's rules (a move contradicting a bundled one is an error there).
        transaction.Commit(staged => WorkbenchData.LoadStaged(dataFolder, intoFolder, staged));
        return new OdImportSummary(sourceId, Path.Combine(intoFolder, OdFile), Path.Combine(intoFolder, DataTables.Sources.File), table.Format, years, leftOut, rows.Count, already, notes);
    }

    // Names resolve through the registry. In a matrix every unit appears once, so a name that could be a city or a region
    // («Almaty») is the one its city-named sibling («Almaty_city») does not already stand for; the note says so.
    private static (Dictionary<string, string> KeyOf, List<string> Notes) ResolveNames(IReadOnlyList<OdMove> moves, RegionRegistry regions)
    {
        var firstAt = new Dictionary<string, (string Location, string Field)>(StringComparer.Ordinal);
        foreach (var m in moves)
        {
            firstAt.TryAdd(m.Origin, (m.Location, "origin"));
            firstAt.TryAdd(m.Destination, (m.Location, "destination"));
        }
        var keyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var ambiguous = new List<string>();
        foreach (var name in firstAt.Keys)
        {
            var candidates = regions.CandidatesFor(name);
            if (candidates.Count == 1) keyOf[name] = candidates[0].Key;
            else if (candidates.Count > 1) ambiguous.Add(name);
            else
            {
                var (location, field) = firstAt[name];
                var suggestions = regions.Suggest(name);
                throw new ImportFormatException(location, field,
                    $"unknown region name '{name}'" + (suggestions.Count > 0 ? $"; did you mean {string.Join(", ", suggestions.Select(s => $"'{s}'"))}?" : ""));
            }
        }
        var notes = new List<string>();
        foreach (var name in ambiguous)
        {
            var left = regions.CandidatesFor(name).Where(c => !keyOf.ContainsValue(c.Key)).ToList();
            if (left.Count != 1)
            {
                var (location, field) = firstAt[name];
                throw new ImportFormatException(location, field,
                    $"ambiguous region name '{name}': could be {string.Join(" or ", regions.CandidatesFor(name).Select(c => $"'{c.Key}'"))}; add «city» or «region»");
            }
            keyOf[name] = left[0].Key;
            notes.Add($"'{name}' read as {left[0].NameEn}: the file names {string.Join(", ", regions.CandidatesFor(name).Where(c => c.Key != left[0].Key).Select(c => c.NameEn))} otherwise");
        }
        var twice = keyOf.GroupBy(kv => kv.Value).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            var names = twice.Select(kv => kv.Key).ToList();
            throw new ImportFormatException(firstAt[names[1]].Location, firstAt[names[1]].Field,
                $"'{names[0]}' and '{names[1]}' both name {regions[twice.Key].NameEn}; a matrix names each unit once");
        }
        return (keyOf, notes);
    }

    private static (BoundaryEra Era, OriginDestinationMatrix Matrix) MatrixOf(int year, IReadOnlyList<OdMove> block, Dictionary<string, string> keyOf, RegionRegistry regions)
    {
        var keys = block.SelectMany(m => new[] { keyOf[m.Origin], keyOf[m.Destination] }).Distinct().Order(StringComparer.Ordinal).ToList();
        var era = BoundaryEra.All.FirstOrDefault(e => regions.UnitsIn(e).Select(u => u.Key).Order(StringComparer.Ordinal).SequenceEqual(keys));
        if (era is null)
        {
            var best = BoundaryEra.OfYear(year);
            var units = regions.UnitsIn(best).Select(u => u.Key).ToList();
            throw new ImportFormatException(block[0].Location, "origin",
                $"the {year} moves name {keys.Count} units, which are no boundary era's units; against the {best.Id}-era units " +
                $"missing: {string.Join(", ", units.Except(keys).DefaultIfEmpty("none"))}; extra: {string.Join(", ", keys.Except(units).DefaultIfEmpty("none"))}");
        }
        if (era.Order < BoundaryEra.OfYear(year).Order)
            throw new ImportFormatException(block[0].Location, "year", $"{year} moves on the {era.Id}-era units: a year's figures cannot refer to older boundaries than its own");
        try
        {
            var units = regions.UnitsIn(era).OrderBy(u => u.Kato, StringComparer.Ordinal).Select(u => u.Key).ToList();
            return (era, OriginDestinationMatrix.FromMoves(units, block.Select(m => (keyOf[m.Origin], keyOf[m.Destination], m.Persons))));
        }
        catch (ArgumentException e)
        {
            throw new ImportFormatException(block[0].Location, "origin", $"the {year} moves are not a complete matrix: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    private static void CheckAgainstOfficial(int year, IReadOnlyList<OdMove> block, Dictionary<string, string> keyOf, BoundaryEra era, OriginDestinationMatrix matrix, WorkbenchData data)
    {
        var own = BoundaryEra.OfYear(year);
        var m = Harmonisation.ToEra(matrix, era, own, data.Regions);
        var official = data.Migration
            .Where(o => o.Year == year && o.Period == Period.JanDec && o.Flow == Flow.Interregional && o.Measure == Measure.Balance && !o.FromMatrix && m.Regions.Contains(o.Region.Key))
            .ToList();
        var disagree = official.Where(o => !FlowMatrices.Agrees(o, m.Balance(o.Region.Key))).ToList();
        if (disagree.Count == 0 || disagree.Count <= official.Count - disagree.Count) return;
        var worst = disagree.OrderByDescending(o => Math.Abs(o.Value - m.Balance(o.Region.Key))).ThenBy(o => o.Region.Kato, StringComparer.Ordinal).First();
        var line = block.FirstOrDefault(x => keyOf[x.Origin] == worst.Region.Key) ?? block[0];
        var (file, lineNo) = DataPackageReader.SplitOrigin(line.Location.Split(' ')[0]);
        throw new DataFileException(file, lineNo, null,
            $"the {year} block contradicts the official {year} interregional balances in {disagree.Count} of {official.Count} units, e.g. {worst.Region.NameEn}: " +
            $"official {Signed(worst.Value)} ({worst.Origin}, {worst.Source.Id}) against {Signed(m.Balance(worst.Region.Key))} from this file's moves. " +
            $"Nothing imported; leave the year out (--exclude-years {year}) to import the others");
    }

    private static string Signed(double v) => (v > 0 ? "+" : "") + DataNumber.Format(v);

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);
}
