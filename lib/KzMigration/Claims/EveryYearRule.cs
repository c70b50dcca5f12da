using KzMigration.Migration;

namespace KzMigration.Claims;

/// <summary>What one year's figures say about a claim that holds «every year» or «steadily».</summary>
public enum YearFinding
{
    /// <summary>The year's figures are complete and agree with the claim.</summary>
    Agrees,

    /// <summary>The year's figures (complete, or enough of them) go against the claim.</summary>
    Contradicts,

    /// <summary>The year lacks figures the claim needs.</summary>
    Missing,
}

/// <summary>One year's finding and what was found (for the verdict's text).</summary>
public sealed record YearCheck(int Year, YearFinding Finding, string Found = "");

/// <summary>
/// The partial-coverage rule for claims about every year of a period («steadily», «did not fall below», «in previous
/// years»), one rule for every such claim:
/// <list type="bullet">
/// <item>one year against the claim makes it <c>contradicted</c>, whatever years are missing (no missing year can undo it);</item>
/// <item>every year present and agreeing makes it <c>reproduced</c>;</item>
/// <item>otherwise it stays <c>not testable</c>, naming the agreeing years and the missing ones (a missing year could still go against it).</item>
/// </list>
/// </summary>
public static class EveryYearRule
{
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
        var found = years.Where(y => y.Finding != YearFinding.Missing && y.Found.Length > 0).Select(y => $"{y.Year}: {y.Found}").ToList() is { Count: > 0 } f
            ? string.Join("; ", f) : "no year with figures";
        var coverage = $"Agreeing years: {Text.Years(agree).OrNone()}; against: {Text.Years(against).OrNone()}; missing: {Text.Years(missing).OrNone()}.";
        var tail = context.Length > 0 ? " " + context : "";
        if (against.Count > 0)
            return ClaimVerdict.Contradicted(found, basis,
                $"Against the claim in {Text.Years(against)}. {coverage}" + (missing.Count > 0 ? " A missing year cannot undo a year against the claim." : "") + tail, flow);
        if (missing.Count == 0)
            return ClaimVerdict.Reproduced(found, basis, coverage + tail, flow);
        return ClaimVerdict.NotTestable($"{missingWhat} for {Text.Years(missing)} are not in the loaded data (import them with `kzmig data import`)", found, basis,
            $"{coverage} The claim is about every year, so agreeing years alone do not decide it: a missing year could still go against it.{tail}", flow);
    }

    /// <summary>The rule above in words, for a claim's <see cref="Claim.Rule"/>; <paramref name="agrees"/> says what a year needs to agree.</summary>
    public static VerdictRule Words(string agrees) => new(
        $"every year of the period has figures, and in each {agrees}",
        $"one year with figures goes against it (not: {agrees}), whatever years are missing",
        $"{VerdictRule.CannotOccur}: each year's figures decide it, or are missing",
        "the years with figures agree but others are missing (a missing year could still go against the claim)");

    private static List<int> Of(IReadOnlyList<YearCheck> years, YearFinding finding) => [.. years.Where(y => y.Finding == finding).Select(y => y.Year)];

    private static string OrNone(this string text) => text.Length == 0 ? "none" : text;
}
