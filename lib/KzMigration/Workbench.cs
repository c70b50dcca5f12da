using System.Reflection;

namespace KzMigration;

/// <summary>
/// Where the workbench finds its data and writes its outputs. The notebook runner sets
/// <c>KZMIG_DATA</c> and <c>KZMIG_OUT</c>; a notebook opened in another front-end falls back to
/// the repository's <c>data/</c> and <c>out/</c>, found by walking up from the working directory.
/// </summary>
public static class Workbench
{
    /// <summary>Environment variable naming the data folder (set by <c>kzmig ... --data DIR</c>).</summary>
    public const string DataVariable = "KZMIG_DATA";

    /// <summary>Environment variable naming the output folder (set by <c>kzmig ... --out DIR</c>).</summary>
    public const string OutVariable = "KZMIG_OUT";

    /// <summary>The library's informational version (for notebooks and reports).</summary>
    public static string Version { get; } =
        typeof(Workbench).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "unknown";

    /// <summary>The data folder: <c>KZMIG_DATA</c> if set, else the nearest <c>data/</c> above the working directory that holds a <c>datapackage.json</c>.</summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : FindUpwards("data", d => File.Exists(Path.Combine(d, "datapackage.json")))
              ?? throw new DirectoryNotFoundException(
                  $"No data folder: set {DataVariable} or run from inside the KzMigration repository (looked for data/datapackage.json above {Directory.GetCurrentDirectory()}).");

    /// <summary>The output folder: <c>KZMIG_OUT</c> if set, else <c>out/</c> next to the repository's <c>data/</c>.</summary>
    public static string OutDirectory =>
        Environment.GetEnvironmentVariable(OutVariable) is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepositoryRoot ?? Directory.GetCurrentDirectory(), "out");

    /// <summary>The repository root (the folder holding <c>global.json</c> and <c>notebooks/</c>), or null outside a checkout.</summary>
    public static string? RepositoryRoot =>
        FindUpwards(".", d => File.Exists(Path.Combine(d, "global.json")) && Directory.Exists(Path.Combine(d, "notebooks")));

    /// <summary>
    /// Chooses the data and output folders for the rest of this session, as <c>--data</c> and
    /// <c>--out</c> do for <c>kzmig run</c>: a first cell in an interactive (Jupyter) session calls
    /// it so that loaders read, and <c>Publish.*</c> writes, where the user says. A null argument
    /// keeps the current choice.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    public static void UseFolders(string? data = null, string? output = null)
    {
        if (data is not null)
        {
            var full = Path.GetFullPath(data);
            if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"data folder {full}: no such folder");
            Environment.SetEnvironmentVariable(DataVariable, full);
        }
        if (output is not null) Environment.SetEnvironmentVariable(OutVariable, Path.GetFullPath(output));
    }

    private static string? FindUpwards(string child, Func<string, bool> accept)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, child));
            if (Directory.Exists(candidate) && accept(candidate)) return candidate;
        }
        return null;
    }
}
