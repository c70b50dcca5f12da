using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace KzMigration.Charts;

/// <summary>
/// Renders a <see cref="DataFrame"/> as a plain HTML table: every cell HTML-encoded, missing values
/// shown as "NA" (never as 0), numbers in the invariant culture so the same notebook reads the same
/// on a ru-KZ or kk-KZ machine.
/// </summary>
public static class DataFrameHtml
{
    /// <summary>Rows shown before the table is cut (the rest is counted, not hidden silently).</summary>
    public const int DefaultMaxRows = 250;

    public static string ToHtml(DataFrame frame, int maxRows = DefaultMaxRows)
    {
        var html = new StringBuilder("<table class=\"kz-table\"><thead><tr>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        var shown = (int)Math.Min(frame.Rows.Count, maxRows);
        for (var r = 0; r < shown; r++)
        {
            html.Append("<tr>");
            foreach (var column in frame.Columns)
            {
                var value = column[r];
                if (value is null) html.Append("<td class=\"na\">NA</td>");
                else html.Append(IsNumber(value) ? "<td class=\"num\">" : "<td>").Append(WebUtility.HtmlEncode(Format(value))).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (frame.Rows.Count > shown)
            html.Append("<p class=\"kz-note\">").Append(frame.Rows.Count - shown).Append(" more rows not shown (").Append(frame.Rows.Count).Append(" in all).</p>");
        return html.ToString();
    }

    /// <summary>Formats one cell value culture-invariantly (round-trip for doubles).</summary>
    public static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumber(object value) => value is byte or short or int or long or float or double or decimal;
}
