using System.Globalization;
using System.Text.RegularExpressions;

using KzMigration.Estimation;
using KzMigration.Scoring;

namespace KzMigration.Specification;

/// <summary>
/// The parser of the study's specification (<see cref="StudySpecification"/>) and of its sections, and of data edits.
/// Every field is read through its declaration in <see cref="SpecificationFields"/> (its codes, its bounds, its short
/// names), always in the invariant culture (decimal point '.', list separator ','), so the parser reads exactly what
/// <see cref="SpecificationFormatter"/> writes. Malformed input throws <see cref="FormatException"/> — and nothing else,
/// whatever the text — naming the field as it was written, the value, and what is expected (the codes, or the bounds:
/// «replications (estimation.replications): '1000000000' is out of bounds; expected a whole number from 99 to 1000000.»).
/// <para>The scoring section's names (<see cref="ParseScoring"/>, <see cref="ApplyScoring"/>; <c>kzmig spec</c> lists every field):</para>
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
/// <item><term>years</term><description><c>2022</c>, <c>2015-2022</c>, <c>2019,2022</c>, or <c>all</c> (in a whole specification: <c>scoring.years</c>).</description></item>
/// <item><term>housing</term><description><c>resale</c> (default) or <c>new</c>: which BNS price per m² is the factor «housing prices» (<see cref="HousingChoice"/>).</description></item>
/// <item><term>programme_prices</term><description><c>excluded</c> (default) or <c>included</c>: whether state-programme prices are scored.</description></item>
/// </list>
/// <para>Edits: <c>region:indicator[@year]OP</c> separated by ';' or ',', where OP is <c>*factor</c>, <c>=value</c>,
/// <c>+pct%</c> or <c>-pct%</c>; e.g. <c>turkestan:avg_monthly_wage*1.2; almaty city:grp_per_capita@2022-10%</c>.</para>
/// </summary>
public static partial class SpecificationParser
{
    private const string ScoringReader = "Scoring parameters", EstimationReader = "Estimation parameters";

    /// <summary>Applies the given parameter strings to a baseline specification (default <see cref="ScoringSpec.Paper"/>); null or blank keeps the baseline's value.</summary>
    public static ScoringSpec ApplyScoring(
        ScoringSpec? baseline = null, string? thresholds = null, string? points = null, string? labels = null, string? boundary = null,
        string? reference = null, string? invert = null, string? indicators = null, string? weights = null, string? aggregation = null, string? years = null,
        string? housing = null, string? programmePrices = null, string? referenceFallback = null)
    {
        (string, string?)[] given =
        [
            ("thresholds", thresholds), ("points", points), ("labels", labels), ("boundary", boundary), ("reference", reference),
            ("invert", invert), ("indicators", indicators), ("weights", weights), ("aggregation", aggregation), ("years", years),
            ("housing", housing), ("programme_prices", programmePrices), ("reference_fallback", referenceFallback),
        ];
        var items = given.Where(g => Given(g.Item2)).Select(g => (g.Item1, g.Item2!.Trim()));
        return Apply(StudySpecification.Paper with { Scoring = baseline ?? ScoringSpec.Paper }, items, ScoringReader, ScoringSection).Scoring;
    }

    /// <summary>
    /// Reads the scoring section: "name=value; name=value" text (names as in <see cref="ApplyScoring"/>, optionally with
    /// the path prefix <c>scoring.</c>) applied to a baseline, e.g. <c>"thresholds=70,95,105,150; reference=median;
    /// invert=unemployment_rate"</c>. Reads what <see cref="SpecificationFormatter.Format(ScoringSpec)"/> writes.
    /// </summary>
    public static ScoringSpec ParseScoring(string text, ScoringSpec? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Apply(StudySpecification.Paper with { Scoring = baseline ?? ScoringSpec.Paper }, Items(text, ScoringReader, "reference=median"), ScoringReader, ScoringSection).Scoring;
    }

    /// <summary>
    /// Reads the estimation section: <c>name=value; …</c> (names optionally prefixed <c>estimation.</c>) applied to
    /// <paramref name="baseline"/> (default <see cref="EstimationSpec.Default"/>); blank text keeps it. Names:
    /// <c>indicators</c> (ids, comma-separated), <c>lag</c> (yes/no), <c>years</c> (2015-2022), <c>units</c>
    /// (territory/stable), <c>weights</c> (webb/rademacher), <c>replications</c> (99 to 1000000), <c>seed</c>, <c>confidence</c>
    /// (between 0 and 1), <c>gravity_years</c> (comma-separated), <c>gravity_era</c> (2015/2018/2022), <c>interval</c> (wcr/wcu),
    /// <c>gravity_cluster</c> (pair/origin-destination), <c>city_hinterland</c> (yes/no), <c>push_pull</c> (factor ids,
    /// comma-separated; <c>housing_price_per_m2</c> is the study's housing choice). In a whole specification four of them are
    /// written with their section (<c>estimation.indicators</c>, <c>estimation.years</c>, <c>estimation.weights</c>,
    /// <c>estimation.seed</c>: see <see cref="SpecificationFields"/>).
    /// </summary>
    public static EstimationSpec ParseEstimation(string? text, EstimationSpec? baseline = null)
    {
        var spec = StudySpecification.Paper with { Estimation = baseline ?? EstimationSpec.Default };
        if (string.IsNullOrWhiteSpace(text)) return spec.Estimation;
        return Apply(spec, Items(text, EstimationReader, "lag=no"), EstimationReader, EstimationSection).Estimation;
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
}
