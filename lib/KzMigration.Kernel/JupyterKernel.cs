using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KzMigration.Charts;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NetMQ;
using NetMQ.Sockets;

namespace KzMigration.Kernel;

/// <summary>
/// The workbench as a Jupyter kernel: binds the five channels named by the connection file and
/// answers the messaging protocol 5.3 with a <see cref="CSharpSession"/>.
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
    private CSharpSession? csharp;
    private int executionCount;

    /// <param name="connection">Where to bind and the signing key.</param>
    /// <param name="log">Where the kernel reports dropped messages and failures (the process's stderr).</param>
    public JupyterKernel(ConnectionFile connection, TextWriter log)
    {
        this.connection = connection;
        this.log = log;
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

        KernelDisplay.Register(session[..8]);
        csharp = new CSharpSession();
        var worker = Task.Run(ServeShellAsync);
        _ = WatchParentAsync();
        await stopped.Task.ConfigureAwait(false);
        shellQueue.Writer.TryComplete();
        // Let the replies queued so far (the shutdown reply) leave before the sockets close.
        await Task.WhenAny(worker, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await Task.Delay(100).ConfigureAwait(false);
        poller.Stop();
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
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(parent);
                if (!process.HasExited) continue;
            }
            catch (ArgumentException) { }
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

    /// <summary>Control messages are answered on the poller thread, at once, even while a cell runs.</summary>
    private bool OnControl(JupyterMessage message)
    {
        switch (message.Type)
        {
            case "interrupt_request":
                _ = csharp?.InterruptAsync();
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
        return true;
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
                await HandleShellAsync(message).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A failure of the kernel itself (not of user code): say so and keep serving.
                log.WriteLine($"kzmig kernel: {message.Type} failed: {e.Message}");
                log.Flush();
                Reply(shell, message, message.Type.Replace("_request", "_reply"), Error(e.GetType().Name, e.Message, [e.Message]));
            }
            finally
            {
                Status(message, "idle");
            }
        }
    }

    /// <summary>
    /// After a failed cell with <c>stop_on_error</c> (the default), the cells already queued behind
    /// it ("Run All") are not run: each gets an "aborted" reply, as IPython does.
    /// </summary>
    private void AbortQueuedExecutions()
    {
        var keep = new List<JupyterMessage>();
        while (shellQueue.Reader.TryRead(out var queued))
        {
            if (queued.Type != "execute_request") { keep.Add(queued); continue; }
            Status(queued, "busy");
            Reply(shell, queued, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = executionCount });
            Status(queued, "idle");
        }
        // Other requests (completion, inspection) keep their turn; the single reader makes the re-queue safe.
        foreach (var other in keep) shellQueue.Writer.TryWrite(other);
    }

    private async Task HandleShellAsync(JupyterMessage message)
    {
        var content = message.Content;
        switch (message.Type)
        {
            case "kernel_info_request":
                Reply(shell, message, "kernel_info_reply", KernelInfo());
                break;
            case "execute_request":
                await ExecuteAsync(message).ConfigureAwait(false);
                break;
            case "complete_request":
            {
                var code = Text(content, "code");
                var cursor = CodePoints.ToUtf16Index(code, Int(content, "cursor_pos", code.Length));
                var completions = await csharp!.CompleteAsync(code, cursor).ConfigureAwait(false);
                var types = new JsonArray();
                foreach (var (text, kind) in completions.Items)
                    types.Add(new JsonObject
                    {
                        ["start"] = CodePoints.FromUtf16Index(code, completions.Start), ["end"] = CodePoints.FromUtf16Index(code, completions.End),
                        ["text"] = text, ["type"] = kind.ToLowerInvariant(),
                    });
                Reply(shell, message, "complete_reply", new JsonObject
                {
                    ["status"] = "ok",
                    ["matches"] = new JsonArray([.. completions.Matches.Select(m => (JsonNode)m)]),
                    ["cursor_start"] = CodePoints.FromUtf16Index(code, completions.Start),
                    ["cursor_end"] = CodePoints.FromUtf16Index(code, completions.End),
                    ["metadata"] = new JsonObject { ["_jupyter_types_experimental"] = types },
                });
                break;
            }
            case "inspect_request":
            {
                var code = Text(content, "code");
                var cursor = CodePoints.ToUtf16Index(code, Int(content, "cursor_pos", code.Length));
                var data = await csharp!.InspectAsync(code, cursor).ConfigureAwait(false);
                var bundle = new JsonObject();
                foreach (var (mime, value) in data ?? new Dictionary<string, string>()) bundle[mime] = value;
                Reply(shell, message, "inspect_reply", new JsonObject
                {
                    ["status"] = "ok", ["found"] = data is not null, ["data"] = bundle, ["metadata"] = new JsonObject(),
                });
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
        KernelDisplay.BeginCell(request.Metadata["cellId"]?.GetValueKind() == JsonValueKind.String ? request.Metadata["cellId"]!.GetValue<string>() : null);

        var end = await csharp!.ExecuteAsync(code, e =>
        {
            if (!silent) PublishOutput(request, e, count);
        }).ConfigureAwait(false);

        if (end.Status == ExecutionStatus.Ok)
        {
            Reply(shell, request, "execute_reply", new JsonObject
            {
                ["status"] = "ok", ["execution_count"] = count, ["payload"] = new JsonArray(), ["user_expressions"] = new JsonObject(),
            });
            return;
        }
        var traceback = end.Traceback ?? [end.ErrorValue];
        if (!silent)
            Publish(request, "error", Error(end.ErrorName, end.ErrorValue, traceback));
        var reply = Error(end.ErrorName, end.ErrorValue, traceback);
        reply["execution_count"] = count;
        Reply(shell, request, "execute_reply", reply);
        if (content["stop_on_error"]?.GetValueKind() != JsonValueKind.False) AbortQueuedExecutions();
    }

    private void PublishOutput(JupyterMessage request, KernelEvent e, int count)
    {
        switch (e)
        {
            case StandardOutputValueProduced o:
                Publish(request, "stream", new JsonObject { ["name"] = "stdout", ["text"] = o.FormattedValues.FirstOrDefault()?.Value ?? "" });
                break;
            case StandardErrorValueProduced o:
                Publish(request, "stream", new JsonObject { ["name"] = "stderr", ["text"] = o.FormattedValues.FirstOrDefault()?.Value ?? "" });
                break;
            case ReturnValueProduced r:
                Publish(request, "execute_result", new JsonObject { ["execution_count"] = count, ["data"] = Bundle(r), ["metadata"] = new JsonObject() });
                break;
            case DisplayedValueUpdated u:
                Publish(request, "update_display_data", DisplayContent(u));
                break;
            case DisplayedValueProduced d:
                Publish(request, "display_data", DisplayContent(d));
                break;
        }
    }

    private static JsonObject DisplayContent(DisplayEvent e)
    {
        var content = new JsonObject { ["data"] = Bundle(e), ["metadata"] = new JsonObject() };
        if (e.ValueId is { } id) content["transient"] = new JsonObject { ["display_id"] = id };
        return content;
    }

    /// <summary>The MIME bundle of a displayed value: JSON types as JSON, always with a text/plain fallback.</summary>
    private static JsonObject Bundle(DisplayEvent e)
    {
        var data = new JsonObject();
        foreach (var value in e.FormattedValues)
        {
            if (value.MimeType.EndsWith("json", StringComparison.Ordinal))
            {
                try { data[value.MimeType] = JsonNode.Parse(value.Value); continue; }
                catch (JsonException) { }
            }
            data[value.MimeType] = value.Value;
        }
        if (!data.ContainsKey(KernelDisplay.PlainTextMimeType))
            data[KernelDisplay.PlainTextMimeType] = e.Value is null ? "null" : e.Value.ToDisplayString(KernelDisplay.PlainTextMimeType);
        return data;
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

    private static JsonObject Ok() => new() { ["status"] = "ok" };

    private static JsonObject Error(string name, string value, IEnumerable<string> traceback) => new()
    {
        ["status"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray([.. traceback.Select(t => (JsonNode)t)]),
    };

    private static string Text(JsonObject content, string field) =>
        content[field]?.GetValueKind() == JsonValueKind.String ? content[field]!.GetValue<string>() : "";

    private static int Int(JsonObject content, string field, int fallback) =>
        content[field]?.GetValueKind() == JsonValueKind.Number ? content[field]!.GetValue<int>() : fallback;

    public void Dispose()
    {
        csharp?.Dispose();
        poller.Dispose();
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat }) socket.Dispose();
        outgoing.Dispose();
    }
}
