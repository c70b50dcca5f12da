using System.Globalization;
using System.Text;
using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Notebooks;
using KzMigration.Study;
using KzMigration.Runs;

namespace KzMigration.Tests.Notebooks;

/// <summary>
/// The notebooks read whatever the loaded data holds: once a user adds interregional arrivals and
/// departures (here a clearly synthetic test overlay, never part of data/), the same cells of
/// notebook 03 draw the paper's Figure 2, and the claims re-evaluate.
/// </summary>
[Collection(NotebookCollection.Name)]
public class ImportedDataNotebookTests
{
    /// <summary>A fresh copy of the bundled data/ (boundaries included).</summary>
    private static string CopyOfBundledData(string name)
    {
        var copy = TestPaths.TempFolder(name);
        foreach (var file in Directory.EnumerateFiles(TestPaths.Data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(TestPaths.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    /// <summary>A copy of data/ whose user/ overlay adds synthetic interregional arrivals and departures for 2021.</summary>
    private static string DataWithSyntheticInterregionalFlows()
    {
        var copy = CopyOfBundledData("data-imported");
        var bundled = WorkbenchData.Load(TestPaths.Data);
        var user = Directory.CreateDirectory(Path.Combine(copy, WorkbenchData.UserFolder)).FullName;
        File.WriteAllText(Path.Combine(user, "sources.csv"),
            "source_id,url,carrier,publisher,title,note,file,sha256,imported_at,format,portal_id,target,rows\n" +
            "test-synthetic,synthetic.csv,test fixture,none (synthetic test values),Synthetic interregional flows,not official: for tests only,,,,,,,\n");
        var rows = new StringBuilder("region,year,period,flow,measure,value,status,boundaries,source_id,note\n");
        var i = 0;
        foreach (var region in MigrationSeries.Units(bundled, 2021))
        {
            // Cities: arrivals − departures equal the bundled (rounded) 2021 balances, as validation demands.
            var balance = bundled.MigrationValue(region.Key, 2021, Flow.Interregional, Measure.Balance);
            var departures = 20000 + 100 * i++;
            var arrivals = balance is { } b ? departures + b : departures - 1500;
            if (region.Key == "turkestan") (arrivals, departures) = (26285, 40000); // Turkestan's arrivals are bundled: repeat them.
            foreach (var (measure, value) in new[] { ("arrivals", arrivals), ("departures", departures) })
                rows.Append(CultureInfo.InvariantCulture, $"{region.Key},2021,Jan-Dec,interregional,{measure},{value},exact,2018,test-synthetic,synthetic\n");
        }
        File.WriteAllText(Path.Combine(user, "migration.csv"), rows.ToString());
        return copy;
    }

    [Fact]
    public async Task Notebook_03_draws_Figure_2_from_imported_interregional_flows()
    {
        var data = DataWithSyntheticInterregionalFlows();
        using var scope = RunContext.Enter(BundleOnly.Context); // UseFolders changes this test's context only
        Workbench.UseFolders(data: data);
        var loaded = RunContext.Current.Data;
        Assert.Equal(17, Attractiveness.Computable(Attractiveness.Compute(loaded, Flow.Interregional, [2021])).Count);

        var outDir = TestPaths.TempFolder("nb03-imported");
        var result = await NotebookRunner.RunAsync(Path.Combine(TestPaths.Notebooks, "03-figure-2-attractiveness.ipynb"),
            new NotebookRunOptions { OutputDirectory = outDir });
        Assert.True(result.Succeeded, result.ErrorLine);
        var executed = await File.ReadAllTextAsync(result.ExecutedPath!);
        // The availability table now reports K for all 17 regions of 2021, and the interregional table lists them.
        Assert.Contains("<td class=\\\"num\\\">2021</td><td>interregional</td><td class=\\\"num\\\">17</td><td class=\\\"num\\\">17</td>", executed);
        Assert.Contains("no interregional arrivals and departures in the loaded data (16 regions)", executed); // 2016–2017 still missing

        // Claims re-evaluate on the same data: the cities' 2021 K is now known (≥ 1), the rest of the period still decides.
        var claims = ClaimsLedger.Evaluate(loaded);
        Assert.Equal(PaperClaims.All.Count, claims.Results.Count);
    }

    [NeedsSharedSourcesFact]
    public async Task An_imported_origin_destination_sample_without_2022_reaches_notebooks_02_and_03()
    {
        var data = CopyOfBundledData("data-od-imported");
        var raw = Path.Combine(TestData.SharedSources, "formats", "Diar299_kz-migration__Internal_migration.csv");
        Assert.Equal(0, await Cli.Cli.InvokeAsync(["data", "import", raw, "--data", data, "--exclude-years", "2022"]));
        using var scope = RunContext.Enter(BundleOnly.Context); // UseFolders changes this test's context only
        Workbench.UseFolders(data: data);
        // The imported 2025 matrix (a partial year in the raw sample; imported here only to show the plumbing) reaches both notebooks.
        Assert.NotNull(RunContext.Current.Data.FlowMatrix(2025));
        foreach (var notebook in new[] { "02-figure-1-migration-balance", "03-figure-2-attractiveness" })
        {
            var outDir = TestPaths.TempFolder("od-imported-" + notebook[..2]);
            var result = await NotebookRunner.RunAsync(Path.Combine(TestPaths.Notebooks, notebook + ".ipynb"), new NotebookRunOptions { OutputDirectory = outDir });
            Assert.True(result.Succeeded, result.ErrorLine);
            Assert.Contains("2025", WithPackedFigures(await File.ReadAllTextAsync(result.ExecutedPath!)));
        }
    }

    /// <summary>
    /// The executed notebook's text with every gzip-packed figure JSON (large maps are embedded as
    /// <c>var packed="…"</c>) unpacked beside it, so a test can look for a value a chart draws.
    /// </summary>
    private static string WithPackedFigures(string executed)
    {
        var text = new System.Text.StringBuilder(executed);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(executed, @"var packed=\\""([A-Za-z0-9+/=]+)\\"""))
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(Convert.FromBase64String(m.Groups[1].Value)), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            text.Append('\n').Append(reader.ReadToEnd());
        }
        return text.ToString();
    }
}
