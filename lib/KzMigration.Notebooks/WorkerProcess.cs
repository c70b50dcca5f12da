using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace KzMigration.Notebooks;

/// <summary>
/// One supervised worker process (a notebook worker, the Jupyter kernel's C# session): its request pipe, its reply
/// lines, and what it writes to stderr (the tail kept for a report of how it ended; each line also passed on when asked).
/// Its C library is given <see cref="NotebookSupervisor.NativeMemorySettings"/>.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int StderrTailChars = 2000;
    private readonly Process process;
    private readonly Channel<string> replies = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly StringBuilder stderrTail = new();
    private readonly Task readingReplies;
    private readonly Task readingErrors;

    private readonly Action<string>? onErrorLine;

    private WorkerProcess(Process process, Action<string>? onErrorLine)
    {
        this.process = process;
        this.onErrorLine = onErrorLine;
        // Each pipe is read by a thread of its own: a pipe read blocks a thread in .NET on Unix (even ReadAsync, on a pool
        // thread), and two pool threads blocked for the worker's life leave a 2-core machine's pool without threads for the
        // continuations that pass each reply on (bench/README.md, «Jupyter kernel», issue 24).
        readingReplies = Task.Factory.StartNew(ReadReplies, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        readingErrors = Task.Factory.StartNew(ReadErrors, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts <paramref name="launch"/>; <paramref name="what"/> names it in an error; <paramref name="onErrorLine"/> gets each line it writes to stderr.</summary>
    public static WorkerProcess Start(WorkerLaunch launch, string what, Action<string>? onErrorLine = null)
    {
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in launch.Arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in NotebookSupervisor.NativeMemorySettings)
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) start.Environment[name] = value;
        Process process;
        try { process = Process.Start(start) ?? throw new IOException("the process did not start"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"cannot start {what} ({launch.FileName} {string.Join(' ', launch.Arguments)}): {e.Message}", e);
        }
        return new WorkerProcess(process, onErrorLine);
    }

    public async Task<bool> SendAsync(string line)
    {
        try
        {
            await process.StandardInput.WriteAsync(line + "\n").ConfigureAwait(false);
            await process.StandardInput.FlushAsync().ConfigureAwait(false);
            return true;
        }
        catch (IOException) { return false; } // the worker is gone; the caller reports how it ended
    }

    /// <summary>
    /// Writes one request line at once, on the calling thread: a pipe write is a blocking call anyway, and its async form
    /// would occupy a second (pool) thread while this one waits. False when the worker is gone.
    /// </summary>
    public bool Send(string line)
    {
        try
        {
            process.StandardInput.Write(line + "\n");
            process.StandardInput.Flush();
            return true;
        }
        catch (IOException) { return false; } // the worker is gone; the caller reports how it ended
    }

    /// <summary>The next reply line; null when the worker's output ended; <c>Silent</c> when nothing came for <paramref name="patience"/>.</summary>
    public async Task<(string? Line, bool Silent)> ReadLineAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(patience);
        try
        {
            return await replies.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false) && replies.Reader.TryRead(out var line)
                ? (line, false)
                : (null, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, true);
        }
    }

    public async Task<(int ExitCode, string LastWords)> WaitForExitAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await process.WaitForExitAsync(wait.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { Kill(); }
        try { await readingErrors.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (TimeoutException) { }
        string lastWords;
        lock (stderrTail) lastWords = string.Join(" | ", stderrTail.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        return (process.HasExited ? process.ExitCode : -1, lastWords);
    }

    private void ReadReplies()
    {
        try
        {
            while (process.StandardOutput.ReadLine() is { } line)
                if (line.Length > 0) replies.Writer.TryWrite(line);
        }
        catch (IOException) { }
        finally { replies.Writer.TryComplete(); }
    }

    private void ReadErrors()
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        try
        {
            int read;
            while ((read = process.StandardError.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (stderrTail)
                {
                    stderrTail.Append(buffer, 0, read);
                    if (stderrTail.Length > StderrTailChars) stderrTail.Remove(0, stderrTail.Length - StderrTailChars);
                }
                if (onErrorLine is null) continue;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != '\n') { if (line.Length < StderrTailChars) line.Append(buffer[i]); continue; }
                    onErrorLine(line.ToString().TrimEnd('\r'));
                    line.Clear();
                }
            }
            if (line.Length > 0) onErrorLine?.Invoke(line.ToString());
        }
        catch (IOException) { }
    }

    /// <summary>The process id (for a log line).</summary>
    public int Id => process.Id;

    /// <summary>Ends the process and its children at once (a worker whose code will not stop).</summary>
    public void Kill()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its input ends a healthy worker's loop; one that does not end soon is killed.
        try { process.StandardInput.Close(); } catch (IOException) { }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await process.WaitForExitAsync(wait.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { Kill(); }
        try { await Task.WhenAll(readingReplies, readingErrors).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (TimeoutException) { }
        process.Dispose();
    }
}
