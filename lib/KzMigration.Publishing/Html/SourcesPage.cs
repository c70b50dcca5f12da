using System.Net;
using System.Text;
using KzMigration.Data;
using KzMigration.Study;

namespace KzMigration.Publishing;

/// <summary>The report's «Sources and licences» section: every source of the loaded data with how many figures cite it, and the boundaries' licence.</summary>
public static class SourcesPage
{
    /// <summary>The sources and licences as an HTML section (every text encoded; URLs as links only when http(s)).</summary>
    public static string ToHtml(WorkbenchData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var html = new StringBuilder("<table class=\"kz-table\"><thead><tr><th>source</th><th>publisher</th><th>title</th><th>figures</th></tr></thead><tbody>");
        foreach (var s in data.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var count = data.Migration.Count(m => m.Source.Id == s.Id) + data.Indicators.Count(i => i.Source.Id == s.Id);
            var link = s.Url.StartsWith("https://", StringComparison.Ordinal) || s.Url.StartsWith("http://", StringComparison.Ordinal)
                ? $"<a href=\"{WebUtility.HtmlEncode(s.Url)}\">{WebUtility.HtmlEncode(s.Id)}</a>"
                : WebUtility.HtmlEncode(s.Id);
            html.Append("<tr><td>").Append(link).Append("</td><td>").Append(WebUtility.HtmlEncode(s.Publisher))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(s.Title)).Append("</td><td class=\"num\">").Append(count).Append("</td></tr>");
        }
        html.Append("</tbody></table><p>").Append(WebUtility.HtmlEncode(Provenance.BoundaryAttribution))
            .Append(". Licence: Creative Commons Attribution 4.0 International (CC BY 4.0).</p>");
        return html.ToString();
    }
}
