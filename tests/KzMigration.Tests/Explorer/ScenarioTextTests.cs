using System.Collections.Immutable;
using KzMigration.Cli;
using KzMigration.Explorer.Model;
using KzMigration.Migration;
using KzMigration.Notebooks;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Tests.Hardening;
using KzMigration.Tests.Specification;
using KzMigration.Data;
using KzMigration.Runs;

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
        // The command line a teacher copies is the same items again, quoted for POSIX shells.
        Assert.Contains("--param 'reference=median'", ScenarioText.CommandLine(fromLink));
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

    // A random scenario: every field of the specification drawn from its domain (draws within what a browser runs), and the page's state.
    private static Scenario RandomScenario(Random r)
    {
        var spec = StudySpecificationTests.RandomSpecification(r);
        spec = spec with { Sensitivity = spec.Sensitivity with { Draws = r.Next(1, Scenario.MaxDraws + 1) } };
        ImmutableArray<ValueEdit> edits = r.Next(2) == 0 ? [] : [.. SpecificationParser.ParseEdits("turkestan:avg_monthly_wage*1.2; atyrau:grp_per_capita@2021+5%")];
        var own = r.Next(2) == 0;
        return new Scenario
        {
            Specification = spec,
            EachYearOwnBoundaries = own,
            Edits = edits,
            Year = r.Next(2010, 2025),
            Language = new[] { "en", "ru", "kk" }[r.Next(3)],
            View = Enum.GetValues<ExplorerView>()[r.Next(3)],
        };
    }

    [Fact]
    public void A_link_carries_every_field_of_the_specification_and_reads_back_the_same_scenario()
    {
        // The query string is made from the specification's one table of fields: any scenario, any field, round-trips.
        var r = new Random(20261205);
        for (var n = 0; n < 300; n++)
        {
            var scenario = RandomScenario(r);
            var query = ScenarioText.Format(scenario);
            var back = ScenarioText.Parse(query);
            Assert.True(scenario.Equals(back), $"draw {n}: {query}");
            Assert.Equal(SpecificationFormatter.Format(scenario.Specification), SpecificationFormatter.Format(back.Specification));
            Assert.Equal(query, ScenarioText.Format(back));
        }
        // Each field alone, by its --param name.
        var other = StudySpecificationTests.RandomSpecification(new Random(3));
        foreach (var field in SpecificationFields.All.Where(f => f.Group is null && f != SpecificationFields.SensitivityDraws))
        {
            var scenario = ScenarioText.Parse(field.ShortName + "=" + Uri.EscapeDataString(field.Format(other)));
            Assert.Equal(field.Format(other), field.Format(scenario.Specification));
        }
    }

    [Fact]
    public void The_explorer_keeps_its_own_bounds_and_a_shared_name_is_refused_as_the_command_line_refuses_it()
    {
        Assert.Contains("1 to 100000", Assert.Throws<FormatException>(() => ScenarioText.Parse("draws=100001")).Message);
        Assert.Contains("from 1 to 10000000", Assert.Throws<FormatException>(() => ScenarioText.Parse("draws=10000001")).Message);
        Assert.Contains("estimation.years", Assert.Throws<FormatException>(() => ScenarioText.Parse("years=2019")).Message);
        Assert.Contains("'thresholds'", Assert.Throws<FormatException>(() => ScenarioText.Parse("treshold=70")).Message);
        Assert.Contains("out of bounds", Assert.Throws<FormatException>(() => ScenarioText.Parse("replications=1000000000")).Message);
        Assert.Contains("give one", Assert.Throws<FormatException>(() => ScenarioText.Parse("era=2015&boundaries=2022")).Message);
        // era=ID is the specification's boundaries, shown on one era; boundaries alone keeps each year on its own.
        var era = ScenarioText.Parse("era=2015");
        Assert.False(era.EachYearOwnBoundaries);
        Assert.Equal(BoundaryEra.Era2015, era.Specification.Migration.Boundaries);
        var boundaries = ScenarioText.Parse("boundaries=2015");
        Assert.True(boundaries.EachYearOwnBoundaries);
        Assert.Equal(BoundaryEra.Era2015, boundaries.Specification.Migration.Boundaries);
        Assert.Equal("boundaries=2015", ScenarioText.Format(boundaries));
        Assert.Equal(ScenarioText.WithEra(Scenario.Paper, "2015"), era);
    }

    [Fact]
    public void The_printed_command_line_gives_kzmig_run_the_scenarios_specification_and_only_what_it_takes()
    {
        var notebook = NotebookDocument.Load(Path.Combine(TestPaths.RepositoryRoot, ScenarioText.CommandNotebook));
        var declared = NotebookParameters.DeclaredNames(notebook.ParametersCell!.Source);
        var r = new Random(20261206);
        for (var n = 0; n < 100; n++)
        {
            var scenario = RandomScenario(r);
            var run = NotebookParameters.ForRun(notebook.Name, declared, ScenarioText.CommandParams(scenario));
            Assert.Equal(SpecificationFormatter.Format(scenario.Specification), SpecificationFormatter.Format(run.Specification));
            Assert.Equal(scenario.Edits.Count(), SpecificationParser.ParseEdits(run.Notebook["edits"]).Count);
            Assert.DoesNotContain(ScenarioText.CommandParams(scenario), p => p.StartsWith("view=", StringComparison.Ordinal) || p.StartsWith("era=", StringComparison.Ordinal));
        }
        // The paper's scenario: the explorer's lighter Monte Carlo, and no edit (the notebook's own example is not the explorer's).
        Assert.Equal("kzmig run notebooks/05-what-if-and-sensitivity.ipynb --param 'draws=200' --param 'edits='", ScenarioText.CommandLine(Scenario.Paper));
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(touch x) `id` \"q\" \\ ;&|", "'$(touch x) `id` \"q\" \\ ;&|'")]
    [InlineData("", "''")]
    public void Words_are_quoted_for_posix_shells(string word, string quoted) => Assert.Equal(quoted, ScenarioText.ShellQuoted(word));

    [Fact]
    public async Task The_printed_command_line_runs_in_a_shell_and_a_hostile_label_is_only_a_label()
    {
        var folder = TestPaths.TempFolder("explorer-command");
        // A shared link whose labels are commands, as a teacher would receive it.
        string[] labels = ["$(touch pwned1)", "`touch pwned2`", "it's", "a\"b$HOME", "x' && touch pwned3 && echo '"];
        var link = "thresholds=70,95,105,150&labels=" + Uri.EscapeDataString(string.Join(",", labels)) + "&reference=median&weights=grp_per_capita=2&year=2021";
        var scenario = ScenarioText.Parse(link);
        Assert.Equal(labels, scenario.Spec.Bands.Bands.Select(b => b.Label));
        var line = ScenarioText.CommandLine(scenario);
        var prefix = $"kzmig run {ScenarioText.CommandNotebook}";
        Assert.StartsWith(prefix, line);

        // The same arguments to the real kzmig, on a small notebook that declares what notebook 05 declares for the page.
        var notebook = Path.Combine(folder, "scenario.dib");
        File.WriteAllText(notebook, """
            #!csharp

            // parameters
            int year = 2022;
            string edits = "turkestan:avg_monthly_wage*1.2";
            string language = "en";
            string specification = "";

            #!csharp

            var run = KzMigration.Runs.RunContext.Current;
            if (!run.Specification.Equals(KzMigration.Specification.SpecificationParser.Parse(specification))) throw new Exception("the injected text is not the run's");
            Console.WriteLine($"year={year}; edits=[{edits}]; labels={string.Join("|", run.Specification.Scoring.Bands.Bands.Select(b => b.Label))}");
            """);
        var outDir = Path.Combine(folder, "out");
        static string Q(string s) => ScenarioText.ShellQuoted(s);
        var command = $"dotnet {Q(KzmigProcess.Dll)} run {Q(notebook)} --out {Q(outDir)} --data {Q(TestPaths.Data)} --images none" + line[prefix.Length..];
        var shell = new System.Diagnostics.ProcessStartInfo("/bin/sh") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add(command);
        shell.Environment.Remove("KZMIG_DATA");
        shell.Environment.Remove("KZMIG_OUT");
        using var process = System.Diagnostics.Process.Start(shell)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}\n{await output}\n{command}");
        Assert.Empty(Directory.EnumerateFiles(folder, "pwned*", SearchOption.AllDirectories));
        var printed = string.Concat(Kernel.NotebookOutputs.Read(Path.Combine(outDir, "notebooks", "scenario.ipynb")).SelectMany(c => c.Outputs));
        Assert.Contains("year=2021; edits=[]; labels=" + string.Join("|", labels), printed);
    }
}
