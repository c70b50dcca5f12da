using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using KzMigration.Data;
using KzMigration.Regions;
using KzMigration.Scoring;

namespace KzMigration.Specification;

/// <summary>
/// How one value is written and read, in one object (NodaTime's <c>IPattern</c>: parse and format on one type, so they
/// agree): <see cref="Format"/> writes a value, <see cref="Parse"/> reads it back and checks its bounds, <see cref="Values"/>
/// says in words what is accepted (for <c>kzmig spec</c> and for errors). Texts are invariant-culture and never contain
/// ';' or a line break, which separate the items of a specification.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class ValueCodec<T>
{
    private readonly Func<string, T> parse;
    private readonly Func<T, string> format;

    internal ValueCodec(Func<string, T> parse, Func<T, string> format, string values)
    {
        this.parse = parse;
        this.format = format;
        Values = values;
    }

    /// <summary>What is accepted, in words: the codes, the form of a list, the bounds (e.g. «a whole number from 99 to 1000000»).</summary>
    public string Values { get; }

    /// <summary>The text of <paramref name="value"/>, which <see cref="Parse"/> reads back to an equal value.</summary>
    public string Format(T value) => format(value);

    /// <summary>
    /// Reads a value (surrounding white space ignored). Throws <see cref="FormatException"/> whose message is the reason,
    /// quoting the text (e.g. «'abc' is not a whole number; expected a whole number from 1 to 10000000.»); the field that
    /// called it puts its name in front. Never throws anything else.
    /// </summary>
    public T Parse(string text) => parse((text ?? "").Trim());

    /// <summary>The same value written another way: a view of this codec through a pair of inverse functions.</summary>
    internal ValueCodec<TOther> Select<TOther>(Func<T, TOther> to, Func<TOther, T> from) =>
        new(s => to(parse(s)), v => format(from(v)), Values);
}

/// <summary>
/// The builders of <see cref="ValueCodec{T}"/>: one per kind of value the study's choices take (whole numbers, numbers,
/// yes/no, codes, names, years, boundary eras). Numbers and lists are written as the scoring choices are
/// (<see cref="ScoringText"/>, one layer down, where the text of the band scale lives), so one text form has one writer. Bounds are arguments, so each field states its own once, where it is
/// declared (<see cref="SpecificationFields"/>); years are bounded by the years a data table may hold
/// (<see cref="DataTables.FirstYear"/>–<see cref="DataTables.LastYear"/>), the one place those bounds live.
/// </summary>
public static class ValueCodec
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // Digits with an optional sign: a whole number as typed, whatever its size (so 1e12 is «out of bounds», not «not a number»).
    private static readonly Regex WholeNumberText = new(@"^[+-]?[0-9]+$", RegexOptions.CultureInvariant);

    private static FormatException Refused(string text, string reason) => new($"'{text}' {reason}");

    /// <summary>
    /// A codec of its own: <paramref name="parse"/> reads a trimmed text or throws <see cref="FormatException"/> with the reason
    /// (quoting the text), <paramref name="format"/> writes what it reads back, <paramref name="values"/> says what is accepted.
    /// </summary>
    public static ValueCodec<T> Of<T>(Func<string, T> parse, Func<T, string> format, string values) => new(parse, format, values);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ValueCodec<int> WholeNumber(int min, int max)
    {
        var values = string.Create(C, $"a whole number from {min} to {max}");
        return new(s =>
        {
            if (!WholeNumberText.IsMatch(s)) throw Refused(s, $"is not a whole number; expected {values}.");
            return int.TryParse(s, NumberStyles.AllowLeadingSign, C, out var n) && n >= min && n <= max ? n
                : throw Refused(s, $"is out of bounds; expected {values}.");
        }, n => n.ToString(C), values);
    }

    /// <summary>A seed: a whole number from 0 to 18446744073709551615 (2⁶⁴ − 1).</summary>
    public static ValueCodec<ulong> Seed()
    {
        var values = string.Create(C, $"a whole number from 0 to {ulong.MaxValue}");
        return new(s =>
        {
            if (!WholeNumberText.IsMatch(s)) throw Refused(s, $"is not a whole number; expected {values}.");
            return ulong.TryParse(s, NumberStyles.AllowLeadingSign, C, out var n) ? n : throw Refused(s, $"is out of bounds; expected {values}.");
        }, n => n.ToString(C), values);
    }

    /// <summary>
    /// A finite number between <paramref name="min"/> and <paramref name="max"/>, each bound included unless
    /// <paramref name="open"/> says so; written so that it reads back exactly ("R").
    /// </summary>
    public static ValueCodec<double> Number(double min, double max, Bounds open = Bounds.Closed)
    {
        var values = "a number " + Range(min, max, open);
        return new(s => Bounded(s, min, max, open, values), Write, values);
    }

    /// <summary>Which ends of a numeric range are excluded.</summary>
    [Flags]
    public enum Bounds
    {
        /// <summary>Both bounds are allowed values.</summary>
        Closed = 0,

        /// <summary>The lower bound is excluded (e.g. a band of negligible effects, above 0).</summary>
        LowerOpen = 1,

        /// <summary>The upper bound is excluded (e.g. a confidence level, below 1).</summary>
        UpperOpen = 2,

        /// <summary>Both bounds are excluded.</summary>
        Open = LowerOpen | UpperOpen,
    }

    private static string Range(double min, double max, Bounds open)
    {
        return open switch
        {
            Bounds.Closed => $"from {Write(min)} to {Write(max)}",
            Bounds.LowerOpen => $"above {Write(min)}, at most {Write(max)}",
            Bounds.UpperOpen => $"from {Write(min)}, below {Write(max)}",
            _ => $"above {Write(min)} and below {Write(max)}",
        };
    }

    private static double Bounded(string s, double min, double max, Bounds open, string values)
    {
        if (!double.TryParse(s, NumberStyles.Float, C, out var x) || !double.IsFinite(x)) throw Refused(s, $"is not a finite number; expected {values}.");
        var inside = (open.HasFlag(Bounds.LowerOpen) ? x > min : x >= min) && (open.HasFlag(Bounds.UpperOpen) ? x < max : x <= max);
        return inside ? x : throw Refused(s, $"is out of bounds; expected {values}.");
    }

    /// <summary>The text of a number that reads back to the same double, invariant culture (<see cref="ScoringText.Number"/>).</summary>
    public static string Write(double x) => ScoringText.Number(x);

    /// <summary><c>yes</c> or <c>no</c> (also read: true/false, 1/0).</summary>
    public static ValueCodec<bool> YesNo() => new(s => s.ToLowerInvariant() switch
    {
        "yes" or "true" or "1" => true,
        "no" or "false" or "0" => false,
        _ => throw Refused(s, "is not yes or no; expected yes or no."),
    }, b => b ? "yes" : "no", "yes or no");

    /// <summary>
    /// One of a set of values, each written as its code (<paramref name="code"/>; parse is its inverse, so the two agree by
    /// construction), case-insensitively; <paramref name="aliases"/> are other spellings read as a value. With
    /// <paramref name="loose"/>, '_', '-' and spaces are ignored when reading (<c>weighted-sum</c> = <c>weighted_sum</c>).
    /// A text that names none: «'x' is not NOUN; expected a, b or c.»
    /// </summary>
    public static ValueCodec<T> Choice<T>(string noun, IEnumerable<T> values, Func<T, string> code, IEnumerable<(string Alias, T Value)>? aliases = null, bool loose = false)
        where T : notnull
    {
        var all = values.ToList();
        string Key(string s) => loose ? s.ToLowerInvariant().Replace("_", "").Replace("-", "").Replace(" ", "") : s.ToLowerInvariant();
        var read = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var v in all) read.Add(Key(code(v)), v);
        foreach (var (alias, v) in aliases ?? []) read.TryAdd(Key(alias), v);
        var expected = Alternatives(all.Select(code));
        return new(s => read.TryGetValue(Key(s), out var v) ? v : throw Refused(s, $"is not {noun}; expected {expected}."), v => code(v), expected);
    }

    /// <summary>«a, b or c».</summary>
    internal static string Alternatives(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    /// <summary>
    /// Names (indicator ids) separated by commas, each of letters, digits, '_', '-', '.' or spaces. <paramref name="empty"/> is
    /// the word for the empty list (<c>none</c> or <c>all</c>), or null when the list may not be empty; with
    /// <paramref name="distinct"/>, a name may not repeat. The order is kept.
    /// </summary>
    public static ValueCodec<ImmutableArray<string>> Names(string? empty, bool distinct = false)
    {
        var values = "names separated by commas, e.g. unemployment_rate,job_seekers" + (empty is null ? "" : $", or {empty}")
            + (distinct ? ", each once" : "");
        return new(s =>
        {
            if (empty is not null && s.Equals(empty, StringComparison.OrdinalIgnoreCase)) return [];
            var names = s.Split(',', StringSplitOptions.TrimEntries);
            for (var n = 0; n < names.Length; n++)
            {
                if (!IsName(names[n])) throw new FormatException($"item {n + 1} '{names[n]}' is not an indicator name; expected {values}.");
                if (distinct && names.Take(n).Contains(names[n], StringComparer.OrdinalIgnoreCase))
                    throw new FormatException($"item {n + 1} '{names[n]}' is given twice; expected {values}.");
            }
            return [.. names];
        }, names => ScoringText.Names(names, empty), values);
    }

    private static bool IsName(string name) =>
        name.Length > 0 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' or ' ');

    /// <summary>
    /// Numbers separated by commas (at least one), each finite; <paramref name="none"/>: the word for the empty list, or null.
    /// With <paramref name="increasing"/>, each must be above the one before. <paramref name="example"/> is shown in errors.
    /// </summary>
    public static ValueCodec<ImmutableArray<double>> Numbers(string example, string? none = null, bool increasing = false)
    {
        var values = $"finite numbers separated by commas{(increasing ? ", strictly increasing" : "")}, e.g. {example}" + (none is null ? "" : $", or {none}");
        return new(s =>
        {
            if (none is not null && s.Equals(none, StringComparison.OrdinalIgnoreCase)) return [];
            var items = s.Split(',', StringSplitOptions.TrimEntries);
            var result = new double[items.Length];
            for (var n = 0; n < items.Length; n++)
            {
                if (!double.TryParse(items[n], NumberStyles.Float, C, out result[n]) || !double.IsFinite(result[n]))
                    throw new FormatException($"item {n + 1} '{items[n]}' in '{s}' is not a number (a finite one); expected invariant-culture numbers separated by commas, e.g. \"{example}\".");
                if (increasing && n > 0 && result[n] <= result[n - 1])
                    throw new FormatException($"'{s}' must increase strictly (item {n + 1} = {Write(result[n])} is not above item {n}).");
            }
            return [.. result];
        }, xs => ScoringText.Numbers(xs, none), values);
    }

    /// <summary>
    /// Labels separated by commas (at least one), none empty and none with a control character: a label is shown in
    /// tables, on pages and in a printed command line.
    /// </summary>
    public static ValueCodec<ImmutableArray<string>> Labels()
    {
        const string values = "labels separated by commas, e.g. very low,low,medium,high,very high";
        return new(s =>
        {
            var labels = s.Split(',', StringSplitOptions.TrimEntries);
            for (var n = 0; n < labels.Length; n++)
            {
                if (labels[n].Length == 0) throw new FormatException($"'{s}' has an empty label (item {n + 1}); expected {values}.");
                if (labels[n].Any(ch => char.IsControl(ch) || ch == ';')) throw new FormatException($"item {n + 1} has a control character or a ';'; expected {values}.");
            }
            return [.. labels];
        }, ScoringText.Labels, values);
    }

    /// <summary>
    /// Indicator weights <c>name=weight</c> (':' also read) separated by commas, each a finite number ≥ 0, each indicator
    /// once (compared as <see cref="IndicatorPanel.Key"/> does), or <c>none</c>. Written sorted by name.
    /// </summary>
    public static ValueCodec<ImmutableDictionary<string, double>> Weights()
    {
        const string values = "indicator=weight pairs separated by commas, each weight a finite number ≥ 0, e.g. grp_per_capita=2,unemployment_rate=0.5, or none";
        return new(s =>
        {
            if (s.Equals("none", StringComparison.OrdinalIgnoreCase)) return ImmutableDictionary<string, double>.Empty;
            var builder = ImmutableDictionary.CreateBuilder<string, double>();
            foreach (var item in s.Split(',', StringSplitOptions.TrimEntries))
            {
                var at = item.IndexOfAny(['=', ':']);
                var name = at > 0 ? item[..at].Trim() : "";
                if (at <= 0 || !IsName(name) || !double.TryParse(item[(at + 1)..], NumberStyles.Float, C, out var w) || !double.IsFinite(w) || w < 0)
                    throw new FormatException($"'{item}' is not indicator=weight with a finite weight ≥ 0; e.g. \"grp_per_capita=2,unemployment_rate=0.5\".");
                if (builder.Keys.Any(k => IndicatorPanel.Key(k) == IndicatorPanel.Key(name))) throw new FormatException($"'{name}' is given twice.");
                builder[name] = w;
            }
            return builder.ToImmutable();
        }, ScoringText.Weights, values);
    }

    // ==== Years: one set of bounds, one reading of a year ========================================================

    /// <summary>The bounds of a year of the study: the years a data table may hold.</summary>
    public static string YearBounds { get; } = string.Create(C, $"a year from {DataTables.FirstYear} to {DataTables.LastYear}");

    private static readonly Regex YearText = new("^[0-9]{4}$", RegexOptions.CultureInvariant);

    // A year as typed (four digits), within the bounds, or the reason it is not.
    private static int ReadYear(string s, string whole, string expected)
    {
        if (!YearText.IsMatch(s)) throw new FormatException($"'{s}'{(s == whole ? "" : $" in '{whole}'")} is not a year; expected {expected}.");
        return int.TryParse(s, NumberStyles.None, C, out var y) && y >= DataTables.FirstYear && y <= DataTables.LastYear ? y
            : throw new FormatException($"'{s}'{(s == whole ? "" : $" in '{whole}'")} is out of bounds; expected {YearBounds}.");
    }

    /// <summary>One year, e.g. <c>2022</c>.</summary>
    public static ValueCodec<int> Year() => new(s => ReadYear(s, s, YearBounds), y => y.ToString(C), YearBounds);

    /// <summary>An inclusive range <c>2015-2022</c> (one year alone: <c>2022</c> = <c>2022-2022</c>); written <c>from-to</c>.</summary>
    public static ValueCodec<(int From, int To)> YearRange()
    {
        var values = $"a range of years such as 2015-2022 (or one year), each {YearBounds}";
        return new(s =>
        {
            var parts = s.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length > 2) throw new FormatException($"'{s}' is not a range of years; expected {values}.");
            var from = ReadYear(parts[0], s, values);
            var to = ReadYear(parts[^1], s, values);
            return to >= from ? (from, to) : throw new FormatException($"range '{s}' runs backwards; expected {values}.");
        }, r => string.Create(C, $"{r.From}-{r.To}"), values);
    }

    /// <summary>
    /// A set of years: years and ranges separated by commas (<c>2015-2017,2022</c>), or <c>all</c> (the empty set); read as
    /// the sorted set, written as the list of its years.
    /// </summary>
    public static ValueCodec<ImmutableArray<int>> YearSet()
    {
        var values = $"years or ranges separated by commas, e.g. 2022, 2015-2022 or 2019,2022, each {YearBounds}, or all";
        return new(s =>
        {
            if (s.Equals("all", StringComparison.OrdinalIgnoreCase)) return [];
            var years = new SortedSet<int>();
            foreach (var item in s.Split(',', StringSplitOptions.TrimEntries))
            {
                var range = item.Split('-', StringSplitOptions.TrimEntries);
                if (range.Length > 2) throw new FormatException($"'{item}' is not a year or a range; expected {values}.");
                int from = ReadYear(range[0], item, values), to = ReadYear(range[^1], item, values);
                if (to < from) throw new FormatException($"range '{item}' runs backwards; expected {values}.");
                for (var y = from; y <= to; y++) years.Add(y);
            }
            return [.. years];
        }, ScoringText.Years, values);
    }

    /// <summary>Years separated by commas (at least one), each once, in the order given.</summary>
    public static ValueCodec<ImmutableArray<int>> YearList()
    {
        var values = $"years separated by commas, each once, e.g. 2015,2020,2021, each {YearBounds}";
        return new(s =>
        {
            var years = new List<int>();
            foreach (var item in s.Split(',', StringSplitOptions.TrimEntries))
            {
                var y = ReadYear(item, s, values);
                if (years.Contains(y)) throw new FormatException($"'{item}' is given twice in '{s}'; expected {values}.");
                years.Add(y);
            }
            return [.. years];
        }, ScoringText.Years, values); // never empty: at least one year
    }

    /// <summary>A boundary era by its id (<see cref="BoundaryEra.TryParse"/>: 2015, 2018, 2022).</summary>
    public static ValueCodec<BoundaryEra> Era()
    {
        var expected = Alternatives(BoundaryEra.All.Select(e => e.Id));
        return new(s => BoundaryEra.TryParse(s, out var era) ? era : throw Refused(s, $"is not a boundary era; expected {expected}."), e => e.Id, expected);
    }
}
