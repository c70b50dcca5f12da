
namespace KzMigration;

/// <summary>
/// A data file the workbench refuses, with where and why: <c>data/migration.csv:12: field 'value': …</c>.
/// Loading never returns a partial table: the first error stops it.
/// </summary>
public sealed class DataFileException(string? file, int? line, string? field, string reason)
    : Exception(Format(file, line, field, reason))
{
    /// <summary>The file, as a short path (<c>data/migration.csv</c>), or null when the value came from elsewhere.</summary>
    public string? File { get; } = file;

    /// <summary>1-based line where the offending record starts.</summary>
    public int? Line { get; } = line;

    /// <summary>The column (CSV header name) or field at fault.</summary>
    public string? Field { get; } = field;

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; } = reason;

    private static string Format(string? file, int? line, string? field, string reason)
    {
        var where = file is null ? "" : line is null ? $"{file}: " : $"{file}:{line}: ";
        var what = field is null ? "" : $"field '{field}': ";
        return PrintableText.Escape(where + what + reason); // text from the file may hold control characters
    }
}
