using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ExcelDataReader;
using KzMigration.Regions;

namespace KzMigration.Data.Import;

/// <summary>
/// Reads BNS bulletin spreadsheets, .xlsx (OOXML) and .xls (BIFF8), in their wide layout (docs/official-formats.md §3):
/// 1–3 title/unit rows, a header row of periods (years as numbers, <c>I квартал 2008 года</c>, a year merged
/// over <c>I quarter … year</c>, or month names), regions in column A with glued footnote markers, <c>-</c> and
/// <c>x</c> cells, and footnote lines below. A sheet whose columns are categories rather than periods (the
/// population bulletin) is read when its title names the reference date (<c>на 1 января 2023 года</c>).
/// </summary>
public static partial class BnsSpreadsheetReader
{
    /// <summary>Dimension key holding a category column's header (category layout only).</summary>
    public const string ColumnLabelKey = "column";

    /// <summary>Rows at the top of a sheet in which its table's header and first data row must appear.</summary>
    public const int HeaderSearchRows = 500;

    /// <summary>Footnote marks kept per sheet (a BNS table has a handful).</summary>
    private const int MaxFootnotes = 1000;

    /// <summary>Reads every value of the workbook (at most <see cref="ImportStream.MaxValues"/>); see <see cref="Open"/>.</summary>
    public static ImportResult Read(string path, ImportOptions? options = null) => Open(path, options).ToResult();

    /// <summary>
    /// Opens the workbook and returns its values as a stream, read one row at a time. The file is read twice: first its
    /// layout (the first <see cref="HeaderSearchRows"/> rows of each sheet, merged cells, footnotes below the table; rows
    /// are not kept), then, as <see cref="ImportStream.Values"/> is enumerated, its data rows one at a time. Memory stays
    /// bounded whatever the number of rows; a refused cell throws when its row is reached, and nothing after it is read.
    /// A workbook with a formula cell is refused (its cached result is not a printed figure; .xlsx only, see
    /// docs/official-formats.md §3).
    /// </summary>
    public static ImportStream Open(string path, ImportOptions? options = null)
    {
        options ??= ImportOptions.Default;
        var file = Path.GetFileName(path);
        if (SpreadsheetFormulas.First(path) is { } formula)
            throw new ImportFormatException(ImportFormatException.At(file, formula.Sheet, formula.Row, formula.Column), "formula",
                $"a formula cell ('={formula.Text}'): its value is a cached result of a computation, not a printed figure; " +
                "the importer takes no formula cells (save the sheet with values only, or ask the publisher for the official file)");
        var sheets = Survey(path, file);
        if (options.Sheet is { } wanted && sheets.All(s => s.Name != wanted))
            throw new ImportFormatException(file, "sheet", $"no sheet '{wanted}'; the workbook has {string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}");

        var warnings = new List<ImportWarning>();
        var layouts = new List<(int Index, TableLayout Layout)>();
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            if (options.Sheet is not null && sheet.Name != options.Sheet) continue;
            var layout = Layout(sheet, file, options);
            if (layout is null)
            {
                if (options.Sheet is not null)
                    throw new ImportFormatException($"{file}[{sheet.Name}]", "header", "no table: found no header row of periods and no reference date in the title");
                warnings.Add(new ImportWarning($"{file}[{sheet.Name}]", "no table found; sheet skipped"));
                continue;
            }
            layouts.Add((i, layout));
        }
        if (layouts.Count == 0)
            throw new ImportFormatException(file, "workbook", "no sheet holds a table with a header row of periods (years, quarters, months)");
        var units = layouts.Select(t => t.Layout.Unit).Distinct().ToList();
        if (units.Count > 1)
            warnings.Add(new ImportWarning(file, $"sheets have different units ({string.Join(", ", units.Select(u => u ?? "none"))}); choose one with the sheet option"));
        var metadata = new ImportMetadata(layouts[0].Layout.Title, units.Count == 1 ? units[0] : null, options.IndicatorId);
        var header = new ImportResult(path, OfficialFormat.BnsSpreadsheet, metadata, [], warnings);
        return new ImportStream(header, Values(path, file, layouts, options, warnings), [.. layouts.Select(l => (l.Layout.Unit, (string?)l.Layout.Sheet))]);
    }

    /// <summary>What the first pass learns about a sheet: its name, its first rows, its merged cells and the footnotes below its rows.</summary>
    private sealed record Sheet(string Name, List<object?[]> Rows, IReadOnlyList<CellRange> Merges, IReadOnlyList<(int Row, string Mark, string Text)> LaterFootnotes)
    {
        public object? Raw(int row, int column) =>
            row < Rows.Count && column < Rows[row].Length ? Rows[row][column] : null;

        /// <summary>A header cell: its own value, or the value of the merged range it lies in (headers are merged, §3.3).</summary>
        public object? Header(int row, int column)
        {
            if (Text(Raw(row, column)) is { Length: > 0 }) return Raw(row, column);
            var range = Merges.FirstOrDefault(m => m.FromRow <= row && row <= m.ToRow && m.FromColumn <= column && column <= m.ToColumn);
            return range is null ? null : Raw(range.FromRow, range.FromColumn);
        }

        /// <summary>The top-left cell a header value comes from, so a merged label counts once.</summary>
        public (int, int) HeaderSource(int row, int column)
        {
            if (Text(Raw(row, column)) is { Length: > 0 }) return (row, column);
            var range = Merges.FirstOrDefault(m => m.FromRow <= row && row <= m.ToRow && m.FromColumn <= column && column <= m.ToColumn);
            return range is null ? (row, column) : (range.FromRow, range.FromColumn);
        }

        public int Width => Rows.Count == 0 ? 0 : Rows.Max(r => r.Length);
    }

    /// <summary>A sheet's table: where its data start, its value columns, title and unit, and its footnotes by mark.</summary>
    private sealed record TableLayout(string Sheet, int FirstData, List<ValueColumn> Columns, string? Title, string? Unit, Dictionary<string, string> Footnotes);

    /// <summary>
    /// The first pass: every sheet's first <see cref="HeaderSearchRows"/> rows (trailing empty cells dropped), its merged
    /// cells (known only once a sheet has been read to its end) and the footnote lines below them. Rows are not kept.
    /// </summary>
    private static List<Sheet> Survey(string path, string file)
    {
        var sheets = new List<(string Name, SheetRows Rows, IReadOnlyList<CellRange> Merges)>();
        void Ensure(int index, string name)
        {
            while (sheets.Count <= index) sheets.Add((name, new SheetRows(HeaderSearchRows), []));
        }
        foreach (var (index, name, r, row) in Rows(path, file, (index, name, merges) =>
                 {
                     Ensure(index, name);
                     sheets[index] = sheets[index] with { Merges = merges };
                 }))
        {
            Ensure(index, name);
            sheets[index].Rows.Add(r, row);
        }
        return [.. sheets.Select(s => new Sheet(s.Name, s.Rows.Head, s.Merges, s.Rows.Footnotes))];
    }

    private sealed class SheetRows(int keep)
    {
        public List<object?[]> Head { get; } = [];
        public List<(int Row, string Mark, string Text)> Footnotes { get; } = [];
        private readonly HashSet<string> marks = [];

        public void Add(int index, object?[] row)
        {
            if (index < keep)
            {
                var length = row.Length;
                while (length > 0 && row[length - 1] is null) length--;
                Head.Add(length == row.Length ? row : row[..length]);
                return;
            }
            // Below the head, only footnote lines are kept: the first line of each mark.
            if (marks.Count < MaxFootnotes && Text(row.Length > 0 ? row[0] : null) is { Length: > 0 } text && FootnoteMark.Leading(text) is { } mark
                && !row.Skip(1).Any(IsDatum) && marks.Add(mark))
                Footnotes.Add((index, mark, PrintedName.Collapse(text[mark.Length..])));
        }
    }

    /// <summary>
    /// The workbook's rows, one at a time, sheet after sheet (sheet index and name, 0-based row, cells). After the last row
    /// of a sheet, <paramref name="onSheetEnd"/> gets its merged cells (a reader knows them only then).
    /// </summary>
    private static IEnumerable<(int Sheet, string Name, int Row, object?[] Cells)> Rows(string path, string file,
        Action<int, string, IReadOnlyList<CellRange>>? onSheetEnd = null)
    {
        // .xls (BIFF8) needs code page 1251 for its summary strings (§5.7); registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        // By content, not by name: BNS serves BIFF .xls files under an .xlsx name (the housing-prices table).
        using var reader = Guard(file, () => Container(stream) switch
        {
            OfficialFileReader.Container.Ooxml => ExcelReaderFactory.CreateOpenXmlReader(stream),
            OfficialFileReader.Container.Biff => ExcelReaderFactory.CreateBinaryReader(stream),
            _ => throw new ImportFormatException(file, "workbook", "not a spreadsheet: neither an OOXML (.xlsx, ZIP) nor a BIFF (.xls, OLE2) container"),
        });
        var sheet = 0;
        do
        {
            var name = Guard(file, () => reader.Name);
            var r = 0;
            while (Guard(file, reader.Read))
            {
                var cells = Guard(file, () =>
                {
                    var row = new object?[reader.FieldCount];
                    for (var c = 0; c < row.Length; c++) row[c] = reader.GetValue(c);
                    return row;
                });
                yield return (sheet, name, r++, cells);
            }
            onSheetEnd?.Invoke(sheet, name, Guard(file, () => (IReadOnlyList<CellRange>?)reader.MergeCells ?? []));
            sheet++;
        } while (Guard(file, reader.NextResult));
    }

    /// <summary>A step of the spreadsheet library; its failures become a refusal naming the file.</summary>
    private static T Guard<T>(string file, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is not ImportFormatException and not IOException and not UnauthorizedAccessException)
        {
            throw Unreadable(file, e);
        }
    }

    private static ImportFormatException Unreadable(string file, Exception e) =>
        new(file, "workbook", $"cannot read the spreadsheet ({e.GetType().Name}: {e.Message})", e);

    private static OfficialFileReader.Container Container(Stream stream)
    {
        var head = new byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return OfficialFileReader.ContainerOf(head.AsSpan(0, read));
    }

    private sealed record ValueColumn(int Index, string Label, DateOnly Start, DateOnly End, string? Category);

    private static TableLayout? Layout(Sheet sheet, string file, ImportOptions options)
    {
        var width = sheet.Width;
        var periodRow = FindPeriodRow(sheet, width);
        int firstData;
        List<ValueColumn> columns;
        int headerTop;
        if (periodRow is { } p)
        {
            firstData = FindFirstDataRow(sheet, p + 1, width, requireNumber: false);
            if (firstData < 0) return null;
            headerTop = p;
            columns = PeriodColumns(sheet, file, p, firstData, width, options);
        }
        else
        {
            // Category layout: no period header; the title carries the reference date (§3.3(d)).
            var date = Enumerable.Range(0, Math.Min(sheet.Rows.Count, 4))
                .SelectMany(r => Enumerable.Range(0, width).Select(c => Text(sheet.Raw(r, c))))
                .Select(t => t is null ? null : TitleDate().Match(t))
                .FirstOrDefault(m => m is { Success: true });
            if (date is null || ReportingPeriod.Parse(date.Value) is not { } span) return null;
            firstData = FindFirstDataRow(sheet, 0, width, requireNumber: true);
            if (firstData < 1) return null;
            headerTop = firstData;
            while (headerTop > 0 && DistinctHeaderSources(sheet, headerTop - 1, width) >= 2) headerTop--;
            if (headerTop == firstData) return null;
            columns = CategoryColumns(sheet, headerTop, firstData, width, PrintedName.Collapse(date.Value), span.Start, span.End);
        }
        if (columns.Count == 0) return null;

        var (title, unit) = TitleAndUnit(sheet, headerTop, width);
        return new TableLayout(sheet.Name, firstData, columns, title, unit, Footnotes(sheet, firstData, width));
    }

    /// <summary>
    /// The first row right of column A made of period labels: at least two distinct ones, and nothing much else
    /// (a data row can hold a count such as 1994 that reads as a year).
    /// </summary>
    private static int? FindPeriodRow(Sheet sheet, int width)
    {
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var periods = new HashSet<(int, int)>();
            var all = new HashSet<(int, int)>();
            for (var c = 1; c < width; c++)
            {
                if (Text(sheet.Header(r, c)) is not { Length: > 0 } t) continue;
                all.Add(sheet.HeaderSource(r, c));
                if (t.Length < 60 && (ReportingPeriod.Parse(t) is not null || ReportingPeriod.NeedsYear(t)))
                    periods.Add(sheet.HeaderSource(r, c));
            }
            if (periods.Count >= 2 && periods.Count >= 0.8 * all.Count) return r;
        }
        return null;
    }

    /// <summary>The first row at or below <paramref name="from"/> with a name in column A and no period labels (and a number, if required).</summary>
    private static int FindFirstDataRow(Sheet sheet, int from, int width, bool requireNumber)
    {
        for (var r = from; r < sheet.Rows.Count; r++)
        {
            if (Text(sheet.Raw(r, 0)) is not { Length: > 0 } name || IsNote(name)) continue;
            var cells = Enumerable.Range(1, width - 1).Select(c => sheet.Raw(r, c)).Where(v => Text(v) is { Length: > 0 }).ToList();
            if (cells.Any(v => Text(v) is { } t && (ReportingPeriod.Parse(t) is not null || ReportingPeriod.NeedsYear(t)) && v is string)) continue;
            if (requireNumber && !cells.Any(v => v is double)) continue;
            return r;
        }
        return -1;
    }

    private static List<ValueColumn> PeriodColumns(Sheet sheet, string file, int top, int firstData, int width, ImportOptions options)
    {
        var columns = new List<ValueColumn>();
        for (var c = 1; c < width; c++)
        {
            var labels = Enumerable.Range(top, firstData - top)
                .Select(r => (Row: r, Text: Text(sheet.Header(r, c))))
                .Where(l => l.Text is { Length: > 0 })
                .ToList();
            if (labels.Count == 0) continue;
            // A year merged over "I quarter … year" supplies the year of the labels below it (§3.3(b)).
            var year = labels.Select(l => ReportingPeriod.BareYear(l.Text!)).LastOrDefault(y => y is not null) ?? options.Year;
            var (row, label) = labels[^1];
            var span = ReportingPeriod.Parse(label!, year);
            if (span is null)
            {
                var at = ImportFormatException.At(file, sheet.Name, row + 1, c);
                if (ReportingPeriod.NeedsYear(label!))
                    throw new ImportFormatException(at, "header", $"'{label}' names no year and none is printed above it; pass the year (ImportOptions.Year, --year)");
                throw new ImportFormatException(at, "header", $"'{label}' is not a period (expected a year, quarter, half-year, 'N месяцев' or month)");
            }
            var printed = string.Join(" ", labels.Select(l => PrintedName.Collapse(l.Text!)).Distinct());
            columns.Add(new ValueColumn(c, printed, span.Value.Start, span.Value.End, null));
        }
        return columns;
    }

    private static List<ValueColumn> CategoryColumns(Sheet sheet, int top, int firstData, int width, string label, DateOnly start, DateOnly end)
    {
        var columns = new List<ValueColumn>();
        for (var c = 1; c < width; c++)
        {
            // Bilingual labels are "kk\nru" (§3.3(d)): keep the Russian line; "в том числе:" only connects levels.
            var parts = Enumerable.Range(top, firstData - top)
                .Select(r => Text(sheet.Header(r, c)))
                .Where(t => t is { Length: > 0 })
                .Select(t => PrintedName.Collapse(t!.Split('\n')[^1]))
                .Where(t => !t.EndsWith(':'))
                .Distinct()
                .ToList();
            if (parts.Count > 0) columns.Add(new ValueColumn(c, label, start, end, string.Join(" / ", parts)));
        }
        return columns;
    }

    private static int DistinctHeaderSources(Sheet sheet, int row, int width) =>
        Enumerable.Range(1, width - 1).Where(c => Text(sheet.Header(row, c)) is { Length: > 0 }).Select(c => sheet.HeaderSource(row, c)).Distinct().Count();

    /// <summary>Title: the first text above the header. Unit: the rightmost other text above it (<c>BL2 ' тыс.тенге'</c>, <c>T4</c>, <c>Z3 'in percent'</c>).</summary>
    private static (string? Title, string? Unit) TitleAndUnit(Sheet sheet, int headerTop, int width)
    {
        string? title = null, unit = null;
        var titleRow = -1;
        for (var r = 0; r < headerTop && title is null; r++)
            for (var c = 0; c < width && title is null; c++)
                if (Text(sheet.Raw(r, c)) is { Length: > 0 } t) (title, titleRow) = (PrintedName.Split(t.Replace('\n', ' ')).Text, r);
        for (var r = titleRow + 1; r < headerTop; r++)
            for (var c = width - 1; c >= 0; c--)
                if (Text(sheet.Raw(r, c)) is { Length: > 0 } t && !Continuation().IsMatch(t))
                {
                    unit = PrintedName.Collapse(t);
                    break;
                }
        return (title, unit);
    }

    /// <summary>The second pass: the data rows of each table, one row at a time, as values.</summary>
    private static IEnumerable<ImportedValue> Values(string path, string file, List<(int Index, TableLayout Layout)> tables, ImportOptions options, List<ImportWarning> warnings)
    {
        var bySheet = tables.ToDictionary(t => t.Index, t => t.Layout);
        var last = tables.Max(t => t.Index);
        TableRows? current = null;
        foreach (var (sheet, _, r, row) in Rows(path, file))
        {
            if (sheet > last) yield break;
            if (!bySheet.TryGetValue(sheet, out var layout) || r < layout.FirstData) continue;
            if (current?.Layout != layout) current = new TableRows(file, layout, options, warnings);
            foreach (var value in current.Row(r, row)) yield return value;
        }
    }

    /// <summary>The data rows of one table, read in order: footnotes and sign-off lines end it; a value below them is refused.</summary>
    private sealed class TableRows(string file, TableLayout layout, ImportOptions options, List<ImportWarning> warnings)
    {
        private readonly HashSet<int> isValueColumn = layout.Columns.Select(c => c.Index).ToHashSet();
        private string? notesStart;
        private bool afterBlank;

        public TableLayout Layout => layout;

        public List<ImportedValue> Row(int r, object?[] row)
        {
            var values = new List<ImportedValue>();
            object? Raw(int c) => c < row.Length ? row[c] : null;
            var name = Text(Raw(0));
            var filled = Enumerable.Range(1, Math.Max(0, row.Length - 1)).Where(c => Text(Raw(c)) is { Length: > 0 }).ToList();
            if (name is not { Length: > 0 } && filled.Count == 0)
            {
                afterBlank = true;
                return values;
            }

            var at = ImportFormatException.At(file, layout.Sheet, r + 1, 0);
            var holdsData = filled.Any(c => IsDatum(Raw(c)));
            if (!holdsData && (notesStart is not null || afterBlank || IsNote(name ?? "")))
            {
                // Footnotes and the sign-off block below the table (§3.3): text only, after a blank line or marked.
                notesStart ??= at;
                return values;
            }
            afterBlank = false;
            if (notesStart is not null)
                throw new ImportFormatException(at, "row", $"values below the footnotes that start at {notesStart}");
            if (name is not { Length: > 0 })
                throw new ImportFormatException(ImportFormatException.At(file, layout.Sheet, r + 1, filled[0]), "region", "a value without a region name in column A");
            if (filled.Count == 0 && name.EndsWith(':'))
            {
                warnings.Add(new ImportWarning(at, $"sub-heading '{name}' skipped"));
                return values;
            }
            if (filled.FirstOrDefault(c => !isValueColumn.Contains(c)) is var stray && stray > 0)
                throw new ImportFormatException(ImportFormatException.At(file, layout.Sheet, r + 1, stray), "value",
                    $"'{Text(Raw(stray))}' in a column without a period header");

            var (region, footnote) = PrintedName.Split(name);
            foreach (var column in layout.Columns)
            {
                var cellAt = ImportFormatException.At(file, layout.Sheet, r + 1, column.Index);
                var (kind, number, raw, valueFootnote) = Cell(Raw(column.Index), cellAt, layout.Footnotes.Keys);
                var dimensions = column.Category is null
                    ? new Dictionary<string, string>()
                    : new Dictionary<string, string> { [ColumnLabelKey] = column.Category };
                values.Add(new ImportedValue(file, r + 1, ImportFormatException.ColumnName(column.Index), layout.Sheet, region, footnote,
                    column.End.Year, column.Label, column.Start, column.End, options.IndicatorId, layout.Title, number, raw, kind, layout.Unit, dimensions)
                {
                    ValueFootnote = valueFootnote,
                    FootnoteTexts = layout.Footnotes,
                    RegionColumn = "A",
                });
            }
            return values;
        }
    }

    /// <summary>
    /// The footnotes listed below the table (<c>3) Data for the Turkestan region … estimates based on data from SKO</c>,
    /// <c>** Данные за 2003-2017 гг. …</c>), by mark: their texts become the notes of the values that carry the mark.
    /// </summary>
    private static Dictionary<string, string> Footnotes(Sheet sheet, int firstData, int width)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = firstData; r < sheet.Rows.Count; r++)
        {
            if (Text(sheet.Raw(r, 0)) is not { Length: > 0 } text || FootnoteMark.Leading(text) is not { } mark) continue;
            if (Enumerable.Range(1, width - 1).Any(c => IsDatum(sheet.Raw(r, c)))) continue;
            notes.TryAdd(mark, PrintedName.Collapse(text[mark.Length..]));
        }
        // Below the rows the first pass kept: the first line of each mark (kept while reading, the rows themselves were not).
        foreach (var (_, mark, text) in sheet.LaterFootnotes) notes.TryAdd(mark, text);
        return notes;
    }

    /// <summary>Numeric cells are read as stored; text cells may hold a symbol, a number printed as text, or a number with a footnote mark glued to it (§3.3, §5.1).</summary>
    private static (ValueKind, double?, string, string?) Cell(object? cell, string at, IReadOnlyCollection<string> marks)
    {
        switch (cell)
        {
            case null: return (ValueKind.Missing, null, "", null);
            case double d: return (ValueKind.Number, d, d.ToString("R", CultureInfo.InvariantCulture), null);
            case int or long or decimal or float:
                var n = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
                return (ValueKind.Number, n, n.ToString("R", CultureInfo.InvariantCulture), null);
            case string s:
                if (OfficialNumber.Marker(s) is { } marker) return (marker, null, s, null);
                if (OfficialNumber.TryParse(s, NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma, out var v)) return (ValueKind.Number, v, s, null);
                if (OfficialNumber.TryParseFootnoted(s, NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma, marks, out v, out var mark)) return (ValueKind.Number, v, s, mark);
                throw new ImportFormatException(at, "value", $"'{s}' is neither a number (optionally with a footnote mark such as '160 0005)') nor a symbol (-, x, ..., …)");
            default:
                throw new ImportFormatException(at, "value", $"unexpected {cell.GetType().Name} cell '{cell}'");
        }
    }

    /// <summary>A number, or a symbol that stands for one (-, x, ...): what a data row holds.</summary>
    private static bool IsDatum(object? cell) => cell switch
    {
        double or int or long or decimal or float => true,
        string s => OfficialNumber.Marker(s) is not null || OfficialNumber.TryParse(s, NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma, out _)
                     || OfficialNumber.TryParseFootnoted(s, NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma, [], out _, out _),
        _ => false,
    };

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s.Trim(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture)?.Trim(),
    };

    /// <summary>Footnote and note lines: a leading marker (<c>1)</c>, <c>*</c>) or a sentence rather than a name.</summary>
    private static bool IsNote(string text) =>
        FootnoteMark.Leading(text) is not null || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 6;

    [GeneratedRegex(@"^(continuation|продолжение|жалғасы)", RegexOptions.IgnoreCase)]
    private static partial Regex Continuation();

    [GeneratedRegex(@"на\s+\d{1,2}\s+\p{L}+\s+(19|20)\d{2}(\s*(года|г\.))?", RegexOptions.IgnoreCase)]
    private static partial Regex TitleDate();
}
