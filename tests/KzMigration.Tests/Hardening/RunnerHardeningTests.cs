using System.Text.Json;
using KzMigration.Cli;
using KzMigration.Notebooks;
using KzMigration.Publishing;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// Runs that fail say why (issue 10, items 5, 6, 7, 9, 10): a cell timeout or a cell that ends its
/// process is a failure naming notebook and cell, the run goes on, exit codes are the README's, a bad
/// --out or an unrunnable notebook is refused before any work, and a cell's stored output is capped.
/// </summary>
[Collection(NotebookCollection.Name)]
public class RunnerHardeningTests
{
    /// <summary>Writes a one-language .dib notebook of C# <paramref name="code"/> (cells separated by <c>#!csharp</c>).</summary>
    internal static string Dib(string folder, string name, string code)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!csharp\n\n" + code + "\n");
        return path;
    }

    private static List<JsonElement> Outputs(string executedNotebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(executedNotebook));
        return [.. doc.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(o => o.Clone())];
    }

    private static string Joined(JsonElement lines) =>
        lines.ValueKind == JsonValueKind.Array ? string.Concat(lines.EnumerateArray().Select(l => l.GetString())) : lines.GetString() ?? "";

    private static readonly Dictionary<string, string?> NoChromium = new() { ["KZMIG_CHROMIUM"] = "/nonexistent/chromium" };

    [Fact]
    public async Task A_cell_timeout_is_reported_in_the_terminal_the_summary_and_the_executed_notebook()
    {
        var folder = TestPaths.TempFolder("timeout");
        var notebook = Dib(folder, "sleepy.dib", "System.Threading.Thread.Sleep(60_000);");
        var outDir = Path.Combine(folder, "out");

        // A sub-second budget: the cell is the notebook's only one, so nothing else has to fit in it (issue 24).
        var run = await KzmigProcess.RunAsync(folder, NoChromium, "run", notebook, "--timeout", "0.5", "--out", outDir);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("sleepy.dib: cell 1 timed out after 0.5 s", run.Error);
        Assert.Contains("timed out", run.Output); // the summary table's status column
        var error = Assert.Single(Outputs(Path.Combine(outDir, "notebooks", "sleepy.failed.ipynb")));
        Assert.Equal("error", error.GetProperty("output_type").GetString());
        Assert.Equal("timed out after 0.5 s", error.GetProperty("evalue").GetString());
    }

    [Fact]
    public async Task Reproduce_survives_a_notebook_that_exits_the_process_and_one_that_times_out()
    {
        var folder = TestPaths.TempFolder("supervised");
        var notebooks = Directory.CreateDirectory(Path.Combine(folder, "notebooks")).FullName;
        Dib(notebooks, "01-exit.dib", "Console.WriteLine(\"bye\");\n\n#!csharp\n\nSystem.Environment.Exit(3);");
        Dib(notebooks, "02-sleepy.dib", "System.Threading.Thread.Sleep(120_000);");
        Dib(notebooks, "03-fine.dib", "Console.WriteLine(\"still running: \" + (6 * 7));");
        var outDir = Path.Combine(folder, "out");

        // The budget holds every cell of the run, the first of a fresh worker's included: not sub-second (5 s timed out
        // a Console.WriteLine cell on this 2-core machine under load 40), so a slow first compilation is not taken for the
        // timeout under test.
        var run = await KzmigProcess.RunAsync(folder, NoChromium, "reproduce", "--notebooks", notebooks, "--out", outDir, "--timeout", "10");

        // The cell's exit code never leaks: a notebook failed, so 1.
        Assert.True(run.ExitCode == ExitCodes.Failed, $"exit {run.ExitCode}\n{run.Error}\n{run.Output}");
        Assert.Contains("01-exit.dib: cell 2 failed: the notebook's process ended with exit code 3", run.Error);
        Assert.Contains("02-sleepy.dib: cell 1 timed out after 10 s", run.Error);
        Assert.DoesNotContain("03-fine", run.Error);
        Assert.Contains("2 of 3 notebook(s) failed", run.Output);
        Assert.Contains(Outputs(Path.Combine(outDir, "notebooks", "03-fine.ipynb")), o => o.TryGetProperty("text", out var t) && Joined(t) == "still running: 42\n");
        Assert.Contains(Outputs(Path.Combine(outDir, "notebooks", "01-exit.failed.ipynb")),
            o => o.GetProperty("output_type").GetString() == "error" && o.GetProperty("evalue").GetString()!.Contains("exit code 3"));
        Assert.True(File.Exists(Path.Combine(outDir, "report", "index.html")));
    }

    [Fact]
    public async Task One_warm_worker_runs_the_notebooks_and_a_fresh_one_replaces_a_dead_one()
    {
        var folder = TestPaths.TempFolder("workers");
        var options = new NotebookRunOptions { OutputDirectory = folder };
        await using var supervisor = new NotebookSupervisor(new WorkerLaunch("dotnet", [KzmigProcess.Dll, "notebook-worker"]));

        var first = await supervisor.RunAsync(Dib(folder, "a.dib", "var a = 1;"), options);
        var second = await supervisor.RunAsync(Dib(folder, "b.dib", "System.Environment.GetEnvironmentVariable(\"MALLOC_ARENA_MAX\")"), options);
        Assert.Equal(1, supervisor.WorkersStarted);
        // The worker gives freed native memory back (glibc settings), unless the caller's environment chose its own.
        var arenas = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is { Length: > 0 } own ? own : "2";
        Assert.Contains(Outputs(second.ExecutedPath!), o => o.TryGetProperty("data", out var d) && d.TryGetProperty("text/plain", out var t) && Joined(t) == arenas);
        var crash = await supervisor.RunAsync(Dib(folder, "c.dib", "System.Environment.Exit(42);"), options);
        var after = await supervisor.RunAsync(Dib(folder, "d.dib", "var d = 4;"), options);

        Assert.True(first.Succeeded && second.Succeeded && after.Succeeded, after.ErrorLine);
        Assert.Equal(NotebookStatus.Failed, crash.Status);
        Assert.Contains("c.dib: cell 1 failed: the notebook's process ended with exit code 42", crash.ErrorLine);
        Assert.Equal(2, supervisor.WorkersStarted);
        // A notebook the runner refuses is refused by the supervisor too, as the same exception.
        await Assert.ThrowsAsync<NotebookFormatException>(() => supervisor.RunAsync(Dib(folder, "e.dib", ""), options));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("2", 2)]
    [InlineData("0", 1)]
    [InlineData("two", 1)]
    public void Reproduce_runs_one_notebook_at_a_time_unless_KZMIG_JOBS_asks_for_more(string? jobs, int lanes) =>
        Assert.Equal(lanes, KzMigration.Cli.Commands.ReproduceCommand.NotebookLanes(jobs));

    [Theory]
    [InlineData("run", "0")]
    [InlineData("run", "-5")]
    [InlineData("reproduce", "0")]
    [InlineData("reproduce", "-1")]
    [InlineData("reproduce", "NaN")]
    public async Task Non_positive_timeouts_are_refused(string command, string seconds)
    {
        var folder = TestPaths.TempFolder("bad-timeout");
        var notebook = Dib(folder, "fine.dib", "1 + 1");
        string[] args = command == "run"
            ? ["run", notebook, "--timeout", seconds, "--out", Path.Combine(folder, "out")]
            : ["reproduce", "--notebooks", folder, "--timeout", seconds, "--out", Path.Combine(folder, "out")];
        Assert.Equal(ExitCodes.InvalidInput, await Cli.Cli.InvokeAsync(args));
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public async Task An_out_folder_that_cannot_take_outputs_is_refused_before_any_work()
    {
        var folder = TestPaths.TempFolder("bad-out");
        var notebook = Dib(folder, "fine.dib", "System.IO.File.WriteAllText(\"ran.txt\", \"ran\");");
        var file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "keep me");

        foreach (var outDir in new[] { file, Path.Combine(file, "below"), TestPaths.RepositoryRoot, Path.GetPathRoot(folder)! })
            Assert.Equal(ExitCodes.InvalidInput, await Cli.Cli.InvokeAsync(["run", notebook, "--out", outDir]));
        Assert.Equal(ExitCodes.InvalidInput, await Cli.Cli.InvokeAsync(["reproduce", "--notebooks", folder, "--out", folder]));

        Assert.False(File.Exists(Path.Combine(folder, "ran.txt")), "a notebook ran although --out was refused");
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.False(Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "figures")));
    }

    [Fact]
    public void Output_folder_checks_name_the_folder_and_the_reason()
    {
        var folder = TestPaths.TempFolder("out-checks");
        var file = Path.Combine(folder, "f.txt");
        File.WriteAllText(file, "");
        Assert.Contains("is the root of a filesystem", Assert.Throws<InvalidOutputFolderException>(() => OutputFolder.Prepare("/", [])).Message);
        Assert.Contains("is a file", Assert.Throws<InvalidOutputFolderException>(() => OutputFolder.Prepare(file, [])).Message);
        Assert.Contains("KzMigration repository", Assert.Throws<InvalidOutputFolderException>(() => OutputFolder.Prepare(TestPaths.RepositoryRoot + "/", [])).Message);
        Assert.Contains("holds", Assert.Throws<InvalidOutputFolderException>(() => OutputFolder.Prepare(folder, [Path.Combine(folder, "data")])).Message);
        if (!OperatingSystem.IsWindows() && !IsRoot())
        {
            var readOnly = Directory.CreateDirectory(Path.Combine(folder, "read-only")).FullName;
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Assert.Contains("is not writable", Assert.Throws<InvalidOutputFolderException>(() => OutputFolder.Prepare(readOnly, [])).Message);
        }
        Assert.Equal(Path.Combine(folder, "new", "out"), OutputFolder.Prepare(Path.Combine(folder, "new", "out"), []));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder, "new", "out")));
    }

    private static bool IsRoot() => Environment.UserName == "root";

    [Theory]
    [InlineData("v3.ipynb", """{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [{"cell_type": "code", "input": "1+1", "language": "python"}]}]}""", "nbformat 3 cannot be run")]
    [InlineData("broken.ipynb", """{"nbformat": 4, "cells": [""", "not valid JSON")]
    [InlineData("no-version.ipynb", """{"cells": []}""", "no 'nbformat'")]
    [InlineData("prose.ipynb", """{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# only words"]}]}""", "nothing to run")]
    [InlineData("empty.dib", "", "nothing to run")]
    public async Task Files_the_runner_cannot_execute_are_refused_with_exit_2(string name, string content, string reason)
    {
        var folder = TestPaths.TempFolder("unrunnable");
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);

        Assert.Contains(reason, Assert.Throws<NotebookFormatException>(() => NotebookDocument.Load(path)).Message);
        Assert.Equal(ExitCodes.InvalidInput, await Cli.Cli.InvokeAsync(["run", path, "--out", Path.Combine(folder, "out")]));
        Assert.False(Directory.Exists(Path.Combine(folder, "out")), "the output folder was touched for a notebook that cannot run");
        // In a reproduce, the whole set is checked before anything runs.
        Dib(folder, "00-first.dib", "System.IO.File.WriteAllText(\"ran.txt\", \"ran\");");
        Assert.Equal(ExitCodes.InvalidInput, await Cli.Cli.InvokeAsync(["reproduce", "--notebooks", folder, "--out", Path.Combine(folder, "out")]));
        Assert.False(File.Exists(Path.Combine(folder, "ran.txt")));
    }

    [Fact]
    public async Task A_cells_stored_output_is_capped_to_its_last_megabyte_with_a_marker_and_a_note()
    {
        var folder = TestPaths.TempFolder("flood");
        var notebook = Dib(folder, "flood.dib", "for (var i = 0; i < 300; i++) Console.Write(new string('x', 10_000));\nConsole.Write(\"THE END\");");

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { OutputDirectory = folder });

        Assert.True(result.Succeeded, result.ErrorLine);
        var text = Joined(Assert.Single(Outputs(result.ExecutedPath!)).GetProperty("text"));
        const int written = 300 * 10_000 + 7;
        Assert.StartsWith($"… truncated {written - StreamCap.DefaultBytes} bytes", text);
        Assert.EndsWith("x" + "THE END", text);
        Assert.Equal(StreamCap.DefaultBytes, text[(text.IndexOf('\n') + 1)..].Length);
        Assert.True(new FileInfo(result.ExecutedPath!).Length < 2 * StreamCap.DefaultBytes);
        Assert.Contains(result.Notes, n => n.Contains("flood.dib: cell 1: stdout truncated to its last 1 MB", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncation_keeps_whole_characters_within_the_byte_cap()
    {
        // ж is 2 bytes in UTF-8, 😀 is 4 (two UTF-16 chars), "end" 3: 11 bytes keep "жж😀end".
        var text = new string('ж', 100) + "😀end";
        Assert.Equal(("жж😀end", 196L), StreamCap.KeepLast(text, 11));
        // Half an emoji is never kept.
        Assert.Equal(("end", 204L), StreamCap.KeepLast(text, 6));
        Assert.Equal((text, 0L), StreamCap.KeepLast(text, 1000));
    }

    [Fact]
    public async Task Output_names_that_would_leave_out_are_refused_and_nothing_is_written_outside()
    {
        var parent = TestPaths.TempFolder("escape");
        var outDir = Path.Combine(parent, "out");
        var notebook = Path.Combine(TestPaths.TempFolder("escape-notebook"), "escape.dib");
        File.WriteAllText(notebook, """
            #!csharp

            using KzMigration.Outputs;
            using KzMigration.Publishing;
            using Microsoft.Data.Analysis;
            var table = new DataFrame(new StringDataFrameColumn("region", ["akmola"]));
            Publish.Table("../escaped", table, new TableMetadata("escape"));
            """);

        var exit = await Cli.Cli.InvokeAsync(["run", notebook, "--out", outDir]);

        Assert.Equal(ExitCodes.Failed, exit);
        var executed = OutputTexts(Path.Combine(outDir, "notebooks", "escape.failed.ipynb"));
        Assert.Contains(executed, t => t.Contains("output name '../escaped' must be 1-80 lower-case letters, digits or hyphens", StringComparison.Ordinal));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(outDir, "escaped*", SearchOption.AllDirectories));
    }

    /// <summary>Every string inside the outputs of an executed notebook (text, data, error values and tracebacks).</summary>
    private static List<string> OutputTexts(string notebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(notebook));
        var texts = new List<string>();
        void Collect(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: texts.Add(e.GetString()!); break;
                case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) Collect(x); break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Collect(p.Value); break;
            }
        }
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
            if (cell.TryGetProperty("outputs", out var outputs)) Collect(outputs);
        return texts;
    }
}
