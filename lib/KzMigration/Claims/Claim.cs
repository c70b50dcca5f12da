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
/// the <paramref name="Evaluator"/>: a pure function of the loaded data and the <see cref="ClaimOptions"/> that
/// returns a <see cref="ClaimVerdict"/>. The catalogue is <see cref="PaperClaims"/>.
/// </summary>
public sealed record Claim(
    string Id,
    string Quote,
    string Location,
    string Computation,
    DataNeed Needs,
    Expectation Expected,
    Func<WorkbenchData, ClaimOptions, ClaimVerdict> Evaluator)
{
    /// <summary>Runs <see cref="Evaluator"/>.</summary>
    public ClaimVerdict Evaluate(WorkbenchData data, ClaimOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        return Evaluator(data, options);
    }
}

/// <summary>
/// The figures a claim needs, in words (<paramref name="Series"/>) and, for migration claims, the flow and period.
/// <paramref name="Flow"/> is null when the claim needs no migration flow (socio-economic indicators) or when the
/// flow is the coefficient flow chosen in <see cref="ClaimOptions.CoefficientFlow"/> (<paramref name="FlowFromOptions"/>).
/// </summary>
public sealed record DataNeed(string Series, int FirstYear, int LastYear, Flow? Flow = null, Period Period = Period.JanDec, bool FlowFromOptions = false)
{
    public override string ToString() =>
        $"{Series}, {(FirstYear == LastYear ? $"{FirstYear}" : $"{FirstYear}–{LastYear}")}" +
        (Flow is null && !FlowFromOptions ? "" : $", {Codes.Of(Period)}");
}

/// <summary>
/// What the paper says the computation gives: <paramref name="Value"/> as text («&gt; 320 000», «13», «1.02»,
/// or a predicate for qualitative claims) and the <paramref name="Tolerance"/> accepted, in words («±0.005: the
/// paper prints two decimals», «exact count», «—» for predicates).
/// </summary>
public sealed record Expectation(string Value, string Tolerance);

/// <summary>What a check of a claim found.</summary>
public enum ClaimOutcome
{
    /// <summary>The loaded data give what the paper says.</summary>
    Reproduced,

    /// <summary>The loaded data give something else (the value found is in <see cref="ClaimVerdict.Found"/>).</summary>
    Contradicted,

    /// <summary>The loaded data cannot decide; <see cref="ClaimVerdict.Missing"/> says exactly what is missing. Never counted as reproduced.</summary>
    NotTestable,
}

/// <summary>
/// The verdict on one claim: <see cref="Outcome"/>, what was <see cref="Found"/> (value or list), the
/// <see cref="Basis"/> (flow, period, boundaries used), the <see cref="Evidence"/> (numbers behind the verdict and
/// context that is not evidence, e.g. another flow) and, for <see cref="ClaimOutcome.NotTestable"/>, what is
/// <see cref="Missing"/>. <see cref="Flow"/> is the migration flow the verdict used (null for indicator claims).
/// </summary>
public sealed record ClaimVerdict(ClaimOutcome Outcome, string Found, string Basis, string Evidence, Flow? Flow, string? Missing = null)
{
    public static ClaimVerdict Reproduced(string found, string basis, string evidence, Flow? flow) =>
        new(ClaimOutcome.Reproduced, found, basis, evidence, flow);

    public static ClaimVerdict Contradicted(string found, string basis, string evidence, Flow? flow) =>
        new(ClaimOutcome.Contradicted, found, basis, evidence, flow);

    /// <summary>Not decidable: <paramref name="missing"/> names the figures (which series, regions, years) and how to get them.</summary>
    public static ClaimVerdict NotTestable(string missing, string found, string basis, string context, Flow? flow) =>
        new(ClaimOutcome.NotTestable, found, basis, context, flow, missing);

    /// <summary>Reproduced or contradicted by <paramref name="holds"/>.</summary>
    public static ClaimVerdict Decided(bool holds, string found, string basis, string evidence, Flow? flow) =>
        holds ? Reproduced(found, basis, evidence, flow) : Contradicted(found, basis, evidence, flow);

    /// <summary>True only for <see cref="ClaimOutcome.Reproduced"/>.</summary>
    public bool IsReproduced => Outcome == ClaimOutcome.Reproduced;

    /// <summary>Basis, what is missing (if anything) and the evidence, as one text.</summary>
    public string FullEvidence =>
        string.Join(" ", new[] { Basis + ".", Missing is null ? null : $"Missing: {Missing}.", Evidence }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>
/// The ledger's view of the study's specification (<see cref="StudySpecification"/>): the choices live there, once —
/// the migration side (<see cref="StudySpecification.Migration"/>), the housing series and the band scale
/// (<see cref="StudySpecification.Scoring"/>). What-if: <c>ClaimOptions.Default with { CoefficientFlow = Flow.Internal }</c>,
/// or <c>ClaimOptions.Of(spec with { … })</c>.
/// </summary>
public sealed record ClaimOptions
{
    public static ClaimOptions Default { get; } = new();

    /// <summary>The ledger's options under a study specification.</summary>
    public static ClaimOptions Of(StudySpecification specification) => new() { Specification = specification };

    /// <summary>The specification the ledger reads; every other property is a view of it.</summary>
    public StudySpecification Specification { get; init => field = value ?? StudySpecification.Paper; } = StudySpecification.Paper;

    // The migration side of the specification, which four of the options view.
    private MigrationChoices Migration { get => Specification.Migration; init => Specification = Specification with { Migration = value }; }

    /// <summary>Whose arrivals and departures K = A ÷ D divides (<see cref="MigrationChoices.CoefficientFlow"/>).</summary>
    public Flow CoefficientFlow { get => Migration.CoefficientFlow; init => Migration = Migration with { CoefficientFlow = value }; }

    /// <summary>Boundaries on which regions are counted and ranked (<see cref="MigrationChoices.Boundaries"/>).</summary>
    public BoundaryEra Boundaries { get => Migration.Boundaries; init => Migration = Migration with { Boundaries = value }; }

    /// <summary>First year of «the analyzed period» (<see cref="MigrationChoices.FirstYear"/>).</summary>
    public int FirstYear { get => Migration.FirstYear; init => Migration = Migration with { FirstYear = value }; }

    /// <summary>Last year of the analysed period, the year of the paper's 2022 statements (<see cref="MigrationChoices.LastYear"/>).</summary>
    public int LastYear { get => Migration.LastYear; init => Migration = Migration with { LastYear = value }; }

    /// <summary>
    /// Which housing price the housing claims (C9, C12) read and whether state-programme prices count: the scoring's
    /// choice (<see cref="ScoringSpec.Housing"/>; <see cref="HousingChoice"/> says why resale is the default).
    /// </summary>
    public HousingChoice Housing
    {
        get => Specification.Scoring.Housing;
        init => Specification = Specification with { Scoring = Specification.Scoring with { Housing = value ?? HousingChoice.Default } };
    }

    /// <summary>
    /// The band scale that classifies a value as a percentage of the national level in the claims about Figure 3
    /// (C9, C12, C13, C14, C16): the scoring's scale (<see cref="ScoringSpec.Bands"/>), so the ledger, the scorecard and
    /// the heatmap give every cell the same band.
    /// </summary>
    public BandScale Bands => Specification.Scoring.Bands;

    public override string ToString() =>
        $"coefficient flow {Codes.Of(CoefficientFlow)}; counts on {Boundaries}; analysed period {FirstYear}–{LastYear}; {Housing}";
}
