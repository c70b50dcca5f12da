namespace KzMigration.Claims;

/// <summary>
/// Which of the four verdicts each outcome of a claim's computation gives, written out with the claim (its
/// <see cref="Claim.Rule"/>) and printed beside its computation in <c>out/claims.csv</c>, the ledger and the explorer.
/// An outcome that cannot arise for the claim says so («cannot occur: …») rather than being left blank.
/// </summary>
public sealed record VerdictRule(string Reproduced, string Contradicted, string Inconclusive, string NotTestable)
{
    /// <summary>For a claim built without a rule (e.g. in a test): every outcome unstated.</summary>
    public static VerdictRule Unstated { get; } = new("—", "—", "—", "—");

    /// <summary>The words a rule uses for an outcome that the claim's computation cannot give.</summary>
    public const string CannotOccur = "cannot occur";

    /// <summary>
    /// The rule of an exact computation on complete figures (a count, a sign, a ranking, a band): it holds or it does not,
    /// and missing figures leave it not testable unless the figures present already decide it. No interval, so never inconclusive.
    /// </summary>
    public static VerdictRule Exact(string holds, string fails, string missing) =>
        new(holds, fails, $"{CannotOccur}: an exact computation on the figures decides, or a figure is missing", missing);

    /// <summary>
    /// The rule of a computation on the signs of figures (a balance negative, positive, counted …), where a figure derived from
    /// a third-party compilation carries the compilation's known discrepancy with official figures (<see cref="SignClaim"/>,
    /// <see cref="CompilationDiscrepancy"/>): as <see cref="Exact"/>, and a figure within its uncertainty of the threshold that
    /// decides the statement makes it inconclusive (a figure decides for or against only beyond its uncertainty).
    /// </summary>
    public static VerdictRule OnSigns(string holds, string fails, string missing) =>
        new(holds, fails, WithinUncertainty, missing);

    /// <summary>The inconclusive outcome of a rule on signs of figures, in words.</summary>
    public const string WithinUncertainty =
        "a figure that decides the statement is derived from a third-party compilation and lies within the compilation's known discrepancy with official figures of the threshold (the verdict says what it would have to be)";

    /// <summary>The text of the rule for <paramref name="outcome"/>.</summary>
    public string For(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Reproduced => Reproduced,
        ClaimOutcome.Contradicted => Contradicted,
        ClaimOutcome.Inconclusive => Inconclusive,
        _ => NotTestable,
    };

    /// <summary>«Reproduced if …; contradicted if …; inconclusive …; not testable if …».</summary>
    public override string ToString() =>
        $"Reproduced: {Reproduced}. Contradicted: {Contradicted}. Inconclusive: {Inconclusive}. Not testable: {NotTestable}.";
}

/// <summary>The rule for a quantity the paper prints: within its tolerance of the printed value → reproduced, outside → contradicted.</summary>
public static class QuantityRule
{
    /// <summary>
    /// <see cref="ClaimOutcome.Reproduced"/> when |<paramref name="found"/> − <paramref name="expected"/>| ≤ <paramref name="tolerance"/>,
    /// else <see cref="ClaimOutcome.Contradicted"/> (the data give another value).
    /// </summary>
    public static ClaimOutcome Judge(double found, double expected, double tolerance)
    {
        if (!double.IsFinite(found) || !double.IsFinite(expected)) throw new ArgumentException("a quantity to judge is a finite number");
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "a tolerance is not negative");
        // A value exactly on the tolerance's edge is inside: the paper's two decimals cover [1.015, 1.025].
        return Math.Abs(found - expected) <= tolerance + 1e-12 * Math.Max(1, Math.Abs(expected)) ? ClaimOutcome.Reproduced : ClaimOutcome.Contradicted;
    }
}
