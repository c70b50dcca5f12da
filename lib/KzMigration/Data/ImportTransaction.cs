using KzMigration.Storage;
using KzMigration.Data.Import;

namespace KzMigration.Data;

/// <summary>
/// Another import holds the lock on the overlay folder and did not finish within the wait.
/// </summary>
public sealed class ImportLockedException(string lockFile, TimeSpan waited)
    : IOException($"another import is running (lock held on {lockFile}); waited {waited.TotalSeconds:0} s — try again when it has finished")
{
    public string LockFile { get; } = lockFile;
}

/// <summary>
/// The folder an import would write cannot be written (read-only, or not the user's): said at once, never taken for
/// another import's lock.
/// </summary>
public sealed class ImportFolderNotWritableException(string folder, string reason, Exception inner)
    : IOException($"{folder}: the folder is read-only or cannot be written ({reason}): an import writes its lock and its overlay there; " +
                  "import into a writable copy of the data folder (--data) or another folder (--into)", inner);

/// <summary>
/// One change of an overlay folder (normally <c>data/user/</c>), all or nothing, one at a time. Whatever format
/// produced the rows, the writers change a staged copy; the copy is validated, then swapped in whole. For a folder
/// <c>P/N</c>:
/// <list type="number">
/// <item><b>lock</b> — <c>P/.N.lock</c>, a <see cref="FolderLock"/>: an OS lock, released when the
/// process ends however it ends. A second import waits for it up to a timeout, then fails with «another import is
/// running (lock held on …)». Readers (<see cref="WorkbenchData.Load(string, string[])"/>) take it too while they
/// read the folder, so they never see half of a commit.</item>
/// <item><b>stage</b> — <c>P/.N.staging/N</c>: a copy of the folder that the writers change
/// (<see cref="Staging"/>).</item>
/// <item><b>validate</b> — the caller's check of the staged folder, with its recorded hashes
/// (<see cref="PackageIntegrity"/>) already written.</item>
/// <item><b>commit</b> — write the journal <c>P/.N.commit</c> (the decision to roll forward), rename the folder to
/// <c>P/.N.old</c>, rename the staged folder into place, delete <c>.old</c>, delete the journal.</item>
/// </list>
/// <b>Recovery</b> (<see cref="Recover"/>, run under the lock by the next import or load): with a journal, finish
/// the roll forward; without one, delete the staged leftovers. A kill at any instant therefore leaves the folder as
/// it was before the import or as it is after it, never in between.
/// </summary>
public sealed class ImportTransaction : IDisposable
{
    /// <summary>How long an import (or a load) waits for another import to finish by default.</summary>
    public static readonly TimeSpan DefaultWait = FolderLock.DefaultWait;

    private readonly FolderLock _lock;
    private bool _committed;

    private ImportTransaction(string directory, FolderLock held)
    {
        Directory = directory;
        _lock = held;
        Staging = Path.Combine(StagingParent(directory), Path.GetFileName(directory));
    }

    /// <summary>The overlay folder being changed.</summary>
    public string Directory { get; }

    /// <summary>The staged copy the writers change; it becomes <see cref="Directory"/> on <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Takes the lock (waiting up to <paramref name="wait"/>), recovers an interrupted commit, and stages a copy of the folder.</summary>
    public static ImportTransaction Begin(string overlayDirectory, TimeSpan? wait = null)
    {
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(overlayDirectory));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        var held = Acquire(directory, wait ?? DefaultWait, create: true)!;
        try
        {
            RecoverLocked(directory);
            var transaction = new ImportTransaction(directory, held);
            System.IO.Directory.CreateDirectory(transaction.Staging);
            // Everything in the folder, so the swap loses nothing the import did not change.
            if (System.IO.Directory.Exists(directory))
                foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(transaction.Staging, Path.GetRelativePath(directory, file));
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            return transaction;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records the staged tables' hashes, runs <paramref name="validate"/> on the staged folder (it throws to refuse),
    /// then swaps the staged folder in. Nothing in <see cref="Directory"/> changes unless the whole commit does.
    /// </summary>
    public void Commit(Action<string> validate)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        PackageIntegrity.WriteOverlayDescriptor(Staging);
        validate(Staging);
        foreach (var file in System.IO.Directory.EnumerateFiles(Staging, "*", SearchOption.AllDirectories)) DurableFile.Flush(file);

        var journal = JournalOf(Directory);
        File.WriteAllText(journal + ".tmp", Path.GetFileName(Staging) + "\n");
        DurableFile.Flush(journal + ".tmp");
        File.Move(journal + ".tmp", journal); // the commit point: from here on, recovery rolls forward
        RollForward(Directory);
        _committed = true;
    }

    /// <summary>Ends the transaction: an uncommitted stage is deleted, the lock released.</summary>
    public void Dispose()
    {
        try
        {
            if (!_committed && System.IO.Directory.Exists(StagingParent(Directory))) System.IO.Directory.Delete(StagingParent(Directory), recursive: true);
        }
        finally
        {
            _lock.Dispose();
        }
    }

    /// <summary>True when an interrupted import left a journal or a staged copy beside <paramref name="overlayDirectory"/>.</summary>
    public static bool NeedsRecovery(string overlayDirectory)
    {
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(overlayDirectory));
        return File.Exists(JournalOf(directory)) || System.IO.Directory.Exists(StagingParent(directory)) || System.IO.Directory.Exists(OldOf(directory));
    }

    /// <summary>Takes the lock and finishes or undoes an interrupted import (see the class summary).</summary>
    public static void Recover(string overlayDirectory, TimeSpan? wait = null)
    {
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(overlayDirectory));
        using var held = Acquire(directory, wait ?? DefaultWait, create: true);
        RecoverLocked(directory);
    }

    /// <summary>
    /// Holds the lock of <paramref name="overlayDirectory"/> while a reader reads it (recovering first if needed);
    /// null when no import ever ran there and the lock cannot be created (a read-only data folder).
    /// </summary>
    internal static IDisposable? ReadGuard(string overlayDirectory, TimeSpan? wait = null)
    {
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(overlayDirectory));
        var held = Acquire(directory, wait ?? DefaultWait, create: false);
        if (held is null) return null;
        try
        {
            RecoverLocked(directory);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>The lock file of an overlay folder.</summary>
    public static string LockFileOf(string directory) => Beside(directory, ".lock");

    private static string JournalOf(string directory) => Beside(directory, ".commit");

    private static string StagingParent(string directory) => Beside(directory, ".staging");

    private static string OldOf(string directory) => Beside(directory, ".old");

    private static string Beside(string directory, string suffix) =>
        Path.Combine(Path.GetDirectoryName(directory)!, "." + Path.GetFileName(directory) + suffix);

    private static FolderLock? Acquire(string directory, TimeSpan wait, bool create) => create
        ? FolderLock.Acquire(LockFileOf(directory), wait, (file, waited) => new ImportLockedException(file, waited),
            (folder, cause) => new ImportFolderNotWritableException(folder, cause.Message, cause))
        : FolderLock.AcquireIfPresent(LockFileOf(directory), wait, (file, waited) => new ImportLockedException(file, waited));

    // The recovery rule, with the lock held.
    private static void RecoverLocked(string directory)
    {
        var journal = JournalOf(directory);
        if (File.Exists(journal))
        {
            RollForward(directory);
            return;
        }
        // No decision to commit was recorded: whatever was staged is dropped and the folder stays as it was.
        if (System.IO.Directory.Exists(StagingParent(directory))) System.IO.Directory.Delete(StagingParent(directory), recursive: true);
        if (System.IO.Directory.Exists(OldOf(directory)))
        {
            if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(OldOf(directory), recursive: true);
            else System.IO.Directory.Move(OldOf(directory), directory);
        }
        if (File.Exists(journal + ".tmp")) File.Delete(journal + ".tmp");
    }

    // Each step is a rename or a delete, and each is safe to repeat after a kill: while the staged folder exists the
    // folder in place is still the old one.
    private static void RollForward(string directory)
    {
        var staged = Path.Combine(StagingParent(directory), Path.GetFileName(directory));
        var old = OldOf(directory);
        if (System.IO.Directory.Exists(staged))
        {
            if (System.IO.Directory.Exists(directory))
            {
                if (System.IO.Directory.Exists(old)) System.IO.Directory.Delete(old, recursive: true);
                System.IO.Directory.Move(directory, old);
            }
            System.IO.Directory.Move(staged, directory);
        }
        if (System.IO.Directory.Exists(old)) System.IO.Directory.Delete(old, recursive: true);
        if (System.IO.Directory.Exists(StagingParent(directory))) System.IO.Directory.Delete(StagingParent(directory), recursive: true);
        File.Delete(JournalOf(directory));
    }
}
