using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Specification;
using Microsoft.Data.Analysis;
using KzMigration.Migration;

namespace KzMigration.Claims;

/// <summary>A claim and its verdict.</summary>
public sealed record ClaimResult(Claim Claim, ClaimVerdict Verdict);

/// <summary>Evaluates the claims of the paper (<see cref="PaperClaims.All"/>) on loaded data.</summary>
public static class ClaimsLedger
{
    /// <summary>
    /// Every claim of <see cref="PaperClaims.All"/> (or <paramref name="claims"/>) evaluated on <paramref name="data"/> with
    /// the study's <paramref name="specification"/> (the paper's by default). The paper's claims are stated under it
    /// (<see cref="PaperClaims.Under"/>), so the band edges and the period their texts print are the ones their verdicts used;
    /// other claims are taken as given.
    /// </summary>
    public static ClaimsReport Evaluate(WorkbenchData data, StudySpecification? specification = null, IEnumerable<Claim>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var options = specification ?? StudySpecification.Paper;
        var stated = PaperClaims.Under(options);
        var statedById = stated.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var paper = PaperClaims.All.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var chosen = claims is null ? stated
            : claims.Select(c => paper.TryGetValue(c.Id, out var p) && ReferenceEquals(p, c) ? statedById[c.Id] : c);
        return new ClaimsReport(options, [.. chosen.Select(c => new ClaimResult(c, c.Evaluate(data, options)))]);
    }

    /// <summary>
    /// The choices of <paramref name="specification"/> the ledger's verdicts depend on, in prose (the ledger's «Options: …»
    /// line, the explorer's claims summary): the coefficient flow and the analysed period (<see cref="MigrationChoices"/>),
    /// the band of negligible effects (<see cref="NegligibleEffects.Of"/>) and the housing series (<see cref="Scoring.ScoringSpec.Housing"/>).
    /// </summary>
    public static string Describe(StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var m = specification.Migration;
        return $"coefficient flow {Codes.Of(m.CoefficientFlow)}; analysed period {m.FirstYear}–{m.LastYear}; {NegligibleEffects.Of(specification)}; {specification.Scoring.Housing}";
    }
}

/// <summary>
/// The verdicts of a ledger run, with the specification that produced them (the publishing layer renders them: <c>LedgerHtml</c>);
/// <see cref="ToDataFrame"/> and <see cref="Metadata"/> are what <c>out/claims.csv</c> is written from
/// (by the publishing layer, <c>ClaimsFiles.ToCsv</c>).
/// Four verdicts, never merged (<see cref="ClaimOutcome"/>): not testable and inconclusive are never counted as reproduced
/// or contradicted.
/// </summary>
public sealed class ClaimsReport(StudySpecification specification, IReadOnlyList<ClaimResult> results) : IStudyResult
{
    /// <summary>CSV columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["id", "quote", "computation", "flow", "expected", "tolerance", "found", "verdict", "evidence"];

    /// <summary>The four verdicts, in the order the summary counts them.</summary>
    public static readonly IReadOnlyList<ClaimOutcome> Outcomes = [ClaimOutcome.Reproduced, ClaimOutcome.Contradicted, ClaimOutcome.Inconclusive, ClaimOutcome.NotTestable];

    /// <summary>The four verdicts explained in one line each (the findings page, notebook 08, docs/verdicts.md).</summary>
    public static readonly IReadOnlyList<(ClaimOutcome Outcome, string Meaning)> Meanings =
    [
        (ClaimOutcome.Reproduced, "the data give what the paper says: a quantity within its tolerance, a statement that holds on complete figures, an interval that excludes zero with the claimed sign"),
        (ClaimOutcome.Contradicted, "the data give another value: a quantity outside its tolerance, a statement that fails, an interval that excludes zero with the opposite sign or lies inside the claim's band of negligible effects"),
        (ClaimOutcome.Inconclusive, "the test ran and cannot decide: its interval holds both zero and effects the claim would need (the smallest effect it could have detected is stated), a figure that decides lies within its stated uncertainty, or two references disagree"),
        (ClaimOutcome.NotTestable, "data or a construct are missing: the verdict names what, and how to get it; never counted as reproduced"),
    ];

    /// <summary>The specification the verdicts were computed under, what <c>out/claims.csv</c> records.</summary>
    public StudySpecification Specification { get; } = specification ?? throw new ArgumentNullException(nameof(specification));

    /// <summary>The choices the verdicts depend on, in prose (<see cref="ClaimsLedger.Describe"/>).</summary>
    public string DescribeChoices() => ClaimsLedger.Describe(Specification);

    public IReadOnlyList<ClaimResult> Results { get; } = results;

    public int Reproduced => Count(ClaimOutcome.Reproduced);

    public int Contradicted => Count(ClaimOutcome.Contradicted);

    public int Inconclusive => Count(ClaimOutcome.Inconclusive);

    public int NotTestable => Count(ClaimOutcome.NotTestable);

    /// <summary>«claims: 8 reproduced, 2 contradicted, 3 inconclusive, 8 not testable».</summary>
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"claims: {Reproduced} reproduced, {Contradicted} contradicted, {Inconclusive} inconclusive, {NotTestable} not testable");

    /// <summary>The verdict of one claim.</summary>
    public ClaimVerdict this[string id] =>
        Results.FirstOrDefault(r => r.Claim.Id == id)?.Verdict ?? throw new KeyNotFoundException($"no claim '{id}' in this report");

    /// <summary>
    /// One row per claim with the CSV columns (all text; the verdict as <c>reproduced</c>, <c>contradicted</c>,
    /// <c>inconclusive</c> or <c>not testable</c>; the computation with the claim's boundary layout and its rule).
    /// </summary>
    public DataFrame ToDataFrame()
    {
        string?[][] rows = [.. Results.Select(Row)];
        return new DataFrame(Columns.Select((name, i) => (DataFrameColumn)new StringDataFrameColumn(name, rows.Select(r => r[i]))));
    }

    /// <summary>What the CSV says about itself: title, the choices the verdicts depend on, summary, what each column holds.</summary>
    public TableMetadata Metadata => new("Claims ledger: Bokayev & Akhmetova, Economic factors of internal migration in the Republic of Kazakhstan")
    {
        Sources = ["paper: Bokayev & Akhmetova, «Economic factors of internal migration in the Republic of Kazakhstan: problems and challenges» (docs/README.md); figures: migration.csv, od-flows.csv, population.csv, housing.csv and socioeconomic.csv of the loaded data (each value's source in sources.csv)"],
        Notes =
        [
            $"options: {DescribeChoices()}", Summary,
            .. Meanings.Select(m => $"{Label(m.Outcome)}: {m.Meaning}"),
            "context named «not evidence» does not enter a verdict; every claim states its boundary layout and its rule in the computation column",
        ],
        Descriptions = new Dictionary<string, string>
        {
            ["computation"] = "what is computed, the boundaries the claim reads regions on, and the claim's rule: which verdict each outcome gives",
            ["verdict"] = "one of: reproduced, contradicted, inconclusive, not testable (docs/verdicts.md)",
            ["evidence"] = "the basis (flow, period, boundaries), what is missing, the decisive numbers and context labelled «not evidence»",
        },
    };

    /// <summary>The computation as published: the claim's computation, its boundary layout and its rule.</summary>
    public static string Statement(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return $"{claim.Computation} Boundaries: {claim.Layout.Description}. Rule — {claim.Rule}";
    }

    public override string ToString() => Summary;

    /// <summary>The verdict as written in the CSV, the report, the explorer and the summary line.</summary>
    public static string Label(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Reproduced => "reproduced",
        ClaimOutcome.Contradicted => "contradicted",
        ClaimOutcome.Inconclusive => "inconclusive",
        ClaimOutcome.NotTestable => "not testable",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a verdict"),
    };

    /// <summary>The catalogue id of the verdict's word (<c>verdict.reproduced</c>, …, <c>verdict.not-testable</c>) in en/ru/kk.</summary>
    public static string TextId(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Reproduced => "verdict.reproduced",
        ClaimOutcome.Contradicted => "verdict.contradicted",
        ClaimOutcome.Inconclusive => "verdict.inconclusive",
        ClaimOutcome.NotTestable => "verdict.not-testable",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a verdict"),
    };

    private int Count(ClaimOutcome outcome) => Results.Count(r => r.Verdict.Outcome == outcome);

    private static string?[] Row(ClaimResult r) =>
    [
        r.Claim.Id,
        r.Claim.Quote,
        Statement(r.Claim),
        r.Verdict.Flow is { } f ? Codes.Of(f) : "",
        r.Claim.Expected.Value,
        r.Claim.Expected.Tolerance,
        r.Verdict.Found is "—" or "" ? null : r.Verdict.Found, // nothing found is an empty cell, not a dash
        Label(r.Verdict.Outcome),
        r.Verdict.FullEvidence,
    ];
}
