using System.Text.Json;
using KzMigration.Notebooks;

namespace KzMigration.Tests.Notebooks;

/// <summary>Notebook 05 run with what-if parameters, as a user would from the command line.</summary>
[Collection(NotebookCollection.Name)]
public class WhatIfNotebookTests
{
    [Fact]
    public async Task Notebook_05_with_an_edit_and_the_median_reference_shows_a_changed_band()
    {
        var outDir = TestPaths.TempFolder("what-if");
        var options = new NotebookRunOptions
        {
            OutputDirectory = outDir,
            Parameters = NotebookParameters.ParseAssignments(["edits=turkestan:avg_monthly_wage*1.2", "specification=scoring.reference=median; sensitivity.draws=64"]),
        };
        var result = await NotebookRunner.RunAsync(Path.Combine(TestPaths.Notebooks, "05-what-if-and-sensitivity.ipynb"), options);

        Assert.True(result.Succeeded, result.ErrorLine);
        // Without run options of its own, the notebook published into the test process's output folder, never the
        // repository's out/ (a user's last run, which its manifest describes).
        Assert.True(File.Exists(Path.Combine(BundleOnly.Context.OutDirectory, "figures", "fig5-band-stability.json")));
        Assert.False(BundleOnly.Context.OutDirectory.StartsWith(TestPaths.RepositoryRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result.ExecutedPath!));
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();
        // The runner records the overrides in an injected cell.
        Assert.Contains(cells, c => c.GetProperty("metadata").TryGetProperty("tags", out var t) && t.EnumerateArray().Any(x => x.GetString() == "injected-parameters"));
        var bandTable = cells.Single(c => Source(c).Contains("tab5-band-changes"));
        var html = string.Concat(bandTable.GetProperty("outputs").EnumerateArray()
            .Where(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("text/html", out _))
            .Select(o => Joined(o.GetProperty("data").GetProperty("text/html"))));
        Assert.Contains("band before", html);
        // At least one data row: a cell whose band differs before and after (the median reference moves bands).
        var rows = html.Split("<tr>").Skip(2).ToList();
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.Contains("medium") || r.Contains("high") || r.Contains("low"));
    }

    private static string Source(JsonElement cell) => Joined(cell.GetProperty("source"));

    private static string Joined(JsonElement lines) =>
        lines.ValueKind == JsonValueKind.Array ? string.Concat(lines.EnumerateArray().Select(l => l.GetString())) : lines.GetString() ?? "";
}
