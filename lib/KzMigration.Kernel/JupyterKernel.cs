using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KzMigration.Charts;
using KzMigration.Notebooks;
using NetMQ;
using NetMQ.Sockets;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Kernel;

/// <summary>
/// The workbench as a Jupyter kernel: binds the five channels named by the connection file and
/// answers the messaging protocol 5.3 with a C# session in a supervised child process (<see cref="SessionProcess"/>).
/// </summary>
/// <remarks>
/// Threads: one NetMQ poller thread owns every socket (NetMQ sockets are not thread-safe); it
/// answers heartbeats and control messages at once, so an interrupt reaches a busy kernel. Shell
/// requests queue to a single worker that runs them in order, as the protocol expects. Replies and
/// IOPub messages from the worker reach the poller through a queue.
/// Protocol: https://jupyter-client.readthedocs.io/en/stable/messaging.html
/// </remarks>
public sealed class JupyterKernel : IDisposable
{
    private readonly ConnectionFile connection;
    private readonly MessageSigner signer;
    private readonly TextWriter log;
    private readonly string session = Guid.NewGuid().ToString("N");
    private readonly RouterSocket shell = new();
    private readonly RouterSocket control = new();
    private readonly RouterSocket stdin = new();
    private readonly PublisherSocket iopub = new();
    private readonly ResponseSocket heartbeat = new();
    private readonly NetMQQueue<(NetMQSocket Socket, NetMQMessage Frames)> outgoing = new();
    private readonly NetMQPoller poller;
    private readonly Channel<JupyterMessage> shellQueue = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SessionProcess csharp;

    /// <summary>How long an interrupted cell may take to stop before the C# session is restarted, unless the command line says otherwise.</summary>
    public static TimeSpan DefaultInterruptGrace => SessionProcess.DefaultGrace;

    private int executionCount;
    private string? firstOutputNotice;

    /// <param name="connection">Where to bind and the signing key.</param>
    /// <param name="session">How to start the C# session's process (<c>kzmig kernel-session …</c>); the kernel adds <c>--slug</c>.</param>
    /// <param name="interruptGrace">How long an interrupted cell may take to stop before the session is restarted.</param>
    /// <param name="log">Where the kernel reports dropped messages and failures (the process's stderr).</param>
    /// <param name="firstOutputNotice">Said in the first cell's output (how the session's folders were chosen), or null.</param>
    public JupyterKernel(ConnectionFile connection, WorkerLaunch session, TimeSpan interruptGrace, TextWriter log, string? firstOutputNotice = null)
    {
        this.connection = connection;
        this.log = log;
        this.firstOutputNotice = firstOutputNotice;
        csharp = new SessionProcess(session with { Arguments = [.. session.Arguments, "--slug", this.session[..8]] }, interruptGrace, log);
        signer = new MessageSigner(connection.Key);
        poller = [shell, control, stdin, heartbeat, outgoing];
        shell.ReceiveReady += (_, e) => Receive(e.Socket, shellQueue.Writer.TryWrite);
        control.ReceiveReady += (_, e) => Receive(e.Socket, OnControl);
        stdin.ReceiveReady += (_, e) => Receive(e.Socket, _ => true); // input requests are not used: cells cannot prompt
        heartbeat.ReceiveReady += (_, e) => e.Socket.SendMultipartMessage(e.Socket.ReceiveMultipartMessage());
        outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero)) item.Socket.SendMultipartMessage(item.Frames);
        };
    }

    /// <summary>Binds, starts the C# session and serves until a shutdown request. Returns when the kernel has stopped.</summary>
    public async Task RunAsync()
    {
        // Bind before the (slower) C# kernel starts so the front-end's first kernel_info waits in the queue.
        shell.Bind(connection.ShellEndpoint);
        control.Bind(connection.ControlEndpoint);
        stdin.Bind(connection.StdinEndpoint);
        iopub.Bind(connection.IopubEndpoint);
        heartbeat.Bind(connection.HeartbeatEndpoint);
        poller.RunAsync("jupyter-kernel-sockets");

        csharp.Start();
        var worker = Task.Run(ServeShellAsync);
        _ = WatchParentAsync();
        await stopped.Task.ConfigureAwait(false);
        shellQueue.Writer.TryComplete();
        // Let the replies queued so far (the shutdown reply) leave before the sockets close.
        await Task.WhenAny(worker, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await Task.Delay(100).ConfigureAwait(false);
        poller.Stop();
        await csharp.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Jupyter front-ends name themselves in <c>JPY_PARENT_PID</c>; when that process is gone (it
    /// crashed or was killed without shutting its kernels down) the kernel stops rather than linger.
    /// </summary>
    private async Task WatchParentAsync()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var parent) || parent <= 1) return;
        while (!stopped.Task.IsCompleted)
        {
            await Task.WhenAny(stopped.Task, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            if (Processes.IsRunning(parent)) continue;
            log.WriteLine($"kzmig kernel: the front-end (process {parent}) is gone; stopping");
            log.Flush();
            stopped.TrySetResult();
        }
    }

    private void Receive(NetMQSocket socket, Func<JupyterMessage, bool> handle)
    {
        var frames = socket.ReceiveMultipartMessage();
        var message = JupyterMessage.Decode(frames, signer, out var rejection);
        if (message is null)
        {
            // Never executed, never answered: a client without the key gets nothing from the kernel.
            log.WriteLine($"kzmig kernel: dropped a message on the {Name(socket)} channel: {rejection}");
            log.Flush();
            return;
        }
        handle(message);
    }

    private string Name(NetMQSocket socket) =>
        socket == shell ? "shell" : socket == control ? "control" : socket == stdin ? "stdin" : "heartbeat";

    private void Send(NetMQSocket socket, JupyterMessage message) => outgoing.Enqueue((socket, message.Encode(signer)));

    private void Reply(NetMQSocket socket, JupyterMessage request, string type, JsonObject content) =>
        Send(socket, JupyterMessage.Create(type, content, request, session));

    private void Publish(JupyterMessage? parent, string type, JsonObject content) =>
        Send(iopub, JupyterMessage.Create(type, content, parent, session, [System.Text.Encoding.UTF8.GetBytes(type)]));

    private void Status(JupyterMessage parent, string state) => Publish(parent, "status", new JsonObject { ["execution_state"] = state });

    /// <summary>Control messages are answered on the poller thread, at once, even while a cell runs; nothing in one stops the thread.</summary>
    private bool OnControl(JupyterMessage message)
    {
        try
        {
            if (ContentProblem(message) is { } problem)
                Reply(control, message, ReplyType(message.Type), InvalidRequest(problem));
            else
                HandleControl(message);
        }
        catch (Exception e)
        {
            log.WriteLine($"kzmig kernel: control message '{message.Type}' failed: {e.GetType().Name}: {e.Message}");
            log.Flush();
        }
        return true;
    }

    private void HandleControl(JupyterMessage message)
    {
        switch (message.Type)
        {
            case "interrupt_request":
                csharp.Interrupt();
                Reply(control, message, "interrupt_reply", Ok());
                break;
            case "shutdown_request":
                Shutdown(control, message);
                break;
            case "kernel_info_request":
                Reply(control, message, "kernel_info_reply", KernelInfo());
                break;
            default:
                log.WriteLine($"kzmig kernel: control message '{message.Type}' is not supported");
                log.Flush();
                break;
        }
    }

    private void Shutdown(NetMQSocket socket, JupyterMessage message)
    {
        var restart = message.Content["restart"]?.GetValueKind() == JsonValueKind.True;
        Reply(socket, message, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        Publish(message, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        stopped.TrySetResult();
    }

    private async Task ServeShellAsync()
    {
        await foreach (var message in shellQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Status(message, "busy");
            try
            {
                if (ContentProblem(message) is { } problem)
                {
                    var reply = InvalidRequest(problem);
                    if (message.Type == "execute_request") reply["execution_count"] = executionCount;
                    Reply(shell, message, ReplyType(message.Type), reply);
                }
                else
                    await HandleShellAsync(message).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A failure of the kernel itself (not of user code): say so and keep serving.
                log.WriteLine($"kzmig kernel: {message.Type} failed: {e.GetType().Name}: {e.Message}");
                log.Flush();
                try { Reply(shell, message, ReplyType(message.Type), JupyterMessage.ErrorContent(e.GetType().Name, e.Message, [e.Message])); }
                catch (Exception) { } // nothing more can be said to this client; the worker serves the next request
            }
            finally
            {
                Status(message, "idle");
            }
        }
    }

    /// <summary>
    /// After a failed cell with <c>stop_on_error</c> (the default), the cells already queued behind
    /// it ("Run All") are not run: each gets an "aborted" reply, as IPython does. «Queued behind it» is
    /// what the front-end sent before the failure, whether or not it has reached this kernel's queue yet:
    /// a request still in the socket when the cell failed is aborted by its header's date
    /// (<see cref="SentBeforeFailure"/>), so the outcome does not depend on how fast the cell failed.
    /// </summary>
    private void AbortQueuedExecutions()
    {
        failedAt = DateTimeOffset.UtcNow;
        var keep = new List<JupyterMessage>();
        while (shellQueue.Reader.TryRead(out var queued))
        {
            if (queued.Type != "execute_request") { keep.Add(queued); continue; }
            Abort(queued);
        }
        // Other requests (completion, inspection) keep their turn; the single reader makes the re-queue safe.
        foreach (var other in keep) shellQueue.Writer.TryWrite(other);
    }

    private void Abort(JupyterMessage queued)
    {
        Status(queued, "busy");
        Reply(shell, queued, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = executionCount });
        Status(queued, "idle");
    }

    // When the last cell failed with stop_on_error (UTC); null when none has.
    private DateTimeOffset? failedAt;

    /// <summary>
    /// Whether <paramref name="request"/> was sent before the last failure with <c>stop_on_error</c>: its header's
    /// <c>date</c> (ISO 8601, the protocol's) is earlier. A request without a readable date is never aborted this way.
    /// </summary>
    private bool SentBeforeFailure(JupyterMessage request) =>
        failedAt is { } failed
        && request.Header["date"] is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var sent)
        && sent < failed;

    private async Task HandleShellAsync(JupyterMessage message)
    {
        var content = message.Content;
        switch (message.Type)
        {
            case "kernel_info_request":
                Reply(shell, message, "kernel_info_reply", KernelInfo());
                break;
            case "execute_request":
                if (SentBeforeFailure(message)) Abort(message);
                else await ExecuteAsync(message).ConfigureAwait(false);
                break;
            case "complete_request":
            {
                // Positions are code points both ways; the session converts them (CodePoints).
                var code = Text(content, "code");
                var cursor = Int(content, "cursor_pos", CodePoints.FromUtf16Index(code, code.Length));
                var reply = await csharp.AskAsync("complete", code, cursor).ConfigureAwait(false)
                    ?? new JsonObject { ["status"] = "ok", ["matches"] = new JsonArray(), ["cursor_start"] = cursor, ["cursor_end"] = cursor, ["metadata"] = new JsonObject() };
                Reply(shell, message, "complete_reply", reply);
                break;
            }
            case "inspect_request":
            {
                var code = Text(content, "code");
                var cursor = Int(content, "cursor_pos", CodePoints.FromUtf16Index(code, code.Length));
                var reply = await csharp.AskAsync("inspect", code, cursor).ConfigureAwait(false)
                    ?? new JsonObject { ["status"] = "ok", ["found"] = false, ["data"] = new JsonObject(), ["metadata"] = new JsonObject() };
                Reply(shell, message, "inspect_reply", reply);
                break;
            }
            case "is_complete_request":
            {
                var status = CSharpSession.IsComplete(Text(content, "code"));
                var reply = new JsonObject { ["status"] = status };
                if (status == "incomplete") reply["indent"] = "";
                Reply(shell, message, "is_complete_reply", reply);
                break;
            }
            case "comm_info_request":
                Reply(shell, message, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case "history_request":
                // The kernel keeps no history; the front-end's own history still works.
                Reply(shell, message, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                break;
            case "shutdown_request":
                Shutdown(shell, message);
                break;
            default:
                log.WriteLine($"kzmig kernel: shell message '{message.Type}' is not supported");
                log.Flush();
                break;
        }
    }

    private async Task ExecuteAsync(JupyterMessage request)
    {
        var content = request.Content;
        var code = Text(content, "code");
        var silent = content["silent"]?.GetValueKind() == JsonValueKind.True;
        var storeHistory = !silent && content["store_history"]?.GetValueKind() != JsonValueKind.False;
        if (storeHistory) executionCount++;
        var count = executionCount;
        if (!silent) Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });
        if (!silent && firstOutputNotice is { } notice)
        {
            firstOutputNotice = null;
            Publish(request, "stream", new JsonObject { ["name"] = "stdout", ["text"] = notice + "\n" });
        }
        var cellId = request.Metadata["cellId"] is JsonValue cell && cell.TryGetValue<string>(out var id) ? id : null;

        var end = await csharp.ExecuteAsync(code, cellId, (type, output) =>
        {
            if (silent) return;
            if (type == "execute_result") output["execution_count"] = count;
            Publish(request, type, output);
        }).ConfigureAwait(false);
        // The kernel keeps no output once sent; after a large one, a full collection gives its copies' memory back now
        // rather than at the heap's next high-water mark (bench/README.md, «Kernel memory»).
        if (csharp.TakeLargeOutput()) NotebookWorker.ReleaseNotebookMemory();

        if (Text(end, "status") == "ok")
        {
            Reply(shell, request, "execute_reply", new JsonObject
            {
                ["status"] = "ok", ["execution_count"] = count, ["payload"] = new JsonArray(), ["user_expressions"] = new JsonObject(),
            });
            return;
        }
        var name = Text(end, "ename");
        var value = Text(end, "evalue");
        var traceback = end["traceback"] is JsonArray lines && lines.Count > 0 ? lines.Select(l => l?.ToString() ?? "").ToList() : [value];
        if (!silent)
            Publish(request, "error", JupyterMessage.ErrorContent(name, value, traceback));
        var reply = JupyterMessage.ErrorContent(name, value, traceback);
        reply["execution_count"] = count;
        Reply(shell, request, "execute_reply", reply);
        if (content["stop_on_error"]?.GetValueKind() != JsonValueKind.False) AbortQueuedExecutions();
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "kzmigration",
        ["implementation_version"] = Workbench.Version,
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = CSharpVersion,
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"KzMigration {Workbench.Version}: C# {CSharpVersion} on .NET {Environment.Version}, with the workbench library, Plotly.NET and plotly.js {PlotlyJs.Version} (offline)",
        ["help_links"] = new JsonArray(
            new JsonObject { ["text"] = "C# language", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" },
            new JsonObject { ["text"] = "Plotly.NET", ["url"] = "https://plotly.net/" },
            new JsonObject { ["text"] = "Jupyter messaging", ["url"] = "https://jupyter-client.readthedocs.io/en/stable/messaging.html" }),
    };

    /// <summary>The C# language version the kernel compiles (Roslyn's latest).</summary>
    private static string CSharpVersion =>
        Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(
            Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.MapSpecifiedToEffectiveVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest));

    /// <summary>
    /// The content fields of each request this kernel answers and their JSON types (messaging protocol 5.3). A request
    /// with a field of another type is answered with an error reply naming the field, never acted on with a guess.
    /// </summary>
    private static readonly Dictionary<string, (string Field, JsonValueKind Kind, bool Required)[]> RequestFields = new(StringComparer.Ordinal)
    {
        ["execute_request"] =
        [
            ("code", JsonValueKind.String, true), ("silent", JsonValueKind.True, false), ("store_history", JsonValueKind.True, false),
            ("user_expressions", JsonValueKind.Object, false), ("allow_stdin", JsonValueKind.True, false), ("stop_on_error", JsonValueKind.True, false),
        ],
        ["complete_request"] = [("code", JsonValueKind.String, true), ("cursor_pos", JsonValueKind.Number, false)],
        ["inspect_request"] = [("code", JsonValueKind.String, true), ("cursor_pos", JsonValueKind.Number, false), ("detail_level", JsonValueKind.Number, false)],
        ["is_complete_request"] = [("code", JsonValueKind.String, true)],
        ["shutdown_request"] = [("restart", JsonValueKind.True, false)],
        ["comm_info_request"] = [("target_name", JsonValueKind.String, false)],
    };

    /// <summary>Why a request's content cannot be acted on (a field of the wrong JSON type), or null.</summary>
    internal static string? ContentProblem(JupyterMessage message)
    {
        if (message.Metadata["cellId"] is { } cell && cell.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Null))
            return $"metadata field 'cellId' is {JupyterMessage.KindName(cell.GetValueKind())}, not a string";
        if (!RequestFields.TryGetValue(message.Type, out var fields)) return null;
        foreach (var (field, kind, required) in fields)
        {
            var actual = message.Content[field]?.GetValueKind();
            if (actual is null && !required) continue;
            var fits = kind switch
            {
                JsonValueKind.True => actual is JsonValueKind.True or JsonValueKind.False,
                JsonValueKind.Number => actual == JsonValueKind.Number && message.Content[field]!.AsValue().TryGetValue<int>(out var n) && n >= 0,
                _ => actual == kind,
            };
            if (!fits)
            {
                var expected = kind switch
                {
                    JsonValueKind.True => "a boolean",
                    JsonValueKind.Number => "a whole number from 0",
                    _ => JupyterMessage.KindName(kind),
                };
                return $"content field '{field}' is {JupyterMessage.KindName(actual)}, not {expected}";
            }
        }
        return null;
    }

    /// <summary>The reply type of a request type (<c>execute_request</c> → <c>execute_reply</c>).</summary>
    private static string ReplyType(string requestType) =>
        requestType.EndsWith("_request", StringComparison.Ordinal) ? requestType[..^"_request".Length] + "_reply" : requestType + "_reply";

    private static JsonObject InvalidRequest(string problem) => JupyterMessage.ErrorContent("InvalidRequest", problem, ["InvalidRequest: " + problem + " (Jupyter messaging protocol 5.3)"]);

    private static JsonObject Ok() => new() { ["status"] = "ok" };

    private static string Text(JsonObject content, string field) =>
        content[field]?.GetValueKind() == JsonValueKind.String ? content[field]!.GetValue<string>() : "";

    private static int Int(JsonObject content, string field, int fallback) =>
        content[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : fallback;

    public void Dispose()
    {
        csharp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        poller.Dispose();
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat }) socket.Dispose();
        outgoing.Dispose();
    }
}
