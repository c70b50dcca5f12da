using KzMigration.Cli;

namespace KzMigration.Tests.Notebooks;

/// <summary>
/// `kzmig reproduce` over every notebook in notebooks/: each notebook a later issue adds is under
/// test from the moment it is committed.
/// </summary>
[Collection(NotebookCollection.Name)]
public class ReproduceTests(ReproducedOutput reproduced)
{
    [Fact]
    public void Reproduce_runs_every_notebook_in_the_repository()
    {
        var outDir = reproduced.OutDir;
        Assert.Equal(ExitCodes.Success, reproduced.ExitCode);
        var expected = Directory.EnumerateFiles(TestPaths.Notebooks).Where(p => p.EndsWith(".ipynb") || p.EndsWith(".dib"))
            .Select(p => Path.GetFileNameWithoutExtension(p) + ".ipynb").Order().ToList();
        var written = Directory.EnumerateFiles(Path.Combine(outDir, "notebooks")).Select(p => Path.GetFileName(p)!).Order().ToList();
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Reproduce_writes_the_claims_ledger_and_the_report()
    {
        var claims = File.ReadAllLines(reproduced.PathOf("claims.csv"));
        Assert.Contains("id,quote,computation,flow,expected,tolerance,found,verdict,evidence", claims);
        Assert.Equal("id,quote,computation,flow,expected,tolerance,found,verdict,evidence", claims[0]);
        var report = File.ReadAllText(reproduced.PathOf("report", "index.html"));
        Assert.Contains("id=\"claims\"", report);
        Assert.Contains("id=\"sources\"", report);
        // The findings page explains the four verdicts, one line each.
        var words = report[report.IndexOf("<ul class=\"kz-verdict-words\">", StringComparison.Ordinal)..];
        words = words[..words.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(words, "<li ").Count);
        foreach (var verdict in new[] { "reproduced", "contradicted", "inconclusive", "not testable" })
            Assert.Contains("<b>" + verdict + "</b>: ", words);
        Assert.Contains("CC BY 4.0", report);
    }

    [Fact]
    public void Reproduce_draws_Figures_1_and_2_for_2015_2020_2021_from_interregional_flows()
    {
        var flows = File.ReadAllLines(reproduced.PathOf("tables", "tab1-interregional-flows.csv"));
        foreach (var year in new[] { "2015", "2020", "2021", "2022" })
            Assert.Contains(flows, l => l.Contains($",{year},", StringComparison.Ordinal));
        Assert.Contains(flows, l => l.StartsWith("South Kazakhstan,south-kazakhstan,2015,2015,11502,derived,26002,derived,-14500,derived", StringComparison.Ordinal));
        Assert.True(File.Exists(reproduced.PathOf("figures", "fig1-interregional-balance-by-year.json")));
        var k = File.ReadAllText(reproduced.PathOf("tables", "tab2-attractiveness-interregional.csv"));
        foreach (var year in new[] { "2015", "2020", "2021" }) Assert.Contains($",{year},interregional,", k);
        Assert.True(File.Exists(reproduced.PathOf("figures", "fig2-attractiveness-interregional.json")));
        // The summary reproduce prints is the ledger's on the bundled data (its counts are pinned in ClaimsLedgerTests).
        Assert.Contains($"\"summary\": \"{KzMigration.Claims.ClaimsLedger.Evaluate(TestData.Data).Summary}\"", File.ReadAllText(reproduced.PathOf("datapackage.json")));
    }

    [Fact]
    public async Task Reproduce_fails_when_a_notebook_fails()
    {
        var notebooks = TestPaths.TempFolder("broken-set");
        File.Copy(TestPaths.Fixture("notebooks", "good.ipynb"), Path.Combine(notebooks, "01-good.ipynb"));
        File.Copy(TestPaths.Fixture("notebooks", "bad-cell.ipynb"), Path.Combine(notebooks, "02-bad.ipynb"));
        var outDir = TestPaths.TempFolder("reproduce-broken");

        var exit = await Cli.Cli.InvokeAsync(["reproduce", "--out", outDir, "--notebooks", notebooks]);

        Assert.Equal(ExitCodes.Failed, exit);
        // Both ran (notebooks are independent); the broken one's executed copy shows its error, as a failure's record
        // beside (no) earlier outputs of it (issue 23, item 4).
        Assert.True(File.Exists(Path.Combine(outDir, "notebooks", "01-good.ipynb")));
        Assert.True(File.Exists(Path.Combine(outDir, "notebooks", "02-bad.failed.ipynb")));
        Assert.False(File.Exists(Path.Combine(outDir, "notebooks", "02-bad.ipynb")));
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("run")]
    [InlineData("run", "missing.ipynb")]
    [InlineData("reproduce", "--timeout", "soon")]
    [InlineData("reproduce", "--lang", "de")]
    public async Task Wrong_command_lines_exit_with_invalid_input(params string[] args) =>
        Assert.Equal(ExitCodes.InvalidInput, await Cli.Cli.InvokeAsync(args));
}
