using System.Reflection;

namespace KzMigration.Runs;

/// <summary>
/// Where the workbench finds its data and writes its outputs: the folders of the current run
/// (<see cref="RunContext.Current"/>, set by the notebook runner from <c>--data</c> and <c>--out</c>, by the Jupyter
/// kernel at start-up, or by <see cref="UseFolders"/>). With no context the defaults apply: the repository's
/// <c>data/</c> and <c>out/</c>, found by walking up from the working directory. The library reads no environment
/// variable for them; the edges that offer <c>KZMIG_DATA</c> / <c>KZMIG_OUT</c> (the <c>kzmig</c> command line, the
/// kernel) turn them into a context or a run's options.
/// </summary>
public static class Workbench
{
    /// <summary>The library's informational version (for notebooks and reports).</summary>
    public static string Version { get; } =
        typeof(Workbench).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "unknown";

    /// <summary>The data folder of the current run (<see cref="RunContext.Current"/>).</summary>
    public static string DataDirectory => RunContext.Current.DataDirectory;

    /// <summary>The output folder of the current run (<see cref="RunContext.Current"/>).</summary>
    public static string OutDirectory => RunContext.Current.OutDirectory;

    /// <summary>The default data folder: the nearest <c>data/</c> above the working directory that holds a <c>datapackage.json</c>.</summary>
    public static string DefaultDataDirectory =>
        DataDirectoryAbove(Directory.GetCurrentDirectory())
        ?? throw new DirectoryNotFoundException(
            $"No data folder: give one (--data, KZMIG_DATA, Workbench.UseFolders) or run from inside the KzMigration repository (looked for data/datapackage.json above {Directory.GetCurrentDirectory()}).");

    /// <summary>The nearest <c>data/</c> holding a <c>datapackage.json</c> in <paramref name="folder"/> or above it, or null.</summary>
    public static string? DataDirectoryAbove(string folder) =>
        FindUpwards(folder, "data", d => File.Exists(Path.Combine(d, "datapackage.json")));

    /// <summary>The default output folder: <c>out/</c> in the repository (else in the working directory).</summary>
    public static string DefaultOutDirectory => Path.Combine(RepositoryRoot ?? Directory.GetCurrentDirectory(), "out");

    /// <summary>The repository root (the folder holding <c>global.json</c> and <c>notebooks/</c>), or null outside a checkout.</summary>
    public static string? RepositoryRoot =>
        FindUpwards(Directory.GetCurrentDirectory(), ".", d => File.Exists(Path.Combine(d, "global.json")) && Directory.Exists(Path.Combine(d, "notebooks")));

    /// <summary>
    /// <paramref name="path"/> as it may be shown in a shared output: relative to the repository when inside it
    /// (forward slashes), else with the home folder as <c>~</c>, else its last folder name. Never the machine's layout.
    /// </summary>
    public static string ShownPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (RepositoryRoot is { } root && IsInside(full, root)) return Path.GetRelativePath(root, full).Replace('\\', '/');
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 1 && IsInside(full, home)) return "~/" + Path.GetRelativePath(home, full).Replace('\\', '/');
        return "…/" + Path.GetFileName(full.TrimEnd('/', '\\'));
    }

    private static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd('/', '\\') + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Chooses the data and output folders for the rest of this session, as <c>--data</c> and
    /// <c>--out</c> do for <c>kzmig run</c>: a first cell in an interactive (Jupyter) session calls
    /// it so that loaders read, and <c>Publish.*</c> writes, where the user says (it sets
    /// <see cref="RunContext.Current"/> with <see cref="RunContext.Use"/>: in a notebook that a runner runs, for the rest of
    /// that run only). A null argument keeps the current choice.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    public static void UseFolders(string? data = null, string? output = null)
    {
        var options = RunContext.Current.Options;
        if (data is not null)
        {
            var full = Path.GetFullPath(data);
            if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"data folder {full}: no such folder");
            options = options with { DataDirectory = full };
        }
        if (output is not null) options = options with { OutDirectory = Path.GetFullPath(output) };
        RunContext.Use(new RunContext(options));
    }

    private static string? FindUpwards(string start, string child, Func<string, bool> accept)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, child));
            if (Directory.Exists(candidate) && accept(candidate)) return candidate;
        }
        return null;
    }
}
