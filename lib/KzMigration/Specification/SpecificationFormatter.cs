using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Scoring;

namespace KzMigration.Specification;

/// <summary>
/// Writes a specification, or one of its sections, in the text form <see cref="SpecificationParser"/> reads back to an
/// equal value: every field of <see cref="SpecificationFields"/>, in its order, <c>path=value</c> items separated by "; ",
/// each value written by its field's codec (invariant culture, numbers that round-trip exactly).
/// </summary>
public static class SpecificationFormatter
{
    /// <summary>Every field of the study with its full path: <c>scoring.reference=published; …; claims.negligible_flow_percent=1</c>.</summary>
    public static string Format(StudySpecification spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return string.Join("; ", SpecificationFields.All.Select(f => $"{f.Path}={f.Format(spec)}"));
    }

    // One section's items of a specification, with their paths or with their names within the section.
    private static string Section(StudySpecification spec, string section, bool prefixed) =>
        string.Join("; ", SpecificationFields.All.Where(f => f.Section == section).Select(f => $"{(prefixed ? f.Path : f.Name)}={f.Format(spec)}"));

    /// <summary>The migration section: <c>migration.flow=interregional; migration.boundaries=2018; migration.years=2015-2022; migration.population=mean</c>.</summary>
    public static string Format(MigrationChoices migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return Section(StudySpecification.Paper with { Migration = migration }, "migration", prefixed: true);
    }

    /// <summary>The sensitivity design: <c>sensitivity.vary=scoring.thresholds,…; sensitivity.draws=2000; …</c>.</summary>
    public static string Format(SensitivityDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return Section(StudySpecification.Paper with { Sensitivity = design }, "sensitivity", prefixed: true);
    }

    /// <summary>
    /// The scoring section with the <c>--param</c> names (no prefix): <c>reference=published; reference_fallback=median; thresholds=70,95,105,150;
    /// points=-2,-1,0.5,1,2; labels=…; boundary=lower; invert=none; indicators=all; weights=none; aggregation=sum;
    /// years=all; housing=resale; programme_prices=excluded</c>. Shown in the notes of Figure 3's tables. The table's scoring
    /// fields write their values with the scoring layer's writers (<see cref="ScoringText"/>), so this is also what
    /// <see cref="ScoringSpec.ToString"/> prints (<see cref="ScoringText.Format(ScoringSpec)"/>, one layer down).
    /// </summary>
    public static string Format(ScoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Section(StudySpecification.Paper with { Scoring = spec }, "scoring", prefixed: false);
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
        return Section(StudySpecification.Paper with { Estimation = spec }, "estimation", prefixed: false);
    }

    /// <summary>The text code of a reference level: published, mean, weighted, median (<see cref="SpecificationFields.ReferenceCode"/>).</summary>
    public static string Reference(ReferenceKind reference) => SpecificationFields.ReferenceCode(reference);
}
