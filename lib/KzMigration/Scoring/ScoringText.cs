using System.Collections.Immutable;
using System.Globalization;

namespace KzMigration.Scoring;

/// <summary>
/// How the scoring choices are written in the study's text form: the scoring section of a specification
/// (<c>reference=published; reference_fallback=median; thresholds=70,95,105,150; …</c>), which <see cref="ScoringSpec.ToString"/>
/// prints. Each value's text is made here, once — the band scale's thresholds, points, labels and rule, the codes of the
/// aggregations and fallbacks, and the lists (numbers, names, weights, years) the study's other choices are written as too.
/// The specification's table of fields (<c>KzMigration.Specification</c>), which composes every layer's choices and reads
/// the text back, sits above this layer and writes with these functions: it calls down, nothing here calls up.
/// </summary>
public static class ScoringText
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The scoring section with its names within the section, in the order of the specification's fields.</summary>
    public static string Format(ScoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return string.Join("; ",
            "reference=" + ReferenceLevel.Code(spec.Reference),
            "reference_fallback=" + Fallback(spec.ReferenceFallback),
            Format(spec.Bands),
            "invert=" + Names(spec.Inverted, "none"),
            "indicators=" + Names(spec.Indicators, "all"),
            "weights=" + Weights(spec.Weights),
            "aggregation=" + Code(spec.Aggregation),
            "years=" + Years(spec.Years),
            spec.Housing.ToString());
    }

    /// <summary>A band scale: <c>thresholds=70,95,105,150; points=-2,-1,0.5,1,2; labels=very low,low,medium,high,very high; boundary=lower</c>.</summary>
    public static string Format(BandScale bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return string.Join("; ",
            "thresholds=" + Thresholds(bands.Thresholds),
            "points=" + Numbers([.. bands.Bands.Select(b => b.Points)]),
            "labels=" + Labels([.. bands.Bands.Select(b => b.Label)]),
            "boundary=" + Code(bands.Rule));
    }

    /// <summary>Band thresholds: the numbers, or <c>none</c> for a scale of one band.</summary>
    public static string Thresholds(ImmutableArray<double> thresholds) => Numbers(thresholds, none: "none");

    /// <summary>The code of a boundary rule: lower, upper, rounded.</summary>
    public static string Code(BoundaryRule rule) => rule switch
    {
        BoundaryRule.LowerBoundInclusive => "lower",
        BoundaryRule.UpperBoundInclusive => "upper",
        _ => "rounded",
    };

    /// <summary>The code of an aggregation: sum, weighted_sum, weighted_mean.</summary>
    public static string Code(Aggregation aggregation) => aggregation switch
    {
        Aggregation.Sum => "sum",
        Aggregation.WeightedSum => "weighted_sum",
        _ => "weighted_mean",
    };

    /// <summary>A fallback reference: its code (<see cref="ReferenceLevel.Code"/>), or <c>none</c>.</summary>
    public static string Fallback(ReferenceKind? fallback) => fallback is { } kind ? ReferenceLevel.Code(kind) : "none";

    /// <summary>A number, invariant culture, so that it reads back to the same double («R»).</summary>
    public static string Number(double x) => x.ToString("R", C);

    /// <summary>Numbers separated by commas; <paramref name="none"/> (if given) for the empty list.</summary>
    public static string Numbers(ImmutableArray<double> numbers, string? none = null) =>
        numbers.IsEmpty && none is not null ? none : string.Join(",", numbers.Select(Number));

    /// <summary>Labels separated by commas.</summary>
    public static string Labels(ImmutableArray<string> labels) => string.Join(",", labels);

    /// <summary>Names separated by commas, in their order; <paramref name="empty"/> (<c>none</c>, <c>all</c>; if given) for the empty list.</summary>
    public static string Names(ImmutableArray<string> names, string? empty) =>
        names.IsEmpty && empty is not null ? empty : string.Join(",", names);

    /// <summary>Weights <c>name=weight</c> sorted by name, or <c>none</c>.</summary>
    public static string Weights(ImmutableDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return weights.IsEmpty ? "none" : string.Join(",", weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={Number(w.Value)}"));
    }

    /// <summary>A set of years as the list of its years, or <c>all</c> for the empty set.</summary>
    public static string Years(ImmutableArray<int> years) => years.IsEmpty ? "all" : string.Join(",", years.Select(y => y.ToString(C)));
}
