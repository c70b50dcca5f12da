using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using KzMigration.Cli.Commands;
using KzMigration.Data;
using KzMigration.Data.Import;
using KzMigration.Tests.Hardening;

namespace KzMigration.Tests.Import;

/// <summary>
/// Imports are transactions (issue 10, items 1 and 2): serialised on the overlay folder by an OS lock, staged beside
/// it, validated, then swapped in whole, so concurrent imports lose nothing and a kill at any instant leaves the
/// folder as before or as after.
/// </summary>
public class ImportTransactionTests
{
    // SOURCE_DATE_EPOCH fixes the recorded import time, so an import's result is the same bytes every time.
    private const string Epoch = "1790000000";

    private static string[] ImportArgs(string input, string data, string indicator) =>
        ["data", "import", input, "--indicator", indicator, "--kind", "average", "--unit", "KZT", "--data", data];

    private static (int Exit, string Out, string Err) Kzmig(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = KzMigration.Cli.Cli.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(KzmigProcess.Dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment.Remove("KZMIG_DATA");
        start.Environment["SOURCE_DATE_EPOCH"] = Epoch;
        return Process.Start(start)!;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Every file of the data folder but the lock file (which stays, empty, once an import ran), relative path → SHA-256.</summary>
    private static SortedDictionary<string, string> State(string data)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in KzmigProcess.Listing(data).Where(p => p != ".user.lock"))
        {
            var full = Path.Combine(data, entry);
            state[entry] = Directory.Exists(full) ? "folder" : PackageIntegrity.Sha256(File.ReadAllBytes(full));
        }
        return state;
    }

    [Fact]
    public void A_failed_import_declares_nothing_and_a_corrected_one_is_not_held_to_it()
    {
        var data = ImportFiles.CopyOfBundle();
        // The fixture with its first region renamed to one that does not exist: the import fails.
        var file = Path.Combine(ImportFiles.TempDirectory(), "statgov_unknown_region.csv");
        var lines = File.ReadAllLines(ImportFiles.Fixture("statgov_migration_balance.csv"));
        lines[1] = lines[1].Replace("\"РЕСПУБЛИКА КАЗАХСТАН\"", "\"ТАРБАГАТАЙСКАЯ ОБЛАСТЬ\"", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var failed = Kzmig(["data", "import", file, "--indicator", "net_moves", "--kind", "rate", "--unit", "persons", "--data", data]);
        Assert.Equal(2, failed.Exit);
        Assert.Contains("'ТАРБАГАТАЙСКАЯ ОБЛАСТЬ' is not a known region", failed.Err);
        Assert.Contains("Nothing imported", failed.Err);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder))); // no indicators.csv declaring net_moves
        Assert.DoesNotContain(".user.staging", string.Join("\n", KzmigProcess.Listing(data)));

        // The corrected import is not held to the failed one's kind or unit.
        var input = ImportFiles.SmallTaldauInput();
        var ok = Kzmig(["data", "import", input, "--indicator", "net_moves", "--kind", "average", "--unit", "KZT", "--data", data]);
        Assert.True(ok.Exit == 0, ok.Err);
        var definition = WorkbenchData.Load(data).IndicatorDefinitions["net_moves"];
        Assert.Equal(("average", "KZT"), (definition.Kind, definition.Unit));
    }

    [Fact]
    public void A_second_import_waits_for_the_lock_or_says_who_holds_it()
    {
        var data = ImportFiles.CopyOfBundle();
        var input = ImportFiles.SmallTaldauInput();
        var user = Path.Combine(data, WorkbenchData.UserFolder);
        using (ImportTransaction.Begin(user))
        {
            var refused = Kzmig([.. ImportArgs(input, data, "waiting"), "--wait", "0"]);
            Assert.Equal(2, refused.Exit);
            Assert.Contains($"another import is running (lock held on {ImportTransaction.LockFileOf(user)})", refused.Err);
        }
        Assert.False(Directory.Exists(user)); // the transaction that held the lock committed nothing
        Assert.Equal(0, Kzmig(ImportArgs(input, data, "waiting")).Exit);
        Assert.Equal(5, WorkbenchData.Load(data).IndicatorValues("waiting").Count);
    }

    [Fact]
    public async Task Twenty_concurrent_import_pairs_lose_nothing_and_fail_nothing()
    {
        var data = ImportFiles.CopyOfBundle();
        var input = ImportFiles.SmallTaldauInput();
        var expected = new List<string>();
        for (var pair = 0; pair < 20; pair++)
        {
            var (a, b) = ($"pair{pair:00}_a", $"pair{pair:00}_b");
            expected.AddRange([a, b]);
            var runs = await Task.WhenAll(RunAsync(ImportArgs(input, data, a)), RunAsync(ImportArgs(input, data, b)));
            foreach (var run in runs)
            {
                Assert.True(run.Exit == 0, $"pair {pair}: exit {run.Exit}: {run.Err}");
                Assert.Contains("Wrote 5 rows", run.Out);
            }
        }
        var loaded = WorkbenchData.Load(data);
        foreach (var id in expected) Assert.Equal(5, loaded.IndicatorValues(id).Count);
        Assert.Equal(40 * 5, loaded.Indicators.Count(i => i.Source.Import is not null));
        Assert.Equal(0, DataCommand.Check(data, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public async Task A_kill_at_any_instant_leaves_the_folder_as_before_or_as_after()
    {
        var input = ImportFiles.SmallTaldauInput();
        await KillsLeaveTheFolderAsBeforeOrAsAfter(data => ImportArgs(input, data, "first"), data => ImportArgs(input, data, "second"), kills: 50, seed: 20_261_202);
    }

    /// <summary>
    /// <c>kzmig data fetch</c> commits through the same transaction, with the raw response in the same commit: a kill at
    /// any instant of a fetch (download, read, stage, commit) leaves the rows, the source record and raw/ as before or as after.
    /// </summary>
    [Fact]
    public async Task A_kill_at_any_instant_of_a_fetch_leaves_the_folder_as_before_or_as_after()
    {
        using var server = new Fetch.ReplayServer()
            .On("api/iblock/element/6567/csv/file/ru/", Fetch.ReplayServer.Reply.File(Fetch.FetchFiles.Fixture(Fetch.FetchFiles.MigrationHead), "text/csv"))
            .On("api/iblock/element/6584/csv/file/ru/", Fetch.ReplayServer.Reply.File(Fetch.FetchFiles.Fixture(Fetch.FetchFiles.Population), "text/csv"));
        string[] FetchArgs(string data, string series) => ["data", "fetch", series, "--portal", server.Root.ToString(), "--data", data, "--retries", "0"];
        await KillsLeaveTheFolderAsBeforeOrAsAfter(data => FetchArgs(data, "net-migration"), data => FetchArgs(data, "population"), kills: 15, seed: 25_2026);
    }

    private static async Task KillsLeaveTheFolderAsBeforeOrAsAfter(Func<string, string[]> first, Func<string, string[]> second, int kills, int seed)
    {
        // Before: one import done. After: the same folder with a second import (the bytes are fixed by SOURCE_DATE_EPOCH).
        var template = ImportFiles.CopyOfBundle();
        var done = await RunAsync(first(template));
        Assert.True(done.Exit == 0, done.Err);
        var before = State(template);
        var finished = CopyWithOverlay(template);
        var clock = Stopwatch.StartNew();
        var completed = await RunAsync(second(finished));
        Assert.True(completed.Exit == 0, completed.Err);
        var duration = clock.Elapsed;
        var after = State(finished);
        Assert.NotEqual(before, after);

        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < kills; i++)
        {
            var data = CopyWithOverlay(template);
            using (var process = Start(second(data)))
            {
                // Anywhere from start-up to a little past the end of a whole run.
                Thread.Sleep(TimeSpan.FromMilliseconds(random.NextDouble() * duration.TotalMilliseconds * 1.1));
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* it had finished */ }
                await process.WaitForExitAsync();
            }

            // The next load finishes or undoes the interrupted commit; the folder checks clean.
            var (output, error) = (new StringWriter(), new StringWriter());
            Assert.True(DataCommand.Check(data, output, error) == 0, $"kill {i}: data check failed: {error}");
            var state = State(data);
            var outcome = state.SequenceEqual(before) ? "before" : state.SequenceEqual(after) ? "after" : null;
            Assert.True(outcome is not null, $"kill {i}: the folder is neither the before nor the after state:\n" + string.Join("\n",
                state.Keys.Union(before.Keys).Union(after.Keys).Order(StringComparer.Ordinal)
                    .Where(k => state.GetValueOrDefault(k) != before.GetValueOrDefault(k) || state.GetValueOrDefault(k) != after.GetValueOrDefault(k))
                    .Select(k => $"{k}: now {state.GetValueOrDefault(k) ?? "absent"}, before {before.GetValueOrDefault(k) ?? "absent"}, after {after.GetValueOrDefault(k) ?? "absent"}")));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        Assert.Equal(kills, outcomes.Values.Sum());
    }

    // A copy of the bundle in <paramref name="template"/> with its user overlay (raw/ included).
    private static string CopyWithOverlay(string template)
    {
        var data = TestPaths.CopyOfBundle(template, Path.Combine(ImportFiles.TempDirectory(), "data"));
        var user = Path.Combine(template, WorkbenchData.UserFolder);
        foreach (var f in Directory.GetFiles(user, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(data, WorkbenchData.UserFolder, Path.GetRelativePath(user, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        return data;
    }

    [Fact]
    public void Recovery_rolls_a_recorded_commit_forward_and_drops_an_unrecorded_stage()
    {
        var data = ImportFiles.CopyOfBundle();
        var input = ImportFiles.SmallTaldauInput();
        var user = Path.Combine(data, WorkbenchData.UserFolder);
        Assert.Equal(0, Kzmig(ImportArgs(input, data, "first")).Exit);
        var before = State(data);

        // A stage without the journal (killed before the commit point): dropped, the folder as before.
        var staged = Path.Combine(data, ".user.staging", "user");
        Directory.CreateDirectory(staged);
        File.WriteAllText(Path.Combine(staged, "socioeconomic.csv"), "half-written");
        Assert.Equal(before, State(WorkbenchData.Load(data).Directory));

        // Killed between the two renames: the journal says commit, the old folder is aside, the new one staged.
        Assert.Equal(0, Kzmig(ImportArgs(input, data, "second")).Exit);
        var after = State(data);
        Directory.CreateDirectory(Path.Combine(data, ".user.staging"));
        Directory.Move(user, staged);
        Directory.CreateDirectory(Path.Combine(data, ".user.old"));
        File.WriteAllText(Path.Combine(data, ".user.old", "sources.csv"), "the folder before the import");
        File.WriteAllText(Path.Combine(data, ".user.commit"), "user\n");
        Assert.Equal(2, WorkbenchData.Load(data).IndicatorDefinitions.Keys.Count(k => k is "first" or "second"));
        Assert.Equal(after, State(data));
    }
}
