using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Statistics;
using static KzMigration.Claims.ClaimVerdict;

namespace KzMigration.Claims;

/// <summary>
/// The housing claims of the paper (Results, after Figure 3), read with the study's recorded housing choice
/// (<see cref="ScoringSpec.Housing"/>: which BNS price per m², and whether state-programme prices count).
/// <para>Rules, written out (each verdict restates them):</para>
/// <list type="bullet">
/// <item>«High» and «low» are the paper's own bands of a value as a percentage of the national level (Results, before
/// Figure 3; <see cref="ClaimEvidence.Band"/> with the study's scale, <see cref="ScoringSpec.Bands"/>): «high» is ≥ 105 % (bands high, very high), «relatively low» is below
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
        if (value is not null && !choice.Admits(value))
        {
            whyMissing = $"{name} {year} is a {value.Programme} programme price in {value.City}, excluded by programme_prices=excluded";
            return null;
        }
        if (value is null) { whyMissing = $"{name} {year} has no {choice.IndicatorId}"; return null; }
        if (national is null) { whyMissing = $"the national {choice.IndicatorId} {year} is missing"; return null; }
        if (ReferenceLevel.PercentOf(value.Value, national.Value) is not { } percent) { whyMissing = $"the national {choice.IndicatorId} {year} is not positive"; return null; }
        return (percent, value);
    }


    private static string NationalNote(WorkbenchData data, int year, HousingChoice choice) =>
        data.FindIndicator(data.Regions.Country.Key, year, choice.IndicatorId) is { } n
            ? $"National level {choice.IndicatorId} {year}: {Text.Count(n.Value)} KZT per m²{(n.Note.Length > 0 ? $" ({n.Note})" : "")}."
            : "";

    /// <summary>
    /// C9 (Results, Figure 3). Every unit of the paper's list whose housing price and GRP per capita are both «high» in the
    /// last year has a positive interregional balance, and there is at least one. A housing price is high against two
    /// references, as C12 reads «low»: the national level (≥ 105 %, the paper's bands) and the median unit of the layout (above
    /// it). A unit high against both with a balance clearly ≤ 0 contradicts it whatever else is missing; when the references
    /// disagree about a unit whose balance is not clearly positive (or about the only units that would qualify), or a balance
    /// lies within its uncertainty, the verdict is inconclusive; a unit that could qualify but lacks a figure (housing, GRP or
    /// balance) otherwise leaves it not testable.
    /// </summary>
    private static ClaimVerdict HighHousingAndGrpPositive(WorkbenchData data, StudySpecification o)
    {
        var year = o.Migration.LastYear;
        var choice = o.Scoring.Housing;
        var table = Paper.Balances(data, Flow.Interregional, year);
        var basis = $"{choice.Describe()} and GRP per capita, {year}, as % of the national level, the housing price also against the median unit of the layout; {LayoutBasis(table, Paper)}. {HousingReading(ScaleWords.Of(o))}";
        var units = Paper.Units(data.Regions, year);
        var reference = MedianUnit(data, year, choice);
        var rows = units.Select(u =>
        {
            var housing = HousingPercent(data, u.Key, year, choice, out var why);
            var grp = ClaimEvidence.PercentOfNational(data, u.Key, year, "grp_per_capita");
            return new HighRow(u, housing?.Percent, housing?.Value.Value, why, grp?.Percent, table.Values.FirstOrDefault(v => v.Region.Key == u.Key));
        }).ToList();
        bool HighNational(HighRow r) => r.Housing is { } h && ClaimEvidence.AboveNational(h, o.Scoring.Bands);
        bool HighMedian(HighRow r) => r.Price is { } p && reference.Median is { } m && p > m;
        bool GrpHigh(HighRow r) => r.Grp is { } g && ClaimEvidence.AboveNational(g, o.Scoring.Bands);
        var qualifying = rows.Where(r => HighNational(r) && GrpHigh(r)).ToList();
        var both = qualifying.Where(HighMedian).ToList();
        var disputed = rows.Where(r => GrpHigh(r) && r.Housing is not null && HighNational(r) != HighMedian(r)).ToList();
        string Describe(HighRow r) =>
            $"{r.Unit.NameEn} housing {Text.Percent(r.Housing!.Value)}, GRP {Text.Percent(r.Grp!.Value)}, balance {(r.Balance is { } b ? Text.Signed(b.Value) : "missing")}";
        string OfMedian(HighRow r) => reference.Median is { } m && r.Price is { } p ? $"{Text.Percent(100 * p / m)} of the median unit" : "no median unit";
        var found = qualifying.Count == 0 ? "no unit with both high" : string.Join("; ", qualifying.Select(Describe));
        var highOnlyOne = rows.Where(r => r.Housing is not null && r.Grp is not null && HighNational(r) != GrpHigh(r) && r.Balance is not null)
            .Select(r => $"{r.Unit.NameEn} ({(HighNational(r) ? "housing" : "GRP")} only) {Text.Signed(r.Balance!.Value)}").ToList();
        var outside = data.Regions.UnitsInYear(year).Where(u => !units.Contains(u))
            .Where(u => HousingPercent(data, u.Key, year, choice, out _) is { } h && ClaimEvidence.AboveNational(h.Percent, o.Scoring.Bands)
                        && ClaimEvidence.PercentOfNational(data, u.Key, year, "grp_per_capita") is { } g && ClaimEvidence.AboveNational(g.Percent, o.Scoring.Bands))
            .Select(u => u.NameEn).ToList();
        var median = reference.Median is { } med
            ? $"Against the median unit of the {reference.Priced.Count} with a price ({Text.Count(med)} KZT per m²): " +
              (qualifying.Count > 0 ? string.Join(", ", qualifying.Select(r => $"{r.Unit.NameEn} {OfMedian(r)}")) + ". " : "") +
              (disputed.Count == 0 ? "The references agree on which units have high housing prices. "
                  : "THE REFERENCES DISAGREE on high housing prices of units with a high GRP per capita: " +
                    string.Join("; ", disputed.Select(r => $"{r.Unit.NameEn} {Text.Percent(r.Housing!.Value)} of national, {OfMedian(r)} (high against {(HighNational(r) ? "the national level only" : "the median unit only")}), " +
                                                           $"GRP {Text.Percent(r.Grp!.Value)}, balance {(r.Balance is { } b ? Text.Signed(b.Value) : "missing")}")) + ". ")
            : "";
        var context = (highOnlyOne.Count > 0 ? $"Context (one of the two high against the national level, not the claim): {string.Join(", ", highOnlyOne)}. " : "") +
                      (outside.Count > 0 ? $"Context, outside the paper's list (created in 2022), both high: {string.Join(", ", outside)}. " : "") +
                      median +
                      (disputed.Count > 0 ? NationalReferenceChange(data, year, choice) + " " : "") +
                      CompilationNote(rows.Select(r => r.Balance).OfType<UnitBalance>()) + (rows.Any(r => r.Balance?.Compilation is not null) ? " " : "") +
                      NationalNote(data, year, choice);
        var reads = BoundaryLayout.ReadsOf(table, qualifying.Concat(disputed).Select(q => q.Unit.Key));
        static YearFinding Positive(HighRow r) => r.Balance is { } b ? SignClaim.Positive.Judge(b.Value, b.Uncertainty) : YearFinding.Missing;

        var against = both.Where(r => Positive(r) == YearFinding.Contradicts).ToList();
        if (against.Count > 0)
            return Contradicted(found, basis, $"Balance not positive: {string.Join(", ", against.Select(r => r.Unit.NameEn))} (high housing prices against both references). {context}", Flow.Interregional).Reading(reads);
        // A unit could still qualify when a figure is missing and the known one does not already rule it out.
        var open = rows.Where(r => (r.Housing is null || r.Grp is null) && !(r.Housing is not null && !HighNational(r) && !HighMedian(r)) && !(r.Grp is not null && !GrpHigh(r))).ToList();
        var noBalance = both.Where(r => r.Balance is null).ToList();
        var missing = open.Select(r => r.Housing is null ? r.Why ?? $"{r.Unit.NameEn} housing price" : $"{r.Unit.NameEn} GRP per capita {year}")
            .Concat(noBalance.Select(r => $"{r.Unit.NameEn} interregional balance {year}")).ToList();
        // The references disagree about a unit that decides: its balance is not clearly positive, or only disputed units would qualify.
        var deciding = disputed.Where(r => Positive(r) != YearFinding.Agrees).ToList();
        var unsure = both.Where(r => Positive(r) == YearFinding.Uncertain).ToList();
        if (deciding.Count > 0 || unsure.Count > 0 || (both.Count == 0 && disputed.Count > 0 && open.Count == 0))
        {
            var why = string.Join(" ", new[]
            {
                deciding.Count > 0 ? $"Whether {Text.Names(deciding.Select(r => r.Unit))} {(deciding.Count == 1 ? "has" : "have")} high housing prices depends on the reference, and {(deciding.Count == 1 ? "its" : "their")} balance is not clearly positive: against the median unit the claim fails, against the national level it does not." : "",
                both.Count == 0 && disputed.Count > 0 && deciding.Count == 0 ? $"Only units on which the references disagree ({Text.Names(disputed.Select(r => r.Unit))}) would have both high." : "",
                unsure.Count > 0 ? string.Join("; ", unsure.Select(r => $"{r.Unit.NameEn}: {SignClaim.Positive.Needs(r.Balance!.Value, r.Balance.Uncertainty)}")) + "." : "",
            }.Where(x => x.Length > 0));
            return Inconclusive(found, basis, $"{why} {context}" + (missing.Count > 0 ? $" Missing: {string.Join("; ", missing)}." : ""), Flow.Interregional).Reading(reads);
        }
        if (missing.Count > 0)
            return NotTestable($"{string.Join("; ", missing)} (a unit that could have both high values lacks a figure)", found, basis,
                $"Every unit known to have both high values has a positive balance. {context}", Flow.Interregional).Reading(reads);
        if (both.Count == 0)
            return Contradicted(found, basis, $"No unit has both a high housing price and a high GRP per capita, so the units the sentence describes do not exist in these data. {context}", Flow.Interregional);
        return Reproduced(found, basis, context, Flow.Interregional).Reading(reads);
    }

    // One unit of C9: its housing price (% of national, and the price), GRP per capita (% of national) and balance.
    private sealed record HighRow(Region Unit, double? Housing, double? Price, string? Why, double? Grp, UnitBalance? Balance);

    /// <summary>
    /// C12 (Results, Figure 3). «Relatively low housing costs» of Turkestan, Zhambyl, Kyzylorda, Karaganda and Kostanay in
    /// the last year, on the paper's layout (the same territory as C11), against two references: the national level (below
    /// 95 %: the paper's bands «low», «very low», the reference of its Figure 3) and the median unit of the layout (below it),
    /// each region's rank from the cheapest shown. A region is relatively low when both references agree; one at or above
    /// both contradicts the claim whatever else is missing; when the references disagree for any of the five the verdict is
    /// inconclusive, naming which, with the national reference's change from the year before against the units' own (BNS
    /// changed its method in January 2022) and the earlier years' positions as context; a missing price (or an excluded
    /// programme price) otherwise leaves it not testable.
    /// </summary>
    private static ClaimVerdict LowHousingCosts(WorkbenchData data, StudySpecification o)
    {
        var year = o.Migration.LastYear;
        var choice = o.Scoring.Housing;
        var words = ScaleWords.Of(o);
        var basis = $"{choice.Describe()}, {year}, as % of the national level and of the median unit of {Paper.Short}. {HousingReading(words)}";
        var rows = LowHousingRegions.Select(k =>
        {
            var p = HousingPercent(data, k, year, choice, out var why);
            return (Region: data.Regions[k], Share: p, Why: why);
        }).ToList();
        var present = rows.Where(r => r.Share is not null).ToList();
        var reference = MedianUnit(data, year, choice);
        var median = reference.Median;
        var found = present.Count == 0 ? "—"
            : string.Join(", ", present.Select(r => $"{r.Region.NameEn} ({r.Share!.Value.Value.City}) {Text.Percent(r.Share.Value.Percent)} of national ({ClaimEvidence.Band(r.Share.Value.Percent, o.Scoring.Bands)})" +
                (median is { } m ? $", {Text.Percent(100 * r.Share.Value.Value.Value / m)} of the median unit, {reference.Rank(r.Region.Key)}" : "")));
        // Each region against each reference: low against the national level (the paper's bands) and against the median unit.
        var judged = present.Select(r => (r.Region, National: ClaimEvidence.BelowNational(r.Share!.Value.Percent, o.Scoring.Bands),
            Median: median is { } med ? r.Share.Value.Value.Value < med : (bool?)null)).ToList();
        var againstBoth = judged.Where(j => !j.National && j.Median is not true).ToList();
        var notLowMedian = judged.Where(j => j.National && j.Median is false).Select(j => j.Region).ToList();
        var notLowNational = judged.Where(j => !j.National && j.Median is true).Select(j => j.Region).ToList();
        var belowNationalCount = reference.Priced.Count(x => HousingPercent(data, x.Key, year, choice, out _) is { } h && ClaimEvidence.BelowNational(h.Percent, o.Scoring.Bands));
        var disagree = notLowMedian.Concat(notLowNational).ToList();
        var references = median is null ? "" :
            $"Median unit of the {reference.Priced.Count} with a price: {Text.Count(median.Value)} KZT per m²; {belowNationalCount} of {reference.Priced.Count} units lie below {words.Low} of the national level. " +
            (disagree.Count > 0
                ? "THE REFERENCES DISAGREE: " + string.Join("; ", new[]
                {
                    notLowMedian.Count > 0 ? $"against the median unit, {Text.Names(notLowMedian)} {(notLowMedian.Count == 1 ? "is" : "are")} not low (at or above the median), though below {words.Low} of the national level" : "",
                    notLowNational.Count > 0 ? $"against the national level, {Text.Names(notLowNational)} {(notLowNational.Count == 1 ? "is" : "are")} not low (at or above {words.Low}), though below the median unit" : "",
                }.Where(x => x.Length > 0)) + ". "
                : againstBoth.Count == 0 ? "Against the median unit too, all of them are below: the references agree. " : "");
        var context = string.Join(" ", new[]
        {
            references.Trim(),
            disagree.Count > 0 ? NationalReferenceChange(data, year, choice) : "",
            disagree.Count > 0 ? EarlierPositions(data, disagree, o.Migration.FirstYear, year - 1, choice) : "",
            NationalNote(data, year, choice),
        }.Where(x => x.Length > 0));
        var reads = present.Select(r => new UnitRead(r.Region, BoundaryEra.OfYear(year), year)).ToList();
        if (againstBoth.Count > 0)
            return Contradicted(found, basis, $"Not low against either reference (at or above {words.Low} of the national level and at or above the median unit): {Text.Names(againstBoth.Select(a => a.Region))}. {context}", null).Reading(reads);
        if (disagree.Count > 0)
            return Inconclusive(found, basis,
                $"The two references disagree for {Text.Names(disagree)}, so whether {(disagree.Count == 1 ? "it is" : "they are")} relatively low depends on the reference; " +
                $"the claim holds only where both agree. {context}" +
                (present.Count < rows.Count ? $" Missing: {string.Join("; ", rows.Where(r => r.Share is null).Select(r => r.Why))}." : ""), null).Reading(reads);
        if (present.Count < rows.Count)
            return NotTestable(string.Join("; ", rows.Where(r => r.Share is null).Select(r => r.Why)), found, basis,
                $"The regions with a price are all below {words.Low} of the national level and below the median unit. {context}", null).Reading(reads);
        return Reproduced(found, basis, context, null).Reading(reads);
    }

    /// <summary>The units of the paper's layout priced in a year (the study's housing choice), cheapest first, and their median price: the second reference of C9 and C12.</summary>
    private sealed record MedianReference(IReadOnlyList<(string Key, double Price)> Priced, double? Median)
    {
        /// <summary>«rank 4 of 17», from the cheapest.</summary>
        public string Rank(string key) => $"rank {Priced.Select(p => p.Key).ToList().IndexOf(key) + 1} of {Priced.Count}";
    }

    private static MedianReference MedianUnit(WorkbenchData data, int year, HousingChoice choice)
    {
        var priced = Paper.Units(data.Regions, year)
            .Select(u => (u.Key, Price: HousingPercent(data, u.Key, year, choice, out _)?.Value.Value)).Where(x => x.Price is not null)
            .Select(x => (x.Key, Price: x.Price!.Value))
            .OrderBy(x => x.Price).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        double? median = priced.Count == 0 ? null : Quantiles.Median([.. priced.Select(x => x.Price)]);
        return new MedianReference(priced, median);
    }

    /// <summary>
    /// How the national reference moved from the year before against the units' own prices (the unweighted mean of the units of
    /// the layout priced in both years), with the national figure's note: computed, so a change of method in the national
    /// figure (BNS's weighted average from January 2022) shows as a gap between the two.
    /// </summary>
    private static string NationalReferenceChange(WorkbenchData data, int year, HousingChoice choice)
    {
        var country = data.Regions.Country.Key;
        if (data.FindIndicator(country, year, choice.IndicatorId) is not { } now || data.FindIndicator(country, year - 1, choice.IndicatorId) is not { } before || before.Value == 0)
            return "";
        var both = Paper.Units(data.Regions, year)
            .Select(u => (Now: HousingPercent(data, u.Key, year, choice, out _)?.Value.Value, Before: HousingPercent(data, u.Key, year - 1, choice, out _)?.Value.Value))
            .Where(x => x.Now is not null && x.Before is not null).ToList();
        static string Change(double ratio) => (ratio >= 1 ? "+" : "−") + Text.Percent(Math.Abs(ratio - 1) * 100);
        var units = both.Count == 0 ? ""
            : $", while the unweighted mean of the {both.Count} units priced in both years moved {Change(both.Average(x => x.Now!.Value) / both.Average(x => x.Before!.Value))}";
        return $"The national reference moved {Change(now.Value / before.Value)} from {year - 1} to {year} ({Text.Count(before.Value)} → {Text.Count(now.Value)} KZT per m²){units}" +
               (now.Note.Length > 0 ? $"; the national figure's note for {year}: {now.Note}" : "") + ".";
    }

    /// <summary>Where <paramref name="regions"/> stood against both references in the years <paramref name="from"/>–<paramref name="to"/> with prices: context.</summary>
    private static string EarlierPositions(WorkbenchData data, IReadOnlyList<Region> regions, int from, int to, HousingChoice choice)
    {
        var parts = regions.Select(r =>
        {
            var years = Enumerable.Range(from, Math.Max(0, to - from + 1))
                .Select(y => (Year: y, Share: HousingPercent(data, r.Key, y, choice, out _), Median: MedianUnit(data, y, choice).Median))
                .Where(x => x.Share is not null && x.Median is not null)
                .Select(x => $"{x.Year} {Text.Percent(x.Share!.Value.Percent)} of national, {Text.Percent(100 * x.Share.Value.Value.Value / x.Median!.Value)} of the median unit").ToList();
            return years.Count == 0 ? "" : $"{r.NameEn}: {string.Join("; ", years)}";
        }).Where(x => x.Length > 0).ToList();
        return parts.Count == 0 ? "" : $"Earlier years (context, not evidence): {string.Join(". ", parts)}.";
    }
}
