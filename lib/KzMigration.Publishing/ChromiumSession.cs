using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KzMigration.Publishing;

/// <summary>
/// One headless Chromium kept running and driven over the DevTools protocol (CDP: <c>Target.createTarget</c>,
/// <c>Page.navigate</c>, <c>Runtime.evaluate</c>), so a page that has loaded plotly.js once can render any number of
/// figures, and several pages (tabs, each its own renderer process) can work at the same time. Started with the same
/// offline flags as every other run of <see cref="Chromium"/>, and with <c>--remote-debugging-pipe</c>: no DevTools port
/// at all (nothing on the machine can connect to it); the protocol's JSON messages, each ended by a NUL byte, go in on
/// the browser's file descriptor 3 and come back on 4. .NET cannot hand a child descriptors beyond 0–2, so the browser
/// is started through <c>/bin/sh</c>, which maps the redirected stdin and stdout onto 3 and 4 and then becomes the
/// browser (<c>exec</c>). The pipe ties the browser to this process: when the process ends, however it ends (a
/// <c>kill -9</c> included), the pipe closes and Chromium exits with all its children (verified on Chromium 156).
/// Its profile folder (<see cref="ChromiumProfile"/>) names this process, so the next start removes a dead owner's.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // The shell's only job: put the pipes where Chromium expects them, then become Chromium.
    private const string PipeLauncher = "exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>&2";

    private readonly Process process;
    private readonly string profile;
    private readonly Stream commands;
    private readonly Stream replies;
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> pending = [];
    private readonly Dictionary<string, ChromiumPage> pages = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly StringBuilder said = new();
    private int nextId;
    private Task? readingLoop;

    private ChromiumSession(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
        commands = process.StandardInput.BaseStream;
        replies = process.StandardOutput.BaseStream;
    }

    /// <summary>The browser's process id (the process the pipe ties to this one).</summary>
    public int ProcessId => process.Id;

    /// <summary>Starts <paramref name="chromium"/> headless, driven over its DevTools pipe.</summary>
    public static Task<ChromiumSession> StartAsync(Chromium chromium, CancellationToken cancellationToken = default) =>
        StartAsync(chromium, loopback: false, cancellationToken: cancellationToken);

    /// <summary>
    /// The same; with <paramref name="loopback"/> the pages may load from servers on 127.0.0.1 (the explorer's tests), every
    /// other host still resolving to nothing; <paramref name="started"/> is told the browser's process id as soon as the
    /// process exists, before it answers (a kept worker tells its own browser from a process a notebook left running,
    /// <c>WarmWorkerHost</c>).
    /// </summary>
    internal static async Task<ChromiumSession> StartAsync(Chromium chromium, bool loopback, Action<int>? started = null, CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
            throw new IOException("driving Chromium over its DevTools pipe needs a POSIX shell (/bin/sh), which Windows does not have");
        ChromiumProfile.RemoveStale(Path.GetTempPath());
        var profile = ChromiumProfile.Create(Path.GetTempPath());
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PipeLauncher);
        start.ArgumentList.Add(chromium.Executable);
        foreach (var flag in Chromium.OfflineFlags)
            start.ArgumentList.Add(loopback && flag.StartsWith("--host-resolver-rules=", StringComparison.Ordinal) ? flag + ", EXCLUDE 127.0.0.1" : flag);
        start.ArgumentList.Add("--user-data-dir=" + profile);
        start.ArgumentList.Add("--remote-debugging-pipe");
        start.ArgumentList.Add("about:blank");
        Process process;
        try { process = Process.Start(start) ?? throw new IOException("could not start " + chromium.Executable); }
        catch (System.ComponentModel.Win32Exception e) { throw new IOException($"could not start {chromium.Executable} through /bin/sh: {e.Message}", e); }
        started?.Invoke(process.Id);
        var session = new ChromiumSession(process, profile);
        try
        {
            // Chromium writes diagnostics to stderr; draining it keeps the pipe from filling up, and its last words explain a failed start.
            _ = session.DrainAsync(process.StandardError);
            session.readingLoop = Task.Run(session.ReadAsync);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            // The browser reads its pipe once it is up: its first answer says it is ready.
            await session.SendAsync("Browser.getVersion", [], null, timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested) throw;
            string words;
            lock (session.said) words = session.said.ToString().Trim();
            throw new IOException($"Chromium did not answer on its DevTools pipe ({e.Message}){(words.Length > 0 ? ": " + words : "")}", e);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                lock (said)
                {
                    said.AppendLine(line);
                    if (said.Length > 4000) said.Remove(0, said.Length - 4000);
                }
        }
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
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString() + "\0");
        await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await commands.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await commands.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            lock (gate) pending.Remove(id);
            throw new IOException("Chromium's DevTools pipe is closed: " + e.Message, e);
        }
        finally { sending.Release(); }
        using (cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken)))
            return await completion.Task.ConfigureAwait(false);
    }

    // Messages come back NUL-terminated; one read may hold several, or part of one.
    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        Exception? failure = null;
        try
        {
            int read;
            while ((read = await replies.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var start = 0;
                for (var end = Array.IndexOf(buffer, (byte)0, 0, read); end >= 0; end = Array.IndexOf(buffer, (byte)0, start, read - start))
                {
                    message.Write(buffer, start, end - start);
                    Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                    message.SetLength(0);
                    start = end + 1;
                }
                message.Write(buffer, start, read - start);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException) { failure = e; }
        lock (gate)
        {
            foreach (var waiting in pending.Values)
                waiting.TrySetException(new IOException("Chromium's DevTools pipe closed" + (failure is null ? "" : ": " + failure.Message)));
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
        try
        {
            if (!process.HasExited)
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await SendAsync("Browser.close", [], null, wait.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        // A closed pipe ends the browser too, should it not have heard Browser.close.
        try { process.StandardInput.Close(); } catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        if (readingLoop is not null) try { await readingLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (TimeoutException) { }
        process.Dispose();
        ChromiumProfile.Remove(profile);
    }
}

/// <summary>
/// The profile folders of the workbench's Chromium runs: <c>$TMPDIR/kzmig-chromium-PID-ID</c>, named for the process
/// that owns them. A run removes its own at the end; one whose owner was killed is removed by the next start.
/// </summary>
internal static class ChromiumProfile
{
    private const string Prefix = "kzmig-chromium-";

    // A folder of an older version (no owner in its name) is taken for abandoned once untouched this long.
    private static readonly TimeSpan UnownedAge = TimeSpan.FromMinutes(10);

    /// <summary>A new profile folder's path in <paramref name="temp"/>, owned by this process.</summary>
    public static string Create(string temp) =>
        Path.Combine(temp, $"{Prefix}{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");

    /// <summary>Removes the profile folders in <paramref name="temp"/> whose owner and browser are gone; returns how many.</summary>
    public static int RemoveStale(string temp)
    {
        var removed = 0;
        IEnumerable<string> folders;
        try { folders = Directory.EnumerateDirectories(temp, Prefix + "*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder)[Prefix.Length..];
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            int? owner = dash > 0 && int.TryParse(name[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
            if (owner is { } alive && Processes.IsRunning(alive)) continue;
            if (BrowserMayRun(folder)) continue;
            if (owner is null && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) < UnownedAge) continue;
            Remove(folder);
            removed++;
        }
        return removed;
    }

    /// <summary>Removes a profile folder and the single-instance socket folder it links to.</summary>
    public static void Remove(string profile)
    {
        RemoveSingletonFolder(profile);
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // Chromium's SingletonLock links to "HOST-PID" of the browser using the profile.
    private static bool BrowserMayRun(string profile)
    {
        try
        {
            if (new FileInfo(Path.Combine(profile, "SingletonLock")).LinkTarget is not { } target) return false;
            var dash = target.LastIndexOf('-');
            if (dash < 0 || target[..dash] != Environment.MachineName) return true; // another machine's (a shared TMPDIR): not ours to judge
            return !int.TryParse(target[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || Processes.IsRunning(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return true; }
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
