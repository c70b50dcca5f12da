using KzMigration.Cli;
using KzMigration.Publishing;

namespace KzMigration.Tests.Hardening;

/// <summary>Tests that start <c>kzmig</c> processes and may kill them: one at a time, beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class RunProcessesCollection
{
    public const string Name = "run processes";
}

/// <summary>
/// <c>run</c> and <c>reproduce</c> as users run them, in child processes, on folders that are not only theirs (issue 23,
/// items 1, 2 and 4): a user's files in <c>--out</c> are never touched, an older layout without a manifest is refused
/// before anything runs, a second run into the same folder waits or says who holds it, and a failed run replaces none
/// of the notebook's good outputs.
/// </summary>
[Collection(RunProcessesCollection.Name)]
public class RunOwnershipTests
{
    /// <summary>Static images are not under test here.</summary>
    internal static readonly Dictionary<string, string?> NoChromium = new() { ["KZMIG_CHROMIUM"] = "/nonexistent/chromium" };

    /// <summary>
    /// A notebook that publishes three tables in its <c>language</c>, fails at its second cell when <c>rows</c> is below 1
    /// (a bad parameter met at a cell), and writes <c>ran-MARKER</c> beside itself when it runs (to prove a refused run
    /// ran nothing).
    /// </summary>
    internal static string TablesNotebook(string folder, string name = "01-tables.dib")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, """
            #!csharp

            // parameters
            string language = "en";
            int rows = 1;

            #!csharp

            using KzMigration.Outputs;
            using KzMigration.Publishing;
            using Microsoft.Data.Analysis;
            System.IO.File.WriteAllText("ran-marker", "");
            if (rows < 1) throw new ArgumentException("rows must be at least 1");
            for (var i = 0; i < 3; i++)
                Publish.Table($"kill-{i}", new DataFrame(new StringDataFrameColumn("x", Enumerable.Repeat(language + i, rows))), new TableMetadata("table " + i));
            """);
        return path;
    }

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task Reproduce_into_a_folder_of_the_users_own_files_touches_none_of_them()
    {
        var root = TestPaths.TempFolder("users-out");
        var notebooks = Path.Combine(root, "notebooks");
        TablesNotebook(notebooks);
        var outDir = Path.Combine(root, "out");
        // The folder: a survey, an analysis, notes, a chart and a claims file of the user's own; no manifest.
        string[] own = ["tables/my-survey-data.csv", "notebooks/my-own-analysis.ipynb", "report/my-notes.html", "figures/my-chart.png", "claims.csv"];
        foreach (var file in own) Write(outDir, file, "the user's " + file);
        var before = RunOutputsTests.State(outDir);

        var run = await KzmigProcess.RunAsync(root, NoChromium, "reproduce", "--notebooks", notebooks, "--out", outDir, "--data", TestPaths.Data);

        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.InvalidInput, $"exit {run.ExitCode}: {run.Error}");
        var after = RunOutputsTests.State(outDir);
        foreach (var file in own) Assert.Equal(before[file], after[file]);
        // Used around them: the run wrote its own files beside them, and its manifest lists only its own.
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "tables", "kill-0.csv")));
        var manifest = OutputManifest.Read(outDir)!;
        Assert.Empty(manifest.AllFiles.Intersect(own));
    }

    [Fact]
    public async Task An_older_workbench_layout_without_a_manifest_is_refused_before_anything_runs()
    {
        var root = TestPaths.TempFolder("older-out");
        var notebooks = Path.Combine(root, "notebooks");
        TablesNotebook(notebooks);
        var outDir = Path.Combine(root, "out");
        // What a version without manifests left: executed notebooks, tables, a report and the ledger, nothing listing them.
        foreach (var file in new[] { "notebooks/01-tables.ipynb", "tables/kill-0.csv", "tables/old-table.csv", "report/index.html", "claims.csv" })
            Write(outDir, file, "older " + file);
        var before = RunOutputsTests.State(outDir);

        var reproduce = await KzmigProcess.RunAsync(root, NoChromium, "reproduce", "--notebooks", notebooks, "--out", outDir, "--data", TestPaths.Data);
        var run = await KzmigProcess.RunAsync(root, NoChromium, "run", Path.Combine(notebooks, "01-tables.dib"), "--out", outDir, "--data", TestPaths.Data);

        foreach (var refused in new[] { reproduce, run })
        {
            Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
            Assert.Contains($"--out {outDir}: holds notebooks/01-tables.ipynb", refused.Error);
            Assert.Contains("no manifest.json of this workbench lists them (an older workbench's outputs, or your own files)", refused.Error);
            Assert.Contains("nothing ran", refused.Error);
        }
        Assert.False(File.Exists(Path.Combine(notebooks, "ran-marker")), "a notebook ran");
        Assert.Equal(before, RunOutputsTests.State(outDir));
        Assert.Empty(Directory.EnumerateDirectories(outDir, ".kzmig-run-*"));
    }

    [Fact]
    public async Task A_second_run_into_the_same_folder_waits_for_the_first_or_says_who_holds_it()
    {
        var root = TestPaths.TempFolder("second-run");
        var notebook = TablesNotebook(Path.Combine(root, "notebooks"));
        var outDir = Path.Combine(root, "out");
        string[] arguments = ["run", notebook, "--out", outDir, "--data", TestPaths.Data];

        // A live run (this process holds the folder, its staging folder half written).
        var live = RunOutputs.Begin(outDir, [], TimeSpan.Zero);
        File.WriteAllText(Path.Combine(live.Staging, "half-written.csv"), "x");
        var refused = await KzmigProcess.RunAsync(root, NoChromium, [.. arguments, "--wait", "0"]);
        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains($"another run is writing to {outDir} (lock held on {Path.Combine(outDir, RunOutputs.LockFileName)})", refused.Error);
        Assert.True(File.Exists(Path.Combine(live.Staging, "half-written.csv")), "the live run's staging folder was removed");
        Assert.False(File.Exists(Path.Combine(root, "notebooks", "ran-marker")), "the refused run ran its notebook");

        // Waiting: the second run starts when the first ends, and succeeds.
        var waiting = KzmigProcess.RunAsync(root, NoChromium, [.. arguments, "--wait", "120"]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(File.Exists(Path.Combine(root, "notebooks", "ran-marker")), "the waiting run did not wait");
        live.Dispose();
        var second = await waiting;
        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.Equal(["notebooks/01-tables.ipynb", "tables/kill-0.csv", "tables/kill-0.xlsx", "tables/kill-1.csv", "tables/kill-1.xlsx", "tables/kill-2.csv", "tables/kill-2.xlsx"],
            OutputManifest.Read(outDir)!.AllFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_run_keeps_the_notebooks_good_outputs_and_the_report_and_records_the_failure()
    {
        var root = TestPaths.TempFolder("failed-run");
        var notebook = TablesNotebook(Path.Combine(root, "notebooks"));
        var outDir = Path.Combine(root, "out");
        // A good earlier state, committed without running notebooks: 01-tables's outputs and a report describing them.
        string[] good = ["notebooks/01-tables.ipynb", "tables/kill-0.csv", "tables/kill-0.xlsx", "tables/kill-1.csv", "tables/kill-1.xlsx", "tables/kill-2.csv", "tables/kill-2.xlsx", "tables/kill-3.csv"];
        using (var earlier = RunOutputs.Begin(outDir, [], TimeSpan.Zero))
        {
            foreach (var file in good.Append("report/index.html")) Write(earlier.Staging, file, "good " + file);
            earlier.Commit([new NotebookOutputs("01-tables", notebook, "reproduce", new Dictionary<string, string> { ["language"] = "en" }, "Succeeded", good)],
                ["report/index.html"], replaceAll: true, [], null);
        }
        var before = RunOutputsTests.State(outDir);

        // A bad parameter met at a cell: the notebook fails after it started writing.
        var run = await KzmigProcess.RunAsync(root, NoChromium, "run", notebook, "--param", "rows=0", "--out", outDir, "--data", TestPaths.Data);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("cell 2 failed: System.ArgumentException: rows must be at least 1", run.Error);
        var after = RunOutputsTests.State(outDir);
        foreach (var file in good.Append("report/index.html")) Assert.Equal(before[file], after[file]);
        Assert.Equal(["notebooks/01-tables.failed.ipynb"], after.Keys.Except(before.Keys));
        Assert.Contains("rows must be at least 1", File.ReadAllText(Path.Combine(outDir, "notebooks", "01-tables.failed.ipynb")));
        var entry = Assert.Single(OutputManifest.Read(outDir)!.Notebooks);
        Assert.Equal(("reproduce", "Succeeded"), (entry.Command, entry.Status));
        Assert.Equal(good, entry.Files);
        Assert.Equal(new NotebookFailure("run", new Dictionary<string, string> { ["rows"] = "0" }, "Failed", "cell 2: System.ArgumentException: rows must be at least 1",
            "notebooks/01-tables.failed.ipynb") with { Parameters = entry.Failure!.Parameters }, entry.Failure);
        Assert.Equal("0", entry.Failure.Parameters["rows"]);
        Assert.Contains("report/index.html", OutputManifest.Read(outDir)!.Study);
    }
}
