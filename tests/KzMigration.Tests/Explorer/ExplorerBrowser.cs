using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using KzMigration.Publishing;

namespace KzMigration.Tests.Explorer;

/// <summary>
/// One page of headless Chromium for the explorer's tests, driven with the workbench's own DevTools client
/// (<see cref="ChromiumSession"/>, the machine's Chromium, nothing downloaded): navigate, evaluate, wait, screenshot, and
/// the console errors, uncaught exceptions and failed requests the page reports. Every host but 127.0.0.1 resolves to
/// nothing, so a page that reached for a CDN would fail here.
/// </summary>
internal sealed class ExplorerBrowser : IAsyncDisposable
{
    private readonly ChromiumSession _session;
    private readonly ChromiumPage _page;

    /// <summary>Console errors, uncaught exceptions and failed requests seen so far.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    private ExplorerBrowser(ChromiumSession session, ChromiumPage page)
    {
        _session = session;
        _page = page;
        _page.EventReceived += Observe;
    }

    /// <summary>Starts the browser with one page; <paramref name="loopback"/> false: no host at all resolves (pages from disk).</summary>
    public static async Task<ExplorerBrowser> StartAsync(Chromium chromium, int width = 1400, int height = 1000, bool loopback = true)
    {
        var session = await ChromiumSession.StartAsync(chromium, loopback);
        try
        {
            var browser = new ExplorerBrowser(session, await session.OpenAsync());
            foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Page.enable" }) await browser.SendAsync(domain);
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
            return browser;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a DevTools command to the page (parameters serialised as JSON).</summary>
    public Task<JsonElement> SendAsync(string method, object? parameters = null) =>
        _page.SendAsync(method, parameters is null ? null : JsonSerializer.SerializeToNode(parameters)!.AsObject()).WaitAsync(TimeSpan.FromSeconds(180));

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

    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new { url });

    /// <summary>Evaluates <paramref name="expression"/> (awaiting a promise) and returns its JSON value.</summary>
    public Task<JsonElement> EvaluateAsync(string expression) => _page.EvaluateAsync(expression).WaitAsync(TimeSpan.FromSeconds(180));

    /// <summary>Waits until <paramref name="condition"/> (a JS expression) is truthy.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await EvaluateAsync($"!!({condition})")).ValueKind == JsonValueKind.True) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{condition}' did not become true within {timeout.TotalSeconds:0} s; errors: {string.Join(" | ", Errors)}");
    }

    /// <summary>A PNG of the whole page, or with <paramref name="beyondViewport"/> false of the window only (no resize, so no relayout).</summary>
    public async Task<byte[]> ScreenshotAsync(bool beyondViewport = true)
    {
        var result = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = beyondViewport });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public ValueTask DisposeAsync()
    {
        _page.EventReceived -= Observe;
        return _session.DisposeAsync();
    }
}
