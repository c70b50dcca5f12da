using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using static KzMigration.Claims.ClaimVerdict;

namespace KzMigration.Claims;

// Figure 1 of the paper (interregional migration balance by region; Results, text after Figure 1): claim C2, stated and
// judged. The study steps that redraw the figure are in Study/Figure1 (BalanceTables, MigrationSeries); notebook 02.
public static partial class PaperClaims
{
    /// <summary>The claims read on Figure 1 (C2), in the order of the paper, stated in the words of <see cref="Under"/>'s options.</summary>
    private static IEnumerable<Claim> Figure1Claims(int last, string period) =>
    [
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
    ];

    /// <summary>
    /// C2 (Results, Figure 1). Read for the last year of the period on the paper's layout; the half-years 2019 and 2020 and
    /// the earlier years with complete figures (the statement read as a trend) are context. A figure derived from a
    /// compilation decides only beyond its uncertainty (<see cref="SignClaim"/>).
    /// </summary>
    private static ClaimVerdict MainInflowToCities(WorkbenchData data, StudySpecification o)
    {
        var table = Paper.Balances(data, Flow.Interregional, o.Migration.LastYear);
        var basis = LayoutBasis(table, Paper) + "; a present-tense statement, read for the last year of the period";
        if (!table.Complete || Cities.Any(c => table[c] is null))
            return NotTestable(MissingBalances(table), "—", basis, "", Flow.Interregional);
        var reading = CitiesLeadOthersNegative(table);
        var trend = Enumerable.Range(o.Migration.FirstYear, Math.Max(0, o.Migration.LastYear - o.Migration.FirstYear))
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
        var context = string.Join(" ", new[] { 2019, 2020 }.Where(y => y >= o.Migration.FirstYear && y <= o.Migration.LastYear)
            .Select(y => BoundaryLayout.OwnBoundaries.Balances(data, Flow.Interregional, y, Period.JanJun))
            .Where(t => t.Complete && Cities.All(c => t[c] is not null))
            .Select(t => $"Context, Jan–Jun {t.Year} on its own boundaries (half-year, not evidence): {CitiesLeadOthersNegative(t).Found}.")
            .Prepend(OtherLayouts(data, Paper, Flow.Interregional, o.Migration.LastYear, t => CitiesLeadOthersNegative(t).Found))
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
}
