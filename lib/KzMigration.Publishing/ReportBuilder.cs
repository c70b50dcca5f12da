using System.Net;
using System.Text;
using System.Text.Json;
using KzMigration.Charts;
using Markdig;

namespace KzMigration.Publishing;

/// <summary>A section appended after the notebooks (claims ledger, sources, licences): a title and trusted, already-escaped HTML.</summary>
public sealed record ReportAppendix(string Id, string Title, string Html);

/// <summary>
/// Assembles the executed notebooks into one self-contained HTML report that opens offline from
/// disk: a table of contents, each notebook's narrative (Markdown, raw HTML disabled), its tables
/// and interactive charts (plotly.js inlined once, in the head), code folded away, then the
/// appendices. Text that comes from notebooks' plain-text outputs is HTML-encoded; HTML outputs
/// come from the workbench's formatters, which encode data text themselves.
/// </summary>
public static class ReportBuilder
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().DisableHtml().Build();

    /// <summary>Builds the report from executed notebooks (in the given order).</summary>
    public static string Build(IReadOnlyList<string> executedNotebooks, IReadOnlyList<ReportAppendix> appendices, string title, string subtitle)
    {
        var sections = executedNotebooks.Select(ReadNotebook).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(Encode(title)).Append("</title><style>").Append(Css).Append("</style>");
        // Collects script errors into the page itself, so headless checks can read them from the DOM.
        html.Append("<script>window.addEventListener('error',function(e){var d=document.getElementById('kz-js-errors');if(d){var p=document.createElement('p');p.textContent=String(e.message);d.appendChild(p);}});</script>");
        html.Append(PlotlyJs.CompressedScriptElement).Append("</head><body>");
        html.Append("<header><h1>").Append(Encode(title)).Append("</h1><p class=\"kz-subtitle\">").Append(Encode(subtitle)).Append("</p></header>");
        html.Append("<nav id=\"toc\"><h2>Contents</h2><ol>");
        foreach (var s in sections) html.Append("<li><a href=\"#").Append(s.Id).Append("\">").Append(Encode(s.Title)).Append("</a></li>");
        foreach (var a in appendices) html.Append("<li><a href=\"#").Append(Encode(a.Id)).Append("\">").Append(Encode(a.Title)).Append("</a></li>");
        html.Append("</ol></nav><main>");
        foreach (var s in sections) html.Append("<section class=\"kz-notebook\" id=\"").Append(s.Id).Append("\">").Append(s.Html).Append("</section>");
        foreach (var a in appendices)
            html.Append("<section class=\"kz-appendix\" id=\"").Append(Encode(a.Id)).Append("\"><h2>").Append(Encode(a.Title)).Append("</h2>").Append(a.Html).Append("</section>");
        html.Append("</main><div id=\"kz-js-errors\" hidden></div></body></html>");
        return html.ToString();
    }

    private sealed record Section(string Id, string Title, string Html);

    private static Section ReadNotebook(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var name = Path.GetFileNameWithoutExtension(path);
        var id = "nb-" + new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        string? title = null;
        var html = new StringBuilder();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            var source = Joined(cell.GetProperty("source"));
            if (cell.GetProperty("cell_type").GetString() == "markdown")
            {
                title ??= source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..];
                html.Append("<div class=\"kz-md\">").Append(Markdig.Markdown.ToHtml(source, Markdown)).Append("</div>");
                continue;
            }
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            html.Append("<details class=\"kz-code\"><summary>code</summary><pre><code>").Append(Encode(source)).Append("</code></pre></details>");
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateArray()) html.Append(RenderOutput(output));
        }
        return new Section(id, title ?? name, html.ToString());
    }

    private static string RenderOutput(JsonElement output)
    {
        switch (output.GetProperty("output_type").GetString())
        {
            case "stream":
                return "<pre class=\"kz-stream\">" + Encode(Joined(output.GetProperty("text"))) + "</pre>";
            case "error":
                return "<pre class=\"kz-error\">" + Encode(output.GetProperty("ename").GetString() + ": " + output.GetProperty("evalue").GetString()) + "</pre>";
            default:
                if (!output.TryGetProperty("data", out var data)) return "";
                if (data.TryGetProperty("text/html", out var html))
                    // plotly.js is in the report's head once; drop the per-notebook copy.
                    return "<div class=\"kz-output\">" + Joined(html).Replace(PlotlyJs.CompressedScriptElement, "", StringComparison.Ordinal).Replace(PlotlyJs.ScriptElement, "", StringComparison.Ordinal) + "</div>";
                if (data.TryGetProperty("text/plain", out var text))
                    return "<pre class=\"kz-output\">" + Encode(Joined(text)) + "</pre>";
                return "";
        }
    }

    private static string Joined(JsonElement lines) =>
        lines.ValueKind == JsonValueKind.Array ? string.Concat(lines.EnumerateArray().Select(l => l.GetString())) : lines.GetString() ?? "";

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1200px;margin:0 auto;padding:1rem 2rem;color:#1f2933;line-height:1.5}
        header h1{margin-bottom:0} .kz-subtitle{color:#52606d;margin-top:.25rem}
        nav#toc{background:#f5f7fa;padding:.5rem 1.5rem;border-radius:6px}
        section{border-top:1px solid #d9e2ec;margin-top:2rem;padding-top:1rem}
        table.kz-table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
        table.kz-table th,table.kz-table td{border:1px solid #d9e2ec;padding:.2rem .5rem}
        table.kz-table td.num{text-align:right;font-variant-numeric:tabular-nums} table.kz-table td.na{color:#9aa5b1;text-align:center}
        details.kz-code summary{color:#7b8794;cursor:pointer;font-size:.8rem}
        pre{background:#f5f7fa;padding:.5rem;overflow-x:auto} pre.kz-error{background:#ffe3e3}
        .kz-note{color:#52606d;font-size:.9rem}
        """;
}
