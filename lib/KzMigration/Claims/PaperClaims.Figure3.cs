using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using static KzMigration.Claims.ClaimVerdict;

namespace KzMigration.Claims;

// Figure 3 of the paper (the socio-economic scoring; Results, text after Figure 3): claims C8–C16, stated and judged; the
// housing claims C9 and C12 are in PaperClaims.Figure3.Housing.cs. The study steps that redraw the figure are in
// Study/Figure3 (SocioEconomicScoring, ScoreMigrationRelation); notebook 04.
public static partial class PaperClaims
{
    /// <summary>The claims read on Figure 3 (C8–C16), in the order of the paper, stated in the words of <see cref="Under"/>'s options.</summary>
    private static IEnumerable<Claim> Figure3Claims(ScaleWords b, int first, int last, string period) =>
    [
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
            $"Units with housing price per m² (the recorded housing choice, scoring.housing) and GRP per capita both ≥ {b.High} of the national level (band «{b.HighBand}» or above) have a positive interregional balance in {last}, and at least one such unit exists. " +
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
            $"Housing price per m² (the recorded housing choice, scoring.housing) of Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay in {last}, on the same territory as C11, " +
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
    ];

    private static VerdictRule LowBandRule(ScaleWords b) => VerdictRule.Exact(
        $"both below {b.Low} of the national level (bands {b.LowBandsList})",
        $"one at or above {b.Low} (whatever is missing)",
        "a value or the national level is missing");

    /// <summary>
    /// C8 (Results, Figure 3). «Steadily»: every year of the period; outflow read as net outflow (negative balance), on the
    /// territories the paper names in every year (Turkestan without Shymkent before 2018 too, Almaty region without Zhetisu
    /// before 2022), through the origin–destination matrix. A year is against the claim when another unit's balance is below
    /// Turkestan's or Zhambyl's, whatever else is missing.
    /// </summary>
    private static ClaimVerdict SteadiestOutflow(WorkbenchData data, StudySpecification o)
    {
        var years = Enumerable.Range(o.Migration.FirstYear, o.Migration.LastYear - o.Migration.FirstYear + 1).ToList();
        var tables = years.Select(y => Paper.Balances(data, Flow.Interregional, y)).ToList();
        var basis = $"interregional balance, Jan–Dec {o.Migration.FirstYear}–{o.Migration.LastYear}, {Paper.Short} (years before 2022 from the origin–destination matrix on those territories); two most negative balances each year";
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
    private static ClaimVerdict LowMigrationRegions(WorkbenchData data, StudySpecification o) =>
        NotTestable("a definition of «low levels of migration» (the paper gives no measure or threshold, so the regions the claim is about are not known)",
            "—", $"unemployment rate and income per capita {o.Migration.LastYear} as % of the national level",
            "Unemployment rate and income per capita are bundled for 2015–2022; the claim becomes testable once «low levels of migration» is defined.", null);

    /// <summary>C11 (Results, Figure 3). The migration half of the sentence, on the same territory as its housing half (C12).</summary>
    private static ClaimVerdict OutflowFromLowHousingRegions(WorkbenchData data, StudySpecification o)
    {
        var table = Paper.Balances(data, Flow.Interregional, o.Migration.LastYear);
        var basis = LayoutBasis(table, Paper) + "; a present-tense statement, read for the last year of the period";
        var present = LowHousingRegions.Select(k => table.Values.FirstOrDefault(v => v.Region.Key == k)).OfType<UnitBalance>().ToList();
        var found = present.Count == 0 ? "—" : Text.Balances(present);
        var halfYears = new[] { 2019, 2020 }.Select(y => BoundaryLayout.OwnBoundaries.Balances(data, Flow.Interregional, y, Period.JanJun))
            .Where(t => LowHousingRegions.All(k => t[k] is not null))
            .Select(t => $"Jan–Jun {t.Year}: {LowHousingRegions.Count(k => t[k] < 0)} of 5 negative").ToList();
        var context = string.Join(" ", new[]
        {
            OtherLayouts(data, Paper, Flow.Interregional, o.Migration.LastYear, t => Text.Balances(t.Values.Where(v => LowHousingRegions.Contains(v.Region.Key)))),
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
            return NotTestable($"interregional balances {o.Migration.LastYear} of {string.Join(", ", absent)} on {Paper.Short} are not in the loaded data {Import}", found, basis, context, Flow.Interregional).Reading(reads);
        }
        return Reproduced(found, basis, context, Flow.Interregional).Reading(reads);
    }

    /// <summary>C15 (Results, Figure 3). The labour demand/supply ratio is a known gap.</summary>
    private static ClaimVerdict LabourSupplyExceedsDemand(WorkbenchData data, StudySpecification o) =>
        NotTestable("the ratio of labour demand to labour supply by region is not bundled (docs/bundled-sources.md, «Known gaps»; job_seekers counts only the supply side)", "—",
            $"labour demand/supply ratio {o.Migration.LastYear} as % of the national level", "", null);

    /// <summary>C13, C14, C16 (Results, Figure 3): Turkestan and Zhambyl below the national level's band (the paper's: below 95 %, bands «low», «very low»).</summary>
    private static ClaimVerdict LowRelativeToNational(WorkbenchData data, StudySpecification o, string indicatorId, string label)
    {
        var year = o.Migration.LastYear;
        var basis = $"{label} ({indicatorId}) {year} as % of the national level, {ScaleWords.Of(o).Source}, {Paper.Short}";
        var shares = SteadyOutflowRegions.Select(k => (Region: data.Regions[k], Share: ClaimEvidence.PercentOfNational(data, k, year, indicatorId))).ToList();
        var present = shares.Where(s => s.Share is not null).ToList();
        var found = present.Count == 0 ? "—"
            : string.Join(", ", present.Select(s => $"{s.Region.NameEn} {Text.Percent(s.Share!.Value.Percent)} ({ClaimEvidence.Band(s.Share.Value.Percent, o.Scoring.Bands)})"));
        var reads = present.Select(s => new UnitRead(s.Region, BoundaryEra.OfYear(year), year)).ToList();
        var statuses = present.Select(s => data.FindIndicator(s.Region.Key, year, indicatorId)!.Status).Distinct().Select(Codes.Of);
        var evidence = present.Count == 0 ? ""
            : $"National level {present[0].Share!.Value.National.ToString(System.Globalization.CultureInfo.InvariantCulture)}; regional values {string.Join("/", statuses)}.";
        if (present.Where(s => !ClaimEvidence.BelowNational(s.Share!.Value.Percent, o.Scoring.Bands)).ToList() is { Count: > 0 } against)
            return Contradicted(found, basis, $"Not below {ScaleWords.Of(o).Low}: {Text.Names(against.Select(a => a.Region))}. {evidence}", null).Reading(reads);
        if (present.Count < shares.Count)
            return NotTestable($"{label} {year} of {Text.Names(shares.Where(s => s.Share is null).Select(m => m.Region))} or of Kazakhstan is not in the loaded data", found, basis, evidence, null).Reading(reads);
        return Reproduced(found, basis, evidence, null).Reading(reads);
    }
}
