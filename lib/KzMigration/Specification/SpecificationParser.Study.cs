using System.Collections.Immutable;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Statistics;

namespace KzMigration.Specification;

/// <summary>
/// The study's text form: <c>path=value</c> items separated by ';' (or new lines), in the invariant culture — the
/// grammar of <c>kzmig run --param</c>. A path names one field of <see cref="StudySpecification"/>:
/// <list type="table">
/// <item><term><c>scoring.*</c></term><description>thresholds, points, labels, boundary, reference, reference_fallback, invert, indicators, weights,
/// aggregation, years, housing, programme_prices (see <see cref="ParseScoring"/>);
/// written without the prefix too, as <c>--param</c> names them (<c>thresholds=75,95,105,140</c>, <c>housing=new</c>).</description></item>
/// <item><term><c>migration.*</c></term><description><c>flow</c> (interregional/internal/all; alias <c>flow</c>), <c>boundaries</c>
/// (2015/2018/2022), <c>years</c> (2015-2022), <c>population</c> (mean/start/end: the denominator of every rate).</description></item>
/// <item><term><c>estimation.*</c></term><description>the names of <see cref="ParseEstimation"/> (lag, units, …).</description></item>
/// <item><term><c>sensitivity.*</c></term><description><c>vary</c> (paths of <see cref="SensitivityDesign.VariablePaths"/>, or none),
/// <c>draws</c>, <c>seed</c>, <c>threshold_jitter</c>, <c>point_jitter</c>, <c>references</c> (or all), <c>invert</c>,
/// <c>invert_separately</c> (or none), <c>leave_out</c> (or all).</description></item>
/// </list>
/// Unknown paths, repeated paths and bad values throw <see cref="FormatException"/> naming the path and showing an example.
/// </summary>
public static partial class SpecificationParser
{
    private const string ScoringSection = "scoring", MigrationSection = "migration", EstimationSection = "estimation", SensitivitySection = "sensitivity";

    private static readonly string[] MigrationNames = ["flow", "boundaries", "years", "population"];

    private static readonly string[] SensitivityNames =
        ["vary", "draws", "seed", "threshold_jitter", "point_jitter", "references", "invert", "invert_separately", "leave_out"];

    /// <summary>Every path the study's text form knows, canonical (prefixed) form.</summary>
    public static IReadOnlyList<string> Paths => field ??=
    [
        .. ScoringNames.Select(n => $"{ScoringSection}.{n}"), .. MigrationNames.Select(n => $"{MigrationSection}.{n}"),
        .. EstimationNames.Select(n => $"{EstimationSection}.{n}"), .. SensitivityNames.Select(n => $"{SensitivitySection}.{n}"),
    ];

    /// <summary>
    /// Reads a study specification: <c>path=value; …</c> applied to <paramref name="baseline"/> (default
    /// <see cref="StudySpecification.Paper"/>); blank text keeps it. Reads what
    /// <see cref="SpecificationFormatter.Format(StudySpecification)"/> writes, and the <c>--param</c> names of the scoring
    /// (<c>thresholds</c>, <c>housing</c>, …) and <c>flow</c> without a prefix.
    /// </summary>
    public static StudySpecification Parse(string? text, StudySpecification? baseline = null)
    {
        var spec = baseline ?? StudySpecification.Paper;
        if (string.IsNullOrWhiteSpace(text)) return spec;
        var scoring = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var estimation = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in Items(text, "Specification", "scoring.reference=median"))
        {
            var canonical = Canonical(path);
            if (!seen.Add(canonical)) throw new FormatException($"Specification: '{canonical}' is given twice.");
            var dot = canonical.IndexOf('.');
            var (section, name) = (canonical[..dot], canonical[(dot + 1)..]);
            switch (section)
            {
                case ScoringSection: scoring[name] = value; break;
                case EstimationSection: estimation.Add($"{name}={value}"); break;
                case MigrationSection: spec = spec with { Migration = ApplyMigration(spec.Migration, name, value) }; break;
                default: spec = spec with { Sensitivity = ApplySensitivity(spec.Sensitivity, name, value) }; break;
            }
        }
        if (scoring.Count > 0) spec = spec with { Scoring = ApplyScoringValues(spec.Scoring, scoring) };
        if (estimation.Count > 0) spec = spec with { Estimation = ParseEstimation(string.Join("; ", estimation), spec.Estimation) };
        return spec;
    }

    /// <summary>
    /// Applies a notebook's parameters to a specification: each key is a path or a <c>--param</c> name (as in
    /// <see cref="Parse(string?, StudySpecification?)"/>), each value its text; blank values keep the baseline. E.g.
    /// <c>Parse(new Dictionary&lt;string, string?&gt; { ["thresholds"] = thresholds, ["reference"] = reference }, spec)</c>.
    /// </summary>
    public static StudySpecification Parse(IEnumerable<KeyValuePair<string, string?>> parameters, StudySpecification? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Parse(string.Join("; ", parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p =>
            p.Value!.Contains(';') ? throw new FormatException($"Specification: {p.Key}='{p.Value}' contains ';', which separates items.") : $"{p.Key}={p.Value}")), baseline);
    }

    /// <summary>
    /// Applies one <c>--param name=value</c> to a specification (the same paths and aliases as <see cref="Parse(string?, StudySpecification?)"/>), e.g.
    /// <c>With(spec, "thresholds", "75,95,105,140")</c>. Blank values keep the specification.
    /// </summary>
    public static StudySpecification With(StudySpecification spec, string path, string? value) =>
        string.IsNullOrWhiteSpace(value) ? spec : Parse($"{path}={value}", spec);

    // The canonical path of a name: a known prefixed path, or an alias the --param names use.
    private static string Canonical(string path)
    {
        var lower = path.Trim().ToLowerInvariant();
        if (Paths.Contains(lower)) return lower;
        if (ScoringNames.Contains(lower)) return $"{ScoringSection}.{lower}";
        if (lower == "flow") return $"{MigrationSection}.flow";
        throw new FormatException($"Specification: unknown path '{path}'; known: {string.Join(", ", Paths)} (scoring names and flow also without their prefix).");
    }

    private static MigrationChoices ApplyMigration(MigrationChoices m, string name, string value)
    {
        FormatException Bad(string example) => new($"Specification: migration.{name}='{value}' is not valid; e.g. \"migration.{name}={example}\".");
        switch (name)
        {
            case "flow":
                return m with { CoefficientFlow = Codes.ParseFlow(value.Trim().ToLowerInvariant()) ?? throw Bad("interregional") };
            case "boundaries":
                return m with { Boundaries = BoundaryEra.All.FirstOrDefault(e => e.Id == value.Trim()) ?? throw Bad("2018") };
            case "population":
                return m with { Population = RateDenominator.Parse(value) ?? throw Bad("mean") };
            default:
                var (from, to) = YearRange(value) ?? throw Bad("2015-2022");
                return m with { FirstYear = from, LastYear = to };
        }
    }

    private static SensitivityDesign ApplySensitivity(SensitivityDesign d, string name, string value)
    {
        FormatException Bad(string example) => new($"Specification: sensitivity.{name}='{value}' is not valid; e.g. \"sensitivity.{name}={example}\".");
        var c = CultureInfo.InvariantCulture;
        var v = value.Trim();
        bool None() => v.Equals("none", StringComparison.OrdinalIgnoreCase);
        switch (name)
        {
            case "vary":
                if (None()) return d with { Vary = [] };
                var paths = v.Split(',', StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToList();
                if (paths.FirstOrDefault(p => !SensitivityDesign.VariablePaths.Contains(p)) is { } unknown)
                    throw new FormatException($"Specification: sensitivity.vary: '{unknown}' is not a path the design can vary; known: {string.Join(", ", SensitivityDesign.VariablePaths)}.");
                if (paths.Distinct().Count() != paths.Count) throw Bad("scoring.thresholds,scoring.reference");
                return d with { Vary = [.. SensitivityDesign.VariablePaths.Where(paths.Contains)] };
            case "draws":
                return d with { Draws = int.TryParse(v, NumberStyles.None, c, out var n) && n is >= 1 and <= 10_000_000 ? n : throw Bad("1000") };
            case "seed":
                return d with { Seed = ulong.TryParse(v, NumberStyles.None, c, out var s) ? s : throw Bad("20240607") };
            case "threshold_jitter":
                return d with { ThresholdJitter = double.TryParse(v, NumberStyles.Float, c, out var tj) && double.IsFinite(tj) && tj >= 0 ? tj : throw Bad("5") };
            case "point_jitter":
                return d with { PointJitter = double.TryParse(v, NumberStyles.Float, c, out var pj) && double.IsFinite(pj) && pj >= 0 ? pj : throw Bad("0.5") };
            case "references":
                if (IsAll(v)) return d with { References = [] };
                return d with { References = [.. v.Split(',', StringSplitOptions.TrimEntries).Select(ParseReference).Distinct()] };
            case "invert":
                return d with { Invert = NameList("sensitivity.invert", v) };
            case "invert_separately":
                return d with { InvertSeparately = NameList("sensitivity.invert_separately", v) };
            default:
                return d with { LeaveOut = IsAll(v) ? [] : NameList("sensitivity.leave_out", v) };
        }
    }

    // ==== Estimation section ====================================================================================

    private static readonly string[] EstimationNames =
        ["indicators", "lag", "years", "units", "weights", "replications", "seed", "confidence", "gravity_years", "gravity_era",
         "interval", "gravity_cluster", "city_hinterland", "push_pull"];

    /// <summary>
    /// Reads the estimation section: <c>name=value; …</c> (names optionally prefixed <c>estimation.</c>) applied to
    /// <paramref name="baseline"/> (default <see cref="EstimationSpec.Default"/>); blank text keeps it. Names:
    /// <c>indicators</c> (ids, comma-separated), <c>lag</c> (yes/no), <c>years</c> (2015-2022), <c>units</c>
    /// (territory/stable), <c>weights</c> (webb/rademacher), <c>replications</c> (≥ 99), <c>seed</c>, <c>confidence</c>
    /// (0–1), <c>gravity_years</c> (comma-separated), <c>gravity_era</c> (2015/2018/2022), <c>interval</c> (wcr/wcu),
    /// <c>gravity_cluster</c> (pair/origin-destination), <c>city_hinterland</c> (yes/no), <c>push_pull</c> (factor ids,
    /// comma-separated; <c>housing_price_per_m2</c> is the study's housing choice). E.g. notebook 06's
    /// <c>--param specification="lag=no; units=stable"</c>.
    /// </summary>
    public static EstimationSpec ParseEstimation(string? text, EstimationSpec? baseline = null)
    {
        var spec = baseline ?? EstimationSpec.Default;
        if (string.IsNullOrWhiteSpace(text)) return spec;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in Items(text, "Estimation parameters", "lag=no"))
        {
            var name = Unprefixed(path, EstimationSection).ToLowerInvariant();
            if (!EstimationNames.Contains(name)) throw new FormatException($"Estimation parameters: unknown parameter '{name}'; known: {string.Join(", ", EstimationNames)}.");
            if (!seen.Add(name)) throw new FormatException($"Estimation parameters: '{name}' is given twice.");
            FormatException Bad(string example) => new($"Estimation parameters: {name}='{value}' is not valid; e.g. \"{name}={example}\".");
            spec = name switch
            {
                "indicators" => spec with { Indicators = List(value) is { Count: > 0 } l ? l : throw Bad("income_per_capita,unemployment_rate") },
                "lag" => spec with { Lag = YesNo(value) ?? throw Bad("yes") },
                "city_hinterland" => spec with { CityHinterland = YesNo(value) ?? throw Bad("yes") },
                "interval" => spec with { Interval = value.ToLowerInvariant() switch { "wcr" => BootstrapInterval.Wcr, "wcu" => BootstrapInterval.Wcu, _ => throw Bad("wcr") } },
                "gravity_cluster" => spec with
                {
                    GravityCluster = value.ToLowerInvariant() switch
                    {
                        "pair" => GravityClustering.Pair, "origin-destination" => GravityClustering.OriginDestination, _ => throw Bad("origin-destination"),
                    },
                },
                "push_pull" => spec with { PushPull = List(value) is { Count: > 0 } f && f.Distinct(StringComparer.Ordinal).Count() == f.Count ? f : throw Bad("income_per_capita,avg_monthly_wage,housing_price_per_m2") },
                "years" => YearRange(value) is var (from, to) ? spec with { FromYear = from, ToYear = to } : throw Bad("2015-2022"),
                "units" => spec with { Units = value.ToLowerInvariant() switch { "territory" => PanelUnits.Territory, "stable" => PanelUnits.Stable, _ => throw Bad("territory") } },
                "weights" => spec with { Weights = value.ToLowerInvariant() switch { "webb" => BootstrapWeights.Webb, "rademacher" => BootstrapWeights.Rademacher, _ => throw Bad("webb") } },
                "replications" => spec with { Replications = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b >= 99 ? b : throw Bad("999") },
                "seed" => spec with { Seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw Bad("20150101") },
                "confidence" => spec with { Confidence = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c is > 0 and < 1 ? c : throw Bad("0.95") },
                "gravity_era" => spec with { GravityEra = value is "2015" or "2018" or "2022" ? value : throw Bad("2018") },
                _ => spec with { GravityYears = GravityYears(value) ?? throw Bad("2015,2020,2021") },
            };
        }
        return spec;
    }

    private static bool? YesNo(string value) => value.ToLowerInvariant() switch { "yes" or "true" or "1" => true, "no" or "false" or "0" => false, _ => null };

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    // "2015-2022" or "2022": an inclusive range of plausible years, or null.
    private static (int From, int To)? YearRange(string value)
    {
        var parts = value.Split('-', StringSplitOptions.TrimEntries);
        static int Y(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2100 ? y : -1;
        var (from, to) = parts.Length switch { 1 => (Y(parts[0]), Y(parts[0])), 2 => (Y(parts[0]), Y(parts[1])), _ => (-1, -1) };
        return from < 0 || to < from ? null : (from, to);
    }

    private static List<int>? GravityYears(string value)
    {
        var years = new List<int>();
        foreach (var s in List(value))
        {
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1990 or > 2100 || years.Contains(y)) return null;
            years.Add(y);
        }
        return years.Count > 0 ? years : null;
    }

    // ==== The grammar shared by every section ===================================================================

    // "path=value" items separated by ';' or new lines; a malformed item names the reader and an example.
    private static IEnumerable<(string Path, string Value)> Items(string text, string reader, string example)
    {
        foreach (var part in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException($"{reader}: '{part}' is not name=value (e.g. \"{example}\").");
            yield return (part[..eq].Trim(), part[(eq + 1)..].Trim());
        }
    }

    private static string Unprefixed(string path, string section) =>
        path.StartsWith(section + ".", StringComparison.OrdinalIgnoreCase) ? path[(section.Length + 1)..] : path;
}
