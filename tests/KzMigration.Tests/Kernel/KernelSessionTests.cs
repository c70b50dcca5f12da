using System.Text.Json.Nodes;
using KzMigration.Cli.Commands;
using KzMigration.Runs;

namespace KzMigration.Tests.Kernel;

/// <summary>The kernel's session outside the checkout (issue 23, 9): a notebook copied elsewhere and run by nbconvert.</summary>
public class KernelSessionTests
{
    private static string Notebook(string folder, params string[] cells)
    {
        var notebook = new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "kzmigration-csharp", ["display_name"] = "C# (KzMigration)", ["language"] = "csharp" } },
            ["cells"] = new JsonArray([.. cells.Select((c, i) => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["id"] = $"c{i}", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = c,
            })]),
        };
        var path = Path.Combine(folder, "outside.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    private static async Task<List<string>> Execute(string notebook, Dictionary<string, string>? environment = null)
    {
        var jupyter = await Jupyter.InstanceAsync();
        var folder = Path.GetDirectoryName(notebook)!;
        var (exit, output) = await jupyter.RunAsync(["-m", "nbconvert", "--to", "notebook", "--execute", "--output", "executed.ipynb", notebook], folder, environment, TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, "nbconvert failed:\n" + output);
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "executed.ipynb")))!;
        return [.. executed["cells"]!.AsArray().Select(c => string.Concat(c!["outputs"]!.AsArray().Select(o => o!.ToJsonString())))];
    }

    [JupyterFact]
    public async Task A_notebook_outside_the_checkout_reads_the_data_of_the_checkout_the_kernel_was_built_from_and_says_so()
    {
        var folder = TestPaths.TempFolder("outside-checkout");
        Assert.Null(Workbench.DataDirectoryAbove(folder));
        // Nothing chosen: the test process's own KZMIG_DATA (if any) is not passed on.
        var cells = await Execute(Notebook(folder,
            "KzMigration.Runs.Workbench.DataDirectory",
            "KzMigration.Runs.RunContext.Current.Data.Regions.All.Count > 10",
            "System.Environment.GetEnvironmentVariable(\"DOTNET_TC_QuickJit\")"),
            new Dictionary<string, string> { [CommonOptions.DataVariable] = "", [CommonOptions.OutVariable] = "" });
        Assert.Contains("not inside a KzMigration checkout", cells[0]);
        Assert.Contains(Path.Combine(TestPaths.RepositoryRoot, "data").Replace("\\", "\\\\"), cells[0]);
        Assert.Contains("True", cells[1]); // C#'s display of a bool
        Assert.DoesNotContain("not inside", cells[1]);
        Assert.DoesNotContain("No data folder", string.Concat(cells));
        // The session compiles optimised code at once (SessionProcess.JitSettings), unless the caller's environment chose.
        var quickJit = Environment.GetEnvironmentVariable("DOTNET_TC_QuickJit") is { Length: > 0 } own ? own : "0";
        Assert.Contains($"\"text/plain\":[\"{quickJit}\"]", cells[2]);
    }

    [JupyterFact]
    public async Task A_data_folder_chosen_by_the_environment_wins_and_nothing_is_said()
    {
        var folder = TestPaths.TempFolder("outside-chosen");
        var chosen = Path.Combine(folder, "chosen-out");
        var cells = await Execute(Notebook(folder,
                "KzMigration.Runs.Workbench.DataDirectory",
                $"KzMigration.Runs.Workbench.UseFolders(output: @\"{chosen}\");",
                "var kzData = KzMigration.Runs.RunContext.Current.Data; KzMigration.Runs.Workbench.OutDirectory",
                "object.ReferenceEquals(kzData, KzMigration.Runs.RunContext.Current.Data)",
                "System.Environment.GetEnvironmentVariable(\"DOTNET_TC_QuickJit\")"),
            // The caller's own JIT setting wins over the session's (SessionProcess.JitSettings).
            new Dictionary<string, string> { [CommonOptions.DataVariable] = TestPaths.Data, ["DOTNET_TC_QuickJit"] = "1" });
        Assert.Contains(TestPaths.Data.Replace("\\", "\\\\"), cells[0]);
        Assert.DoesNotContain("not inside a KzMigration checkout", cells[0]);
        // The session's context holds across its cells: the folders a cell chose, and the data loaded once.
        Assert.Contains(chosen.Replace("\\", "\\\\"), cells[2]);
        Assert.Contains("True", cells[3]);
        Assert.Contains("\"text/plain\":[\"1\"]", cells[4]);
    }
}
