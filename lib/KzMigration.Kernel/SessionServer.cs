using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KzMigration.Notebooks;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using KzMigration.Runs;

namespace KzMigration.Kernel;

/// <summary>
/// The C# session of a Jupyter kernel, in a process of its own (<c>kzmig kernel-session</c>), so that code that will
/// not stop can be ended with its process and the kernel gets its user back (<see cref="SessionProcess"/>). It serves
/// JSON lines on its input and output, one request and one reply per line:
/// <list type="bullet">
/// <item><c>{"id":1,"kind":"execute","code":"…","cell":"…"}</c> → any number of <c>{"id":1,"output":{"type":"stream","content":{…}}}</c>
/// (Jupyter IOPub message type and content), then <c>{"id":1,"reply":{"status":"ok"}}</c> or an error reply
/// (<c>status</c>, <c>ename</c>, <c>evalue</c>, <c>traceback</c>; <c>ename</c> <c>Interrupted</c> for a cancelled cell);</item>
/// <item><c>complete</c> and <c>inspect</c> (<c>code</c>, <c>cursor</c> in code points) → the Jupyter reply's content;</item>
/// <item><c>probe</c> → <c>{"status":"ok"}</c> once a submission can run again (after an interrupt: the abandoned code has stopped),
/// or an error reply when that could not be shown;</item>
/// <item><c>{"kind":"interrupt"}</c> (no id, no reply): cancel what runs; read while a cell runs.</item>
/// </list>
/// </summary>
public static class SessionServer
{
    /// <summary>Formatted outputs larger than this in one cell are followed by a full collection, so their memory goes back at once.</summary>
    internal const int LargeOutputChars = 1 << 20;

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serves requests from <paramref name="requests"/> until it ends; <paramref name="replies"/> carries nothing else.</summary>
    /// <param name="requests">One JSON request per line.</param>
    /// <param name="replies">One JSON reply or output per line.</param>
    /// <param name="slug">Names this kernel's charts (<c>kz-&lt;slug&gt;-chart-n</c>).</param>
    /// <param name="cancellationToken">Ends the session.</param>
    public static async Task ServeAsync(TextReader requests, TextWriter replies, string slug, CancellationToken cancellationToken = default)
    {
        var gate = new Lock();
        void Send(JsonObject line)
        {
            var text = line.ToJsonString(JsonOptions);
            lock (gate)
            {
                replies.Write(text);
                replies.Write('\n');
                replies.Flush();
            }
        }

        KernelDisplay.Register(slug);
        using var session = new CSharpSession();
        var work = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true });
        var worker = Task.Run(async () =>
        {
            // The first submission of a process JIT-compiles Roslyn and .NET Interactive (seconds of CPU): done now, while the
            // user reads or types, rather than in the first cell. It names nothing the session could see.
            await session.ExecuteAsync("_ = typeof(KzMigration.Runs.Workbench);", _ => { }).ConfigureAwait(false);
            await foreach (var request in work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = request["id"]?.DeepClone();
                JsonObject reply;
                try { reply = await HandleAsync(session, request, output => Send(new JsonObject { ["id"] = id?.DeepClone(), ["output"] = output })).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    reply = JupyterMessage.ErrorContent(e.GetType().Name, e.Message, [e.Message]);
                }
                Send(new JsonObject { ["id"] = id, ["reply"] = reply });
            }
        }, cancellationToken);

        // Requests are read by a thread of their own with blocking reads: a pipe read in .NET blocks a thread either way, and
        // a pool thread blocked for the whole session would leave a 2-core machine's pool one short for the cells' own work
        // (its continuations then wait for the pool to add a thread). Each line is handed on at once.
        var reader = new Thread(() => ReadRequests(requests, session, work.Writer)) { IsBackground = true, Name = "kernel-session requests" };
        reader.Start();
        await worker.ConfigureAwait(false);
    }

    /// <summary>Reads request lines until the input ends: an interrupt is acted on at once, anything else queued for the worker.</summary>
    private static void ReadRequests(TextReader requests, CSharpSession session, ChannelWriter<JsonObject> work)
    {
        try
        {
            while (requests.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                JsonObject request;
                try { request = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object"); }
                catch (JsonException e)
                {
                    Console.Error.WriteLine("kzmig kernel-session: ignored a request that is not a JSON object: " + e.Message);
                    continue;
                }
                // An interrupt is acted on at once, while the worker may be running a cell.
                if (Text(request, "kind") == "interrupt") _ = session.InterruptAsync();
                else work.TryWrite(request);
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("kzmig kernel-session: reading requests failed: " + e.Message);
        }
        catch (ObjectDisposedException) { } // the session has ended (its process is stopping)
        finally
        {
            work.TryComplete();
        }
    }

    private static async Task<JsonObject> HandleAsync(CSharpSession session, JsonObject request, Action<JsonObject> output)
    {
        var code = Text(request, "code");
        switch (Text(request, "kind"))
        {
            case "execute":
            {
                KernelDisplay.BeginCell(request["cell"] is JsonValue cell && cell.TryGetValue<string>(out var id) ? id : null);
                var produced = 0L;
                var end = await session.ExecuteAsync(code, e =>
                {
                    if (Output(e) is { } message)
                    {
                        produced += e is DisplayEvent d ? d.FormattedValues.Sum(f => (long)f.Value.Length) : 0;
                        output(message);
                    }
                }).ConfigureAwait(false);
                // The session keeps no output (nothing is stored per cell); a large one is garbage now, and a full collection
                // gives its memory back rather than leaving the process at its high-water mark (bench/README.md, kernel memory).
                if (produced > LargeOutputChars) NotebookWorker.ReleaseNotebookMemory();
                return end.Status == ExecutionStatus.Ok
                    ? new JsonObject { ["status"] = "ok" }
                    : JupyterMessage.ErrorContent(end.ErrorName, end.ErrorValue, end.Traceback ?? [end.ErrorValue]);
            }
            case "complete":
            {
                var cursor = CodePoints.ToUtf16Index(code, Int(request, "cursor", code.Length));
                var completions = await session.CompleteAsync(code, cursor).ConfigureAwait(false);
                var types = new JsonArray();
                foreach (var (text, kind) in completions.Items)
                    types.Add(new JsonObject
                    {
                        ["start"] = CodePoints.FromUtf16Index(code, completions.Start), ["end"] = CodePoints.FromUtf16Index(code, completions.End),
                        ["text"] = text, ["type"] = kind.ToLowerInvariant(),
                    });
                return new JsonObject
                {
                    ["status"] = "ok",
                    ["matches"] = new JsonArray([.. completions.Matches.Select(m => (JsonNode)m)]),
                    ["cursor_start"] = CodePoints.FromUtf16Index(code, completions.Start),
                    ["cursor_end"] = CodePoints.FromUtf16Index(code, completions.End),
                    ["metadata"] = new JsonObject { ["_jupyter_types_experimental"] = types },
                };
            }
            case "inspect":
            {
                var cursor = CodePoints.ToUtf16Index(code, Int(request, "cursor", code.Length));
                var data = await session.InspectAsync(code, cursor).ConfigureAwait(false);
                var bundle = new JsonObject();
                foreach (var (mime, value) in data ?? new Dictionary<string, string>()) bundle[mime] = value;
                return new JsonObject { ["status"] = "ok", ["found"] = data is not null, ["data"] = bundle, ["metadata"] = new JsonObject() };
            }
            case "probe":
            {
                // Returns once abandoned code has really stopped: a submission ran to its end again, and no submission's
                // code still runs beside it (code that went on in another thread after an await does not hold the next one
                // up). A probe that did not run (cancelled by a later interrupt) proves nothing: the session is not kept.
                var probe = await session.ExecuteAsync("", _ => { }).ConfigureAwait(false);
                if (probe.Status != ExecutionStatus.Ok)
                    return JupyterMessage.ErrorContent("ProbeNotRun", "the probe submission did not run: " + probe.ErrorValue, []);
                await session.WhenNoCodeRunsAsync().ConfigureAwait(false);
                return new JsonObject { ["status"] = "ok" };
            }
            default:
                return JupyterMessage.ErrorContent("UnknownRequest", $"unknown request kind '{Text(request, "kind")}'", []);
        }
    }

    /// <summary>An output event as a Jupyter IOPub message (<c>type</c>, <c>content</c>); an <c>execute_result</c> lacks its execution count, which the kernel adds.</summary>
    private static JsonObject? Output(KernelEvent e) => e switch
    {
        StandardOutputValueProduced o => Message("stream", new JsonObject { ["name"] = "stdout", ["text"] = o.FormattedValues.FirstOrDefault()?.Value ?? "" }),
        StandardErrorValueProduced o => Message("stream", new JsonObject { ["name"] = "stderr", ["text"] = o.FormattedValues.FirstOrDefault()?.Value ?? "" }),
        ReturnValueProduced r => Message("execute_result", new JsonObject { ["data"] = Bundle(r), ["metadata"] = new JsonObject() }),
        DisplayedValueUpdated u => Message("update_display_data", DisplayContent(u)),
        DisplayedValueProduced d => Message("display_data", DisplayContent(d)),
        _ => null,
    };

    private static JsonObject Message(string type, JsonObject content) => new() { ["type"] = type, ["content"] = content };

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

    internal static string Text(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    internal static int Int(JsonObject o, string field, int fallback) => o[field] is JsonValue v && v.TryGetValue<int>(out var n) ? n : fallback;
}
