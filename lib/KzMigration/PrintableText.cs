using System.Globalization;
using System.Text;

namespace KzMigration;

/// <summary>
/// The one rule for text from input files that reaches a message: control characters are shown, not sent. A cell, a
/// sheet name or a CSV field can hold ESC sequences (which recolour, move the cursor or retitle a terminal), NUL, a
/// carriage return (which overwrites the line shown) or bidirectional overrides (which reorder what is read); each is
/// written as a visible escape (<c>\x1B</c>, <c>\u202E</c>). Line feeds and tabs stay. Every error message of the data
/// layer passes through here (<see cref="DataFileException"/>, <c>Data.Import.ImportFormatException</c>), and the
/// command line's writers apply it to everything else they print.
/// </summary>
public static class PrintableText
{
    /// <summary>Whether <paramref name="c"/> is shown as an escape: C0 and C1 controls but line feed and tab, DEL, and bidirectional controls.</summary>
    public static bool IsHidden(char c) =>
        (c < 0x20 && c is not '\n' and not '\t') || c is >= '\x7F' and <= '\x9F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    /// <summary><paramref name="text"/> with every hidden character written as a visible escape.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsHidden)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text) Append(sb, c);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="c"/>, escaped if hidden.</summary>
    public static void Append(StringBuilder sb, char c)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (!IsHidden(c)) sb.Append(c);
        else if (c <= '\xFF') sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
        else sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
    }
}
