using System.Diagnostics;
using System.Text;
using KzMigration.Kernel;

namespace KzMigration.Tests.Kernel;

/// <summary>
/// The machine's Jupyter (Debian's python3 with jupyter_client, nbclient, nbconvert, notebook) and
/// a temporary prefix holding this build's kernel spec, installed with <c>kzmig jupyter install
/// --prefix</c>. Processes started through <see cref="Start"/> see only that prefix's kernels.
/// </summary>
internal sealed class Jupyter
{
    private Jupyter(string python, string prefix)
    {
        Python = python;
        Prefix = prefix;
    }

    /// <summary>A Python 3 that imports jupyter_client.</summary>
    public string Python { get; }

    /// <summary>The installation prefix holding <c>share/jupyter/kernels/kzmigration-csharp</c>.</summary>
    public string Prefix { get; }

    public string DataPath => Path.Combine(Prefix, "share", "jupyter");

    /// <summary>Why Jupyter tests cannot run here, or null when they can.</summary>
    public static string? WhyNot { get; } = FindPython() is null
        ? "no python3 with jupyter_client (install Debian's jupyter-client, python3-nbclient, jupyter-nbconvert, jupyter-notebook; .ci/run does)"
        : null;

    private static readonly Lazy<Task<Jupyter>> Shared = new(CreateAsync);

    /// <summary>One installed kernel spec for the whole test run.</summary>
    public static Task<Jupyter> InstanceAsync() => Shared.Value;

    private static async Task<Jupyter> CreateAsync()
    {
        var python = FindPython() ?? throw new InvalidOperationException(WhyNot);
        var prefix = TestPaths.TempFolder("jupyter-prefix");
        var exit = await Cli.Cli.InvokeAsync(["jupyter", "install", "--prefix", prefix]);
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(KernelSpec.PrefixKernelsDirectory(prefix), KernelSpec.Name, "kernel.json")));
        return new Jupyter(python, prefix);
    }

    /// <summary>Runs <paramref name="arguments"/> with the test prefix as Jupyter's only data path; returns exit code and output.</summary>
    public async Task<(int Exit, string Output)> RunAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(arguments, workingDirectory, environment);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', arguments)} did not finish:\n{output}");
        }
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Starts <see cref="Python"/> with <paramref name="arguments"/> (output redirected, not yet read).</summary>
    public Process Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // Only the test prefix's kernels (and Jupyter's own config and runtime folders in the temp prefix).
        start.Environment["JUPYTER_PATH"] = DataPath;
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(Prefix, "data");
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(Prefix, "config");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(Prefix, "runtime");
        start.Environment["JUPYTER_PLATFORM_DIRS"] = "1";
        start.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return Process.Start(start) ?? throw new IOException("could not start " + Python);
    }

    private static string? FindPython()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("KZMIG_PYTHON"), "/usr/bin/python3", "python3" })
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate, ["-c", "import jupyter_client, nbclient, nbconvert"])
                {
                    RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
                });
                if (p is null) continue;
                p.WaitForExit(30_000);
                if (p.HasExited && p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception) { }
        }
        return null;
    }
}

/// <summary>A test that needs Python's Jupyter packages; skipped with the reason only when they are missing (CI installs them).</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (Jupyter.WhyNot is { } why) Skip = "Jupyter test skipped: " + why;
    }
}

/// <summary>A test that needs Python's Jupyter and the machine's Chromium; skipped with the reason only when one is missing.</summary>
public sealed class JupyterBrowserFactAttribute : FactAttribute
{
    public JupyterBrowserFactAttribute()
    {
        if (Jupyter.WhyNot is { } why) Skip = "Jupyter test skipped: " + why;
        else if (KzMigration.Publishing.Chromium.Find(out var whyNot) is null) Skip = "browser test skipped: " + whyNot;
    }
}
