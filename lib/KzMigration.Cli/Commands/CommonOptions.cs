using System.CommandLine;

namespace KzMigration.Cli.Commands;

/// <summary>Options shared by several commands, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo?> Data() => new("--data")
    {
        Description = "Data folder to use instead of the bundled data/ (e.g. one completed with 'kzmig data import').",
    };

    public static Option<DirectoryInfo?> Out() => new("--out")
    {
        Description = "Output folder (default: out/ in the repository).",
    };

    public static Option<double> Timeout() => new("--timeout")
    {
        Description = "Seconds one notebook cell may run before the run fails.",
        DefaultValueFactory = _ => NotebookTimeoutDefault,
    };

    public const double NotebookTimeoutDefault = 120;

    /// <summary>Points the library at the chosen data and output folders (read by notebooks via Workbench).</summary>
    public static (string Data, string Out) Apply(DirectoryInfo? data, DirectoryInfo? output)
    {
        var outDir = Path.GetFullPath(output?.FullName ?? Path.Combine(Workbench.RepositoryRoot ?? Directory.GetCurrentDirectory(), "out"));
        Environment.SetEnvironmentVariable(Workbench.OutVariable, outDir);
        if (data is not null)
        {
            if (!data.Exists) throw new DirectoryNotFoundException($"--data {data.FullName}: no such folder");
            Environment.SetEnvironmentVariable(Workbench.DataVariable, data.FullName);
        }
        string dataDir;
        try { dataDir = Workbench.DataDirectory; }
        catch (DirectoryNotFoundException) { dataDir = "(none)"; }
        return (dataDir, outDir);
    }
}
