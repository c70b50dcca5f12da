using System.Text.Json;
using KzMigration.Cli;
using KzMigration.Publishing;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// A run owns what it writes (issue 10, item 8; issue 23, item 1): out/manifest.json lists every file each notebook's
/// last run wrote, with its command and parameters; a reproduce replaces all of it, a run replaces
/// its notebook's part (images rendered again from its own figures) and removes the report that no
/// longer matches, and files that are not the workbench's are never touched.
/// </summary>
[Collection(NotebookCollection.Name)]
public class OutputOwnershipTests
{
    private static void Write(string folder, string name, string code) =>
        File.WriteAllText(Path.Combine(folder, name), "#!csharp\n\n" + code + "\n");

    private const string Usings = "using KzMigration.Outputs;\nusing KzMigration.Publishing;\nusing Microsoft.Data.Analysis;\n";

    private static string FigureNotebook => """
        // parameters
        string language = "en";

        #!csharp

        """ + Usings + """
        var title = language == "ru" ? "Сальдо миграции" : "Net migration";
        var chart = Plotly.NET.CSharp.Chart.Column<int, string, string>(values: new[] { 1, 2 }, Keys: language == "ru" ? new[] { "юг", "север" } : new[] { "south", "north" }, Name: title);
        Publish.Figure("own-balance", chart, title);
        Publish.Table("own-a", new DataFrame(new StringDataFrameColumn("title", [title])), new TableMetadata(title));
        """;

    private static string TableNotebook(string id) => Usings +
        $"Publish.Table(\"{id}\", new DataFrame(new StringDataFrameColumn(\"x\", [\"1\"])), new TableMetadata(\"{id}\"));";

    private static JsonElement Manifest(string outDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, OutputManifest.FileName)));
        return doc.RootElement.Clone();
    }

    private static JsonElement Entry(JsonElement manifest, string notebook) =>
        manifest.GetProperty("notebooks").EnumerateArray().Single(n => n.GetProperty("notebook").GetString() == notebook);

    private static List<string> Files(JsonElement entry) => [.. entry.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)];

    [Fact]
    public async Task Reproduce_replaces_the_previous_run_and_run_replaces_its_notebooks_part()
    {
        var root = TestPaths.TempFolder("ownership");
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        var outDir = Path.Combine(root, "out");
        Write(notebooks, "01-figure.dib", FigureNotebook);
        Write(notebooks, "02-table.dib", TableNotebook("own-b"));
        // Files no manifest lists (a table an older version left, a note of the user's) are used around, never touched
        // (issue 23, item 1; a file where the run writes refuses it: RunOwnershipTests).
        Directory.CreateDirectory(Path.Combine(outDir, "tables"));
        File.WriteAllText(Path.Combine(outDir, "tables", "old-table.csv"), "stale");
        File.WriteAllText(Path.Combine(outDir, "my-notes.txt"), "mine");

        Assert.Equal(ExitCodes.Success, await Cli.Cli.InvokeAsync(["reproduce", "--notebooks", notebooks, "--out", outDir]));
        Assert.Equal("stale", File.ReadAllText(Path.Combine(outDir, "tables", "old-table.csv")));
        var first = Manifest(outDir);
        // The figure pages' shared plotly.js belongs to the run of the first notebook that published a figure.
        Assert.Equal(["figures/own-balance.html", "figures/own-balance.json", "figures/" + KzMigration.Charts.PlotlyJs.FileName, "notebooks/01-figure.ipynb", "tables/own-a.csv", "tables/own-a.xlsx"],
            Files(Entry(first, "01-figure")).Where(f => !f.EndsWith(".png") && !f.EndsWith(".svg")));
        Assert.Equal("en", Entry(first, "01-figure").GetProperty("parameters").GetProperty("language").GetString());
        Assert.Contains("report/index.html", first.GetProperty("study").EnumerateArray().Select(f => f.GetString()));
        var imagesRendered = File.Exists(Path.Combine(outDir, "figures", "own-balance.png"));
        if (imagesRendered) Assert.Contains("figures/own-balance.png", Files(Entry(first, "01-figure")));

        // The second notebook now publishes another table: its old one must not stay beside the new one.
        Write(notebooks, "02-table.dib", TableNotebook("own-c"));
        Assert.Equal(ExitCodes.Success, await Cli.Cli.InvokeAsync(["reproduce", "--notebooks", notebooks, "--out", outDir]));
        Assert.False(File.Exists(Path.Combine(outDir, "tables", "own-b.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "tables", "own-c.csv")));
        var englishPng = imagesRendered ? File.ReadAllBytes(Path.Combine(outDir, "figures", "own-balance.png")) : null;

        // A what-if run in Russian: the figure's JSON, HTML and images all come from it; the report goes.
        Assert.Equal(ExitCodes.Success, await Cli.Cli.InvokeAsync(["run", Path.Combine(notebooks, "01-figure.dib"), "--param", "language=ru", "--out", outDir]));
        Assert.Contains("Сальдо миграции", File.ReadAllText(Path.Combine(outDir, "figures", "own-balance.json")));
        Assert.Contains("Сальдо миграции", File.ReadAllText(Path.Combine(outDir, "figures", "own-balance.html")));
        if (imagesRendered) Assert.NotEqual(englishPng, File.ReadAllBytes(Path.Combine(outDir, "figures", "own-balance.png")));
        Assert.False(File.Exists(Path.Combine(outDir, "report", "index.html")), "a report of the English run stayed beside Russian figures");
        var after = Manifest(outDir);
        var rerun = Entry(after, "01-figure");
        Assert.Equal("run", rerun.GetProperty("command").GetString());
        Assert.Equal("ru", rerun.GetProperty("parameters").GetProperty("language").GetString());
        Assert.Equal("reproduce", Entry(after, "02-table").GetProperty("command").GetString());
        Assert.DoesNotContain("report/index.html", after.GetProperty("study").EnumerateArray().Select(f => f.GetString()));

        // Every listed file exists, nothing of ours is unlisted, the user's file is untouched and no staging folder is left.
        var listed = after.GetProperty("notebooks").EnumerateArray().SelectMany(Files).Concat(after.GetProperty("study").EnumerateArray().Select(f => f.GetString()!)).ToHashSet();
        var present = KzmigProcess.Listing(outDir).Where(p => File.Exists(Path.Combine(outDir, p))).ToHashSet();
        Assert.Empty(listed.Except(present));
        Assert.Equal([RunOutputs.LockFileName, "datapackage.json", "manifest.json", "my-notes.txt", "tables/old-table.csv"], present.Except(listed).Order(StringComparer.Ordinal));

        // datapackage.json is written from the manifest: the same files, each table and figure described by its last run.
        using var package = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "datapackage.json")));
        var resources = package.RootElement.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(listed.Order(StringComparer.Ordinal), resources.Select(r => r.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        var kept = resources.Single(r => r.GetProperty("path").GetString() == "tables/own-c.csv");
        Assert.Equal("tabular-data-resource", kept.GetProperty("profile").GetString());
        Assert.Equal("02-table", kept.GetProperty("notebook").GetString());
        Assert.Equal("x", kept.GetProperty("schema").GetProperty("fields")[0].GetProperty("name").GetString());
        var figure = resources.Single(r => r.GetProperty("path").GetString() == "figures/own-balance.json");
        Assert.Equal("Сальдо миграции", figure.GetProperty("title").GetString());
        Assert.Equal("ru", figure.GetProperty("parameters").GetProperty("language").GetString());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "my-notes.txt")));
    }
}
