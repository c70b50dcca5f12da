using System.Globalization;
using System.Text.Json;
using KzMigration.Storage;

namespace KzMigration.Publishing;

/// <summary>Another run holds the output folder's lock and did not finish within the wait.</summary>
public sealed class OutputFolderLockedException(string outDir, string lockFile, TimeSpan waited)
    : IOException(string.Create(CultureInfo.InvariantCulture,
        $"another run is writing to {outDir} (lock held on {lockFile}); waited {waited.TotalSeconds:0} s — try again when it has finished, or wait longer with --wait SECONDS"))
{
    public string LockFile { get; } = lockFile;
}

/// <summary>
/// The outputs of one run, and the run's ownership of its output folder for its whole duration. For an output folder
/// <c>O</c>:
/// <list type="number">
/// <item><b>lock</b> — <c>O/.kzmig.lock</c>, a <see cref="FolderLock"/> (the one data imports take): one run per output
/// folder; a second waits up to its <c>--wait</c>, then fails with «another run is writing to O (lock held on …)». The
/// OS releases it when the run's process ends, however it ends.</item>
/// <item><b>recover</b> — under the lock, an interrupted commit is finished (<see cref="Recover"/>), and every other
/// staging folder is a dead run's (a live run would hold the lock) and is removed.</item>
/// <item><b>own</b> — files the run will certainly write (its executed notebooks, the report) that exist in <c>O</c>
/// without a manifest of this workbench listing them refuse the run before anything runs
/// (<see cref="InvalidOutputFolderException"/>, exit 2): a run replaces only what a manifest lists, and works around
/// every other file.</item>
/// <item><b>stage</b> — notebooks write into <c>O/.kzmig-run-XXXX/</c> (<see cref="Staging"/>).</item>
/// <item><b>commit</b> — a staged file whose place holds a file no manifest lists refuses the commit (nothing
/// changes); otherwise the new <c>manifest.json</c> and <c>datapackage.json</c> are staged too, the journal
/// <c>O/.kzmig-commit.json</c> (what moves in, what goes) is written and renamed into place (the commit point), then
/// each file is moved in (a rename), the replaced files removed, the staging folder and the journal deleted.</item>
/// </list>
/// Every step after the commit point is safe to repeat, so a kill at any instant leaves <c>O</c> as it was before the run
/// or, once the next run (or <see cref="Recover"/>) has finished the journal, as the run left it: one whole run.
/// </summary>
public sealed class RunOutputs : IDisposable
{
    /// <summary>The lock file of an output folder.</summary>
    public const string LockFileName = ".kzmig.lock";

    /// <summary>The journal of a commit in progress.</summary>
    public const string JournalFileName = ".kzmig-commit.json";

    private const string StagingPrefix = ".kzmig-run-";

    // What every commit writes besides the run's own files.
    private static readonly string[] Bookkeeping = [OutputManifest.FileName, DataPackage.FileName];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly FolderLock held;
    private readonly Action<string>? step;
    private bool finished;

    private RunOutputs(string outDir, string staging, FolderLock held, Action<string>? step)
    {
        OutDirectory = outDir;
        Staging = staging;
        this.held = held;
        this.step = step;
    }

    /// <summary>The output folder the run replaces outputs in.</summary>
    public string OutDirectory { get; }

    /// <summary>The staging folder the run writes to.</summary>
    public string Staging { get; }

    /// <summary>
    /// Starts a run in <paramref name="outDir"/>: takes its lock (waiting up to <paramref name="wait"/>, default
    /// <see cref="FolderLock.DefaultWait"/>), finishes an interrupted commit, removes dead runs' staging folders, checks
    /// that none of the files the run will certainly write (<paramref name="certain"/>, relative paths) is a file no
    /// manifest lists, and makes a fresh staging folder. <paramref name="step"/> sees each step of a recovery and of the
    /// commit (a test's hook to interrupt a commit at a known step).
    /// </summary>
    /// <exception cref="OutputFolderLockedException">Another run still holds the folder.</exception>
    /// <exception cref="InvalidOutputFolderException">The folder holds files the run would replace that are not the workbench's.</exception>
    public static RunOutputs Begin(string outDir, IEnumerable<string> certain, TimeSpan? wait = null, Action<string>? step = null)
    {
        outDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        Directory.CreateDirectory(outDir);
        var held = Lock(outDir, wait);
        try
        {
            RecoverLocked(outDir, step);
            var owned = Owned(outDir);
            var foreign = certain.Concat(Bookkeeping).Distinct(StringComparer.Ordinal).Where(f => Exists(outDir, f) && !owned.Contains(f)).Order(StringComparer.Ordinal).ToList();
            if (foreign.Count > 0) throw NotOurs(outDir, foreign, "nothing ran");
            var staging = Directory.CreateDirectory(Path.Combine(outDir, StagingPrefix + Guid.NewGuid().ToString("N")[..12])).FullName;
            return new RunOutputs(outDir, staging, held, step);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>True when an interrupted run left a commit to finish or a staging folder in <paramref name="outDir"/>.</summary>
    public static bool NeedsRecovery(string outDir) =>
        Directory.Exists(outDir) && (File.Exists(Path.Combine(outDir, JournalFileName)) || Directory.EnumerateDirectories(outDir, StagingPrefix + "*").Any());

    /// <summary>
    /// Takes the lock of <paramref name="outDir"/> and finishes what an interrupted run left: a journaled commit is rolled
    /// forward, a staging folder without one is removed. Afterwards the folder holds one whole run.
    /// </summary>
    public static void Recover(string outDir, TimeSpan? wait = null, Action<string>? step = null)
    {
        outDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        if (!Directory.Exists(outDir)) return;
        using var held = Lock(outDir, wait);
        RecoverLocked(outDir, step);
    }

    /// <summary>The files in the staging folder now, with their size and time (to tell what a notebook wrote).</summary>
    public IReadOnlyDictionary<string, (long Length, DateTime Written)> Snapshot() =>
        Directory.EnumerateFiles(Staging, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .ToDictionary(f => OutputFolder.Relative(Staging, f.FullName), f => (f.Length, f.LastWriteTimeUtc), StringComparer.Ordinal);

    /// <summary>Files written or changed in the staging folder since <paramref name="before"/>, sorted.</summary>
    public IReadOnlyList<string> WrittenSince(IReadOnlyDictionary<string, (long Length, DateTime Written)> before) =>
        [.. Snapshot().Where(f => !before.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Commits the staged files with their manifest and, from it, <c>datapackage.json</c> (see the class summary). With
    /// <paramref name="replaceAll"/> (a full reproduce) every file the previous manifest lists goes, except a failed
    /// notebook's; otherwise only the previous files of the notebooks this run ran successfully, and the outputs listed in
    /// <paramref name="stale"/> that the manifest lists (e.g. a report that no longer matches). A notebook whose
    /// entry carries a <see cref="NotebookOutputs.Failure"/> keeps its previous outputs and entry, with the failure recorded.
    /// </summary>
    /// <exception cref="InvalidOutputFolderException">A staged file would replace a file no manifest lists; nothing changed.</exception>
    public OutputManifest Commit(IReadOnlyList<NotebookOutputs> notebooks, IReadOnlyList<string> study, bool replaceAll, IReadOnlyList<string> stale, string? data)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        var previous = OutputManifest.Read(OutDirectory);
        var owned = Owned(OutDirectory);
        var written = Snapshot().Keys.ToHashSet(StringComparer.Ordinal);
        var foreign = written.Concat(Bookkeeping).Where(f => Exists(OutDirectory, f) && !owned.Contains(f)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0) throw NotOurs(OutDirectory, foreign, "the run's outputs were not moved in; nothing changed");

        var (manifest, remove) = Plan(previous, notebooks, study, replaceAll, stale, written, data);
        manifest.Write(Staging);
        DataPackage.Write(Staging, manifest);
        var journal = new CommitJournal(Path.GetFileName(Staging),
            [.. written.Order(StringComparer.Ordinal), DataPackage.FileName, OutputManifest.FileName],
            [.. remove.Where(f => Exists(OutDirectory, f)).Order(StringComparer.Ordinal)]);

        var path = Path.Combine(OutDirectory, JournalFileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(journal, Json) + "\n");
        DurableFile.Flush(path + ".tmp");
        File.Move(path + ".tmp", path, overwrite: true); // the commit point: from here on, recovery rolls forward
        finished = true;
        step?.Invoke($"journal written: {journal.Move.Count} file(s) to move in, {journal.Remove.Count} to remove");
        RollForward(OutDirectory, journal, step);
        return manifest;
    }

    /// <summary>Gives the run up: the staging folder goes, the output folder stays as it was, the lock is released.</summary>
    public void Abandon() => Dispose();

    /// <summary>Ends the run: an uncommitted staging folder is deleted and the lock released.</summary>
    public void Dispose()
    {
        try
        {
            if (!finished && Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
            finished = true;
        }
        finally { held.Dispose(); }
    }

    /// <summary>
    /// What a commit does, as a pure function of the previous manifest and this run's entries: the new manifest, and
    /// the files (relative) that go because what replaces them was written, or nothing replaces them.
    /// </summary>
    internal static (OutputManifest Manifest, IReadOnlySet<string> Remove) Plan(OutputManifest? previous, IReadOnlyList<NotebookOutputs> notebooks,
        IReadOnlyList<string> study, bool replaceAll, IReadOnlyList<string> stale, IReadOnlySet<string> written, string? data)
    {
        var earlier = new Dictionary<string, NotebookOutputs>(StringComparer.Ordinal);
        foreach (var entry in previous?.Notebooks ?? []) earlier[entry.Notebook] = entry;
        var remove = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<NotebookOutputs>();
        foreach (var entry in notebooks)
        {
            earlier.Remove(entry.Notebook, out var last);
            if (entry.Failure is null || last is null)
            {
                if (last is not null) remove.UnionWith(FilesOf(last));
                entries.Add(entry);
                continue;
            }
            // A failed run replaces nothing of the notebook's: its last good outputs stay, and the failure is recorded.
            if (last.Failure?.Executed is { } earlierCopy) remove.Add(earlierCopy);
            entries.Add(Unwritten(last, written) with { Failure = entry.Failure });
        }
        foreach (var last in earlier.Values)
        {
            if (replaceAll) remove.UnionWith(FilesOf(last));
            else entries.Add(Unwritten(last, written));
        }
        var previousStudy = previous?.Study ?? [];
        List<string> keptStudy = [];
        if (replaceAll) remove.UnionWith(previousStudy);
        else
        {
            keptStudy = [.. previousStudy.Where(f => !written.Contains(f) && !stale.Contains(f, StringComparer.Ordinal))];
            remove.UnionWith(previousStudy.Where(f => stale.Contains(f, StringComparer.Ordinal)));
        }
        remove.ExceptWith(written);
        remove.ExceptWith(Bookkeeping);
        var manifest = new OutputManifest(
            [.. entries.OrderBy(n => n.Notebook, StringComparer.Ordinal)],
            [.. keptStudy.Concat(study).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]) { Data = data };
        return (manifest, remove);
    }

    // An entry kept from an earlier run, without the files this run wrote (they are the new run's now).
    private static NotebookOutputs Unwritten(NotebookOutputs entry, IReadOnlySet<string> written) => entry with
    {
        Files = [.. entry.Files.Where(f => !written.Contains(f))],
        Published = [.. (entry.Published ?? []).Where(p => !written.Contains(p.Path))],
        Images = entry.Images?.Where(i => !written.Contains(i.Key)).ToDictionary(StringComparer.Ordinal),
    };

    private static IEnumerable<string> FilesOf(NotebookOutputs entry) =>
        entry.Failure?.Executed is { } failed ? entry.Files.Append(failed) : entry.Files;

    private static FolderLock Lock(string outDir, TimeSpan? wait) =>
        FolderLock.Acquire(Path.Combine(outDir, LockFileName), wait ?? FolderLock.DefaultWait, (file, waited) => new OutputFolderLockedException(outDir, file, waited));

    /// <summary>The files a manifest of this workbench lists in <paramref name="outDir"/> (with the manifest and its descriptor).</summary>
    private static HashSet<string> Owned(string outDir)
    {
        var owned = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(Path.Combine(outDir, OutputManifest.FileName))) return owned;
        var manifest = OutputManifest.Read(outDir) ?? throw new InvalidOutputFolderException(outDir,
            $"its {OutputManifest.FileName} is not a manifest this version of the workbench reads, so its files cannot be told apart from yours; move them away or choose another --out");
        owned.UnionWith(manifest.AllFiles);
        owned.Add(OutputManifest.FileName);
        owned.Add(DataPackage.FileName);
        return owned;
    }

    private static InvalidOutputFolderException NotOurs(string outDir, IReadOnlyList<string> foreign, string consequence)
    {
        var listed = OutputFolder.Listing(foreign);
        var manifest = File.Exists(Path.Combine(outDir, OutputManifest.FileName))
            ? $"which its {OutputManifest.FileName} does not list"
            : $"and no {OutputManifest.FileName} of this workbench lists them (an older workbench's outputs, or your own files)";
        return new InvalidOutputFolderException(outDir,
            $"holds {listed}, {manifest}; a run replaces only files a manifest lists, so {consequence}: move them away, or choose another --out");
    }

    // The recovery rule, with the lock held: a journal is rolled forward; staging folders without one are dead runs'.
    private static void RecoverLocked(string outDir, Action<string>? step)
    {
        var path = Path.Combine(outDir, JournalFileName);
        if (File.Exists(path))
        {
            CommitJournal? journal;
            try { journal = JsonSerializer.Deserialize<CommitJournal>(File.ReadAllText(path), Json); }
            catch (JsonException) { journal = null; }
            if (journal is not { Move: not null, Remove: not null } || !IsStagingName(journal.Staging))
                throw new InvalidOutputFolderException(outDir, $"{JournalFileName} (an interrupted commit's journal) is damaged; the folder may hold parts of two runs — move it away or choose another --out");
            step?.Invoke($"recovering an interrupted commit ({journal.Staging})");
            RollForward(outDir, journal, step);
        }
        if (File.Exists(path + ".tmp")) File.Delete(path + ".tmp");
        foreach (var dead in Directory.EnumerateDirectories(outDir, StagingPrefix + "*").ToList())
            Directory.Delete(dead, recursive: true);
        // A run killed while its folder was checked for writing (OutputFolder.Prepare) leaves the empty probe file.
        foreach (var probe in Directory.EnumerateFiles(outDir, OutputFolder.ProbePrefix + "*").ToList())
            File.Delete(probe);
    }

    // Each step is a delete or a rename that is skipped when already done, so the whole is safe to repeat after a kill.
    private static void RollForward(string outDir, CommitJournal journal, Action<string>? step)
    {
        var staging = Path.Combine(outDir, journal.Staging);
        foreach (var file in journal.Remove)
        {
            if (OutputFolder.Inside(outDir, file) is not { } target || !File.Exists(target)) continue;
            File.Delete(target);
            step?.Invoke("removed " + file);
        }
        foreach (var file in journal.Move)
        {
            var source = Path.Combine(staging, file);
            if (OutputFolder.Inside(outDir, file) is not { } target || !File.Exists(source)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(source, target, overwrite: true);
            step?.Invoke("moved " + file);
        }
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        File.Delete(Path.Combine(outDir, JournalFileName));
        step?.Invoke("committed");
    }

    private static bool IsStagingName(string? name) =>
        name is { Length: > 0 } && name.StartsWith(StagingPrefix, StringComparison.Ordinal) && name.IndexOfAny(['/', '\\']) < 0 && !name.Contains("..", StringComparison.Ordinal);

    private static bool Exists(string outDir, string relative) => OutputFolder.Inside(outDir, relative) is { } full && File.Exists(full);

    /// <summary>What a commit does once decided: the staging folder's name, the files it moves in (in order), the files it removes.</summary>
    private sealed record CommitJournal(string Staging, IReadOnlyList<string> Move, IReadOnlyList<string> Remove);
}
