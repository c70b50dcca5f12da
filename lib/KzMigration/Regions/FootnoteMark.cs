using System.Text.RegularExpressions;

namespace KzMigration.Regions;

/// <summary>
/// The footnote marks of BNS tables (docs/official-formats.md §3), one grammar for every place a mark appears: a
/// numbered mark <c>N)</c> with N = 1–99 (footnotes are numbered from 1), or a run of asterisks (<c>*</c>, <c>**</c>).
/// A mark is glued to a label (<c>Туркестанская2)</c>, <see cref="Data.Import.PrintedName.Split"/>), to a number
/// (<c>140 9984)</c>, <see cref="Data.Import.OfficialNumber.TryParseFootnoted"/>), to a region's name wherever it is
/// matched (<see cref="RegionName.Normalise"/>, which also drops the form <c>(N)</c>) and opens the footnote line below
/// the table that explains it (<c>3) Data for the Turkestan region …</c>, <see cref="Leading"/>). It lives beside the
/// region names because names are the lowest layer that meets it; the importers reach it from there.
/// </summary>
public static partial class FootnoteMark
{
    /// <summary>The number of a numbered mark: one or two digits, the first not 0.</summary>
    public const string NumberPattern = @"[1-9]\d?";

    /// <summary>A numbered mark: <see cref="NumberPattern"/> and a closing parenthesis («3)», «12)»).</summary>
    public const string NumberedPattern = NumberPattern + @"\)";

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
