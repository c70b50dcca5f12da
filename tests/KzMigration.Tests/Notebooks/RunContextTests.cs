using System.Text.Json;
using KzMigration.Cli;
using KzMigration.Notebooks;
using KzMigration.Publishing;

namespace KzMigration.Tests.Notebooks;

/// <summary>
/// The run context: the command line hands a notebook its data, output folder, language and specification
/// explicitly (no environment variables), the data are loaded once per run, and a notebook opened elsewhere
/// gets the defaults. (In the notebooks collection: the context is process-wide, like the console.)
/// </summary>
[Collection(NotebookCollection.Name)]
public class RunContextTests
{
    [Fact]
    public void UseFolders_sets_the_context_that_loaders_and_Publish_follow()
    {
        var output = TestPaths.TempFolder("use-folders");
        try
        {
            Workbench.UseFolders(data: TestPaths.Data, output: output);
            Assert.True(RunContext.IsSet);
            Assert.Equal(output, Workbench.OutDirectory);
            Assert.Equal(TestPaths.Data, RunContext.Current.DataDirectory);
            Assert.Same(RunContext.Current.Data, KzMigration.Data.WorkbenchData.LoadDefault()); // loaded once for the session
            Assert.Throws<DirectoryNotFoundException>(() => Workbench.UseFolders(data: Path.Combine(output, "no-such-folder")));
        }
        finally { RunContext.Use(null); }
        Assert.False(RunContext.IsSet);
        Assert.Equal("en", RunContext.Current.Language);
        Assert.Equal("", RunContext.Current.Specification);
    }

    [Fact]
    public void The_notebooks_of_a_run_share_one_loaded_copy_of_the_data()
    {
        var settings = new RunSettings(TestPaths.Data, TestPaths.TempFolder("ctx-out"), "ru", "lag=no");
        var first = new RunContext(settings);
        Assert.False(first.DataLoaded);
        var data = first.Data;
        var second = first.Next(settings);
        Assert.True(second.DataLoaded);
        Assert.Same(data, second.Data);
        Assert.Empty(second.Published);
        Assert.Equal("ru", second.Language);
        Assert.Equal("lag=no", second.Specification);
        var elsewhere = first.Next(settings with { DataDirectory = TestPaths.TempFolder("other-data") });
        Assert.False(elsewhere.DataLoaded);
    }

    [Fact]
    public void The_run_settings_cross_to_the_worker_in_its_request()
    {
        var settings = new RunSettings("/data", "/out/.kzmig-run-x", "kk", "flow=internal");
        var request = WorkerRequest.For("n.ipynb", new NotebookRunOptions { Run = settings });
        var back = JsonSerializer.Deserialize<WorkerRequest>(JsonSerializer.Serialize(request, NotebookWorker.Json), NotebookWorker.Json)!;
        Assert.Equal(settings, back.ToOptions(_ => { }).Run);
    }

    private const string ContextNotebook = """
        #!csharp

        var run = KzMigration.RunContext.Current;
        if (run.Language != "kk") throw new Exception("language " + run.Language);
        if (run.Specification != "flow=internal") throw new Exception("specification " + run.Specification);
        if (!object.ReferenceEquals(run.Data, KzMigration.Data.WorkbenchData.LoadDefault())) throw new Exception("the data were loaded twice");
        if (Environment.GetEnvironmentVariable("KZMIG_OUT") is { } leaked) throw new Exception("KZMIG_OUT is set: " + leaked);
        KzMigration.Outputs.Publish.Table("ctx-table",
            new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.DoubleDataFrameColumn("balance", new double[] { 1.5 })),
            new KzMigration.Outputs.TableMetadata("context") { Units = new Dictionary<string, string> { ["balance"] = "persons" } });
        display(run.OutDirectory);
        """;

    [Fact]
    public async Task The_runner_sets_the_context_before_the_first_cell_and_returns_what_the_notebook_published()
    {
        var folder = TestPaths.TempFolder("ctx-runner");
        var notebook = Path.Combine(folder, "ctx.dib");
        File.WriteAllText(notebook, ContextNotebook);
        var outDir = Path.Combine(folder, "out");

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { Run = new RunSettings(TestPaths.Data, outDir, "kk", "flow=internal") });

        Assert.True(result.Succeeded, result.ErrorLine);
        Assert.True(File.Exists(Path.Combine(outDir, "tables", "ctx-table.csv")));
        var table = Assert.Single(result.Published, p => p.Kind == "table");
        Assert.Equal("tables/ctx-table.csv", table.Path);
        Assert.Equal(new PublishedField("balance", "number", "persons"), Assert.Single(table.Fields));
        Assert.Equal("flow=internal", table.Specification);
        Assert.Contains(result.Published, p => p.Path == "tables/ctx-table.xlsx");
        Assert.False(RunContext.IsSet); // the defaults again after the run
    }

    [Fact]
    public async Task Reproduce_hands_each_notebook_its_run_through_the_worker()
    {
        var root = TestPaths.TempFolder("ctx-reproduce");
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(notebooks, "01-context.dib"), ContextNotebook.Replace("\"flow=internal\"", "\"\""));
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
