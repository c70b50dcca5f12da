using KzMigration.Cli;
using KzMigration.Cli.Commands;
using KzMigration.Notebooks;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Tests.Hardening;

namespace KzMigration.Tests.Specification;

/// <summary>
/// The runner's contract for <c>kzmig run --param</c>: a specification field (by path or short name, or a whole
/// <c>specification=</c> text) folds into the run's specification through the parser; a notebook declaring
/// <c>specification</c> receives the whole text (papermill's convention); other names must be the notebook's; anything
/// else is refused before anything runs, naming the closest name.
/// </summary>
public class RunnerContractTests
{
    private static IReadOnlyList<string> DeclaredBy(string notebook) =>
        NotebookParameters.DeclaredNames(NotebookDocument.Load(Path.Combine(TestPaths.Notebooks, notebook)).ParametersCell!.Source);

    [Fact]
    public void Specification_names_fold_into_the_runs_specification_and_a_declared_specification_parameter_gets_the_whole_text()
    {
        var run = NotebookParameters.ForRun("x.ipynb", ["specification", "language", "whatIfRegion"],
            ["reference=median", "scoring.thresholds=75,95,105,140", "lag=no", "draws=64", "language=ru", "whatIfRegion=atyrau"]);
        Assert.Equal(ReferenceKind.Median, run.Specification.Scoring.Reference);
        Assert.Equal([75.0, 95, 105, 140], run.Specification.Scoring.Bands.Thresholds.ToArray());
        Assert.False(run.Specification.Estimation.Lag);
        Assert.Equal(64, run.Specification.Sensitivity.Draws);
        Assert.Equal(["language", "specification", "whatIfRegion"], run.Notebook.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ru", run.Notebook["language"]);
        // papermill -p specification "…" with the injected text computes the same, from any baseline the notebook starts from.
        Assert.Equal(SpecificationFormatter.Format(run.Specification), run.Notebook["specification"]);
        Assert.Equal(run.Specification, SpecificationParser.Parse(run.Notebook["specification"]));
        Assert.Equal(run.Specification, SpecificationParser.Parse(run.Notebook["specification"], StudySpecification.Paper with { Scoring = ScoringSpec.Paper with { Reference = ReferenceKind.UnweightedMeanOfRegions } }));
        // The record shows the parameters as given.
        Assert.Equal(6, run.Given.Count);
        Assert.Equal("75,95,105,140", run.Given["scoring.thresholds"]);
    }

    [Fact]
    public void A_notebook_gets_only_what_it_declares_and_the_specification_text_only_when_one_was_given()
    {
        var folded = NotebookParameters.ForRun("x.ipynb", ["language"], ["flow=internal"]);
        Assert.Equal(KzMigration.Migration.Flow.Internal, folded.Specification.Migration.CoefficientFlow);
        Assert.Empty(folded.Notebook);

        var plain = NotebookParameters.ForRun("x.ipynb", ["specification", "language"], ["language=kk"]);
        Assert.Equal(StudySpecification.Paper, plain.Specification);
        Assert.Equal(["language"], plain.Notebook.Keys);

        // A parameter the notebook declares that is also a field's short name: folded, and the notebook gets its value too.
        var both = NotebookParameters.ForRun("04.ipynb", ["reference", "thresholds"], ["reference=median"]);
        Assert.Equal(ReferenceKind.Median, both.Specification.Scoring.Reference);
        Assert.Equal("median", both.Notebook["reference"]);

        // A blank value keeps the paper's choice.
        var blank = NotebookParameters.ForRun("05.ipynb", ["reference"], ["reference="]);
        Assert.Equal(StudySpecification.Paper, blank.Specification);
        Assert.Equal("", blank.Notebook["reference"]);

        // The whole text and single fields together.
        var mixed = NotebookParameters.ForRun("06.ipynb", ["specification"], ["specification=lag=no; units=stable", "flow=internal"]);
        Assert.Equal("migration.flow=internal; estimation.lag=no; estimation.units=stable", SpecificationFormatter.FormatChangesFromPaper(mixed.Specification));
    }

    [Theory]
    [InlineData(new[] { "colr=1" }, "unknown parameter 'colr'", "the notebook's parameter 'color'")]
    [InlineData(new[] { "thresholdz=70" }, "unknown parameter 'thresholdz'", "'thresholds' (scoring.thresholds)")]
    [InlineData(new[] { "years=2016-2022" }, "--param years", "estimation.years")]
    [InlineData(new[] { "replications=1000000000" }, "--param replications (estimation.replications): '1000000000' is out of bounds", "from 99 to 1000000")]
    [InlineData(new[] { "specification=replications=1000000000" }, "--param specification: replications (estimation.replications)", "from 99 to 1000000")]
    [InlineData(new[] { "specification=lag=maybe" }, "--param specification: lag (estimation.lag): 'maybe'", "yes or no")]
    [InlineData(new[] { "reference=median", "specification=reference=mean" }, "given twice", "reference")]
    [InlineData(new[] { "reference=median", "reference=mean" }, "given twice", "reference")]
    [InlineData(new[] { "weights=webb" }, "weights (scoring.weights)", "estimation.weights=webb")]
    [InlineData(new[] { "noequals" }, "expected name=value", "noequals")]
    public void Refusals_name_the_parameter_and_what_to_write(string[] assignments, string expected, string alsoExpected)
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookParameters.ForRun("x.ipynb", ["color", "language", "specification"], assignments));
        Assert.Contains(expected, e.Message);
        Assert.Contains(alsoExpected, e.Message);
    }

    [Fact]
    public async Task Run_refuses_an_out_of_bounds_field_at_once_with_exit_2()
    {
        var folder = TestPaths.TempFolder("contract-bounds");
        var notebook = Path.Combine(folder, "p.dib");
        File.WriteAllText(notebook, "#!csharp\n\n// parameters\nstring specification = \"\";\n\n#!csharp\n\nthrow new Exception(\"ran\");\n");
        var outDir = Path.Combine(folder, "out");
        var run = await KzmigProcess.RunAsync(folder, new Dictionary<string, string?>(), "run", notebook, "--param", "specification=replications=1000000000", "--out", outDir, "--images", "none");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("estimation.replications", run.Error);
        Assert.Contains("'1000000000' is out of bounds; expected a whole number from 99 to 1000000", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
        Assert.False(Directory.Exists(Path.Combine(outDir, "notebooks")));
    }

    [Fact]
    public void Kzmig_spec_lists_every_field_with_its_values_and_default_and_checks_a_text()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(ExitCodes.Success, SpecCommand.Run(null, output, error));
        var listing = output.ToString();
        foreach (var field in SpecificationFields.All)
        {
            Assert.Contains(field.Path, listing);
            Assert.Contains("values: " + field.Values, listing);
        }
        Assert.Contains("default: 70,95,105,150", listing);
        Assert.Contains("scoring.programme_prices  (programme_prices, programmePrices)", listing);

        output = new StringWriter();
        Assert.Equal(ExitCodes.Success, SpecCommand.Run("reference=median; lag=no", output, error));
        Assert.Contains("changed from the paper's: scoring.reference=median; estimation.lag=no", output.ToString());
        Assert.Contains("estimation.replications=999", output.ToString());

        Assert.Equal(ExitCodes.InvalidInput, SpecCommand.Run("replications=1000000000", new StringWriter(), error));
        Assert.Contains("from 99 to 1000000", error.ToString());
    }

    [Fact]
    public void The_notebooks_that_read_a_scenario_declare_what_the_explorer_and_the_readme_give_them()
    {
        // The explorer's printed command line runs notebook 05 with its page parameters (ScenarioText.CommandParams).
        Assert.Superset(new HashSet<string> { "year", "edits", "language" }, DeclaredBy("05-what-if-and-sensitivity.ipynb").ToHashSet());
        // The README's what-if lines run: every name is a specification field or the notebook's own.
        foreach (var (notebook, assignments) in new (string, string[])[]
        {
            ("05-what-if-and-sensitivity.ipynb", ["edits=turkestan:avg_monthly_wage*1.2", "reference=median", "invert=unemployment_rate"]),
            ("04-figure-3-socioeconomic-scoring.ipynb", ["thresholds=75,95,105,140", "housing=new", "programme_prices=included"]),
            ("03-figure-2-attractiveness.ipynb", ["flow=internal"]),
            ("06-economic-factors-estimated.ipynb", ["specification=lag=no; units=stable; gravity_cluster=origin-destination"]),
        })
            _ = NotebookParameters.ForRun(notebook, DeclaredBy(notebook), assignments);
    }
}
