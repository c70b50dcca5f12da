using System.Text;
using KzMigration.Data;

namespace KzMigration.Publishing;

/// <summary>A coverage matrix as HTML (notebooks 01 and 07 end a cell with one): the core counts the cells, this draws them.</summary>
public static class CoverageHtml
{
    /// <summary>The matrix as an HTML table (same letters as <see cref="Coverage.Render"/>; empty grey cell: unit did not exist).</summary>
    public static string ToHtml(this Coverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var html = new StringBuilder("<div class=\"kz-coverage\"><p><strong>")
            .Append(System.Net.WebUtility.HtmlEncode(coverage.Series))
            .Append("</strong> — ").Append(Coverage.Legend).Append(", grey: unit did not exist</p><table class=\"kz-table\"><thead><tr><th>region</th>");
        foreach (var y in coverage.Years) html.Append("<th>").Append(y.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var r in coverage.Regions)
        {
            html.Append("<tr><td>").Append(System.Net.WebUtility.HtmlEncode(r.NameEn)).Append("</td>");
            foreach (var y in coverage.Years)
            {
                if (coverage.LetterAt(r.Key, y) is { } letter) html.Append("<td style=\"background:#d3f9d8;text-align:center\">").Append(letter).Append("</td>");
                else if (r.IsCountry || r.ReportsIn(y)) html.Append("<td style=\"background:#ffe3e3;text-align:center\">·</td>");
                else html.Append("<td style=\"background:#e9ecef\"></td>");
            }
            html.Append("</tr>");
        }
        if (coverage.Years.Count == 0) html.Append("<tr><td>(no figures)</td></tr>");
        return html.Append("</tbody></table></div>").ToString();
    }
}
