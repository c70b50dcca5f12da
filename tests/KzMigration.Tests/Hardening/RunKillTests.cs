using System.Diagnostics;
using System.Threading.Channels;
using KzMigration.Cli;
using KzMigration.Publishing;
using Xunit.Abstractions;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// <c>kill -9</c> of <c>reproduce</c> at seeded random instants (issue 23, acceptance): afterwards the output folder is
/// one whole run — the one before or the one being made, once the next run (here <see cref="RunOutputs.Recover"/> on a
/// copy, so the chain of kills goes on) has finished an interrupted commit — nothing it started is left running, and
/// the next run succeeds. Cheap by design: one tiny fixture notebook (three tables), no static images, and the commit
/// made observable without timing luck by the hidden test hook <c>--pause-in-commit</c> (each commit step printed,
/// then a pause), so kills land inside the commit and inside the recovery of an interrupted commit by the next run
/// (which is the same roll-forward), where a kill costs a process start rather than a whole run.
/// </summary>
[Collection(RunProcessesCollection.Name)]
public class RunKillTests(ITestOutputHelper log)
{
    private const double StepPause = 0.05;

    private sealed class Reproduce : IDisposable
    {
        private readonly Process process;
        private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

        public Reproduce(string root, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
        {
            process = KzmigProcess.Start(root, environment, ["reproduce", .. arguments]);
            _ = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line) lines.Writer.TryWrite(line);
                lines.Writer.TryComplete();
            });
            _ = process.StandardError.ReadToEndAsync();
        }

        public int Id => process.Id;

        /// <summary>Waits for the next line starting with <paramref name="prefix"/>; null when the output ended first.</summary>
        public async Task<string?> LineAsync(string prefix)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (await lines.Reader.WaitToReadAsync(patience.Token))
                while (lines.Reader.TryRead(out var line))
                    if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
            return null;
        }

        /// <summary>SIGKILL of the kzmig process alone, as <c>kill -9</c> does; then waits for it.</summary>
        public async Task KillAsync()
        {
            try { process.Kill(); } catch (InvalidOperationException) { } // it had finished
            await process.WaitForExitAsync();
        }

        public async Task<int> ExitAsync()
        {
            await process.WaitForExitAsync();
            return process.ExitCode;
        }

        public void Dispose() => process.Dispose();
    }

    private static string Differences(SortedDictionary<string, string> state, params SortedDictionary<string, string>[] expected) =>
        string.Join("\n", expected.SelectMany(e => e.Keys).Concat(state.Keys).Distinct().Order(StringComparer.Ordinal)
            .Where(k => expected.Any(e => e.GetValueOrDefault(k) != state.GetValueOrDefault(k)))
            .Select(k => $"{k}: now {state.GetValueOrDefault(k)?[..8] ?? "absent"}, expected {string.Join(" or ", expected.Select(e => e.GetValueOrDefault(k)?[..8] ?? "absent"))}"));

    [Fact]
    public async Task Twenty_kills_of_reproduce_leave_one_whole_run_nothing_running_and_a_next_run_that_succeeds()
    {
        var root = TestPaths.TempFolder("kills");
        var notebooks = Path.Combine(root, "notebooks");
        RunOwnershipTests.TablesNotebook(notebooks);
        var environment = new Dictionary<string, string?>(RunOwnershipTests.NoChromium) { ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName };
        string[] Arguments(string outDir, string language, bool hook) =>
            ["--notebooks", notebooks, "--out", outDir, "--data", TestPaths.Data, "--lang", language, .. hook ? new[] { "--pause-in-commit", StepPause.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []];

        // The two whole runs: English, then Russian over it (timed, for kills spread across a run).
        var english = Path.Combine(root, "english");
        using (var run = new Reproduce(root, environment, Arguments(english, "en", hook: false))) Assert.Equal(ExitCodes.Success, await run.ExitAsync());
        var russian = Path.Combine(root, "russian");
        TestPaths.CopyFolder(english, russian);
        var clock = Stopwatch.StartNew();
        using (var run = new Reproduce(root, environment, Arguments(russian, "ru", hook: false))) Assert.Equal(ExitCodes.Success, await run.ExitAsync());
        var whole = clock.Elapsed;
        log.WriteLine($"a whole run: {whole.TotalSeconds:0.0} s");
        var states = new Dictionary<string, SortedDictionary<string, string>> { ["en"] = RunOutputsTests.State(english), ["ru"] = RunOutputsTests.State(russian) };
        Assert.NotEqual(states["en"], states["ru"]);

        // One folder through all the kills; `current` is the whole run it holds (once an interrupted commit is finished).
        var outDir = Path.Combine(root, "out");
        TestPaths.CopyFolder(english, outDir);
        var current = "en";
        var random = new Random(20_261_223);
        var kinds = new Dictionary<string, int>();
        // C: inside a run's own commit, after its journal (a whole run to get there); R: inside the next run's recovery of
        // that interrupted commit (a process start to get there); A: at a uniform instant across a whole run (0–110 %).
        const string plan = "CRRRRRRRRACRRRRRRAAA";
        for (var kill = 0; kill < plan.Length; kill++)
        {
            var language = current == "en" ? "ru" : "en";
            var pending = File.Exists(Path.Combine(outDir, RunOutputs.JournalFileName));
            var kind = plan[kill] switch { 'R' when pending => "recovery", 'R' or 'C' => "commit", _ => "anywhere" };
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var started = clock.Elapsed;
            using var run = new Reproduce(root, environment, Arguments(outDir, language, hook: kind != "anywhere"));
            switch (kind)
            {
                case "anywhere":
                    await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * whole.TotalMilliseconds * 1.1));
                    break;
                case "commit":
                    Assert.NotNull(await run.LineAsync("commit: journal written"));
                    for (var steps = random.Next(0, 3); steps > 0; steps--) await run.LineAsync("commit: ");
                    break;
                case "recovery":
                    Assert.NotNull(await run.LineAsync("commit: recovering"));
                    if (random.Next(3) == 0) await run.LineAsync("commit: ");
                    break;
            }
            await run.KillAsync();

            Assert.Empty(await KzmigProcess.GoneAsync($"notebook-worker --parent {run.Id} ", TimeSpan.FromSeconds(15)));
            Assert.Empty(KzmigProcess.Running(Path.Combine(root, "tmp", "kzmig-chromium-")));

            // What the next run will find, once it has finished (or dropped) what the killed one left.
            var scratch = Path.Combine(TestPaths.TempFolder("kill-scratch"), "out");
            TestPaths.CopyFolder(outDir, scratch);
            RunOutputs.Recover(scratch, TimeSpan.Zero);
            var state = RunOutputsTests.State(scratch);
            var outcome = state.SequenceEqual(states[current]) ? current : state.SequenceEqual(states[language]) ? language : null;
            Assert.True(outcome is not null, $"kill {kill} ({kind}): the folder is neither the {current} run nor the {language} run:\n{Differences(state, states[current], states[language])}");
            // Killed after its commit point, a run is rolled forward; killed while finishing another's, it made nothing of its own.
            if (kind == "commit") Assert.Equal(language, outcome);
            if (kind == "recovery") Assert.Equal(current, outcome);
            log.WriteLine($"kill {kill}: {kind}, {language} over {current}: left {outcome} ({(clock.Elapsed - started).TotalSeconds:0.0} s)");
            current = outcome;
        }
        Assert.True(kinds.GetValueOrDefault("recovery") >= 8 && kinds.GetValueOrDefault("commit") >= 2 && kinds.GetValueOrDefault("anywhere") >= 4, string.Join(", ", kinds));

        // The next run finishes what was left and succeeds.
        var last = current == "en" ? "ru" : "en";
        using (var run = new Reproduce(root, environment, Arguments(outDir, last, hook: false))) Assert.Equal(ExitCodes.Success, await run.ExitAsync());
        Assert.Equal(states[last], RunOutputsTests.State(outDir));
        // The runtime's own diagnostics sockets and debugger pipes (a killed process leaves them) are not ours; anything else would be.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.Combine(root, "tmp")).Select(Path.GetFileName),
            name => !name!.StartsWith("dotnet-diagnostic-", StringComparison.Ordinal) && !name.StartsWith("clr-debug-pipe-", StringComparison.Ordinal));
    }
}
