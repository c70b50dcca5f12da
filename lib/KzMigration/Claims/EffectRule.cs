using System.Globalization;

namespace KzMigration.Claims;

/// <summary>What one model's interval says about a claimed effect: the verdict it gives and why, in words.</summary>
public sealed record ModelFinding(ModelReading Reading, ClaimOutcome Outcome, string Reason);

/// <summary>
/// The rule for a claim that a factor has «a significant impact» of a stated sign, judged on an estimated model's interval
/// (docs/verdicts.md). With δ the half-width of the claim's band of negligible effects and s the claimed sign:
/// <list type="number">
/// <item>the interval lies inside the band [−δ, δ] → <b>contradicted</b> (the effect is shown to be negligible);</item>
/// <item>the interval excludes zero with the claimed sign → <b>reproduced</b>;</item>
/// <item>the interval excludes zero with the opposite sign → <b>contradicted</b>;</item>
/// <item>the interval holds zero but no effect of the claimed sign beyond δ (s·upper end ≤ δ) → <b>contradicted</b>: every
/// effect the claim needs lies outside it;</item>
/// <item>otherwise the interval holds both zero and effects the claim would need → <b>inconclusive</b>, with the minimum
/// detectable effect (80 % power, 5 %, the critical value taken on the claimed side of the interval:
/// <see cref="FactorEvidence.MinimumDetectableFor"/>) stated: absence of evidence is not evidence of absence (Altman &amp; Bland 1995).</item>
/// </list>
/// Several models (<see cref="Combine"/>): a model without evidence does not vote; if one model reproduces and another
/// contradicts, the claim is inconclusive and says the models disagree; otherwise a model that decides (reproduced or
/// contradicted) decides, the others being inconclusive, and the claim says which model decided and what the others
/// found; all inconclusive → inconclusive; no model with evidence → not testable.
/// </summary>
public static class EffectRule
{
    /// <summary>The rule in words, for a claim's <see cref="Claim.Rule"/>.</summary>
    public static VerdictRule Words(string factor, int sign) => new(
        $"every model with evidence gives an interval that excludes zero with the claimed sign ({SignWord(sign)}), or one does and the others cannot decide",
        $"the models' intervals lie inside the band of negligible effects, or exclude zero with the opposite sign, or hold no {SignWord(sign)} effect beyond the band (or one model does so and the others cannot decide)",
        $"the intervals hold both zero and {SignWord(sign)} effects beyond the band (the minimum detectable effect at 80 % power and 5 % is stated), or one model reproduces and another contradicts",
        $"no model can be estimated: {factor} by region, or the model's other inputs, are missing");

    /// <summary>One model's verdict on a claimed effect of sign <paramref name="sign"/> (+1 or −1), by the rule above.</summary>
    public static ModelFinding Judge(ModelReading reading, int sign)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), sign, "the claimed sign is +1 or −1");
        if (reading.Evidence is not { } e)
            return new ModelFinding(reading, ClaimOutcome.NotTestable, $"{reading.Model}: no estimate ({reading.Missing ?? "not available"})");
        if (!(e.Lower <= e.Upper) || !(e.Negligible > 0))
            throw new ArgumentException($"{e.Model}: an interval needs lower ≤ upper and a positive band of negligible effects", nameof(reading));
        var band = string.Create(CultureInfo.InvariantCulture, $"±{FactorEvidence.Number(e.Negligible)}");
        var interval = $"[{FactorEvidence.Number(e.Lower)}, {FactorEvidence.Number(e.Upper)}]";
        var toward = sign > 0 ? e.Upper : -e.Lower; // the farthest the interval reaches in the claimed direction
        if (e.Lower >= -e.Negligible && e.Upper <= e.Negligible)
            return new(reading, ClaimOutcome.Contradicted, $"{e.Model}: the interval {interval} lies inside the band of negligible effects {band}");
        if (sign * e.Lower > 0 && sign * e.Upper > 0)
            return new(reading, ClaimOutcome.Reproduced, $"{e.Model}: the interval {interval} excludes zero with the claimed sign ({SignWord(sign)})");
        if (sign * e.Lower < 0 && sign * e.Upper < 0)
            return new(reading, ClaimOutcome.Contradicted, $"{e.Model}: the interval {interval} excludes zero with the opposite sign");
        if (toward <= e.Negligible)
            return new(reading, ClaimOutcome.Contradicted,
                $"{e.Model}: the interval {interval} holds no {SignWord(sign)} effect beyond the band of negligible effects {band}");
        return new(reading, ClaimOutcome.Inconclusive, string.Create(CultureInfo.InvariantCulture,
            $"{e.Model}: the interval {interval} holds both zero and {SignWord(sign)} effects beyond the band {band}; " +
            $"the test could have detected a true effect of {FactorEvidence.Number(e.MinimumDetectableFor(sign))} {e.Units} (minimum detectable effect, 80 % power, 5 %, with the critical value on the claimed side of the interval); " +
            $"a band of negligible effects of ±{FactorEvidence.Number(toward)} ({toward / e.Negligible:0.00} times the stated one) or wider would make this interval contradict the claim"));
    }

    /// <summary>The claim's verdict from each model's finding (the rule above): which decides, and whether they disagree.</summary>
    public static (ClaimOutcome Outcome, string Reason) Combine(IReadOnlyList<ModelFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var voting = findings.Where(f => f.Outcome != ClaimOutcome.NotTestable).ToList();
        if (voting.Count == 0) return (ClaimOutcome.NotTestable, "no model gives an estimate");
        var outcomes = voting.Select(f => f.Outcome).Distinct().ToList();
        string Names(ClaimOutcome o) => string.Join(" and ", voting.Where(f => f.Outcome == o).Select(f => f.Reading.Model));
        if (outcomes.Count == 1)
            return (outcomes[0], voting.Count == 1 ? $"one model ({voting[0].Reading.Model}) judges the claim" : "the models agree");
        if (outcomes.Contains(ClaimOutcome.Reproduced) && outcomes.Contains(ClaimOutcome.Contradicted))
            return (ClaimOutcome.Inconclusive,
                $"THE MODELS DISAGREE: {Names(ClaimOutcome.Reproduced)} reproduce(s) the claim, {Names(ClaimOutcome.Contradicted)} contradict(s) it, so the evidence cannot decide");
        var decided = outcomes.Contains(ClaimOutcome.Reproduced) ? ClaimOutcome.Reproduced : ClaimOutcome.Contradicted;
        return (decided,
            $"THE MODELS DISAGREE: {Names(decided)} decide(s) ({ClaimsReport.Label(decided)}), {Names(ClaimOutcome.Inconclusive)} cannot decide; " +
            "a model that cannot decide neither confirms nor refutes, so the one that decides gives the verdict");
    }

    /// <summary>
    /// The verdict on a factor claim from every model's reading: found = each model's numbers (estimate, interval, MDE,
    /// band), evidence = each model's finding and how they combine.
    /// </summary>
    public static ClaimVerdict Decide(string factor, int sign, IReadOnlyList<ModelReading> readings, string context)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var findings = readings.Select(r => Judge(r, sign)).ToList();
        var (outcome, how) = Combine(findings);
        var withEvidence = findings.Where(f => f.Reading.Evidence is not null).ToList();
        var basis = withEvidence.Count == 0 ? "estimated models (notebook 06)"
            : string.Join("; ", withEvidence.Select(f => string.Create(CultureInfo.InvariantCulture,
                $"{f.Reading.Model} ({f.Reading.Evidence!.N} observations, {f.Reading.Evidence.Clusters} clusters, {f.Reading.Evidence.Inference})")));
        var found = withEvidence.Count == 0 ? "—" : string.Join("; ", withEvidence.Select(f => f.Reading.Evidence!.Describe(sign)));
        var evidence = string.Join(" ", new[] { string.Join("; ", findings.Select(f => f.Reason)) + ".", Capitalise(how) + ".", context }.Where(s => s.Length > 0));
        return outcome switch
        {
            ClaimOutcome.NotTestable => ClaimVerdict.NotTestable(
                $"an estimate of the effect of {factor}: {string.Join("; ", findings.Select(f => f.Reason))}", found, basis, context, null),
            ClaimOutcome.Reproduced => ClaimVerdict.Reproduced(found, basis, evidence, null),
            ClaimOutcome.Contradicted => ClaimVerdict.Contradicted(found, basis, evidence, null),
            _ => ClaimVerdict.Inconclusive(found, basis, evidence, null),
        };
    }

    private static string SignWord(int sign) => sign > 0 ? "positive" : "negative";

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
