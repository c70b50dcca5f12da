using System.Text.RegularExpressions;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Publishing;

/// <summary>What `kzmig reproduce` leaves in out/ as an analyst meets it: table files that load cleanly, and a folder small enough to share.</summary>
[Collection(ReproducedOutputsCollection.Name)]
public class OutputShapeTests(ReproducedOutput reproduced)
{
    /// <summary>
    /// Budget for the whole out/ folder of the bundled study: each executed notebook carries plotly.js (gzip, 1.45 MB:
    /// notebooks travel alone) and its outputs; figures (one shared plotly.js, PNG, SVG, JSON), the report (one more
    /// copy) and the tables share a fixed allowance. See bench/README.md.
    /// </summary>
    // Issue 14: `du -sh out` ≤ 15 MB after reproduce on the bundled data, executed notebooks self-contained.
    private const long OutBudgetBytes = 15L * 1024 * 1024;

    private IEnumerable<string> CsvFiles() =>
        Directory.EnumerateFiles(reproduced.PathOf("tables"), "*.csv").Append(reproduced.PathOf("claims.csv"));

    private static (string[] Header, List<string> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => !l.TrimStart('\uFEFF').StartsWith('#')).ToList();
        return (Split(lines[0]), lines.Skip(1).ToList());
    }

    private static string[] Split(string line) =>
        Regex.Matches(line, "(?:^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)").Select(m => m.Groups[1].Value.Trim('"')).ToArray();

    [Fact]
    public void Csv_column_names_are_ascii()
    {
        foreach (var path in CsvFiles())
            foreach (var name in Read(path).Header)
                Assert.True(name.All(char.IsAscii), $"{Path.GetFileName(path)}: column '{name}' is not ASCII");
    }

    [Fact]
    public void Missing_values_are_empty_not_dashes()
    {
        foreach (var path in CsvFiles())
            foreach (var row in Read(path).Rows)
                Assert.DoesNotContain(Split(row), cell => cell.Trim() is "—" or "–" or "NA" or "NaN");
    }

    [Fact]
    public void The_all_years_scoring_table_has_a_unit_column_and_formulas_are_described()
    {
        var (header, rows) = Read(reproduced.PathOf("tables", "tab3-cells-all-years.csv"));
        var unit = Array.IndexOf(header, "unit");
        Assert.True(unit > 0, "no unit column");
        Assert.True(Array.IndexOf(header, "value") >= 0);
        Assert.All(rows.Take(50), r => Assert.False(string.IsNullOrEmpty(Split(r)[unit])));

        // The formula is the column's description in the data package (and the XLSX's «about» sheet), not in the CSV.
        var attractiveness = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(reproduced.PathOf("datapackage.json")))!["resources"]!.AsArray()
            .Single(r => (string?)r!["path"] == "tables/tab2-attractiveness-internal.csv")!;
        Assert.Contains(attractiveness["schema"]!["fields"]!.AsArray(),
            f => (string?)f!["name"] == "K" && ((string?)f["description"])!.StartsWith("attractiveness coefficient K = A / D", StringComparison.Ordinal));
    }

    [Fact]
    public void Out_folder_stays_small()
    {
        // As du counts it: every file takes whole 4 KB blocks.
        var bytes = Directory.EnumerateFiles(reproduced.OutDir, "*", SearchOption.AllDirectories).Sum(f => (new FileInfo(f).Length + 4095) / 4096 * 4096);
        Assert.True(bytes <= OutBudgetBytes, $"out/ is {bytes / 1048576.0:F1} MB");
        // The figure pages share plotly.js: no page near its size, one shared copy of the workbench bundle beside them.
        var figures = Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.html").Sum(f => new FileInfo(f).Length);
        Assert.True(figures < 2_000_000, $"figure pages total {figures / 1048576.0:F1} MB");
        Assert.Equal([KzMigration.Charts.PlotlyJs.FileName], Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.js").Select(Path.GetFileName));
    }

    [Fact]
    public void Every_executed_notebook_with_a_chart_carries_its_plotly_js_once()
    {
        foreach (var path in Directory.EnumerateFiles(reproduced.PathOf("notebooks"), "*.ipynb"))
        {
            var text = File.ReadAllText(path);
            // Outputs are JSON strings in the file, so the HTML's quotes are escaped there (\").
            var charts = Occurrences(text, "class=\\\"kz-chart");
            var copies = Occurrences(text, "plotly.js v" + KzMigration.Charts.PlotlyJs.Version);
            Assert.True(charts == 0 ? copies == 0 : copies == 1, $"{Path.GetFileName(path)}: {charts} charts, {copies} copies of plotly.js");
            Assert.DoesNotContain("<script type=\\\"text/javascript\\\" src=", text); // travels alone: nothing loaded from beside it
        }
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
