namespace KzMigration.Tests;

/// <summary>Paths tests need: the repository (found above the test binaries) and its neighbours.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Notebooks => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>The repository's own data/ folder, which may hold a user's git-ignored imports in data/user/.</summary>
    public static string RepositoryData => Path.Combine(RepositoryRoot, "data");

    private static readonly Lazy<string> Bundle = new(() => CopyOfBundle(RepositoryData, Path.Combine(TempFolder("bundle"), "data")));

    /// <summary>
    /// The bundled data package alone: a copy of data/ made once per test run without the user overlay (data/user/)
    /// or import bookkeeping (dot files), so no test ever reads what a user has imported into their checkout.
    /// </summary>
    public static string Data => Bundle.Value;

    /// <summary>Copies the data folder <paramref name="from"/> into <paramref name="to"/>, leaving out user/ and dot files.</summary>
    public static string CopyOfBundle(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first == "user" || first.StartsWith('.')) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return to;
    }

    /// <summary>Copies every file of <paramref name="from"/> into <paramref name="to"/> (created, even if empty).</summary>
    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Directory.CreateDirectory(to);
    }

    /// <summary>The curated official figures beside the repository (../shared/sources), as CI lays them out.</summary>
    public static string SharedSources => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "sources"));

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>A new empty folder under the system temp folder.</summary>
    public static string TempFolder(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kzmig-tests", prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
