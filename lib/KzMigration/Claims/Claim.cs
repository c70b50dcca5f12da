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
/// The choices the paper leaves open, for the whole ledger. What-if: <c>ClaimOptions.Default with { CoefficientFlow = Flow.Internal }</c>.
/// </summary>
public sealed record ClaimOptions
{
    public static ClaimOptions Default { get; } = new();

    /// <summary>
    /// Whose arrivals and departures the attractiveness coefficient K = A ÷ D divides. The paper does not say;
    /// default <see cref="Flow.Interregional"/> (moves between regions). <see cref="Flow.Internal"/> adds moves inside a
    /// region to both and pulls K towards 1.
    /// </summary>
    public Flow CoefficientFlow { get; init; } = Flow.Interregional;

    /// <summary>
    /// Boundaries on which regions are counted and ranked. Default <see cref="BoundaryEra.Era2018"/> (17 units: 14
    /// oblasts and 3 cities), the most plausible layout of the paper's Figures 1–2; 2022 figures are summed into it
    /// (Abai + East Kazakhstan, Zhetisu + Almaty region, Ulytau + Karaganda) — additive balances only.
    /// </summary>
    public BoundaryEra Boundaries { get; init; } = BoundaryEra.Era2018;

    /// <summary>First year of «the analyzed period» (Figures 1–2: 2015–2022).</summary>
    public int FirstYear { get; init; } = 2015;

    /// <summary>Last year of the analysed period, the year of the paper's 2022 statements.</summary>
    public int LastYear { get; init; } = 2022;

    /// <summary>
    /// Which housing price the housing claims (C9, C12) read and whether state-programme prices count: the study's
    /// recorded choice, the same type as the scoring's (<see cref="Scoring.ScoringSpec.Housing"/>). Default resale,
    /// programme prices excluded (<see cref="Scoring.HousingChoice"/> says why).
    /// </summary>
    public Scoring.HousingChoice Housing { get; init => field = value ?? Scoring.HousingChoice.Default; } = Scoring.HousingChoice.Default;

    public override string ToString() =>
        $"coefficient flow {Codes.Of(CoefficientFlow)}; counts on {Boundaries}; analysed period {FirstYear}–{LastYear}; {Housing}";
}
