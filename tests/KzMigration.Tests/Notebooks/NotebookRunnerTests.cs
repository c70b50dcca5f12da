using System.Diagnostics;
using System.Text.Json;
using KzMigration.Notebooks;

namespace KzMigration.Tests.Notebooks;

[Collection(NotebookCollection.Name)]
public class NotebookRunnerTests
{
    private static async Task<(NotebookRunResult Result, JsonElement Executed)> Run(string fixture, NotebookRunOptions? options = null)
    {
        var outDir = TestPaths.TempFolder("run");
        var result = await NotebookRunner.RunAsync(TestPaths.Fixture("notebooks", fixture), (options ?? new NotebookRunOptions()) with { OutputDirectory = outDir });
        Assert.NotNull(result.ExecutedPath);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result.ExecutedPath!));
        return (result, json.RootElement.Clone());
    }

    private static IEnumerable<JsonElement> Outputs(JsonElement notebook) =>
        notebook.GetProperty("cells").EnumerateArray().SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>());

    private static string Joined(JsonElement lines) =>
        lines.ValueKind == JsonValueKind.Array ? string.Concat(lines.EnumerateArray().Select(l => l.GetString())) : lines.GetString() ?? "";

    private static IEnumerable<string> Html(JsonElement notebook) =>
        Outputs(notebook).Where(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("text/html", out _))
            .Select(o => Joined(o.GetProperty("data").GetProperty("text/html")));

    [Fact]
    public async Task Good_notebook_runs_and_its_outputs_are_captured()
    {
        var (result, executed) = await Run("good.ipynb");

        Assert.True(result.Succeeded, result.ErrorLine);
        Assert.Equal(5, result.CodeCellsRun);
        var stdout = Outputs(executed).Where(o => o.GetProperty("output_type").GetString() == "stream").Select(o => Joined(o.GetProperty("text")));
        Assert.Contains("year=2000 region=Astana city factor=1.5\n", stdout);
        var html = Html(executed).ToList();
        // The DataFrame is a table, and text from data is escaped, not interpreted.
        Assert.Contains(html, h => h.Contains("<table class=\"kz-table\">") && h.Contains("&lt;b&gt;not bold&lt;/b&gt;"));
        // Charts are HTML with plotly.js inline in the first chart only (one shared copy per notebook).
        var charts = html.Where(h => h.Contains("Plotly.newPlot")).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains("plotly.js v" + KzMigration.Charts.PlotlyJs.Version, charts[0]);
        Assert.DoesNotContain("plotly.js v", charts[1]);
        Assert.Contains("id=\"kz-good-chart-1\"", charts[0]);
        Assert.Contains("id=\"kz-good-chart-2\"", charts[1]);
        Assert.DoesNotContain("cdn", string.Concat(charts.Select(c => KzMigration.Charts.PlotlyJs.LoaderElements.Aggregate(c, (t, l) => t.Replace(l, "")))), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Executed_notebook_numbers_its_cells_in_order()
    {
        var (_, executed) = await Run("good.ipynb");
        var counts = executed.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => c.GetProperty("execution_count")).Select(e => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : 0).ToList();
        Assert.Equal([1, 2, 3, 4, 5], counts);
    }

    [Fact]
    public async Task Failing_cell_fails_the_run_naming_notebook_and_cell()
    {
        var (result, executed) = await Run("bad-cell.ipynb");

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(3, result.Failure!.CellNumber);
        Assert.Contains("bad-cell.ipynb", result.ErrorLine);
        Assert.Contains("cell 3 failed", result.ErrorLine);
        Assert.Contains("deliberately broken", result.ErrorLine);
        Assert.DoesNotContain('\n', result.ErrorLine!);
        // The executed copy shows the error in place, and the cell after it did not run.
        Assert.Contains(Outputs(executed), o => o.GetProperty("output_type").GetString() == "error");
        Assert.Equal(2, result.CodeCellsRun);
    }

    [Fact]
    public async Task Compile_error_names_the_cell_and_the_compiler_message()
    {
        var (result, _) = await Run("compile-error.ipynb");
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Contains("cell 1 failed", result.ErrorLine);
        Assert.Contains("CS0029", result.ErrorLine);
    }

    [Fact]
    public async Task Parameter_override_is_injected_after_the_parameters_cell()
    {
        var options = new NotebookRunOptions { Parameters = NotebookParameters.ParseAssignments(["year=2023", "factor=0.25", "region=Shymkent city"]) };
        var (result, executed) = await Run("good.ipynb", options);

        Assert.True(result.Succeeded, result.ErrorLine);
        var stdout = Outputs(executed).Where(o => o.GetProperty("output_type").GetString() == "stream").Select(o => Joined(o.GetProperty("text")));
        Assert.Contains("year=2023 region=Shymkent city factor=0.25\n", stdout);
        var cells = executed.GetProperty("cells").EnumerateArray().ToList();
        var injected = cells.FindIndex(c => c.GetProperty("metadata").TryGetProperty("tags", out var t) && t.EnumerateArray().Any(x => x.GetString() == "injected-parameters"));
        Assert.Equal(2, injected); // markdown, parameters, injected
    }

    [Fact]
    public async Task Parameter_values_are_parsed_invariantly_whatever_the_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ru-KZ");
        try
        {
            Assert.Equal(0.25, NotebookParameters.Override(1.0, "factor", "0.25"));
            Assert.Equal([2015, 2022], NotebookParameters.Override(Array.Empty<int>(), "years", "2015, 2022"));
            Assert.Equal(DayOfWeek.Monday, NotebookParameters.Override(DayOfWeek.Sunday, "day", "monday"));
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public async Task Unknown_parameter_is_rejected_before_anything_runs()
    {
        var options = new NotebookRunOptions { Parameters = NotebookParameters.ParseAssignments(["yaer=2023"]) };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => NotebookRunner.RunAsync(TestPaths.Fixture("notebooks", "good.ipynb"), options));
        Assert.Contains("'yaer'", error.Message);
        Assert.Contains("year, region, factor", error.Message);
    }

    [Fact]
    public async Task Badly_typed_parameter_fails_with_the_expected_type()
    {
        var options = new NotebookRunOptions { Parameters = NotebookParameters.ParseAssignments(["year=twenty"]) };
        var (result, _) = await Run("good.ipynb", options);
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Contains("parameter 'year' expects Int32, got 'twenty'", result.ErrorLine);
    }

    [Fact]
    public async Task Cell_running_past_the_timeout_is_stopped_and_reported()
    {
        var clock = Stopwatch.StartNew();
        var (result, _) = await Run("slow.ipynb", new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(NotebookStatus.TimedOut, result.Status);
        Assert.Contains("slow.ipynb: cell 1 timed out", result.ErrorLine);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the run waited for the cell instead of giving up");
    }

    [Fact]
    public async Task Dib_notebooks_are_read_and_written_as_ipynb()
    {
        var options = new NotebookRunOptions { Parameters = NotebookParameters.ParseAssignments(["count=7"]) };
        var (result, executed) = await Run("params.dib", options);

        Assert.True(result.Succeeded, result.ErrorLine);
        Assert.EndsWith("params.ipynb", result.ExecutedPath);
        Assert.Contains("count=7\n", Outputs(executed).Where(o => o.GetProperty("output_type").GetString() == "stream").Select(o => Joined(o.GetProperty("text"))));
    }

    [Fact]
    public void A_cell_for_another_kernel_is_an_error_not_skipped()
    {
        var path = Path.Combine(TestPaths.TempFolder("fsharp"), "fs.dib");
        File.WriteAllText(path, "#!fsharp\n\nlet x = 1\n");
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Load(path));
        Assert.Contains("cell 1 is for kernel 'fsharp'", error.Message);
    }

    [Fact]
    public void Parameter_declarations_are_found()
    {
        var names = NotebookParameters.DeclaredNames("// parameters\nint year = 2022;\nstring[] regions = [\"a\"];\nvar flow = Flow.Internal;\nList<int> ys = new();\n// double commented = 1;\n");
        Assert.Equal(["year", "regions", "flow", "ys"], names);
    }
}
