using System.Text.RegularExpressions;
using KzMigration.Regions;

namespace KzMigration.Data.Import;

/// <summary>
/// Splits a printed label into text and the footnote marker BNS glues to it: <c>Туркестанская2)</c>,
/// <c>Туркестанская**</c>, <c>Turkestanskaya 3)</c>, <c>9 месяцев 2019 года3)</c> (docs/official-formats.md §3;
/// marks as <see cref="FootnoteMark"/> defines them).
/// </summary>
public static partial class PrintedName
{
    public static (string Text, string? Footnote) Split(string raw)
    {
        var t = Collapse(raw);
        var m = Marker().Match(t);
        return m.Success && m.Groups["text"].Length > 0
            ? (m.Groups["text"].Value.TrimEnd(), m.Groups["mark"].Value)
            : (t, null);
    }

    /// <summary>Trims and collapses runs of white space (headers such as <c>I квартал         2008 года</c>).</summary>
    public static string Collapse(string raw) => Spaces().Replace(raw, " ").Trim();

    // A run of asterisks, or one or more "N)" markers after a non-digit, at the very end ("2019)" is not a marker); the
    // marks' grammar is FootnoteMark's.
    [GeneratedRegex(@"^(?<text>.*?\S)\s*(?<mark>" + FootnoteMark.AsteriskPattern + @")$|^(?<text>.*?[^\s\d(])\s*(?<mark>(" + FootnoteMark.NumberedPattern + @")+)$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
