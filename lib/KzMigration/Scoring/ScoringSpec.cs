using System.Collections.Immutable;

namespace KzMigration.Scoring;

/// <summary>What "the average national level" of an indicator is taken to be.</summary>
public enum ReferenceKind
{
    /// <summary>The figure the Bureau of National Statistics publishes for Kazakhstan (row "Kazakhstan"). Default: the most plausible reading of "average national level".</summary>
    PublishedNational,

    /// <summary>Arithmetic mean of the regions' values that year (each region counts once, whatever its size).</summary>
    UnweightedMeanOfRegions,

    /// <summary>Population-weighted mean of the regions' values: Σ wᵣvᵣ / Σ wᵣ. Needs population weights.</summary>
    PopulationWeightedMean,

    /// <summary>Median of the regions' values (mean of the two middle values when their number is even).</summary>
    Median,
}

/// <summary>Which direction of an indicator earns points.</summary>
public enum Polarity
{
    /// <summary>Ratio = 100 · value / reference; more is better (the paper's reading for every indicator).</summary>
    HigherIsBetter,

    /// <summary>
    /// Ratio = 100 · reference / value (the reciprocal ratio), then the same bands. Chosen over mirroring the bands
    /// (200 − ratio) because it keeps the scale multiplicative: half the national unemployment scores like double
    /// the national wage (200 %). Needs a positive value; zero or negative values leave the cell unscored.
    /// </summary>
    LowerIsBetter,
}

/// <summary>How a region's cell points add up to its total.</summary>
public enum Aggregation
{
    /// <summary>Σ points over the scored indicators (the paper). Weights are ignored.</summary>
    Sum,

    /// <summary>Σ wᵢ · pointsᵢ over the scored indicators (weights default to 1).</summary>
    WeightedSum,

    /// <summary>Σ wᵢ · pointsᵢ / Σ wᵢ over the scored indicators: comparable between regions with different numbers of missing cells.</summary>
    WeightedMean,
}

/// <summary>
/// Every choice the paper leaves open, in one immutable record (COINr style: a what-if is <c>spec with { ... }</c>
/// and every result carries the specification that produced it). <see cref="Paper"/> is the reading of
/// Bokayev &amp; Akhmetova's paragraph before Figure 3. Equality compares contents; indicator names compare by
/// <see cref="IndicatorPanel.Key"/>.
/// </summary>
public sealed record ScoringSpec
{
    /// <summary>
    /// The paper's method as printed, gaps closed by "a value belongs to the band whose lower bound it reaches"; in a year
    /// without a published national figure (which the paper never scores) the median of the year's units
    /// (<see cref="ReferenceFallback"/>).
    /// </summary>
    public static ScoringSpec Paper { get; } = new();

    /// <summary>What the ratio is relative to. Default <see cref="ReferenceKind.PublishedNational"/>.</summary>
    public ReferenceKind Reference { get; init; } = ReferenceKind.PublishedNational;

    /// <summary>
    /// The reference an indicator uses in a year whose <see cref="Reference"/> cannot be formed — above all a year without a
    /// published national figure, such as the average wage before 2022 (no national wage is bundled for those years) — or
    /// null (<c>none</c>): such cells stay unscored (<see cref="CellStatus.MissingReference"/>). Never
    /// <see cref="ReferenceKind.PublishedNational"/>, the level that is missing. Default <see cref="ReferenceKind.Median"/>:
    /// the median of the year's units exists whenever the units have figures, and is not pulled by the three high-wage
    /// units (Atyrau, Mangystau, Astana) as their unweighted mean is; a weighted mean would need each unit's employees, which
    /// are not bundled. The paper scores 2022 only, against the national level, so the default changes none of its cells;
    /// for the other years it is the workbench's reading, recorded here and in every result's references
    /// (<see cref="ReferenceLevel.InsteadOf"/>). Text form <c>reference_fallback=median|mean|weighted|none</c>.
    /// </summary>
    public ReferenceKind? ReferenceFallback { get; init; } = ReferenceKind.Median;

    /// <summary>Thresholds, labels, points and boundary rule. Default <see cref="BandScale.Paper"/>.</summary>
    public BandScale Bands { get; init; } = BandScale.Paper;

    /// <summary>Indicators scored, in display order; empty = every indicator of the panel in panel order.</summary>
    public ImmutableArray<string> Indicators { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Indicators scored with <see cref="Polarity.LowerIsBetter"/>; all others are higher-is-better (the paper).</summary>
    public ImmutableArray<string> Inverted { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Indicator weights for <see cref="Aggregation.WeightedSum"/> and <see cref="Aggregation.WeightedMean"/>; unlisted indicators weigh 1.</summary>
    public ImmutableDictionary<string, double> Weights { get; init => field = value ?? ImmutableDictionary<string, double>.Empty; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>How points add up. Default <see cref="Aggregation.Sum"/>.</summary>
    public Aggregation Aggregation { get; init; } = Aggregation.Sum;

    /// <summary>Years scored; empty = every year of the panel.</summary>
    public ImmutableArray<int> Years { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Which housing price stands for the factor «housing prices» (<see cref="HousingChoice.FactorId"/>) and whether
    /// state-programme prices are scored. Default <see cref="HousingChoice.Default"/>: resale, programme prices excluded.
    /// The panel is built with it (Study.SocioEconomicScoring), so a result scored on a panel of another choice is refused there.</summary>
    public HousingChoice Housing { get; init => field = value ?? HousingChoice.Default; } = HousingChoice.Default;

    /// <summary>The polarity of an indicator under this specification.</summary>
    public Polarity PolarityOf(string indicator)
    {
        var key = IndicatorPanel.Key(indicator);
        foreach (var s in Inverted) if (IndicatorPanel.Key(s) == key) return Polarity.LowerIsBetter;
        return Polarity.HigherIsBetter;
    }

    /// <summary>The aggregation weight of an indicator (1 unless listed; always 1 under <see cref="Aggregation.Sum"/>).</summary>
    public double WeightOf(string indicator)
    {
        if (Aggregation == Aggregation.Sum) return 1;
        var key = IndicatorPanel.Key(indicator);
        foreach (var (k, w) in Weights) if (IndicatorPanel.Key(k) == key) return w;
        return 1;
    }

    /// <summary>This specification with an indicator's polarity set.</summary>
    public ScoringSpec WithPolarity(string indicator, Polarity polarity)
    {
        var key = IndicatorPanel.Key(indicator);
        var rest = Inverted.Where(s => IndicatorPanel.Key(s) != key);
        return this with { Inverted = polarity == Polarity.LowerIsBetter ? [.. rest, indicator] : [.. rest] };
    }

    /// <summary>
    /// The specification in the study's text form (<see cref="ScoringText.Format(ScoringSpec)"/>: readable, and parseable back by
    /// <c>SpecificationParser.ParseScoring</c>).
    /// </summary>
    public override string ToString() => $"ScoringSpec {{ {ScoringText.Format(this)} }}";

    /// <summary>Content equality.</summary>
    public bool Equals(ScoringSpec? other) =>
        other is not null && Reference == other.Reference && ReferenceFallback == other.ReferenceFallback && Aggregation == other.Aggregation
        && Housing == other.Housing
        && Bands.Equals(other.Bands)
        && Keys(Indicators).SequenceEqual(Keys(other.Indicators))
        && Keys(Inverted).Order(StringComparer.Ordinal).SequenceEqual(Keys(other.Inverted).Order(StringComparer.Ordinal))
        && Years.SequenceEqual(other.Years)
        && Weights.Count == other.Weights.Count
        && Weights.All(kv => other.Weights.Any(o => IndicatorPanel.Key(o.Key) == IndicatorPanel.Key(kv.Key) && o.Value.Equals(kv.Value)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(Reference, ReferenceFallback), Aggregation, Bands, Indicators.Length, Inverted.Length, Years.Length, Weights.Count, Housing);

    private static IEnumerable<string> Keys(ImmutableArray<string> names) => names.Select(IndicatorPanel.Key);
}
