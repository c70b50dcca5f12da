using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KzMigration.Migration;

namespace KzMigration.Data.Import;

/// <summary>What the imported values are, in the bundled data's terms. The file alone cannot say (FORMATS.md §0).</summary>
public abstract record ImportTarget;

/// <summary>Migration rows: the caller states which flow and measure the file counts (README "Definitions you must keep apart").</summary>
public sealed record MigrationTarget(Flow Flow, Measure Measure) : ImportTarget
{
    public override string ToString() => $"migration {Flow.ToString().ToLowerInvariant()} {Measure.ToString().ToLowerInvariant()}";
}

/// <summary>Indicator rows (<c>grp_per_capita</c>, <c>unemployment_rate</c> …); <paramref name="Unit"/> overrides the unit printed in the file.</summary>
public sealed record IndicatorTarget(string Indicator, string? Unit = null) : ImportTarget
{
    public override string ToString() => $"indicator {Indicator}";
}

/// <summary>What <see cref="ImportWriter.Write"/> did.</summary>
/// <param name="SourceId">The id written in <c>source_id</c> and <c>sources.csv</c>.</param>
/// <param name="DataPath">The CSV the rows went to.</param>
/// <param name="SourcesPath">The <c>sources.csv</c> that records the file.</param>
/// <param name="Written">Rows written.</param>
/// <param name="Replaced">Rows of an earlier import of the same file and target that were replaced.</param>
/// <param name="SkippedGaps">Missing or confidential values (nothing to write).</param>
/// <param name="SkippedPeriods">Indicator values for sub-annual periods (the indicator layout has no period column).</param>
public sealed record ImportWriteSummary(string SourceId, string DataPath, string SourcesPath, int Written, int Replaced, int SkippedGaps, int SkippedPeriods);

/// <summary>
/// Writes imported values into a user data folder as tidy CSV in the bundled long layout:
/// <c>migration.csv</c> (<c>region,year,period,flow,measure,value,status,source_id,note</c>),
/// <c>socioeconomic.csv</c> (<c>region,year,indicator,value,unit,status,source_id,note</c>) and one
/// <c>sources.csv</c> row per imported file and target with its SHA-256, import time and portal id.
/// Re-importing the same file for the same target replaces its earlier rows.
/// </summary>
public static class ImportWriter
{
    public const string MigrationFile = "migration.csv";
    public const string IndicatorFile = "socioeconomic.csv";
    public const string SourcesFile = "sources.csv";

    public static readonly string[] MigrationHeader = ["region", "year", "period", "flow", "measure", "value", "status", "source_id", "note"];
    public static readonly string[] IndicatorHeader = ["region", "year", "indicator", "value", "unit", "status", "source_id", "note"];
    public static readonly string[] SourcesHeader = ["source_id", "file", "sha256", "imported_at", "format", "indicator_id", "title", "unit", "target", "rows"];

    /// <param name="result">What a reader returned; filter its values first (e.g. <see cref="RegionTotals.Select"/>) with <c>result with { Values = … }</c>.</param>
    /// <param name="target">Migration flow and measure, or the indicator.</param>
    /// <param name="intoDirectory">The user data folder (created if absent).</param>
    /// <param name="resolveRegion">Raw printed name → region key, throwing on an unknown name; null keeps the raw name.</param>
    /// <param name="clock">Source of the import time (UTC); <see cref="TimeProvider.System"/> when null.</param>
    public static ImportWriteSummary Write(ImportResult result, ImportTarget target, string intoDirectory,
        Func<string, string>? resolveRegion = null, TimeProvider? clock = null)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(result.Path)));
        var sourceId = "import-" + sha[..12];
        var targetText = target.ToString()!;

        // Build every row before touching the folder, so an unknown region leaves nothing half-written.
        var rows = new List<string[]>();
        int gaps = 0, periods = 0;
        foreach (var v in result.Values)
        {
            if (v.Kind != ValueKind.Number || v.Value is null) { gaps++; continue; }
            var region = Resolve(v, resolveRegion);
            var (status, note) = StatusAndNote(v);
            switch (target)
            {
                case MigrationTarget m:
                    rows.Add([region, Int(v.Year), v.PeriodCode, m.Flow.ToString().ToLowerInvariant(), m.Measure.ToString().ToLowerInvariant(),
                        Number(v.Value.Value), status, sourceId, note]);
                    break;
                case IndicatorTarget i:
                    if (IndicatorYear(v) is not { } year) { periods++; continue; }
                    if (year != v.Year) note = $"on {v.PeriodEnd.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} (end of {year}); " + note;
                    rows.Add([region, Int(year), i.Indicator, Number(v.Value.Value), i.Unit ?? v.Unit ?? "", status, sourceId, note]);
                    break;
                default:
                    throw new ArgumentException($"unknown target {target}", nameof(target));
            }
        }

        Directory.CreateDirectory(intoDirectory);
        var (fileName, header) = target is MigrationTarget ? (MigrationFile, MigrationHeader) : (IndicatorFile, IndicatorHeader);
        var dataPath = Path.Combine(intoDirectory, fileName);
        var existing = ReadTable(dataPath, header);
        bool SameImport(string[] r) => r[Array.IndexOf(header, "source_id")] == sourceId && target switch
        {
            MigrationTarget m => r[3] == m.Flow.ToString().ToLowerInvariant() && r[4] == m.Measure.ToString().ToLowerInvariant(),
            IndicatorTarget i => r[2] == i.Indicator,
            _ => false,
        };
        var kept = existing.Where(r => !SameImport(r)).ToList();
        WriteTable(dataPath, header, kept.Concat(rows));

        var sourcesPath = Path.Combine(intoDirectory, SourcesFile);
        var sources = ReadTable(sourcesPath, SourcesHeader).Where(r => !(r[0] == sourceId && r[8] == targetText)).ToList();
        var importedAt = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        sources.Add([sourceId, result.FileName, sha, importedAt, result.Format.ToString(), result.Metadata.IndicatorId ?? "",
            result.Metadata.Title ?? "", result.Metadata.Unit ?? "", targetText, Int(rows.Count)]);
        WriteTable(sourcesPath, SourcesHeader, sources);

        return new ImportWriteSummary(sourceId, dataPath, sourcesPath, rows.Count, existing.Count - kept.Count, gaps, periods);
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
            throw new ImportFormatException(v.Location, "region", $"'{v.RegionName}' is not a known region ({e.Message})", e);
        }
    }

    /// <summary>Official values are "exact" as printed; an explicit §3.1 scale correction makes them "derived".</summary>
    private static (string Status, string Note) StatusAndNote(ImportedValue v)
    {
        var notes = new List<string> { $"imported from {v.Location}" };
        if (v.Footnote is not null) notes.Add($"footnote {v.Footnote} in the source");
        var status = "exact";
        if (v.ScaleDivisor != 1)
        {
            status = "derived";
            notes.Add($"printed '{v.RawValue}' divided by {v.ScaleDivisor:0} (scale error, FORMATS.md §3.1)");
        }
        else if (v.ScaleSuspect) notes.Add("suspected scale error (FORMATS.md §3.1), value as printed");
        return (status, string.Join("; ", notes));
    }

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static List<string[]> ReadTable(string path, string[] header)
    {
        if (!File.Exists(path)) return [];
        var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return [];
        if (Csv.Split(lines[0]) is var h && !h.SequenceEqual(header))
            throw new ImportFormatException(ImportFormatException.At(path, 1), "header",
                $"expected '{string.Join(",", header)}', found '{lines[0]}'; not overwriting a file of another layout");
        return lines.Skip(1).Select((l, i) =>
        {
            var row = Csv.Split(l);
            return row.Length == header.Length ? row
                : throw new ImportFormatException(ImportFormatException.At(path, i + 2), "line", $"expected {header.Length} fields, found {row.Length}");
        }).ToList();
    }

    private static void WriteTable(string path, string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder().Append(Csv.Join(header)).Append('\n');
        foreach (var row in rows) sb.Append(Csv.Join(row)).Append('\n');
        var temp = path + ".tmp";
        File.WriteAllText(temp, sb.ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>RFC 4180 fields on one line (the writer never emits line breaks inside a field).</summary>
    private static class Csv
    {
        public static string Join(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));

        private static string Quote(string f) =>
            f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"") + "\"" : f;

        public static string[] Split(string line)
        {
            var fields = new List<string>();
            var sb = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c != '"') sb.Append(c);
                    else if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else quoted = false;
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
                else sb.Append(c);
            }
            fields.Add(sb.ToString());
            return [.. fields];
        }
    }
}
