using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KzMigration.Publishing;

/// <summary>
/// One headless Chromium kept running and driven over the DevTools protocol (CDP, a JSON-RPC over a
/// loopback WebSocket: <c>Target.createTarget</c>, <c>Page.navigate</c>, <c>Runtime.evaluate</c>), so a
/// page that has loaded plotly.js once can render any number of figures, and several pages (tabs, each its
/// own renderer process) can work at the same time. Started with the same offline flags as every other run
/// of <see cref="Chromium"/>; the DevTools server listens on 127.0.0.1 only, on a port the system picks.
/// </summary>
public sealed partial class ChromiumSession : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> pending = [];
    private readonly Dictionary<string, ChromiumPage> pages = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly CancellationTokenSource closing = new();
    private int nextId;

    [GeneratedRegex(@"DevTools listening on (?<url>ws://\S+)")]
    private static partial Regex Listening();

    private ChromiumSession(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>Starts <paramref name="chromium"/> headless with its DevTools server on loopback and connects to it.</summary>
    public static Task<ChromiumSession> StartAsync(Chromium chromium, CancellationToken cancellationToken = default) =>
        StartAsync(chromium, loopback: false, cancellationToken);

    /// <summary>
    /// The same; with <paramref name="loopback"/> the pages may load from servers on 127.0.0.1 (the explorer's tests),
    /// every other host still resolving to nothing.
    /// </summary>
    internal static async Task<ChromiumSession> StartAsync(Chromium chromium, bool loopback, CancellationToken cancellationToken = default)
    {
        var profile = Path.Combine(Path.GetTempPath(), "kzmig-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(chromium.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var flag in Chromium.OfflineFlags)
            start.ArgumentList.Add(loopback && flag.StartsWith("--host-resolver-rules=", StringComparison.Ordinal) ? flag + ", EXCLUDE 127.0.0.1" : flag);
        start.ArgumentList.Add("--user-data-dir=" + profile);
        start.ArgumentList.Add("--remote-debugging-address=127.0.0.1");
        start.ArgumentList.Add("--remote-debugging-port=0");
        start.ArgumentList.Add("about:blank");
        var process = Process.Start(start) ?? throw new IOException("could not start " + chromium.Executable);
        var session = new ChromiumSession(process, profile);
        try
        {
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            string? url = null;
            var said = new StringBuilder();
            while (url is null)
            {
                var line = await process.StandardError.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                    ?? throw new IOException($"Chromium ended before its DevTools server started: {said.ToString().Trim()}");
                if (Listening().Match(line) is { Success: true } m) url = m.Groups["url"].Value;
                else said.AppendLine(line);
            }
            // Chromium keeps writing diagnostics to stderr; draining it keeps the pipe from filling up.
            _ = DrainAsync(process.StandardError);
            await session.socket.ConnectAsync(new Uri(url), timeout.Token).ConfigureAwait(false);
            session.readingLoop = Task.Run(session.ReadAsync);
            return session;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new IOException("Chromium's DevTools server did not answer: " + e.Message, e);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task? readingLoop;

    private static async Task DrainAsync(StreamReader reader)
    {
        try { while (await reader.ReadLineAsync().ConfigureAwait(false) is not null) { } }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    /// <summary>Opens a new blank page (tab); each page runs in its own renderer process.</summary>
    public async Task<ChromiumPage> OpenAsync(CancellationToken cancellationToken = default)
    {
        var created = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken).ConfigureAwait(false);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = created.GetProperty("targetId").GetString(), ["flatten"] = true }, null, cancellationToken).ConfigureAwait(false);
        var page = new ChromiumPage(this, attached.GetProperty("sessionId").GetString()!);
        lock (gate) pages[page.SessionId] = page;
        return page;
    }

    internal async Task<JsonElement> SendAsync(string method, JsonObject parameters, string? sessionId, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (gate)
        {
            id = ++nextId;
            pending[id] = completion;
        }
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (sessionId is not null) message["sessionId"] = sessionId;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false); }
        finally { sending.Release(); }
        using (cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken)))
            return await completion.Task.ConfigureAwait(false);
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        Exception? failure = null;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, closing.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException) { failure = e; }
        lock (gate)
        {
            foreach (var waiting in pending.Values)
                waiting.TrySetException(new IOException("Chromium's DevTools connection closed" + (failure is null ? "" : ": " + failure.Message)));
            pending.Clear();
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("id", out var idElement))
        {
            // An event: to the page it belongs to, if it listens (the export's pages do not).
            if (!root.TryGetProperty("sessionId", out var sessionId) || !root.TryGetProperty("method", out var method)) return;
            ChromiumPage? page;
            lock (gate) pages.TryGetValue(sessionId.GetString()!, out page);
            page?.Raise(method.GetString()!, root.TryGetProperty("params", out var parameters) ? parameters.Clone() : default);
            return;
        }
        TaskCompletionSource<JsonElement>? waiting;
        lock (gate)
        {
            if (!pending.Remove(idElement.GetInt32(), out waiting)) return;
        }
        if (root.TryGetProperty("error", out var error))
            waiting.TrySetException(new IOException("Chromium DevTools: " + error.GetProperty("message").GetString()));
        else
            waiting.TrySetResult(root.GetProperty("result").Clone());
    }

    public async ValueTask DisposeAsync()
    {
        closing.Cancel();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await SendAsync("Browser.close", [], null, wait.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        if (readingLoop is not null) try { await readingLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (TimeoutException) { }
        socket.Dispose();
        process.Dispose();
        RemoveSingletonFolder(profile);
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // Chromium keeps its single-instance socket in a folder of its own under TMPDIR (org.chromium.Chromium.XXXXXX),
    // linked from the profile as SingletonSocket. A browser that is killed, or exits while its children still hold the
    // socket, leaves that folder behind; nothing of a run may stay outside out/, so it goes with the profile.
    private static void RemoveSingletonFolder(string profile)
    {
        try
        {
            if (new FileInfo(Path.Combine(profile, "SingletonSocket")).LinkTarget is { } target
                && Path.GetDirectoryName(target) is { } folder
                && Path.GetFileName(folder).StartsWith("org.chromium.Chromium.", StringComparison.Ordinal)
                && Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One page (tab) of a <see cref="ChromiumSession"/>.</summary>
public sealed class ChromiumPage
{
    private readonly ChromiumSession session;
    private readonly string sessionId;

    internal ChromiumPage(ChromiumSession session, string sessionId)
    {
        this.session = session;
        this.sessionId = sessionId;
    }

    internal string SessionId => sessionId;

    /// <summary>Events of this page (method, params), once a domain is enabled (e.g. <c>Runtime.enable</c>); raised on the reading thread.</summary>
    internal event Action<string, JsonElement>? EventReceived;

    internal void Raise(string method, JsonElement parameters) => EventReceived?.Invoke(method, parameters);

    /// <summary>Sends a DevTools command to this page and returns its result.</summary>
    internal Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, CancellationToken cancellationToken = default) =>
        session.SendAsync(method, parameters ?? [], sessionId, cancellationToken);

    /// <summary>
    /// Evaluates <paramref name="expression"/> in the page, awaits it if it is a promise, and returns its
    /// value (JSON); a script error is an <see cref="IOException"/> with the browser's message.
    /// </summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken cancellationToken = default)
    {
        var result = await session.SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        }, sessionId, cancellationToken).ConfigureAwait(false);
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            var text = exception.TryGetProperty("exception", out var e) && e.TryGetProperty("description", out var d) ? d.GetString() : exception.GetProperty("text").GetString();
            throw new IOException("script failed in Chromium: " + text);
        }
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }
}
