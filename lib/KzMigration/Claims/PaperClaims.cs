using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using static KzMigration.Claims.ClaimVerdict;

namespace KzMigration.Claims;

/// <summary>
/// The catalogue: every checkable statement of Bokayev &amp; Akhmetova, «Economic factors of internal migration in the
/// Republic of Kazakhstan» (cited in docs/README.md), one entry per claim. Quotes are verbatim (a line-break hyphen
/// «mi-gration» is joined). The evaluators below the catalogue are pure functions of the loaded data.
/// <para>Reading rules used throughout (each verdict restates the one it used):</para>
/// <list type="bullet">
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

    /// <summary>All claims, in the order of the paper.</summary>
    public static IReadOnlyList<Claim> All { get; } =
    [
        // ---- Introduction: the scale of interregional migration ----
        new("C1",
            "According to the Bureau of National Statistics of Kazakhstan, in 2022 alone, more than 320 thousand people changed their place of residence, moving from one region to another",
            "Introduction",
            "Sum of interregional arrivals over the 20 units in 2022 (= moves between regions). Internal arrivals are not this number: they include moves inside a region.",
            new("interregional arrivals of every unit", 2022, 2022, Flow.Interregional),
            new("> 320,000 moves", "none: «more than» is a bound"),
            MovedBetweenRegions),

        // ---- Results, Figures 1–2: balances and the attractiveness coefficient ----
        new("C2",
            "The data received indicate that the main flow of migration is directed to major megacities such as Astana, Almaty and Shymkent. These cities have the status of republican importance. At the same time, almost all regions (regions) show a negative migration balance.",
            "Results, text after Figure 1",
            "Interregional balance of every unit in the last year of the period: the three cities have the three largest balances, all positive, and all other units but at most one are negative.",
            new("interregional balance of every unit", 2022, 2022, Flow.Interregional),
            new("cities = top 3, positive; ≤ 1 other unit ≥ 0", "none (predicate)"),
            MainInflowToCities),
        new("C3",
            "The obtained attractiveness factors show that most regions (13 regions) have a negative migration balance and a migration attractiveness factor below 1.",
            "Results, text after Figure 2",
            "Number of oblasts (not cities) with a negative balance in 2022, on the chosen boundaries (K < 1 ⇔ balance < 0 for the same flow).",
            new("balance of every unit (coefficient flow)", 2022, 2022, FlowFromOptions: true),
            new("13 regions", "exact count"),
            ThirteenRegionsBelowOne),
        new("C4",
            "Only one Almaty region has a coefficient of 1,02 in 2022",
            "Results, text after Figure 2",
            "K = arrivals ÷ departures of Almaty region (2022 territory) in 2022, for the coefficient flow.",
            new("arrivals and departures of Almaty region (coefficient flow)", 2022, 2022, FlowFromOptions: true),
            new("1.02", "±0.005 (the paper prints two decimals)"),
            AlmatyRegionCoefficient),
        new("C5",
            "Only one Almaty region has a coefficient of 1,02 in 2022",
            "Results, text after Figure 2",
            "Oblasts with K > 1 (balance > 0) in 2022 on the 2022 boundaries, the only territory in which Almaty region's K exceeds 1: exactly Almaty region.",
            new("balance of every unit (coefficient flow)", 2022, 2022, FlowFromOptions: true),
            new("{Almaty region}", "none (predicate)"),
            OnlyAlmatyRegionAboveOne),
        new("C6",
            "while this area also had a negative migration balance in previous years",
            "Results, text after Figure 2",
            "Balance of Almaty region in every year of the period before 2022 (2018–2021 boundaries: with Zhetisu) is negative.",
            new("balance of Almaty region (coefficient flow)", 2015, 2021, FlowFromOptions: true),
            new("< 0 in every year 2015–2021", "none (predicate)"),
            AlmatyRegionEarlierNegative),
        new("C7",
            "The stable inflow of population is observed only in the cities of republican importance, where the coefficient of attraction for migration during the analyzed period did not fall below one.",
            "Results, text after Figure 2",
            "K ≥ 1 (balance ≥ 0) for Astana, Almaty and Shymkent (from 2018, when it became a city of republican significance) in every year 2015–2022.",
            new("balance of the three cities (coefficient flow)", 2015, 2022, FlowFromOptions: true),
            new("K ≥ 1 in every city-year", "none (predicate)"),
            CitiesNeverBelowOne),

        // ---- Results, Figure 3: socio-economic factors ----
        new("C8",
            "The highest outflow of population is steadily from Turkestan and Zhambyl regions.",
            "Results, text after Figure 3",
            "In every year of the period, Turkestan and Zhambyl have the two most negative interregional balances (net outflow; gross departures are not bundled).",
            new("interregional balance of every unit", 2015, 2022, Flow.Interregional),
            new("Turkestan and Zhambyl = two largest net outflows, every year", "none (predicate)"),
            SteadiestOutflow),
        new("C9",
            "Cities and regions with high housing prices and a high per capita GDP are characterized by a positive migration balance.",
            "Results, text after Figure 3",
            "Units with housing price per m² (the recorded housing choice, ClaimOptions.Housing) and GRP per capita both ≥ 105 % of the national level (band «high» or above) have a positive interregional balance in 2022, and at least one such unit exists.",
            new("housing price per m², GRP per capita, interregional balance", 2022, 2022, Flow.Interregional),
            new("balance > 0 for every such unit", "none (predicate)"),
            HighHousingAndGrpPositive),
        new("C10",
            "Regions with low levels of migration have average unemployment and high income.",
            "Results, text after Figure 3",
            "Would need a measure and threshold of «low levels of migration»; then unemployment in the «medium» band and income «high» for those regions.",
            new("unemployment rate, income per capita, a migration level", 2022, 2022),
            new("unemployment «medium», income «high»", "none (predicate)"),
            LowMigrationRegions),
        new("C11",
            "as shown by migration dynamics in regions such as Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay. These regions have relatively low housing costs, but people migrate from these regions to other regions.",
            "Results, text after Figure 3",
            "Interregional balance of Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay in 2022 is negative (on the chosen boundaries).",
            new("interregional balance of five regions", 2022, 2022, Flow.Interregional),
            new("< 0 for all five", "none (predicate)"),
            OutflowFromLowHousingRegions),
        new("C12",
            "These regions have relatively low housing costs",
            "Results, text after Figure 3",
            "Housing price per m² (the recorded housing choice, ClaimOptions.Housing) of Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay in 2022 is «relatively low»: below 95 % of the national level (the paper's bands «low» or «very low»).",
            new("housing price per m²", 2022, 2022),
            new("< 95 % of the national level (band low or very low) for all five", "band edges of the paper"),
            LowHousingCosts),
        new("C13",
            "In these areas, almost all the indicators analysed show negative trends, which are expressed by low level of gross regional product per capita",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            "GRP per capita of Turkestan and Zhambyl in 2022 as % of the national level: band «low» or «very low».",
            new("GRP per capita", 2022, 2022),
            new("< 95 % of the national level (band low or very low)", "band edges of the paper"),
            (d, o) => LowRelativeToNational(d, o, "grp_per_capita", "GRP per capita")),
        new("C14",
            "low wages",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            "Average monthly nominal wage of Turkestan and Zhambyl in 2022 as % of the national level: band «low» or «very low».",
            new("average monthly wage", 2022, 2022),
            new("< 95 % of the national level (band low or very low)", "band edges of the paper"),
            (d, o) => LowRelativeToNational(d, o, "avg_monthly_wage", "average monthly wage")),
        new("C15",
            "labour force exceeding supply",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            "Labour demand ÷ supply ratio of Turkestan and Zhambyl below the national level.",
            new("labour demand/supply ratio", 2022, 2022),
            new("< 95 % of the national level", "band edges of the paper"),
            LabourSupplyExceedsDemand),
        new("C16",
            "These regions have low health worker availability.",
            "Results, text after Figure 3 (Turkestan and Zhambyl)",
            "Doctors per 10,000 population of Turkestan and Zhambyl in 2022 as % of the national level: band «low» or «very low».",
            new("doctors per 10,000 population", 2022, 2022),
            new("< 95 % of the national level (band low or very low)", "band edges of the paper"),
            (d, o) => LowRelativeToNational(d, o, "doctors_per_10k", "doctors per 10,000 population")),

        // ---- Judged by the estimated models (issue 15): EstimatedClaims ----
        .. EstimatedClaims.All,
    ];

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
        var basis = $"interregional arrivals summed over the {units.Count} units of {year} (Jan–Dec)";
        var known = units.ToDictionary(u => u.Key, u => data.MigrationValue(u.Key, year, Flow.Interregional, Measure.Arrivals));
        var missing = units.Where(u => known[u.Key] is null).ToList();
        if (missing.Count == 0)
        {
            var total = known.Values.Sum(v => v!.Value);
            return Decided(total > threshold, $"{Text.Count(total)} moves", basis,
                "BNS counts moves, not persons; a person moving twice counts twice.", Flow.Interregional);
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

    /// <summary>C2 (Results, Figure 1). Read for the last year of the period; the half-years 2019 and 2020 are context.</summary>
    private static ClaimVerdict MainInflowToCities(WorkbenchData data, ClaimOptions o)
    {
        var table = ClaimEvidence.Balances(data, Flow.Interregional, o.LastYear, Period.JanDec, o.Boundaries);
        var basis = table.Describe() + "; a present-tense statement, read for the last year of the period";
        if (!table.Complete || Cities.Any(c => table[c] is null))
            return NotTestable(MissingBalances(table), "—", basis, "", Flow.Interregional);
        var (holds, found) = CitiesLeadOthersNegative(table);
        var context = string.Join(" ", new[] { 2019, 2020 }.Where(y => y >= o.FirstYear && y <= o.LastYear)
            .Select(y => ClaimEvidence.Balances(data, Flow.Interregional, y, Period.JanJun, o.Boundaries))
            .Where(t => t.Complete && Cities.All(c => t[c] is not null))
            .Select(t => $"Context, Jan–Jun {t.Year} (half-year, not evidence): {CitiesLeadOthersNegative(t).Found}."));
        return Decided(holds, found, basis, context, Flow.Interregional);
    }

    private static (bool Holds, string Found) CitiesLeadOthersNegative(BalanceTable t)
    {
        var cities = t.Values.Where(v => Cities.Contains(v.Region.Key)).ToList();
        var others = t.Values.Where(v => !Cities.Contains(v.Region.Key)).ToList();
        var top = t.Values.OrderByDescending(v => v.Value).Take(cities.Count).Select(v => v.Region.Key).ToHashSet();
        var notNegative = others.Where(v => v.Value >= 0).ToList();
        var holds = cities.Count == Cities.Length && cities.All(c => c.Value > 0) && top.SetEquals(Cities) && notNegative.Count <= 1;
        return (holds,
            $"cities {Text.Balances(cities.OrderByDescending(c => c.Value))}{(top.SetEquals(Cities) ? " (the three largest)" : " (not the three largest)")}; " +
            $"{others.Count - notNegative.Count} of {others.Count} other units negative" +
            (notNegative.Count > 0 ? $" (not negative: {Text.Balances(notNegative)})" : ""));
    }

    /// <summary>C3 (Results, Figure 2). Counted on <see cref="ClaimOptions.Boundaries"/>; the other layouts are reported.</summary>
    private static ClaimVerdict ThirteenRegionsBelowOne(WorkbenchData data, ClaimOptions o)
    {
        var flow = o.CoefficientFlow;
        var table = ClaimEvidence.Balances(data, flow, o.LastYear, Period.JanDec, o.Boundaries);
        var basis = $"{table.Describe()}; K < 1 exactly when the balance of the same flow is negative";
        if (!table.Complete) return NotTestable(MissingBalances(table), "—", basis, "", flow);
        var negative = table.Oblasts.Where(v => v.Value < 0).ToList();
        var found = $"{negative.Count} of {table.Oblasts.Count} oblasts";

        var notes = new List<string>();
        var own = ClaimEvidence.Balances(data, flow, o.LastYear, Period.JanDec, BoundaryEra.OfYear(o.LastYear));
        if (own.Boundaries != table.Boundaries && own.Complete)
        {
            notes.Add($"On the {own.Boundaries}: {own.Oblasts.Count(v => v.Value < 0)} of {own.Oblasts.Count} oblasts negative.");
            var older = data.Regions.UnitsIn(table.Boundaries).Select(r => r.Key).ToHashSet();
            var mixed = own.Oblasts.Where(v => older.Contains(v.Region.Key)).ToList();
            notes.Add($"Only a mixture of boundaries — the {mixed.Count} oblasts of the {table.Boundaries.Id} list taken in their {own.Boundaries.Id} territory, " +
                      $"new units left out — gives {mixed.Count(v => v.Value < 0)} negative" +
                      (mixed.Where(v => v.Value >= 0).ToList() is { Count: > 0 } pos ? $" (not negative: {Text.Balances(pos)})." : "."));
        }
        notes.Add("The count does not depend on the flow whose K the paper divided (interregional and internal balances are equal).");
        return Decided(negative.Count == 13, found, basis, string.Join(" ", notes), flow);
    }

    /// <summary>C4 (Results, Figure 2). The value of K needs arrivals and departures of the coefficient flow.</summary>
    private static ClaimVerdict AlmatyRegionCoefficient(WorkbenchData data, ClaimOptions o)
    {
        const string key = "almaty-region";
        const double expected = 1.02, tolerance = 0.005;
        var year = o.LastYear;
        var flow = o.CoefficientFlow;
        var basis = $"{Codes.Of(flow)} arrivals ÷ departures of Almaty region, Jan–Dec {year}, {BoundaryEra.OfYear(year)}";
        var context = new List<string>();
        if (ClaimEvidence.Balance(data, key, year, flow) is { } b)
        {
            context.Add($"Balance {Text.Signed(b.Value)}, so K > 1 for any flow with this balance.");
            if (b.Value > 0)
                context.Add($"K = 1.02 ± 0.005 with this balance means {Codes.Of(flow)} departures between {Text.Count(b.Value / (expected + tolerance - 1))} and {Text.Count(b.Value / (expected - tolerance - 1))}.");
        }
        var harmonised = ClaimEvidence.Balances(data, flow, year, Period.JanDec, BoundaryEra.Era2018);
        if (BoundaryEra.OfYear(year) != BoundaryEra.Era2018 && harmonised[key] is { } old)
            context.Add($"In its 2018–2021 territory (with Zhetisu) the balance is {Text.Signed(old)}, K < 1: the paper's 1.02 refers to the 2022 territory.");

        if (ClaimEvidence.Coefficient(data, key, year, flow) is { Value: { } k } && ClaimEvidence.Flows(data, key, year, flow) is { } f)
            return Decided(Math.Abs(k - expected) <= tolerance, $"K = {Text.Ratio(k)}", basis,
                $"{Text.Count(f.Arrivals.Value)} ÷ {Text.Count(f.Departures.Value)}; |K − 1.02| = {Text.Ratio(Math.Abs(k - expected))} (tolerance 0.005)." +
                (flow == Flow.Internal ? " Internal flows include moves inside the region, which pull K towards 1." : ""), flow);

        if (flow != Flow.Internal && ClaimEvidence.Coefficient(data, key, year, Flow.Internal) is { Value: { } ki } && ClaimEvidence.Flows(data, key, year, Flow.Internal) is { } fi)
            context.Insert(0, $"Context, internal flow (includes moves inside the region, pulls K towards 1; not evidence): K = {Text.Count(fi.Arrivals.Value)} ÷ {Text.Count(fi.Departures.Value)} = {Text.Ratio(ki)}.");
        return NotTestable($"{Codes.Of(flow)} arrivals and departures of Almaty region for {year} are not in the loaded data {Import}",
            "—", basis, string.Join(" ", context), flow);
    }

    /// <summary>C5 (Results, Figure 2). Evaluated on the boundaries of the year (2022), where Almaty region's K exceeds 1.</summary>
    private static ClaimVerdict OnlyAlmatyRegionAboveOne(WorkbenchData data, ClaimOptions o)
    {
        var flow = o.CoefficientFlow;
        var table = ClaimEvidence.Balances(data, flow, o.LastYear, Period.JanDec, BoundaryEra.OfYear(o.LastYear));
        var basis = $"{table.Describe()}; K > 1 exactly when the balance is positive";
        if (!table.Complete) return NotTestable(MissingBalances(table), "—", basis, "", flow);
        var above = table.Oblasts.Where(v => v.Value > 0).ToList();
        var found = above.Count == 0 ? "no oblast with K > 1" : $"oblasts with K > 1: {Text.Balances(above)}";
        var harmonised = ClaimEvidence.Balances(data, flow, o.LastYear, Period.JanDec, o.Boundaries);
        var context = harmonised.Boundaries != table.Boundaries && harmonised.Complete
            ? $"On the {harmonised.Boundaries}: {(harmonised.Oblasts.Where(v => v.Value > 0).ToList() is { Count: > 0 } h ? Text.Balances(h) : "no oblast")} with K > 1."
            : "";
        return Decided(above.Count == 1 && above[0].Region.Key == "almaty-region", found, basis, context, flow);
    }

    /// <summary>C6 (Results, Figure 2). «Previous years»: every year of the period before the last, on the boundaries of each year.</summary>
    private static ClaimVerdict AlmatyRegionEarlierNegative(WorkbenchData data, ClaimOptions o)
    {
        const string key = "almaty-region";
        var flow = o.CoefficientFlow;
        var years = Enumerable.Range(o.FirstYear, Math.Max(0, o.LastYear - o.FirstYear)).ToList();
        var found = years.Select(y => (Year: y, Balance: ClaimEvidence.Balance(data, key, y, flow))).ToList();
        var basis = $"{Codes.Of(flow)} balance of Almaty region, Jan–Dec {Text.Years(years)}, boundaries of each year (2015–2021: with Zhetisu)";
        var checks = found.Select(f => f.Balance is null ? new YearCheck(f.Year, YearFinding.Missing)
            : new YearCheck(f.Year, f.Balance.Value < 0 ? YearFinding.Agrees : YearFinding.Contradicts, $"{Text.Signed(f.Balance.Value)}{StatusMark(f.Balance.Status)}")).ToList();
        var halfYears = years.Where(y => found.First(f => f.Year == y).Balance is null)
            .Select(y => (y, b: ClaimEvidence.Balance(data, key, y, flow, Period.JanJun))).Where(x => x.b is not null)
            .Select(x => $"Jan–Jun {x.y} {Text.Signed(x.b!.Value)}").ToList();
        return EveryYearRule.Decide(checks, basis,
            $"{Codes.Of(flow)} balances (or arrivals and departures) of Almaty region",
            string.Join(" ", new[] { MatrixNote(data, years), halfYears.Count > 0 ? $"Context (half-years, not evidence): {string.Join(", ", halfYears)}." : "", AllFlowContext(data, [key], years) }.Where(x => x.Length > 0)),
            flow);
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
        var basis = $"{Codes.Of(flow)} balance (K ≥ 1 ⇔ balance ≥ 0) of Astana, Almaty and Shymkent, Jan–Dec {o.FirstYear}–{o.LastYear}, each city from the year it reports";
        var cells = Cities.Select(k => data.Regions[k])
            .SelectMany(c => Enumerable.Range(o.FirstYear, o.LastYear - o.FirstYear + 1).Where(c.ReportsIn)
                .Select(y => (City: c, Year: y, Balance: ClaimEvidence.Balance(data, c.Key, y, flow))))
            .ToList();
        var onlyCities = ClaimEvidence.Balances(data, flow, o.LastYear, Period.JanDec, o.Boundaries) is { Complete: true } t
            ? $"The «only in the cities» part holds: in {o.LastYear} every oblast is negative on the {t.Boundaries}" +
              (t.Oblasts.Where(v => v.Value >= 0).ToList() is { Count: > 0 } pos ? $" except {Text.Balances(pos)}." : ".")
            : "";
        // A year agrees when every city reporting then has a balance ≥ 0; one city below 0 is against; otherwise a city is missing.
        var checks = cells.GroupBy(c => c.Year).OrderBy(g => g.Key).Select(g =>
        {
            var present = g.Where(c => c.Balance is not null).ToList();
            var text = present.Count == 0 ? "" : Text.Balances(present.Select(c => new UnitBalance(c.City, c.Balance!.Value, c.Balance.Status)));
            var finding = present.Any(c => c.Balance!.Value < 0) ? YearFinding.Contradicts
                : present.Count == g.Count() ? YearFinding.Agrees : YearFinding.Missing;
            return new YearCheck(g.Key, finding, text);
        }).ToList();
        var below = cells.Where(c => c.Balance is { Value: < 0 }).Select(c => $"{c.City.NameEn} {c.Year}").ToList();
        var missingCities = cells.Where(c => c.Balance is null).GroupBy(c => c.City).Select(g => $"{g.Key.NameEn} {Text.Years(g.Select(c => c.Year))}").ToList();
        var halfYears = cells.Where(c => c.Balance is null && ClaimEvidence.Balance(data, c.City.Key, c.Year, flow, Period.JanJun) is not null)
            .Select(c => $"{c.City.NameEn} Jan–Jun {c.Year} {Text.Signed(ClaimEvidence.Balance(data, c.City.Key, c.Year, flow, Period.JanJun)!.Value)}").ToList();
        return EveryYearRule.Decide(checks, basis,
            $"{Codes.Of(flow)} balances (or arrivals and departures) of {(missingCities.Count > 0 ? string.Join("; ", missingCities) : "the cities")}",
            string.Join(" ", new[]
            {
                below.Count > 0 ? $"K < 1: {string.Join(", ", below)}." : "",
                MatrixNote(data, cells.Select(c => c.Year)),
                halfYears.Count > 0 ? $"Context (half-years, not evidence): {string.Join(", ", halfYears)}." : "",
                onlyCities, AllFlowContext(data, Cities, cells.Select(c => c.Year).Distinct()),
            }.Where(x => x.Length > 0)), flow);
    }

    // ==== Results, Figure 3 =====================================================================================

    /// <summary>
    /// C8 (Results, Figure 3). «Steadily»: every year of the period; outflow read as net outflow (negative balance).
    /// Years before <see cref="ClaimOptions.Boundaries"/> are read on their own boundaries, where the predecessor of
    /// Turkestan (South Kazakhstan, with Shymkent, 2015–2017) stands for it.
    /// </summary>
    private static ClaimVerdict SteadiestOutflow(WorkbenchData data, ClaimOptions o)
    {
        var years = Enumerable.Range(o.FirstYear, o.LastYear - o.FirstYear + 1).ToList();
        BoundaryEra EraOf(int y) => BoundaryPolicy.ReadingEra(y, o.Boundaries);
        var tables = years.Select(y => ClaimEvidence.Balances(data, Flow.Interregional, y, Period.JanDec, EraOf(y))).ToList();
        var basis = $"interregional balance, Jan–Dec {o.FirstYear}–{o.LastYear}, {o.Boundaries} (earlier years on their own boundaries); two most negative balances each year";
        var checks = tables.Select(t => t.Complete && Named(data, SteadyOutflowRegions, t.Boundaries).All(k => t[k] is not null)
            ? new YearCheck(t.Year, LeadOutflow(data, t) ? YearFinding.Agrees : YearFinding.Contradicts, TwoLargestOutflows(t))
            : new YearCheck(t.Year, YearFinding.Missing)).ToList();
        var partial = tables.Where(t => !t.Complete && t.Values.Count > 0).Select(t => $"{t.Year} only {t.Values.Count} of {t.Values.Count + t.Missing.Count} units").ToList();
        var halfYears = years.Select(y => ClaimEvidence.Balances(data, Flow.Interregional, y, Period.JanJun, EraOf(y)))
            .Where(t => t.Complete).Select(t => $"Jan–Jun {t.Year}: {TwoLargestOutflows(t, 3)}").ToList();
        return EveryYearRule.Decide(checks, basis,
            $"complete Jan–Dec interregional balances{(partial.Count > 0 ? $" ({string.Join("; ", partial)})" : "")}",
            MatrixNote(data, years) + " " + (halfYears.Count > 0 ? $"Context (half-years, not evidence): {string.Join("; ", halfYears)}. " : "") +
            "Gross interregional departures (the other reading of «outflow») are derived from the origin–destination matrices where those exist.", Flow.Interregional);
    }

    private static bool LeadOutflow(WorkbenchData data, BalanceTable t) =>
        t.Values.OrderBy(v => v.Value).Take(2).Select(v => v.Region.Key).ToHashSet().SetEquals(Named(data, SteadyOutflowRegions, t.Boundaries));

    /// <summary>The units of <paramref name="era"/> that stand for <paramref name="keys"/> (<see cref="BoundaryPolicy.UnitStandingFor"/>).</summary>
    private static IReadOnlyList<string> Named(WorkbenchData data, IEnumerable<string> keys, BoundaryEra era) =>
        [.. keys.Select(k => BoundaryPolicy.UnitStandingFor(data.Regions, k, era))];

    private static string TwoLargestOutflows(BalanceTable t, int count = 2) =>
        "largest net outflows " + Text.Balances(t.Values.OrderBy(v => v.Value).Take(count));

    /// <summary>C10 (Results, Figure 3). The paper defines no measure of a «low level of migration».</summary>
    private static ClaimVerdict LowMigrationRegions(WorkbenchData data, ClaimOptions o) =>
        NotTestable("a definition of «low levels of migration» (the paper gives no measure or threshold, so the regions the claim is about are not known)",
            "—", $"unemployment rate and income per capita {o.LastYear} as % of the national level",
            "Unemployment rate and income per capita are bundled for 2015–2022; the claim becomes testable once «low levels of migration» is defined.", null);

    /// <summary>C11 (Results, Figure 3). The migration half of the sentence; the housing half is C12.</summary>
    private static ClaimVerdict OutflowFromLowHousingRegions(WorkbenchData data, ClaimOptions o)
    {
        var table = ClaimEvidence.Balances(data, Flow.Interregional, o.LastYear, Period.JanDec, o.Boundaries);
        var basis = table.Describe() + "; a present-tense statement, read for the last year of the period";
        var five = LowHousingRegions.Select(k => table.Values.FirstOrDefault(v => v.Region.Key == k)).ToList();
        if (five.Any(v => v is null))
        {
            var absent = LowHousingRegions.Where(k => table[k] is null).Select(k => data.Regions[k].NameEn);
            return NotTestable($"interregional balances {o.LastYear} of {string.Join(", ", absent)} on the {o.Boundaries} are not in the loaded data {Import}", "—", basis, "", Flow.Interregional);
        }
        var values = five.Select(v => v!).ToList();
        var halfYears = new[] { 2019, 2020 }.Select(y => ClaimEvidence.Balances(data, Flow.Interregional, y, Period.JanJun, o.Boundaries))
            .Where(t => LowHousingRegions.All(k => t[k] is not null))
            .Select(t => $"Jan–Jun {t.Year}: {LowHousingRegions.Count(k => t[k] < 0)} of 5 negative").ToList();
        return Decided(values.All(v => v.Value < 0), Text.Balances(values), basis,
            halfYears.Count > 0 ? $"Context (half-years, not evidence): {string.Join("; ", halfYears)}." : "", Flow.Interregional);
    }

    /// <summary>C15 (Results, Figure 3). The labour demand/supply ratio is a known gap.</summary>
    private static ClaimVerdict LabourSupplyExceedsDemand(WorkbenchData data, ClaimOptions o) =>
        NotTestable("the ratio of labour demand to labour supply by region is not bundled (docs/bundled-sources.md, «Known gaps»; job_seekers counts only the supply side)", "—",
            $"labour demand/supply ratio {o.LastYear} as % of the national level", "", null);

    /// <summary>C13, C14, C16 (Results, Figure 3): Turkestan and Zhambyl below 95 % of the national level (the paper's bands «low», «very low»).</summary>
    private static ClaimVerdict LowRelativeToNational(WorkbenchData data, ClaimOptions o, string indicatorId, string label)
    {
        var year = o.LastYear;
        var basis = $"{label} ({indicatorId}) {year} as % of the national level, bands of the paper (Results, before Figure 3)";
        var shares = SteadyOutflowRegions.Select(k => (Region: data.Regions[k], Share: ClaimEvidence.PercentOfNational(data, k, year, indicatorId))).ToList();
        if (shares.Where(s => s.Share is null).ToList() is { Count: > 0 } missing)
            return NotTestable($"{label} {year} of {Text.Names(missing.Select(m => m.Region))} or of Kazakhstan is not in the loaded data", "—", basis, "", null);
        var found = string.Join(", ", shares.Select(s => $"{s.Region.NameEn} {Text.Percent(s.Share!.Value.Percent)} ({ClaimEvidence.Band(s.Share.Value.Percent, o.Bands)})"));
        var statuses = shares.Select(s => data.FindIndicator(s.Region.Key, year, indicatorId)!.Status).Distinct().Select(Codes.Of);
        return Decided(shares.All(s => ClaimEvidence.BelowNational(s.Share!.Value.Percent, o.Bands)), found, basis,
            $"National level {shares[0].Share!.Value.National.ToString(System.Globalization.CultureInfo.InvariantCulture)}; regional values {string.Join("/", statuses)}.", null);
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
