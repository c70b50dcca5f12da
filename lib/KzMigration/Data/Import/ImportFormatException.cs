namespace KzMigration.Data.Import;

/// <summary>
/// An official file that does not have the documented layout. The message always names the file, the line
/// (or sheet and cell) and the field, so a user can open the file at the right place.
/// </summary>
public sealed class ImportFormatException : FormatException
{
    public ImportFormatException(string location, string field, string problem, Exception? inner = null)
        : base(PrintableText.Escape($"{location}: {field}: {problem}"), inner) // cells and sheet names may hold control characters
    {
        Location = location;
        Field = field;
        Problem = problem;
    }

    /// <summary><c>file:line</c> or <c>file[sheet]!B6</c>.</summary>
    public string Location { get; }

    /// <summary>The field, column or element that is wrong.</summary>
    public string Field { get; }

    public string Problem { get; }

    internal static string At(string file, int line) => $"{Path.GetFileName(file)}:{line}";

    internal static string At(string file, string sheet, int row, int column) =>
        $"{Path.GetFileName(file)}[{sheet}]!{ColumnName(column)}{row}";

    /// <summary>Spreadsheet column letters for a 0-based column index (0 → A, 26 → AA).</summary>
    internal static string ColumnName(int column)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name;
    }
}
