using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using KzMigration.Notebooks;

namespace KzMigration.Kernel;

/// <summary>
/// The kernel's side of its C# session (<see cref="SessionServer"/>, a supervised child process started with
/// <see cref="WorkerLaunch"/>). C# scripting cannot stop a running statement, and the next submission waits for it, so
/// a cell that ignores an interrupt would hold the session for good. Here an interrupt is passed on; when the cell has
/// not stopped within <see cref="Grace"/> (its reply and a probe submission both back), the session's process is ended
/// and a fresh one started, and the cell's output says plainly that the session's state was lost. A session process that
/// ends on its own (a cell calls <c>Environment.Exit</c>, a crash) is replaced the same way.
/// </summary>
internal sealed class SessionProcess : IAsyncDisposable
{
    /// <summary>How long an interrupted cell may take to stop before the session is restarted, by default.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WorkerLaunch launch;
    private readonly TextWriter log;
    private readonly Lock gate = new();
    private Child? child;
    private string? lostNotice;
    private TaskCompletionSource<DateTime>? interrupted;

    /// <summary>
    /// The session's JIT: every method that has no precompiled code (the C# compiler, .NET Interactive, the library: none
    /// of them ship ReadyToRun) is compiled optimised at its first call, not first at tier 0. The runtime's default suits
    /// short runs, but a session compiles a submission per cell, and the compiler's tier-0 code stayed in use: a method is
    /// promoted after 30 calls, and only once no new method has been compiled for 100 ms, which cells that follow each other
    /// never leave. The price is the session's first compilation, which runs before the first cell, and its first completion;
    /// precompiled framework code keeps its tiers. Measured in bench/README.md («Issue 24, fifth session»). Processes a cell
    /// starts inherit the setting, as they inherit the rest of the session's environment.
    /// </summary>
    internal static readonly IReadOnlyList<(string Name, string Value)> JitSettings = [("DOTNET_TC_QuickJit", "0")];

    public SessionProcess(WorkerLaunch launch, TimeSpan grace, TextWriter log)
    {
        // The session's defaults first: a setting the launch names itself comes later and wins.
        this.launch = launch with { Settings = [.. JitSettings, .. launch.Settings ?? []] };
        this.log = log;
        Grace = grace;
    }

    /// <summary>How long an interrupted cell may take to stop before the session's process is restarted.</summary>
    public TimeSpan Grace { get; }

    /// <summary>How many session processes were started (1 while no cell had to be abandoned).</summary>
    public int Started { get; private set; }

    /// <summary>
    /// True once (then reset) after a cell whose outputs passed through here were large (over
    /// <see cref="SessionServer.LargeOutputChars"/>): the kernel then collects, so their copies do not stay at its high-water mark.
    /// </summary>
    public bool TakeLargeOutput() => Interlocked.Exchange(ref largeOutput, 0) == 1;

    private int largeOutput;

    /// <summary>Starts the session's process now (it warms up while the front-end connects).</summary>
    public void Start() => Current();

    /// <summary>
    /// Runs a cell. Outputs go to <paramref name="onOutput"/> (IOPub type and content) as they come; the result is the
    /// execute reply's content without its execution count.
    /// </summary>
    public async Task<JsonObject> ExecuteAsync(string code, string? cellId, Action<string, JsonObject> onOutput)
    {
        var session = Current();
        if (TakeLostNotice() is { } notice) onOutput("stream", Stream("stderr", notice));
        var signal = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate) interrupted = signal;
        try
        {
            var reply = session.RequestAsync(new JsonObject { ["kind"] = "execute", ["code"] = code, ["cell"] = cellId }, onOutput);
            if (await Task.WhenAny(reply, signal.Task).ConfigureAwait(false) == reply)
                return await reply.ConfigureAwait(false) ?? await Ended(session, onOutput).ConfigureAwait(false);

            // Interrupted: the cell has until the deadline to end and to let a probe submission through.
            var deadline = await signal.Task.ConfigureAwait(false) + Grace;
            if (!await Within(reply, deadline).ConfigureAwait(false)) return await Restart(session, onOutput).ConfigureAwait(false);
            var end = await reply.ConfigureAwait(false);
            if (end is null) return await Ended(session, onOutput).ConfigureAwait(false);
            if (SessionServer.Text(end, "ename") != "Interrupted") return end; // it finished (or failed) by itself
            // Kept only on the probe's "ok": an error reply (the probe failed, or could not show that the code stopped)
            // leaves the cell's code possibly running, and the user would be told its state was kept.
            var probe = session.RequestAsync(new JsonObject { ["kind"] = "probe" }, (_, _) => { });
            return await Within(probe, deadline).ConfigureAwait(false) && await probe.ConfigureAwait(false) is { } answer && SessionServer.Text(answer, "status") == "ok"
                ? end
                : await Restart(session, onOutput).ConfigureAwait(false);
        }
        finally
        {
            lock (gate) interrupted = null;
        }
    }

    /// <summary>Passes an interrupt on to the session (called from the control channel, at once).</summary>
    public void Interrupt()
    {
        TaskCompletionSource<DateTime>? signal;
        Child? session;
        lock (gate) (signal, session) = (interrupted, child);
        session?.Send(new JsonObject { ["kind"] = "interrupt" });
        signal?.TrySetResult(DateTime.UtcNow);
    }

    /// <summary>A completion or inspection request (<c>complete</c>, <c>inspect</c>); null when the session's process ended meanwhile.</summary>
    public async Task<JsonObject?> AskAsync(string kind, string code, int cursor)
    {
        var session = Current();
        return await session.RequestAsync(new JsonObject { ["kind"] = kind, ["code"] = code, ["cursor"] = cursor }, (_, _) => { }).ConfigureAwait(false);
    }

    private static async Task<bool> Within(Task task, DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        if (left > TimeSpan.Zero) await Task.WhenAny(task, Task.Delay(left)).ConfigureAwait(false);
        return task.IsCompleted;
    }

    private async Task<JsonObject> Restart(Child session, Action<string, JsonObject> onOutput)
    {
        session.Kill();
        await Replace(session).ConfigureAwait(false);
        var seconds = Grace.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var message = $"The cell did not stop within {seconds} s of the interrupt, so the C# session was restarted: its state was lost " +
                      "(variables, using directives, #r references and Workbench.UseFolders of earlier cells). Run the cells you need again.";
        log.WriteLine($"kzmig kernel: an interrupted cell did not stop within {seconds} s; the C# session (process {session.Id}) was ended and a new one started");
        log.Flush();
        onOutput("stream", Stream("stderr", message + "\n"));
        return JupyterMessage.ErrorContent("Interrupted", message, ["Interrupted: the cell was interrupted.", message]);
    }

    private async Task<JsonObject> Ended(Child session, Action<string, JsonObject> onOutput)
    {
        await session.Finished.ConfigureAwait(false);
        var (exitCode, lastWords) = (session.ExitCode, session.LastWords);
        await Replace(session).ConfigureAwait(false);
        TakeLostNotice(); // said here, with this cell
        var message = $"The C# session's process ended with exit code {exitCode} while this cell ran (Environment.Exit or a crash)" +
                      (lastWords is { Length: > 0 } ? $"; it said: {lastWords}" : "") +
                      ". A new session was started: the state of earlier cells was lost. Run the cells you need again.";
        onOutput("stream", Stream("stderr", message + "\n"));
        return JupyterMessage.ErrorContent("SessionEnded", message, [message]);
    }

    /// <summary>Replaces <paramref name="ended"/> by a fresh session process (started now, so it warms up for the next cell).</summary>
    private async Task Replace(Child ended)
    {
        lock (gate)
            if (child == ended) child = null;
        await ended.DisposeAsync().ConfigureAwait(false);
        Current();
    }

    /// <summary>The running session process, started if there is none (a process that ended while idle is noted for the next cell).</summary>
    private Child Current()
    {
        lock (gate)
        {
            if (child is { HasEnded: true } dead)
            {
                lostNotice = $"The C# session's process had ended (exit code {dead.ExitCode}); a new session was started: the state of earlier cells was lost.\n";
                _ = dead.DisposeAsync().AsTask();
                child = null;
            }
            if (child is null)
            {
                Started++;
                child = new Child(WorkerProcess.Start(launch, "the kernel's C# session", line => { log.WriteLine("kzmig kernel session: " + line); log.Flush(); }),
                    () => Interlocked.Exchange(ref largeOutput, 1));
            }
            return child;
        }
    }

    private string? TakeLostNotice()
    {
        lock (gate)
        {
            var notice = lostNotice;
            lostNotice = null;
            return notice;
        }
    }

    private static JsonObject Stream(string name, string text) => new() { ["name"] = name, ["text"] = text };

    public async ValueTask DisposeAsync()
    {
        Child? ending;
        lock (gate) (ending, child) = (child, null);
        if (ending is null) return;
        // A shutdown discards the session's state; a running cell is not waited for. Ending it never fails the shutdown.
        try
        {
            ending.Kill();
            await ending.DisposeAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            log.WriteLine("kzmig kernel: ending the C# session: " + e.Message);
        }
    }

    /// <summary>One session process: requests by id, their outputs and replies dispatched as its lines arrive.</summary>
    private sealed class Child : IAsyncDisposable
    {
        private readonly WorkerProcess process;
        private readonly ConcurrentDictionary<long, (TaskCompletionSource<JsonObject?> Reply, Action<string, JsonObject> Output)> pending = new();
        private readonly Lock writing = new();
        private readonly Task reading;
        private long nextId;
        private volatile bool ended;

        private readonly Action onLargeLine;

        public Child(WorkerProcess process, Action onLargeLine)
        {
            this.process = process;
            this.onLargeLine = onLargeLine;
            Id = process.Id;
            reading = Task.Run(ReadAsync);
        }

        public int Id { get; }

        public bool HasEnded => ended;

        public int ExitCode { get; private set; } = -1;

        public Task<JsonObject?> RequestAsync(JsonObject request, Action<string, JsonObject> output)
        {
            var id = Interlocked.Increment(ref nextId);
            var reply = new TaskCompletionSource<JsonObject?>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[id] = (reply, output);
            request["id"] = id;
            if (ended || !Send(request)) Fail();
            return reply.Task;
        }

        /// <summary>Writes one request line; false when the process is gone.</summary>
        public bool Send(JsonObject request)
        {
            var line = request.ToJsonString(JsonOptions);
            lock (writing)
            {
                try
                {
                    // Small lines into a pipe: written synchronously, so an interrupt never waits behind a request.
                    return process.Send(line);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { return false; }
            }
        }

        private async Task ReadAsync()
        {
            while (true)
            {
                var (line, _) = await process.ReadLineAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
                if (line is null) break;
                if (line.Length > SessionServer.LargeOutputChars) onLargeLine();
                JsonObject? message;
                try { message = line.StartsWith('{') ? JsonNode.Parse(line) as JsonObject : null; }
                catch (JsonException) { message = null; }
                if (message?["id"] is not JsonValue idValue || !idValue.TryGetValue<long>(out var id) || !pending.TryGetValue(id, out var request)) continue;
                // The parsed line is this reader's own: its parts are detached and handed on, not copied (an output can be megabytes).
                if (message["output"] is JsonObject output)
                {
                    var type = SessionServer.Text(output, "type");
                    if (output["content"] is JsonObject content && output.Remove("content")) request.Output(type, content);
                }
                else if (message["reply"] is JsonObject reply && pending.TryRemove(id, out _) && message.Remove("reply"))
                    request.Reply.TrySetResult(reply);
            }
            try { var (code, lastWords) = await process.WaitForExitAsync().ConfigureAwait(false); (ExitCode, LastWords) = (code ?? -1, lastWords); }
            catch (InvalidOperationException) { } // already disposed by a shutdown: the exit code is not needed
            ended = true;
            Fail();
        }

        private void Fail()
        {
            foreach (var id in pending.Keys)
                if (pending.TryRemove(id, out var request)) request.Reply.TrySetResult(null);
        }

        /// <summary>Completes when the process's output has ended and its exit code is known.</summary>
        public Task Finished => reading;

        public string LastWords { get; private set; } = "";

        public void Kill() => process.Kill();

        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync().ConfigureAwait(false);
            try { await reading.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (TimeoutException) { }
        }
    }
}
