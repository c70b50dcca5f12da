using System.Text;
using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// Turns a Plotly.NET chart into HTML that draws offline and is byte-for-byte deterministic:
/// element ids are chosen by the caller (never random GUIDs), and the plotly.js bundle the chart needs is either
/// inlined (gzip-compressed, <see cref="PlotlyJs.LoaderElement"/>) or expected to be on the page already (one copy
/// per notebook or report, or a shared file beside figure pages).
/// </summary>
public static class ChartHtml
{
    /// <summary>Figure JSON longer than this (characters) is embedded gzip-compressed (base64) in <see cref="Fragment(GenericChart, string, ISet{PlotlyBundle})"/>.</summary>
    public const int CompressAbove = 200_000; // maps (region outlines, ~350 KB); ordinary charts stay readable JSON

    /// <summary>The chart's plotly figure (<c>{"data":…,"layout":…}</c>) as JSON, safe to place inside a &lt;script&gt;.</summary>
    public static string FigureJson(GenericChart chart) => ScriptSafe(GenericChart.toFigureJson(chart));

    /// <summary>
    /// A <c>&lt;div&gt;</c> and a script that draws <paramref name="chart"/> into it with the plotly.js bundle it needs
    /// (<see cref="PlotlyJs.BundleFor(GenericChart)"/>). With <paramref name="includePlotlyJs"/> the fragment first carries
    /// that bundle itself (compressed), so it also works alone. The chart draws as soon as its bundle is there: when the
    /// compressed copy is unpacked, or at the page's load event.
    /// </summary>
    public static string Fragment(GenericChart chart, string elementId, bool includePlotlyJs) =>
        Fragment(chart, elementId, includePlotlyJs ? new HashSet<PlotlyBundle>() : Enum.GetValues<PlotlyBundle>().ToHashSet());

    /// <summary>
    /// As <see cref="Fragment(GenericChart, string, bool)"/>, for a page (a notebook, a session) that gathers many charts:
    /// the fragment carries its bundle unless <paramref name="bundlesOnPage"/> has it, and then adds it there, so a page
    /// holds each bundle once, in the first chart that needs it.
    /// </summary>
    public static string Fragment(GenericChart chart, string elementId, ISet<PlotlyBundle> bundlesOnPage)
    {
        var json = FigureJson(chart);
        return Fragment(json, PlotlyJs.BundleFor(json), elementId, bundlesOnPage);
    }

    // The fragment of a figure already serialised (script-safe) whose bundle is known: each figure is serialised and
    // inspected once, however many files show it.
    private static string Fragment(string json, PlotlyBundle bundle, string elementId, ISet<PlotlyBundle> bundlesOnPage)
    {
        ArgumentNullException.ThrowIfNull(bundlesOnPage);
        var id = SafeId(elementId);
        var html = new StringBuilder();
        if (bundlesOnPage.Add(bundle)) html.Append(PlotlyJs.LoaderElement(bundle));
        html.Append("<div id=\"").Append(id).Append("\" class=\"kz-chart\" ").Append(PlotlyJs.MarkOf(bundle)).Append("></div>");
        html.Append("<script type=\"text/javascript\">(function(){");
        if (json.Length <= CompressAbove)
            html.Append("var fig=").Append(json).Append(';')
                .Append("var draw=function(Plotly){Plotly.newPlot('").Append(id)
                .Append("',fig.data,fig.layout,Object.assign({responsive:true,displaylogo:false},fig.config||{}));};");
        else
            // Large figures (maps: region outlines) travel compressed and are unpacked before drawing.
            html.Append("var packed=\"").Append(GzipBase64.Encode(json)).Append("\";")
                .Append("var draw=function(Plotly){").Append(GzipBase64.Inflate).Append("(packed).then(function(t){var fig=JSON.parse(t);Plotly.newPlot('").Append(id)
                .Append("',fig.data,fig.layout,Object.assign({responsive:true,displaylogo:false},fig.config||{}));});};");
        // The bundle's promise when its loader ran; else a full plotly.js the page has; else the page's window.Plotly
        // (a front-end's own, or the workbench bundle when that is all the chart needs).
        html.Append("var go=function(){var k=(").Append(PlotlyJs.PromiseOf(bundle)).Append(")||(").Append(PlotlyJs.PromiseOf(PlotlyBundle.Full)).Append(");")
            .Append("if(k){k.then(draw);return true;}if(window.Plotly){draw(window.Plotly);return true;}return false;};");
        html.Append("if(!go()){window.addEventListener('load',go);}})();</script>");
        return html.ToString();
    }

    /// <summary>
    /// A complete HTML page for one chart. Self-contained (its plotly.js bundle inlined, compressed) unless
    /// <paramref name="sharedPlotlyJs"/>: then it loads the bundle's shared copy (<see cref="PlotlyJs.FileNameOf"/>) from its
    /// own folder (a relative <c>&lt;script src&gt;</c>, so the page still opens offline from disk).
    /// </summary>
    public static string Document(GenericChart chart, string title, string? caption = null, bool sharedPlotlyJs = false) =>
        Document(GenericChart.toFigureJson(chart), title, caption, sharedPlotlyJs);

    /// <summary>As <see cref="Document(GenericChart, string, string?, bool)"/>, for a figure already serialised (<c>GenericChart.toFigureJson</c>).</summary>
    internal static string Document(string figureJson, string title, string? caption, bool sharedPlotlyJs)
    {
        var json = ScriptSafe(figureJson);
        var bundle = PlotlyJs.BundleFor(json);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(title)).Append("</title>");
        var onPage = new HashSet<PlotlyBundle>();
        if (sharedPlotlyJs)
        {
            html.Append(PlotlyJs.SharedScriptElement(bundle));
            onPage.Add(bundle);
        }
        html.Append("</head><body>");
        html.Append(Fragment(json, bundle, "chart", onPage));
        if (caption is not null)
            html.Append("<p class=\"kz-caption\">").Append(System.Net.WebUtility.HtmlEncode(caption)).Append("</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Escapes "&lt;/" so that data text such as "&lt;/script&gt;" cannot end the script element.</summary>
    public static string ScriptSafe(string json) => json.Replace("</", "<\\/").Replace("<!--", "<\\!--");

    private static string SafeId(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        return sb.Length == 0 || !char.IsAsciiLetter(sb[0]) ? "c-" + sb : sb.ToString();
    }
}
