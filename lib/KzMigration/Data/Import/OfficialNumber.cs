using KzMigration.Regions;

namespace KzMigration.Data.Import;

/// <summary>Which number spellings a format is documented to use. Anything else is an error, not a guess.</summary>
[Flags]
public enum NumberSyntax
{
    /// <summary>Digits, optional leading minus, optional <c>.</c> decimals (taldau JSON, docs/official-formats.md §1).</summary>
    Plain = 0,

    /// <summary>Groups of three digits separated by U+0020, U+00A0 or U+202F (iblock VAL, docs/official-formats.md §2, §5).</summary>
    GroupSeparators = 1,

    /// <summary><c>,</c> accepted as the decimal mark instead of <c>.</c> (bulletin text cells such as <c>0,0</c>, §3.3(d), §5.1).</summary>
    DecimalComma = 2,
}

/// <summary>Culture-invariant reading of numbers as official files print them.</summary>
public static class OfficialNumber
{
    /// <summary>Classifies a cell's text: a gap marker, a confidentiality marker, or (null) a candidate number.</summary>
    public static ValueKind? Marker(string raw)
    {
        var t = raw.Trim();
        return t switch
        {
            "" or "-" or "..." or "…" => ValueKind.Missing,
            "x" or "X" or "х" or "Х" => ValueKind.Confidential, // Latin and Cyrillic x (docs/official-formats.md §3)
            _ => null,
        };
    }

    /// <summary>
    /// Parses <paramref name="raw"/> under <paramref name="syntax"/>; false when it is not a number in that syntax. The
    /// grammar is the data layer's one number grammar (<see cref="DataNumber.TryParse"/>): groups by the separators of
    /// <see cref="NumberFormat.Official"/> must be regular (1–3 digits, then groups of three); with
    /// <see cref="NumberSyntax.DecimalComma"/> a text without «.» takes «,» as its decimal mark.
    /// </summary>
    public static bool TryParse(string raw, NumberSyntax syntax, out double value)
    {
        var t = raw.Trim();
        var comma = syntax.HasFlag(NumberSyntax.DecimalComma) && !t.Contains('.');
        var format = syntax.HasFlag(NumberSyntax.GroupSeparators) ? NumberFormat.Official(comma ? ',' : '.')
            : comma ? NumberFormat.Invariant with { DecimalSeparator = ',' } : NumberFormat.Invariant;
        var parsed = DataNumber.TryParse(t, format);
        value = parsed ?? 0;
        return parsed is not null;
    }

    /// <summary>
    /// Parses a number with a footnote mark glued to it, as BNS prints them: <c>160 0005)</c> is 160 000 with
    /// footnote <c>5)</c>, <c>4821971)</c> is 482 197 with footnote <c>1)</c>. The mark is the one or two digits
    /// before the closing parenthesis; which split is meant is decided by the number's own grouping (a last group
    /// has three digits), then by the marks the sheet's footnote list defines (<paramref name="marks"/>), then by
    /// the shorter mark (single-digit footnotes are the rule in BNS tables).
    /// </summary>
    public static bool TryParseFootnoted(string raw, NumberSyntax syntax, IReadOnlyCollection<string> marks, out double value, out string? mark)
    {
        (value, mark) = (0, null);
        var t = raw.Trim();
        if (t.Length < 3 || t[^1] != ')') return false;
        var body = t[..^1];
        var candidates = new List<(double Value, string Mark)>();
        for (var digits = 1; digits <= 2 && digits < body.Length; digits++)
        {
            var tail = body[^digits..];
            if (!tail.All(char.IsAsciiDigit)) break;
            if (!FootnoteMark.IsNumbered(tail + ")")) continue; // footnotes are numbered from 1

            var number = body[..^digits].TrimEnd();
            if (number.Length > 0 && char.IsAsciiDigit(number[^1]) && TryParse(number, syntax, out var v)) candidates.Add((v, tail + ")"));
        }
        if (candidates.Count == 0) return false;
        var chosen = candidates.FirstOrDefault(c => marks.Contains(c.Mark));
        if (chosen.Mark is null) chosen = candidates[0];
        (value, mark) = chosen;
        return true;
    }
}
