using KzMigration.Charts;
using KzMigration.Publishing;

namespace KzMigration.Tests.Publishing;

public class ReportBuilderTests
{
    private static string Notebook(string json)
    {
        var path = Path.Combine(TestPaths.TempFolder("report"), "01-test.ipynb");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Text_from_outputs_and_markdown_html_is_shown_as_text()
    {
        var nb = Notebook("""
            {"cells":[
              {"cell_type":"markdown","metadata":{},"source":["# Title\n","<script>alert(1)</script>"]},
              {"cell_type":"code","metadata":{},"execution_count":1,"source":["x"],"outputs":[
                {"output_type":"stream","name":"stdout","text":["<script>alert(2)</script>"]},
                {"output_type":"execute_result","execution_count":1,"metadata":{},"data":{"text/plain":["<img src=x onerror=alert(3)>"]}},
                {"output_type":"error","ename":"<b>E</b>","evalue":"<i>v</i>","traceback":[]}]}],
             "metadata":{},"nbformat":4,"nbformat_minor":5}
            """);
        var html = ReportBuilder.Build([nb], [new ReportAppendix("sources", "Sources <&>", "<p>trusted</p>")], "T", "S");

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(3)&gt;", html);
        Assert.Contains("&lt;b&gt;E&lt;/b&gt;", html);
        Assert.Contains("Sources &lt;&amp;&gt;", html);
        Assert.Contains("<a href=\"#nb-01-test\">Title</a>", html);
    }

    [Fact]
    public void A_section_s_figures_are_drawn_with_the_exported_image_inlined_or_hidden_without_one()
    {
        var figures = TestPaths.TempFolder("report-figures");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        File.WriteAllBytes(Path.Combine(figures, "fig-a.png"), png);
        var section = new ReportAppendix("findings", "Findings", "<div class=\"kz-findings\"><p>before</p>", Leads: true)
        {
            Figures = [new("fig-a", "A <1>", "<strong>A</strong>"), new("fig-b", "B", "<strong>B</strong>"), new("../fig-a", "escape", "x")],
            Closing = "<p>after</p></div>",
        };
        var nb = Notebook("{\"cells\":[],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");

        var html = ReportBuilder.Build([nb], [section], "T", "S", figures);

        Assert.Contains("<div class=\"kz-findings\"><p>before</p><h3 id=\"findings-figures\">The paper's figures, as reproduced</h3><div class=\"kz-figures\">"
            + "<figure class=\"kz-figure\"><img class=\"kz-figure-image\" src=\"data:image/png;base64," + Convert.ToBase64String(png) + "\" alt=\"A &lt;1&gt;\"><figcaption><strong>A</strong></figcaption></figure>"
            + "<figure class=\"kz-figure\"><img class=\"kz-figure-image\" hidden alt=\"B\"><figcaption><strong>B</strong></figcaption></figure>"
            + "<figure class=\"kz-figure\"><img class=\"kz-figure-image\" hidden alt=\"escape\"><figcaption>x</figcaption></figure>" // an id that is no file name has no image
            + "</div><p>after</p></div>", html);
        // No figures folder (images not exported): every image hidden.
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(ReportBuilder.Build([nb], [section], "T", "S"), "<img class=\"kz-figure-image\" hidden").Count);
    }

    [Fact]
    public void Plotly_js_is_in_the_report_once()
    {
        var chartHtml = ChartHtml.Fragment(Plotly.NET.CSharp.Chart.Column<int, string, string>(values: new[] { 1 }, Keys: new[] { "a" }), "kz-x-chart-1", includePlotlyJs: true);
        var nb = Notebook("{\"cells\":[{\"cell_type\":\"code\",\"metadata\":{},\"execution_count\":1,\"source\":[\"c\"],\"outputs\":[{\"output_type\":\"display_data\",\"metadata\":{},\"data\":{\"text/html\":"
            + System.Text.Json.JsonSerializer.Serialize(chartHtml) + "}}]}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");
        var html = ReportBuilder.Build([nb, nb], [], "T", "S");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "plotly.js v" + PlotlyJs.Version));
    }
}
