using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;
using static KzMigration.Claims.ClaimVerdict;

namespace KzMigration.Claims;

/// <summary>
/// The housing claims of the paper (Results, after Figure 3), read with the study's recorded housing choice
/// (<see cref="ClaimOptions.Housing"/>: which BNS price per m², and whether state-programme prices count).
/// <para>Rules, written out (each verdict restates them):</para>
/// <list type="bullet">
/// <item>«High» and «low» are the paper's own bands of a value as a percentage of the national level (Results, before
/// Figure 3; <see cref="ClaimEvidence.Band"/> with the study's scale, <see cref="ClaimOptions.Bands"/>): «high» is ≥ 105 % (bands high, very high), «relatively low» is below
/// 95 % (bands low, very low).</item>
/// <item>A region's price is the price of its administrative centre that year (data/housing.csv, column city): the
/// workbench's reading, since BNS prices cities, not regions.</item>
/// <item>An excluded programme price is missing, never replaced by another figure; a claim that needs it is not testable
/// unless the figures present already contradict it.</item>
/// </list>
/// </summary>
public static partial class PaperClaims
{
    // The reading rules above, in the words of the options' scale (the paper's: ≥ 105 %, < 95 %).
    private static string HousingReading(ScaleWords b) =>
        $"High = ≥ {b.High} of the national level (bands {b.HighBands}), relatively low = < {b.Low} (bands {b.LowBandsList}), {b.Owner}; " +
        "a region's price is the price of its administrative centre (data/housing.csv, column city), the workbench's reading.";

    /// <summary>A unit's housing price under the choice, as % of the national price of the same series and year; or why it is missing.</summary>
    private static (double Percent, IndicatorObservation Value)? HousingPercent(WorkbenchData data, string regionKey, int year, HousingChoice choice, out string? whyMissing)
    {
        whyMissing = null;
        var name = data.Regions[regionKey].NameEn;
        if (!data.IndicatorDefinitions.ContainsKey(choice.IndicatorId)) { whyMissing = $"{choice.IndicatorId} is not in the loaded data"; return null; }
        var national = data.FindIndicator(data.Regions.Country.Key, year, choice.IndicatorId);
        var value = data.FindIndicator(regionKey, year, choice.IndicatorId);
        if (value is { IsProgrammePrice: true } && !choice.IncludesProgrammePrices)
        {
            whyMissing = $"{name} {year} is a {value.Programme} programme price in {value.City}, excluded by programme_prices=excluded";
            return null;
        }
        if (value is null) { whyMissing = $"{name} {year} has no {choice.IndicatorId}"; return null; }
        if (national is null || national.Value == 0) { whyMissing = $"the national {choice.IndicatorId} {year} is missing"; return null; }
        return (100 * value.Value / national.Value, value);
    }


    private static string NationalNote(WorkbenchData data, int year, HousingChoice choice) =>
        data.FindIndicator(data.Regions.Country.Key, year, choice.IndicatorId) is { } n
            ? $"National level {choice.IndicatorId} {year}: {Text.Count(n.Value)} KZT per m²{(n.Note.Length > 0 ? $" ({n.Note})" : "")}."
            : "";

    /// <summary>
    /// C9 (Results, Figure 3). Every unit of the paper's list whose housing price and GRP per capita are both «high» in the
    /// last year has a positive interregional balance, and there is at least one. One such unit with a balance ≤ 0
    /// contradicts it whatever else is missing; a unit that could qualify but lacks a figure (housing, GRP or balance)
    /// leaves it not testable.
    /// </summary>
    private static ClaimVerdict HighHousingAndGrpPositive(WorkbenchData data, ClaimOptions o)
    {
        var year = o.LastYear;
        var choice = o.Housing;
        var table = Paper.Balances(data, Flow.Interregional, year);
        var basis = $"{choice.Describe()} and GRP per capita, {year}, as % of the national level; {LayoutBasis(table, Paper)}. {HousingReading(ScaleWords.Of(o))}";
        var units = Paper.Units(data.Regions, year);
        var rows = units.Select(u =>
        {
            var housing = HousingPercent(data, u.Key, year, choice, out var why);
            var grp = ClaimEvidence.PercentOfNational(data, u.Key, year, "grp_per_capita");
            return (Unit: u, Housing: housing?.Percent, Why: why, Grp: grp?.Percent, Balance: table[u.Key]);
        }).ToList();
        var qualifying = rows.Where(r => r.Housing is { } h && r.Grp is { } g && ClaimEvidence.AboveNational(h, o.Bands) && ClaimEvidence.AboveNational(g, o.Bands)).ToList();
        string Describe((Region Unit, double? Housing, string? Why, double? Grp, double? Balance) r) =>
            $"{r.Unit.NameEn} housing {Text.Percent(r.Housing!.Value)}, GRP {Text.Percent(r.Grp!.Value)}, balance {(r.Balance is { } b ? Text.Signed(b) : "missing")}";
        var found = qualifying.Count == 0 ? "no unit with both high" : string.Join("; ", qualifying.Select(Describe));
        var highOnlyOne = rows.Where(r => r.Housing is { } h && r.Grp is { } g && ClaimEvidence.AboveNational(h, o.Bands) != ClaimEvidence.AboveNational(g, o.Bands) && r.Balance is not null)
            .Select(r => $"{r.Unit.NameEn} ({(ClaimEvidence.AboveNational(r.Housing!.Value, o.Bands) ? "housing" : "GRP")} only) {Text.Signed(r.Balance!.Value)}").ToList();
        var outside = data.Regions.UnitsInYear(year).Where(u => !units.Contains(u))
            .Where(u => HousingPercent(data, u.Key, year, choice, out _) is { } h && ClaimEvidence.AboveNational(h.Percent, o.Bands)
                        && ClaimEvidence.PercentOfNational(data, u.Key, year, "grp_per_capita") is { } g && ClaimEvidence.AboveNational(g.Percent, o.Bands))
            .Select(u => u.NameEn).ToList();
        var context = (highOnlyOne.Count > 0 ? $"Context (one of the two high, not the claim): {string.Join(", ", highOnlyOne)}. " : "") +
                      (outside.Count > 0 ? $"Context, outside the paper's list (created in 2022), both high: {string.Join(", ", outside)}. " : "") +
                      NationalNote(data, year, choice);
        var reads = BoundaryLayout.ReadsOf(table, qualifying.Select(q => q.Unit.Key));

        var against = qualifying.Where(r => r.Balance is <= 0).ToList();
        if (against.Count > 0)
            return Contradicted(found, basis, $"Balance not positive: {string.Join(", ", against.Select(r => r.Unit.NameEn))}. {context}", Flow.Interregional).Reading(reads);
        // A unit could still qualify when a figure is missing and the known one does not already rule it out.
        var open = rows.Where(r => (r.Housing is null || r.Grp is null) && !(r.Housing is { } h && !ClaimEvidence.AboveNational(h, o.Bands)) && !(r.Grp is { } g && !ClaimEvidence.AboveNational(g, o.Bands))).ToList();
        var noBalance = qualifying.Where(r => r.Balance is null).ToList();
        if (open.Count > 0 || noBalance.Count > 0)
        {
            var missing = open.Select(r => r.Housing is null ? r.Why ?? $"{r.Unit.NameEn} housing price" : $"{r.Unit.NameEn} GRP per capita {year}")
                .Concat(noBalance.Select(r => $"{r.Unit.NameEn} interregional balance {year}")).ToList();
            return NotTestable($"{string.Join("; ", missing)} (a unit that could have both high values lacks a figure)", found, basis,
                $"Every unit known to have both high values has a positive balance. {context}", Flow.Interregional).Reading(reads);
        }
        if (qualifying.Count == 0)
            return Contradicted(found, basis, $"No unit has both a high housing price and a high GRP per capita, so the units the sentence describes do not exist in these data. {context}", Flow.Interregional);
        return Reproduced(found, basis, context, Flow.Interregional).Reading(reads);
    }

    /// <summary>
    /// C12 (Results, Figure 3). «Relatively low housing costs» of Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay in
    /// the last year, on the paper's layout (the same territory as C11), against two references: the national level (below
    /// 95 %: the paper's bands «low», «very low», the reference of its Figure 3), which decides; and the median unit of the
    /// layout, with each region's rank from the cheapest, reported beside it. When the two disagree the verdict says so.
    /// One region at 95 % or more of the national level contradicts it whatever else is missing; a missing price (or an
    /// excluded programme price) otherwise leaves it not testable.
    /// </summary>
    private static ClaimVerdict LowHousingCosts(WorkbenchData data, ClaimOptions o)
    {
        var year = o.LastYear;
        var choice = o.Housing;
        var words = ScaleWords.Of(o);
        var basis = $"{choice.Describe()}, {year}, as % of the national level and of the median unit of {Paper.Short}. {HousingReading(words)}";
        var rows = LowHousingRegions.Select(k =>
        {
            var p = HousingPercent(data, k, year, choice, out var why);
            return (Region: data.Regions[k], Share: p, Why: why);
        }).ToList();
        var present = rows.Where(r => r.Share is not null).ToList();
        // The layout's units with a price, cheapest first: the median unit and the ranks.
        var priced = Paper.Units(data.Regions, year)
            .Select(u => (u.Key, Price: HousingPercent(data, u.Key, year, choice, out _)?.Value.Value)).Where(x => x.Price is not null)
            .OrderBy(x => x.Price).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        double? median = priced.Count == 0 ? null
            : priced.Count % 2 == 1 ? priced[priced.Count / 2].Price : (priced[priced.Count / 2 - 1].Price + priced[priced.Count / 2].Price) / 2;
        string Rank(string key) => $"rank {priced.FindIndex(x => x.Key == key) + 1} of {priced.Count}";
        var found = present.Count == 0 ? "—"
            : string.Join(", ", present.Select(r => $"{r.Region.NameEn} ({r.Share!.Value.Value.City}) {Text.Percent(r.Share.Value.Percent)} of national ({ClaimEvidence.Band(r.Share.Value.Percent, o.Bands)})" +
                (median is { } m ? $", {Text.Percent(100 * r.Share.Value.Value.Value / m)} of the median unit, {Rank(r.Region.Key)}" : "")));
        var aboveMedian = median is { } med ? present.Where(r => r.Share!.Value.Value.Value >= med).ToList() : [];
        var belowNationalCount = priced.Count(x => HousingPercent(data, x.Key, year, choice, out _) is { } h && ClaimEvidence.BelowNational(h.Percent, o.Bands));
        var references = median is null ? "" :
            $"Median unit of the {priced.Count} with a price: {Text.Count(median.Value)} KZT per m²; {belowNationalCount} of {priced.Count} units lie below {words.Low} of the national level. " +
            (aboveMedian.Count > 0
                ? $"THE REFERENCES DISAGREE: against the median unit, {Text.Names(aboveMedian.Select(r => r.Region))} {(aboveMedian.Count == 1 ? "is" : "are")} not low (at or above the median); the national level, the paper's own reference, decides. "
                : "Against the median unit too, all of them are below: the references agree. ");
        var context = references + NationalNote(data, year, choice);
        var reads = present.Select(r => new UnitRead(r.Region, BoundaryEra.OfYear(year), year)).ToList();
        var against = present.Where(r => !ClaimEvidence.BelowNational(r.Share!.Value.Percent, o.Bands)).ToList();
        if (against.Count > 0)
            return Contradicted(found, basis, $"Not below {words.Low} of the national level: {Text.Names(against.Select(r => r.Region))}. {context}", null).Reading(reads);
        if (present.Count < rows.Count)
            return NotTestable(string.Join("; ", rows.Where(r => r.Share is null).Select(r => r.Why)), found, basis,
                $"The regions with a price are all below {words.Low} of the national level. {context}", null).Reading(reads);
        return Reproduced(found, basis, context, null).Reading(reads);
    }
}
