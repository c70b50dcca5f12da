using System.Collections;
using System.Diagnostics;
using System.Text.RegularExpressions;
using KzMigration.Cli;
using KzMigration.Notebooks;
using KzMigration.Publishing;
using KzMigration.Tests.Publishing;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// A run's notebook worker kept warm for the next run (issue 24, «a persistent warm worker … only if it is safe»): the
/// next run of the same build uses it and writes the same outputs; it is keyed by the build and the environment; it
/// ends after its idle time, with a run that dies while its notebook runs, after a timeout, and when a cell ends it
/// (reported with the cell's exit code); it serves one run at a time; and each run's summary says what became of it.
/// Runs as users run them (child processes), each test with a private TMPDIR, so its sockets are its own.
/// </summary>
[Collection(RunProcessesCollection.Name)]
public partial class WarmWorkerTests
{
    private static string Dib(string folder, string name, string code) => RunnerHardeningTests.Dib(folder, name, code);

    /// <summary>A run of a one-cell notebook that leaves its worker warm; returns the kept worker's process id.</summary>
    private static async Task<int> KeepOneAsync(string folder, Dictionary<string, string?> environment)
    {
        var first = await KzmigProcess.RunAsync(folder, environment, "run", Dib(folder, "a.dib", "var a = 1;"), "--out", Path.Combine(folder, "out1"));
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error + first.Output);
        return Pid(KeptLine(), first.Output);
    }

    /// <summary>Keeping on (<paramref name="seconds"/>), no Chromium, and a TMPDIR of the test's own.</summary>
    private static Dictionary<string, string?> Keeping(string folder, string seconds = "120") => new(RunOwnershipTests.NoChromium)
    {
        [WarmWorker.Variable] = seconds,
        ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(folder, "t")).FullName,
    };

    /// <summary>
    /// A run that published figures leaves its kept worker a Chromium (issue 24: a what-if run spent 1.3–2.2 s of its 5 s
    /// starting one): the next run's figures are drawn there, the same bytes and records as a run that draws with a browser
    /// of its own; the worker is kept again with it (the browser is no notebook's process, also while it still starts, when
    /// a run without figures comes); when that browser is gone, the next run draws its figures itself and the worker starts
    /// another; and when the browser's file changed (here a launcher script, touched), the kept one is not the run's
    /// browser and is not used.
    /// </summary>
    [ChromiumFact]
    public async Task A_run_that_published_figures_leaves_a_Chromium_in_the_kept_worker_and_the_next_run_draws_there_the_same_bytes()
    {
        var folder = TestPaths.TempFolder("warm-figures");
        var temp = Directory.CreateDirectory(Path.Combine(folder, "t")).FullName;
        var browser = Path.Combine(folder, "chromium.sh");
        File.WriteAllText(browser, $"#!/bin/sh\nexec '{Chromium.Find(out _)!.Executable}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string?> { [WarmWorker.Variable] = "120", ["TMPDIR"] = temp, [Chromium.ExecutableVariable] = browser };
        var notebook = Dib(folder, "figure.dib", """
            // parameters
            int n = 1;

            #!csharp

            using KzMigration.Publishing;
            var chart = Plotly.NET.CSharp.Chart.Column<int, string, string>(values: new[] { n, 2 * n }, Keys: new[] { "a", "b" }, Name: "n = " + n);
            Publish.Figure("warm-figure", chart, "n = " + n);
            """);
        var browsers = "--user-data-dir=" + Path.Combine(temp, "kzmig-chromium-");
        var worker = 0;
        async Task<KzmigProcess.Result> RunAsync(string n, string output, Dictionary<string, string?>? other = null)
        {
            var run = await KzmigProcess.RunAsync(folder, other ?? environment, "run", notebook, "--param", "n=" + n, "--out", Path.Combine(folder, output));
            Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
            return run;
        }
        try
        {
            worker = Pid(KeptWithChromiumLine(), (await RunAsync("1", "out1")).Output);

            var plain = await KzmigProcess.RunAsync(folder, environment, "run", Dib(folder, "plain.dib", "var a = 1;"), "--out", Path.Combine(folder, "out-plain"));
            Assert.True(plain.ExitCode == ExitCodes.Success, plain.Error + plain.Output);
            Assert.Equal(worker, Pid(KeptWithChromiumLine(), plain.Output));

            var second = (await RunAsync("2", "out2")).Output;
            Assert.Equal(worker, Pid(ReusedLine(), second));
            Assert.Contains("its Chromium ready for figures", second, StringComparison.Ordinal);
            Assert.Contains("1 drawn", second, StringComparison.Ordinal);
            Assert.Contains("in the kept worker's Chromium", second, StringComparison.Ordinal);
            Assert.Equal(worker, Pid(KeptWithChromiumLine(), second));

            // The same figure drawn by a run's own Chromium (no worker kept): the same bytes, recorded with the same inputs.
            var own = (await RunAsync("2", "out3", new Dictionary<string, string?>(environment) { [WarmWorker.Variable] = "0" })).Output;
            Assert.Contains("one headless Chromium for all", own, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "out3", "figures", "warm-figure.png")), File.ReadAllBytes(Path.Combine(folder, "out2", "figures", "warm-figure.png")));
            Assert.Equal(ImageRecords(Path.Combine(folder, "out3")), ImageRecords(Path.Combine(folder, "out2")));

            // Its browser gone: the next run draws with its own, and the worker keeps a new one. (The worker's browsers are
            // those whose profile folder names it.)
            var workers = "--user-data-dir=" + Path.Combine(temp, $"kzmig-chromium-{worker}-");
            var kept = KzmigProcess.Running(workers).Where(pid => pid != worker).ToList();
            Assert.NotEmpty(kept);
            End([.. kept]);
            Assert.Empty(await KzmigProcess.GoneAsync(workers, TimeSpan.FromSeconds(15)));
            var fourth = (await RunAsync("3", "out4")).Output;
            Assert.Contains("1 drawn", fourth, StringComparison.Ordinal);
            Assert.DoesNotContain("in the kept worker's Chromium", fourth, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "out4", "figures", "warm-figure.png")));
            Assert.Equal(worker, Pid(KeptWithChromiumLine(), fourth));

            // The browser's file changed (after the worker's new browser has started: it took its identity before): the kept
            // one is another browser to the records, and the run draws with its own.
            var clock = Stopwatch.StartNew();
            while (KzmigProcess.Running(workers).Count == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the kept worker started no new browser");
                await Task.Delay(50);
            }
            File.SetLastWriteTimeUtc(browser, DateTime.UtcNow.AddMinutes(1));
            var fifth = (await RunAsync("4", "out5")).Output;
            Assert.Equal(worker, Pid(ReusedLine(), fifth));
            Assert.Contains("1 drawn", fifth, StringComparison.Ordinal);
            Assert.Contains("one headless Chromium for all", fifth, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "out5", "figures", "warm-figure.png")));
            Assert.Equal(worker, Pid(KeptWithChromiumLine(), fifth));
        }
        finally
        {
            if (worker != 0) End(worker);
        }
        // The browser's pipe ties it to the worker: it ends with it.
        Assert.True(await EndsAsync(worker, TimeSpan.FromSeconds(15)));
        Assert.Empty(await KzmigProcess.GoneAsync(browsers, TimeSpan.FromSeconds(15)));
    }

    // Each image file's record in an output folder's manifest (inputs and SHA-256).
    private static List<string> ImageRecords(string outDir)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "manifest.json")));
        return [.. manifest.RootElement.GetProperty("notebooks").EnumerateArray()
            .Where(n => n.TryGetProperty("images", out _))
            .SelectMany(n => n.GetProperty("images").EnumerateObject().Select(i => i.Name + " " + i.Value.GetRawText()))];
    }

    [GeneratedRegex(@"notebook worker: kept warm for the next run \(process (\d+), with a Chromium for its figures;")]
    private static partial Regex KeptWithChromiumLine();

    [GeneratedRegex(@"notebook worker: started for this run \(process (\d+)\)")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"notebook worker: kept warm for the next run \(process (\d+);")]
    private static partial Regex KeptLine();

    [GeneratedRegex(@"notebook worker: kept warm by an earlier run \(process (\d+), its run (\d+)")]
    private static partial Regex ReusedLine();

    private static int Pid(Regex line, string output)
    {
        var match = line.Match(output);
        Assert.True(match.Success, $"no '{line}' in:\n{output}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> EndsAsync(int pid, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (Processes.IsRunning(pid))
        {
            if (clock.Elapsed > patience) return false;
            await Task.Delay(100);
        }
        return true;
    }

    private static void End(params int[] pids)
    {
        foreach (var pid in pids)
            try { using var process = Process.GetProcessById(pid); process.Kill(); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    [Fact]
    public async Task The_next_run_uses_the_worker_the_last_one_left_warm_writes_the_same_outputs_and_a_cell_that_ends_it_is_reported()
    {
        var folder = TestPaths.TempFolder("warm");
        var environment = Keeping(folder);
        environment["KZ_TEST_NOTE"] = "one";
        var notebook = Dib(folder, "answer.dib", "var answer = 6 * 7;\n\n#!csharp\n\nConsole.WriteLine(\"answer: \" + answer + \", note: \" + Environment.GetEnvironmentVariable(\"KZ_TEST_NOTE\"));");
        var pids = new List<int>();
        try
        {
            var first = await KzmigProcess.RunAsync(folder, environment, "run", notebook, "--out", Path.Combine(folder, "out1"));
            Assert.True(first.ExitCode == ExitCodes.Success, first.Error + first.Output);
            var kept = Pid(KeptLine(), first.Output);
            pids.Add(kept);
            Assert.Equal(kept, Pid(StartedLine(), first.Output));
            Assert.True(Processes.IsRunning(kept));

            var second = await KzmigProcess.RunAsync(folder, environment, "run", notebook, "--out", Path.Combine(folder, "out2"));
            Assert.True(second.ExitCode == ExitCodes.Success, second.Error + second.Output);
            Assert.Equal(kept, Pid(ReusedLine(), second.Output));
            Assert.Equal("2", ReusedLine().Match(second.Output).Groups[2].Value);
            Assert.Equal(kept, Pid(KeptLine(), second.Output));
            // A kept worker's run writes what a fresh worker's run writes, byte for byte.
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "out1", "notebooks", "answer.ipynb")), File.ReadAllBytes(Path.Combine(folder, "out2", "notebooks", "answer.ipynb")));

            // A command that stops before its first notebook (here: a notebook that does not exist) leaves it as it was.
            var typo = await KzmigProcess.RunAsync(folder, environment, "run", Path.Combine(folder, "nowhere.dib"), "--out", Path.Combine(folder, "out-typo"));
            Assert.Equal(ExitCodes.InvalidInput, typo.ExitCode);
            await Task.Delay(300);
            Assert.True(Processes.IsRunning(kept), "a command that ran nothing ended the kept worker");

            // Another environment never reaches it: a run with another value of a variable starts (and keeps) a worker of its own.
            var noted = await KzmigProcess.RunAsync(folder, new Dictionary<string, string?>(environment) { ["KZ_TEST_NOTE"] = "two" }, "run", notebook, "--out", Path.Combine(folder, "out-note"));
            Assert.True(noted.ExitCode == ExitCodes.Success, noted.Error + noted.Output);
            pids.Add(Pid(StartedLine(), noted.Output));
            Assert.DoesNotMatch(ReusedLine(), noted.Output);
            Assert.Contains("answer: 42, note: two", File.ReadAllText(Path.Combine(folder, "out-note", "notebooks", "answer.ipynb")));
            Assert.Contains("answer: 42, note: one", File.ReadAllText(Path.Combine(folder, "out2", "notebooks", "answer.ipynb")));
            Assert.True(Processes.IsRunning(kept));

            // A cell that ends the kept worker is reported as a fresh worker's would be, with its exit code (from the worker's log).
            var exit = Dib(folder, "exit.dib", "System.Environment.Exit(3);");
            var third = await KzmigProcess.RunAsync(folder, environment, "run", exit, "--out", Path.Combine(folder, "out3"));
            Assert.Equal(ExitCodes.Failed, third.ExitCode);
            Assert.Equal(kept, Pid(ReusedLine(), third.Output));
            Assert.Contains("exit.dib: cell 1 failed: the notebook's process ended with exit code 3", third.Error);
            Assert.True(await EndsAsync(kept, TimeSpan.FromSeconds(10)));

            // The next run finds no worker there and starts one.
            var fourth = await KzmigProcess.RunAsync(folder, environment, "run", notebook, "--out", Path.Combine(folder, "out4"));
            Assert.True(fourth.ExitCode == ExitCodes.Success, fourth.Error + fourth.Output);
            pids.Add(Pid(StartedLine(), fourth.Output));
            Assert.DoesNotMatch(ReusedLine(), fourth.Output);
        }
        finally { End([.. pids]); }
    }

    [Fact]
    public async Task A_kept_worker_ends_after_its_idle_time_and_removes_its_socket()
    {
        var folder = TestPaths.TempFolder("warm-idle");
        var environment = Keeping(folder, "1");
        var run = await KzmigProcess.RunAsync(folder, environment, "run", Dib(folder, "a.dib", "var a = 1;"), "--out", Path.Combine(folder, "out"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        var kept = Pid(KeptLine(), run.Output);
        try
        {
            Assert.Contains("it ends after 1 s without one", run.Output);
            Assert.True(await EndsAsync(kept, TimeSpan.FromSeconds(30)), "the kept worker did not end after its idle time");
            var sockets = Directory.GetFiles(environment["TMPDIR"]!, "*.sock", SearchOption.AllDirectories);
            Assert.Empty(sockets);
        }
        finally { End(kept); }
    }

    [Fact]
    public async Task A_run_killed_while_its_notebook_runs_and_a_timed_out_cell_take_the_kept_worker_with_them()
    {
        var folder = TestPaths.TempFolder("warm-kill");
        var environment = Keeping(folder);
        var sleepy = Dib(folder, "sleepy.dib", "System.Threading.Thread.Sleep(60_000);");
        var pids = new List<int>();
        try
        {
            var kept = await KeepOneAsync(folder, environment);
            pids.Add(kept);

            // kill -9 of the run while the kept worker runs its notebook: the notebook cannot be stopped, so the worker ends.
            using (var run = KzmigProcess.Start(folder, environment, "run", sleepy, "--out", Path.Combine(folder, "out2")))
            {
                _ = run.StandardError.ReadToEndAsync();
                using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                while (await run.StandardOutput.ReadLineAsync(patience.Token) is { } line && !line.Contains("cell 1/1 running", StringComparison.Ordinal)) { }
                run.Kill();
                await run.WaitForExitAsync();
            }
            Assert.True(await EndsAsync(kept, TimeSpan.FromSeconds(10)), "the kept worker outlived the run that died while its notebook ran");

            // A timed-out cell goes on running inside its worker: a run never leaves such a worker warm.
            var second = await KzmigProcess.RunAsync(folder, environment, "run", sleepy, "--timeout", "0.5", "--out", Path.Combine(folder, "out3"));
            Assert.Equal(ExitCodes.Failed, second.ExitCode);
            Assert.Contains("sleepy.dib: cell 1 timed out after 0.5 s", second.Error);
            var started = Pid(StartedLine(), second.Output);
            pids.Add(started);
            Assert.DoesNotMatch(KeptLine(), second.Output);
            Assert.True(await EndsAsync(started, TimeSpan.FromSeconds(10)), "the timed-out run's worker was left running");
        }
        finally { End([.. pids]); }
    }

    [Fact]
    public async Task A_kept_worker_serves_one_run_at_a_time_and_a_second_run_starts_its_own()
    {
        var folder = TestPaths.TempFolder("warm-busy");
        var environment = Keeping(folder);
        var pids = new List<int>();
        try
        {
            var kept = await KeepOneAsync(folder, environment);
            pids.Add(kept);

            // The kept worker's run sleeps; a second run meanwhile is turned away by it and starts a worker of its own.
            var marker = Path.Combine(folder, "busy");
            var slow = KzmigProcess.RunAsync(folder, environment, "run",
                Dib(folder, "slow.dib", $"System.IO.File.WriteAllText(@\"{marker}\", \"\");\nSystem.Threading.Thread.Sleep(4_000);"), "--out", Path.Combine(folder, "out2"));
            var clock = Stopwatch.StartNew();
            while (!File.Exists(marker) && clock.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(50);
            var other = await KzmigProcess.RunAsync(folder, environment, "run", Dib(folder, "b.dib", "var b = 2;"), "--out", Path.Combine(folder, "out3"));
            var busy = await slow;

            Assert.True(busy.ExitCode == ExitCodes.Success, busy.Error + busy.Output);
            Assert.True(other.ExitCode == ExitCodes.Success, other.Error + other.Output);
            Assert.Equal(kept, Pid(ReusedLine(), busy.Output));
            Assert.Contains("not the kept worker: the kept worker is busy with another run", other.Output);
            var own = Pid(StartedLine(), other.Output);
            pids.Add(own);
            Assert.NotEqual(kept, own);
            // Its own worker is not kept beside the one already kept for the same build.
            Assert.Contains("not kept warm: another worker is already kept warm for this build", other.Output);
            Assert.True(await EndsAsync(own, TimeSpan.FromSeconds(10)));
        }
        finally { End([.. pids]); }
    }

    [Fact]
    public async Task A_worker_whose_notebook_left_a_process_running_is_not_kept()
    {
        var folder = TestPaths.TempFolder("warm-child");
        var environment = Keeping(folder);
        var notebook = Dib(folder, "child.dib", "var child = System.Diagnostics.Process.Start(\"sleep\", \"60\");\nConsole.WriteLine(child.Id);");
        var run = await KzmigProcess.RunAsync(folder, environment, "run", notebook, "--out", Path.Combine(folder, "out"));
        var worker = Pid(StartedLine(), run.Output);
        var child = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "out", "notebooks", "child.ipynb"))).RootElement
            .GetProperty("cells")[0].GetProperty("outputs")[0].GetProperty("text").EnumerateArray().Select(t => t.GetString()).Aggregate("", string.Concat).Trim();
        try
        {
            Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
            Assert.Matches(@"notebook worker: not kept warm: a notebook left a process running \(process \d+\)", run.Output);
            Assert.DoesNotMatch(KeptLine(), run.Output);
            Assert.True(await EndsAsync(worker, TimeSpan.FromSeconds(10)));
        }
        finally { End(worker, int.Parse(child, System.Globalization.CultureInfo.InvariantCulture)); }
    }

    [Fact]
    public async Task A_keep_warm_value_that_is_not_a_number_of_seconds_is_refused_before_anything_runs()
    {
        var folder = TestPaths.TempFolder("warm-bad");
        var environment = Keeping(folder, "ten minutes");
        var notebook = Dib(folder, "a.dib", "System.IO.File.WriteAllText(\"ran\", \"\");");

        var run = await KzmigProcess.RunAsync(folder, environment, "run", notebook, "--out", Path.Combine(folder, "out"));
        var reproduce = await KzmigProcess.RunAsync(folder, environment, "reproduce", "--notebooks", folder, "--out", Path.Combine(folder, "out"));

        foreach (var refused in new[] { run, reproduce })
        {
            Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
            Assert.Contains("KZMIG_KEEP_WARM=ten minutes: expected how many seconds", refused.Error);
            Assert.DoesNotContain("   at ", refused.Error);
        }
        Assert.False(File.Exists(Path.Combine(folder, "ran")));
    }

    [Theory]
    [InlineData(null, 600)]
    [InlineData("", 600)]
    [InlineData(" 45 ", 45)]
    [InlineData("0", null)]
    [InlineData("OFF", null)]
    public void The_idle_time_comes_from_the_variable(string? value, int? seconds) =>
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, WarmWorker.IdleFrom(value));

    [Theory]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("86401")]
    [InlineData("yes")]
    public void Any_other_value_is_refused_naming_the_variable(string value) =>
        Assert.StartsWith(WarmWorker.Variable + "=" + value + ":", Assert.Throws<ArgumentException>(() => WarmWorker.IdleFrom(value)).Message);

    [Fact]
    public void The_key_changes_with_the_build_the_program_the_folder_and_the_environment_but_not_with_the_shells_bookkeeping()
    {
        var build = TestPaths.TempFolder("warm-build");
        File.WriteAllText(Path.Combine(build, "kzmig.dll"), "one");
        Directory.CreateDirectory(Path.Combine(build, "runtimes"));
        File.WriteAllText(Path.Combine(build, "runtimes", "native.so"), "native");
        var stamp = WarmWorker.BuildStamp(build);
        var environment = new Hashtable { ["HOME"] = "/home/a", ["LANG"] = "en_US.UTF-8", ["PWD"] = "/x", ["SHLVL"] = "1" };
        var key = WarmWorker.Key(stamp, "/usr/bin/dotnet", "/work", environment);

        // The same build, program, folder and environment, with the shell's own variables changed: the same worker.
        Assert.Equal(key, WarmWorker.Key(WarmWorker.BuildStamp(build), "/usr/bin/dotnet", "/work",
            new Hashtable { ["HOME"] = "/home/a", ["LANG"] = "en_US.UTF-8", ["PWD"] = "/y", ["SHLVL"] = "2", ["OLDPWD"] = "/x", ["_"] = "/usr/bin/env" }));
        // Anything else: another worker.
        foreach (var (name, value) in new[] { ("LANG", "ru_RU.UTF-8"), ("LC_ALL", "kk_KZ.UTF-8"), ("TZ", "Asia/Almaty"), ("KZMIG_DATA", "/d"), ("DOTNET_TieredCompilation", "0"),
                     ("HOME", "/home/b"), ("ANY_OTHER", "1") })
        {
            var other = (Hashtable)environment.Clone();
            other[name] = value;
            Assert.NotEqual(key, WarmWorker.Key(stamp, "/usr/bin/dotnet", "/work", other));
        }
        Assert.NotEqual(key, WarmWorker.Key(stamp, "/work/bin/kzmig", "/work", environment));
        Assert.NotEqual(key, WarmWorker.Key(stamp, "/usr/bin/dotnet", "/elsewhere", environment));

        // A rebuilt file (another size, or only another time) is another build, in a subfolder too.
        File.WriteAllText(Path.Combine(build, "kzmig.dll"), "two");
        Assert.NotEqual(stamp, WarmWorker.BuildStamp(build));
        File.WriteAllText(Path.Combine(build, "kzmig.dll"), "one");
        File.SetLastWriteTimeUtc(Path.Combine(build, "kzmig.dll"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var retimed = WarmWorker.BuildStamp(build);
        Assert.NotEqual(stamp, retimed);
        File.SetLastWriteTimeUtc(Path.Combine(build, "runtimes", "native.so"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.NotEqual(retimed, WarmWorker.BuildStamp(build));
    }
}
