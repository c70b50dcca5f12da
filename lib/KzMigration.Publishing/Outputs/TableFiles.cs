using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Analysis;
using KzMigration.Outputs;
using KzMigration.Runs;

namespace KzMigration.Publishing;

/// <summary>
/// Writes a table as CSV and XLSX for analysts. Both are deterministic (same table → same bytes),
/// culture-invariant, keep missing values empty (never 0), and neutralise text cells that a
/// spreadsheet would read as a formula (OWASP "CSV injection": text starting with = + - @ tab or CR
/// gets a leading apostrophe). Numbers stay numbers, so −5 is still −5.
/// </summary>
public static class TableFiles
{
    private static readonly DateTime FixedZipTime = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// CSV (RFC 4180, UTF-8 without a BOM): the first line is the header (ASCII column names, see
    /// <see cref="FieldName"/>), then one line per row, so <c>pandas.read_csv</c>, R's <c>read.csv</c> and any CSV
    /// reader take it as it is. What the table says about itself (title, units, formulas, sources, notes) is in
    /// the run's <c>datapackage.json</c> (<see cref="Fields"/>) and in the XLSX's «about» sheet, not in the file.
    /// Missing values (null, or a lone dash in a text column) are empty.
    /// </summary>
    /// <remarks>
    /// No BOM: with one, pandas (unless told <c>encoding="utf-8-sig"</c>) and R (unless told <c>fileEncoding="UTF-8-BOM"</c>)
    /// read the first column's name with U+FEFF in front of it. Excel users open the XLSX beside each CSV (or import the
    /// CSV as UTF-8), which shows Cyrillic names as they are.
    /// </remarks>
    public static string ToCsv(DataFrame table, TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(c => Quote(FieldName(c.Name)))).Append('\n');
        for (long r = 0; r < table.Rows.Count; r++)
        {
            var first = true;
            foreach (var column in table.Columns)
            {
                if (!first) csv.Append(',');
                first = false;
                var value = column[r];
                if (value is null || IsMissingMark(value)) continue; // missing stays empty
                csv.Append(IsNumber(value) ? FormatNumber(value) : Quote(Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Writes the CSV (UTF-8, no BOM).</summary>
    public static void WriteCsv(string path, DataFrame table, TableMetadata metadata) =>
        File.WriteAllText(path, ToCsv(table, metadata), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>
    /// The column name as the CSV's header writes it: ASCII (<see cref="Ascii"/>), and guarded like a text cell
    /// (<see cref="Neutralise"/>). The data package's schema uses the same names.
    /// </summary>
    public static string FieldName(string column) => Neutralise(Ascii(column));

    /// <summary>
    /// The table's columns as Frictionless Table Schema fields: the header's name, the type of its values
    /// (<c>number</c>, <c>integer</c>, <c>boolean</c> or <c>string</c>), its unit (the table's own, <see cref="MeasuredTable.Units"/>,
    /// or the metadata's) and what it holds.
    /// </summary>
    public static IReadOnlyList<PublishedField> Fields(DataFrame table, TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        metadata = metadata.WithUnitsOf(table);
        return [.. table.Columns.Select(c => new PublishedField(FieldName(c.Name), TypeOf(c.DataType),
            metadata.Units.TryGetValue(c.Name, out var unit) ? unit : null,
            metadata.Descriptions.TryGetValue(c.Name, out var description) ? description : null))];
    }

    private static string TypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "number";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte)) return "integer";
        if (type == typeof(bool)) return "boolean";
        return "string";
    }

    /// <summary>
    /// Writes an XLSX workbook: sheet "table" (typed cells, each header with its unit) and sheet "about" (title, units — the
    /// table's own and the metadata's, <see cref="TableMetadata.WithUnitsOf"/> —, sources, notes, and the
    /// <paramref name="specification"/> the table was computed with, as recorded in <c>datapackage.json</c>; none when empty).
    /// </summary>
    public static void WriteXlsx(string path, DataFrame table, TableMetadata metadata, string specification = "")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        metadata = metadata.WithUnitsOf(table);
        using (var stream = new MemoryStream())
        {
            using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                document.ChangeIdOfPart(workbook, "rId1"); // AddWorkbookPart() picks a random id; fixed bytes need a fixed one
                workbook.Workbook = new Workbook();
                var sheets = workbook.Workbook.AppendChild(new Sheets());

                var rows = new List<IReadOnlyList<object?>> { table.Columns.Select(c => (object?)Header(c.Name, metadata)).ToList() };
                for (long r = 0; r < table.Rows.Count; r++) rows.Add(table.Columns.Select(c => IsMissingMark(c[r]) ? null : c[r]).ToList());
                AddSheet(workbook, sheets, 1, "table", rows);

                var about = new List<IReadOnlyList<object?>> { new object?[] { "title", metadata.Title } };
                about.AddRange(metadata.Units.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => (IReadOnlyList<object?>)new object?[] { "unit of " + u.Key, u.Value }));
                about.AddRange(table.Columns.Where(c => metadata.Descriptions.ContainsKey(c.Name))
                    .Select(c => (IReadOnlyList<object?>)new object?[] { "column " + c.Name, metadata.Descriptions[c.Name] }));
                about.AddRange(metadata.Sources.Select(s => (IReadOnlyList<object?>)new object?[] { "source", s }));
                about.AddRange(metadata.Notes.Select(n => (IReadOnlyList<object?>)new object?[] { "note", n }));
                if (specification.Length > 0) about.Add(new object?[] { "specification", specification });
                AddSheet(workbook, sheets, 2, "about", about);
                workbook.Workbook.Save();
            }
            File.WriteAllBytes(path, WithFixedTimestamps(stream.ToArray()));
        }
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>("rId" + id.ToString(CultureInfo.InvariantCulture));
        var data = new SheetData();
        foreach (var values in rows)
        {
            var row = new Row();
            foreach (var value in values)
            {
                row.AppendChild(value switch
                {
                    null => new Cell(), // missing stays an empty cell
                    _ when IsNumber(value) => new Cell { DataType = CellValues.Number, CellValue = new CellValue(FormatNumber(value)) },
                    _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""))) },
                });
            }
            data.AppendChild(row);
        }
        part.Worksheet = new Worksheet(data);
        sheets.AppendChild(new Sheet { Id = "rId" + id.ToString(CultureInfo.InvariantCulture), SheetId = id, Name = name });
    }

    /// <summary>Rewrites the zip with fixed entry times so two runs give identical bytes.</summary>
    private static byte[] WithFixedTimestamps(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedZipTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>Prefixes text a spreadsheet would evaluate as a formula with an apostrophe.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Header(string column, TableMetadata metadata) =>
        Ascii(metadata.Units.TryGetValue(column, out var unit) ? $"{column} [{unit}]" : column);

    /// <summary>
    /// Column names as analysis tools read them: the typographic signs the workbench's labels use, in ASCII
    /// (m² → m2, − → -, → → ->). Formulas belong in <see cref="TableMetadata.Descriptions"/>, not in names.
    /// </summary>
    internal static string Ascii(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
            sb.Append(c switch
            {
                '²' => "2", '³' => "3", '−' or '–' or '—' => "-", '→' => "->", '×' => "x", '÷' => "/", '·' => "*",
                '≤' => "<=", '≥' => ">=", '«' or '»' => "\"", '’' => "'", '\u00A0' => " ",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>A dash standing for «no value» in a text column: written empty, like every missing value.</summary>
    private static bool IsMissingMark(object? value) => value is string s && s.Trim() is "—" or "–";

    private static bool IsNumber(object value) => value is byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static string FormatNumber(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

}
