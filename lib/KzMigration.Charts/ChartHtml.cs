using System.Text;
using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// Turns a Plotly.NET chart into HTML that draws offline and is byte-for-byte deterministic:
/// element ids are chosen by the caller (never random GUIDs), and plotly.js is either inlined
/// (gzip-compressed, <see cref="PlotlyJs.CompressedScriptElement"/>) or expected to be on the page
/// already (one shared copy per notebook or report, or a shared file beside figure pages).
/// </summary>
public static class ChartHtml
{
    /// <summary>Figure JSON longer than this (characters) is embedded gzip-compressed (base64) in <see cref="Fragment"/>.</summary>
    public const int CompressAbove = 200_000; // maps (region outlines, ~350 KB); ordinary charts stay readable JSON

    /// <summary>The chart's plotly figure (<c>{"data":…,"layout":…}</c>) as JSON, safe to place inside a &lt;script&gt;.</summary>
    public static string FigureJson(GenericChart chart) => ScriptSafe(GenericChart.toFigureJson(chart));

    /// <summary>
    /// A <c>&lt;div&gt;</c> and a script that draws <paramref name="chart"/> into it with the page's
    /// <c>window.Plotly</c>. With <paramref name="includePlotlyJs"/> the fragment first defines
    /// plotly.js itself (compressed), so it also works alone. The chart draws as soon as plotly.js is
    /// there: at once, when the compressed copy is unpacked, or at the page's load event.
    /// </summary>
    public static string Fragment(GenericChart chart, string elementId, bool includePlotlyJs)
    {
        var id = SafeId(elementId);
        var html = new StringBuilder();
        if (includePlotlyJs) html.Append(PlotlyJs.CompressedScriptElement);
        html.Append("<div id=\"").Append(id).Append("\" class=\"kz-chart\"></div>");
        var json = FigureJson(chart);
        html.Append("<script type=\"text/javascript\">(function(){");
        if (json.Length <= CompressAbove)
            html.Append("var fig=").Append(json).Append(';')
                .Append("var draw=function(){window.Plotly.newPlot('").Append(id)
                .Append("',fig.data,fig.layout,Object.assign({responsive:true,displaylogo:false},fig.config||{}));};");
        else
            // Large figures (maps: region outlines) travel compressed and are unpacked before drawing.
            html.Append("var packed=\"").Append(GzipBase64.Encode(json)).Append("\";")
                .Append("var draw=function(){").Append(GzipBase64.Inflate).Append("(packed).then(function(t){var fig=JSON.parse(t);window.Plotly.newPlot('").Append(id)
                .Append("',fig.data,fig.layout,Object.assign({responsive:true,displaylogo:false},fig.config||{}));});};");
        html.Append("var go=function(){if(window.Plotly){draw();return true;}if(").Append(PlotlyJs.ReadyPromise).Append("){").Append(PlotlyJs.ReadyPromise).Append(".then(draw);return true;}return false;};");
        html.Append("if(!go()){window.addEventListener('load',go);}})();</script>");
        return html.ToString();
    }

    /// <summary>
    /// A complete HTML page for one chart. Self-contained (plotly.js inlined, compressed) unless
    /// <paramref name="sharedPlotlyJs"/>: then it loads <see cref="PlotlyJs.FileName"/> from its own folder
    /// (a relative <c>&lt;script src&gt;</c>, so the page still opens offline from disk).
    /// </summary>
    public static string Document(GenericChart chart, string title, string? caption = null, bool sharedPlotlyJs = false)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(title)).Append("</title>");
        if (sharedPlotlyJs) html.Append(PlotlyJs.SharedScriptElement);
        html.Append("</head><body>");
        html.Append(Fragment(chart, "chart", includePlotlyJs: !sharedPlotlyJs));
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
