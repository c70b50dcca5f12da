using System.Globalization;
using System.Text.RegularExpressions;

namespace KzMigration.Data.Import;

/// <summary>Which number spellings a format is documented to use. Anything else is an error, not a guess.</summary>
[Flags]
public enum NumberSyntax
{
    /// <summary>Digits, optional leading minus, optional <c>.</c> decimals (taldau JSON, FORMATS.md §2.1).</summary>
    Plain = 0,

    /// <summary>Groups of three digits separated by U+0020, U+00A0 or U+202F (iblock VAL, FORMATS.md §3.1, §5.1).</summary>
    GroupSeparators = 1,

    /// <summary><c>,</c> accepted as the decimal mark instead of <c>.</c> (bulletin text cells such as <c>0,0</c>, §3.3(d), §5.1).</summary>
    DecimalComma = 2,
}

/// <summary>Culture-invariant reading of numbers as official files print them.</summary>
public static partial class OfficialNumber
{
    /// <summary>Classifies a cell's text: a gap marker, a confidentiality marker, or (null) a candidate number.</summary>
    public static ValueKind? Marker(string raw)
    {
        var t = raw.Trim();
        return t switch
        {
            "" or "-" or "..." or "…" => ValueKind.Missing,
            "x" or "X" or "х" or "Х" => ValueKind.Confidential, // Latin and Cyrillic x (FORMATS.md §3.3(d))
            _ => null,
        };
    }

    /// <summary>Parses <paramref name="raw"/> under <paramref name="syntax"/>; false when it is not a number in that syntax.</summary>
    public static bool TryParse(string raw, NumberSyntax syntax, out double value)
    {
        value = 0;
        var t = raw.Trim();
        if (t.Length == 0) return false;
        if (syntax.HasFlag(NumberSyntax.GroupSeparators))
        {
            if (!Grouped().IsMatch(t)) return false;
            t = t.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "");
        }
        if (syntax.HasFlag(NumberSyntax.DecimalComma) && !t.Contains('.'))
        {
            if (t.Count(c => c == ',') > 1) return false;
            t = t.Replace(',', '.');
        }
        if (!PlainNumber().IsMatch(t)) return false;
        return double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A number whose integer part is either ungrouped or grouped by threes with one kind of space.</summary>
    [GeneratedRegex(@"^-?(\d+|\d{1,3}([ \u00A0\u202F]\d{3})+)([.,]\d+)?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex PlainNumber();
}
