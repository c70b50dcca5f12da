using System.Net;
using System.Text;
using KzMigration.Runs;

namespace KzMigration.Publishing;

/// <summary>
/// The report's list of what the run published, from the same records <c>out/datapackage.json</c> is written from
/// (never by looking through folders): each table with its CSV and XLSX, units and sources; each figure with its
/// caption and files. Links are relative to <c>out/report/</c>, so they work wherever the folder is copied.
/// </summary>
public static class OutputsAppendix
{
    public const string Id = "outputs";

    public const string Title = "Tables and figures of this run";

    /// <summary>The appendix for <paramref name="published"/> (paths relative to the output folder).</summary>
    public static ReportAppendix Build(IReadOnlyList<PublishedOutput> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var html = new StringBuilder();
        html.Append("<p>Every table and figure below is described in <code>out/datapackage.json</code> (a Frictionless Data Package: ")
            .Append("each table's columns with their type, unit and meaning, its sources, notes and the specification that produced it). ")
            .Append("CSV files start with their header; an empty cell is a missing value.</p>");
        var tables = published.Where(p => p.Kind == "table").ToList();
        if (tables.Count > 0)
        {
            html.Append("<h3>Tables</h3><div class=\"kz-scroll\"><table><thead><tr><th>table</th><th>title</th><th>units</th><th>files</th></tr></thead><tbody>");
            foreach (var table in tables)
            {
                var units = string.Join("; ", table.Fields.Where(f => f.Unit is not null).GroupBy(f => f.Unit!).Select(g => $"{string.Join(", ", g.Select(f => f.Name))}: {g.Key}"));
                html.Append("<tr><td><code>").Append(Encode(table.Id)).Append("</code></td><td>").Append(Encode(table.Title)).Append("</td><td>")
                    .Append(Encode(units)).Append("</td><td>").Append(Link(table.Path));
                var xlsx = Path.ChangeExtension(table.Path, ".xlsx");
                if (published.Any(p => p.Path == xlsx)) html.Append(' ').Append(Link(xlsx));
                html.Append("</td></tr>");
            }
            html.Append("</tbody></table></div>");
        }
        var figures = published.Where(p => p.Kind == "figure").GroupBy(p => p.Id).ToList();
        if (figures.Count > 0)
        {
            html.Append("<h3>Figures</h3><div class=\"kz-scroll\"><table><thead><tr><th>figure</th><th>caption</th><th>files</th></tr></thead><tbody>");
            foreach (var figure in figures)
            {
                html.Append("<tr><td><code>").Append(Encode(figure.Key)).Append("</code></td><td>").Append(Encode(figure.First().Title)).Append("</td><td>")
                    .AppendJoin(' ', figure.Select(f => Link(f.Path))).Append("</td></tr>");
            }
            html.Append("</tbody></table></div><p>PNG and SVG images of each figure sit beside its page when the machine's Chromium rendered them.</p>");
        }
        return new ReportAppendix(Id, Title, html.ToString());
    }

    private static string Link(string path) =>
        "<a href=\"../" + Encode(path) + "\">" + Encode(Path.GetExtension(path).TrimStart('.').ToUpperInvariant()) + "</a>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
