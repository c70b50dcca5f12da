using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KzMigration.Tests.Explorer;

/// <summary>
/// Headless Chromium driven over the Chrome DevTools Protocol (the machine's /usr/bin/chromium; nothing downloaded):
/// navigate, evaluate script, collect console errors and uncaught exceptions, take screenshots. Networking beyond
/// loopback is off (every host name resolves to nothing), so a page that reached for a CDN would fail here.
/// </summary>
internal sealed partial class DevTools : IAsyncDisposable
{
    private readonly Process _browser;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _profile;
    private Task? _reader;
    private int _nextId;

    /// <summary>Console errors, uncaught exceptions and failed requests seen so far.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    private DevTools(Process browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    public static async Task<DevTools> StartAsync(string executable, int width = 1400, int height = 1000)
    {
        var profile = TestPaths.TempFolder("cdp-profile");
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            $"--window-size={width},{height}", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        }) start.ArgumentList.Add(a);
        var browser = Process.Start(start) ?? throw new IOException("could not start " + executable);
        browser.StandardOutput.ReadToEndAsync().ContinueWith(_ => { }, TaskScheduler.Default).Ignore();
        var devtools = new DevTools(browser, profile);
        string? endpoint = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (endpoint is null && DateTime.UtcNow < deadline)
        {
            var line = await browser.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null) break;
            if (Listening().Match(line) is { Success: true } m) endpoint = m.Groups[1].Value;
        }
        if (endpoint is null) throw new IOException("Chromium printed no DevTools endpoint");
        _ = browser.StandardError.ReadToEndAsync();
        var port = new Uri(endpoint).Port;
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
        await devtools._socket.ConnectAsync(new Uri(page), CancellationToken.None);
        devtools._reader = Task.Run(devtools.ReadAsync);
        await devtools.SendAsync("Runtime.enable");
        await devtools.SendAsync("Log.enable");
        await devtools.SendAsync("Page.enable");
        return devtools;
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex Listening();

    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        var json = JsonSerializer.Serialize(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(180));
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                using var doc = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = doc.RootElement;
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var waiter))
                {
                    if (root.TryGetProperty("error", out var error)) waiter.SetException(new InvalidOperationException(error.ToString()));
                    else waiter.SetResult(root.GetProperty("result").Clone());
                }
                else if (root.TryGetProperty("method", out var method)) Observe(method.GetString()!, root.GetProperty("params"));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }

    private void Observe(string method, JsonElement p)
    {
        switch (method)
        {
            case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                Errors.Enqueue("console." + p.GetProperty("type").GetString() + ": " + string.Join(" ", p.GetProperty("args").EnumerateArray().Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var d) ? d.ToString() : "?")));
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue("exception: " + p.GetProperty("exceptionDetails").ToString());
                break;
            case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                Errors.Enqueue("log: " + p.GetProperty("entry").GetProperty("text").GetString() + " " + (p.GetProperty("entry").TryGetProperty("url", out var u) ? u.GetString() : ""));
                break;
        }
    }

    public async Task NavigateAsync(string url) => await SendAsync("Page.navigate", new { url });

    /// <summary>Evaluates <paramref name="expression"/> (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true });
        if (result.TryGetProperty("exceptionDetails", out var ex)) throw new InvalidOperationException("script failed: " + ex);
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Waits until <paramref name="condition"/> (a JS expression) is truthy.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var v = await EvaluateAsync($"!!({condition})");
            if (v.ValueKind == JsonValueKind.True) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{condition}' did not become true within {timeout.TotalSeconds:0} s; errors: {string.Join(" | ", Errors)}");
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { if (_socket.State == WebSocketState.Open) await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException) { }
        _socket.Dispose();
        try { if (!_browser.HasExited) _browser.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _browser.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class TaskExtensions
{
    public static void Ignore(this Task task) { }
}
