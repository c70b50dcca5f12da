using System.Globalization;
using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Scoring;

namespace KzMigration.Specification;

/// <summary>
/// Writes a specification, or one of its sections, in the text form <see cref="SpecificationParser"/> reads back to an
/// equal value: every field, <c>path=value</c> items separated by "; ", invariant culture, numbers round-trip exact.
/// </summary>
public static class SpecificationFormatter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static string N(double d) => d.ToString("R", C);

    /// <summary>Every field of the study with its full path: <c>scoring.reference=published; …; sensitivity.leave_out=all</c>.</summary>
    public static string Format(StudySpecification spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return string.Join("; ",
            Prefixed("scoring", Format(spec.Scoring)),
            Format(spec.Migration),
            Prefixed("estimation", Format(spec.Estimation)),
            Format(spec.Sensitivity));
    }

    /// <summary>The migration section: <c>migration.flow=interregional; migration.boundaries=2018; migration.years=2015-2022; migration.population=mean</c>.</summary>
    public static string Format(MigrationChoices migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return string.Join("; ",
            $"migration.flow={Codes.Of(migration.CoefficientFlow)}",
            $"migration.boundaries={migration.Boundaries.Id}",
            string.Create(C, $"migration.years={migration.FirstYear}-{migration.LastYear}"),
            $"migration.population={RateDenominator.Code(migration.Population)}");
    }

    /// <summary>The sensitivity design: <c>sensitivity.vary=scoring.thresholds,…; sensitivity.draws=2000; …</c>.</summary>
    public static string Format(SensitivityDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        static string Names(IEnumerable<string> names, string empty) => names.Any() ? string.Join(",", names) : empty;
        return string.Join("; ",
            $"sensitivity.vary={Names(design.Vary, "none")}",
            string.Create(C, $"sensitivity.draws={design.Draws}"),
            string.Create(C, $"sensitivity.seed={design.Seed}"),
            $"sensitivity.threshold_jitter={N(design.ThresholdJitter)}",
            $"sensitivity.point_jitter={N(design.PointJitter)}",
            $"sensitivity.references={Names(design.References.Select(Reference), "all")}",
            $"sensitivity.invert={Names(design.Invert, "none")}",
            $"sensitivity.invert_separately={Names(design.InvertSeparately, "none")}",
            $"sensitivity.leave_out={Names(design.LeaveOut, "all")}");
    }

    /// <summary>
    /// The scoring section with the <c>--param</c> names (no prefix): <c>reference=published; reference_fallback=median; thresholds=70,95,105,150;
    /// points=-2,-1,0.5,1,2; labels=…; boundary=lower; invert=none; indicators=all; weights=none; aggregation=sum;
    /// years=all; housing=resale; programme_prices=excluded</c>. Shown in the notes of Figure 3's tables.
    /// </summary>
    public static string Format(ScoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var boundary = spec.Bands.Rule switch { BoundaryRule.LowerBoundInclusive => "lower", BoundaryRule.UpperBoundInclusive => "upper", _ => "rounded" };
        var aggregation = spec.Aggregation switch { Aggregation.Sum => "sum", Aggregation.WeightedSum => "weighted_sum", _ => "weighted_mean" };
        return string.Join("; ",
            $"reference={Reference(spec.Reference)}",
            $"reference_fallback={(spec.ReferenceFallback is { } fallback ? Reference(fallback) : "none")}",
            $"thresholds={(spec.Bands.Thresholds.IsEmpty ? "none" : string.Join(",", spec.Bands.Thresholds.Select(N)))}",
            $"points={string.Join(",", spec.Bands.Bands.Select(b => N(b.Points)))}",
            $"labels={string.Join(",", spec.Bands.Bands.Select(b => b.Label))}",
            $"boundary={boundary}",
            $"invert={(spec.Inverted.IsEmpty ? "none" : string.Join(",", spec.Inverted))}",
            $"indicators={(spec.Indicators.IsEmpty ? "all" : string.Join(",", spec.Indicators))}",
            $"weights={(spec.Weights.IsEmpty ? "none" : string.Join(",", spec.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={N(w.Value)}")))}",
            $"aggregation={aggregation}",
            $"years={(spec.Years.IsEmpty ? "all" : string.Join(",", spec.Years))}",
            $"housing={spec.Housing.PriceCode}",
            $"programme_prices={spec.Housing.ProgrammeCode}");
    }

    /// <summary>
    /// What a second run changes against a first: the items of <paramref name="after"/>'s text form that differ from
    /// <paramref name="before"/>'s (e.g. <c>reference=median; invert=unemployment_rate</c>), or "no change" — the
    /// comparison of two runs' specifications, for captions and notes (notebook 05's what-if).
    /// </summary>
    public static string FormatChanges(ScoringSpec before, ScoringSpec after) => Changes(Format(before), Format(after));

    /// <summary>The same for whole study specifications (full paths).</summary>
    public static string FormatChanges(StudySpecification before, StudySpecification after) => Changes(Format(before), Format(after));

    /// <summary>
    /// What <paramref name="spec"/> changes against the paper's (<see cref="StudySpecification.Paper"/>): its differing
    /// items with full paths, read back by <see cref="SpecificationParser.Parse(string?, StudySpecification?)"/>; empty
    /// for the paper's own. What a run's outputs record as their specification.
    /// </summary>
    public static string FormatChangesFromPaper(StudySpecification spec)
    {
        var changes = Changes(Format(StudySpecification.Paper), Format(spec));
        return changes == NoChange ? "" : changes;
    }

    private const string NoChange = "no change";

    private static string Changes(string before, string after)
    {
        var first = before.Split("; ").ToHashSet(StringComparer.Ordinal);
        var changed = after.Split("; ").Where(item => !first.Contains(item)).ToList();
        return changed.Count == 0 ? NoChange : string.Join("; ", changed);
    }

    /// <summary>The estimation section with its names (no prefix): <c>indicators=…; lag=yes; years=2015-2022; …; gravity_era=2018; interval=wcr; gravity_cluster=pair; city_hinterland=yes; push_pull=…</c>.</summary>
    public static string Format(EstimationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return string.Join("; ",
            $"indicators={string.Join(",", spec.Indicators)}",
            $"lag={(spec.Lag ? "yes" : "no")}",
            string.Create(C, $"years={spec.FromYear}-{spec.ToYear}"),
            $"units={spec.Units.ToString().ToLowerInvariant()}",
            $"weights={spec.Weights.ToString().ToLowerInvariant()}",
            string.Create(C, $"replications={spec.Replications}"),
            string.Create(C, $"seed={spec.Seed}"),
            $"confidence={spec.Confidence.ToString("R", C)}",
            $"gravity_years={string.Join(",", spec.GravityYears.Select(y => y.ToString(C)))}",
            $"gravity_era={spec.GravityEra}",
            $"interval={spec.Interval.ToString().ToLowerInvariant()}",
            $"gravity_cluster={(spec.GravityCluster == GravityClustering.Pair ? "pair" : "origin-destination")}",
            $"city_hinterland={(spec.CityHinterland ? "yes" : "no")}",
            $"push_pull={string.Join(",", spec.PushPull)}");
    }

    /// <summary>The text code of a reference level: published, mean, weighted, median.</summary>
    public static string Reference(ReferenceKind reference) => reference switch
    {
        ReferenceKind.PublishedNational => "published", ReferenceKind.UnweightedMeanOfRegions => "mean",
        ReferenceKind.PopulationWeightedMean => "weighted", _ => "median",
    };

    private static string Prefixed(string section, string items) =>
        string.Join("; ", items.Split("; ").Select(item => $"{section}.{item}"));
}
