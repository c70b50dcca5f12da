using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace KzMigration.Notebooks;

/// <summary>
/// A supervisor's line to one worker: requests go in, reply lines come out (read by a thread of their own into a
/// channel), and when it ends, how it ended. A worker is either this process's child (<see cref="WorkerProcess"/>) or a
/// worker an earlier run kept warm (<see cref="WarmWorker"/>), reached through its socket.
/// </summary>
internal abstract class WorkerLink : IAsyncDisposable
{
    private readonly Channel<string> replies = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Dictionary<int, TaskCompletionSource<FigureReply?>> drawing = [];
    private bool pumped; // the worker's output ended: no reply comes any more

    /// <summary>The worker's process id.</summary>
    public abstract int Id { get; }

    private readonly SemaphoreSlim sending = new(1, 1);
    private int batches;

    /// <summary>Sends one line (one at a time: a notebook's request and a figure request may be sent at once); false when the worker is gone.</summary>
    public async Task<bool> SendAsync(string line)
    {
        await sending.WaitAsync().ConfigureAwait(false);
        try { return await WriteLineAsync(line).ConfigureAwait(false); }
        finally { sending.Release(); }
    }

    /// <summary>Writes one line to the worker; false when the worker is gone.</summary>
    protected abstract Task<bool> WriteLineAsync(string line);

    /// <summary>How the worker ended: its exit code when known, and its last words (the tail of what it wrote to stderr).</summary>
    public abstract Task<(int? ExitCode, string LastWords)> WaitForExitAsync();

    /// <summary>Ends the worker and its children at once (a worker whose code will not stop).</summary>
    public abstract void Kill();

    public abstract ValueTask DisposeAsync();

    /// <summary>Passes on each line <paramref name="readLine"/> returns until it returns null or its stream fails (on a thread of the caller's).</summary>
    protected void PumpReplies(Func<string?> readLine)
    {
        try
        {
            while (readLine() is { } line)
            {
                // A figure reply goes to the run's image export that waits for it; every other line to the notebook's reader.
                if (line.StartsWith(FigureRequestLine.Prefix, StringComparison.Ordinal)) Answer(line);
                else if (line.Length > 0) replies.Writer.TryWrite(line);
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            replies.Writer.TryComplete();
            List<TaskCompletionSource<FigureReply?>> unanswered;
            lock (drawing)
            {
                pumped = true;
                unanswered = [.. drawing.Values];
                drawing.Clear();
            }
            foreach (var waiting in unanswered) waiting.TrySetResult(null);
        }
    }

    private void Answer(string line)
    {
        FigureReply? reply;
        try { reply = System.Text.Json.JsonSerializer.Deserialize<WorkerReply>(line, NotebookWorker.Json)?.Figures; }
        catch (System.Text.Json.JsonException) { return; }
        if (reply is null) return;
        TaskCompletionSource<FigureReply?>? waiting;
        lock (drawing) drawing.Remove(reply.Batch, out waiting);
        waiting?.TrySetResult(reply);
    }

    /// <summary>
    /// Asks the worker to draw figures (a kept worker's Chromium, <see cref="KeptFigureDrawer"/>) beside the notebook it
    /// may be running, and waits for its answer; null when the worker is gone or its line ended first, or neither answers
    /// nor ends within <paramref name="patience"/>. The request's batch number is given here (one sequence per line, so
    /// replies are never confused).
    /// </summary>
    public async Task<FigureReply?> DrawAsync(FigureRequest request, TimeSpan patience, CancellationToken cancellationToken)
    {
        request = request with { Batch = Interlocked.Increment(ref batches) };
        var waiting = new TaskCompletionSource<FigureReply?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (drawing)
        {
            if (pumped) return null;
            drawing[request.Batch] = waiting;
        }
        try
        {
            if (!await SendAsync(System.Text.Json.JsonSerializer.Serialize(new FigureRequestLine(request), NotebookWorker.Json)).ConfigureAwait(false)) return null;
            return await waiting.Task.WaitAsync(patience, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) { return null; }
        finally
        {
            lock (drawing) drawing.Remove(request.Batch);
        }
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
}

/// <summary>
/// One supervised worker process (a notebook worker, the Jupyter kernel's C# session): its request pipe, its reply
/// lines, and what it writes to stderr (the tail kept for a report of how it ended; each line also passed on when asked).
/// Its C library is given <see cref="NotebookSupervisor.NativeMemorySettings"/>.
/// </summary>
internal sealed class WorkerProcess : WorkerLink
{
    private const int StderrTailChars = 2000;
    private readonly Process process;
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
        readingReplies = Task.Factory.StartNew(() => PumpReplies(process.StandardOutput.ReadLine), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
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
        // The caller's own environment wins over every setting; among the settings, a later one wins.
        foreach (var (name, value) in NotebookSupervisor.NativeMemorySettings.Concat(launch.Settings ?? []))
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) start.Environment[name] = value;
        Process process;
        try { process = Process.Start(start) ?? throw new IOException("the process did not start"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"cannot start {what} ({launch.FileName} {string.Join(' ', launch.Arguments)}): {e.Message}", e);
        }
        return new WorkerProcess(process, onErrorLine);
    }

    protected override async Task<bool> WriteLineAsync(string line)
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

    public override async Task<(int? ExitCode, string LastWords)> WaitForExitAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await process.WaitForExitAsync(wait.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { Kill(); }
        try { await readingErrors.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (TimeoutException) { }
        string lastWords;
        lock (stderrTail) lastWords = string.Join(" | ", stderrTail.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        return (process.HasExited ? process.ExitCode : -1, lastWords);
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
    public override int Id => process.Id;

    /// <summary>Ends the process and its children at once (a worker whose code will not stop).</summary>
    public override void Kill()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Set when the worker said it stays warm for a later run: closing its input then ends nothing, and it is not waited for.</summary>
    public bool HandedOff { get; set; }

    public override async ValueTask DisposeAsync()
    {
        // Closing its input ends a healthy worker's loop; one that does not end soon is killed. A worker handed off stays,
        // and is not waited for.
        try { process.StandardInput.Close(); } catch (IOException) { }
        // Nothing it writes from now on is this run's: its readers (background threads) end when it detaches from the pipes.
        if (HandedOff) return;
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await process.WaitForExitAsync(wait.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { Kill(); }
        try { await Task.WhenAll(readingReplies, readingErrors).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (TimeoutException) { }
        process.Dispose();
    }
}
