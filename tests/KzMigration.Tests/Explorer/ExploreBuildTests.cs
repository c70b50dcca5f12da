using System.Text;
using KzMigration.Cli.Commands;
using KzMigration.Data;

namespace KzMigration.Tests.Explorer;

/// <summary>
/// The explorer's build recipe on the desktop, without publishing it: the bundled data are verified before anything is
/// built (the browser then trusts its compiled-in copy), and the prerendered baseline goes where the app's first render
/// replaces it. The published site itself is checked in the browser (<see cref="ExplorerBrowserTests"/>).
/// </summary>
public class ExploreBuildTests
{
    // A checkout holding what the stamp and the build read: the explorer's project file, the core's folder, the data.
    private static string Checkout(Action<string>? editData = null)
    {
        var root = TestPaths.TempFolder("explore-build");
        foreach (var file in new[] { "Directory.Packages.props", "Directory.Build.props", "lib/KzMigration.Explorer/KzMigration.Explorer.csproj" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
            File.Copy(Path.Combine(TestPaths.RepositoryRoot, file), Path.Combine(root, file));
        }
        Directory.CreateDirectory(Path.Combine(root, "lib", "KzMigration"));
        var data = TestPaths.CopyOfBundle(TestPaths.Data, Path.Combine(root, "data"));
        editData?.Invoke(data);
        return root;
    }

    [Fact]
    public async Task A_bundled_figure_edited_by_hand_stops_the_build_before_anything_is_built()
    {
        // Well-formed, so every row-level rule passes: only the recorded sha256 can tell, and the browser no longer checks it.
        var root = Checkout(data =>
        {
            var path = Path.Combine(data, "socioeconomic.csv");
            var text = File.ReadAllText(path);
            Assert.Contains("\nabai,2022,avg_monthly_wage,258941,", text);
            File.WriteAllText(path, text.Replace("\nabai,2022,avg_monthly_wage,258941,", "\nabai,2022,avg_monthly_wage,2589410,", StringComparison.Ordinal), new UTF8Encoding(false));
        });
        var log = new StringWriter();
        var e = await Assert.ThrowsAsync<DataFileException>(() => ExploreBuild.EnsureBuiltAsync(root, log));
        Assert.EndsWith("socioeconomic.csv", e.File);
        Assert.Contains("sha256", e.Reason);
        Assert.DoesNotContain("building the explorer", log.ToString());
        Assert.False(Directory.Exists(Path.Combine(root, "lib", "KzMigration.Explorer", "bin")), "nothing is built or staged");
    }

    [Fact]
    public void The_baseline_replaces_the_marker_inside_app_and_names_the_workbench_plotly_bundle()
    {
        var template = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "lib", "KzMigration.Explorer", "wwwroot", "index.html"));
        var index = ExploreBuild.WithBaseline(template, "<header>h</header><main id=\"explorer\">m</main>", "plotly-2.28.0-workbench.min.js");
        Assert.DoesNotContain(ExploreBuild.BaselineMarker, index);
        Assert.Contains("<div id=\"app\"><div class=\"kz-baseline\"><header>h</header><main id=\"explorer\">m</main></div><p class=\"loading kz-loading\">", index);
        Assert.Contains("<meta name=\"kz-plotly\" content=\"plotly-2.28.0-workbench.min.js\" />", index);
        // The app's own scripts come after the baseline: nothing blocks its first paint.
        Assert.True(index.IndexOf("kz-baseline", StringComparison.Ordinal) < index.IndexOf("<script src=\"explorer.js\"", StringComparison.Ordinal));
        Assert.DoesNotContain("<script src=\"plotly", index);

        var without = template.Replace(ExploreBuild.BaselineMarker, "", StringComparison.Ordinal);
        Assert.Throws<IOException>(() => ExploreBuild.WithBaseline(without, "<main/>", "plotly.js"));
    }
}
