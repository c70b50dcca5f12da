using System.Security.Cryptography;
using System.Text;
using KzMigration.Publishing;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Publishing;

/// <summary>
/// Issue 24: an image whose figure has not changed since the run that drew it is copied from the output folder, not drawn
/// again, and only when everything its bytes depend on is the same (<see cref="FigureImageReuse"/>).
/// </summary>
[Collection(NotebookCollection.Name)]
public class FigureImageReuseTests(ReproducedOutput reproduced)
{
    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void Inputs_change_with_the_figure_the_format_and_what_draws_it()
    {
        var figure = Encoding.UTF8.GetBytes("""{"data":[{"type":"bar","y":[1,2]}],"layout":{}}""");
        var changed = Encoding.UTF8.GetBytes("""{"data":[{"type":"bar","y":[1,3]}],"layout":{}}""");
        var reuse = FigureImageReuse.From(null, () => "chromium 1");
        var inputs = reuse.InputsOf(figure, ImageFormats.Png);
        Assert.Matches("^[0-9a-f]{64}$", inputs);
        Assert.Equal(inputs, FigureImageReuse.From(null, () => "chromium 1").InputsOf(figure, ImageFormats.Png));
        Assert.NotEqual(inputs, reuse.InputsOf(changed, ImageFormats.Png));
        Assert.NotEqual(inputs, reuse.InputsOf(figure, ImageFormats.Svg));
        Assert.NotEqual(inputs, FigureImageReuse.From(null, () => "chromium 2").InputsOf(figure, ImageFormats.Png));
    }

    [Fact]
    public void A_commit_keeps_the_records_of_the_images_it_keeps_and_drops_those_it_replaces()
    {
        var images = new Dictionary<string, ImageRecord>
        {
            ["figures/a.png"] = new("inputs-a", "bytes-a"),
            ["figures/b.png"] = new("inputs-b", "bytes-b"),
        };
        var earlier = new OutputManifest([new NotebookOutputs("01-x", "/n/01-x.ipynb", "run", new Dictionary<string, string>(), "Succeeded",
            ["figures/a.json", "figures/a.png", "figures/b.json", "figures/b.png"], [], null, images)], []);
        var other = new NotebookOutputs("02-y", "/n/02-y.ipynb", "run", new Dictionary<string, string>(), "Succeeded", ["figures/b.json", "figures/b.png"]);

        var (manifest, _) = RunOutputs.Plan(earlier, [other], [], replaceAll: false, stale: [], new HashSet<string> { "figures/b.json", "figures/b.png" }, null);

        var kept = manifest.Notebooks.Single(n => n.Notebook == "01-x");
        Assert.Equal(["figures/a.json", "figures/a.png"], kept.Files);
        Assert.Equal(new ImageRecord("inputs-a", "bytes-a"), Assert.Single(kept.Images!).Value);
    }

    [ChromiumFact]
    public void Every_image_of_a_reproduce_is_recorded_with_its_inputs_and_its_bytes()
    {
        var manifest = OutputManifest.Read(reproduced.OutDir) ?? throw new InvalidOperationException("no manifest");
        var reuse = FigureImageReuse.From(null, Chromium.Find(out _)!);
        var pngs = manifest.Notebooks.SelectMany(n => n.Files).Where(f => f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pngs);
        foreach (var png in pngs)
        {
            var record = manifest.Notebooks.Single(n => n.Files.Contains(png)).Images?.GetValueOrDefault(png);
            Assert.True(record is not null, png + " has no record");
            Assert.Equal(Sha256(File.ReadAllBytes(reproduced.PathOf(png))), record.Sha256);
            Assert.Equal(reuse.InputsOf(File.ReadAllBytes(reproduced.PathOf(png[..^4] + ".json")), ImageFormats.Png), record.Inputs);
        }
    }

    [ChromiumFact]
    public async Task An_unchanged_figure_is_copied_and_a_changed_or_tampered_one_is_drawn_again()
    {
        var ids = Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.json").Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal).Take(3).ToList();
        Assert.Equal(3, ids.Count);
        var (same, edited, tampered) = (ids[0]!, ids[1]!, ids[2]!);
        var previous = OutputManifest.Read(reproduced.OutDir)!;

        // An output folder as a previous run left it: three figures, their images and the manifest's records of them.
        var outDir = TestPaths.TempFolder("image-reuse");
        Directory.CreateDirectory(Path.Combine(outDir, "figures"));
        var files = ids.SelectMany(id => new[] { $"figures/{id}.json", $"figures/{id}.png" }).ToList();
        foreach (var file in files) File.Copy(reproduced.PathOf(file), Path.Combine(outDir, file));
        var records = previous.Notebooks.SelectMany(n => n.Images ?? new Dictionary<string, ImageRecord>())
            .Where(r => files.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value);
        new OutputManifest([new NotebookOutputs("01-x", "/n/01-x.ipynb", "run", new Dictionary<string, string>(), "Succeeded", files, [], null, records)], []).Write(outDir);
        var original = File.ReadAllBytes(Path.Combine(outDir, "figures", tampered + ".png"));
        File.WriteAllBytes(Path.Combine(outDir, "figures", tampered + ".png"), [.. original.Take(original.Length - 1), (byte)(original[^1] ^ 1)]);

        // This run publishes the same three figures, one of them with another background.
        var staging = TestPaths.TempFolder("image-reuse-staging");
        Directory.CreateDirectory(Path.Combine(staging, "figures"));
        foreach (var id in ids) File.Copy(reproduced.PathOf("figures", id + ".json"), Path.Combine(staging, "figures", id + ".json"));
        var figure = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(staging, "figures", edited + ".json")))!;
        figure["layout"]!["paper_bgcolor"] = "#ffe0e0";
        File.WriteAllText(Path.Combine(staging, "figures", edited + ".json"), figure.ToJsonString());

        await using var queue = new FigureImageQueue(staging, ImageFormats.Png, reuseFrom: outDir);
        queue.ExportNew();
        var (images, _, skipped) = await queue.CompleteAsync();

        Assert.Null(skipped);
        Assert.Equal(1, queue.Reused);
        Assert.Equal(ids, images.Select(i => i.Id));
        byte[] Staged(string id) => File.ReadAllBytes(Path.Combine(staging, "figures", id + ".png"));
        Assert.Equal(File.ReadAllBytes(reproduced.PathOf("figures", same + ".png")), Staged(same));
        Assert.NotEqual(File.ReadAllBytes(reproduced.PathOf("figures", edited + ".png")), Staged(edited));
        // Drawn again, the tampered figure's image is the one the reproduce drew: the export is deterministic, which is
        // what makes a copy the same bytes a fresh drawing would be.
        Assert.Equal(File.ReadAllBytes(reproduced.PathOf("figures", tampered + ".png")), Staged(tampered));
        foreach (var image in images)
        {
            var record = Assert.Single(image.Records);
            Assert.Equal($"figures/{image.Id}.png", record.Key);
            Assert.Equal(Sha256(Staged(image.Id)), record.Value.Sha256);
        }
        Assert.NotEqual(records[$"figures/{edited}.png"].Inputs, images.Single(i => i.Id == edited).Records.Single().Value.Inputs);
    }
}
