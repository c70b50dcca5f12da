using System.Buffers;
using System.Text;

namespace KzMigration.Data;

/// <summary>One CSV record: its fields and the 1-based line it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV file read whole: header, records and the short name used in messages.</summary>
public sealed record CsvTable(string File, IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records)
{
    /// <summary>Index of a column; throws naming the file if the header lacks it.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++) if (Header[i] == name) return i;
        throw new DataFileException(File, 1, name, $"missing column; header is {string.Join(",", Header)}");
    }
}

/// <summary>
/// A small RFC 4180 reader and writer. Reading tracks the line each record starts on (quoted fields may hold
/// commas, quotes and line breaks); writing is deterministic: comma-separated, fields quoted only when needed,
/// "\n" line endings, UTF-8 without BOM.
/// </summary>
public static class Csv
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Where a field's run of characters stops. Searching for them (vectorised) rather than appending character by
    // character matters most in the seminar explorer, where the same reader runs in WebAssembly's interpreter.
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\"\uFEFF");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\n\uFEFF");

    /// <summary>Reads <paramref name="path"/>; <paramref name="displayName"/> (e.g. <c>data/migration.csv</c>) appears in errors.</summary>
    public static CsvTable ReadFile(string path, string? displayName = null, IReadOnlyList<string>? expectedHeader = null)
    {
        displayName ??= Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path);
        string text;
        try { text = Utf8NoBom.GetString(bytes); }
        catch (DecoderFallbackException)
        {
            var (line, offset) = FirstInvalidUtf8(bytes);
            throw new DataFileException(displayName, line, null, $"not valid UTF-8: byte 0x{bytes[offset]:X2} at byte offset {offset}");
        }
        return Parse(text, displayName, expectedHeader);
    }

    // Where decoding fails, as a line (counted like Parse counts them: LF, CRLF or a lone CR) and a byte offset.
    internal static (int Line, int Offset) FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var line = 1;
        var i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done) break;
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n')) line++;
            i += consumed;
        }
        return (line, Math.Min(i, bytes.Length - 1));
    }

    /// <summary>Parses CSV text. The header must equal <paramref name="expectedHeader"/> if given; every record must have as many fields as the header.</summary>
    public static CsvTable Parse(string text, string displayName, IReadOnlyList<string>? expectedHeader = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var atFieldStart = true;
        var recordHasContent = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    // Inside quotes a CR is data and counts no line (only an LF does), so it does not stop the run.
                    var run = text.AsSpan(i).IndexOfAny(QuotedStops);
                    if (run < 0) throw new DataFileException(displayName, quoteLine, null, "unterminated quoted field");
                    field.Append(text, i, run);
                    i += run;
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\uFEFF') throw new DataFileException(displayName, line, null, "byte order mark inside the file (were files joined together?)");
                    line++;
                    field.Append('\n');
                    i++;
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    throw new DataFileException(displayName, line, null, "characters after a closing quote (a quote inside a field must be doubled)");
                atFieldStart = false;
                recordHasContent = true;
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    recordHasContent = true;
                    i++;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    i++;
                    if (recordHasContent || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        rows.Add(new CsvRecord(recordLine, [.. fields]));
                    }
                    fields.Clear();
                    field.Clear();
                    atFieldStart = true;
                    recordHasContent = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (c == '"') throw new DataFileException(displayName, line, null, "quote inside an unquoted field");
                    // A byte order mark after the start means files were joined together; it would hide inside a value.
                    if (c == '\uFEFF') throw new DataFileException(displayName, line, null, "byte order mark inside the file (were files joined together?)");
                    // Everything up to the next character the reader must look at belongs to this field.
                    var stop = text.AsSpan(i).IndexOfAny(UnquotedStops);
                    var end = stop >= 0 ? i + stop : text.Length;
                    field.Append(text, i, end - i);
                    atFieldStart = false;
                    recordHasContent = true;
                    i = end;
                    break;
            }
        }
        if (recordHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            rows.Add(new CsvRecord(recordLine, [.. fields]));
        }
        if (rows.Count == 0) throw new DataFileException(displayName, 1, null, "empty file: no header");
        var header = rows[0].Fields;
        if (expectedHeader is not null && !header.SequenceEqual(expectedHeader))
            throw new DataFileException(displayName, 1, null, $"header is '{string.Join(",", header)}', expected '{string.Join(",", expectedHeader)}'");
        foreach (var r in rows.Skip(1))
            if (r.Fields.Count != header.Count)
                throw new DataFileException(displayName, r.Line, null, $"{r.Fields.Count} fields, the header has {header.Count}");
        return new CsvTable(displayName, header, rows.Skip(1).ToList());
    }

    /// <summary>Formats rows as CSV text ("\n" endings, a final newline).</summary>
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        AppendRow(sb, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new ArgumentException($"row has {row.Count} fields, header {header.Count}: {string.Join(",", row)}");
            AppendRow(sb, row);
        }
        return sb.ToString();
    }

    /// <summary>Writes text as UTF-8 without BOM.</summary>
    public static void WriteText(string path, string text) => File.WriteAllText(path, text, Utf8NoBom);

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var f = row[i];
            if (f.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (f.Length > 0 && (f[0] == ' ' || f[^1] == ' ')))
                sb.Append('"').Append(f.Replace("\"", "\"\"")).Append('"');
            else
                sb.Append(f);
        }
        sb.Append('\n');
    }
}
