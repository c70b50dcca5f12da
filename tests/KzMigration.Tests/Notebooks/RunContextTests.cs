using System.Text.Json;
using KzMigration.Cli;
using KzMigration.Cli.Commands;
using KzMigration.Notebooks;
using KzMigration.Publishing;
using KzMigration.Specification;
using KzMigration.Runs;

namespace KzMigration.Tests.Notebooks;

/// <summary>
/// The run context: the command line hands a notebook its data, output folder, language and specification
/// explicitly (no environment variables), the data are loaded once per run, and a notebook opened elsewhere
/// gets the defaults. (In the notebooks collection: the runner's current directory, console capture and formatters are
/// process-wide; the context is the run's, <see cref="RunContextScopeTests"/>.)
/// </summary>
[Collection(NotebookCollection.Name)]
public class RunContextTests
{
    [Fact]
    public void UseFolders_sets_the_context_that_loaders_and_Publish_follow()
    {
        var output = TestPaths.TempFolder("use-folders");
        using (RunContext.Enter(BundleOnly.Context)) // UseFolders chooses this test's folders only
        {
            Workbench.UseFolders(data: TestPaths.Data, output: output);
            Assert.True(RunContext.IsSet);
            Assert.Equal(output, Workbench.OutDirectory);
            Assert.Equal(TestPaths.Data, RunContext.Current.DataDirectory);
            Assert.Same(RunContext.Current.Data, RunContext.Current.Data); // loaded once for the session
            Assert.Throws<DirectoryNotFoundException>(() => Workbench.UseFolders(data: Path.Combine(output, "no-such-folder")));
        }
        Assert.NotEqual(output, Workbench.OutDirectory);
        var defaults = new RunContext(new RunOptions());
        Assert.Equal("en", defaults.Language);
        Assert.Equal(StudySpecification.Paper, defaults.Specification);
    }

    [Fact]
    public void With_no_context_the_folders_are_the_repository_s_whatever_the_environment_says()
    {
        // The test process names the bundle copy in KZMIG_DATA (for kzmig); the library's defaults ignore it.
        Assert.Equal(Path.GetFullPath(TestPaths.Data), Path.GetFullPath(Environment.GetEnvironmentVariable(CommonOptions.DataVariable)!));
        var previous = Environment.GetEnvironmentVariable(CommonOptions.OutVariable); // read by the kernel command alone
        try
        {
            Environment.SetEnvironmentVariable(CommonOptions.OutVariable, TestPaths.TempFolder("bogus-out"));
            var defaults = new RunContext(new RunOptions());
            Assert.Equal(Path.GetFullPath(TestPaths.RepositoryData), defaults.DataDirectory);
            Assert.Equal(Path.Combine(TestPaths.RepositoryRoot, "out"), defaults.OutDirectory);
            Assert.Equal(defaults.DataDirectory, Workbench.DefaultDataDirectory);
        }
        finally { Environment.SetEnvironmentVariable(CommonOptions.OutVariable, previous); }
    }

    [Fact]
    public void The_library_reads_no_folder_from_the_environment()
    {
        // The command line and the kernel are the edges that read KZMIG_DATA / KZMIG_OUT; the library has the context
        // (and reads no environment variable at all).
        var library = Path.Combine(TestPaths.RepositoryRoot, "lib", "KzMigration");
        var readers = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("GetEnvironmentVariable", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(library, f)).ToList();
        Assert.Empty(readers);
    }

    [Fact]
    public void The_notebooks_of_a_run_share_one_loaded_copy_of_the_data()
    {
        var options = new RunOptions(TestPaths.Data, TestPaths.TempFolder("ctx-out"), "ru", SpecificationParser.Parse("estimation.lag=no"));
        var first = new RunContext(options);
        Assert.False(first.DataLoaded);
        var data = first.Data;
        var second = first.Next(options);
        Assert.True(second.DataLoaded);
        Assert.Same(data, second.Data);
        Assert.Empty(second.Published);
        Assert.Equal("ru", second.Language);
        Assert.False(second.Specification.Estimation.Lag);
        var elsewhere = first.Next(options with { DataDirectory = TestPaths.TempFolder("other-data") });
        Assert.False(elsewhere.DataLoaded);
    }

    [Fact]
    public void The_run_options_cross_to_the_worker_in_its_request()
    {
        var options = new RunOptions("/data", "/out/.kzmig-run-x", "kk",
            SpecificationParser.Parse("flow=internal; scoring.thresholds=75,95,105,140; estimation.lag=no; sensitivity.draws=64"));
        var request = WorkerRequest.For("n.ipynb", new NotebookRunOptions { Run = options });
        var back = JsonSerializer.Deserialize<WorkerRequest>(JsonSerializer.Serialize(request, NotebookWorker.Json), NotebookWorker.Json)!;
        var run = back.ToOptions(_ => { }).Run!;
        Assert.Equal(options, run);
        Assert.Equal(SpecificationFormatter.Format(options.Specification), SpecificationFormatter.Format(run.Specification));
    }

    [Theory]
    [InlineData("lag=no; units=stable", "estimation.lag=no; estimation.units=stable")] // notebook 06's names, as the README shows
    [InlineData("estimation.years=2016-2022", "estimation.years=2016-2022")]
    [InlineData("flow=internal", "migration.flow=internal")]
    [InlineData("scoring.reference=median; estimation.lag=no", "scoring.reference=median; estimation.lag=no")]
    [InlineData("", "")]
    public void The_command_line_reads_the_specification_parameter_into_the_record(string text, string recorded) =>
        Assert.Equal(recorded, SpecificationFormatter.FormatChangesFromPaper(NotebookParameters.ForRun("n", ["specification"], ["specification=" + text]).Specification));

    [Fact]
    public async Task A_malformed_specification_parameter_is_invalid_input_naming_it()
    {
        var folder = TestPaths.TempFolder("ctx-bad-spec");
        var notebook = Path.Combine(folder, "p.dib");
        File.WriteAllText(notebook, "#!csharp\n\n// parameters\nstring specification = \"\";\n");
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int exit;
        try { exit = await Cli.Cli.InvokeAsync(["run", notebook, "--param", "specification=lag=maybe", "--out", Path.Combine(folder, "out")]); }
        finally { Console.SetError(previous); }
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--param specification", error.ToString());
        Assert.Contains("lag", error.ToString());
        Assert.False(File.Exists(Path.Combine(folder, "out", "notebooks", "p.ipynb")));
    }

    private const string ContextNotebook = """
        #!csharp

        var run = KzMigration.Runs.RunContext.Current;
        if (run.Language != "kk") throw new Exception("language " + run.Language);
        if (KzMigration.Specification.SpecificationFormatter.FormatChangesFromPaper(run.Specification) != "migration.flow=internal") throw new Exception("specification " + run.Specification);
        if (!object.ReferenceEquals(run.Data, KzMigration.Runs.RunContext.Current.Data)) throw new Exception("the data were loaded twice");
        if (Environment.GetEnvironmentVariable("KZMIG_OUT") is { } leaked) throw new Exception("KZMIG_OUT is set: " + leaked);
        // A table computed under the run's specification carries it (a study step's StudyTable); a table of no study step carries none.
        KzMigration.Publishing.Publish.Table("ctx-table",
            new KzMigration.Outputs.StudyTable(run.Specification, new Microsoft.Data.Analysis.DoubleDataFrameColumn("balance", new double[] { 1.5 })),
            new KzMigration.Outputs.TableMetadata("context") { Units = new Dictionary<string, string> { ["balance"] = "persons" } });
        KzMigration.Publishing.Publish.Table("ctx-plain",
            new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.DoubleDataFrameColumn("balance", new double[] { 1.5 })),
            new KzMigration.Outputs.TableMetadata("no study choice"));
        display(run.OutDirectory);
        """;

    [Fact]
    public async Task The_runner_sets_the_context_before_the_first_cell_and_returns_what_the_notebook_published()
    {
        var folder = TestPaths.TempFolder("ctx-runner");
        var notebook = Path.Combine(folder, "ctx.dib");
        File.WriteAllText(notebook, ContextNotebook);
        var outDir = Path.Combine(folder, "out");

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { Run = new RunOptions(TestPaths.Data, outDir, "kk", SpecificationParser.Parse("flow=internal")) });

        Assert.True(result.Succeeded, result.ErrorLine);
        Assert.True(File.Exists(Path.Combine(outDir, "tables", "ctx-table.csv")));
        var table = Assert.Single(result.Published, p => p.Path == "tables/ctx-table.csv");
        Assert.Equal(new PublishedField("balance", "number", "persons"), Assert.Single(table.Fields));
        Assert.Equal("migration.flow=internal", table.Specification);
        // The run's specification is never recorded for a table that does not carry one.
        Assert.Equal("", Assert.Single(result.Published, p => p.Path == "tables/ctx-plain.csv").Specification);
        Assert.Contains(result.Published, p => p.Path == "tables/ctx-table.xlsx");
        Assert.Same(BundleOnly.Context, RunContext.Current); // the test process's context again after the run
    }

    [Fact]
    public async Task A_notebook_s_cells_see_its_run_and_its_choice_of_folders_ends_with_it()
    {
        var folder = TestPaths.TempFolder("ctx-scope");
        var chosen = Path.Combine(folder, "chosen-out");
        var notebook = Path.Combine(folder, "scope.dib");
        File.WriteAllText(notebook, $$"""
            #!csharp

            if (KzMigration.Runs.RunContext.Current.Language != "ru") throw new Exception("not the runner's context");
            KzMigration.Runs.Workbench.UseFolders(output: @"{{chosen}}");

            #!csharp

            // A later cell of the same run keeps the choice (the session of a notebook).
            if (KzMigration.Runs.Workbench.OutDirectory != @"{{chosen}}") throw new Exception("the choice was lost: " + KzMigration.Runs.Workbench.OutDirectory);
            await System.Threading.Tasks.Task.Run(() => { if (KzMigration.Runs.Workbench.OutDirectory != @"{{chosen}}") throw new Exception("a task of the cell sees another run"); });
            """);
        var caller = new RunContext(new RunOptions(TestPaths.Data, Path.Combine(folder, "caller-out"), "kk"));
        using var scope = RunContext.Enter(caller);

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { Run = new RunOptions(TestPaths.Data, Path.Combine(folder, "out"), "ru") });

        Assert.True(result.Succeeded, result.ErrorLine);
        Assert.Equal(2, result.CodeCellsRun);
        Assert.Same(caller, RunContext.Current); // neither the run's context nor the folders its cells chose are left behind
        Assert.NotEqual(chosen, Workbench.OutDirectory);
    }

    [Fact]
    public async Task Reproduce_hands_each_notebook_its_run_through_the_worker()
    {
        var root = TestPaths.TempFolder("ctx-reproduce");
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(notebooks, "01-context.dib"), ContextNotebook.Replace("\"migration.flow=internal\"", "\"\""));
        var outDir = Path.Combine(root, "out");

        var exit = await Cli.Cli.InvokeAsync(["reproduce", "--notebooks", notebooks, "--out", outDir, "--data", TestPaths.Data, "--lang", "kk"]);

        Assert.Equal(ExitCodes.Success, exit);
        var executed = File.ReadAllText(Path.Combine(outDir, "notebooks", "01-context.ipynb"));
        Assert.Contains(".kzmig-run-", executed); // the worker wrote into the run's staging folder, moved into out/ at the end
        using var package = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, DataPackage.FileName)));
        var table = package.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("path").GetString() == "tables/ctx-table.csv");
        Assert.Equal("01-context", table.GetProperty("notebook").GetString());
        Assert.Equal("persons", table.GetProperty("schema").GetProperty("fields")[0].GetProperty("unit").GetString());
    }
}
