using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KzMigration.Data;

/// <summary>
/// What a data folder's <c>datapackage.json</c> records about each table (Frictionless <c>stats</c>: rows, bytes,
/// sha256) and the check of the files against it. The bundle's descriptor is written by <c>kzmig data build</c>; an
/// imported overlay (<c>data/user/</c>) gets its own, written in the same commit as its tables by
/// <c>kzmig data import</c>. A table whose content no longer has its recorded hash was edited by hand: a well-formed
/// edit of one figure passes every row-level rule, so only the hash can tell (issue 10, item 3). The portal responses
/// an overlay keeps (<c>raw/</c>, <c>kzmig data fetch</c>) are verified against the sha256 its <c>sources.csv</c> records.
/// </summary>
internal static class PackageIntegrity
{
    public const string Descriptor = "datapackage.json";

    /// <summary>The descriptor's name for an overlay written by the importer.</summary>
    public const string OverlayName = "kzmigration-user-overlay";

    /// <summary>The recorded shape of one table.</summary>
    public sealed record TableStats(int? Rows, long? Bytes, string? Sha256);

    // The descriptor is read for each table of a load (its row count) and again for the hashes: the last parse is kept
    // and reused for the same bytes, so a load parses it once (in the explorer's WebAssembly interpreter, ten parses of
    // 50 KB were a visible part of the first paint).
    private static volatile Parsed? lastParsed;

    private sealed record Parsed(byte[] Bytes, IReadOnlyDictionary<string, TableStats> Stats);

    /// <summary>The stats recorded per table file, or null when the folder has no descriptor (a hand-made overlay).</summary>
    public static IReadOnlyDictionary<string, TableStats>? Read(string directory)
    {
        var package = Path.Combine(directory, Descriptor);
        if (!File.Exists(package)) return null;
        var content = File.ReadAllBytes(package);
        if (lastParsed is { } last && last.Bytes.AsSpan().SequenceEqual(content)) return last.Stats;
        var name = DataPackageReader.DisplayName(directory, Descriptor);
        var result = new Dictionary<string, TableStats>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(content);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
                foreach (var r in resources.EnumerateArray())
                {
                    if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("path", out var p) || p.ValueKind != JsonValueKind.String) continue;
                    if (!r.TryGetProperty(DataPackageJson.Stats, out var stats) || stats.ValueKind != JsonValueKind.Object) continue;
                    int? rows = stats.TryGetProperty("rows", out var n) && n.TryGetInt32(out var rn) ? rn : null;
                    long? bytes = stats.TryGetProperty("bytes", out var b) && b.TryGetInt64(out var bn) ? bn : null;
                    string? sha = stats.TryGetProperty("sha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
                    result[p.GetString()!] = new TableStats(rows, bytes, sha);
                }
        }
        catch (JsonException e) { throw new DataFileException(name, (int)(e.LineNumber ?? 0) + 1, null, $"not valid JSON ({e.Message})"); }
        // Shared with later loads, so read-only to every caller.
        var recorded = result.AsReadOnly();
        lastParsed = new Parsed(content, recorded);
        return recorded;
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>, as recorded in <c>stats.sha256</c>.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// True when <paramref name="bytes"/> are the recorded content: byte for byte, or after undoing what checkouts and
    /// editors do to text without changing a value (a leading byte-order mark; CRLF or CR line ends, e.g. git's
    /// autocrlf on Windows). The loader reads those variants as the same values.
    /// </summary>
    public static bool Matches(byte[] bytes, string sha256)
    {
        if (Sha256(bytes) == sha256) return true;
        var text = bytes.AsSpan();
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) text = text[3..];
        var normal = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\r')
            {
                normal.Add((byte)'\n');
                if (i + 1 < text.Length && text[i + 1] == (byte)'\n') i++;
                continue;
            }
            normal.Add(text[i]);
        }
        return Sha256([.. normal]) == sha256;
    }

    /// <summary>
    /// Refuses the folder when a table's content differs from its recorded sha256, naming the file and how to restore
    /// it. In an overlay with a descriptor, every table present must be recorded and every recorded table present.
    /// </summary>
    public static void Verify(string directory, bool bundle)
    {
        if (Read(directory) is not { } recorded) return;
        var descriptor = DataPackageReader.DisplayName(directory, Descriptor);
        foreach (var table in DataTables.All)
        {
            var path = Path.Combine(directory, table.File);
            var name = DataPackageReader.DisplayName(directory, table.File);
            var exists = File.Exists(path);
            if (!recorded.TryGetValue(table.File, out var stats) || stats.Sha256 is null)
            {
                if (!bundle && exists)
                    throw new DataFileException(name, null, null, $"not recorded in {descriptor}: the file was added by hand after the last import; {RestoreOverlay(directory)}");
                continue;
            }
            if (!exists)
            {
                if (!bundle) throw new DataFileException(name, null, null, $"file not found, but {descriptor} records it; {RestoreOverlay(directory)}");
                continue; // the table reader reports a missing bundled table itself
            }
            if (!Matches(File.ReadAllBytes(path), stats.Sha256))
                throw new DataFileException(name, null, null,
                    $"content differs from the sha256 recorded in {descriptor} ({DataPackageJson.Stats}.sha256 {stats.Sha256[..12]}…): the file was edited after it was written; " +
                    (bundle ? RestoreBundle(directory, table.File) : RestoreOverlay(directory)));
        }
        if (!bundle) VerifyRawResponses(directory);
    }

    /// <summary>
    /// A portal response fetched by <c>kzmig data fetch</c> is kept beside the overlay (<c>raw/…</c>) so that it can be
    /// re-verified and re-imported offline: every one that <c>sources.csv</c> (itself hash-protected) records must be there,
    /// byte for byte as fetched — its sha256 exactly the one recorded (no line-end leniency: these are the portal's bytes).
    /// </summary>
    private static void VerifyRawResponses(string directory)
    {
        var path = Path.Combine(directory, DataTables.Sources.File);
        if (!File.Exists(path)) return;
        var name = DataPackageReader.DisplayName(directory, DataTables.Sources.File);
        var csv = Csv.ReadFile(path, name, DataTables.Sources.Header);
        var (file, sha) = (csv.Column("file"), csv.Column("sha256"));
        var restore = $"restore {DataPackageReader.DisplayName(directory, "")} from a backup, or fetch the table again with `kzmig data fetch`";
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        foreach (var r in csv.Records)
        {
            var raw = r.Fields[file];
            if (!raw.StartsWith(ImportProvenance.RawFolder + "/", StringComparison.Ordinal)) continue;
            var full = Path.GetFullPath(Path.Combine(directory, raw));
            if (!full.StartsWith(root, StringComparison.Ordinal))
                throw new DataFileException(name, r.Line, "file", $"'{raw}' is not a path inside the overlay");
            if (!File.Exists(full))
                throw new DataFileException(name, r.Line, "file", $"the fetched response {raw} is missing; {restore}");
            string actual;
            using (var stream = File.OpenRead(full)) actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (actual != r.Fields[sha])
                throw new DataFileException(name, r.Line, "file",
                    $"the fetched response {raw} differs from the sha256 recorded here ({r.Fields[sha][..Math.Min(12, r.Fields[sha].Length)]}…, now {actual[..12]}…): it was changed after it was fetched; {restore}");
        }
    }

    private static string RestoreBundle(string directory, string file)
    {
        var folder = new DirectoryInfo(Path.GetFullPath(directory)).Name;
        return $"restore it with `git checkout -- {folder}/{file}` or (maintainers) rebuild the package with `kzmig data build --from <curated sources>` (docs/bundled-sources.md). " +
               "Figures of your own go in with `kzmig data import` (into user/), never by editing the bundle";
    }

    private static string RestoreOverlay(string directory) =>
        $"imported files are never edited by hand: restore {DataPackageReader.DisplayName(directory, "")} from a backup, or delete it and import the official files again with `kzmig data import`";

    /// <summary>Writes the overlay's own descriptor: the stats of every table present in <paramref name="directory"/>.</summary>
    public static void WriteOverlayDescriptor(string directory)
    {
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("profile", "tabular-data-package");
            w.WriteString("name", OverlayName);
            w.WriteString("description", "Figures imported by `kzmig data import`, loaded on top of the bundled package. Each table's stats are verified on load; do not edit these files by hand.");
            w.WriteStartArray("resources");
            foreach (var table in DataTables.All)
            {
                var path = Path.Combine(directory, table.File);
                if (!File.Exists(path)) continue;
                var bytes = File.ReadAllBytes(path);
                w.WriteStartObject();
                w.WriteString("name", table.Name);
                w.WriteString("path", table.File);
                w.WriteString("format", "csv");
                w.WriteString("mediatype", "text/csv");
                w.WriteString("encoding", "utf-8");
                w.WriteStartObject(DataPackageJson.Stats);
                w.WriteNumber("rows", Csv.Parse(Encoding.UTF8.GetString(bytes), table.File).Records.Count);
                w.WriteNumber("bytes", bytes.Length);
                w.WriteString("sha256", Sha256(bytes));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        Csv.WriteText(Path.Combine(directory, Descriptor), Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }
}
