using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using static KzMigration.Claims.ClaimVerdict;

namespace KzMigration.Claims;

/// <summary>
/// The catalogue: every checkable statement of Bokayev &amp; Akhmetova, «Economic factors of internal migration in the
/// Republic of Kazakhstan» (cited in docs/README.md), one entry per claim. Quotes are verbatim (a line-break hyphen
/// «mi-gration» is joined). The evaluators below the catalogue are pure functions of the loaded data.
/// <para>Reading rules used throughout (each verdict restates the one it used; docs/verdicts.md):</para>
/// <list type="bullet">
/// <item>Four verdicts, never merged: reproduced, contradicted (the data give another value), inconclusive (the test ran
/// and cannot decide), not testable (data or construct missing). Each claim's <see cref="Claim.Rule"/> says which of them
/// each outcome of its computation gives.</item>
/// <item>Boundaries: one layout per claim (<see cref="Claim.Layout"/>), chosen as the paper's statement needs it. The
/// paper's figures span 2015–2022 under one list of names, the 17 units of the 2018 list (it names Turkestan and Shymkent,
/// never Abai, Zhetisu or Ulytau; its «13 regions» and Almaty region are 14 oblasts; Almaty region's 1.02 of 2022 exists
/// only on the 2022 territory): <see cref="BoundaryLayout.PaperNames"/>, each name on its 2022 territory in every year,
/// through the origin–destination matrix where the year's own figures are on another territory. The other layouts are
/// shown as context.</item>
/// <item>«The analyzed period» is 2015–2022 (<see cref="MigrationChoices.FirstYear"/>–<see cref="MigrationChoices.LastYear"/>).
/// A claim about every year of it («steadily», «did not fall below», «in previous years») follows
/// <see cref="EveryYearRule"/>: one year against it contradicts it whatever is missing; agreeing years with others
/// missing leave it not testable, naming both; half-year figures (Jan–Jun 2019, 2020) and other flows are reported as
/// context, never as evidence.</item>
/// <item>A statement in the present tense without a period is read for the last year of the period (2022), the only
/// full year with every balance bundled.</item>
/// <item>K = arrivals ÷ departures is below 1 exactly when the balance of the same flow is negative; interregional and
/// internal balances are equal by definition, so statements about the side of 1 are decided by balances, and only
/// statements about the value of K need the arrivals and departures of <see cref="MigrationChoices.CoefficientFlow"/>.</item>
/// </list>
/// </summary>
public static partial class PaperClaims
{
    private const string Import = "(import them with `kzmig data import`)";
    private static readonly string[] Cities = ["astana-city", "almaty-city", "shymkent-city"];
    private static readonly string[] LowHousingRegions = ["turkestan", "zhambyl", "kyzylorda", "karaganda", "kostanay"];
    private static readonly string[] SteadyOutflowRegions = ["turkestan", "zhambyl"];
    private const string AlmatyRegion = "almaty-region";
    private static readonly BoundaryLayout Paper = BoundaryLayout.PaperNames;

    /// <summary>All claims, in the order of the paper, stated under the paper's specification (<see cref="StudySpecification.Paper"/>).</summary>
    public static IReadOnlyList<Claim> All { get; } = Under(StudySpecification.Paper);

    /// <summary>
    /// All claims stated under <paramref name="options"/>: the band edges and labels in their texts are the options' scale
    /// (<see cref="Scoring.ScoringSpec.Bands"/>, the study's <c>scoring.thresholds</c> and labels) and the period their analysed
    /// period (<see cref="MigrationChoices.FirstYear"/>–<see cref="MigrationChoices.LastYear"/>); quotes and evaluators are the same.
    /// Under the paper's specification they are <see cref="All"/>. The ledger states its claims so (<see cref="ClaimsLedger.Evaluate"/>).
    /// </summary>
    public static IReadOnlyList<Claim> Under(StudySpecification options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = ScaleWords.Of(options);
        int first = options.Migration.FirstYear, last = options.Migration.LastYear;
        var period = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first}–{last}");
        var beforeLast = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first}–{last - 1}");
        return
    [
        // ---- Introduction: the scale of interregional migration ----
        new("C1",
            "According to the Bureau of National Statistics of Kazakhstan, in 2022 alone, more than 320 thousand people changed their place of residence, moving from one region to another",
            "Introduction",
            "Sum of interregional arrivals over the 20 units in 2022 (= moves between regions). Internal arrivals are not this number: they include moves inside a region.",
            new("interregional arrivals of every unit", 2022, 2022, Flow.Interregional),
            new("> 320,000 moves", "none: «more than» is a bound"),
            MovedBetweenRegions)
        {
            Layout = BoundaryLayout.Units2022,
            Rule = VerdictRule.Exact(
                "the sum exceeds 320,000, or its lower bound does when some units' arrivals are missing",
                "the sum is 320,000 or less, or its upper bound is",
                "320,000 lies between the lower and upper bounds the loaded figures give"),
        },

        // ---- Results, Figures 1–3: each figure's claims in its own part of this class (PaperClaims.Figure1.cs, …) ----
        .. Figure1Claims(last, period),
        .. Figure2Claims(first, last, period, beforeLast),
        .. Figure3Claims(b, first, last, period),

        // ---- Judged by the estimated models (issues 15, 21): EstimatedClaims ----
        .. EstimatedClaims.All,
    ];
    }

    /// <summary>The claim with this id.</summary>
    public static Claim Get(string id) =>
        All.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"no claim '{id}'; known: {string.Join(", ", All.Select(c => c.Id))}");

    // ==== Introduction ==========================================================================================

    /// <summary>
    /// C1 (Introduction). Moves between regions = the sum of interregional arrivals. When some are missing the claim
    /// is still decided if the bounds decide it: each unit's interregional arrivals are at least its positive balance
    /// (or the known figure) and at most its internal arrivals (which add moves inside the region).
    /// </summary>
    private static ClaimVerdict MovedBetweenRegions(WorkbenchData data, StudySpecification o)
    {
        const int year = 2022;
        const double threshold = 320_000;
        var units = data.Regions.UnitsInYear(year);
        var basis = $"interregional arrivals summed over the {units.Count} units of {year} (Jan–Dec), on which BNS counts the year's moves between regions";
        var known = units.ToDictionary(u => u.Key, u => data.MigrationValue(u.Key, year, Flow.Interregional, Measure.Arrivals));
        var missing = units.Where(u => known[u.Key] is null).ToList();
        if (missing.Count == 0)
        {
            var total = known.Values.Sum(v => v!.Value);
            const string note = "BNS counts moves, not persons; a person moving twice counts twice.";
            return total > threshold
                ? Reproduced($"{Text.Count(total)} moves", basis, note, Flow.Interregional)
                : Contradicted($"{Text.Count(total)} moves", basis, $"Not more than 320,000. {note}", Flow.Interregional);
        }

        var balances = ClaimEvidence.Balances(data, Flow.Interregional, year, Period.JanDec, BoundaryEra.OfYear(year));
        var lower = units.Sum(u => known[u.Key] ?? Math.Max(0, balances[u.Key] ?? 0));
        var internalArrivals = units.Select(u => known[u.Key] ?? data.MigrationValue(u.Key, year, Flow.Internal, Measure.Arrivals)).ToList();
        double? upper = internalArrivals.All(v => v is not null) ? internalArrivals.Sum(v => v!.Value) : null;
        var bounds = $"between {Text.Count(lower)} and {(upper is null ? "an unknown upper bound" : Text.Count(upper.Value))} moves";
        var reasoning =
            $"Lower bound: a unit's interregional arrivals are at least its positive balance (or its known arrivals); sum {Text.Count(lower)}. " +
            (upper is null ? "No upper bound: internal arrivals are missing for some units. "
                : $"Upper bound: the sum of internal arrivals, {Text.Count(upper.Value)}, which is NOT the number of people who moved between regions: internal arrivals also count moves inside a region. ");
        if (upper is not null && upper <= threshold)
            return Contradicted($"at most {Text.Count(upper.Value)} moves", basis, reasoning + "Even the upper bound is not more than 320,000.", Flow.Interregional);
        if (lower > threshold)
            return Reproduced($"at least {Text.Count(lower)} moves", basis, reasoning + "Even the lower bound exceeds 320,000.", Flow.Interregional);
        return NotTestable(
            $"interregional arrivals {year} for {Text.Units(missing, units)} are not in the loaded data {Import}",
            bounds, basis, reasoning + "320,000 lies between the bounds, so the data cannot decide.", Flow.Interregional);
    }

    // ==== Shared by the figures: balances on a layout, and their wording =========================================

    /// <summary>The basis of a verdict on one layout: flow, period, year, layout, and how years off the layout's territory were read.</summary>
    private static string LayoutBasis(BalanceTable t, BoundaryLayout layout) =>
        $"{Codes.Of(t.Flow)} balance, {(t.Period == Period.JanDec ? "Jan–Dec" : Codes.Of(t.Period))} {t.Year}, {layout.Short}" +
        (t.Boundaries.Order > BoundaryEra.OfYear(t.Year).Order ? $" (units whose territory changed since {t.Year} read from the origin–destination matrix {t.Year})"
        : t.Boundaries.Order < BoundaryEra.OfYear(t.Year).Order ? $" ({t.Year} figures summed into these units)" : "");

    /// <summary>
    /// The same figures on every other regional layout than <paramref name="own"/> (those that give a different set of units
    /// or territories for the year, with complete figures): context, never evidence.
    /// </summary>
    private static string OtherLayouts(WorkbenchData data, BoundaryLayout own, Flow flow, int year, Func<BalanceTable, string> describe, Period period = Period.JanDec)
    {
        // Two layouts that read the same units on the same territories in this year give the same figures: show one.
        var seen = new HashSet<(string, bool)> { (own.EraOf(year).Id, own.PaperListOnly) };
        var parts = new List<string>();
        foreach (var layout in BoundaryLayout.Regional)
        {
            if (!seen.Add((layout.EraOf(year).Id, layout.PaperListOnly))) continue;
            var t = layout.Balances(data, flow, year, period);
            if (t.Complete) parts.Add($"on {layout.Short}: {describe(t)}");
        }
        return parts.Count == 0 ? "" : $"Other boundary layouts, {(period == Period.JanDec ? "" : "Jan–Jun ")}{year} (context, not evidence): {string.Join("; ", parts)}.";
    }

    /// <summary>What the uncertainty of the figures derived from a compilation is, once per compilation, or "" when none is derived.</summary>
    private static string CompilationNote(IEnumerable<UnitBalance> values)
    {
        var compilations = values.Select(v => v.Compilation).OfType<CompilationDiscrepancy>().Distinct().ToList();
        return compilations.Count == 0 ? ""
            : "Figures derived from a compilation carry its known discrepancy with official figures as their uncertainty: " +
              string.Join("; ", compilations.Select(c => c.Describe())) + ".";
    }

    /// <summary>Which of <paramref name="years"/> rest on balances derived from an origin–destination matrix, and what that matrix is.</summary>
    private static string MatrixNote(WorkbenchData data, IEnumerable<int> years)
    {
        var fromMatrix = data.FlowMatrices.Where(m => m.Period == Period.JanDec && years.Contains(m.Year)).ToList();
        if (fromMatrix.Count == 0) return "";
        var standing = fromMatrix.All(m => m.ThirdPartyCompilation) ? "BNS via a third-party compilation"
            : string.Join(", ", fromMatrix.SelectMany(m => m.Sources).Select(s => s.Id).Distinct());
        return $"{Text.Years(fromMatrix.Select(m => m.Year))}: interregional balances derived from the origin–destination matrices (od-flows.csv, {standing}) where no official figure exists.";
    }

    // «(derived)», «(rounded)»: how a figure behind a verdict was obtained.
    private static string StatusMark(Status status) => status == Status.Exact ? "" : $" ({Codes.Of(status)})";

    private static string MissingBalances(BalanceTable t) =>
        $"{Codes.Of(t.Flow)} balances{(t.Period == Period.JanDec ? "" : " " + Codes.Of(t.Period))} {t.Year} of {Text.Units(t.Missing, [.. t.Values.Select(v => v.Region), .. t.Missing])} on the {t.Boundaries} are not in the loaded data {Import}";

    /// <summary>Total net migration of the same region-years: a different flow (adds international moves), so context only.</summary>
    private static string AllFlowContext(WorkbenchData data, IReadOnlyList<string> keys, IEnumerable<int> years)
    {
        var values = keys.SelectMany(k => years.Distinct().Order().Select(y => data.FindMigration(k, y, Flow.All, Measure.Balance)))
            .OfType<MigrationObservation>().ToList();
        if (values.Count == 0) return "";
        var negative = values.Where(v => v.Value < 0).ToList();
        return $"Context, all flows (adds international moves; a different flow, not evidence): {values.Count} region-years, " +
               (negative.Count == 0 ? "all ≥ 0." : $"negative: {string.Join(", ", negative.Select(v => $"{v.Region.NameEn} {v.Year} {Text.Signed(v.Value)}"))}.");
    }
}
