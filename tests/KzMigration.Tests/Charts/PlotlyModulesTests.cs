using KzMigration.Charts;
using KzMigration.Publishing;
using KzMigration.Tests.Publishing;
using Plotly.NET;
using static KzMigration.Charts.FigureParts;

namespace KzMigration.Tests.Charts;

/// <summary>The workbench's plotly.js bundle, cut from the one Plotly.NET ships (<see cref="PlotlyModules"/>).</summary>
public class PlotlyModulesTests
{
    [Fact]
    public void The_shipped_bundle_is_read_as_a_module_table_with_every_trace_type_named()
    {
        var modules = PlotlyModules.TryRead(PlotlyJs.Source, out var problem);
        Assert.True(modules is not null, problem);
        Assert.True(modules!.Count > 1000, $"{modules.Count} modules");
        foreach (var type in new[] { "bar", "heatmap", "sankey", "box", "scattergeo", "scatter3d", "choroplethmapbox", "table" })
            Assert.Contains(type, modules.TraceTypes);
        Assert.Null(PlotlyJs.WorkbenchBundleProblem);
    }

    [Fact]
    public void The_workbench_bundle_registers_only_its_traces_and_is_much_smaller()
    {
        var workbench = PlotlyJs.SourceOf(PlotlyBundle.Workbench);
        Assert.True(workbench.Length < PlotlyJs.Source.Length * 0.4, $"{workbench.Length:N0} of {PlotlyJs.Source.Length:N0} characters");
        Assert.StartsWith(PlotlyJs.Source[..400], workbench, StringComparison.Ordinal); // the same header and UMD wrapper
        // Cutting is deterministic and the cut bundle is itself a readable module table registering three traces.
        Assert.Equal(workbench, PlotlyModules.TryRead(PlotlyJs.Source)!.Subset(PlotlyJs.WorkbenchTraceTypes.ToArray()));
        var cut = PlotlyModules.TryRead(workbench, out var problem);
        Assert.True(cut is not null, problem);
        Assert.Equal(["bar", "heatmap", "sankey"], cut!.TraceTypes.Order());
        // Nothing of the 3-D, geo or mapbox code is left.
        Assert.DoesNotContain("mapbox-gl", workbench, StringComparison.Ordinal);
        Assert.Contains("mapbox-gl", PlotlyJs.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_webpack_bundle_is_refused_with_a_reason()
    {
        Assert.Null(PlotlyModules.TryRead("console.log(1)", out var problem));
        Assert.NotNull(problem);
        // A table whose entry is not the plotly.js register call.
        Assert.Null(PlotlyModules.TryRead("!function(t,e){t.Plotly=e()}(self,(function(){return function(){var t={1:function(t,e,r){t.exports=2}},e={};function r(n){return 1}return r(1)}()}));", out problem));
        Assert.NotNull(problem);
        Assert.Null(PlotlyModules.TryRead(PlotlyJs.Source)!.Subset(["no-such-trace"]));
    }

    [Theory]
    [InlineData("function(a){return a/2},")]                         // division after a name
    [InlineData("function(a){if(a)/}/.test(a);return 1},")]           // a regex after if(…), holding a brace
    [InlineData("function(a){var b=\"}\",c='{';return b+c},")]        // braces inside strings
    [InlineData("function(a){return`}${a+{b:1}.b}{`},")]             // a template literal with a substitution
    [InlineData("function(a){/* } */return a},")]                    // a comment
    [InlineData("function(a){var x=a[1]/a[2];return/[}]/g.test(x)}}")] // division after ']', a regex after return
    [InlineData("function(a){a++/2;return 1e-5},")]                  // postfix ++ then division; an exponent
    [InlineData("function(a){{}/1/.test(a)},")]                      // a regex after a block
    public void The_scanner_finds_where_a_function_expression_ends(string text) =>
        Assert.Equal(text.Length - 1, JavaScriptScanner.EndOfExpression(text, 0)); // at the ',' or '}' that follows it

    [Fact]
    public void The_scanner_gives_up_on_unbalanced_text() =>
        Assert.Equal(-1, JavaScriptScanner.EndOfExpression("function(a){return (a}", 0));

    private static GenericChart Chart(string type, Action<Trace2D>? configure = null)
    {
        var trace = NewTrace(type);
        configure?.Invoke(trace);
        return Build([trace], BaseLayout(type, "a " + type, 600, 400));
    }

    [Fact]
    public void A_chart_gets_the_workbench_bundle_when_its_traces_are_there_else_the_full_one()
    {
        Assert.Equal(PlotlyBundle.Workbench, PlotlyJs.BundleFor(Chart("bar")));
        Assert.Equal(PlotlyBundle.Workbench, PlotlyJs.BundleFor(Chart("sankey")));
        Assert.Equal(PlotlyBundle.Workbench, PlotlyJs.BundleFor("{\"data\":[{\"x\":[1]}],\"layout\":{}}")); // no type: a scatter
        Assert.Equal(PlotlyBundle.Full, PlotlyJs.BundleFor(Chart("box")));
        Assert.Equal(PlotlyBundle.Full, PlotlyJs.BundleFor(Chart("scatter3d")));
        Assert.Equal(PlotlyBundle.Full, PlotlyJs.BundleFor("{\"data\":[{\"type\":\"bar\",\"transforms\":[{\"type\":\"filter\"}]}]}"));
        Assert.Equal(PlotlyBundle.Full, PlotlyJs.BundleFor("{\"data\":[{\"type\":\"scatter\",\"xcalendar\":\"jalali\"}]}"));
        Assert.Equal(PlotlyBundle.Full, PlotlyJs.BundleFor("{\"data\":[],\"layout\":{\"xaxis\":{\"calendar\":\"coptic\"}}}"));
    }

    [Fact]
    public void A_page_holds_each_bundle_once_in_the_first_chart_that_needs_it()
    {
        var onPage = new HashSet<PlotlyBundle>();
        var first = ChartHtml.Fragment(Chart("bar"), "a", onPage);
        var second = ChartHtml.Fragment(Chart("heatmap"), "b", onPage);
        var third = ChartHtml.Fragment(Chart("box"), "c", onPage);
        var fourth = ChartHtml.Fragment(Chart("violin"), "d", onPage);
        Assert.Contains(PlotlyJs.LoaderElement(PlotlyBundle.Workbench), first);
        Assert.DoesNotContain("plotly.js v", second);
        Assert.Contains(PlotlyJs.LoaderElement(PlotlyBundle.Full), third);
        Assert.DoesNotContain("plotly.js v", fourth);
        Assert.Equal([PlotlyBundle.Workbench, PlotlyBundle.Full], PlotlyJs.BundlesUsedBy(first + third));
    }

    [ChromiumFact]
    public async Task Charts_of_both_bundles_draw_side_by_side_offline_with_no_script_errors()
    {
        var onPage = new HashSet<PlotlyBundle>();
        var sankey = Chart("sankey", t =>
        {
            Set(t, "node", Obj(("label", new[] { "A", "B", "C" })));
            Set(t, "link", Obj(("source", new[] { 0, 0 }), ("target", new[] { 1, 2 }), ("value", new[] { 3, 5 })));
        });
        var charts = new[]
        {
            Chart("scatter", t => { Set(t, "x", new[] { 1, 2, 3 }); Set(t, "y", new[] { 3, 1, 2 }); }),
            Chart("bar", t => { Set(t, "x", new[] { "a", "b" }); Set(t, "y", new[] { 1, 2 }); }),
            Chart("heatmap", t => Set(t, "z", new[] { new[] { 1, 2 }, new[] { 3, 4 } })),
            sankey,
            Chart("box", t => Set(t, "y", new[] { 1, 2, 3, 4, 10 })),
        };
        var body = string.Concat(charts.Select((c, i) => ChartHtml.Fragment(c, $"kz-t-chart-{i + 1}", onPage)));
        var page = Path.Combine(TestPaths.TempFolder("bundles"), "page.html");
        await File.WriteAllTextAsync(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>window.onerror=function(m){document.title='error: '+m;};</script></head><body>"
            + body + "</body></html>");

        var dom = await Chromium.Find(out _)!.DumpDomAsync(page, virtualTimeMs: 20_000);

        Assert.DoesNotContain("<title>error", dom);
        Assert.Equal(charts.Length, System.Text.RegularExpressions.Regex.Matches(dom, "class=\"kz-chart[^\"]*js-plotly-plot").Count);
        Assert.Contains("class=\"sankey\"", dom);        // the Sankey trace of the workbench bundle drew its nodes
        Assert.Contains("class=\"trace boxes\"", dom);   // the box trace came from the full bundle
    }
}
