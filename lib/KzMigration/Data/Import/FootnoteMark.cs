using System.Text.RegularExpressions;

namespace KzMigration.Data.Import;

/// <summary>
/// The footnote marks of BNS tables (docs/official-formats.md §3), one grammar for every place a mark appears: a
/// numbered mark <c>N)</c> with N = 1–99 (footnotes are numbered from 1), or a run of asterisks (<c>*</c>, <c>**</c>).
/// A mark is glued to a label (<c>Туркестанская2)</c>, <see cref="PrintedName.Split"/>), to a number
/// (<c>140 9984)</c>, <see cref="OfficialNumber.TryParseFootnoted"/>) and opens the footnote line below the table that
/// explains it (<c>3) Data for the Turkestan region …</c>, <see cref="Leading"/>).
/// </summary>
public static partial class FootnoteMark
{
    /// <summary>A numbered mark: one or two digits, the first not 0, and a closing parenthesis («3)», «12)»).</summary>
    public const string NumberedPattern = @"[1-9]\d?\)";

    /// <summary>An asterisk mark: a run of asterisks («*», «**»).</summary>
    public const string AsteriskPattern = @"\*+";

    /// <summary>Whether <paramref name="text"/> is exactly one numbered mark («4)»; not «0)», «123)»).</summary>
    public static bool IsNumbered(string text) => Numbered().IsMatch(text);

    /// <summary>The mark that opens a footnote line («3) Data for …» → «3)», «** Данные …» → «**»), or null.</summary>
    public static string? Leading(string text) => LeadingMark().Match(text) is { Success: true } m ? m.Value : null;

    [GeneratedRegex("^" + NumberedPattern + "$")]
    private static partial Regex Numbered();

    [GeneratedRegex("^(" + NumberedPattern + "|" + AsteriskPattern + ")")]
    private static partial Regex LeadingMark();
}
