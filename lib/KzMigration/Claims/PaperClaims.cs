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
/// <item>«The analyzed period» is 2015–2022 (<see cref="ClaimOptions.FirstYear"/>–<see cref="ClaimOptions.LastYear"/>).
/// A claim about every year of it («steadily», «did not fall below», «in previous years») follows
/// <see cref="EveryYearRule"/>: one year against it contradicts it whatever is missing; agreeing years with others
/// missing leave it not testable, naming both; half-year figures (Jan–Jun 2019, 2020) and other flows are reported as
/// context, never as evidence.</item>
/// <item>A statement in the present tense without a period is read for the last year of the period (2022), the only
/// full year with every balance bundled.</item>
/// <item>K = arrivals ÷ departures is below 1 exactly when the balance of the same flow is negative; interregional and
/// internal balances are equal by definition, so statements about the side of 1 are decided by balances, and only
/// statements about the value of K need the arrivals and departures of <see cref="ClaimOptions.CoefficientFlow"/>.</item>
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

    /// <summary>All claims, in the order of the paper, stated under the paper's specification (<see cref="ClaimOptions.Default"/>).</summary>
    public static IReadOnlyList<Claim> All { get; } = Under(ClaimOptions.Default);

    /// <summary>
    /// All claims stated under <paramref name="options"/>: the band edges and labels in their texts are the options' scale
    /// (<see cref="ClaimOptions.Bands"/>, the study's <c>scoring.thresholds</c> and labels) and the period their analysed
    /// period (<see cref="ClaimOptions.FirstYear"/>–<see cref="ClaimOptions.LastYear"/>); quotes and evaluators are the same.
    /// Under the paper's specification they are <see cref="All"/>. The ledger states its claims so (<see cref="ClaimsLedger.Evaluate"/>).
    /// </summary>
    public static IReadOnlyList<Claim> Under(ClaimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = ScaleWords.Of(options);
        int first = options.FirstYear, last = options.LastYear;
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

        // ---- Results, Figures 1–2: balances and the attractiveness coefficient ----
        new("C2",
            "The data received indicate that the main flow of migration is directed to major megacities such as Astana, Almaty and Shymkent. These cities have the status of republican importance. At the same time, almost all regions (regions) show a negative migration balance.",
            "Results, text after Figure 1",
            "Interregional balance of every unit in the last year of the period: the three cities have the three largest balances, all positive, and all other units but at most one are negative.",
            new("interregional balance of every unit", last, last, Flow.Interregional),
            new("cities = top 3, positive; ≤ 1 other unit ≥ 0", "none (predicate)"),
            MainInflowToCities)
        {
            Names = Cities,
            Rule = VerdictRule.OnSigns(
                "on complete figures the three cities have the three largest balances, all positive, and at most one other unit is not negative",
                "on complete figures a city is not among the three largest or not positive, or two or more other units are not negative",
                "a unit's balance is missing"),
        },
        new("C3",
            "The obtained attractiveness factors show that most regions (13 regions) have a negative migration balance and a migration attractiveness factor below 1.",
            "Results, text after Figure 2",
            "Number of oblasts (not cities) with a negative balance in the last year of the period (K < 1 ⇔ balance < 0 for the same flow), on the same layout as C5.",
            new("balance of every unit (coefficient flow)", last, last, FlowFromOptions: true),
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
            new("arrivals and departures of Almaty region (coefficient flow)", last, last, FlowFromOptions: true),
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
            new("balance of every unit (coefficient flow)", last, last, FlowFromOptions: true),
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
            new("balance of Almaty region (coefficient flow)", first, last - 1, FlowFromOptions: true),
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
            new("balance of the three cities (coefficient flow)", first, last, FlowFromOptions: true),
            new("K ≥ 1 in every city-year", "none (predicate)"),
            CitiesNeverBelowOne)
        {
            Names = Cities,
            Rule = EveryYearRule.Words("every city reporting that year has a balance ≥ 0"),
        },

        // ---- Results, Figure 3: socio-economic factors ----
        new("C8",
            "The highest outflow of population is steadily from Turkestan and Zhambyl regions.",
            "Results, text after Figure 3",
            "In every year of the period, Turkestan and Zhambyl — on the territories the paper names, Turkestan without Shymkent also before 2018 — have the two most negative interregional balances (net outflow; gross departures are not bundled for every year).",
            new("interregional balance of every unit", first, last, Flow.Interregional),
            new("Turkestan and Zhambyl = two largest net outflows, every year", "none (predicate)"),
            SteadiestOutflow)
        {
            Names = SteadyOutflowRegions,
            Rule = EveryYearRule.Words("Turkestan and Zhambyl have the two most negative balances (another unit below either of them is a year against)"),
        },
        new("C9",
            "Cities and regions with high housing prices and a high per capita GDP are characterized by a positive migration balance.",
            "Results, text after Figure 3",
            $"Units with housing price per m² (the recorded housing choice, ClaimOptions.Housing) and GRP per capita both ≥ {b.High} of the national level (band «{b.HighBand}» or above) have a positive interregional balance in {last}, and at least one such unit exists. " +
            $"As in C12, a housing price is high when two references agree: the national level (≥ {b.High}, the paper's Figure 3) and the median unit of the layout (above it); the national reference changed method in January 2022.",
            new("housing price per m², GRP per capita, interregional balance", last, last, Flow.Interregional),
            new("balance > 0 for every such unit", "none (predicate)"),
            HighHousingAndGrpPositive)
        {
            Rule = new(
                "every unit with both high (housing against both references) has a positive balance, there is one, and the references agree on every unit whose balance is not positive",
                "a unit with both high against both references has a balance ≤ 0 (whatever is missing), or on complete figures no unit has both high against either reference",
                "the references disagree on whether a unit with a high GRP per capita and a balance not clearly positive has high housing prices (or on the only units that would qualify), or a deciding balance lies within its uncertainty: " +
                "the verdict names the unit, both references and the national reference's change",
                "a unit that could have both high lacks a figure"),
        },
        new("C10",
            "Regions with low levels of migration have average unemployment and high income.",
            "Results, text after Figure 3",
            "Would need a measure and threshold of «low levels of migration»; then unemployment in the «medium» band and income «high» for those regions.",
            new("unemployment rate, income per capita, a migration level", last, last),
            new("unemployment «medium», income «high»", "none (predicate)"),
            LowMigrationRegions)
        {
            Rule = new(
                "with a stated measure of «low levels of migration», those regions' unemployment is «medium» and income «high»",
                "with such a measure, one of those regions is not",
                $"{VerdictRule.CannotOccur}: bands on complete figures decide",
                "the paper defines no measure or threshold of «low levels of migration»: always, until one is stated"),
        },
        new("C11",
            "as shown by migration dynamics in regions such as Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay. These regions have relatively low housing costs, but people migrate from these regions to other regions.",
            "Results, text after Figure 3",
            $"Interregional balance of Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay in {last} is negative, on the same territory as C12 (Karaganda without Ulytau).",
            new("interregional balance of five regions", last, last, Flow.Interregional),
            new("< 0 for all five", "none (predicate)"),
            OutflowFromLowHousingRegions)
        {
            Names = LowHousingRegions,
            Rule = VerdictRule.OnSigns("all five balances are negative", "one of the five is not negative (whatever is missing)", "a balance of the five is missing"),
        },
        new("C12",
            "These regions have relatively low housing costs",
            "Results, text after Figure 3",
            $"Housing price per m² (the recorded housing choice, ClaimOptions.Housing) of Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay in {last}, on the same territory as C11, " +
            $"against two references: the national level — «relatively low» is below {b.Low} of it (the paper's bands {b.LowBandsQuoted}, the reference of its Figure 3) — and the median unit of the layout (below it; rank shown). " +
            "A region is relatively low when both references agree: BNS changed the national figure's method in January 2022 (a weighted average), so the national level alone is not a stable reference.",
            new("housing price per m²", last, last),
            new($"< {b.Low} of the national level (band {b.LowBands}) and below the median unit, for all five", b.Edges + "; the median unit"),
            LowHousingCosts)
        {
            Names = LowHousingRegions,
            Rule = new(
                $"all five below {b.Low} of the national level and below the median unit (both references agree)",
                $"one of the five at or above both references: {b.Low} of the national level and the median unit (whatever is missing)",
                "the references disagree for one of the five (low against one, not against the other): the verdict names which, the national reference's change from the year before against the units' own, and the earlier years' positions",
                "a price of the five is missing (or an excluded programme price)"),
        },
        new("C13",
            "In these areas, almost all the indicators analysed show negative trends, which are expressed by low level of gross regional product per capita",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            $"GRP per capita of Turkestan and Zhambyl in {last} as % of the national level: band {b.LowBandsQuoted}.",
            new("GRP per capita", last, last),
            new($"< {b.Low} of the national level (band {b.LowBands})", b.Edges),
            (d, o) => LowRelativeToNational(d, o, "grp_per_capita", "GRP per capita"))
        {
            Names = SteadyOutflowRegions,
            Rule = LowBandRule(b),
        },
        new("C14",
            "low wages",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            $"Average monthly nominal wage of Turkestan and Zhambyl in {last} as % of the national level: band {b.LowBandsQuoted}.",
            new("average monthly wage", last, last),
            new($"< {b.Low} of the national level (band {b.LowBands})", b.Edges),
            (d, o) => LowRelativeToNational(d, o, "avg_monthly_wage", "average monthly wage"))
        {
            Names = SteadyOutflowRegions,
            Rule = LowBandRule(b),
        },
        new("C15",
            "labour force exceeding supply",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            "Labour demand ÷ supply ratio of Turkestan and Zhambyl below the national level.",
            new("labour demand/supply ratio", last, last),
            new($"< {b.Low} of the national level", b.Edges),
            LabourSupplyExceedsDemand)
        {
            Names = SteadyOutflowRegions,
            Rule = VerdictRule.Exact($"both below {b.Low} of the national level", $"one at or above {b.Low}", "the labour demand/supply ratio by region is not bundled: always, until it is imported"),
        },
        new("C16",
            "These regions have low health worker availability.",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            $"Doctors per 10,000 population of Turkestan and Zhambyl in {last} as % of the national level: band {b.LowBandsQuoted}.",
            new("doctors per 10,000 population", last, last),
            new($"< {b.Low} of the national level (band {b.LowBands})", b.Edges),
            (d, o) => LowRelativeToNational(d, o, "doctors_per_10k", "doctors per 10,000 population"))
        {
            Names = SteadyOutflowRegions,
            Rule = LowBandRule(b),
        },

        // ---- Judged by the estimated models (issues 15, 21): EstimatedClaims ----
        .. EstimatedClaims.All,
    ];
    }

    private static VerdictRule LowBandRule(ScaleWords b) => VerdictRule.Exact(
        $"both below {b.Low} of the national level (bands {b.LowBandsList})",
        $"one at or above {b.Low} (whatever is missing)",
        "a value or the national level is missing");

    /// <summary>The claim with this id.</summary>
    public static Claim Get(string id) =>
        All.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"no claim '{id}'; known: {string.Join(", ", All.Select(c => c.Id))}");

    // ==== Introduction ==========================================================================================

    /// <summary>
    /// C1 (Introduction). Moves between regions = the sum of interregional arrivals. When some are missing the claim
    /// is still decided if the bounds decide it: each unit's interregional arrivals are at least its positive balance
    /// (or the known figure) and at most its internal arrivals (which add moves inside the region).
    /// </summary>
    private static ClaimVerdict MovedBetweenRegions(WorkbenchData data, ClaimOptions o)
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

    // ==== Results, Figures 1–2 ==================================================================================

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

    /// <summary>
    /// C2 (Results, Figure 1). Read for the last year of the period on the paper's layout; the half-years 2019 and 2020 and
    /// the earlier years with complete figures (the statement read as a trend) are context. A figure derived from a
    /// compilation decides only beyond its uncertainty (<see cref="SignClaim"/>).
    /// </summary>
    private static ClaimVerdict MainInflowToCities(WorkbenchData data, ClaimOptions o)
    {
        var table = Paper.Balances(data, Flow.Interregional, o.LastYear);
        var basis = LayoutBasis(table, Paper) + "; a present-tense statement, read for the last year of the period";
        if (!table.Complete || Cities.Any(c => table[c] is null))
            return NotTestable(MissingBalances(table), "—", basis, "", Flow.Interregional);
        var reading = CitiesLeadOthersNegative(table);
        var trend = Enumerable.Range(o.FirstYear, Math.Max(0, o.LastYear - o.FirstYear))
            .Select(y => Paper.Balances(data, Flow.Interregional, y)).Where(t => t.Complete && Cities.All(c => t[c] is not null))
            .Select(t => (t, r: CitiesLeadOthersNegative(t))).ToList();
        var trendText = trend.Count == 0 ? ""
            : $"Context, the statement read as a trend on the same layout (not evidence: it is in the present tense): " +
              string.Join("; ", trend.Select(x => x.r.Finding switch
              {
                  YearFinding.Agrees => $"{x.t.Year} holds",
                  YearFinding.Contradicts => $"{x.t.Year} fails ({x.r.Why})",
                  _ => $"{x.t.Year} {(x.r.AsTheyStand ? "holds" : "fails")} only narrowly, as the figures stand ({x.r.Why})",
              })) + ".";
        var context = string.Join(" ", new[] { 2019, 2020 }.Where(y => y >= o.FirstYear && y <= o.LastYear)
            .Select(y => BoundaryLayout.OwnBoundaries.Balances(data, Flow.Interregional, y, Period.JanJun))
            .Where(t => t.Complete && Cities.All(c => t[c] is not null))
            .Select(t => $"Context, Jan–Jun {t.Year} on its own boundaries (half-year, not evidence): {CitiesLeadOthersNegative(t).Found}.")
            .Prepend(OtherLayouts(data, Paper, Flow.Interregional, o.LastYear, t => CitiesLeadOthersNegative(t).Found))
            .Append(trendText)
            .Append(CompilationNote([.. table.Values, .. trend.SelectMany(x => x.t.Values)]))
            .Where(x => x.Length > 0));
        var verdict = reading.Finding switch
        {
            YearFinding.Agrees => Reproduced(reading.Found, basis, context, Flow.Interregional),
            YearFinding.Contradicts => Contradicted(reading.Found, basis, $"Fails: {reading.Why}. {context}", Flow.Interregional),
            _ => Inconclusive(reading.Found, basis, $"The figures that decide it lie within their uncertainty: {reading.Why}. {context}", Flow.Interregional),
        };
        return verdict.Reading(BoundaryLayout.ReadsOf(table));
    }

    /// <summary>
    /// The statement of C2 on one table: the three cities positive and the three largest, at most one other unit not
    /// negative. Each figure decides only beyond its uncertainty (<see cref="SignClaim"/>; two figures compared, beyond the
    /// sum of theirs): <see cref="YearFinding.Agrees"/>, <see cref="YearFinding.Contradicts"/> (Why: what fails) or
    /// <see cref="YearFinding.Uncertain"/> (Why: the figures within their uncertainty).
    /// </summary>
    private static (YearFinding Finding, string Found, string Why, bool AsTheyStand) CitiesLeadOthersNegative(BalanceTable t)
    {
        var cities = t.Values.Where(v => Cities.Contains(v.Region.Key)).ToList();
        var others = t.Values.Where(v => !Cities.Contains(v.Region.Key)).ToList();
        var top = t.Values.OrderByDescending(v => v.Value).Take(cities.Count).Select(v => v.Region.Key).ToHashSet();
        var notNegative = others.Where(v => v.Value >= 0).ToList();
        var asTheyStand = cities.Count == Cities.Length && cities.All(c => c.Value > 0) && top.SetEquals(Cities) && notNegative.Count <= 1;
        var found = $"cities {Text.Balances(cities.OrderByDescending(c => c.Value))}{(top.SetEquals(Cities) ? " (the three largest)" : " (not the three largest)")}; " +
                    $"{others.Count - notNegative.Count} of {others.Count} other units negative" +
                    (notNegative.Count > 0 ? $" (not negative: {Text.Balances(notNegative)})" : "");

        var fails = new List<string>();
        var uncertain = new List<UnitBalance>();
        if (cities.Count < Cities.Length) fails.Add("a city is missing");
        foreach (var c in cities)
            switch (SignClaim.Positive.Judge(c.Value, c.Uncertainty))
            {
                case YearFinding.Contradicts: fails.Add($"{c.Region.NameEn} {Text.Signed(c.Value)} not positive"); break;
                case YearFinding.Uncertain: uncertain.Add(c); break;
            }
        if (cities.Count > 0 && others.Count > 0)
        {
            var lowest = cities.MinBy(c => c.Value)!;
            var highest = others.MaxBy(v => v.Value)!;
            var margin = lowest.Uncertainty + highest.Uncertainty;
            if (margin > 0 && Math.Abs(lowest.Value - highest.Value) <= margin) uncertain.AddRange([lowest, highest]);
            else if (!top.SetEquals(Cities)) fails.Add($"{highest.Region.NameEn} {Text.Signed(highest.Value)} above {lowest.Region.NameEn} {Text.Signed(lowest.Value)}");
        }
        var othersJudged = others.Select(v => (v, Finding: SignClaim.Negative.Judge(v.Value, v.Uncertainty))).ToList();
        var clearlyNot = othersJudged.Where(x => x.Finding == YearFinding.Contradicts).Select(x => x.v).ToList();
        var unsure = othersJudged.Where(x => x.Finding == YearFinding.Uncertain).Select(x => x.v).ToList();
        if (clearlyNot.Count > 1) fails.Add($"not negative: {Text.Balances(clearlyNot)}");
        else if (clearlyNot.Count + unsure.Count > 1) uncertain.AddRange(unsure);

        if (fails.Count > 0) return (YearFinding.Contradicts, found, string.Join("; ", fails), asTheyStand);
        if (uncertain.Count > 0)
        {
            var u = uncertain.Distinct().ToList();
            return (YearFinding.Uncertain, found,
                $"{Text.Balances(u)} within the uncertainty of figures derived from a compilation (±{Text.Count(u.Max(x => x.Uncertainty))})", asTheyStand);
        }
        return (YearFinding.Agrees, found, "", asTheyStand);
    }

    /// <summary>C3 (Results, Figure 2). Counted on the paper's layout, the same as C5; the other layouts are context.</summary>
    private static ClaimVerdict ThirteenRegionsBelowOne(WorkbenchData data, ClaimOptions o)
    {
        const int expected = 13;
        var flow = o.CoefficientFlow;
        var table = Paper.Balances(data, flow, o.LastYear);
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
            OtherLayouts(data, Paper, flow, o.LastYear, t => $"{t.Oblasts.Count(v => v.Value < 0)} of {t.Oblasts.Count} oblasts negative"),
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
    private static ClaimVerdict AlmatyRegionCoefficient(WorkbenchData data, ClaimOptions o)
    {
        const double expected = 1.02, tolerance = 0.005;
        var year = o.LastYear;
        var flow = o.CoefficientFlow;
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
    private static ClaimVerdict OnlyAlmatyRegionAboveOne(WorkbenchData data, ClaimOptions o)
    {
        var flow = o.CoefficientFlow;
        var table = Paper.Balances(data, flow, o.LastYear);
        var basis = $"{LayoutBasis(table, Paper)}; K > 1 exactly when the balance is positive";
        var above = table.Oblasts.Where(v => v.Value > 0).ToList();
        var found = above.Count == 0 ? "no oblast with K > 1" : $"oblasts with K > 1: {Text.Balances(above)}";
        var context = OtherLayouts(data, Paper, flow, o.LastYear,
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
    private static ClaimVerdict AlmatyRegionEarlierNegative(WorkbenchData data, ClaimOptions o)
    {
        var flow = o.CoefficientFlow;
        var years = Enumerable.Range(o.FirstYear, Math.Max(0, o.LastYear - o.FirstYear)).ToList();
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

    /// <summary>C7 (Results, Figure 2). A universal claim: decided by a complete set of city-years or one city-year below 1.</summary>
    private static ClaimVerdict CitiesNeverBelowOne(WorkbenchData data, ClaimOptions o)
    {
        var flow = o.CoefficientFlow;
        var basis = $"{Codes.Of(flow)} balance (K ≥ 1 ⇔ balance ≥ 0) of Astana, Almaty and Shymkent, Jan–Dec {o.FirstYear}–{o.LastYear}, each city from the year it is a city of republican significance, {Paper.Short}";
        var years = Enumerable.Range(o.FirstYear, o.LastYear - o.FirstYear + 1).ToList();
        var tables = years.ToDictionary(y => y, y => Paper.Balances(data, flow, y));
        var cells = Cities.Select(k => data.Regions[k])
            .SelectMany(c => years.Where(c.ReportsIn).Select(y => (City: c, Year: y, Balance: tables[y].Values.FirstOrDefault(v => v.Region.Key == c.Key))))
            .ToList();
        var onlyCities = tables[o.LastYear] is { Complete: true } t
            ? $"The «only in the cities» part holds: in {o.LastYear} every oblast of the paper's list is negative" +
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

    // ==== Results, Figure 3 =====================================================================================

    /// <summary>
    /// C8 (Results, Figure 3). «Steadily»: every year of the period; outflow read as net outflow (negative balance), on the
    /// territories the paper names in every year (Turkestan without Shymkent before 2018 too, Almaty region without Zhetisu
    /// before 2022), through the origin–destination matrix. A year is against the claim when another unit's balance is below
    /// Turkestan's or Zhambyl's, whatever else is missing.
    /// </summary>
    private static ClaimVerdict SteadiestOutflow(WorkbenchData data, ClaimOptions o)
    {
        var years = Enumerable.Range(o.FirstYear, o.LastYear - o.FirstYear + 1).ToList();
        var tables = years.Select(y => Paper.Balances(data, Flow.Interregional, y)).ToList();
        var basis = $"interregional balance, Jan–Dec {o.FirstYear}–{o.LastYear}, {Paper.Short} (years before 2022 from the origin–destination matrix on those territories); two most negative balances each year";
        var checks = tables.Select(t => OutflowCheck(t)).ToList();
        var partial = tables.Where(t => !t.Complete && t.Values.Count > 0).Select(t => $"{t.Year} only {t.Values.Count} of {t.Values.Count + t.Missing.Count} units").ToList();
        var layouts = years.Select(y => OtherLayouts(data, Paper, Flow.Interregional, y, t => TwoLargestOutflows(t, 3))).Where(x => x.Length > 0).ToList();
        var halfYears = years.Select(y => BoundaryLayout.OwnBoundaries.Balances(data, Flow.Interregional, y, Period.JanJun))
            .Where(t => t.Complete).Select(t => $"Jan–Jun {t.Year} on its own boundaries: {TwoLargestOutflows(t, 3)}").ToList();
        var verdict = EveryYearRule.Decide(checks, basis,
            $"complete Jan–Dec interregional balances on these territories{(partial.Count > 0 ? $" ({string.Join("; ", partial)})" : "")}",
            string.Join(" ", new[]
            {
                MatrixNote(data, years),
                string.Join(" ", layouts),
                halfYears.Count > 0 ? $"Context (half-years, not evidence): {string.Join("; ", halfYears)}." : "",
                GrossDepartures(data, years),
            }.Where(x => x.Length > 0)), Flow.Interregional);
        return verdict.Reading(tables.SelectMany(t => BoundaryLayout.ReadsOf(t)));
    }

    /// <summary>
    /// C8's other reading of «outflow», gross interregional departures (the row sums of the origin–destination matrix on the
    /// paper's territories), in every year of <paramref name="years"/> with a matrix: the two largest, and where Turkestan and
    /// Zhambyl rank. Context, not evidence: the claim is judged on net outflow, which every year's balances give.
    /// </summary>
    private static string GrossDepartures(WorkbenchData data, IReadOnlyList<int> years)
    {
        var parts = new List<string>();
        var ranks = SteadyOutflowRegions.ToDictionary(k => k, _ => new List<(int Year, int Rank)>());
        foreach (var year in years)
        {
            if (data.FlowMatrix(year, Paper.EraOf(year)) is not { } m) continue;
            var order = Paper.Units(data.Regions, year).Select(u => (Unit: u, Departures: m.Departures(u.Key)))
                .OrderByDescending(x => x.Departures).ThenBy(x => x.Unit.Kato, StringComparer.Ordinal).ToList();
            foreach (var k in SteadyOutflowRegions) ranks[k].Add((year, order.FindIndex(x => x.Unit.Key == k) + 1));
            parts.Add($"{year}: {string.Join(", ", order.Take(2).Select(x => $"{x.Unit.NameEn} {Text.Count(x.Departures)}"))} " +
                      $"({string.Join(", ", SteadyOutflowRegions.Select(k => $"{data.Regions[k].NameEn} rank {ranks[k][^1].Rank}"))})");
        }
        if (parts.Count == 0) return "";
        string Summary(string k)
        {
            var top = ranks[k].Where(r => r.Rank <= 2).Select(r => r.Year).ToList();
            var name = data.Regions[k].NameEn;
            return top.Count == ranks[k].Count ? $"{name} is in the top two in every one of these years"
                : top.Count == 0 ? $"{name} is in the top two in none of them"
                : $"{name} is in the top two in {Text.Years(top)} only";
        }
        var fails = ranks.Values.SelectMany(r => r).Where(r => r.Rank > 2).Select(r => r.Year).ToList();
        return $"Context, not evidence — the other reading of «outflow», gross interregional departures (row sums of the origin–destination matrix on the same territories), two largest: " +
               $"{string.Join("; ", parts)}. {string.Join("; ", SteadyOutflowRegions.Select(Summary))}" +
               (fails.Count > 0 ? $": read as gross departures, the statement fails in {Text.Years(fails)}." : ": read as gross departures, the statement holds in these years.");
    }

    private static YearCheck OutflowCheck(BalanceTable t)
    {
        var named = SteadyOutflowRegions.Select(k => t[k]).ToList();
        if (named.Any(v => v is null)) return new YearCheck(t.Year, YearFinding.Missing);
        var worst = named.Max(v => v!.Value);
        var ahead = t.Values.Where(v => !SteadyOutflowRegions.Contains(v.Region.Key) && v.Value < worst).ToList();
        if (ahead.Count > 0) return new YearCheck(t.Year, YearFinding.Contradicts, TwoLargestOutflows(t));
        return t.Complete ? new YearCheck(t.Year, YearFinding.Agrees, TwoLargestOutflows(t)) : new YearCheck(t.Year, YearFinding.Missing, TwoLargestOutflows(t));
    }

    private static string TwoLargestOutflows(BalanceTable t, int count = 2) =>
        "largest net outflows " + Text.Balances(t.Values.OrderBy(v => v.Value).Take(count));

    /// <summary>C10 (Results, Figure 3). The paper defines no measure of a «low level of migration».</summary>
    private static ClaimVerdict LowMigrationRegions(WorkbenchData data, ClaimOptions o) =>
        NotTestable("a definition of «low levels of migration» (the paper gives no measure or threshold, so the regions the claim is about are not known)",
            "—", $"unemployment rate and income per capita {o.LastYear} as % of the national level",
            "Unemployment rate and income per capita are bundled for 2015–2022; the claim becomes testable once «low levels of migration» is defined.", null);

    /// <summary>C11 (Results, Figure 3). The migration half of the sentence, on the same territory as its housing half (C12).</summary>
    private static ClaimVerdict OutflowFromLowHousingRegions(WorkbenchData data, ClaimOptions o)
    {
        var table = Paper.Balances(data, Flow.Interregional, o.LastYear);
        var basis = LayoutBasis(table, Paper) + "; a present-tense statement, read for the last year of the period";
        var present = LowHousingRegions.Select(k => table.Values.FirstOrDefault(v => v.Region.Key == k)).OfType<UnitBalance>().ToList();
        var found = present.Count == 0 ? "—" : Text.Balances(present);
        var halfYears = new[] { 2019, 2020 }.Select(y => BoundaryLayout.OwnBoundaries.Balances(data, Flow.Interregional, y, Period.JanJun))
            .Where(t => LowHousingRegions.All(k => t[k] is not null))
            .Select(t => $"Jan–Jun {t.Year}: {LowHousingRegions.Count(k => t[k] < 0)} of 5 negative").ToList();
        var context = string.Join(" ", new[]
        {
            OtherLayouts(data, Paper, Flow.Interregional, o.LastYear, t => Text.Balances(t.Values.Where(v => LowHousingRegions.Contains(v.Region.Key)))),
            halfYears.Count > 0 ? $"Context (half-years on their own boundaries, not evidence): {string.Join("; ", halfYears)}." : "",
        }.Where(x => x.Length > 0));
        context = string.Join(" ", new[] { context, CompilationNote(present) }.Where(x => x.Length > 0));
        var reads = BoundaryLayout.ReadsOf(table, LowHousingRegions);
        // Each balance decides only beyond its uncertainty (a figure derived from a compilation: SignClaim).
        if (present.Where(v => SignClaim.Negative.Judge(v.Value, v.Uncertainty) == YearFinding.Contradicts).ToList() is { Count: > 0 } against)
            return Contradicted(found, basis, $"Not negative: {Text.Balances(against)}. {context}", Flow.Interregional).Reading(reads);
        if (present.Where(v => SignClaim.Negative.Judge(v.Value, v.Uncertainty) == YearFinding.Uncertain).ToList() is { Count: > 0 } unsure)
            return Inconclusive(found, basis, $"{string.Join("; ", unsure.Select(v => $"{v.Region.NameEn}: {SignClaim.Negative.Needs(v.Value, v.Uncertainty)}"))}. {context}", Flow.Interregional).Reading(reads);
        if (present.Count < LowHousingRegions.Length)
        {
            var absent = LowHousingRegions.Where(k => table[k] is null).Select(k => data.Regions[k].NameEn);
            return NotTestable($"interregional balances {o.LastYear} of {string.Join(", ", absent)} on {Paper.Short} are not in the loaded data {Import}", found, basis, context, Flow.Interregional).Reading(reads);
        }
        return Reproduced(found, basis, context, Flow.Interregional).Reading(reads);
    }

    /// <summary>C15 (Results, Figure 3). The labour demand/supply ratio is a known gap.</summary>
    private static ClaimVerdict LabourSupplyExceedsDemand(WorkbenchData data, ClaimOptions o) =>
        NotTestable("the ratio of labour demand to labour supply by region is not bundled (docs/bundled-sources.md, «Known gaps»; job_seekers counts only the supply side)", "—",
            $"labour demand/supply ratio {o.LastYear} as % of the national level", "", null);

    /// <summary>C13, C14, C16 (Results, Figure 3): Turkestan and Zhambyl below the national level's band (the paper's: below 95 %, bands «low», «very low»).</summary>
    private static ClaimVerdict LowRelativeToNational(WorkbenchData data, ClaimOptions o, string indicatorId, string label)
    {
        var year = o.LastYear;
        var basis = $"{label} ({indicatorId}) {year} as % of the national level, {ScaleWords.Of(o).Source}, {Paper.Short}";
        var shares = SteadyOutflowRegions.Select(k => (Region: data.Regions[k], Share: ClaimEvidence.PercentOfNational(data, k, year, indicatorId))).ToList();
        var present = shares.Where(s => s.Share is not null).ToList();
        var found = present.Count == 0 ? "—"
            : string.Join(", ", present.Select(s => $"{s.Region.NameEn} {Text.Percent(s.Share!.Value.Percent)} ({ClaimEvidence.Band(s.Share.Value.Percent, o.Bands)})"));
        var reads = present.Select(s => new UnitRead(s.Region, BoundaryEra.OfYear(year), year)).ToList();
        var statuses = present.Select(s => data.FindIndicator(s.Region.Key, year, indicatorId)!.Status).Distinct().Select(Codes.Of);
        var evidence = present.Count == 0 ? ""
            : $"National level {present[0].Share!.Value.National.ToString(System.Globalization.CultureInfo.InvariantCulture)}; regional values {string.Join("/", statuses)}.";
        if (present.Where(s => !ClaimEvidence.BelowNational(s.Share!.Value.Percent, o.Bands)).ToList() is { Count: > 0 } against)
            return Contradicted(found, basis, $"Not below {ScaleWords.Of(o).Low}: {Text.Names(against.Select(a => a.Region))}. {evidence}", null).Reading(reads);
        if (present.Count < shares.Count)
            return NotTestable($"{label} {year} of {Text.Names(shares.Where(s => s.Share is null).Select(m => m.Region))} or of Kazakhstan is not in the loaded data", found, basis, evidence, null).Reading(reads);
        return Reproduced(found, basis, evidence, null).Reading(reads);
    }

    // ==== Shared wording ========================================================================================

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
