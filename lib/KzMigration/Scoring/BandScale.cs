using System.Collections.Immutable;

namespace KzMigration.Scoring;

/// <summary>One band of the scale: its label and the points it scores.</summary>
public sealed record Band(string Label, double Points);

/// <summary>
/// Which band a ratio that sits on (or near) a threshold belongs to. The paper prints integer ranges
/// ("70 %–94 % low; 95 %–104 % medium") that leave the gaps 94–95 and 104–105 open; each rule closes them.
/// </summary>
public enum BoundaryRule
{
    /// <summary>A value belongs to the band whose lower bound it reaches: band k is [t(k), t(k+1)). 94.5 → low, 95 → medium. Default.</summary>
    LowerBoundInclusive,

    /// <summary>A value on a threshold stays in the band below: band k is (t(k), t(k+1)]. 95 → low, 95.01 → medium.</summary>
    UpperBoundInclusive,

    /// <summary>
    /// "As printed": round the ratio to a whole percent (half away from zero) and then apply
    /// <see cref="LowerBoundInclusive"/>, so 94.5 → 95 → medium and 104.99 → 105 → high. The effective
    /// boundary of a threshold t is t − 0.5.
    /// </summary>
    WholePercentRounded,
}

/// <summary>
/// The ordered scale that turns a ratio (region ÷ reference, in %) into a band and points.
/// n thresholds cut the line into n + 1 bands; <see cref="Bands"/>[k] lies between
/// <see cref="Thresholds"/>[k − 1] and <see cref="Thresholds"/>[k].
/// Equality compares the contents.
/// </summary>
public sealed record BandScale
{
    /// <summary>
    /// The paper's scale (Bokayev &amp; Akhmetova, paragraph before Figure 3): below 70 % very low (−2),
    /// 70–94 % low (−1), 95–104 % medium (+0.5 as printed, "Average 0,5 points"), 105–149 % high (+1),
    /// 150 % and above very high (+2), with the gaps closed by <see cref="BoundaryRule.LowerBoundInclusive"/>.
    /// </summary>
    public static BandScale Paper { get; } = new(
        [70, 95, 105, 150],
        [new("very low", -2), new("low", -1), new("medium", 0.5), new("high", 1), new("very high", 2)]);

    /// <summary>Creates a scale; thresholds must be finite and strictly increasing, with one more band than thresholds.</summary>
    public BandScale(IEnumerable<double> thresholds, IEnumerable<Band> bands, BoundaryRule rule = BoundaryRule.LowerBoundInclusive)
    {
        Thresholds = [.. thresholds];
        Bands = [.. bands];
        Rule = rule;
        Validate();
    }

    /// <summary>Band boundaries in percent of the reference, strictly increasing.</summary>
    public ImmutableArray<double> Thresholds { get; init => field = Checked(value); }

    /// <summary>Bands from lowest to highest; one more than <see cref="Thresholds"/>.</summary>
    public ImmutableArray<Band> Bands { get; init => field = value.IsDefault ? [] : value; }

    /// <summary>How values on a boundary are assigned.</summary>
    public BoundaryRule Rule { get; init; }

    private static ImmutableArray<double> Checked(ImmutableArray<double> t)
    {
        if (t.IsDefault) return [];
        for (var k = 0; k < t.Length; k++)
        {
            if (!double.IsFinite(t[k])) throw new ArgumentException($"Band thresholds: threshold {k + 1} is {t[k]}; thresholds must be finite.");
            if (k > 0 && t[k] <= t[k - 1])
                throw new ArgumentException($"Band thresholds must increase strictly: {string.Join(", ", t)} (threshold {k + 1} ≤ threshold {k}).");
        }
        return t;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless there is exactly one more band than thresholds, each with a finite point value.</summary>
    public void Validate()
    {
        if (Bands.Length != Thresholds.Length + 1)
            throw new ArgumentException($"Band scale: {Thresholds.Length} thresholds need {Thresholds.Length + 1} bands, got {Bands.Length}.");
        foreach (var b in Bands)
            if (b is null || !double.IsFinite(b.Points)) throw new ArgumentException($"Band scale: band {b} needs a label and finite points.");
    }

    /// <summary>The band index (0 = lowest) of a ratio in percent.</summary>
    public int Classify(double ratioPercent) => Locate(Thresholds.AsSpan(), ratioPercent, Rule);

    /// <summary>The band of a ratio in percent (<see cref="Classify"/>).</summary>
    public Band BandOf(double ratioPercent) => Bands[Classify(ratioPercent)];

    /// <summary>
    /// Where a ratio's band lies relative to the band of the reference level itself (100 %): negative below it, 0 in it,
    /// positive above it. Under the paper's scale «below» is low or very low and «above» high or very high: the reading of
    /// the paper's «relatively low» and «high» levels.
    /// </summary>
    public int RelativeToReference(double ratioPercent) => Classify(ratioPercent).CompareTo(Classify(100));

    /// <summary>
    /// Distance in percentage points from a ratio to the nearest effective band boundary (how far the
    /// ratio could move before its band changes); under <see cref="BoundaryRule.WholePercentRounded"/> the
    /// boundary of threshold t is t − 0.5. Also returns that threshold (nominal value).
    /// </summary>
    public (double Distance, double Threshold) NearestEdge(double ratioPercent) => NearestEdge(Thresholds.AsSpan(), ratioPercent, Rule);

    /// <summary>
    /// The one band lookup: the index of the band of <paramref name="ratio"/> under <paramref name="rule"/>, i.e. how many
    /// thresholds the (effective, <see cref="EffectiveRatio"/>) ratio reaches. <see cref="Classify"/>, the scorecard, the
    /// claims and the Monte Carlo kernel (<see cref="ScoringKernel"/>, through <see cref="CountReached"/>) all assign bands here.
    /// </summary>
    internal static int Locate(ReadOnlySpan<double> thresholds, double ratio, BoundaryRule rule) =>
        CountReached(thresholds, EffectiveRatio(ratio, rule), rule == BoundaryRule.UpperBoundInclusive);

    /// <summary>
    /// The ratio a rule compares with the thresholds: under <see cref="BoundaryRule.WholePercentRounded"/> rounded to a whole
    /// percent, half away from zero (as a table prints 94.5 % as «95 %»: the paper's integer ranges are printed percentages);
    /// unchanged under the other rules. The Monte Carlo kernel applies it once per cell, then counts thresholds every draw.
    /// </summary>
    internal static double EffectiveRatio(double ratio, BoundaryRule rule) =>
        rule == BoundaryRule.WholePercentRounded ? Math.Round(ratio, MidpointRounding.AwayFromZero) : ratio;

    /// <summary>
    /// Number of <paramref name="thresholds"/> that <paramref name="ratio"/> reaches (≥; or passes, &gt;, when
    /// <paramref name="upperInclusive"/>): the band index, since thresholds increase strictly. Branch-free: in the Monte
    /// Carlo the thresholds move every draw, so an early-exit loop would mispredict; this is the kernel's hottest line.
    /// A NaN ratio reaches none (band 0); callers leave unscored cells out before.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int CountReached(ReadOnlySpan<double> thresholds, double ratio, bool upperInclusive)
    {
        var band = 0;
        if (upperInclusive) for (var i = 0; i < thresholds.Length; i++) band += ratio > thresholds[i] ? 1 : 0;
        else for (var i = 0; i < thresholds.Length; i++) band += ratio >= thresholds[i] ? 1 : 0;
        return band;
    }

    internal static (double Distance, double Threshold) NearestEdge(ReadOnlySpan<double> thresholds, double ratio, BoundaryRule rule)
    {
        var shift = rule == BoundaryRule.WholePercentRounded ? 0.5 : 0.0;
        double best = double.PositiveInfinity, at = double.NaN;
        foreach (var t in thresholds)
        {
            var d = Math.Abs(ratio - (t - shift));
            if (d < best) { best = d; at = t; }
        }
        return (best, at);
    }

    /// <summary>E.g. "very low &lt;70≤ low &lt;95≤ medium …" with points, and the rule.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (var k = 0; k < Bands.Length; k++)
        {
            if (k > 0) text.Append(System.Globalization.CultureInfo.InvariantCulture, $" | {Thresholds[k - 1]} | ");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Bands[k].Label} ({Bands[k].Points:+0.##;-0.##;0})");
        }
        return $"BandScale {{ {text}; {Rule} }}";
    }

    /// <summary>Content equality (thresholds, bands, rule).</summary>
    public bool Equals(BandScale? other) =>
        other is not null && Rule == other.Rule
        && Thresholds.AsSpan().SequenceEqual(other.Thresholds.AsSpan())
        && Bands.AsSpan().SequenceEqual(other.Bands.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Rule);
        foreach (var t in Thresholds) h.Add(t);
        foreach (var b in Bands) h.Add(b);
        return h.ToHashCode();
    }
}
