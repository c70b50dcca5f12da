using System.Diagnostics;

namespace KzMigration.Storage;

/// <summary>
/// One writer at a time on a folder: a lock file opened with <see cref="FileShare.None"/>, which .NET takes as an OS
/// lock (<c>flock</c> on Unix, a share mode on Windows). The OS releases it when the process ends however it ends
/// (a kill included), so a lock is never left behind by a dead process; the empty file stays. Data imports lock their
/// overlay folder with it (<c>Data.ImportTransaction</c>) and runs their output folder
/// (<c>KzMigration.Publishing.RunOutputs</c>).
/// </summary>
public sealed class FolderLock : IDisposable
{
    /// <summary>How long a writer waits for another one to finish by default.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly FileStream held;

    private FolderLock(string lockFile, FileStream held)
    {
        LockFile = lockFile;
        this.held = held;
    }

    /// <summary>The lock file.</summary>
    public string LockFile { get; }

    /// <summary>
    /// Takes the lock of <paramref name="lockFile"/> (created if missing), waiting up to <paramref name="wait"/> for
    /// its holder; when it is still held, throws what <paramref name="whenHeld"/> makes of the lock file and the time waited.
    /// Only a lock held by another process is waited for: a folder that cannot be written (read-only, not the user's)
    /// throws at once what <paramref name="whenNotWritable"/> makes of the folder and the cause
    /// (<see cref="FolderNotWritableException"/> by default), never «held by another».
    /// </summary>
    public static FolderLock Acquire(string lockFile, TimeSpan wait, Func<string, TimeSpan, Exception> whenHeld,
        Func<string, Exception, Exception>? whenNotWritable = null) =>
        Take(lockFile, wait, create: true, whenHeld, whenNotWritable)!;

    /// <summary>
    /// The same for a reader, without creating the lock file: null when there is none (no writer ever ran there) or
    /// it cannot be opened for writing (a read-only folder: nothing can change under the reader either).
    /// </summary>
    public static FolderLock? AcquireIfPresent(string lockFile, TimeSpan wait, Func<string, TimeSpan, Exception> whenHeld) =>
        Take(lockFile, wait, create: false, whenHeld, null);

    /// <summary>Releases the lock.</summary>
    public void Dispose() => held.Dispose();

    private static FolderLock? Take(string path, TimeSpan wait, bool create, Func<string, TimeSpan, Exception> whenHeld, Func<string, Exception, Exception>? whenNotWritable)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FolderLock(path, new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.None));
            }
            catch (Exception e) when (!create && e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                return null;
            }
            catch (IOException e) when (HeldByAnother(e) && clock.Elapsed < wait)
            {
                Thread.Sleep(Poll);
            }
            catch (IOException e) when (HeldByAnother(e))
            {
                throw whenHeld(path, clock.Elapsed);
            }
            catch (Exception e) when (create && e is UnauthorizedAccessException or IOException and not FileNotFoundException and not DirectoryNotFoundException)
            {
                // Anything else (a read-only file system, a folder not the user's) will not pass by waiting.
                var folder = Path.GetDirectoryName(path)!;
                throw whenNotWritable?.Invoke(folder, e) ?? new FolderNotWritableException(folder, e.Message, e);
            }
        }
    }

    /// <summary>
    /// Whether opening the lock failed because another process holds it: the lock conflict (EWOULDBLOCK from flock on
    /// Linux and macOS, a sharing or lock violation on Windows), not any other failure to open the file.
    /// </summary>
    private static bool HeldByAnother(IOException e) =>
        e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}

/// <summary>A folder a writer must lock cannot be written (read-only, or not the user's): waiting would not help.</summary>
public class FolderNotWritableException(string folder, string reason, Exception inner)
    : IOException($"{folder}: cannot be written ({reason})", inner)
{
    public string Folder { get; } = folder;
    public string Reason { get; } = reason;
}

/// <summary>Writes that must reach the disk before a commit point is recorded.</summary>
public static class DurableFile
{
    /// <summary>Flushes <paramref name="path"/>'s data to the disk (fsync).</summary>
    public static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }
}
