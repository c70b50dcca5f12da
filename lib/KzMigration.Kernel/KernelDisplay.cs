using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using KzMigration.Charts;
using KzMigration.Notebooks;
using KzMigration.Publishing;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace KzMigration.Kernel;

/// <summary>
/// How values display in a live Jupyter session. On top of the runner's formatters (DataFrames and
/// library results as HTML): a Plotly chart is sent both as HTML that draws offline and as
/// <c>application/vnd.plotly.v1+json</c> (front-ends with a native Plotly renderer, such as VS Code
/// and JupyterLab with its plotly extension, prefer it), and every table also as plain text.
/// </summary>
/// <remarks>
/// Each plotly.js bundle a chart needs (<see cref="PlotlyBundle"/>) is embedded once per session, in the first chart's
/// output that needs it, and later charts draw with it. A saved notebook therefore still draws when reopened,
/// as long as the cell that carried the bundle keeps its output: when the front-end says which cell
/// it runs (JupyterLab and VS Code send <c>cellId</c>) and that cell is run again, the next chart
/// embeds the bundle anew.
/// </remarks>
internal static partial class KernelDisplay
{
    /// <summary>The MIME type of a plotly figure (data, layout, config) as JSON.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    public const string PlainTextMimeType = "text/plain";

    private static readonly Lock Gate = new();
    private static string sessionSlug = "session";
    private static int chartCount;
    // The bundles embedded in this session and the cell whose output carries each (null when the front-end sent no id).
    private static readonly Dictionary<PlotlyBundle, string?> Carriers = [];
    private static string? currentCell;

    /// <summary>Registers the formatters for a session (charts get ids <c>kz-&lt;slug&gt;-chart-n</c>).</summary>
    public static void Register(string slug)
    {
        OutputFormatters.Register();
        lock (Gate)
        {
            sessionSlug = slug;
            chartCount = 0;
            Carriers.Clear();
        }
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(NextChartHtml(chart)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(GenericChart.toFigureJson(chart)), PlotlyMimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write("Plotly chart (open in a front-end that runs HTML or renders " + PlotlyMimeType + ")"), PlainTextMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType, PlotlyMimeType, PlainTextMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType, PlainTextMimeType);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(PlainText(DataFrameHtml.ToHtml(frame))), PlainTextMimeType);
        foreach (var type in HtmlViews.Types)
        {
            Formatter.Register(type, (value, writer) => writer.Write(PlainText(HtmlViews.Of(value))), PlainTextMimeType);
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType, PlainTextMimeType);
        }
    }

    /// <summary>
    /// Called before each execution with the front-end's cell id, if it sent one. Running the cell
    /// whose output carries plotly.js again replaces that output, so the next chart carries it.
    /// </summary>
    public static void BeginCell(string? cellId)
    {
        lock (Gate)
        {
            currentCell = cellId;
            if (cellId is not null)
                foreach (var (bundle, carrier) in Carriers.ToList())
                    if (carrier == cellId) Carriers.Remove(bundle);
        }
    }

    private static string NextChartHtml(GenericChart chart)
    {
        lock (Gate)
        {
            var onPage = Carriers.Keys.ToHashSet();
            var html = ChartHtml.Fragment(chart, $"kz-{sessionSlug}-chart-{++chartCount}", onPage);
            foreach (var bundle in onPage.Where(b => !Carriers.ContainsKey(b)).ToList()) Carriers[bundle] = currentCell;
            return html;
        }
    }

    // plotly.js is carried as kzmig run carries it (PlotlyJs.LoaderElement: gzip, unpacked in the page, exported to its own
    // module object so that RequireJS pages see no AMD module), so both give the same outputs.

    /// <summary>A plain-text rendering of an HTML table: rows on lines, cells separated by tabs, tags dropped.</summary>
    internal static string PlainText(string html)
    {
        var text = RowEnd().Replace(html, "\n");
        text = CellEnd().Replace(text, "\t");
        text = Tag().Replace(text, "");
        var lines = WebUtility.HtmlDecode(text).Split('\n').Select(l => l.Trim('\t', ' ', '\r')).Where(l => l.Length > 0);
        var sb = new StringBuilder();
        foreach (var line in lines) sb.Append(line).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    [GeneratedRegex(@"</tr\s*>|<br\s*/?>|</(p|div|h[1-6]|li|caption)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex RowEnd();

    [GeneratedRegex(@"</t[dh]\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex CellEnd();

    [GeneratedRegex(@"<script[\s\S]*?</script>|<style[\s\S]*?</style>|<[^>]+>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();
}
