using System.Security.Cryptography;
using KzMigration.Publishing;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// A run's ownership of its output folder, in-process and without notebooks (issue 23, items 1–4): one run per folder
/// under an OS lock, only dead runs' staging folders removed, a commit that is journaled and rolled forward whole after
/// an interruption at any step, files no manifest lists never replaced, and a failed notebook's previous outputs kept.
/// </summary>
public class RunOutputsTests
{
    private static readonly Dictionary<string, string> English = new() { ["language"] = "en" };

    /// <summary>Every file under <paramref name="folder"/> but the lock file (relative path → SHA-256).</summary>
    internal static SortedDictionary<string, string> State(string folder)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative == RunOutputs.LockFileName) continue;
            state[relative] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }
        return state;
    }

    private static void Stage(RunOutputs run, string relative, string text)
    {
        var path = Path.Combine(run.Staging, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static NotebookOutputs Entry(string notebook, IReadOnlyList<string> files, NotebookFailure? failure = null) =>
        new(notebook, "/notebooks/" + notebook + ".dib", "reproduce", English, failure is null ? "Succeeded" : failure.Status, failure is null ? files : [], [], failure);

    /// <summary>Commits a run of notebook "01" that wrote <paramref name="files"/> (each file's text is <paramref name="tag"/> + its path).</summary>
    private static void CommitRun(string outDir, string tag, IReadOnlyList<string> files, Action<string>? step = null, bool replaceAll = true)
    {
        using var run = RunOutputs.Begin(outDir, [], TimeSpan.Zero, step);
        foreach (var file in files) Stage(run, file, tag + " " + file);
        run.Commit([Entry("01", [.. files.Where(f => f.StartsWith("tables/", StringComparison.Ordinal) || f.StartsWith("notebooks/", StringComparison.Ordinal))])],
            [.. files.Where(f => f.StartsWith("report/", StringComparison.Ordinal))], replaceAll, [], null);
    }

    private static readonly string[] FirstRun = ["notebooks/01.ipynb", "report/index.html", "tables/a.csv", "tables/b.csv", "tables/c.csv"];
    private static readonly string[] SecondRun = ["notebooks/01.ipynb", "report/index.html", "tables/a.csv", "tables/d.csv"];

    [Fact]
    public void A_commit_interrupted_at_any_step_is_rolled_forward_whole_by_the_next_run()
    {
        // The states before and after a second run, built once each, and the steps of that run's commit.
        var reference = TestPaths.TempFolder("commit-reference");
        CommitRun(reference, "first", FirstRun);
        var before = State(reference);
        var steps = new List<string>();
        CommitRun(reference, "second", SecondRun, steps.Add);
        var after = State(reference);
        Assert.NotEqual(before, after);
        Assert.StartsWith("journal written", steps[0]);
        Assert.Equal("committed", steps[^1]);
        Assert.Contains("removed tables/b.csv", steps);
        Assert.Contains("moved manifest.json", steps);

        // Interrupted after each step in turn (the observer throws, as a kill would stop the process there): the
        // journal stays, and the next run's start (or a recovery alone) finishes the commit.
        for (var k = 0; k < steps.Count; k++)
        {
            var outDir = TestPaths.TempFolder("commit-interrupted");
            CommitRun(outDir, "first", FirstRun);
            var seen = 0;
            Assert.Throws<InvalidOperationException>(() => CommitRun(outDir, "second", SecondRun, _ =>
            {
                if (seen++ == k) throw new InvalidOperationException("killed");
            }));
            if (k < steps.Count - 1) Assert.True(RunOutputs.NeedsRecovery(outDir), $"step {k}: nothing left to finish");
            if (k % 2 == 0) RunOutputs.Recover(outDir);
            else RunOutputs.Begin(outDir, [], TimeSpan.Zero).Dispose(); // the next run's start
            Assert.Equal(after, State(outDir));
        }
    }

    [Fact]
    public void A_run_given_up_before_its_commit_point_leaves_the_folder_as_it_was()
    {
        var outDir = TestPaths.TempFolder("abandoned");
        CommitRun(outDir, "first", FirstRun);
        var before = State(outDir);
        var run = RunOutputs.Begin(outDir, [], TimeSpan.Zero);
        Stage(run, "tables/a.csv", "half a run");
        // A kill before the journal: the staging folder is all there is, and it is a dead run's.
        var dead = Path.Combine(outDir, ".kzmig-run-deadbeef0000");
        Directory.Move(run.Staging, dead);
        run.Dispose();
        Assert.True(RunOutputs.NeedsRecovery(outDir));
        RunOutputs.Recover(outDir);
        Assert.Equal(before, State(outDir));
    }

    [Fact]
    public void One_run_per_folder_and_a_live_runs_staging_folder_is_never_removed()
    {
        var outDir = TestPaths.TempFolder("locked");
        using (var live = RunOutputs.Begin(outDir, [], TimeSpan.Zero))
        {
            Stage(live, "tables/x.csv", "being written");
            var refused = Assert.Throws<OutputFolderLockedException>(() => RunOutputs.Begin(outDir, [], TimeSpan.FromMilliseconds(200)));
            Assert.StartsWith($"another run is writing to {outDir} (lock held on {Path.Combine(outDir, RunOutputs.LockFileName)})", refused.Message);
            Assert.Throws<OutputFolderLockedException>(() => RunOutputs.Recover(outDir, TimeSpan.Zero));
            Assert.True(File.Exists(Path.Combine(live.Staging, "tables", "x.csv")), "a live run's staging folder was removed");
        }
        // Released: the next run gets the folder at once.
        using var next = RunOutputs.Begin(outDir, [], TimeSpan.Zero);
        Assert.Single(Directory.EnumerateDirectories(outDir, ".kzmig-run-*"));
    }

    [Fact]
    public async Task A_waiting_run_gets_the_folder_when_the_first_one_ends()
    {
        var outDir = TestPaths.TempFolder("waiting");
        var first = RunOutputs.Begin(outDir, [], TimeSpan.Zero);
        var second = Task.Run(() => RunOutputs.Begin(outDir, [], TimeSpan.FromSeconds(30)));
        await Task.Delay(300);
        Assert.False(second.IsCompleted);
        first.Dispose();
        using var got = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(Directory.Exists(got.Staging));
    }

    [Fact]
    public void Files_no_manifest_lists_are_never_replaced_and_refuse_the_run_where_it_would_write()
    {
        var outDir = TestPaths.TempFolder("foreign");
        Directory.CreateDirectory(Path.Combine(outDir, "tables"));
        File.WriteAllText(Path.Combine(outDir, "tables", "a.csv"), "mine");
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine too");
        var before = State(outDir);

        // Before anything runs: a file the run will certainly write.
        var refused = Assert.Throws<InvalidOutputFolderException>(() => RunOutputs.Begin(outDir, ["tables/a.csv"], TimeSpan.Zero));
        Assert.Contains("holds tables/a.csv, and no manifest.json of this workbench lists them", refused.Message);
        Assert.Contains("nothing ran", refused.Message);
        Assert.Equal(before, State(outDir));

        // At the commit: a file the run turned out to write. Nothing changes, the staging folder goes.
        var run = RunOutputs.Begin(outDir, ["notebooks/01.ipynb"], TimeSpan.Zero);
        Stage(run, "tables/a.csv", "the run's");
        Stage(run, "tables/b.csv", "the run's");
        var atCommit = Assert.Throws<InvalidOutputFolderException>(() => run.Commit([Entry("01", ["tables/a.csv", "tables/b.csv"])], [], true, [], null));
        Assert.Contains("holds tables/a.csv", atCommit.Message);
        run.Abandon();
        Assert.Equal(before, State(outDir));

        // Around them: a run that writes other files leaves them as they are, also when the next run replaces its own.
        CommitRun(outDir, "first", ["tables/b.csv", "notebooks/01.ipynb"]);
        CommitRun(outDir, "second", ["tables/c.csv", "notebooks/01.ipynb"]);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "tables", "a.csv")));
        Assert.Equal("mine too", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
        Assert.False(File.Exists(Path.Combine(outDir, "tables", "b.csv")));

        // A descriptor of the user's own where the run writes its datapackage.json (no manifest lists it): refused.
        var described = TestPaths.TempFolder("foreign-descriptor");
        File.WriteAllText(Path.Combine(described, DataPackage.FileName), "{\"the user's\": true}");
        Assert.Contains("holds datapackage.json", Assert.Throws<InvalidOutputFolderException>(() => RunOutputs.Begin(described, [], TimeSpan.Zero)).Message);

        // A manifest this version cannot read makes every file unknown: refused.
        File.WriteAllText(Path.Combine(outDir, OutputManifest.FileName), "{ not json");
        Assert.Contains("is not a manifest this version of the workbench reads", Assert.Throws<InvalidOutputFolderException>(() => RunOutputs.Begin(outDir, [], TimeSpan.Zero)).Message);
    }

    [Fact]
    public void A_failed_notebook_keeps_its_previous_outputs_and_records_the_failure()
    {
        var files = new HashSet<string>(["notebooks/02.failed.ipynb", "tables/new.csv"], StringComparer.Ordinal);
        var previous = new OutputManifest([Entry("01", ["notebooks/01.ipynb", "tables/one.csv"]), Entry("02", ["notebooks/02.ipynb", "tables/two.csv"])], ["report/index.html"]);
        var failure = new NotebookFailure("run", new Dictionary<string, string> { ["draws"] = "0" }, "Failed", "cell 4: draws must be positive", "notebooks/02.failed.ipynb");

        // `run 02` failing: nothing of 02's goes, the report stays (nothing it described changed), the failure is recorded.
        var (manifest, remove) = RunOutputs.Plan(previous, [Entry("02", [], failure)], [], replaceAll: false, stale: [], files, null);
        Assert.Empty(remove);
        var kept = manifest.Notebooks.Single(n => n.Notebook == "02");
        Assert.Equal(["notebooks/02.ipynb", "tables/two.csv"], kept.Files);
        Assert.Equal("Succeeded", kept.Status);
        Assert.Equal(failure, kept.Failure);
        Assert.Equal(["report/index.html"], manifest.Study);
        Assert.Contains("notebooks/02.failed.ipynb", manifest.AllFiles);

        // `reproduce` with 02 failing: 01's old files go, 02's stay; a later success drops the failure and its copy.
        (manifest, remove) = RunOutputs.Plan(previous, [Entry("01", ["tables/new.csv"]), Entry("02", [], failure)], ["report/index.html"], replaceAll: true, stale: [],
            new HashSet<string>([.. files, "report/index.html"], StringComparer.Ordinal), null);
        Assert.Equal(["notebooks/01.ipynb", "tables/one.csv"], remove.Order(StringComparer.Ordinal));
        (manifest, remove) = RunOutputs.Plan(manifest, [Entry("02", ["notebooks/02.ipynb", "tables/two.csv"])], [], replaceAll: false, stale: ["report/index.html"],
            new HashSet<string>(["notebooks/02.ipynb", "tables/two.csv"], StringComparer.Ordinal), null);
        Assert.Equal(["notebooks/02.failed.ipynb", "report/index.html"], remove.Order(StringComparer.Ordinal));
        Assert.Null(manifest.Notebooks.Single(n => n.Notebook == "02").Failure);
    }
}
