using System.Text.RegularExpressions;

namespace KzMigration.Data.Import;

/// <summary>
/// Reads the period labels official files print (docs/official-formats.md §3, §5): <c>2019 год</c>, <c>1 квартал 2023 г.</c>,
/// <c>I полугодие 2008 года</c>, <c>9 месяцев 2008 года</c> (year-to-date), <c>I quarter</c> under a year,
/// <c>January</c>, <c>январь-июнь 2019 г.</c>, <c>на 1 января 2023 года</c>, and bare years.
/// </summary>
public static partial class ReportingPeriod
{
    private static readonly string[] MonthCodes = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // Stems cover Russian nominative/genitive, Kazakh and English month names.
    private static readonly (string Stem, int Month)[] MonthStems =
    [
        ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6), ("июл", 7), ("август", 8),
        ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
        ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5), ("маусым", 6), ("шілде", 7),
        ("тамыз", 8), ("қыркүйек", 9), ("қазан", 10), ("қараша", 11), ("желтоқсан", 12),
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ];

    /// <summary>The bundled data's period words: <c>Jan-Dec</c>, <c>Jan-Jun</c>, <c>Apr-Jun</c>, <c>Mar</c>; <c>1 Jan</c> for a stock on a date.</summary>
    public static string Code(DateOnly start, DateOnly end)
    {
        if (start == end) return $"{start.Day} {MonthCodes[start.Month - 1]}";
        return start.Month == end.Month && start.Year == end.Year
            ? MonthCodes[start.Month - 1]
            : $"{MonthCodes[start.Month - 1]}-{MonthCodes[end.Month - 1]}";
    }

    /// <summary>The last day of a month.</summary>
    public static DateOnly MonthEnd(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    /// <summary>
    /// Parses a label into the days it covers. <paramref name="year"/> supplies the year when the label has none
    /// (a quarter under a merged year header, a month in a table whose year is only in the file name).
    /// Returns null when the label is not a period.
    /// </summary>
    public static (DateOnly Start, DateOnly End)? Parse(string label, int? year = null)
    {
        var t = PrintedName.Split(label).Text.ToLowerInvariant().Replace('–', '-').Replace('—', '-');
        if (t.Length == 0) return null;

        // A year with an optional word: "2019", "2019 год", "2019 г.", "2023 года", "2019 жыл"
        var m = YearOnly().Match(t);
        if (m.Success) return Months(int.Parse(m.Groups["y"].Value), 1, 12);

        // Stock on a date: "на 1 января 2023 года", "1 января 2023 г.", "2023 жылғы 1 қаңтарға"
        m = OnDate().Match(t);
        if (m.Success && MonthOf(m.Groups["m"].Value) is { } dm && YearOf(m, year) is { } dy)
        {
            var day = new DateOnly(dy, dm, int.Parse(m.Groups["d"].Value));
            return (day, day);
        }

        var y = YearIn().Match(t) is { Success: true } ym ? int.Parse(ym.Value) : year;
        var body = YearIn().Replace(t, " ");
        body = Noise().Replace(body, " ").Trim();
        if (y is not { } yy || yy < 1900 || yy > 2100) return null;

        m = Quarter().Match(body);
        if (m.Success) { var q = Ordinal(m.Groups["n"].Value); return q is >= 1 and <= 4 ? Months(yy, 3 * q - 2, 3 * q) : null; }
        m = Half().Match(body);
        if (m.Success) { var h = Ordinal(m.Groups["n"].Value); return h is 1 ? Months(yy, 1, 6) : h is 2 ? Months(yy, 7, 12) : null; }
        m = MonthsToDate().Match(body);
        if (m.Success) { var n = int.Parse(m.Groups["n"].Value); return n is >= 1 and <= 12 ? Months(yy, 1, n) : null; }
        if (body is "year" or "год" or "жыл") return Months(yy, 1, 12);

        m = MonthRange().Match(body);
        if (m.Success && MonthOf(m.Groups["a"].Value) is { } a)
        {
            if (!m.Groups["b"].Success) return Months(yy, a, a);
            if (MonthOf(m.Groups["b"].Value) is { } b && b >= a) return Months(yy, a, b);
        }
        return null;
    }

    /// <summary>True when the label is a bare year or month name without a year, i.e. a header that needs a year from elsewhere.</summary>
    public static bool NeedsYear(string label) => Parse(label) is null && Parse(label, 2000) is not null;

    /// <summary>A header cell holding just a year, as a number (<c>2003</c>) or as text (<c>2003</c>, <c>2003 год</c>).</summary>
    public static int? BareYear(string label)
    {
        var m = YearOnly().Match(PrintedName.Split(label).Text.ToLowerInvariant());
        return m.Success ? int.Parse(m.Groups["y"].Value) : null;
    }

    private static (DateOnly, DateOnly) Months(int year, int from, int to) => (new DateOnly(year, from, 1), MonthEnd(year, to));

    private static int? YearOf(Match m, int? fallback) => m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value) : fallback;

    private static int? MonthOf(string word)
    {
        word = word.Trim().TrimEnd('.');
        if (word.Length < 3) return null;
        // "ма" (май/мая) is a short stem; require the whole word there so "март" is not read as May.
        foreach (var (stem, month) in MonthStems)
            if (stem == "ма" ? word is "май" or "мая" : word.StartsWith(stem, StringComparison.Ordinal)) return month;
        return null;
    }

    private static int Ordinal(string n) => n switch
    {
        "i" or "1" => 1, "ii" or "2" => 2, "iii" or "3" => 3, "iv" or "4" => 4, _ => 0,
    };

    [GeneratedRegex(@"^(?<y>(19|20)\d{2})(\.0+)?(\s*(год|года|г\.?|жыл|жылы|year))?$")]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"^(на\s+)?(?<d>\d{1,2})\s+(?<m>\p{L}+)\s*((?<y>(19|20)\d{2})\s*(год|года|г\.?)?)?$|^(?<y>(19|20)\d{2})\s+жылғы\s+(?<d>\d{1,2})\s+(?<m>\p{L}+)$")]
    private static partial Regex OnDate();

    [GeneratedRegex(@"(?<!\d)(19|20)\d{2}(?!\d)")]
    private static partial Regex YearIn();

    // Words around the period that carry no meaning: "года", "г.", "год"-suffix after a year was removed.
    [GeneratedRegex(@"\b(года|г\.|г\b|жылғы|жыл)|\s+")]
    private static partial Regex Noise();

    [GeneratedRegex(@"^(?<n>i{1,3}|iv|[1-4])(-?й)?\s*(квартал|quarter|тоқсан)$")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^(?<n>i{1,2}|[12])(-?е)?\s*(полугодие|half-year|half year|жартыжылдық)$")]
    private static partial Regex Half();

    [GeneratedRegex(@"^(?<n>\d{1,2})\s*(месяц|месяца|месяцев|months|ай)$")]
    private static partial Regex MonthsToDate();

    [GeneratedRegex(@"^(?<a>\p{L}+)(\s*-\s*(?<b>\p{L}+))?$")]
    private static partial Regex MonthRange();
}
