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
        var v = PaperClaims.Get("C7").Evaluate(Load(cities), new ClaimOptions());
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Astana city 2015", v.Evidence);
        Assert.Contains("missing: 2016–2022", v.Evidence);
    }

    [Fact]
    public void C8_agreeing_2015_2020_2021_2022_with_2016_to_2019_missing_is_not_testable_naming_them()
    {
        var values = Values(("turkestan", -5_000), ("zhambyl", -4_000));
        var v = PaperClaims.Get("C8").Evaluate(Load(Balances(2022, values), odFlows: OdYear(2015, values) + OdYear(2020, values) + OdYear(2021, values)), new ClaimOptions());
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("Agreeing years: 2015, 2020–2022", v.Evidence);
        Assert.Contains("missing: 2016–2019", v.Evidence);
        Assert.StartsWith("complete Jan–Dec interregional balances on these territories for 2016–2019", v.Missing);
    }

    [Fact]
    public void C6_a_positive_year_contradicts_with_the_others_missing()
    {
        var od = OdYear(2020, Values(("almaty-region", 50))) + OdYear(2015, Values(("almaty-region", -50)));
        var v = PaperClaims.Get("C6").Evaluate(Load(odFlows: od), new ClaimOptions());
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Agreeing years: 2015; against: 2020; missing: 2016–2019, 2021", v.Evidence);
    }

    [Fact]
    public void The_rule_in_words_gives_each_of_the_four_verdicts_a_meaning()
    {
        var rule = EveryYearRule.Words("the balance is negative");
        Assert.Contains("every year", rule.Reproduced);
        Assert.Contains("whatever years are missing", rule.Contradicted);
        Assert.StartsWith(VerdictRule.CannotOccur, rule.Inconclusive);
        Assert.Contains("missing", rule.NotTestable);
    }
}
