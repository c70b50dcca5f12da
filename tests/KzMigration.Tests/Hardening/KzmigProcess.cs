using System.Diagnostics;
using System.Security.Cryptography;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// The built <c>kzmig</c> run as users run it, in a child process (<c>dotnet kzmig.dll …</c>), so the product's own
/// process-wide settings (culture, KZMIG_DATA/KZMIG_OUT) are tested and cannot leak into the test process.
/// </summary>
internal static class KzmigProcess
{
    /// <summary>kzmig.dll next to the test assembly (the test project references the CLI).</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "kzmig.dll");

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs kzmig with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; null values in <paramref name="environment"/> unset a variable.</summary>
    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("kzmig " + string.Join(' ', arguments) + " did not finish in 4 minutes"); }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts kzmig (stdout and stderr redirected) and returns the running process: for tests that kill it.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The test process may carry the CLI's variables from in-process runs; a child starts clean.
        start.Environment.Remove("KZMIG_DATA");
        start.Environment.Remove("KZMIG_OUT");
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>
    /// The processes (Linux: /proc) whose command line contains <paramref name="fragment"/>, e.g. a profile folder of
    /// a test's own TMPDIR or <c>--parent PID</c> of a run's notebook worker: what a killed run may have left running.
    /// </summary>
    public static List<int> Running(string fragment)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId) continue;
            string commandLine;
            try { commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' '); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (commandLine.Contains(fragment, StringComparison.Ordinal)) found.Add(pid);
        }
        return found;
    }

    /// <summary>Waits up to <paramref name="patience"/> until no process's command line contains <paramref name="fragment"/>; returns those left.</summary>
    public static async Task<List<int>> GoneAsync(string fragment, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = Running(fragment);
            if (left.Count == 0 || clock.Elapsed > patience) return left;
            await Task.Delay(100);
        }
    }

    /// <summary>An environment for one locale: LANG and LC_ALL set, invariant globalisation not forced.</summary>
    public static Dictionary<string, string?> Locale(string posixLocale) => new()
    {
        ["LANG"] = posixLocale,
        ["LC_ALL"] = posixLocale,
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = null,
    };

    /// <summary>SHA-256 of every file under <paramref name="folder"/> matching <paramref name="patterns"/> (relative path → hash).</summary>
    public static SortedDictionary<string, string> Hashes(string folder, params string[] patterns)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var (dir, mask) = (Path.GetDirectoryName(pattern) ?? "", Path.GetFileName(pattern));
            var full = Path.Combine(folder, dir);
            if (!Directory.Exists(full)) continue;
            foreach (var file in Directory.EnumerateFiles(full, mask))
                hashes[Path.GetRelativePath(folder, file).Replace('\\', '/')] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }
        return hashes;
    }

    /// <summary>SHA-256 of <paramref name="text"/> (UTF-8), in the form of <see cref="Hashes"/>.</summary>
    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Every file and folder under <paramref name="folder"/>, relative, sorted.</summary>
    public static List<string> Listing(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')).Order(StringComparer.Ordinal)];
}
