using KzMigration.Data;

namespace KzMigration.Tests;

/// <summary>Paths of the repository, its data/ and the shared sources beside it; temporary fixture folders.</summary>
internal static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string DataDirectory => Path.Combine(RepositoryRoot, "data");

    /// <summary>shared/sources beside the repository (../shared/sources), as in the CI clone.</summary>
    public static string SharedSources => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "sources"));

    private static readonly Lazy<WorkbenchData> Bundled = new(() => WorkbenchData.Load(DataDirectory));

    /// <summary>The bundled package, loaded once.</summary>
    public static WorkbenchData Data => Bundled.Value;

    /// <summary>A fresh folder named <c>data</c> holding copies of the bundled reference tables (regions, names, sources, indicators) and the given value tables.</summary>
    public static string Fixture(string? migrationRows = null, string? socioeconomicRows = null, string? migrationHeader = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kzmig-test-" + Guid.NewGuid().ToString("N"), "data");
        Directory.CreateDirectory(dir);
        foreach (var t in new[] { DataTables.Regions, DataTables.Lineage, DataTables.Names, DataTables.Sources, DataTables.Indicators })
            File.Copy(Path.Combine(DataDirectory, t.File), Path.Combine(dir, t.File));
        File.WriteAllText(Path.Combine(dir, "migration.csv"), (migrationHeader ?? string.Join(",", DataTables.Migration.Header)) + "\n" + (migrationRows ?? ""));
        File.WriteAllText(Path.Combine(dir, "socioeconomic.csv"), string.Join(",", DataTables.Socioeconomic.Header) + "\n" + (socioeconomicRows ?? ""));
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && Directory.Exists(Path.Combine(dir.FullName, "lib")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root (global.json) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, saying why, when ../shared/sources is not beside the repository.</summary>
public sealed class NeedsSharedSourcesFactAttribute : FactAttribute
{
    public NeedsSharedSourcesFactAttribute()
    {
        if (!File.Exists(Path.Combine(TestData.SharedSources, "migration.csv")))
            Skip = $"shared sources not found at {TestData.SharedSources}: the regeneration check needs ../shared/sources beside the repository";
    }
}
