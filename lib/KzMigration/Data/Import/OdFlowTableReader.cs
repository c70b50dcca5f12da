using System.Globalization;
using System.Text.RegularExpressions;

namespace KzMigration.Data.Import;

/// <summary>One move count read from an origin–destination table, names as printed (not yet resolved).</summary>
/// <param name="Year">Calendar year of the move.</param>
/// <param name="Origin">Region the movers left, as printed.</param>
/// <param name="Destination">Region they moved to, as printed.</param>
/// <param name="Persons">Persons who moved.</param>
/// <param name="Location"><c>file:line</c> of the count.</param>
public sealed record OdMove(int Year, string Origin, string Destination, double Persons, string Location);

/// <summary>An origin–destination table as read: its layout and its moves.</summary>
public sealed record OdTable(string Path, OfficialFormat Format, IReadOnlyList<OdMove> Moves);

/// <summary>
/// Reads origin–destination tables of moves between regions, in two layouts (docs/official-formats.md §4):
/// <list type="bullet">
/// <item><b>long</b>: one row per move, columns year, origin, destination, count — the raw sample
/// <c>Diar299_…Internal_migration.csv</c> (<c>Year,region_emmigr,region_immigr,N</c>) or <c>year,origin,destination,persons</c>;</item>
/// <item><b>wide</b>: the BNS bulletin's table of moves by direction — a header row of destinations, then one row per origin
/// (first cell its name). An optional title line above the header may give the year («… за 2019 год»); otherwise
/// <c>--year</c> does. «-» is the bulletin's «no moves» (0); the diagonal (moves inside a region) and total rows/columns
/// («Всего», «Total», the republic) are skipped; any other empty or «…» cell is refused (missing is not 0).</item>
/// </list>
/// Comma-, semicolon- or TAB-separated text. Names are kept as printed; the registry resolves them later.
/// </summary>
public static partial class OdFlowTableReader
{
    private static readonly string[] YearColumns = ["year", "год", "жыл"];
    private static readonly string[] OriginColumns = ["origin", "region_emmigr", "from", "откуда", "выбытие"];
    private static readonly string[] DestinationColumns = ["destination", "region_immigr", "to", "куда", "прибытие"];
    private static readonly string[] CountColumns = ["n", "persons", "value", "count", "число", "человек"];
    private static readonly string[] Totals = ["всего", "итого", "total", "барлығы", "республика казахстан", "kazakhstan", "республика"];

    /// <summary>Whether <paramref name="path"/> looks like an origin–destination table (long header, or a square-ish wide matrix of names).</summary>
    public static bool Recognises(string path)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) return false;
        string[] lines;
        try { lines = File.ReadLines(path).Take(3).ToArray(); }
        catch (IOException) { return false; }
        if (lines.Length == 0) return false;
        var header = Split(lines[0], Delimiter(lines[0])).Select(Key).ToList();
        if (LongColumns(header) is not null) return true;
        // Wide: a header whose first cell mentions origin/destination, or a title line then such a header.
        return lines.Take(2).Any(l => Split(l, Delimiter(l)) is var cells && cells.Count >= 4 && WideCorner().IsMatch(cells[0]));
    }

    /// <summary>Reads the table; <paramref name="year"/> is the year of a wide matrix whose title does not give one.</summary>
    /// <exception cref="ImportFormatException">The layout is not recognised, or a cell is not a count (file, line and column named).</exception>
    public static OdTable Read(string path, int? year = null)
    {
        var name = System.IO.Path.GetFileName(path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new ImportFormatException(ImportFormatException.At(path, 1), "header", "empty file");
        var header = Split(lines[0], Delimiter(lines[0]));
        if (LongColumns([.. header.Select(Key)]) is { } cols) return new OdTable(path, OfficialFormat.OdLong, ReadLong(path, lines, cols));
        return new OdTable(path, OfficialFormat.OdMatrix, ReadWide(path, lines, year));
    }

    private static (int Year, int Origin, int Destination, int Count)? LongColumns(IReadOnlyList<string> header)
    {
        int Find(string[] names) => header.Select((h, i) => (h, i)).FirstOrDefault(x => names.Contains(x.h), (h: "", i: -1)).i;
        var (y, o, d, n) = (Find(YearColumns), Find(OriginColumns), Find(DestinationColumns), Find(CountColumns));
        return y < 0 || o < 0 || d < 0 || n < 0 ? null : (y, o, d, n);
    }

    private static List<OdMove> ReadLong(string path, string[] lines, (int Year, int Origin, int Destination, int Count) c)
    {
        var delimiter = Delimiter(lines[0]);
        var header = Split(lines[0], delimiter);
        var moves = new List<OdMove>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var at = ImportFormatException.At(path, i + 1);
            var cells = Split(lines[i], delimiter);
            if (cells.Count != header.Count) throw new ImportFormatException(at, "row", $"{cells.Count} fields, the header has {header.Count}");
            if (!int.TryParse(cells[c.Year], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < DataTables.FirstYear or > DataTables.LastYear)
                throw new ImportFormatException(at, header[c.Year], $"'{cells[c.Year]}' is not a year");
            var persons = Count(cells[c.Count]) ?? throw new ImportFormatException(at, header[c.Count], $"'{cells[c.Count]}' is not a count of persons (missing is not 0)");
            moves.Add(new OdMove(year, cells[c.Origin].Trim(), cells[c.Destination].Trim(), persons, at));
        }
        return moves;
    }

    private static List<OdMove> ReadWide(string path, string[] lines, int? givenYear)
    {
        var first = 0;
        int? titleYear = null;
        // A title line (fewer than three cells) above the header may carry the year.
        if (Split(lines[0], Delimiter(lines[0])).Count(x => x.Trim().Length > 0) < 3)
        {
            if (YearInTitle().Match(lines[0]) is { Success: true } m) titleYear = int.Parse(m.Value, CultureInfo.InvariantCulture);
            first = 1;
        }
        if (first >= lines.Length) throw new ImportFormatException(ImportFormatException.At(path, 1), "header", "no header row of destinations");
        var year = givenYear ?? titleYear ?? throw new ImportFormatException(ImportFormatException.At(path, first + 1), "year",
            "a wide origin × destination matrix needs its year: in a title line above the header («… за 2019 год») or with --year");
        if (givenYear is { } g && titleYear is { } t && g != t)
            throw new ImportFormatException(ImportFormatException.At(path, 1), "year", $"the title says {t}, --year says {g}");
        var delimiter = Delimiter(lines[first]);
        var header = Split(lines[first], delimiter);
        if (header.Count < 3) throw new ImportFormatException(ImportFormatException.At(path, first + 1), "header", "expected a corner cell and at least two destinations");
        var destinations = header.Skip(1).Select(h => h.Trim()).ToList();
        var moves = new List<OdMove>();
        for (var i = first + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = Split(lines[i], delimiter);
            var origin = cells[0].Trim();
            if (IsTotal(origin)) continue;
            if (cells.Count != header.Count)
                throw new ImportFormatException(ImportFormatException.At(path, i + 1), "row", $"{cells.Count} fields, the header has {header.Count}");
            for (var j = 0; j < destinations.Count; j++)
            {
                var destination = destinations[j];
                if (IsTotal(destination) || Normalised(destination) == Normalised(origin)) continue;
                var column = ImportFormatException.ColumnName(j + 1);
                var text = cells[j + 1].Trim();
                var persons = text is "-" or "–" or "—" ? 0 : Count(text)
                    ?? throw new ImportFormatException(ImportFormatException.At(path, i + 1), $"column {column} ({destination})",
                        $"'{text}' is not a count of persons (a missing move is not 0; the bulletin prints «-» for none)");
                moves.Add(new OdMove(year, origin, destination, persons, $"{ImportFormatException.At(path, i + 1)} column {column}"));
            }
        }
        return moves;
    }

    private static bool IsTotal(string name) => Totals.Contains(Normalised(name));

    private static string Normalised(string name) => name.Trim().Trim('.', ':').ToLowerInvariant();

    private static string Key(string header) => header.Trim().Trim('"').ToLowerInvariant();

    // Digits with optional thousands spaces (normal or non-breaking) or apostrophes; nothing else.
    private static double? Count(string text)
    {
        var digits = text.Trim().Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace("'", "");
        return digits.Length > 0 && digits.Length <= 12 && digits.All(char.IsAsciiDigit)
            ? double.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) : null;
    }

    private static char Delimiter(string line) =>
        line.Contains('\t') ? '\t' : line.Count(c => c == ';') > line.Count(c => c == ',') ? ';' : ',';

    // Fields of one line; double quotes may enclose a field (with "" for a quote).
    private static List<string> Split(string line, char delimiter)
    {
        var result = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == delimiter) { result.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        result.Add(field.ToString());
        return result;
    }

    [GeneratedRegex(@"(origin|destination|откуда|куда|выбы|прибы|направлен|direction)", RegexOptions.IgnoreCase)]
    private static partial Regex WideCorner();

    [GeneratedRegex(@"(19|20)\d\d")]
    private static partial Regex YearInTitle();
}
