using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Claims;

/// <summary>
/// One statement of Bokayev &amp; Akhmetova, as data: the exact <paramref name="Quote"/>, where it stands
/// (<paramref name="Location"/>), what is computed to check it (<paramref name="Computation"/>, plain words), the
/// figures it needs (<paramref name="Needs"/>), what the paper says the result is (<paramref name="Expected"/>) and
/// the <paramref name="Evaluator"/>: a pure function of the loaded data and the study's <see cref="StudySpecification"/> that
/// returns a <see cref="ClaimVerdict"/>. Stated with it: its <see cref="Rule"/> (which of the four verdicts each
/// outcome of the computation gives), its <see cref="Layout"/> (the boundaries on which it reads regions) and the
/// regions it <see cref="Names"/>. The catalogue is <see cref="PaperClaims"/>.
/// </summary>
public sealed record Claim(
    string Id,
    string Quote,
    string Location,
    string Computation,
    DataNeed Needs,
    Expectation Expected,
    Func<WorkbenchData, StudySpecification, ClaimVerdict> Evaluator)
{
    /// <summary>Which verdict each outcome of the computation gives, written out (<see cref="VerdictRule"/>).</summary>
    public VerdictRule Rule { get; init; } = VerdictRule.Unstated;

    /// <summary>The boundary layout the claim reads regions on, chosen as the paper's statement needs it (<see cref="BoundaryLayout"/>).</summary>
    public BoundaryLayout Layout { get; init; } = BoundaryLayout.PaperNames;

    /// <summary>Keys of the regions the quote names (Turkestan, Almaty region, …): each must be read on <see cref="Layout"/>'s territory.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Runs <see cref="Evaluator"/>.</summary>
    public ClaimVerdict Evaluate(WorkbenchData data, StudySpecification options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        return Evaluator(data, options);
    }
}

/// <summary>
/// The figures a claim needs, in words (<paramref name="Series"/>) and, for migration claims, the flow and period.
/// <paramref name="Flow"/> is null when the claim needs no migration flow (socio-economic indicators) or when the
/// flow is the specification's coefficient flow (<see cref="MigrationChoices.CoefficientFlow"/>; <paramref name="FlowFromSpecification"/>).
/// </summary>
public sealed record DataNeed(string Series, int FirstYear, int LastYear, Flow? Flow = null, Period Period = Period.JanDec, bool FlowFromSpecification = false)
{
    public override string ToString() =>
        $"{Series}, {(FirstYear == LastYear ? $"{FirstYear}" : $"{FirstYear}–{LastYear}")}" +
        (Flow is null && !FlowFromSpecification ? "" : $", {Codes.Of(Period)}");
}

/// <summary>
/// What the paper says the computation gives: <paramref name="Value"/> as text («&gt; 320 000», «13», «1.02»,
/// or a predicate for qualitative claims) and the <paramref name="Tolerance"/> accepted, in words («±0.005: the
/// paper prints two decimals», «exact count», «—» for predicates).
/// </summary>
public sealed record Expectation(string Value, string Tolerance);

/// <summary>
/// What a check of a claim found: one of four verdicts, never merged (Altman &amp; Bland 1995, «Absence of evidence is
/// not evidence of absence», BMJ 311:485, doi:10.1136/bmj.311.7003.485; docs/verdicts.md).
/// </summary>
public enum ClaimOutcome
{
    /// <summary>The loaded data give what the paper says (a quantity within tolerance; an interval that excludes zero with the claimed sign).</summary>
    Reproduced,

    /// <summary>
    /// The data give another value (in <see cref="ClaimVerdict.Found"/>): a quantity outside tolerance, a predicate that
    /// fails on complete figures, an estimate whose interval excludes zero with the opposite sign or lies inside the stated
    /// band of negligible effects.
    /// </summary>
    Contradicted,

    /// <summary>
    /// The test ran and cannot decide: e.g. an interval that holds both zero and effects the claim would need; the verdict
    /// says what the test could have detected (the minimum detectable effect). Never counted as reproduced or contradicted.
    /// </summary>
    Inconclusive,

    /// <summary>Data or construct missing; <see cref="ClaimVerdict.Missing"/> says exactly what and how to get it. Never counted as reproduced.</summary>
    NotTestable,
}

/// <summary>One region read by a verdict: the unit, the boundaries (territory) its figure refers to, and the year.</summary>
public sealed record UnitRead(Region Unit, BoundaryEra Territory, int Year)
{
    public override string ToString() => $"{Unit.NameEn} {Year} ({Territory.Id}-era territory)";
}

/// <summary>
/// The verdict on one claim: <see cref="Outcome"/>, what was <see cref="Found"/> (value or list), the
/// <see cref="Basis"/> (flow, period, boundaries used), the <see cref="Evidence"/> (numbers behind the verdict and
/// context that is not evidence, e.g. another flow) and, for <see cref="ClaimOutcome.NotTestable"/>, what is
/// <see cref="Missing"/>. <see cref="Flow"/> is the migration flow the verdict used (null for indicator claims);
/// <see cref="Reads"/> the (region, territory, year) figures the verdict rests on (context excluded), so that a test can
/// check that no named region was read on a territory the claim does not mean (<see cref="BoundaryLayout.Misreadings"/>).
/// There is no «decided by a bool» factory: each evaluator says which of the four verdicts each of its outcomes gives.
/// </summary>
public sealed record ClaimVerdict(ClaimOutcome Outcome, string Found, string Basis, string Evidence, Flow? Flow, string? Missing = null)
{
    /// <summary>The figures the verdict rests on (empty when it rests on none, e.g. not testable, or on a model).</summary>
    public IReadOnlyList<UnitRead> Reads { get; init; } = [];

    public static ClaimVerdict Reproduced(string found, string basis, string evidence, Flow? flow) =>
        new(ClaimOutcome.Reproduced, found, basis, evidence, flow);

    public static ClaimVerdict Contradicted(string found, string basis, string evidence, Flow? flow) =>
        new(ClaimOutcome.Contradicted, found, basis, evidence, flow);

    /// <summary>The test ran and cannot decide; <paramref name="evidence"/> says why and what the test could have detected.</summary>
    public static ClaimVerdict Inconclusive(string found, string basis, string evidence, Flow? flow) =>
        new(ClaimOutcome.Inconclusive, found, basis, evidence, flow);

    /// <summary>Not decidable: <paramref name="missing"/> names the figures (which series, regions, years) and how to get them.</summary>
    public static ClaimVerdict NotTestable(string missing, string found, string basis, string context, Flow? flow) =>
        new(ClaimOutcome.NotTestable, found, basis, context, flow, missing);

    /// <summary>True only for <see cref="ClaimOutcome.Reproduced"/>.</summary>
    public bool IsReproduced => Outcome == ClaimOutcome.Reproduced;

    /// <summary>This verdict with the figures it rests on.</summary>
    public ClaimVerdict Reading(IEnumerable<UnitRead> reads) => this with { Reads = [.. Reads, .. reads] };

    /// <summary>Basis, what is missing (if anything) and the evidence, as one text.</summary>
    public string FullEvidence =>
        string.Join(" ", new[] { Basis.TrimEnd('.') + ".", Missing is null ? null : $"Missing: {Missing}.", Evidence }.Where(s => !string.IsNullOrWhiteSpace(s)));

    // Two verdicts are equal when they say the same and rest on the same figures (Reads compared element by element,
    // so «did this verdict change?» compares what it says, not list references).
    public bool Equals(ClaimVerdict? other) =>
        other is not null && Outcome == other.Outcome && Found == other.Found && Basis == other.Basis && Evidence == other.Evidence
        && Flow == other.Flow && Missing == other.Missing && Reads.SequenceEqual(other.Reads);

    public override int GetHashCode() => HashCode.Combine(Outcome, Found, Basis, Evidence, Flow, Missing, Reads.Count);
}
