using KzMigration.Explorer.Model;
using KzMigration.Migration;
using KzMigration.Scoring;
using KzMigration.Specification;

namespace KzMigration.Tests.Explorer;

/// <summary>The explorer's scenario links: the --param grammar both ways, and bad input named, never swallowed.</summary>
public class ScenarioTextTests
{
    [Fact]
    public void The_papers_scenario_is_the_empty_query()
    {
        Assert.Equal("", ScenarioText.Format(Scenario.Paper));
        Assert.Equal(Scenario.Paper, ScenarioText.Parse(""));
        Assert.Equal(Scenario.Paper, ScenarioText.Parse("?"));
    }

    [Theory]
    [InlineData("thresholds=75,95,105,140")]
    [InlineData("invert=unemployment_rate")]
    [InlineData("reference=median&boundary=rounded")]
    [InlineData("edits=turkestan:avg_monthly_wage*1.2")]
    [InlineData("points=-3,-1,0,1,3&aggregation=weighted_mean&weights=grp_per_capita=2")]
    [InlineData("housing=new&programme_prices=included")]
    [InlineData("view=flows&year=2021&flow=internal&era=2018")]
    [InlineData("view=claims&flow=all&language=kk&draws=50&seed=7")]
    [InlineData("indicators=grp_per_capita,income_per_capita,unemployment_rate")]
    public void A_query_round_trips_through_the_scenario(string query)
    {
        var scenario = ScenarioText.Parse(query);
        Assert.NotEqual(Scenario.Paper, scenario);
        var text = ScenarioText.Format(scenario);
        Assert.Equal(scenario, ScenarioText.Parse(text));
        Assert.Equal(text, ScenarioText.Format(ScenarioText.Parse(text)));
    }

    [Fact]
    public void The_link_and_the_command_line_items_give_the_same_scenario()
    {
        var fromLink = ScenarioText.Parse("?reference=median&invert=unemployment_rate&edits=" + Uri.EscapeDataString("turkestan:avg_monthly_wage+20%") + "&flow=internal");
        var fromParams = ScenarioText.FromParams(["reference=median", "invert=unemployment_rate", "edits=turkestan:avg_monthly_wage*1.2", "flow=internal"]);
        Assert.Equal(fromParams, fromLink);
        Assert.Equal(ReferenceKind.Median, fromLink.Spec.Reference);
        Assert.Equal(Polarity.LowerIsBetter, fromLink.Spec.PolarityOf("unemployment_rate"));
        Assert.Equal(Flow.Internal, fromLink.Flow);
        var edit = Assert.Single(fromLink.Edits);
        Assert.Equal(1.2, edit.Amount, 12);
        // The command line a teacher copies is the same items again.
        Assert.Contains("--param \"reference=median\"", ScenarioText.CommandLine(fromLink));
        Assert.Equal(fromLink, ScenarioText.FromParams(ScenarioText.Params(fromLink).Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Fact]
    public void A_pasted_plus_stays_a_plus_and_the_notebooks_spelling_is_accepted()
    {
        var scenario = ScenarioText.Parse("edits=turkestan:avg_monthly_wage+20%&programmePrices=included");
        Assert.Equal(1.2, Assert.Single(scenario.Edits).Amount, 12);
        Assert.True(scenario.Spec.Housing.IncludesProgrammePrices);
    }

    [Theory]
    [InlineData("thresholds=abc", "thresholds")]
    [InlineData("thresholds=70,60,105,150", "thresholds")]
    [InlineData("reference=average", "reference")]
    [InlineData("flow=sideways", "flow")]
    [InlineData("era=1999", "era")]
    [InlineData("year=twenty", "year")]
    [InlineData("language=fr", "language")]
    [InlineData("colour=red", "colour")]
    [InlineData("edits=turkestan", "edits")]
    [InlineData("reference=median&reference=mean", "reference")]
    public void Bad_input_is_a_format_error_naming_the_parameter(string query, string named)
    {
        var e = Assert.Throws<FormatException>(() => ScenarioText.Parse(query));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void A_scenario_holds_the_studys_specification_with_the_parsers_names()
    {
        var scenario = ScenarioText.Parse("reference=median&flow=internal&era=2015&draws=50&seed=7&year=2021");
        var expected = SpecificationParser.Parse("scoring.reference=median; migration.flow=internal; migration.boundaries=2015; sensitivity.draws=50; sensitivity.seed=7");
        Assert.Equal(SpecificationFormatter.Format(expected), SpecificationFormatter.Format(scenario.Specification));
        Assert.False(scenario.EachYearOwnBoundaries);
        Assert.Equal(2021, scenario.Year); // the year shown: the page's, not the specification's
        // The paper's scenario is the paper's study, with the explorer's lighter Monte Carlo.
        Assert.Equal(SpecificationFormatter.Format(StudySpecification.Paper with { Sensitivity = StudySpecification.Paper.Sensitivity with { Draws = Scenario.DefaultDraws } }),
            SpecificationFormatter.Format(Scenario.Paper.Specification));
        Assert.All(ScenarioText.ScoringNames, n => Assert.Contains("scoring." + n, SpecificationParser.Paths));
    }
}
