using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExcelDataReader;
using KzMigration.Cli;
using KzMigration.Data;
using KzMigration.Tests.Notebooks;
using KzMigration.Publishing;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// The real product, end to end: <c>kzmig reproduce</c> in child processes under other locales (same bytes as the
/// shared run: culture-invariant and deterministic), with hostile text in the data (shown as text, neutralised in
/// spreadsheets), and writing nothing outside <c>--out</c> (an output name that would leave it: <see cref="RunnerHardeningTests"/>).
/// Only child processes and the shared run's files: beside the notebook collection (issue 24).
/// </summary>
[Collection(ReproducedOutputsCollection.Name)]
public class ReproduceHardeningTests(ReproducedOutput reproduced)
{
    // Everything a run publishes. Executed notebooks and the report are compared too: they must not carry
    // timestamps, random ids or locale-formatted numbers either.
    private static readonly string[] Published =
        ["tables/*.csv", "tables/*.xlsx", "figures/*.json", "figures/*.html", "figures/*.svg", "figures/*.png", "claims.csv", "notebooks/*.ipynb", "report/index.html"];

    // The figure images are compared under one foreign locale without being drawn again: that run starts from a copy of
    // the shared run's out/, so it re-uses an image only where its figure JSON (with the format, the export page and the
    // build: the content key) is unchanged, and draws it again where a locale changed a figure. The other run leaves
    // image export out (--images none), which changes nothing else but the report's inlined images (issue 24: the image
    // bytes are checked once, by the shared run; a minute less per test run).
    [Theory]
    [InlineData("ru_RU.UTF-8", "png")]
    [InlineData("tr_TR.UTF-8", "none")]
    public async Task Reproduce_under_another_locale_writes_the_same_bytes_and_nothing_outside_out(string locale, string images)
    {
        Assert.Equal(ExitCodes.Success, reproduced.ExitCode);
        var parent = TestPaths.TempFolder("locale");
        var temp = TestPaths.TempFolder("tmpdir");
        var outDir = Path.Combine(parent, "out");
        var environment = KzmigProcess.Locale(locale);
        environment["TMPDIR"] = temp; // Chromium profiles and the export page go here, and must be gone afterwards

        if (images != "none") TestPaths.CopyFolder(reproduced.OutDir, outDir);

        // Run from `parent`, so a relative write would land beside out/ and be seen.
        var run = await KzmigProcess.RunAsync(parent, environment,
            "reproduce", "--out", outDir, "--notebooks", TestPaths.Notebooks, "--data", TestPaths.Data, "--images", images);

        Assert.True(run.ExitCode == ExitCodes.Success, $"kzmig reproduce under {locale} exited {run.ExitCode}:\n{run.Error}\n{run.Output}");
        var published = images == "none" ? [.. Published.Where(p => p != "figures/*.png" && p != "report/index.html")] : Published;
        var expected = KzmigProcess.Hashes(reproduced.OutDir, published);
        var actual = KzmigProcess.Hashes(outDir, published);
        if (images == "none")
        {
            // The report as the shared run wrote it, its inlined figure images taken out as a run without images leaves them.
            Assert.Contains("figures/fig1-interregional-balance-2022.png", KzmigProcess.Hashes(reproduced.OutDir, Published).Keys);
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(outDir, "figures"), "*.png"));
            expected["report/index.html"] = KzmigProcess.Hash(WithoutInlinedImages(File.ReadAllText(reproduced.PathOf("report", "index.html"))));
            actual["report/index.html"] = KzmigProcess.Hash(File.ReadAllText(Path.Combine(outDir, "report", "index.html")));
        }
        Assert.Contains("tables/tab-sources.xlsx", expected.Keys);
        Assert.Contains("figures/fig1-interregional-balance-2022.json", expected.Keys);
        Assert.Equal(expected.Keys, actual.Keys);
        var differing = expected.Keys.Where(k => expected[k] != actual[k]).ToList();
        Assert.True(differing.Count == 0, $"under {locale} these outputs differ from the shared run: {string.Join(", ", differing)}");

        if (images != "none")
        {
            // Every image was re-used by its content key (a locale that changed a figure would have had it drawn again).
            Assert.Contains("none drawn", run.Output);
        }
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName));
        // The runtime's own diagnostics socket is not ours; anything else left in TMPDIR is.
        Assert.DoesNotContain(KzmigProcess.Listing(temp), p => !p.StartsWith("dotnet-diagnostic-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hostile_text_in_the_data_is_shown_as_text_and_neutralised_in_spreadsheets()
    {
        const string script = "<script>alert(1)</script>";
        const string formula = "=HYPERLINK(\"http://example.invalid\",\"x\")";
        var data = Path.Combine(TestPaths.TempFolder("hostile"), "data");
        Directory.CreateDirectory(data);
        // A hand-edited data folder: without the bundle's datapackage.json, whose recorded hashes would refuse the edit.
        foreach (var f in Directory.EnumerateFiles(TestPaths.Data).Where(f => Path.GetFileName(f) != "datapackage.json")) File.Copy(f, Path.Combine(data, Path.GetFileName(f)));
        Directory.CreateDirectory(Path.Combine(data, "boundaries"));
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestPaths.Data, "boundaries"))) File.Copy(f, Path.Combine(data, "boundaries", Path.GetFileName(f)));
        // The first source gets a script as its title, the second a formula as its publisher, the third '@' and '+'.
        var sources = Csv.Parse(File.ReadAllText(Path.Combine(data, "sources.csv")), "sources.csv");
        var (title, publisher, carrier) = (sources.Column("title"), sources.Column("publisher"), sources.Column("carrier"));
        var rows = sources.Records.Select((r, i) => (IReadOnlyList<string>)r.Fields.Select((f, c) =>
            (i, c) == (0, title) ? script : (i, c) == (1, publisher) ? formula : (i, c) == (2, carrier) ? "@SUM(1+1)" : (i, c) == (2, publisher) ? "+1-1" : f).ToList());
        Csv.WriteText(Path.Combine(data, "sources.csv"), Csv.Format(sources.Header, rows));
        var outDir = Path.Combine(TestPaths.TempFolder("hostile-out"), "out");
        var environment = KzmigProcess.Locale("C.UTF-8");
        environment["KZMIG_CHROMIUM"] = Path.Combine(data, "no-chromium"); // static images are not under test here

        var run = await KzmigProcess.RunAsync(TestPaths.RepositoryRoot, environment,
            "reproduce", "--out", outDir, "--notebooks", TestPaths.Notebooks, "--data", data);

        Assert.True(run.ExitCode == ExitCodes.Success, $"kzmig reproduce exited {run.ExitCode}:\n{run.Error}\n{run.Output}");
        var report = File.ReadAllText(Path.Combine(outDir, "report", "index.html"));
        Assert.DoesNotContain(script, report);
        Assert.Contains(WebUtility.HtmlEncode(script), report);
        var notebookHtml = Directory.EnumerateFiles(Path.Combine(outDir, "notebooks"), "*.ipynb").SelectMany(HtmlOutputs).ToList();
        Assert.DoesNotContain(notebookHtml, h => h.Contains(script, StringComparison.Ordinal));
        Assert.Contains(notebookHtml, h => h.Contains(WebUtility.HtmlEncode(script), StringComparison.Ordinal));

        // tab-sources carries publisher and carrier: a spreadsheet must see text, never a formula.
        var csv = File.ReadAllText(Path.Combine(outDir, "tables", "tab-sources.csv"));
        Assert.Contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"", csv);
        Assert.Contains(",'@SUM(1+1)", csv);
        Assert.Contains(",'+1-1,", csv);
        var cells = XlsxTexts(Path.Combine(outDir, "tables", "tab-sources.xlsx"));
        Assert.Contains("'" + formula, cells);
        Assert.Contains("'@SUM(1+1)", cells);
        Assert.Contains("'+1-1", cells);
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
    }

    /// <summary>A report's inlined figure images as a run with <c>--images none</c> writes them: hidden, without a source.</summary>
    private static string WithoutInlinedImages(string report) =>
        Regex.Replace(report, "<img class=\"kz-figure-image\" src=\"data:image/png;base64,[^\"]*\"", "<img class=\"kz-figure-image\" hidden");

    /// <summary>The text/html outputs of an executed notebook, as the browser would receive them.</summary>
    private static IEnumerable<string> HtmlOutputs(string notebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(notebook));
        var html = new List<string>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
            if (cell.TryGetProperty("outputs", out var outputs))
                foreach (var output in outputs.EnumerateArray())
                    if (output.TryGetProperty("data", out var data) && data.TryGetProperty("text/html", out var text))
                        html.Add(text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(t => t.GetString())) : text.GetString()!);
        return html;
    }

    private static List<string> XlsxTexts(string path)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // ExcelDataReader needs cp1252
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var texts = new List<string>();
        do
            while (reader.Read())
                for (var c = 0; c < reader.FieldCount; c++)
                    if (reader.GetValue(c) is string s) texts.Add(s);
        while (reader.NextResult());
        return texts;
    }
}
