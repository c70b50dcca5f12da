using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Data.Import;

/// <summary>What the imported values are, in the bundled data's terms. The file alone cannot say (docs/official-formats.md).</summary>
public abstract record ImportTarget
{
    /// <summary>The target in a source id (<c>internal-arrivals</c>, <c>grp-per-capita</c>).</summary>
    public abstract string Slug { get; }
}

/// <summary>Migration rows: the caller states which flow and measure the file counts (docs/migration-flows.md).</summary>
public sealed record MigrationTarget(Flow Flow, Measure Measure) : ImportTarget
{
    public override string Slug => $"{Codes.Of(Flow)}-{Codes.Of(Measure)}";

    public override string ToString() => $"migration {Codes.Of(Flow)} {Codes.Of(Measure)}";
}

/// <summary>Indicator rows (<c>grp_per_capita</c>, <c>unemployment_rate</c> …); <paramref name="Unit"/> overrides the unit printed in the file.</summary>
public sealed record IndicatorTarget(string Indicator, string? Unit = null) : ImportTarget
{
    public override string Slug => string.Join('-', Indicator.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries));

    public override string ToString() => $"indicator {Indicator}";
}

/// <summary>What <c>ImportWriter.Write</c> did.</summary>
/// <param name="SourceId">The id written in <c>source_id</c> and <c>sources.csv</c>.</param>
/// <param name="DataPath">The CSV the rows went to.</param>
/// <param name="SourcesPath">The <c>sources.csv</c> that records the file.</param>
/// <param name="Written">Rows written.</param>
/// <param name="Replaced">Rows of an earlier import of the same file and target that were replaced.</param>
/// <param name="SkippedGaps">Missing or confidential values (nothing to write).</param>
/// <param name="SkippedPeriods">Values for periods the data tables do not hold (indicator rows are annual; migration rows are Jan-Dec or Jan-Jun).</param>
/// <param name="YearsFromMonths">Migration rows for Jan-Dec summed from twelve printed months (status derived).</param>
/// <param name="Estimates">Rows for a region in a year before it existed, printed with a footnote (a recalculation onto later boundaries): status estimate.</param>
/// <param name="SkippedEstimates">Such values left out on request (<see cref="ImportWriteOptions.SkipEstimates"/>).</param>
public sealed record ImportWriteSummary(string SourceId, string DataPath, string SourcesPath, int Written, int Replaced, int SkippedGaps, int SkippedPeriods,
    int YearsFromMonths = 0, int Estimates = 0, int SkippedEstimates = 0)
{
    /// <summary>Where each written row came from in the input file, by its line in <see cref="DataPath"/>, so a refusal of the written table can name the input cell.</summary>
    public IReadOnlyDictionary<int, string> RowOrigins { get; init; } = new Dictionary<int, string>();

    /// <summary>
    /// True when the folder already held exactly these rows and this source record (but for its time): the same file was
    /// imported for the same target before, with the same result.
    /// </summary>
    public bool Unchanged { get; init; }

    /// <summary>Sources of an earlier fetch of the same request and target that this one replaced (with their rows and kept response).</summary>
    public IReadOnlyList<string> Superseded { get; init; } = [];
}

/// <summary>
/// Where a file came from when it is not a local file the user gave — a portal's response fetched by
/// <c>kzmig data fetch</c> — as <c>sources.csv</c> records it instead of the file's name.
/// </summary>
/// <param name="Url">The exact address requested.</param>
/// <param name="Carrier">Who served the copy (the portal itself).</param>
/// <param name="Title">The table's title (the catalogue's, or the file's own).</param>
/// <param name="Note">How it was retrieved: the address that answered, the status, the size and hash, where the raw response is kept (the time is the record's imported_at).</param>
/// <param name="File">The file as kept beside the overlay (<c>raw/…</c>), relative to it.</param>
public sealed record SourceProvenance(string Url, string Carrier, string Title, string Note, string File);

/// <summary>Choices for <c>ImportWriter.Write</c> beyond the target.</summary>
public sealed record ImportWriteOptions
{
    /// <summary>
    /// Resolves printed names, and tells from each region's lifetime which values are for a region in a year before it
    /// existed. Such a value is a recalculation onto later boundaries: imported as an estimate in the region's first
    /// boundaries when the file explains it in a footnote (BNS: «Turkestan and Shymkent 2010–2017 estimates based on
    /// data from SKO»), refused naming the cell otherwise.
    /// </summary>
    public RegionRegistry? Regions { get; init; }

    /// <summary>Leave such footnoted estimates out instead of importing them.</summary>
    public bool SkipEstimates { get; init; }

    /// <summary>The unit written for indicator rows (already mapped to the indicator's spelling, <see cref="UnitSpelling"/>); null: the target's or the file's.</summary>
    public string? Unit { get; init; }

    public TimeProvider? Clock { get; init; }

    /// <summary>Where the file came from, when it was fetched rather than given (null: a local file, recorded by its name).</summary>
    public SourceProvenance? Provenance { get; init; }
}

/// <summary>
/// Writes imported values into a user data folder (normally <c>data/user/</c>) as tidy CSV in the layout of the
/// bundled tables (<see cref="DataTables.Migration"/>, <see cref="DataTables.Socioeconomic"/>), so that
/// <see cref="WorkbenchData.Load"/> reads them as an overlay under the same rules, and records the file in
/// <c>sources.csv</c> (<see cref="DataTables.Sources"/>) with its provenance: file name, SHA-256, import time (UTC),
/// layout, portal id, target and rows. One source per file and target; re-importing the same file for the same
/// target replaces its earlier rows. It writes the folder it is given; <see cref="OverlayImport"/> gives it the staged
/// copy of an <see cref="ImportTransaction"/>, which is how the data folder's overlay must be changed.
/// </summary>
public static class ImportWriter
{
    public static string MigrationFile => DataTables.Migration.File;
    public static string IndicatorFile => DataTables.Socioeconomic.File;
    public static string SourcesFile => DataTables.Sources.File;

    /// <summary>The address of a taldau index's data (docs/official-formats.md §1), recorded as the source's url when the id is known.</summary>
    public static string TaldauUrl(string indicatorId) => $"https://taldau.stat.gov.kz/ru/Api/GetIndexData/{indicatorId}";

    /// <param name="result">What a reader returned; filter its values first (e.g. <see cref="RegionTotals.Select"/>) with <c>result with { Values = … }</c>.</param>
    /// <param name="target">Migration flow and measure, or the indicator.</param>
    /// <param name="intoDirectory">The user data folder (created if absent).</param>
    /// <param name="resolveRegion">Raw printed name → region key, throwing on an unknown name; null keeps the raw name.</param>
    /// <param name="clock">Source of the import time (UTC); <see cref="TimeProvider.System"/> when null.</param>
    public static ImportWriteSummary Write(ImportResult result, ImportTarget target, string intoDirectory,
        Func<string, string>? resolveRegion = null, TimeProvider? clock = null) =>
        Write(result, target, intoDirectory, new ImportWriteOptions { Clock = clock }, resolveRegion);

    /// <summary>As above, with <paramref name="options"/> (a region registry, estimates, the unit).</summary>
    public static ImportWriteSummary Write(ImportResult result, ImportTarget target, string intoDirectory, ImportWriteOptions options,
        Func<string, string>? resolveRegion = null) =>
        Write(result, result.Values, target, intoDirectory, options, resolveRegion);

    /// <summary>
    /// As above, with the values as a stream (<see cref="ImportStream.Values"/>), taken one at a time: the rows to write are
    /// built as values arrive, and the first value refused (an unknown region, a second value for a key already taken)
    /// stops the import before anything further is read. It keeps only the rows it will write — at most one per key
    /// (region × year × period for migration, region × year for an indicator) — so its memory does not grow with the file.
    /// </summary>
    /// <param name="file">The file's path, format and metadata (its own <c>Values</c> are not read).</param>
    /// <param name="values">The values, in file order, enumerated once.</param>
    /// <param name="target">Migration flow and measure, or the indicator.</param>
    /// <param name="intoDirectory">The user data folder (created if absent).</param>
    /// <param name="options">A region registry, estimates, the unit, the clock.</param>
    /// <param name="resolveRegion">Raw printed name → region key, throwing on an unknown name; null: the registry's, else the raw name.</param>
    public static ImportWriteSummary Write(ImportResult file, IEnumerable<ImportedValue> values, ImportTarget target, string intoDirectory,
        ImportWriteOptions options, Func<string, string>? resolveRegion = null)
    {
        var result = file;
        string sha;
        using (var input = File.OpenRead(result.Path)) sha = Convert.ToHexStringLower(SHA256.HashData(input));
        var sourceId = $"import-{sha[..12]}-{target.Slug}";
        if (options.Regions is { } registry) resolveRegion ??= name => registry.Resolve(name, result.Path).Key;

        // Build every row before touching the folder, so an unknown region leaves nothing half-written.
        var rows = new List<IReadOnlyList<string>>();
        var origins = new List<string>();
        var months = new List<(string Region, ImportedValue Value)>();
        // With the registry (an import), the first value of each key: a second one is refused at once, naming both cells
        // (the table's primary key, which validation would refuse after everything had been read and written).
        var taken = new Dictionary<(string Region, int Year, string Period), string>();
        void Take(string region, int year, string period, ImportedValue v)
        {
            if (options.Regions is not null && !taken.TryAdd((region, year, period), v.Location))
                throw new ImportFormatException(v.Location, "row",
                    $"duplicated key ({region}, {Int(year)}, {(target is IndicatorTarget i ? i.Indicator : period)}): a second value for it; the first is at {taken[(region, year, period)]}");
        }
        int gaps = 0, periods = 0, summed = 0, estimates = 0, skippedEstimates = 0;
        foreach (var v in values)
        {
            if (v.Kind != ValueKind.Number || v.Value is null) { gaps++; continue; }
            var region = Resolve(v, resolveRegion);
            var (status, note) = StatusAndNote(v);
            var rowYear = target is IndicatorTarget ? IndicatorYear(v) : v.Year;
            string? era = null;
            if (rowYear is { } y && options.Regions is { } regions && regions.TryGet(region, out var known) && Recalculated(v, known, y) is { } later)
            {
                if (options.SkipEstimates) { skippedEstimates++; continue; }
                (status, era) = ("estimate", later.Id);
                note += $"; {known.NameEn} did not exist in {y}: recalculated onto the {later.Id}-era boundaries, as the footnote says";
                estimates++;
            }
            switch (target)
            {
                case MigrationTarget m:
                    if (Codes.ParsePeriod(v.PeriodCode) is null)
                    {
                        if (Month(v) is { } month)
                        {
                            Take(region, v.Year, "month " + Int(month), v);
                            months.Add((region, v));
                        }
                        else periods++;
                        continue;
                    }
                    Take(region, v.Year, v.PeriodCode, v);
                    rows.Add(MigrationRow(region, v.Year, v.PeriodCode, m, v.Value.Value, status, sourceId, note, era));
                    origins.Add(v.Location);
                    break;
                case IndicatorTarget i:
                    if (rowYear is not { } year) { periods++; continue; }
                    Take(region, year, "", v);
                    if (year != v.Year) note = $"on {v.PeriodEnd.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} (end of {year}); " + note;
                    rows.Add([region, Int(year), i.Indicator, Number(v.Value.Value), options.Unit ?? i.Unit ?? v.Unit ?? "", status, era ?? Era(year), sourceId, note]);
                    origins.Add(v.Location);
                    break;
                default:
                    throw new ArgumentException($"unknown target {target}", nameof(target));
            }
        }
        if (target is MigrationTarget migration)
        {
            // Monthly counts (e.g. the 2024 tables with one column per month): the tables hold Jan-Dec and Jan-Jun only,
            // so a region-year with all twelve months printed, and no printed Jan-Dec, gets their sum as a derived row.
            var printed = rows.Select(r => (r[0], r[1], r[2])).ToHashSet();
            foreach (var g in months.GroupBy(x => (x.Region, x.Value.Year)))
            {
                var byMonth = g.GroupBy(x => Month(x.Value)!.Value).ToList();
                if (byMonth.Count != 12 || byMonth.Any(b => b.Count() != 1) || printed.Contains((g.Key.Region, Int(g.Key.Year), Codes.Of(Period.JanDec))))
                {
                    periods += g.Count();
                    continue;
                }
                var cells = byMonth.OrderBy(b => b.Key).Select(b => b.Single().Value).ToList();
                var notes = new List<string> { $"sum of the 12 monthly values {cells[0].Location} … {cells[^1].Location}" };
                notes.AddRange(cells.Select(StatusAndNote).Where(x => x.Status != "exact" || x.Note.Contains("footnote") || x.Note.Contains("scale"))
                    .Select(x => x.Note));
                rows.Add(MigrationRow(g.Key.Region, g.Key.Year, Codes.Of(Period.JanDec), migration, cells.Sum(c => c.Value!.Value), "derived", sourceId,
                    string.Join("; ", notes)));
                origins.Add($"{cells[0].Location} … {cells[^1].Location}");
                summed++;
            }
        }

        Directory.CreateDirectory(intoDirectory);
        var table = target is MigrationTarget ? DataTables.Migration : DataTables.Socioeconomic;
        var dataPath = Path.Combine(intoDirectory, table.File);
        var sourcesPath = Path.Combine(intoDirectory, SourcesFile);
        var allSources = ReadTable(sourcesPath, DataTables.Sources);
        var superseded = Superseded(allSources, sourceId, target, options.Provenance);
        var existing = ReadTable(dataPath, table);
        var sourceColumn = Array.IndexOf([.. table.Header], "source_id");
        var kept = existing.Where(r => r[sourceColumn] != sourceId && !superseded.ContainsKey(r[sourceColumn])).ToList();
        WriteTable(dataPath, table, kept.Concat(rows));

        var sources = allSources.Where(r => r[0] != sourceId && !superseded.ContainsKey(r[0])).ToList();
        var source = SourceRow(result, target, sourceId, sha, rows.Count, (options.Clock ?? TimeProvider.System).GetUtcNow(), options.Provenance);
        sources.Add(source);
        WriteTable(sourcesPath, DataTables.Sources, sources.OrderBy(r => r[0], StringComparer.Ordinal));
        // A superseded fetch's kept response goes with it, unless another record still names it.
        var fileColumn = Array.IndexOf([.. DataTables.Sources.Header], "file");
        foreach (var raw in superseded.Values.Where(f => f.Length > 0 && sources.All(r => r[fileColumn] != f)))
            if (File.Exists(Path.Combine(intoDirectory, raw))) File.Delete(Path.Combine(intoDirectory, raw));

        return new ImportWriteSummary(sourceId, dataPath, sourcesPath, rows.Count, existing.Count - kept.Count, gaps, periods, summed, estimates, skippedEstimates)
        {
            Superseded = [.. superseded.Keys.Order(StringComparer.Ordinal)],
            // The new rows follow the kept ones; line 1 is the header.
            RowOrigins = origins.Select((o, i) => (Line: kept.Count + 2 + i, Origin: o)).ToDictionary(x => x.Line, x => x.Origin),
            Unchanged = allSources.FirstOrDefault(r => r[0] == sourceId) is { } before && SameButTime(before, source)
                        && SameRows(existing.Where(r => r[sourceColumn] == sourceId), rows),
        };
    }

    /// <summary>
    /// A fetch replaces what an earlier fetch of the same request (the same URL) wrote for the same target: the portal's
    /// newer answer (a revision, more years) supersedes the older one instead of contradicting it. Source id → its kept file.
    /// </summary>
    private static Dictionary<string, string> Superseded(List<IReadOnlyList<string>> sources, string sourceId, ImportTarget target, SourceProvenance? provenance)
    {
        if (provenance is null) return [];
        var header = DataTables.Sources.Header;
        var (url, of, file) = (Array.IndexOf([.. header], "url"), Array.IndexOf([.. header], "target"), Array.IndexOf([.. header], "file"));
        return sources.Where(r => r[0] != sourceId && r[url] == provenance.Url && r[of] == target.ToString()
                                  && r[file].StartsWith(ImportProvenance.RawFolder + "/", StringComparison.Ordinal))
            .ToDictionary(r => r[0], r => r[file]);
    }

    // The same rows in any order (a re-import appends its rows after the kept ones).
    private static bool SameRows(IEnumerable<IReadOnlyList<string>> a, IEnumerable<IReadOnlyList<string>> b)
    {
        static List<string> Keys(IEnumerable<IReadOnlyList<string>> rows) => [.. rows.Select(r => string.Join('\u001f', r)).Order(StringComparer.Ordinal)];
        return Keys(a).SequenceEqual(Keys(b));
    }

    // A source record equal to another but for when it was written.
    private static bool SameButTime(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var time = Array.IndexOf([.. DataTables.Sources.Header], "imported_at");
        return a.Count == b.Count && a.Select((x, i) => i == time || x == b[i]).All(same => same);
    }

    /// <summary>
    /// The later boundaries a value was recalculated onto, when its region did not exist in its year and the file
    /// explains the value in a footnote; a value without such a footnote is refused, naming its cell.
    /// </summary>
    private static BoundaryEra? Recalculated(ImportedValue v, Region region, int year)
    {
        if (region.IsCountry || region.ReportsIn(year)) return null;
        var ofYear = BoundaryEra.OfYear(year);
        var later = BoundaryEra.All.FirstOrDefault(e => e.Order > ofYear.Order && region.ReportsIn(e.RepresentativeYear));
        var validity = $"valid {region.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"} to {region.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"}";
        if (later is null)
            throw new ImportFormatException(v.Location, "region", $"'{v.RegionName}' ({region.Key}, {validity}) has no boundaries in which a {year} figure could be stated");
        if (v.Footnote is null && v.ValueFootnote is null)
            throw new ImportFormatException(v.Location, "region",
                $"'{v.RegionName}' ({region.Key}) did not exist in {year} ({validity}) and the file says nothing about this value in a footnote; " +
                "a figure recalculated onto later boundaries must say so (import the years the region existed, or ask the publisher)");
        return later;
    }

    /// <summary>
    /// The year an indicator value belongs to: a calendar-year value's year, or for a stock on 1 January the
    /// previous year's end (as the bundled <c>population_end_of_year</c> is dated). Null for other periods.
    /// </summary>
    public static int? IndicatorYear(ImportedValue v) => v.PeriodStart switch
    {
        { Month: 1, Day: 1 } s when s == v.PeriodEnd => v.Year - 1,
        { Month: 1, Day: 1 } s when v.PeriodEnd == new DateOnly(s.Year, 12, 31) => v.Year,
        _ => null,
    };

    private static string Resolve(ImportedValue v, Func<string, string>? resolve)
    {
        if (resolve is null) return v.RegionName;
        try
        {
            return resolve(v.RegionName);
        }
        catch (Exception e)
        {
            // Named where the name is printed (column A of a spreadsheet row), not where the value is.
            throw new ImportFormatException(v.RegionLocation, "region", $"'{v.RegionName}' is not a known region ({e.Message})", e);
        }
    }

    /// <summary>Official values are "exact" as printed; an explicit §3.1 scale correction makes them "derived".</summary>
    private static (string Status, string Note) StatusAndNote(ImportedValue v)
    {
        var notes = new List<string> { $"imported from {v.Location}" };
        foreach (var mark in new[] { v.Footnote, v.ValueFootnote }.OfType<string>().Distinct())
            notes.Add(v.FootnoteTexts.TryGetValue(mark, out var text) ? $"footnote {mark} in the source: {text}" : $"footnote {mark} in the source");
        var status = "exact";
        if (v.ScaleDivisor != 1)
        {
            status = "derived";
            notes.Add($"printed '{v.RawValue}' divided by {v.ScaleDivisor:0} (scale error, docs/official-formats.md §2)");
        }
        else if (v.ScaleSuspect) notes.Add("suspected scale error (docs/official-formats.md §2), value as printed");
        return (status, string.Join("; ", notes));
    }

    private static IReadOnlyList<string> MigrationRow(string region, int year, string period, MigrationTarget m, double value, string status, string sourceId, string note,
        string? era = null) =>
        [region, Int(year), period, Codes.Of(m.Flow), Codes.Of(m.Measure), Number(value), status, era ?? Era(year), sourceId, note];

    // The data layer's rule for the territory of a year's figures: the boundary era of the year (data/README.md).
    private static string Era(int year) => BoundaryEra.OfYear(year).Id;

    // A value covering exactly one calendar month: its month number.
    private static int? Month(ImportedValue v) =>
        v.PeriodStart is { Day: 1 } s && v.PeriodEnd == ReportingPeriod.MonthEnd(s.Year, s.Month) ? s.Month : null;

    private static IReadOnlyList<string> SourceRow(ImportResult result, ImportTarget target, string sourceId, string sha, int rows, DateTimeOffset now,
        SourceProvenance? provenance)
    {
        var m = result.Metadata;
        var notes = new List<string> { provenance?.Note ?? "imported by kzmig data import; each row's note names its cell" };
        if (m.Unit is not null) notes.Add($"unit printed in the file: {m.Unit}");
        return
        [
            sourceId,
            provenance?.Url ?? (m.IndicatorId is { Length: > 0 } id ? TaldauUrl(id) : result.FileName),
            provenance?.Carrier ?? "local file imported with kzmig data import",
            Publisher(result.Format),
            provenance?.Title ?? m.Title ?? result.FileName,
            string.Join("; ", notes),
            provenance?.File ?? result.FileName,
            sha,
            now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            result.Format.ToString(),
            m.IndicatorId ?? "",
            target.ToString()!,
            Int(rows),
        ];
    }

    // What the layout says about the publisher; a spreadsheet's layout does not prove who made it.
    private static string Publisher(OfficialFormat format) => format switch
    {
        OfficialFormat.TaldauIndexData or OfficialFormat.TaldauIndexTree => "Bureau of National Statistics of the Republic of Kazakhstan (BNS), taldau.stat.gov.kz export format",
        OfficialFormat.StatGovDynamicTable => "Bureau of National Statistics of the Republic of Kazakhstan (BNS), stat.gov.kz dynamic-table export format",
        _ => "not stated by the file (read as a BNS spreadsheet layout)",
    };

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rows of a user-folder table (none when absent or empty); refuses a file of another layout.</summary>
    internal static List<IReadOnlyList<string>> ReadTable(string path, TableDefinition table)
    {
        if (!File.Exists(path)) return [];
        CsvTable csv;
        try
        {
            csv = Csv.ReadFile(path, path);
        }
        catch (DataFileException e) when (e.Reason.StartsWith("empty file", StringComparison.Ordinal))
        {
            return [];
        }
        if (!csv.Header.SequenceEqual(table.Header))
            throw new ImportFormatException(ImportFormatException.At(path, 1), "header",
                $"expected '{string.Join(",", table.Header)}', found '{string.Join(",", csv.Header)}'; not overwriting a file of another layout");
        return [.. csv.Records.Select(r => r.Fields)];
    }

    /// <summary>Writes a table through a temporary file, so a reader never sees half of it.</summary>
    internal static void WriteTable(string path, TableDefinition table, IEnumerable<IReadOnlyList<string>> rows)
    {
        var temp = path + ".tmp";
        Csv.WriteText(temp, Csv.Format(table.Header, rows));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>
/// Declares, in a user data folder's <c>indicators.csv</c>, an indicator the bundle does not define
/// (e.g. housing price per m², a Figure 3 factor that is not bundled), so that imported figures of it
/// load and validate like bundled ones. The definition says where it came from.
/// </summary>
public static class IndicatorDeclaration
{
    /// <summary>Adds (or keeps, if identical) the definition of <paramref name="indicator"/> in <paramref name="folder"/>/indicators.csv.</summary>
    public static void Write(string folder, Indicator indicator)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, DataTables.Indicators.File);
        var existing = File.Exists(path) ? DataPackageReader.ReadIndicators(folder) : new Dictionary<string, Indicator>();
        if (existing.TryGetValue(indicator.Id, out var known))
        {
            if (known == indicator) return;
            throw new ImportFormatException(path, "id", $"indicator '{indicator.Id}' is already declared differently (unit '{known.Unit}', kind {known.Kind})");
        }
        existing[indicator.Id] = indicator;
        var rows = existing.Values.OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => (IReadOnlyList<string>)[i.Id, i.Label, i.Unit, i.Kind, i.Additive ? "true" : "false", i.Description]);
        File.WriteAllText(path, Csv.Format(DataTables.Indicators.Header, rows));
    }
}
