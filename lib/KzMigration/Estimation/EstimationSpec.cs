using System.Globalization;
using KzMigration.Statistics;

namespace KzMigration.Estimation;

/// <summary>How the panel's units are formed across the boundary changes of 2018 and 2022.</summary>
public enum PanelUnits
{
    /// <summary>
    /// Each unit on its own territory: a unit whose territory changed is a new panel unit (its own fixed effect), and
    /// a lagged regressor never crosses a change (that region-year is dropped and counted). Nothing is harmonised.
    /// </summary>
    Territory,
    /// <summary>Only the units whose territory never changed over the years estimated (12 of the 2022 units).</summary>
    Stable,
}

/// <summary>
/// The recorded choices of the estimated models (issue 15), one immutable value: which indicators enter, whether
/// they are lagged one year, the years, how units are formed across boundary changes, the bootstrap settings, and the
/// gravity model's flow years. What-if is <c>spec with { … }</c>; the text form is
/// <see cref="EstimationParameters.Describe"/> / <see cref="EstimationParameters.Parse"/>.
/// </summary>
public sealed record EstimationSpec
{
    /// <summary>The baseline: income, GRP per capita and unemployment, lagged one year, 2015–2022, own territories, Webb weights, B = 999.</summary>
    public static EstimationSpec Default { get; } = new();

    /// <summary>Indicators entering as log(value / national value) (socioeconomic.csv ids).</summary>
    public IReadOnlyList<string> Indicators { get; init; } = ["income_per_capita", "grp_per_capita", "unemployment_rate"];

    /// <summary>
    /// Regressors of year t − 1 for the outcome of year t. The paper says migration responds to conditions «with a
    /// certain lag»; the one-year lag is the workbench's reading (and avoids the rate and the indicators sharing the
    /// same year's shocks).
    /// </summary>
    public bool Lag { get; init; } = true;

    /// <summary>Outcome years of the panel (inclusive).</summary>
    public int FromYear { get; init; } = 2015;

    public int ToYear { get; init; } = 2022;

    public PanelUnits Units { get; init; } = PanelUnits.Territory;

    public BootstrapWeights Weights { get; init; } = BootstrapWeights.Webb;

    public int Replications { get; init; } = 999;

    public ulong Seed { get; init; } = 20_150_101;

    public double Confidence { get; init; } = 0.95;

    /// <summary>Flow years of the gravity model (on the 20 units of 2022, as od-flows.csv gives them).</summary>
    public IReadOnlyList<int> GravityYears { get; init; } = [2015, 2020, 2021, 2023, 2024];

    /// <summary>
    /// Boundary era the gravity model is estimated on: every flow matrix is aggregated exactly to it (possible towards
    /// older eras only), and the regressors must refer to it (ratios cannot be aggregated). 2018: the 17 units, where
    /// 2020 and 2021 flows meet 2019–2021 indicators; 2022: the 20 units, where only 2022 indicators exist.
    /// </summary>
    public string GravityEra { get; init; } = "2018";

    /// <summary>The bootstrap settings as options.</summary>
    public WildBootstrapOptions Bootstrap => new(Replications, Weights, Seed, Confidence);

    public bool Equals(EstimationSpec? other) =>
        other is not null && Indicators.SequenceEqual(other.Indicators) && Lag == other.Lag && FromYear == other.FromYear && ToYear == other.ToYear
        && Units == other.Units && Weights == other.Weights && Replications == other.Replications && Seed == other.Seed
        && Confidence.Equals(other.Confidence) && GravityYears.SequenceEqual(other.GravityYears) && GravityEra == other.GravityEra;

    public override int GetHashCode() => HashCode.Combine(string.Join(",", Indicators), Lag, FromYear, ToYear, Units, Weights, Replications, Seed);

    public override string ToString() => EstimationParameters.Describe(this);
}

/// <summary>
/// The text form of <see cref="EstimationSpec"/>, in the grammar of <c>kzmig run --param</c> and the scoring
/// parameters: <c>name=value</c> items separated by ';' (invariant culture). Names:
/// <c>indicators</c> (ids, comma-separated), <c>lag</c> (yes/no), <c>years</c> (2015-2022), <c>units</c>
/// (territory/stable), <c>weights</c> (webb/rademacher), <c>replications</c> (≥ 99), <c>seed</c>, <c>confidence</c>
/// (0–1), <c>gravity_years</c> (comma-separated), <c>gravity_era</c> (2015/2018/2022). Unknown names, repeated names and bad values throw
/// <see cref="FormatException"/> naming the item and showing a valid example.
/// </summary>
public static class EstimationParameters
{
    private static readonly string[] Names = ["indicators", "lag", "years", "units", "weights", "replications", "seed", "confidence", "gravity_years", "gravity_era"];

    /// <summary>Applies "name=value; …" to <paramref name="baseline"/> (default <see cref="EstimationSpec.Default"/>); blank text keeps it.</summary>
    public static EstimationSpec Parse(string? text, EstimationSpec? baseline = null)
    {
        var spec = baseline ?? EstimationSpec.Default;
        if (string.IsNullOrWhiteSpace(text)) return spec;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException($"Estimation parameters: '{part}' is not name=value (e.g. \"lag=no\"); names: {string.Join(", ", Names)}.");
            var name = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            if (!Names.Contains(name)) throw new FormatException($"Estimation parameters: unknown parameter '{name}'; known: {string.Join(", ", Names)}.");
            if (!seen.Add(name)) throw new FormatException($"Estimation parameters: '{name}' is given twice.");
            FormatException Bad(string example) => new($"Estimation parameters: {name}='{value}' is not valid; e.g. \"{name}={example}\".");
            spec = name switch
            {
                "indicators" => spec with { Indicators = List(value) is { Count: > 0 } l ? l : throw Bad("income_per_capita,unemployment_rate") },
                "lag" => spec with { Lag = value.ToLowerInvariant() switch { "yes" or "true" or "1" => true, "no" or "false" or "0" => false, _ => throw Bad("yes") } },
                "years" => Years(spec, value) ?? throw Bad("2015-2022"),
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

    /// <summary>Every choice as "name=value; …" text that <see cref="Parse"/> reads back to an equal specification.</summary>
    public static string Describe(EstimationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var c = CultureInfo.InvariantCulture;
        return string.Join("; ",
            $"indicators={string.Join(",", spec.Indicators)}",
            $"lag={(spec.Lag ? "yes" : "no")}",
            string.Create(c, $"years={spec.FromYear}-{spec.ToYear}"),
            $"units={spec.Units.ToString().ToLowerInvariant()}",
            $"weights={spec.Weights.ToString().ToLowerInvariant()}",
            string.Create(c, $"replications={spec.Replications}"),
            string.Create(c, $"seed={spec.Seed}"),
            $"confidence={spec.Confidence.ToString("R", c)}",
            $"gravity_years={string.Join(",", spec.GravityYears.Select(y => y.ToString(c)))}",
            $"gravity_era={spec.GravityEra}");
    }

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static EstimationSpec? Years(EstimationSpec spec, string value)
    {
        var parts = value.Split('-', StringSplitOptions.TrimEntries);
        int Y(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2100 ? y : -1;
        var (from, to) = parts.Length switch { 1 => (Y(parts[0]), Y(parts[0])), 2 => (Y(parts[0]), Y(parts[1])), _ => (-1, -1) };
        return from < 0 || to < from ? null : spec with { FromYear = from, ToYear = to };
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
}
