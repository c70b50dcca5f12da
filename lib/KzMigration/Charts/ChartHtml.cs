using System.Text;
using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// Turns a Plotly.NET chart into HTML that draws offline and is byte-for-byte deterministic:
/// element ids are chosen by the caller (never random GUIDs), and plotly.js is either inlined
/// or expected to be on the page already (one shared copy per notebook or report).
/// </summary>
public static class ChartHtml
{
    /// <summary>The chart's plotly figure (<c>{"data":…,"layout":…}</c>) as JSON, safe to place inside a &lt;script&gt;.</summary>
    public static string FigureJson(GenericChart chart) => ScriptSafe(GenericChart.toFigureJson(chart));

    /// <summary>
    /// A <c>&lt;div&gt;</c> and a script that draws <paramref name="chart"/> into it with the page's
    /// <c>window.Plotly</c>. With <paramref name="includePlotlyJs"/> the fragment first defines
    /// plotly.js itself, so it also works alone.
    /// </summary>
    public static string Fragment(GenericChart chart, string elementId, bool includePlotlyJs)
    {
        var id = SafeId(elementId);
        var html = new StringBuilder();
        if (includePlotlyJs) html.Append(PlotlyJs.ScriptElement);
        html.Append("<div id=\"").Append(id).Append("\" class=\"kz-chart\"></div>");
        html.Append("<script type=\"text/javascript\">(function(){var fig=").Append(FigureJson(chart)).Append(';');
        html.Append("var draw=function(){window.Plotly.newPlot('").Append(id)
            .Append("',fig.data,fig.layout,Object.assign({responsive:true,displaylogo:false},fig.config||{}));};");
        html.Append("if(window.Plotly){draw();}else{window.addEventListener('load',draw);}})();</script>");
        return html.ToString();
    }

    /// <summary>A complete, self-contained HTML page for one chart (plotly.js inlined).</summary>
    public static string Document(GenericChart chart, string title, string? caption = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(title)).Append("</title></head><body>");
        html.Append(Fragment(chart, "chart", includePlotlyJs: true));
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
