using System.Globalization;
using System.Text.RegularExpressions;

namespace KzMigration.Data;

/// <summary>
/// How numbers are written in a file. The bundled CSVs use <see cref="Invariant"/> only («-2848», «5.2»); official
/// files write «-108 307» or «4,9» (docs/official-formats.md §2, §5), and an importer says so explicitly with
/// <see cref="Official"/>: thousands separators and a decimal comma are never guessed.
/// </summary>
public sealed record NumberFormat(char DecimalSeparator, string GroupSeparators)
{
    /// <summary>Strict: optional minus, digits, optional «.» and digits. No exponent, no grouping, no plus sign.</summary>
    public static readonly NumberFormat Invariant = new('.', "");

    /// <summary>BNS spreadsheets and portal exports: space, no-break space, thin space or narrow no-break space between thousands.</summary>
    public static NumberFormat Official(char decimalSeparator) => new(decimalSeparator, " \u00A0\u2009\u202F");
}

/// <summary>Parsing and formatting of the numbers stored in data files.</summary>
public static partial class DataNumber
{
    /// <summary>Parses <paramref name="text"/> in <paramref name="format"/>; null if it is not a number in that format.</summary>
    public static double? TryParse(string text, NumberFormat format)
    {
        var s = text.Trim();
        if (format.GroupSeparators.Length > 0)
        {
            // Grouping must be regular (1–3 digits, then groups of 3), so «1 2345» is refused, not read as 12345.
            foreach (var g in format.GroupSeparators) s = s.Replace(g, ' ');
            if (s.Contains(' ') && !Grouped().IsMatch(s)) return null;
            s = s.Replace(" ", "");
        }
        if (format.DecimalSeparator != '.')
        {
            if (s.Contains('.')) return null;
            s = s.Replace(format.DecimalSeparator, '.');
        }
        if (!IsPlain(s)) return null;
        return double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="text"/> is a strictly invariant number (the bundled CSV format).</summary>
    public static bool IsInvariant(string text) => IsPlain(text);

    private static bool IsPlain(ReadOnlySpan<char> s) => PlainDigits(s) >= 0;

    // ^-?[0-9]+(\.[0-9]+)?\z, read by hand: every value of every data file passes here, also in the explorer's WebAssembly
    // interpreter, where a regular expression's machinery per call was a visible part of the first paint. Unlike a
    // regex's $, nothing may follow the digits, not even a line break. The number of digits when it matches, else -1.
    private static int PlainDigits(ReadOnlySpan<char> s)
    {
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        var integer = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == integer) return -1;
        if (i == s.Length) return i - integer;
        if (s[i] != '.') return -1;
        var fraction = ++i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i > fraction && i == s.Length ? i - integer - 1 : -1;
    }

    /// <summary>Whether <paramref name="value"/> (parsed from invariant <paramref name="text"/>) is finite and equals the written decimal exactly.</summary>
    public static bool IsExact(string text, double value) =>
        double.IsFinite(value)
        && (RoundTripsByDigitCount(text) || decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var written)
        && decimal.TryParse(Format(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var held)
        && written == held);

    // An invariant number of at most 15 digits (leading zeros included, so it lies between 1e-14 and 1e15 or is zero): the
    // shortest round-trip text of its nearest double reads back as the same decimal, because any two decimals of at most 15
    // digits have different nearest doubles (DBL_DIG = 15 for IEEE 754 binary64; C's <float.h>). So the decimal comparison
    // above is only needed for longer numbers: a fast path for loading data.
    private static bool RoundTripsByDigitCount(string text) => PlainDigits(text) is >= 0 and <= 15;

    /// <summary>Shortest round-trip invariant text of a value (for derived and harmonised values).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?[0-9]{1,3}( [0-9]{3})+([.,][0-9]+)?$")]
    private static partial Regex Grouped();
}
