using KzMigration.Data;
using KzMigration.Runs;

namespace KzMigration.Tests.Data;

/// <summary>Tests read the bundle alone: a user's git-ignored data/user/ overlay (even a broken one) never reaches them.</summary>
/// <remarks>
/// It reads the test process's own context (<see cref="BundleOnly.Context"/>), which nothing changes any more: in-process
/// notebook runs and publishing tests enter contexts of their own (<see cref="RunContext.Enter"/>), so it runs anywhere.
/// </remarks>
public class BundleIsolationTests
{
    /// <summary>A copy of the bundle with an arbitrary, invalid user overlay, as a user's checkout may have.</summary>
    private static string BundleWithJunkOverlay()
    {
        var data = TestPaths.CopyOfBundle(TestPaths.Data, Path.Combine(TestPaths.TempFolder("junk-user"), "data"));
        var user = Directory.CreateDirectory(Path.Combine(data, WorkbenchData.UserFolder)).FullName;
        File.WriteAllText(Path.Combine(user, "socioeconomic.csv"), "junk,header\n1,2\n");
        File.WriteAllText(Path.Combine(user, "migration.csv"), string.Join(",", DataTables.Migration.Header) + "\nakmola,2019,Jan-Dec,all,balance,1,exact,,nowhere,\n");
        return data;
    }

    [Fact]
    public void The_bundle_loads_alone_whatever_the_user_overlay_holds()
    {
        var data = BundleWithJunkOverlay();
        Assert.Throws<DataFileException>(() => WorkbenchData.Load(data)); // the workbench itself does read user/
        var bundle = WorkbenchData.LoadBundle(data);
        Assert.Empty(bundle.Overlays);
        Assert.Equal((TestData.Data.Migration.Count, TestData.Data.Indicators.Count), (bundle.Migration.Count, bundle.Indicators.Count));
    }

    [Fact]
    public void The_tests_data_folder_is_a_copy_without_user_or_import_bookkeeping()
    {
        var junk = BundleWithJunkOverlay();
        File.WriteAllText(Path.Combine(junk, ".user.lock"), "");
        var copy = TestPaths.CopyOfBundle(junk, Path.Combine(TestPaths.TempFolder("copy"), "data"));
        Assert.False(Directory.Exists(Path.Combine(copy, WorkbenchData.UserFolder)));
        Assert.False(File.Exists(Path.Combine(copy, ".user.lock")));
        Assert.True(File.Exists(Path.Combine(copy, "boundaries", "adm1-2022-20-units.geojson")));

        // What every test reads: the copy, never the checkout's data/, and the default lookup points at it too.
        Assert.NotEqual(Path.GetFullPath(TestPaths.RepositoryData), Path.GetFullPath(TestPaths.Data));
        Assert.False(Directory.Exists(Path.Combine(TestPaths.Data, WorkbenchData.UserFolder)));
        Assert.Equal(Path.GetFullPath(TestPaths.Data), Workbench.DataDirectory);
        Assert.Empty(TestData.Data.Overlays);
        Assert.Empty(RunContext.Current.Data.Overlays);
    }
}
