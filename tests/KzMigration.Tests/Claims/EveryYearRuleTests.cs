using KzMigration.Specification;
using KzMigration.Claims;
using KzMigration.Migration;
using static KzMigration.Tests.Claims.ClaimFixtures;

namespace KzMigration.Tests.Claims;

/// <summary>
/// The partial-coverage rule for «every year» / «steadily» claims over 2015–2022 (issue 12): a year against the claim
/// contradicts it whatever is missing; agreeing years with others missing keep it not testable, naming both. Each case on
/// the rule itself and on a claim with constructed data.
/// </summary>
public class EveryYearRuleTests
{
    private static YearCheck Y(int year, YearFinding f) => new(year, f, f == YearFinding.Missing ? "" : $"value {year}");

    private static ClaimVerdict Decide(params YearCheck[] years) => EveryYearRule.Decide(years, "basis", "balances of X", "", Flow.Interregional);

    [Fact]
    public void One_year_against_contradicts_whatever_is_missing()
    {
        var v = Decide(Y(2015, YearFinding.Contradicts), Y(2016, YearFinding.Missing), Y(2017, YearFinding.Missing), Y(2022, YearFinding.Agrees));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Against the claim in 2015", v.Evidence);
        Assert.Contains("missing: 2016–2017", v.Evidence);
        Assert.Null(v.Missing);
    }

    [Fact]
    public void Agreeing_years_with_others_missing_stay_not_testable_naming_both()
    {
        var v = Decide(Y(2015, YearFinding.Agrees), Y(2016, YearFinding.Missing), Y(2020, YearFinding.Agrees), Y(2021, YearFinding.Agrees));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("Agreeing years: 2015, 2020–2021", v.Evidence);
        Assert.Contains("missing: 2016", v.Evidence);
        Assert.Equal("balances of X for 2016 are not in the loaded data (import them with `kzmig data import`)", v.Missing);
        Assert.Equal("2015: value 2015; 2020: value 2020; 2021: value 2021", v.Found);
    }

    [Fact]
    public void Every_year_agreeing_reproduces()
    {
        Assert.Equal(ClaimOutcome.Reproduced, Decide(Y(2021, YearFinding.Agrees), Y(2022, YearFinding.Agrees)).Outcome);
        Assert.Equal(ClaimOutcome.NotTestable, Decide(Y(2021, YearFinding.Missing)).Outcome);
    }

    // The same three cases through claims, on constructed data.

    [Fact]
    public void C7_one_city_year_below_one_contradicts_although_2016_to_2019_are_missing()
    {
        var cities = Row("astana-city", 2015, "interregional", "balance", -1) + Row("almaty-city", 2015, "interregional", "balance", 5);
        var v = PaperClaims.Get("C7").Evaluate(Load(cities), StudySpecification.Paper);
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Astana city 2015", v.Evidence);
        Assert.Contains("missing: 2016–2022", v.Evidence);
    }

    [Fact]
    public void C8_agreeing_2015_2020_2021_2022_with_2016_to_2019_missing_is_not_testable_naming_them()
    {
        var values = Values(("turkestan", -5_000), ("zhambyl", -4_000));
        var v = PaperClaims.Get("C8").Evaluate(Load(Balances(2022, values), odFlows: OdYear(2015, values) + OdYear(2020, values) + OdYear(2021, values)), StudySpecification.Paper);
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("Agreeing years: 2015, 2020–2022", v.Evidence);
        Assert.Contains("missing: 2016–2019", v.Evidence);
        Assert.StartsWith("complete Jan–Dec interregional balances on these territories for 2016–2019", v.Missing);
    }

    [Fact]
    public void C6_a_positive_year_contradicts_with_the_others_missing()
    {
        var od = OdYear(2020, Values(("almaty-region", 50))) + OdYear(2015, Values(("almaty-region", -50)));
        var v = PaperClaims.Get("C6").Evaluate(Load(odFlows: od), StudySpecification.Paper);
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Agreeing years: 2015; against: 2020; missing: 2016–2019, 2021", v.Evidence);
    }

    // ---- A figure with a stated uncertainty (a value derived from a third-party compilation) ----

    [Theory]
    [InlineData(-700, 647, YearFinding.Agrees)]       // beyond the uncertainty, on the claimed side
    [InlineData(700, 647, YearFinding.Contradicts)]   // beyond it, against
    [InlineData(586, 647, YearFinding.Uncertain)]     // within it: cannot decide either way
    [InlineData(-300, 647, YearFinding.Uncertain)]    // within it on the claimed side: does not reproduce either
    [InlineData(647, 647, YearFinding.Uncertain)]     // on its edge: the distance must exceed the uncertainty
    [InlineData(648, 647, YearFinding.Contradicts)]
    [InlineData(1, 0, YearFinding.Contradicts)]       // an official exact figure decides at any distance
    [InlineData(0, 0, YearFinding.Contradicts)]       // 0 is not negative
    [InlineData(-1, 0, YearFinding.Agrees)]
    public void A_negative_sign_claim_is_decided_only_by_a_figure_beyond_its_uncertainty(double value, double uncertainty, YearFinding finding) =>
        Assert.Equal(finding, SignClaim.Negative.Judge(value, uncertainty));

    [Fact]
    public void Each_side_of_a_threshold_follows_the_same_rule_and_says_what_the_figure_would_have_to_be()
    {
        Assert.Equal(YearFinding.Agrees, SignClaim.NotNegative.Judge(0));
        Assert.Equal(YearFinding.Contradicts, SignClaim.Positive.Judge(0));
        Assert.Equal(YearFinding.Uncertain, SignClaim.NotNegative.Judge(-300, 647));
        Assert.Equal(YearFinding.Contradicts, SignClaim.NotNegative.Judge(-2_463, 647));
        Assert.Equal(YearFinding.Agrees, new SignClaim(ClaimedSide.AtOrAbove, 1).Judge(1.2, 0.1));
        Assert.Equal(YearFinding.Uncertain, new SignClaim(ClaimedSide.AtOrAbove, 1).Judge(0.95, 0.1));
        Assert.Equal("+586 lies within ±647 of 0, so it cannot decide «negative»: a figure below −647 would agree with the claim, one above +647 would go against it; " +
                     "an official figure decides at any distance", SignClaim.Negative.Needs(586, 647));
        Assert.Contains("a figure above +647 would agree with the claim, one below −647 would go against it", SignClaim.Positive.Needs(-300, 647));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignClaim.Negative.Judge(1, -1));
    }

    [Fact]
    public void An_uncertain_year_with_none_clearly_against_is_inconclusive_and_says_what_the_figure_would_have_to_be()
    {
        var uncertain = EveryYearRule.Check(2021, 586, 647, SignClaim.Negative, "+586 (derived)");
        Assert.Equal(YearFinding.Uncertain, uncertain.Finding);
        var v = Decide(Y(2015, YearFinding.Agrees), Y(2016, YearFinding.Missing), uncertain);
        Assert.Equal(ClaimOutcome.Inconclusive, v.Outcome);
        Assert.Contains("No year goes clearly against the claim, but in 2021", v.Evidence);
        Assert.Contains("Agreeing years: 2015; against: none; missing: 2016; uncertain: 2021.", v.Evidence);
        Assert.Contains("2021: +586 lies within ±647 of 0", v.Evidence);
        Assert.Contains("a figure below −647 would agree with the claim, one above +647 would go against it", v.Evidence);
        Assert.Contains("Missing years (2016) could still go against it", v.Evidence);
        Assert.Null(v.Missing);
        Assert.Equal(ClaimOutcome.Inconclusive, Decide(Y(2015, YearFinding.Agrees), uncertain).Outcome);
    }

    [Fact]
    public void A_year_clearly_against_contradicts_whatever_years_are_uncertain()
    {
        var v = Decide(EveryYearRule.Check(2015, 700, 647, SignClaim.Negative, "+700"), EveryYearRule.Check(2021, 586, 647, SignClaim.Negative, "+586"));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Against the claim in 2015", v.Evidence);
        Assert.Contains("uncertain: 2021", v.Evidence);
    }

    [Fact]
    public void A_year_combines_its_figures_one_against_then_one_uncertain_then_complete()
    {
        Assert.Equal(YearFinding.Contradicts, EveryYearRule.Of([YearFinding.Uncertain, YearFinding.Contradicts], complete: false));
        Assert.Equal(YearFinding.Uncertain, EveryYearRule.Of([YearFinding.Agrees, YearFinding.Uncertain], complete: true));
        Assert.Equal(YearFinding.Agrees, EveryYearRule.Of([YearFinding.Agrees, YearFinding.Agrees], complete: true));
        Assert.Equal(YearFinding.Missing, EveryYearRule.Of([YearFinding.Agrees], complete: false));
    }

    /// <summary>
    /// A 2023 origin–destination block and official 2023 balances of two of its cells that differ from the matrix by
    /// <paramref name="gap"/> (persons placed in Almaty region instead of Shymkent, as in the bundled compilation): the
    /// compilation's known discrepancy is <paramref name="gap"/>.
    /// </summary>
    private static (string Od, string Official) Checked2023(double gap) =>
        (OdYear(2023, Values(("almaty-region", -1_000), ("shymkent-city", 2_000))),
         Row("almaty-region", 2023, "interregional", "balance", -1_000 + gap) + Row("shymkent-city", 2023, "interregional", "balance", 2_000 - gap));

    [Fact]
    public void The_compilations_discrepancy_is_computed_from_the_cells_both_sources_give()
    {
        var (od, official) = Checked2023(647);
        var data = Load(official, odFlows: od + OdYear(2021, Values(("almaty-region", 586))));
        var d = ClaimEvidence.Discrepancy(data, data.FlowMatrices.Single(m => m.Year == 2021));
        Assert.True(d.Checked);
        Assert.Equal(647, d.Largest);
        Assert.Equal(2, d.Cells.Count);
        Assert.Contains("±647: the largest difference between the interregional balances derived from", d.Describe());
        Assert.Contains("Almaty region 2023: −1,000 derived, −353 official", d.Describe());
        // Every balance derived from the compilation carries it; an official figure carries none.
        var table = BoundaryLayout.PaperNames.Balances(data, Flow.Interregional, 2021);
        Assert.Equal(647, table.Values.Single(v => v.Region.Key == "almaty-region").Uncertainty);
        var t2023 = BoundaryLayout.PaperNames.Balances(data, Flow.Interregional, 2023);
        Assert.Equal(0, t2023.Values.Single(v => v.Region.Key == "almaty-region").Uncertainty);
        Assert.Equal(647, t2023.Values.Single(v => v.Region.Key == "akmola").Uncertainty); // derived from the 2023 matrix: no official figure
        // Without an official figure for any cell the compilation is unchecked: its figures are read as they stand, and that is said.
        var unchecked_ = Load(odFlows: OdYear(2021, Values(("almaty-region", 586))));
        var u = ClaimEvidence.Discrepancy(unchecked_, unchecked_.FlowMatrices.Single());
        Assert.False(u.Checked);
        Assert.Equal(0, u.Largest);
        Assert.Contains("no official figure for the same cells", u.Describe());
    }

    [Fact]
    public void C6_a_derived_positive_year_within_the_compilations_discrepancy_is_inconclusive_beyond_it_contradicts()
    {
        var (od, official) = Checked2023(647);
        var earlier = OdYear(2015, Values(("almaty-region", -5_000))) + OdYear(2020, Values(("almaty-region", -5_000)));
        var within = PaperClaims.Get("C6").Evaluate(Load(official, odFlows: od + earlier + OdYear(2021, Values(("almaty-region", 586)))), StudySpecification.Paper);
        Assert.Equal(ClaimOutcome.Inconclusive, within.Outcome);
        Assert.Contains("2021: +586 lies within ±647 of 0", within.Evidence);
        Assert.Contains("Agreeing years: 2015, 2020; against: none; missing: 2016–2019; uncertain: 2021.", within.Evidence);
        Assert.Contains("±647: the largest difference", within.Evidence);
        var beyond = PaperClaims.Get("C6").Evaluate(Load(official, odFlows: od + earlier + OdYear(2021, Values(("almaty-region", 700)))), StudySpecification.Paper);
        Assert.Equal(ClaimOutcome.Contradicted, beyond.Outcome);
        Assert.Contains("Against the claim in 2021", beyond.Evidence);
        // A smaller discrepancy makes +586 decisive.
        var (od2, official2) = Checked2023(500);
        Assert.Equal(ClaimOutcome.Contradicted,
            PaperClaims.Get("C6").Evaluate(Load(official2, odFlows: od2 + earlier + OdYear(2021, Values(("almaty-region", 586)))), StudySpecification.Paper).Outcome);
    }

    [Fact]
    public void C7_a_city_year_below_zero_contradicts_only_beyond_the_compilations_discrepancy()
    {
        var (od, official) = Checked2023(647);
        // OdYear gives Astana minus the sum of the others' balances.
        var beyond = PaperClaims.Get("C7").Evaluate(Load(official, odFlows: od + OdYear(2015, Values(("akmola", 2_463)))), StudySpecification.Paper);
        Assert.Equal(ClaimOutcome.Contradicted, beyond.Outcome);
        Assert.Contains("K < 1: Astana city 2015 (−2,463, beyond the uncertainty ±647)", beyond.Evidence);
        var within = PaperClaims.Get("C7").Evaluate(Load(official, odFlows: od + OdYear(2015, Values(("akmola", 300)))), StudySpecification.Paper);
        Assert.Equal(ClaimOutcome.Inconclusive, within.Outcome);
        Assert.Contains("Astana city −300 lies within ±647 of 0", within.Evidence);
    }

    /// <summary>
    /// The same rule wherever a single derived figure decides a sign: C5 and C11 read for a year whose balances come from the
    /// compilation (the analysed period ending in 2021, a what-if). Within the discrepancy → inconclusive; beyond → decided.
    /// </summary>
    [Fact]
    public void Single_year_sign_claims_read_on_derived_figures_follow_the_same_rule()
    {
        var (od, official) = Checked2023(647);
        var options = SpecificationParser.Parse("migration.years=2015-2021");
        var oblasts = TestData.Data.Regions.UnitsInYear(2022).Where(r => r.Kind == KzMigration.Regions.RegionKind.Oblast).Select(r => r.Key).ToList();
        Dictionary<string, double> Year(double almatyRegion, double others) =>
            oblasts.ToDictionary(k => k, k => k == "almaty-region" ? almatyRegion : others);

        var within = Load(official, odFlows: od + OdYear(2021, Year(300, -1_000)));
        var c5 = PaperClaims.Get("C5").Evaluate(within, options);
        Assert.Equal(ClaimOutcome.Inconclusive, c5.Outcome);
        Assert.Contains("Almaty region +300 lies within the uncertainty", c5.Evidence);
        Assert.Contains("+300 lies within ±647 of 0, so it cannot decide «positive»", c5.Evidence);
        Assert.Equal(ClaimOutcome.Reproduced, PaperClaims.Get("C5").Evaluate(Load(official, odFlows: od + OdYear(2021, Year(5_000, -1_000))), options).Outcome);
        Assert.Equal(ClaimOutcome.Contradicted, PaperClaims.Get("C5").Evaluate(Load(official, odFlows: od + OdYear(2021, Year(-5_000, -1_000))), options).Outcome);

        var c11 = PaperClaims.Get("C11").Evaluate(Load(official, odFlows: od + OdYear(2021, Values(("turkestan", -5_000), ("zhambyl", -5_000), ("kyzylorda", -5_000), ("karaganda", -5_000), ("kostanay", -200)))), options);
        Assert.Equal(ClaimOutcome.Inconclusive, c11.Outcome);
        Assert.Contains("Kostanay: −200 lies within ±647 of 0", c11.Evidence);
    }

    [Fact]
    public void The_rule_in_words_gives_each_of_the_four_verdicts_a_meaning()
    {
        var rule = EveryYearRule.Words("the balance is negative");
        Assert.Contains("every year", rule.Reproduced);
        Assert.Contains("whatever years are missing", rule.Contradicted);
        Assert.Contains("within its uncertainty", rule.Inconclusive);
        Assert.Contains("missing", rule.NotTestable);
    }
}
