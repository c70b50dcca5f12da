namespace KzMigration.Tests;

/// <summary>Paths tests need: the repository (found above the test binaries) and its neighbours.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Notebooks => Path.Combine(RepositoryRoot, "notebooks");

    public static string Data => Path.Combine(RepositoryRoot, "data");

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
