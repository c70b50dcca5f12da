using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

using KzMigration.Scoring;

namespace KzMigration.Specification;

/// <summary>
/// The parser of the study's specification (<see cref="StudySpecification"/>) and of its sections, and of data edits.
/// Reads scoring choices and data edits from short strings (notebook parameters, command-line options),
/// always in the invariant culture (decimal point '.', list separator ','). Malformed input throws
/// <see cref="FormatException"/> naming the parameter, the offending item and an example of what is expected.
/// <para>Parameter syntax (each one optional; null or blank keeps the baseline):</para>
/// <list type="table">
/// <item><term>thresholds</term><description><c>70,95,105,150</c> — strictly increasing percentages (<c>none</c>: one band).</description></item>
/// <item><term>points</term><description><c>-2,-1,0.5,1,2</c> — one more than thresholds, lowest band first.</description></item>
/// <item><term>labels</term><description><c>very low,low,medium,high,very high</c> — one per band.</description></item>
/// <item><term>boundary</term><description><c>lower</c> (default), <c>upper</c>, <c>rounded</c> (alias <c>printed</c>).</description></item>
/// <item><term>reference</term><description><c>published</c> (alias <c>national</c>), <c>mean</c>, <c>weighted</c> (alias <c>population</c>), <c>median</c>.</description></item>
/// <item><term>reference_fallback</term><description><c>median</c> (default), <c>mean</c>, <c>weighted</c> or <c>none</c>: the reference of an indicator in a year whose
/// <c>reference</c> cannot be formed (no published national figure, e.g. the average wage before 2022; <see cref="ScoringSpec.ReferenceFallback"/>).</description></item>
/// <item><term>invert</term><description><c>unemployment_rate,job_seekers</c>, or <c>none</c>.</description></item>
/// <item><term>indicators</term><description><c>grp_per_capita,income_per_capita</c>, or <c>all</c>.</description></item>
/// <item><term>weights</term><description><c>grp_per_capita=2,unemployment_rate=0.5</c> (':' also accepted), or <c>none</c>.</description></item>
/// <item><term>aggregation</term><description><c>sum</c>, <c>weighted_sum</c>, <c>weighted_mean</c>.</description></item>
/// <item><term>years</term><description><c>2022</c>, <c>2015-2022</c>, <c>2019,2022</c>, or <c>all</c>.</description></item>
/// <item><term>housing</term><description><c>resale</c> (default) or <c>new</c>: which BNS price per m² is the factor «housing prices» (<see cref="HousingChoice"/>).</description></item>
/// <item><term>programme_prices</term><description><c>excluded</c> (default) or <c>included</c>: whether state-programme prices are scored.</description></item>
/// </list>
/// <para>Edits: <c>region:indicator[@year]OP</c> separated by ';' or ',', where OP is <c>*factor</c>, <c>=value</c>,
/// <c>+pct%</c> or <c>-pct%</c>; e.g. <c>turkestan:avg_monthly_wage*1.2; almaty city:grp_per_capita@2022-10%</c>.</para>
/// </summary>
public static partial class SpecificationParser
{
    private static readonly string[] ScoringNames = ["thresholds", "points", "labels", "boundary", "reference", "reference_fallback", "invert", "indicators", "weights", "aggregation", "years", "housing", "programme_prices"];

    /// <summary>Applies the given parameter strings to a baseline specification (default <see cref="ScoringSpec.Paper"/>).</summary>
    public static ScoringSpec ApplyScoring(
        ScoringSpec? baseline = null, string? thresholds = null, string? points = null, string? labels = null, string? boundary = null,
        string? reference = null, string? invert = null, string? indicators = null, string? weights = null, string? aggregation = null, string? years = null,
        string? housing = null, string? programmePrices = null, string? referenceFallback = null)
    {
        var spec = baseline ?? ScoringSpec.Paper;
        if (Given(referenceFallback)) spec = spec with { ReferenceFallback = ParseReferenceFallback(referenceFallback!) };
        if (Given(housing)) spec = spec with { Housing = spec.Housing with { Price = HousingChoice.ParsePrice(housing!) } };
        if (Given(programmePrices)) spec = spec with { Housing = spec.Housing with { Programme = HousingChoice.ParseProgramme(programmePrices!) } };
        if (Given(reference)) spec = spec with { Reference = ParseReference(reference!) };
        if (Given(aggregation)) spec = spec with { Aggregation = ParseAggregation(aggregation!) };
        if (Given(invert)) spec = spec with { Inverted = NameList("invert", invert!) };
        if (Given(indicators)) spec = spec with { Indicators = IsAll(indicators!) ? [] : NameList("indicators", indicators!) };
        if (Given(weights)) spec = spec with { Weights = ParseWeights(weights!) };
        if (Given(years)) spec = spec with { Years = ParseYears(years!) };
        if (Given(thresholds) || Given(points) || Given(labels) || Given(boundary))
            spec = spec with { Bands = ParseBands(spec.Bands, thresholds, points, labels, boundary) };
        return spec;
    }

    /// <summary>
    /// Reads the scoring section: "name=value; name=value" text (names as in <see cref="ApplyScoring"/>, optionally with
    /// the path prefix <c>scoring.</c>) applied to a baseline, e.g. <c>"thresholds=70,95,105,150; reference=median;
    /// invert=unemployment_rate"</c>. Reads what <see cref="SpecificationFormatter.Format(ScoringSpec)"/> writes.
    /// </summary>
    public static ScoringSpec ParseScoring(string text, ScoringSpec? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in Items(text, "Scoring parameters", "reference=median"))
        {
            var name = Unprefixed(path, ScoringSection);
            if (!ScoringNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new FormatException($"Scoring parameters: unknown parameter '{path}'; known: {string.Join(", ", ScoringNames)}.");
            if (!values.TryAdd(name, value)) throw new FormatException($"Scoring parameters: '{name}' is given twice.");
        }
        return ApplyScoringValues(baseline, values);
    }

    // The scoring section's values (names without prefix) applied at once: thresholds, points and labels depend on each other.
    private static ScoringSpec ApplyScoringValues(ScoringSpec? baseline, IReadOnlyDictionary<string, string> values)
    {
        string? Get(string n) => values.TryGetValue(n, out var v) ? v : null;
        return ApplyScoring(baseline, Get("thresholds"), Get("points"), Get("labels"), Get("boundary"), Get("reference"),
            Get("invert"), Get("indicators"), Get("weights"), Get("aggregation"), Get("years"), Get("housing"), Get("programme_prices"), Get("reference_fallback"));
    }

    private static readonly Regex EditPattern = new(
        @"^(?<region>[^:@*=%]+?)\s*:\s*(?<indicator>[A-Za-z0-9_.\-]+?)\s*(?:@\s*(?<year>\d{4})\s*)?(?<op>[*=+\-])\s*(?<number>[0-9.eE+\-]+)\s*(?<pct>%)?$",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// Parses edits such as <c>"turkestan:avg_monthly_wage*1.2"</c> (× 1.2), <c>"turkestan:avg_monthly_wage+20%"</c>
    /// (the same), <c>"atyrau:grp_per_capita@2022=20000"</c> (set), separated by ';' or ','. Blank text → no edits.
    /// </summary>
    public static IReadOnlyList<ValueEdit> ParseEdits(string? text)
    {
        if (!Given(text)) return [];
        var edits = new List<ValueEdit>();
        var items = text!.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var n = 0; n < items.Length; n++)
        {
            var item = items[n];
            var m = EditPattern.Match(item);
            var expected = "expected region:indicator[@year] then *factor, =value, +pct% or -pct%, e.g. \"turkestan:avg_monthly_wage*1.2\"";
            if (!m.Success) throw new FormatException($"edits: item {n + 1} '{item}' is not an edit; {expected}.");
            var op = m.Groups["op"].Value;
            var pct = m.Groups["pct"].Success;
            if (!double.TryParse(m.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
                throw new FormatException($"edits: item {n + 1} '{item}': '{m.Groups["number"].Value}' is not a number; {expected}.");
            if (pct != op is "+" or "-")
                throw new FormatException($"edits: item {n + 1} '{item}': {(pct ? $"'%' goes with + or -, not '{op}'" : $"'{op}{x}' needs a percent sign ('{op}{x}%')")}; {expected}.");
            int? year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
            var (operation, amount) = op switch
            {
                "*" => (EditOperation.Multiply, x),
                "=" => (EditOperation.Set, x),
                "+" => (EditOperation.Multiply, 1 + x / 100),
                _ => (EditOperation.Multiply, 1 - x / 100),
            };
            edits.Add(new ValueEdit(m.Groups["region"].Value.Trim(), m.Groups["indicator"].Value, year, operation, amount));
        }
        return edits;
    }

    private static bool Given(string? s) => !string.IsNullOrWhiteSpace(s);

    private static bool IsAll(string s) => s.Trim().Equals("all", StringComparison.OrdinalIgnoreCase);

    private static ReferenceKind ParseReference(string s) => s.Trim().ToLowerInvariant().Replace("_", "").Replace("-", "").Replace(" ", "") switch
    {
        "published" or "national" or "publishednational" => ReferenceKind.PublishedNational,
        "mean" or "unweighted" or "unweightedmean" or "unweightedmeanofregions" => ReferenceKind.UnweightedMeanOfRegions,
        "weighted" or "population" or "populationweighted" or "populationweightedmean" => ReferenceKind.PopulationWeightedMean,
        "median" => ReferenceKind.Median,
        _ => throw new FormatException($"reference: '{s}' is not a reference; expected published, mean, weighted or median."),
    };

    // The fallback reference: any reference that is computed from the units' figures, or none; never the published figure that is missing.
    private static ReferenceKind? ParseReferenceFallback(string s)
    {
        if (s.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        ReferenceKind kind;
        try { kind = ParseReference(s); }
        catch (FormatException) { throw new FormatException($"reference_fallback: '{s}' is not a fallback reference; expected median, mean, weighted or none."); }
        return kind == ReferenceKind.PublishedNational
            ? throw new FormatException($"reference_fallback: '{s}' is the published national figure, the level whose absence the fallback replaces; expected median, mean, weighted or none.")
            : kind;
    }

    private static Aggregation ParseAggregation(string s) => s.Trim().ToLowerInvariant().Replace("_", "").Replace("-", "").Replace(" ", "") switch
    {
        "sum" => Aggregation.Sum,
        "weightedsum" => Aggregation.WeightedSum,
        "weightedmean" or "mean" => Aggregation.WeightedMean,
        _ => throw new FormatException($"aggregation: '{s}' is not an aggregation; expected sum, weighted_sum or weighted_mean."),
    };

    private static BoundaryRule ParseBoundary(string s) => s.Trim().ToLowerInvariant().Replace("_", "").Replace("-", "").Replace(" ", "") switch
    {
        "lower" or "lowerbound" or "lowerboundinclusive" => BoundaryRule.LowerBoundInclusive,
        "upper" or "upperbound" or "upperboundinclusive" => BoundaryRule.UpperBoundInclusive,
        "rounded" or "printed" or "wholepercentrounded" => BoundaryRule.WholePercentRounded,
        _ => throw new FormatException($"boundary: '{s}' is not a boundary rule; expected lower, upper or rounded."),
    };

    private static ImmutableArray<string> NameList(string parameter, string s)
    {
        if (s.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        var names = s.Split(',', StringSplitOptions.TrimEntries);
        for (var n = 0; n < names.Length; n++)
            if (names[n].Length == 0 || names[n].Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' or ' ')))
                throw new FormatException($"{parameter}: item {n + 1} '{names[n]}' is not an indicator name; expected names separated by commas, e.g. \"unemployment_rate,job_seekers\".");
        return [.. names];
    }

    private static double[] Numbers(string parameter, string s, string example)
    {
        var items = s.Split(',', StringSplitOptions.TrimEntries);
        var result = new double[items.Length];
        for (var n = 0; n < items.Length; n++)
            if (!double.TryParse(items[n], NumberStyles.Float, CultureInfo.InvariantCulture, out result[n]) || !double.IsFinite(result[n]))
                throw new FormatException($"{parameter}: item {n + 1} '{items[n]}' in '{s}' is not a number; expected invariant-culture numbers separated by commas, e.g. \"{example}\".");
        return result;
    }

    private static ImmutableDictionary<string, double> ParseWeights(string s)
    {
        if (s.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return ImmutableDictionary<string, double>.Empty;
        var builder = ImmutableDictionary.CreateBuilder<string, double>();
        foreach (var item in s.Split(',', StringSplitOptions.TrimEntries))
        {
            var at = item.IndexOfAny(['=', ':']);
            if (at <= 0 || !double.TryParse(item[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !double.IsFinite(w) || w < 0)
                throw new FormatException($"weights: '{item}' is not indicator=weight with a finite weight ≥ 0; e.g. \"grp_per_capita=2,unemployment_rate=0.5\".");
            var name = item[..at].Trim();
            if (builder.Keys.Any(k => IndicatorPanel.Key(k) == IndicatorPanel.Key(name))) throw new FormatException($"weights: '{name}' is given twice.");
            builder[name] = w;
        }
        return builder.ToImmutable();
    }

    private static ImmutableArray<int> ParseYears(string s)
    {
        if (IsAll(s)) return [];
        var years = new SortedSet<int>();
        foreach (var item in s.Split(',', StringSplitOptions.TrimEntries))
        {
            var range = item.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || !range.All(r => r.Length == 4 && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new FormatException($"years: '{item}' is not a year or a range; e.g. \"2022\", \"2015-2022\" or \"2019,2022\".");
            int from = int.Parse(range[0], CultureInfo.InvariantCulture), to = int.Parse(range[^1], CultureInfo.InvariantCulture);
            if (to < from) throw new FormatException($"years: range '{item}' runs backwards.");
            for (var y = from; y <= to; y++) years.Add(y);
        }
        return [.. years];
    }

    private static BandScale ParseBands(BandScale baseline, string? thresholds, string? points, string? labels, string? boundary)
    {
        // "none": a scale of one band (every value scores the same), as the formatter writes it.
        var t = !Given(thresholds) ? [.. baseline.Thresholds]
            : thresholds!.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? []
            : Numbers("thresholds", thresholds!, "70,95,105,150");
        for (var k = 1; k < t.Length; k++)
            if (t[k] <= t[k - 1]) throw new FormatException($"thresholds: '{thresholds}' must increase strictly (item {k + 1} = {t[k].ToString(CultureInfo.InvariantCulture)} is not above item {k}).");
        var p = Given(points) ? Numbers("points", points!, "-2,-1,0.5,1,2") : null;
        if (p is null && t.Length != baseline.Thresholds.Length)
            throw new FormatException($"thresholds: {t.Length} thresholds make {t.Length + 1} bands, so points needs {t.Length + 1} values too (e.g. points=\"…\").");
        p ??= [.. baseline.Bands.Select(b => b.Points)];
        if (p.Length != t.Length + 1)
            throw new FormatException($"points: '{points}' has {p.Length} values; {t.Length} thresholds make {t.Length + 1} bands, one value each, lowest first.");
        string[] l;
        if (Given(labels))
        {
            l = labels!.Split(',', StringSplitOptions.TrimEntries);
            if (l.Length != p.Length) throw new FormatException($"labels: '{labels}' has {l.Length} labels; the scale has {p.Length} bands.");
            if (l.Any(x => x.Length == 0)) throw new FormatException($"labels: '{labels}' has an empty label.");
        }
        else l = baseline.Bands.Length == p.Length ? [.. baseline.Bands.Select(b => b.Label)] : [.. Enumerable.Range(1, p.Length).Select(k => $"band {k}")];
        var rule = Given(boundary) ? ParseBoundary(boundary!) : baseline.Rule;
        return new BandScale(t, p.Select((x, k) => new Band(l[k], x)), rule);
    }
}
