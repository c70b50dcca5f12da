using System.Globalization;
using KzMigration.Migration;

namespace KzMigration.Claims;

/// <summary>What one year's figures (or one figure) say about a claim that holds «every year» or «steadily».</summary>
public enum YearFinding
{
    /// <summary>The year's figures are complete and agree with the claim.</summary>
    Agrees,

    /// <summary>The year's figures (complete, or enough of them) go against the claim, each beyond its uncertainty.</summary>
    Contradicts,

    /// <summary>The year lacks figures the claim needs.</summary>
    Missing,

    /// <summary>
    /// No figure of the year goes clearly against the claim, but one that decides it lies within its uncertainty of the
    /// threshold (a value derived from a third-party compilation, within the compilation's known discrepancy with official
    /// figures: <see cref="CompilationDiscrepancy"/>): the year cannot be read either way.
    /// </summary>
    Uncertain,
}

/// <summary>
/// One year's finding and what was found (for the verdict's text); for an uncertain year, <see cref="Needs"/> says what the
/// figure would have to be to decide it.
/// </summary>
public sealed record YearCheck(int Year, YearFinding Finding, string Found = "")
{
    /// <summary>For <see cref="YearFinding.Uncertain"/>: the figure that could not decide and what it would have to be («+586 lies within ±647 of 0: …»).</summary>
    public string Needs { get; init; } = "";
}

/// <summary>Which side of a threshold a claim puts a figure on.</summary>
public enum ClaimedSide
{
    /// <summary>Below the threshold («negative»: below 0).</summary>
    Below,

    /// <summary>At or below it («not positive»).</summary>
    AtOrBelow,

    /// <summary>Above it («positive»: above 0).</summary>
    Above,

    /// <summary>At or above it («K ≥ 1», a balance ≥ 0).</summary>
    AtOrAbove,
}

/// <summary>
/// A claim about the sign of one figure (negative, positive, ≥ 1 …): the figure lies on <paramref name="Side"/> of
/// <paramref name="Threshold"/>. The rule for a figure with a stated uncertainty u (docs/verdicts.md): an official exact figure
/// has none and decides at any distance; a figure whose distance from the threshold exceeds u decides as it lies; one within u
/// of it (|value − threshold| ≤ u, u &gt; 0) is <see cref="YearFinding.Uncertain"/> — it neither agrees with the claim nor goes
/// against it. A verdict is never stronger than its evidence: a sign claim is contradicted only by a figure whose distance from
/// the threshold exceeds its uncertainty, and a figure within it does not reproduce the claim either.
/// </summary>
public sealed record SignClaim(ClaimedSide Side, double Threshold = 0)
{
    /// <summary>«Negative»: below 0.</summary>
    public static SignClaim Negative { get; } = new(ClaimedSide.Below);

    /// <summary>«Positive»: above 0.</summary>
    public static SignClaim Positive { get; } = new(ClaimedSide.Above);

    /// <summary>«Not negative» (K ≥ 1 ⇔ balance ≥ 0): at or above 0.</summary>
    public static SignClaim NotNegative { get; } = new(ClaimedSide.AtOrAbove);

    /// <summary>«Not positive» (K ≤ 1 ⇔ balance ≤ 0): at or below 0.</summary>
    public static SignClaim NotPositive { get; } = new(ClaimedSide.AtOrBelow);

    /// <summary>Whether the figure, read as it stands, lies on the claimed side.</summary>
    public bool HoldsFor(double value) => Side switch
    {
        ClaimedSide.Below => value < Threshold,
        ClaimedSide.AtOrBelow => value <= Threshold,
        ClaimedSide.Above => value > Threshold,
        _ => value >= Threshold,
    };

    /// <summary>
    /// What a figure with <paramref name="uncertainty"/> (0 for an official exact figure) says: <see cref="YearFinding.Uncertain"/>
    /// when it lies within the uncertainty of the threshold, else <see cref="YearFinding.Agrees"/> or
    /// <see cref="YearFinding.Contradicts"/> as it lies.
    /// </summary>
    public YearFinding Judge(double value, double uncertainty = 0)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("a figure to judge is a finite number", nameof(value));
        if (!(uncertainty >= 0) || double.IsInfinity(uncertainty)) throw new ArgumentOutOfRangeException(nameof(uncertainty), uncertainty, "an uncertainty is finite and not negative");
        if (uncertainty > 0 && Math.Abs(value - Threshold) <= uncertainty) return YearFinding.Uncertain;
        return HoldsFor(value) ? YearFinding.Agrees : YearFinding.Contradicts;
    }

    /// <summary>The claimed side in words («negative», «≥ 0»).</summary>
    public string Words => (Side, Threshold) switch
    {
        (ClaimedSide.Below, 0d) => "negative",
        (ClaimedSide.Above, 0d) => "positive",
        (ClaimedSide.AtOrAbove, 0d) => "not negative",
        (ClaimedSide.AtOrBelow, 0d) => "not positive",
        _ => $"{Symbol} {Number(Threshold)}",
    };

    /// <summary>
    /// For a figure within <paramref name="uncertainty"/> of the threshold: «+586 lies within ±647 of 0: a figure below −647
    /// would agree with «negative», one above +647 would go against it; an official figure decides at any distance».
    /// </summary>
    public string Needs(double value, double uncertainty)
    {
        var below = Number(Threshold - uncertainty);
        var above = Number(Threshold + uncertainty);
        var (agree, against) = Side is ClaimedSide.Below or ClaimedSide.AtOrBelow
            ? ($"below {below}", $"above {above}")
            : ($"above {above}", $"below {below}");
        return $"{Number(value)} lies within ±{Text.Count(uncertainty)} of {Number(Threshold)}, so it cannot decide «{Words}»: " +
               $"a figure {agree} would agree with the claim, one {against} would go against it; an official figure decides at any distance";
    }

    private string Symbol => Side switch { ClaimedSide.Below => "<", ClaimedSide.AtOrBelow => "≤", ClaimedSide.Above => ">", _ => "≥" };

    private static string Number(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 ? Text.Signed(v) : v.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>
/// The partial-coverage rule for claims about every year of a period («steadily», «did not fall below», «in previous
/// years»), one rule for every such claim:
/// <list type="bullet">
/// <item>one year clearly against the claim makes it <c>contradicted</c>, whatever years are missing (no missing year can
/// undo it); «clearly»: its figure lies beyond its uncertainty from the threshold (<see cref="SignClaim"/>);</item>
/// <item>no year clearly against it, but one whose deciding figure lies within its uncertainty (<see cref="YearFinding.Uncertain"/>),
/// makes it <c>inconclusive</c>, saying what the figure would have to be;</item>
/// <item>every year present and agreeing makes it <c>reproduced</c>;</item>
/// <item>otherwise it stays <c>not testable</c>, naming the agreeing years and the missing ones (a missing year could still go against it).</item>
/// </list>
/// </summary>
public static class EveryYearRule
{
    /// <summary>
    /// One year of a claim whose figure <paramref name="value"/> (with <paramref name="uncertainty"/>, 0 for an official exact
    /// figure) must satisfy <paramref name="claim"/>: agrees, goes against it, or is uncertain (with what it would have to be).
    /// </summary>
    public static YearCheck Check(int year, double value, double uncertainty, SignClaim claim, string found)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var finding = claim.Judge(value, uncertainty);
        return new YearCheck(year, finding, found) { Needs = finding == YearFinding.Uncertain ? claim.Needs(value, uncertainty) : "" };
    }

    /// <summary>
    /// The finding of a year from the findings of its figures: one against → against; else one uncertain → uncertain; else
    /// agreeing when <paramref name="complete"/>, missing otherwise.
    /// </summary>
    public static YearFinding Of(IEnumerable<YearFinding> figures, bool complete)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var list = figures.ToList();
        return list.Contains(YearFinding.Contradicts) ? YearFinding.Contradicts
            : list.Contains(YearFinding.Uncertain) ? YearFinding.Uncertain
            : complete && !list.Contains(YearFinding.Missing) ? YearFinding.Agrees : YearFinding.Missing;
    }

    /// <summary>
    /// The verdict over <paramref name="years"/>; <paramref name="missingWhat"/> names the figures a missing year lacks
    /// («interregional balances of Almaty region»), completed to «… for 2016–2019 are not in the loaded data (import them …)».
    /// </summary>
    public static ClaimVerdict Decide(IReadOnlyList<YearCheck> years, string basis, string missingWhat, string context, Flow? flow)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (years.Count == 0) throw new ArgumentException("A claim about every year needs at least one year.", nameof(years));
        var against = Of(years, YearFinding.Contradicts);
        var agree = Of(years, YearFinding.Agrees);
        var missing = Of(years, YearFinding.Missing);
        var uncertain = years.Where(y => y.Finding == YearFinding.Uncertain).ToList();
        var found = years.Where(y => y.Finding != YearFinding.Missing && y.Found.Length > 0).Select(y => $"{y.Year}: {y.Found}").ToList() is { Count: > 0 } f
            ? string.Join("; ", f) : "no year with figures";
        var coverage = $"Agreeing years: {Text.Years(agree).OrNone()}; against: {Text.Years(against).OrNone()}; missing: {Text.Years(missing).OrNone()}" +
                       (uncertain.Count > 0 ? $"; uncertain: {Text.Years(uncertain.Select(y => y.Year))}." : ".");
        var why = uncertain.Count == 0 ? ""
            : " " + string.Join(" ", uncertain.Select(y => $"{y.Year}: {(y.Needs.Length > 0 ? y.Needs : "a figure within its uncertainty decides it")}."));
        var tail = context.Length > 0 ? " " + context : "";
        if (against.Count > 0)
            return ClaimVerdict.Contradicted(found, basis,
                $"Against the claim in {Text.Years(against)}. {coverage}" + (uncertain.Count > 0 ? " A missing or uncertain year cannot undo a year against the claim." : missing.Count > 0 ? " A missing year cannot undo a year against the claim." : "") + why + tail, flow);
        if (uncertain.Count > 0)
            return ClaimVerdict.Inconclusive(found, basis,
                $"No year goes clearly against the claim, but in {Text.Years(uncertain.Select(y => y.Year))} the figure that decides it lies within its uncertainty, so the data cannot decide. {coverage}{why}" +
                (missing.Count > 0 ? $" Missing years ({Text.Years(missing)}) could still go against it." : "") + tail, flow);
        if (missing.Count == 0)
            return ClaimVerdict.Reproduced(found, basis, coverage + tail, flow);
        return ClaimVerdict.NotTestable($"{missingWhat} for {Text.Years(missing)} are not in the loaded data (import them with `kzmig data import`)", found, basis,
            $"{coverage} The claim is about every year, so agreeing years alone do not decide it: a missing year could still go against it.{tail}", flow);
    }

    /// <summary>The rule above in words, for a claim's <see cref="Claim.Rule"/>; <paramref name="agrees"/> says what a year needs to agree.</summary>
    public static VerdictRule Words(string agrees) => new(
        $"every year of the period has figures, and in each {agrees}, each figure beyond its uncertainty",
        $"one year with figures goes clearly against it (not: {agrees}, by more than the figure's uncertainty), whatever years are missing",
        "no year goes clearly against it, but in one the deciding figure lies within its uncertainty of the threshold (a value derived from a third-party compilation, " +
        "within the compilation's known discrepancy with official figures): the verdict says what the figure would have to be",
        "the years with figures agree but others are missing (a missing year could still go against the claim)");

    private static List<int> Of(IReadOnlyList<YearCheck> years, YearFinding finding) => [.. years.Where(y => y.Finding == finding).Select(y => y.Year)];

    private static string OrNone(this string text) => text.Length == 0 ? "none" : text;
}
