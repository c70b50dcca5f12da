using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Kernel;

/// <summary>
/// The study's notebooks executed through the Jupyter kernel by a real client (nbconvert, which is
/// nbclient, which papermill also uses) show what `kzmig run` shows: same tables, same figures.
/// </summary>
[Collection(NotebookCollection.Name)]
public class KernelNotebookTests(ReproducedOutput reproduced)
{
    /// <summary>
    /// The notebooks run through Jupyter here: 00 (the setup check: the library loads, a chart, a table) and 04 (parameters,
    /// scoring, charts and tables). The others execute the same kernel code under `kzmig run` (the shared reproduce), so
    /// nbconvert of all nine only repeated it at a minute and a half per test run (issue 24).
    /// </summary>
    public static readonly string[] ThroughJupyter = ["00-setup-check.ipynb", "04-figure-3-socioeconomic-scoring.ipynb"];

    [JupyterFact]
    public async Task The_setup_and_scoring_notebooks_executed_by_nbconvert_through_the_kernel_match_kzmig()
    {
        Assert.Equal(0, reproduced.ExitCode);
        // One notebook after the other, each in a kernel of its own (as a front-end would run them).
        foreach (var name in ThroughJupyter)
        {
            Assert.True(File.Exists(Path.Combine(TestPaths.Notebooks, name)), name + " is not in notebooks/");
            var executed = await NbconvertRuns.OfRepositoryNotebookAsync(name);
            NotebookOutputs.AssertSame(reproduced.PathOf("notebooks", name), executed);
        }
    }

    [JupyterFact]
    public async Task Papermill_injected_parameters_behave_like_kzmig_run_param()
    {
        var jupyter = await Jupyter.InstanceAsync();
        var work = TestPaths.TempFolder("injected");
        var source = Path.Combine(TestPaths.Notebooks, "04-figure-3-socioeconomic-scoring.ipynb");
        // papermill's C# translator writes `var name = value;` in a cell tagged injected-parameters after the parameters cell.
        var injected = Path.Combine(TestPaths.TempFolder("injected-source"), "04-injected.ipynb");
        var notebook = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(source))!;
        var cells = notebook["cells"]!.AsArray();
        var parameters = cells.Select((c, i) => (c, i)).First(x => x.c!["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "parameters") == true).i;
        cells.Insert(parameters + 1, System.Text.Json.Nodes.JsonNode.Parse("""
            {"cell_type": "code", "execution_count": null, "id": "papermill-injected", "metadata": {"tags": ["injected-parameters"]}, "outputs": [],
             "source": ["// Parameters\n", "var specification = \"scoring.thresholds=75,95,105,140; scoring.invert=unemployment_rate\";\n"]}
            """));
        // Outside the repository, so the data folder comes from the kernel's environment (KZMIG_DATA).
        File.WriteAllText(injected, notebook.ToJsonString());
        await NbconvertRuns.ExecuteAsync(jupyter, injected, work, TestPaths.TempFolder("injected-out"), TestPaths.Data);

        var runOut = TestPaths.TempFolder("injected-run");
        Assert.Equal(0, await Cli.Cli.InvokeAsync(["run", source, "--param", "specification=scoring.thresholds=75,95,105,140; scoring.invert=unemployment_rate", "--out", runOut]));
        NotebookOutputs.AssertSame(Path.Combine(runOut, "notebooks", Path.GetFileName(source)), Path.Combine(work, Path.GetFileName(injected)));
        // And the parameters took effect: the scoring description names the changed thresholds.
        Assert.Contains("75", string.Concat(NotebookOutputs.Read(Path.Combine(work, Path.GetFileName(injected))).SelectMany(c => c.Outputs)));
    }
}
