using System.Diagnostics;
using System.Text;

namespace KzMigration.Publishing;

/// <summary>
/// The machine's own headless Chromium (Debian's <c>chromium</c> package), never a downloaded one.
/// It is started with networking and background services off, and with every host name mapped to
/// "not found", so rendering a page cannot touch the network: pages must carry plotly.js inline.
/// </summary>
public sealed class Chromium
{
    /// <summary>Environment variable that names the Chromium executable explicitly.</summary>
    public const string ExecutableVariable = "KZMIG_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    private Chromium(string executable) => Executable = executable;

    /// <summary>The Chromium executable used.</summary>
    public string Executable { get; }

    /// <summary>The machine's Chromium, or null with the reason in <paramref name="whyNot"/>.</summary>
    public static Chromium? Find(out string whyNot)
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } named)
        {
            whyNot = File.Exists(named) ? "" : $"{ExecutableVariable}={named} does not exist";
            return File.Exists(named) ? new Chromium(named) : null;
        }
        foreach (var candidate in Candidates)
            if (File.Exists(candidate)) { whyNot = ""; return new Chromium(candidate); }
        whyNot = "no Chromium found (install Debian's package: apt-get install -y chromium, or set " + ExecutableVariable + ")";
        return null;
    }

    /// <summary>The serialised DOM of <paramref name="page"/> after its scripts ran (virtual time lets async work finish).</summary>
    public Task<string> DumpDomAsync(string page, int virtualTimeMs, CancellationToken cancellationToken = default) =>
        RunAsync([$"--virtual-time-budget={virtualTimeMs}", "--dump-dom", ToUrl(page)], cancellationToken);

    private async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ChromiumProfile.RemoveStale(Path.GetTempPath());
        var profile = ChromiumProfile.Create(Path.GetTempPath());
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        var local = arguments.Any(IsLoopbackUrl);
        foreach (var flag in OfflineFlags)
            start.ArgumentList.Add(local && flag.StartsWith("--host-resolver-rules=", StringComparison.Ordinal) ? flag + ", EXCLUDE 127.0.0.1" : flag);
        start.ArgumentList.Add("--user-data-dir=" + profile);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start) ?? throw new IOException("could not start " + Executable);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            try { await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish within 120 s ({string.Join(' ', arguments)})");
            }
            var output = await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new IOException($"Chromium exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
            return output;
        }
        finally
        {
            ChromiumProfile.Remove(profile);
        }
    }

    /// <summary>
    /// Flags for an offline, quiet, headless run. Without the background-networking flags Chromium
    /// tries to reach Google's services at start; the host-resolver rule makes any lookup fail.
    /// Headless Chromium (156) also builds its omnibox's WebUI popup at every start, in a renderer of its own that no
    /// headless page ever shows: about 0.25 s of CPU per start, a fifth to a quarter of a start's whole cost (bench/README.md,
    /// «Issue 24, seventh session»). Turning its features off changes nothing a page draws; a Chromium that does not
    /// know a feature's name ignores it.
    /// </summary>
    internal static readonly string[] OfflineFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps", "--mute-audio", "--no-default-browser-check",
        "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--log-level=3",
    ];

    private static string ToUrl(string page) =>
        page.StartsWith("file:", StringComparison.Ordinal) || page.StartsWith("data:", StringComparison.Ordinal) || IsLoopbackUrl(page)
            ? page : new Uri(Path.GetFullPath(page)).AbsoluteUri;

    // A page of a local server (the Jupyter Notebook server of the kernel's browser test) is loaded
    // as is, and 127.0.0.1 alone is excluded from the host-resolver rule; every name still fails.
    private static bool IsLoopbackUrl(string page) => page.StartsWith("http://127.0.0.1:", StringComparison.Ordinal);
}
