using System.Diagnostics;
using KzMigration.Publishing;
using KzMigration.Tests.Hardening;

namespace KzMigration.Tests.Publishing;

/// <summary>
/// The workbench's Chromium is driven over <c>--remote-debugging-pipe</c> (issue 23, item 10): no DevTools port for
/// anyone on the machine to drive, a browser that ends with the process that started it (a <c>kill -9</c> of
/// <c>reproduce</c> included), and a dead owner's profile folder removed by the next start.
/// </summary>
[Collection(RunProcessesCollection.Name)]
public class ChromiumPipeTests
{
    /// <summary>The socket inodes a process holds open (Linux).</summary>
    private static HashSet<string> Sockets(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                    inodes.Add(target["socket:[".Length..^1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // the process ended meanwhile
        return inodes;
    }

    /// <summary>The inodes of every listening TCP socket on the machine (/proc/net/tcp and tcp6, state 0A).</summary>
    private static HashSet<string> ListeningTcp() =>
        [.. new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[3] == "0A").Select(f => f[9])];

    /// <summary>A process and all its descendants (Linux: the parent in /proc/PID/stat).</summary>
    private static List<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++) tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        return tree;
    }

    [ChromiumFact]
    public async Task A_session_opens_no_DevTools_port_and_its_browser_ends_with_it()
    {
        var session = await ChromiumSession.StartAsync(Chromium.Find(out _)!);
        var browser = session.ProcessId;
        List<int> tree;
        try
        {
            var page = await session.OpenAsync();
            Assert.Equal(42, (await page.EvaluateAsync("6*7")).GetInt32());
            var commandLine = File.ReadAllText($"/proc/{browser}/cmdline").Split('\0');
            Assert.Contains("--remote-debugging-pipe", commandLine);
            Assert.DoesNotContain(commandLine, a => a.StartsWith("--remote-debugging-port", StringComparison.Ordinal) || a.StartsWith("--remote-debugging-address", StringComparison.Ordinal));
            tree = Tree(browser);
            Assert.True(tree.Count > 1, "the browser has started its renderer and utility processes");
            var listening = ListeningTcp();
            var open = tree.SelectMany(Sockets).Where(listening.Contains).ToList();
            Assert.True(open.Count == 0, $"Chromium listens on TCP sockets (inodes {string.Join(", ", open)})");
        }
        finally
        {
            await session.DisposeAsync();
        }
        Assert.DoesNotContain(tree, pid => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task Pages_from_a_loopback_server_and_their_events_come_through_the_pipe()
    {
        // What the explorer's browser tests rely on (ExplorerBrowser): loopback pages, page events, screenshots.
        var site = TestPaths.TempFolder("pipe-site");
        File.WriteAllText(Path.Combine(site, "index.html"),
            "<!DOCTYPE html><html><body><p id='x'>ready</p><script>console.error('seen over the pipe');</script></body></html>");
        using var server = KzMigration.Cli.Commands.ExploreServer.Start(site);
        await using var browser = await KzMigration.Tests.Explorer.ExplorerBrowser.StartAsync(Chromium.Find(out _)!, 800, 600);
        await browser.NavigateAsync(server.Address);
        await browser.WaitForAsync("document.getElementById('x') && document.getElementById('x').textContent === 'ready'", TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        while (!browser.Errors.Any(e => e.Contains("seen over the pipe", StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        Assert.Contains(browser.Errors, e => e.Contains("seen over the pipe", StringComparison.Ordinal));
        // A reply carrying an image (base64), as the figure export receives.
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await browser.ScreenshotAsync())[..4]);
    }

    [Fact]
    public void A_profile_folder_whose_owner_is_gone_is_removed_by_the_next_start()
    {
        var temp = TestPaths.TempFolder("profiles");
        using (var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!) ended.WaitForExit();
        int dead;
        using (var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            ended.WaitForExit();
            dead = ended.Id;
        }
        var orphan = Directory.CreateDirectory(Path.Combine(temp, $"kzmig-chromium-{dead}-0123456789abcdef")).FullName;
        File.WriteAllText(Path.Combine(orphan, "Local State"), "{}");
        var mine = Directory.CreateDirectory(Path.Combine(temp, $"kzmig-chromium-{Environment.ProcessId}-fedcba9876543210")).FullName;
        // Folders of an earlier version name no owner: removed once nothing has touched them for a while.
        var oldUnowned = Directory.CreateDirectory(Path.Combine(temp, "kzmig-chromium-" + Guid.NewGuid().ToString("N"))).FullName;
        Directory.SetLastWriteTimeUtc(oldUnowned, DateTime.UtcNow.AddHours(-2));
        var freshUnowned = Directory.CreateDirectory(Path.Combine(temp, "kzmig-chromium-" + Guid.NewGuid().ToString("N"))).FullName;
        var other = Directory.CreateDirectory(Path.Combine(temp, "someone-else")).FullName;

        Assert.Equal(2, ChromiumProfile.RemoveStale(temp));

        Assert.False(Directory.Exists(orphan));
        Assert.False(Directory.Exists(oldUnowned));
        Assert.True(Directory.Exists(mine) && Directory.Exists(freshUnowned) && Directory.Exists(other));
    }

    [ChromiumFact]
    public async Task A_killed_reproduce_leaves_no_browser_and_no_worker_running()
    {
        var root = TestPaths.TempFolder("kill-browser");
        var temp = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(notebooks, "01-figure.dib"), """
            #!csharp

            using KzMigration.Outputs;
            using KzMigration.Publishing;
            var chart = Plotly.NET.CSharp.Chart.Column<int, string, string>(values: new[] { 1, 2 }, Keys: new[] { "a", "b" }, Name: "kill");
            Publish.Figure("kill-figure", chart, "kill");
            """);
        var environment = new Dictionary<string, string?> { ["TMPDIR"] = temp };
        var profiles = "--user-data-dir=" + Path.Combine(temp, "kzmig-chromium-");

        using var run = KzmigProcess.Start(root, environment, "reproduce", "--notebooks", notebooks, "--out", Path.Combine(root, "out"), "--data", TestPaths.Data);
        _ = run.StandardOutput.ReadToEndAsync();
        _ = run.StandardError.ReadToEndAsync();
        // The browser starts when the notebook has published its figure; kill reproduce as soon as it is there.
        var clock = Stopwatch.StartNew();
        while (KzmigProcess.Running(profiles).Count == 0)
        {
            Assert.False(run.HasExited, "reproduce ended before its browser was seen");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "no browser appeared");
            await Task.Delay(20);
        }
        run.Kill(); // SIGKILL of the kzmig process alone, as `kill -9` does: no handler runs
        await run.WaitForExitAsync();

        Assert.Empty(await KzmigProcess.GoneAsync(profiles, TimeSpan.FromSeconds(15)));
        Assert.Empty(await KzmigProcess.GoneAsync($"notebook-worker --parent {run.Id} ", TimeSpan.FromSeconds(15)));
        // Its profile folder stays behind (nothing ran to remove it) until the next start finds its owner gone.
        Assert.NotEmpty(Directory.EnumerateDirectories(temp, "kzmig-chromium-*"));
        ChromiumProfile.RemoveStale(temp);
        Assert.Empty(Directory.EnumerateDirectories(temp, "kzmig-chromium-*"));
        Assert.Empty(Directory.EnumerateDirectories(temp, "org.chromium.Chromium.*"));
    }
}
