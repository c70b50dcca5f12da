using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using static KzMigration.Claims.ClaimVerdict;

namespace KzMigration.Claims;

// Figure 2 of the paper (the attractiveness coefficient K; Results, text after Figure 2): claims C3–C7, stated and judged.
// The study steps that redraw the figure are in Study/Figure2 (Attractiveness); notebook 03.
public static partial class PaperClaims
{
    /// <summary>The claims read on Figure 2 (C3–C7), in the order of the paper, stated in the words of <see cref="Under"/>'s options.</summary>
    private static IEnumerable<Claim> Figure2Claims(int first, int last, string period, string beforeLast) =>
    [
        new("C3",
            "The obtained attractiveness factors show that most regions (13 regions) have a negative migration balance and a migration attractiveness factor below 1.",
            "Results, text after Figure 2",
            "Number of oblasts (not cities) with a negative balance in the last year of the period (K < 1 ⇔ balance < 0 for the same flow), on the same layout as C5.",
            new("balance of every unit (coefficient flow)", last, last, FlowFromSpecification: true),
            new("13 regions", "exact count"),
            ThirteenRegionsBelowOne)
        {
            Rule = VerdictRule.OnSigns(
                "exactly 13 oblasts have a negative balance",
                "another count: more than 13 negative, or fewer than 13 even if every missing balance were negative",
                "balances are missing and the count could still be 13"),
        },
        new("C4",
            "Only one Almaty region has a coefficient of 1,02 in 2022",
            "Results, text after Figure 2",
            "K = arrivals ÷ departures of Almaty region (2022 territory) in 2022, for the coefficient flow.",
            new("arrivals and departures of Almaty region (coefficient flow)", last, last, FlowFromSpecification: true),
            new("1.02", "±0.005 (the paper prints two decimals)"),
            AlmatyRegionCoefficient)
        {
            Names = [AlmatyRegion],
            Rule = VerdictRule.Exact("|K − 1.02| ≤ 0.005", "|K − 1.02| > 0.005", "arrivals or departures of the coefficient flow are missing"),
        },
        new("C5",
            "Only one Almaty region has a coefficient of 1,02 in 2022",
            "Results, text after Figure 2",
            "Oblasts with K > 1 (balance > 0) in the last year of the period, on the same layout as C3: exactly Almaty region.",
            new("balance of every unit (coefficient flow)", last, last, FlowFromSpecification: true),
            new("{Almaty region}", "none (predicate)"),
            OnlyAlmatyRegionAboveOne)
        {
            Names = [AlmatyRegion],
            Rule = VerdictRule.OnSigns(
                "Almaty region is the only oblast with a positive balance",
                "Almaty region's balance is not positive, or another oblast's is (whatever is missing)",
                "balances are missing and the figures present do not already decide"),
        },
        new("C6",
            "while this area also had a negative migration balance in previous years",
            "Results, text after Figure 2",
            $"Balance of Almaty region — «this area», the territory of its 1.02 in 2022 — in every year of the period before the last ({beforeLast}), read on that territory through the origin–destination matrix.",
            new("balance of Almaty region (coefficient flow)", first, last - 1, FlowFromSpecification: true),
            new($"< 0 in every year {beforeLast}", "none (predicate)"),
            AlmatyRegionEarlierNegative)
        {
            Names = [AlmatyRegion],
            Rule = EveryYearRule.Words("the balance is negative"),
        },
        new("C7",
            "The stable inflow of population is observed only in the cities of republican importance, where the coefficient of attraction for migration during the analyzed period did not fall below one.",
            "Results, text after Figure 2",
            $"K ≥ 1 (balance ≥ 0) for Astana, Almaty and Shymkent (from 2018, when it became a city of republican significance) in every year {period}.",
            new("balance of the three cities (coefficient flow)", first, last, FlowFromSpecification: true),
            new("K ≥ 1 in every city-year", "none (predicate)"),
            CitiesNeverBelowOne)
        {
            Names = Cities,
            Rule = EveryYearRule.Words("every city reporting that year has a balance ≥ 0"),
        },
    ];

    /// <summary>C3 (Results, Figure 2). Counted on the paper's layout, the same as C5; the other layouts are context.</summary>
    private static ClaimVerdict ThirteenRegionsBelowOne(WorkbenchData data, StudySpecification o)
    {
        const int expected = 13;
        var flow = o.Migration.CoefficientFlow;
        var table = Paper.Balances(data, flow, o.Migration.LastYear);
        var basis = $"{LayoutBasis(table, Paper)}; K < 1 exactly when the balance of the same flow is negative";
        var oblasts = table.Oblasts;
        var missingOblasts = table.Missing.Count(r => r.Kind == RegionKind.Oblast);
        var negative = oblasts.Where(v => v.Value < 0).ToList();
        var found = $"{negative.Count} of {oblasts.Count + missingOblasts} oblasts" + (missingOblasts > 0 ? $" ({missingOblasts} missing)" : "");
        // A balance derived from a compilation counts only beyond its uncertainty; within it, it could go either way.
        var clearlyNegative = oblasts.Count(v => SignClaim.Negative.Judge(v.Value, v.Uncertainty) == YearFinding.Agrees);
        var unsure = oblasts.Where(v => SignClaim.Negative.Judge(v.Value, v.Uncertainty) == YearFinding.Uncertain).ToList();
        var context = string.Join(" ", new[]
        {
            OtherLayouts(data, Paper, flow, o.Migration.LastYear, t => $"{t.Oblasts.Count(v => v.Value < 0)} of {t.Oblasts.Count} oblasts negative"),
            "The count does not depend on the flow whose K the paper divided (interregional and internal balances are equal).",
            LayoutConditional,
            CompilationNote(table.Values),
        }.Where(x => x.Length > 0));
        var reads = BoundaryLayout.ReadsOf(table);
        if (clearlyNegative > expected || clearlyNegative + unsure.Count + missingOblasts < expected)
            return Contradicted(found, basis, $"Not {expected}{(missingOblasts > 0 || unsure.Count > 0 ? " whatever the missing or uncertain balances are" : "")}. {context}", flow).Reading(reads);
        if (unsure.Count > 0)
            return Inconclusive(found, basis,
                $"The count lies between {clearlyNegative} and {clearlyNegative + unsure.Count + missingOblasts}: {Text.Balances(unsure)} lie within the uncertainty of figures derived from a compilation " +
                $"(±{Text.Count(unsure.Max(v => v.Uncertainty))}), so the data cannot decide whether it is {expected}. {context}", flow).Reading(reads);
        if (missingOblasts > 0) return NotTestable(MissingBalances(table), found, basis, context, flow).Reading(reads);
        return Reproduced(found, basis, context, flow).Reading(reads);
    }

    /// <summary>Said with C3 and C5: their layout is partly inferred from the claims themselves.</summary>
    private const string LayoutConditional =
        "Conditional on the layout: the paper's 17 names on their 2022 territory are partly inferred from these claims themselves (its «13 regions» below 1 and Almaty region above 1 " +
        "are the 14 oblasts of that list, and Almaty region's 1.02 of 2022 exists only on its 2022 territory; docs/verdicts.md), so the verdict holds on the layout the statements imply; " +
        "the other layouts are shown as context.";

    /// <summary>C4 (Results, Figure 2). The value of K needs arrivals and departures of the coefficient flow, on the 2022 territory.</summary>
    private static ClaimVerdict AlmatyRegionCoefficient(WorkbenchData data, StudySpecification o)
    {
        const double expected = 1.02, tolerance = 0.005;
        var year = o.Migration.LastYear;
        var flow = o.Migration.CoefficientFlow;
        var era = Paper.EraOf(year);
        var basis = $"{Codes.Of(flow)} arrivals ÷ departures of Almaty region, Jan–Dec {year}, {Paper.Short}";
        var context = new List<string>();
        if (ClaimEvidence.Balance(data, AlmatyRegion, year, flow) is { } b)
        {
            context.Add($"Balance {Text.Signed(b.Value)}, so K > 1 for any flow with this balance.");
            if (b.Value > 0)
                context.Add($"K = 1.02 ± 0.005 with this balance means {Codes.Of(flow)} departures between {Text.Count(b.Value / (expected + tolerance - 1))} and {Text.Count(b.Value / (expected - tolerance - 1))}.");
        }
        var harmonised = ClaimEvidence.Balances(data, flow, year, Period.JanDec, BoundaryEra.Era2018);
        if (era != BoundaryEra.Era2018 && harmonised[AlmatyRegion] is { } old)
            context.Add($"Context, not evidence: in its 2018–2021 territory (with Zhetisu) the balance is {Text.Signed(old)}, K {(old < 0 ? "<" : "≥")} 1: the paper's 1.02 refers to the 2022 territory.");

        // Arrivals and departures on the 2022 territory: the unit's own figures (its territory of the year is the layout's).
        var onTerritory = BoundaryEra.OfYear(year) == era || data.Regions.Unchanged(data.Regions[AlmatyRegion], BoundaryEra.OfYear(year), era);
        if (onTerritory && ClaimEvidence.Coefficient(data, AlmatyRegion, year, flow) is { Value: { } k } && ClaimEvidence.Flows(data, AlmatyRegion, year, flow) is { } f)
        {
            var evidence = $"{Text.Count(f.Arrivals.Value)} ÷ {Text.Count(f.Departures.Value)}; |K − 1.02| = {Text.Ratio(Math.Abs(k - expected))} (tolerance 0.005)." +
                           (flow == Flow.Internal ? " Internal flows include moves inside the region, which pull K towards 1." : "") +
                           (context.Count > 0 ? " " + string.Join(" ", context) : "");
            var verdict = QuantityRule.Judge(k, expected, tolerance) == ClaimOutcome.Reproduced
                ? Reproduced($"K = {Text.Ratio(k)}", basis, evidence, flow)
                : Contradicted($"K = {Text.Ratio(k)}", basis, evidence, flow);
            return verdict.Reading([new UnitRead(data.Regions[AlmatyRegion], BoundaryEra.OfYear(year), year)]);
        }

        if (flow != Flow.Internal && ClaimEvidence.Coefficient(data, AlmatyRegion, year, Flow.Internal) is { Value: { } ki } && ClaimEvidence.Flows(data, AlmatyRegion, year, Flow.Internal) is { } fi)
            context.Insert(0, $"Context, internal flow (includes moves inside the region, pulls K towards 1; not evidence): K = {Text.Count(fi.Arrivals.Value)} ÷ {Text.Count(fi.Departures.Value)} = {Text.Ratio(ki)}.");
        return NotTestable($"{Codes.Of(flow)} arrivals and departures of Almaty region for {year} are not in the loaded data {Import}",
            "—", basis, string.Join(" ", context), flow);
    }

    /// <summary>C5 (Results, Figure 2). On the paper's layout, the same as C3: Almaty region on its 2022 territory, where its K exceeds 1.</summary>
    private static ClaimVerdict OnlyAlmatyRegionAboveOne(WorkbenchData data, StudySpecification o)
    {
        var flow = o.Migration.CoefficientFlow;
        var table = Paper.Balances(data, flow, o.Migration.LastYear);
        var basis = $"{LayoutBasis(table, Paper)}; K > 1 exactly when the balance is positive";
        var above = table.Oblasts.Where(v => v.Value > 0).ToList();
        var found = above.Count == 0 ? "no oblast with K > 1" : $"oblasts with K > 1: {Text.Balances(above)}";
        var context = OtherLayouts(data, Paper, flow, o.Migration.LastYear,
            t => t.Oblasts.Where(v => v.Value > 0).ToList() is { Count: > 0 } h ? $"{Text.Balances(h)} with K > 1" : "no oblast with K > 1");
        context = string.Join(" ", new[] { context, LayoutConditional, CompilationNote(table.Values) }.Where(x => x.Length > 0));
        var reads = BoundaryLayout.ReadsOf(table);
        // Almaty region positive, every other oblast not positive: each figure decides only beyond its uncertainty.
        var judged = table.Oblasts.Select(v => (v, Finding: (v.Region.Key == AlmatyRegion ? SignClaim.Positive : SignClaim.NotPositive).Judge(v.Value, v.Uncertainty))).ToList();
        if (judged.Any(x => x.Finding == YearFinding.Contradicts))
            return Contradicted(found, basis, context, flow).Reading(reads);
        if (judged.Where(x => x.Finding == YearFinding.Uncertain).Select(x => x.v).ToList() is { Count: > 0 } unsure)
            return Inconclusive(found, basis,
                $"{Text.Balances(unsure)} {(unsure.Count == 1 ? "lies" : "lie")} within the uncertainty of figures derived from a compilation (±{Text.Count(unsure.Max(v => v.Uncertainty))}): " +
                $"{string.Join("; ", unsure.Select(v => (v.Region.Key == AlmatyRegion ? SignClaim.Positive : SignClaim.NotPositive).Needs(v.Value, v.Uncertainty)))}. {context}", flow).Reading(reads);
        if (!table.Complete) return NotTestable(MissingBalances(table), found, basis, context, flow).Reading(reads);
        return Reproduced(found, basis, context, flow).Reading(reads);
    }

    /// <summary>
    /// C6 (Results, Figure 2). «This area … in previous years»: Almaty region on the territory of its 1.02 (2022), every year
    /// of the period before the last, read through the origin–destination matrix; the territory of each year (with Zhetisu)
    /// is context.
    /// </summary>
    private static ClaimVerdict AlmatyRegionEarlierNegative(WorkbenchData data, StudySpecification o)
    {
        var flow = o.Migration.CoefficientFlow;
        var years = Enumerable.Range(o.Migration.FirstYear, Math.Max(0, o.Migration.LastYear - o.Migration.FirstYear)).ToList();
        var tables = years.Select(y => Paper.Balances(data, flow, y)).ToList();
        var basis = $"{Codes.Of(flow)} balance of Almaty region, Jan–Dec {Text.Years(years)}, {Paper.Short} (without Zhetisu; years before 2022 from the origin–destination matrix)";
        var own = tables.Select(t => (t.Year, Balance: t.Values.FirstOrDefault(v => v.Region.Key == AlmatyRegion))).ToList();
        var checks = own.Select(x => x.Balance is not { } b ? new YearCheck(x.Year, YearFinding.Missing)
            : EveryYearRule.Check(x.Year, b.Value, b.Uncertainty, SignClaim.Negative, $"{Text.Signed(b.Value)}{StatusMark(b.Status)}")).ToList();
        var published = years.Select(y => (Year: y, Balance: ClaimEvidence.Balance(data, AlmatyRegion, y, flow))).Where(x => x.Balance is not null).ToList();
        var publishedText = published.Select(x => $"{x.Year} {Text.Signed(x.Balance!.Value)}{(BoundaryEra.OfYear(x.Year).Order < BoundaryEra.Era2022.Order ? " (with Zhetisu)" : "")}").ToList();
        var publishedFindings = published.Select(x => (x.Year, Finding: SignClaim.Negative.Judge(x.Balance!.Value, ClaimEvidence.CompilationOf(data, x.Balance)?.Largest ?? 0))).ToList();
        var publishedSummary = publishedFindings.Count == 0 ? ""
            : publishedFindings.All(x => x.Finding == YearFinding.Agrees) ? " — negative in every year with data"
            : $" — not clearly negative in {Text.Years(publishedFindings.Where(x => x.Finding != YearFinding.Agrees).Select(x => x.Year))}";
        var halfYears = years.Where(y => checks.First(c => c.Year == y).Finding == YearFinding.Missing)
            .Select(y => (y, b: ClaimEvidence.Balance(data, AlmatyRegion, y, flow, Period.JanJun))).Where(x => x.b is not null)
            .Select(x => $"Jan–Jun {x.y} {Text.Signed(x.b!.Value)} (with Zhetisu)").ToList();
        var claimed = own.Where(x => x.Balance is not null).Select(x => $"{x.Year} {Text.Signed(x.Balance!.Value)}{StatusMark(x.Balance.Status)}").ToList();
        var verdict = EveryYearRule.Decide(checks, basis,
            $"{Codes.Of(flow)} balances of Almaty region on its 2022 territory (an origin–destination matrix of the year)",
            string.Join(" ", new[]
            {
                MatrixNote(data, years),
                CompilationNote(own.Select(x => x.Balance).OfType<UnitBalance>()),
                claimed.Count > 0 ? $"The two territory readings: on its 2022 territory (the claim's «this area», without Zhetisu): {string.Join(", ", claimed)}." : "",
                publishedText.Count > 0 ? $"Context, not evidence — Almaty region on its territory of each year, as published (with Zhetisu before 2022): {string.Join(", ", publishedText)}{publishedSummary}." : "",
                TerritoryDecomposition(data, AlmatyRegion, years),
                halfYears.Count > 0 ? $"Context (half-years, not evidence): {string.Join(", ", halfYears)}." : "",
                AllFlowContext(data, [AlmatyRegion], years),
            }.Where(x => x.Length > 0)),
            flow);
        return verdict.Reading(tables.SelectMany(t => BoundaryLayout.ReadsOf(t, [AlmatyRegion])));
    }

    /// <summary>
    /// A region on its 2022 territory in years when it held more (Almaty region with Zhetisu before 2022): its balance split,
    /// from the origin–destination matrix on the 2022 units, into the exchange with the parts it lost (moves that were inside
    /// the region on its territory of the year) and the exchange with the rest of the country.
    /// </summary>
    private static string TerritoryDecomposition(WorkbenchData data, string key, IEnumerable<int> years)
    {
        var region = data.Regions[key];
        var parts = new List<string>();
        var lost = new HashSet<string>(StringComparer.Ordinal);
        foreach (var year in years)
        {
            var others = data.Regions.PartsIn(region, BoundaryEra.OfYear(year), BoundaryEra.Era2022).Where(p => p.Key != key).ToList();
            if (others.Count == 0 || data.FlowMatrix(year, BoundaryEra.Era2022) is not { } m) continue;
            var arrivals = others.Sum(p => m[p.Key, key]);
            var departures = others.Sum(p => m[key, p.Key]);
            var rest = m.Balance(key) - (arrivals - departures);
            foreach (var p in others) lost.Add(p.NameEn);
            parts.Add($"{year}: with {Text.Names(others)} {Text.Signed(arrivals - departures)} ({Text.Count(arrivals)} in, {Text.Count(departures)} out), " +
                      $"with the rest of the country {Text.Signed(rest)}");
        }
        return parts.Count == 0 ? ""
            : $"Decomposition of {region.NameEn}'s balance on its 2022 territory (origin–destination matrix on the 2022 units): the exchange with {string.Join(", ", lost)} — moves inside " +
              $"{region.NameEn} on its territory of the year — and with the rest of the country: {string.Join("; ", parts)}.";
    }

    /// <summary>C7 (Results, Figure 2). A universal claim: decided by a complete set of city-years or one city-year below 1.</summary>
    private static ClaimVerdict CitiesNeverBelowOne(WorkbenchData data, StudySpecification o)
    {
        var flow = o.Migration.CoefficientFlow;
        var basis = $"{Codes.Of(flow)} balance (K ≥ 1 ⇔ balance ≥ 0) of Astana, Almaty and Shymkent, Jan–Dec {o.Migration.FirstYear}–{o.Migration.LastYear}, each city from the year it is a city of republican significance, {Paper.Short}";
        var years = Enumerable.Range(o.Migration.FirstYear, o.Migration.LastYear - o.Migration.FirstYear + 1).ToList();
        var tables = years.ToDictionary(y => y, y => Paper.Balances(data, flow, y));
        var cells = Cities.Select(k => data.Regions[k])
            .SelectMany(c => years.Where(c.ReportsIn).Select(y => (City: c, Year: y, Balance: tables[y].Values.FirstOrDefault(v => v.Region.Key == c.Key))))
            .ToList();
        var onlyCities = tables[o.Migration.LastYear] is { Complete: true } t
            ? $"The «only in the cities» part holds: in {o.Migration.LastYear} every oblast of the paper's list is negative" +
              (t.Oblasts.Where(v => v.Value >= 0).ToList() is { Count: > 0 } pos ? $" except {Text.Balances(pos)}." : ".")
            : "";
        // A year agrees when every city reporting then has a balance ≥ 0; one city below 0 is against; otherwise a city is missing.
        var checks = cells.GroupBy(c => c.Year).OrderBy(g => g.Key).Select(g =>
        {
            var present = g.Where(c => c.Balance is not null).ToList();
            var text = present.Count == 0 ? "" : Text.Balances(present.Select(c => c.Balance!));
            // A city-year below 0 goes against the claim only beyond its figure's uncertainty (SignClaim).
            var judged = present.Select(c => (c.City, Balance: c.Balance!, Finding: SignClaim.NotNegative.Judge(c.Balance!.Value, c.Balance.Uncertainty))).ToList();
            var finding = EveryYearRule.Of(judged.Select(j => j.Finding), present.Count == g.Count());
            var needs = string.Join("; ", judged.Where(j => j.Finding == YearFinding.Uncertain).Select(j => $"{j.City.NameEn} {SignClaim.NotNegative.Needs(j.Balance.Value, j.Balance.Uncertainty)}"));
            return new YearCheck(g.Key, finding, text) { Needs = finding == YearFinding.Uncertain ? needs : "" };
        }).ToList();
        var below = cells.Where(c => c.Balance is { Value: < 0 } b && SignClaim.NotNegative.Judge(b.Value, b.Uncertainty) == YearFinding.Contradicts)
            .Select(c => $"{c.City.NameEn} {c.Year}{(c.Balance!.Uncertainty > 0 ? $" ({Text.Signed(c.Balance.Value)}, beyond the uncertainty ±{Text.Count(c.Balance.Uncertainty)})" : "")}").ToList();
        var missingCities = cells.Where(c => c.Balance is null).GroupBy(c => c.City).Select(g => $"{g.Key.NameEn} {Text.Years(g.Select(c => c.Year))}").ToList();
        var halfYears = cells.Where(c => c.Balance is null && ClaimEvidence.Balance(data, c.City.Key, c.Year, flow, Period.JanJun) is not null)
            .Select(c => $"{c.City.NameEn} Jan–Jun {c.Year} {Text.Signed(ClaimEvidence.Balance(data, c.City.Key, c.Year, flow, Period.JanJun)!.Value)}").ToList();
        var verdict = EveryYearRule.Decide(checks, basis,
            $"{Codes.Of(flow)} balances (or arrivals and departures) of {(missingCities.Count > 0 ? string.Join("; ", missingCities) : "the cities")}",
            string.Join(" ", new[]
            {
                below.Count > 0 ? $"K < 1: {string.Join(", ", below)}." : "",
                MatrixNote(data, cells.Select(c => c.Year)),
                CompilationNote(cells.Select(c => c.Balance).OfType<UnitBalance>()),
                halfYears.Count > 0 ? $"Context (half-years, not evidence): {string.Join(", ", halfYears)}." : "",
                onlyCities, AllFlowContext(data, Cities, cells.Select(c => c.Year).Distinct()),
            }.Where(x => x.Length > 0)), flow);
        return verdict.Reading(cells.Where(c => c.Balance is not null).Select(c => new UnitRead(c.City, tables[c.Year].Boundaries, c.Year)));
    }
}
