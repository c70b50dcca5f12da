using KzMigration.Data;

namespace KzMigration.Tests;

/// <summary>The bundled data package for tests, and small data folders built from it (paths come from <see cref="TestPaths"/>).</summary>
internal static class TestData
{
    public static string RepositoryRoot => TestPaths.RepositoryRoot;

    public static string DataDirectory => TestPaths.Data;

    /// <summary>shared/sources beside the repository (../shared/sources), as in the CI clone.</summary>
    public static string SharedSources => TestPaths.SharedSources;

    private static readonly Lazy<WorkbenchData> Bundled = new(() => WorkbenchData.Load(DataDirectory));

    /// <summary>The bundled package, loaded once.</summary>
    public static WorkbenchData Data => Bundled.Value;

    /// <summary>A fresh folder named <c>data</c> holding copies of the bundled reference tables (regions, names, sources, indicators) and the given value tables.</summary>
    public static string Fixture(string? migrationRows = null, string? socioeconomicRows = null, string? migrationHeader = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(TestPaths.TempFolder("fixture"), "data")).FullName;
        foreach (var t in new[] { DataTables.Regions, DataTables.Lineage, DataTables.Names, DataTables.Sources, DataTables.Indicators })
            File.Copy(Path.Combine(DataDirectory, t.File), Path.Combine(dir, t.File));
        File.WriteAllText(Path.Combine(dir, "migration.csv"), (migrationHeader ?? string.Join(",", DataTables.Migration.Header)) + "\n" + (migrationRows ?? ""));
        File.WriteAllText(Path.Combine(dir, "socioeconomic.csv"), string.Join(",", DataTables.Socioeconomic.Header) + "\n" + (socioeconomicRows ?? ""));
        return dir;
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
