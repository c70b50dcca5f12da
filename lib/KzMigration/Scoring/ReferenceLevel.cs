namespace KzMigration.Scoring;

/// <summary>
/// The reference ("average national level") of one indicator in one year, with how it was obtained.
/// </summary>
/// <param name="Indicator">Indicator name.</param>
/// <param name="Year">Year.</param>
/// <param name="Kind">Which reference.</param>
/// <param name="Value">The reference value, or null when it cannot be formed (no published figure, no regional values, no weights).</param>
/// <param name="Regions">Regions whose values entered the computation (empty for the published figure).</param>
/// <param name="Weights">Weights used, aligned with <paramref name="Regions"/> (population for the weighted mean, null otherwise).</param>
/// <param name="Method">How the value was obtained, in words (e.g. "median of 17 regions").</param>
public sealed record ReferenceLevel(
    string Indicator, int Year, ReferenceKind Kind, double? Value,
    IReadOnlyList<string> Regions, IReadOnlyList<double>? Weights, string Method)
{
    /// <summary>Number of regions that entered the computation.</summary>
    public int N => Regions.Count;

    /// <summary>
    /// A value as a percentage of a reference level, 100 · value / reference: the paper's «% of the average national level»
    /// (Bokayev &amp; Akhmetova, Results, paragraph before Figure 3). Null when either is missing or the reference is not
    /// positive (a share of a zero or negative level says nothing about a region; the scorecard leaves such a cell
    /// unscored). The one rule behind the scorecard's ratios, the claims' «% of the national level» and the study's tables.
    /// </summary>
    /// <example>GRP per capita 2,400 against a national 4,800 → 50 (%).</example>
    public static double? PercentOf(double? value, double? reference) =>
        value is double v && reference is double r && r > 0 && !double.IsNaN(v) ? Percent(v, r) : null;

    // 100 · value / reference, unguarded: Scorecard.Ratio checks the cases first (and says which one it met).
    internal static double Percent(double value, double reference) => 100 * value / reference;

    /// <summary>
    /// The reference the specification asked for when it could not be formed and <see cref="Kind"/> was used instead
    /// (<see cref="ScoringSpec.ReferenceFallback"/>); null when <see cref="Kind"/> is the reference asked for.
    /// </summary>
    public ReferenceKind? InsteadOf { get; init; }

    /// <summary>True when this is the fallback of a reference that could not be formed.</summary>
    public bool IsFallback => InsteadOf is not null;

    /// <summary>
    /// The reference of an indicator in a year under <paramref name="spec"/>: <see cref="ScoringSpec.Reference"/>, or, when
    /// that cannot be formed (no published national figure, no weights), <see cref="ScoringSpec.ReferenceFallback"/> with
    /// <see cref="InsteadOf"/> set and the method saying so — if the fallback can be formed; else the reference asked for, without a value.
    /// </summary>
    public static ReferenceLevel Compute(IndicatorPanel panel, string indicator, int year, ScoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var asked = Compute(panel, indicator, year, spec.Reference);
        if (asked.Value is not null || spec.ReferenceFallback is not { } fallback || fallback == spec.Reference) return asked;
        var instead = Compute(panel, indicator, year, fallback);
        return instead.Value is null ? asked : Fallback(asked, instead);
    }

    // Shared by Scorecard (with provenance) and the Monte Carlo kernel (value only): the reference asked for, else the
    // fallback when it can be formed (a year without any regional figure has neither).
    internal static ReferenceLevel? Resolve(IndicatorPanel panel, int i, int y, ReferenceKind kind, ReferenceKind? fallback, bool withProvenance, out double value)
    {
        var asked = Compute(panel, i, y, kind, withProvenance, out value);
        if (!double.IsNaN(value) || fallback is not { } f || f == kind) return asked;
        var instead = Compute(panel, i, y, f, withProvenance, out value);
        if (double.IsNaN(value)) return asked;
        return withProvenance ? Fallback(asked!, instead!) : null;
    }

    private static ReferenceLevel Fallback(ReferenceLevel asked, ReferenceLevel instead) => instead with
    {
        InsteadOf = asked.Kind,
        Method = $"{asked.Method}; reference_fallback={Code(instead.Kind)}: {instead.Method}",
    };

    /// <summary>
    /// The code of a reference in the specification's text form (<c>published</c>, <c>mean</c>, <c>weighted</c>, <c>median</c>):
    /// the one table the specification codec (<c>SpecificationFields.ReferenceCode</c>) and a fallback's method text both read.
    /// </summary>
    public static string Code(ReferenceKind reference) => reference switch
    {
        ReferenceKind.PublishedNational => "published",
        ReferenceKind.UnweightedMeanOfRegions => "mean",
        ReferenceKind.PopulationWeightedMean => "weighted",
        _ => "median",
    };

    /// <summary>
    /// Computes the reference of an indicator in a year from a panel.
    /// <list type="bullet">
    /// <item><see cref="ReferenceKind.PublishedNational"/>: the national row's value.</item>
    /// <item><see cref="ReferenceKind.UnweightedMeanOfRegions"/>: (1/n) Σ vᵣ over regions with a value.</item>
    /// <item><see cref="ReferenceKind.PopulationWeightedMean"/>: Σ wᵣvᵣ / Σ wᵣ over regions with a value; wᵣ is the
    /// region's population that year, or, when that year has none, its population in the nearest year that has
    /// one (earlier year on a tie) — the method text says so. A region with no population at all makes the
    /// reference unavailable rather than silently dropping the region.</item>
    /// <item><see cref="ReferenceKind.Median"/>: middle value, or mean of the two middle values (<see cref="Statistics.Quantiles.Median"/>).</item>
    /// </list>
    /// </summary>
    public static ReferenceLevel Compute(IndicatorPanel panel, string indicator, int year, ReferenceKind kind)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var i = panel.IndicatorIndex(indicator);
        if (i < 0) throw new ArgumentException($"Indicator '{indicator}' is not in the panel; it has: {string.Join(", ", panel.Indicators)}.", nameof(indicator));
        var y = panel.YearIndex(year);
        if (y < 0) throw new ArgumentException($"Year {year} is not in the panel; it has: {string.Join(", ", panel.Years)}.", nameof(year));
        return Compute(panel, i, y, kind, withProvenance: true, out _)!;
    }

    // Core routine shared by Scorecard (with provenance) and the Monte Carlo kernel (value only).
    internal static ReferenceLevel? Compute(IndicatorPanel panel, int i, int y, ReferenceKind kind, bool withProvenance, out double value)
    {
        var name = panel.Indicators[i];
        var year = panel.Years[y];
        int nR = panel.Regions.Count, nI = panel.Indicators.Count;
        value = double.NaN;
        if (kind == ReferenceKind.PublishedNational)
        {
            value = panel.NationalData[y * nI + i];
            return withProvenance
                ? new ReferenceLevel(name, year, kind, Nullable(value), [], null,
                    double.IsNaN(value) ? "no published national figure (region \"Kazakhstan\")" : "published national figure (region \"Kazakhstan\")")
                : null;
        }

        var n = 0;
        Span<double> buffer = nR <= 256 ? stackalloc double[nR] : new double[nR];
        Span<int> who = nR <= 256 ? stackalloc int[nR] : new int[nR];
        for (var r = 0; r < nR; r++)
        {
            var v = panel.Data[(y * nR + r) * nI + i];
            if (double.IsNaN(v)) continue;
            buffer[n] = v;
            who[n++] = r;
        }
        string method;
        double[]? weights = null;
        if (n == 0) method = "no regional values";
        else if (kind == ReferenceKind.UnweightedMeanOfRegions)
        {
            var sum = 0.0;
            for (var k = 0; k < n; k++) sum += buffer[k];
            value = sum / n;
            method = $"unweighted mean of {n} regions";
        }
        else if (kind == ReferenceKind.Median)
        {
            var sorted = buffer[..n];
            sorted.Sort();
            value = Statistics.Quantiles.Median(sorted);
            method = $"median of {n} regions";
        }
        else
        {
            weights = new double[n];
            double sw = 0, swv = 0;
            var borrowed = new List<string>();
            string? lacking = null;
            for (var k = 0; k < n && lacking is null; k++)
            {
                var (w, fromYear) = PopulationOf(panel, who[k], y);
                if (double.IsNaN(w)) { lacking = panel.Regions[who[k]]; break; }
                if (fromYear != year && withProvenance) borrowed.Add($"{panel.Regions[who[k]]} {fromYear}");
                weights[k] = w;
                sw += w;
                swv += w * buffer[k];
            }
            if (lacking is not null) method = $"no population weight for {lacking}";
            else if (sw <= 0) method = "population weights sum to zero";
            else
            {
                value = swv / sw;
                method = $"population-weighted mean of {n} regions"
                         + (borrowed.Count > 0 ? $" (population of nearest year used for {string.Join(", ", borrowed)})" : "");
            }
        }
        if (!withProvenance) return null;
        var regions = new string[n];
        for (var k = 0; k < n; k++) regions[k] = panel.Regions[who[k]];
        return new ReferenceLevel(name, year, kind, Nullable(value), regions, double.IsNaN(value) ? null : weights, method);
    }

    private static (double Weight, int Year) PopulationOf(IndicatorPanel panel, int r, int y)
    {
        int nR = panel.Regions.Count, nY = panel.Years.Count;
        var w = panel.PopulationData[y * nR + r];
        if (!double.IsNaN(w)) return (w, panel.Years[y]);
        int best = -1, bestGap = int.MaxValue;
        for (var k = 0; k < nY; k++)
        {
            if (double.IsNaN(panel.PopulationData[k * nR + r])) continue;
            var gap = Math.Abs(panel.Years[k] - panel.Years[y]);
            if (gap < bestGap) { bestGap = gap; best = k; } // ascending years: the earlier wins a tie
        }
        return best < 0 ? (double.NaN, 0) : (panel.PopulationData[best * nR + r], panel.Years[best]);
    }

    private static double? Nullable(double v) => double.IsNaN(v) ? null : v;
}
