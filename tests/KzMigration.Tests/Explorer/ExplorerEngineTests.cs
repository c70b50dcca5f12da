using KzMigration.Data;
using KzMigration.Explorer.Model;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Study;

namespace KzMigration.Tests.Explorer;

/// <summary>The explorer's engine on the desktop runtime: its numbers are the library's, and the embedded data path works.</summary>
public class ExplorerEngineTests
{
    private static readonly Lazy<ExplorerEngine> Engine = new(() =>
        new ExplorerEngine(WorkbenchData.LoadBundle(TestPaths.Data), Path.Combine(TestPaths.Data, "boundaries")));

    /// <summary>What the library computes natively for a scenario: totals and ranks of its year.</summary>
    public static IReadOnlyDictionary<string, (double? Total, int? Rank)> Native(WorkbenchData data, Scenario scenario)
    {
        var panel = SocioEconomicScoring.From(data, scenario.Spec.Housing).Panel;
        var edited = ValueEdit.Apply(panel, scenario.Edits);
        return Scorecard.Score(edited, scenario.Spec with { Years = [scenario.Year] }).RegionsIn(scenario.Year)
            .ToDictionary(r => r.Region, r => (r.Total, r.Rank), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("invert=unemployment_rate")]
    [InlineData("thresholds=75,95,105,140&reference=median")]
    [InlineData("edits=turkestan:avg_monthly_wage*1.2")]
    public void Totals_and_ranks_are_the_librarys(string query)
    {
        var scenario = ScenarioText.Parse(query);
        var view = Engine.Value.Scoring(scenario);
        var native = Native(Engine.Value.Data, scenario);
        Assert.Equal(native.Count, view.Rows.Count);
        foreach (var row in view.Rows) Assert.Equal(native[row.Region], (row.Total, row.Rank));
    }

    /// <summary>
    /// The claims page and the heatmap judge on one specification (issue #22: the ledger used to drop the scenario's band
    /// scale): the ledger's options are the scenario's whole specification (its Monte Carlo design aside), and the band the
    /// ledger gives a 2022 figure of Turkestan or Zhambyl as % of the national level is the band the heatmap's scale gives it.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("invert=unemployment_rate")]
    [InlineData("thresholds=75,95,105,140&reference=median")]
    [InlineData("edits=turkestan:avg_monthly_wage*1.2")]
    public void The_claims_page_judges_under_the_heatmaps_whole_specification(string query)
    {
        var scenario = ScenarioText.Parse(query);
        var options = ExplorerEngine.LedgerSpecificationOf(scenario);
        Assert.Equal(SpecificationFormatter.Format(scenario.Specification with { Sensitivity = SensitivityDesign.Default }),
            SpecificationFormatter.Format(options));
        var view = Engine.Value.Scoring(scenario);
        Assert.Equal(view.Legend, options.Scoring.Bands.Bands.ToArray());

        // The heatmap's scale on the unedited figures as % of the national level: what the ledger reads.
        var national = Scorecard.Score(Engine.Value.Panel(scenario.Spec.Housing).Panel,
            ExplorerEngine.SpecForYear(scenario) with { Reference = ReferenceKind.PublishedNational });
        var claims = Engine.Value.Claims(scenario);
        var compared = 0;
        foreach (var (id, indicator) in new[] { ("C13", "grp_per_capita"), ("C14", "avg_monthly_wage"), ("C16", "doctors_per_10k") })
        {
            var found = claims.Rows.Single(r => r.Id == id).Found;
            foreach (var (key, name) in new[] { ("turkestan", "Turkestan"), ("zhambyl", "Zhambyl") })
            {
                var cell = national.Cells.Single(c => c.Year == scenario.Year && IndicatorPanel.Key(c.Region) == key && c.Indicator == indicator);
                var band = System.Text.RegularExpressions.Regex.Match(found, name + @" [0-9.]+ % \(([^)]+)\)").Groups[1].Value;
                Assert.Equal(cell.Band, band);
                compared++;
            }
        }
        Assert.Equal(6, compared);
    }

    [Fact]
    public void The_baseline_changes_nothing_and_an_edit_marks_its_cells()
    {
        Assert.Equal(0, Engine.Value.Scoring(Scenario.Paper).ChangedCells);
        var edited = Engine.Value.Scoring(ScenarioText.Parse("edits=turkestan:avg_monthly_wage*1.6"));
        var turkestan = edited.Rows.Single(r => r.Region == "turkestan");
        Assert.Contains(turkestan.Cells, c => c.Indicator == "avg_monthly_wage" && c.Changed);
        Assert.All(edited.Rows.Where(r => r.Region != "turkestan"), r => Assert.DoesNotContain(r.Cells, c => c.Indicator == "avg_monthly_wage" && c.Changed && c.Ratio is null));
    }

    [Fact]
    public void Flows_claims_and_monte_carlo_answer()
    {
        var flows = Engine.Value.Flows(ScenarioText.Parse("view=flows&year=2021"));
        Assert.Contains(flows.Rows, r => r.Coefficient is not null);
        Assert.NotEmpty(flows.Sources);
        Assert.NotEmpty(flows.Shapes);
        var recounted = Engine.Value.Flows(ScenarioText.Parse("view=flows&year=2021&era=2015"));
        Assert.Equal(16, recounted.Rows.Count);
        var claims = Engine.Value.Claims(ScenarioText.Parse("view=claims&flow=internal"));
        Assert.NotEmpty(claims.Rows);
        Assert.Equal(claims.Rows.Count, claims.Reproduced + claims.Contradicted + claims.Inconclusive + claims.NotTestable);
        var mc = Engine.Value.MonteCarlo(ScenarioText.Parse("draws=20"));
        Assert.NotEmpty(mc.Rows);
        Assert.All(mc.Rows, r => Assert.True(r.P5 <= r.P95));
    }

    [Fact]
    public void The_embedded_package_is_the_bundle_byte_for_byte_and_an_overlay_loads_or_is_refused()
    {
        var root = TestPaths.TempFolder("explorer-vfs");
        var dir = ExplorerData.Unpack(typeof(ExplorerEngineTests).Assembly, root);
        foreach (var file in Directory.EnumerateFiles(TestPaths.Data, "*", SearchOption.AllDirectories))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(dir, Path.GetRelativePath(TestPaths.Data, file))));
        Assert.NotEmpty(WorkbenchData.LoadBundle(dir).Indicators);

        var refused = Assert.Throws<FormatException>(() => ExplorerData.LoadWithOverlay(dir, root, new Dictionary<string, byte[]> { ["notes.txt"] = [1] }));
        Assert.Contains("notes.txt", refused.Message);
        var broken = Assert.Throws<DataFileException>(() => ExplorerData.LoadWithOverlay(dir, root,
            new Dictionary<string, byte[]> { ["migration.csv"] = "region,year\nnowhere,2030\n"u8.ToArray() }));
        Assert.Contains("migration.csv", broken.Message);
    }
}
