using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KzMigration.Charts;
using Markdig;
using KzMigration.Runs;

namespace KzMigration.Publishing;

/// <summary>
/// A section beside the notebooks: a title and trusted, already-escaped HTML. Appended after the notebooks
/// (claims ledger, sources, licences), or placed before them when <paramref name="Leads"/> (the findings page).
/// </summary>
public sealed record ReportAppendix(string Id, string Title, string Html, bool Leads = false)
{
    /// <summary>The paper's figures the section shows after <see cref="Html"/>, with their exported images (<see cref="ReportSection.Figures"/>).</summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];

    /// <summary>The body after <see cref="Figures"/>.</summary>
    public string Closing { get; init; } = "";

    /// <summary>The report's copy of a section a study step contributed.</summary>
    public static ReportAppendix Of(ReportSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new(section.Id, section.Title, section.Html, section.Leads) { Figures = section.Figures, Closing = section.Closing };
    }
}

/// <summary>
/// Assembles the executed notebooks into one self-contained HTML report that opens offline from
/// disk: a table of contents, the leading sections (the findings page), each notebook's narrative
/// (Markdown, raw HTML disabled; formulas as MathML), its tables and interactive charts (plotly.js
/// inlined once, compressed, in the head), code folded away, then the appendices, the runner's setup
/// check last. Headings get stable anchors (<c>nb-03-…--heading-slug</c>); absolute paths of the
/// machine (repository, home folder) are written repository-relative. Laid out for a laptop (long words
/// wrap, wide tables scroll in their own box) and for print (A4, each section on a new page, charts
/// never cut across pages). Text that comes from notebooks' plain-text outputs is HTML-encoded; HTML outputs
/// come from the workbench's formatters, which encode data text themselves.
/// </summary>
public static partial class ReportBuilder
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().UseMathematics().DisableHtml().Build();

    /// <summary>
    /// Builds the report from executed notebooks (in the given order); figure images come from <paramref name="figuresFolder"/> when given.
    /// Notebooks <paramref name="draft"/> has read already are not read again.
    /// </summary>
    public static string Build(IReadOnlyList<string> executedNotebooks, IReadOnlyList<ReportAppendix> appendices, string title, string subtitle, string? figuresFolder = null,
        ReportDraft? draft = null)
    {
        var all = executedNotebooks.Select(path => draft?.SectionOf(path) ?? ReadNotebook(path)).ToList();
        // The runner's self-test is not a finding: it closes the report, as an appendix.
        var sections = all.Where(s => !s.IsSetupCheck).ToList();
        var setup = all.Where(s => s.IsSetupCheck).ToList();
        var leading = appendices.Where(a => a.Leads).ToList();
        var closing = appendices.Where(a => !a.Leads).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(Encode(title)).Append("</title><style>").Append(Css).Append("</style>");
        // Collects script errors into the page itself, so headless checks can read them from the DOM.
        html.Append("<script>window.addEventListener('error',function(e){var d=document.getElementById('kz-js-errors');if(d){var p=document.createElement('p');p.textContent=String(e.message);d.appendChild(p);}});</script>");
        // Each plotly.js bundle the notebooks' charts need, once, in the head (the notebooks' own copies are dropped).
        foreach (var bundle in all.SelectMany(s => PlotlyJs.BundlesUsedBy(s.Html)).Distinct().Order())
            html.Append(PlotlyJs.LoaderElement(bundle));
        html.Append("</head><body>");
        html.Append("<header><h1>").Append(Encode(title)).Append("</h1><p class=\"kz-subtitle\">").Append(Encode(subtitle)).Append("</p></header>");
        html.Append("<nav id=\"toc\"><h2>Contents</h2><ol>");
        foreach (var a in leading) html.Append("<li><a href=\"#").Append(Encode(a.Id)).Append("\">").Append(Encode(a.Title)).Append("</a></li>");
        foreach (var s in sections) html.Append("<li><a href=\"#").Append(s.Id).Append("\">").Append(Encode(s.Title)).Append("</a></li>");
        foreach (var a in closing) html.Append("<li><a href=\"#").Append(Encode(a.Id)).Append("\">").Append(Encode(a.Title)).Append("</a></li>");
        foreach (var s in setup) html.Append("<li><a href=\"#").Append(s.Id).Append("\">Appendix: ").Append(Encode(s.Title)).Append("</a></li>");
        html.Append("</ol></nav><main>");
        // A section's figures are drawn with the images exported for this run (inlined, so the report stays one file).
        string? Image(string id) => FigureImageSource(figuresFolder, id);
        foreach (var a in leading)
            html.Append("<section class=\"kz-lead-section\" id=\"").Append(Encode(a.Id)).Append("\"><h2>").Append(Encode(a.Title)).Append("</h2>")
                .Append(ResolveLinks(a.Html, all)).Append(Figures(a, Image)).Append(ResolveLinks(a.Closing, all)).Append("</section>");
        foreach (var s in sections) html.Append("<section class=\"kz-notebook\" id=\"").Append(s.Id).Append("\">").Append(ResolveLinks(s.Html, all)).Append("</section>");
        foreach (var a in closing)
            html.Append("<section class=\"kz-appendix\" id=\"").Append(Encode(a.Id)).Append("\"><h2>").Append(Encode(a.Title)).Append("</h2>")
                .Append(a.Html).Append(Figures(a, Image)).Append(a.Closing).Append("</section>");
        foreach (var s in setup) html.Append("<section class=\"kz-notebook kz-appendix\" id=\"").Append(s.Id).Append("\"><p class=\"kz-note\">Appendix: the runner's self-test.</p>").Append(s.Html).Append("</section>");
        html.Append("</main><div id=\"kz-js-errors\" hidden></div></body></html>");
        return WithoutMachinePaths(html.ToString());
    }

    internal sealed record Section(string Id, string Name, string Title, string Html, IReadOnlyList<(string Id, string Text)> Headings)
    {
        public bool IsSetupCheck => Name.Contains("setup-check", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("href=\"#kz-ref:(?<nb>[0-9A-Za-z]+):(?<word>[^\"]*)\"")]
    private static partial Regex ReferenceLink();

    /// <summary>
    /// Resolves <c>#kz-ref:NN:word</c> to the anchor of the first heading containing <c>word</c> in the notebook whose
    /// file name starts with <c>NN</c> (the notebook itself if no heading matches, the claims ledger if no notebook does).
    /// </summary>
    private static string ResolveLinks(string html, IReadOnlyList<Section> sections) =>
        ReferenceLink().Replace(html, m =>
        {
            var notebook = sections.FirstOrDefault(s => s.Name.StartsWith(m.Groups["nb"].Value, StringComparison.Ordinal));
            var word = m.Groups["word"].Value;
            var target = notebook is null ? "claims"
                : notebook.Headings.FirstOrDefault(h => h.Text.Contains(word, StringComparison.OrdinalIgnoreCase)).Id ?? notebook.Id;
            return "href=\"#" + target + "\"";
        });

    private static string Figures(ReportAppendix section, Func<string, string?> image) =>
        section.Figures.Count == 0 ? "" : FindingsPage.Figures(section.Figures, image);

    /// <summary>
    /// The exported PNG of figure <paramref name="id"/> as a data URI (the report stays one file), or null when there is none:
    /// no figures folder, no image exported (<c>--images none</c>, a failed export), or an id that is no file name.
    /// </summary>
    internal static string? FigureImageSource(string? figuresFolder, string id)
    {
        if (figuresFolder is null || id.Length == 0 || Path.GetFileName(id) != id) return null;
        var png = Path.Combine(figuresFolder, id + ".png");
        return File.Exists(png) ? "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(png)) : null;
    }

    [GeneratedRegex("id=\"(?<id>[^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("<h(?<level>[1-6]) id=\"(?<id>[^\"]+)\">(?<text>.*?)</h\\k<level>>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<(?<tag>div|span) class=\"math\">\\s*\\\\(?<open>[\\[(])(?<tex>.*?)\\\\[\\])]\\s*</\\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex MathElement();

    /// <summary>Markdown of one notebook: heading ids prefixed with the notebook's id (stable and unique in the report), formulas as MathML.</summary>
    private static string RenderMarkdown(string source, string notebookId, List<(string Id, string Text)> headings)
    {
        var html = Markdig.Markdown.ToHtml(source, Markdown);
        html = IdAttribute().Replace(html, m => "id=\"" + notebookId + "--" + m.Groups["id"].Value + "\"");
        foreach (Match h in Heading().Matches(html)) headings.Add((h.Groups["id"].Value, WebUtility.HtmlDecode(Regex.Replace(h.Groups["text"].Value, "<[^>]+>", ""))));
        return MathElement().Replace(html, m => MathMarkup.ToMathMl(WebUtility.HtmlDecode(m.Groups["tex"].Value), display: m.Groups["open"].Value == "["));
    }

    /// <summary>
    /// Absolute paths of this machine (the repository, the home folder, the temporary folder) written as the reader
    /// can use them: repository-relative, <c>~</c>, or <c>$TMPDIR</c>. The report is shared; the machine's layout is not.
    /// </summary>
    internal static string WithoutMachinePaths(string text)
    {
        foreach (var (path, shown) in MachinePaths())
        {
            // Not inside base64 (compressed scripts and images), which may contain the same letters by chance.
            var pattern = new Regex("(?<![A-Za-z0-9+/=])" + Regex.Escape(path) + "(?<slash>/)?(?![A-Za-z0-9+=_.-])");
            text = pattern.Replace(text, m => m.Groups["slash"].Success ? (shown.Length == 0 ? "" : shown + "/") : (shown.Length == 0 ? "." : shown));
        }
        return text;
    }

    private static IEnumerable<(string Path, string Shown)> MachinePaths()
    {
        var paths = new List<(string, string)>();
        if (Workbench.RepositoryRoot is { Length: > 1 } root) paths.Add((root.TrimEnd('/', '\\'), ""));
        if (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 1 } home) paths.Add((home.TrimEnd('/', '\\'), "~"));
        if (Path.GetTempPath() is { Length: > 1 } temp) paths.Add((temp.TrimEnd('/', '\\'), "$TMPDIR"));
        // Longest first, so a repository inside the home folder is shown relative to the repository.
        return paths.Where(p => p.Item1.Length > 1).OrderByDescending(p => p.Item1.Length);
    }

    internal static Section ReadNotebook(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var name = Path.GetFileNameWithoutExtension(path);
        var id = "nb-" + new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        string? title = null;
        var html = new StringBuilder();
        var headings = new List<(string Id, string Text)>();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            var source = Joined(cell.GetProperty("source"));
            if (cell.GetProperty("cell_type").GetString() == "markdown")
            {
                title ??= source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..];
                html.Append("<div class=\"kz-md\">").Append(RenderMarkdown(source, id, headings)).Append("</div>");
                continue;
            }
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            html.Append("<details class=\"kz-code\"><summary>code</summary><pre><code>").Append(Encode(source)).Append("</code></pre></details>");
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateArray()) html.Append(RenderOutput(output));
        }
        return new Section(id, name, title ?? name, html.ToString(), headings);
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
                    return "<div class=\"kz-output\">" + PlotlyJs.WithoutLoaders(Joined(html)) + "</div>";
                if (data.TryGetProperty("text/plain", out var text))
                    return "<pre class=\"kz-output\">" + Encode(Joined(text)) + "</pre>";
                return "";
        }
    }

    private static string Joined(JsonElement lines) =>
        lines.ValueKind == JsonValueKind.Array ? string.Concat(lines.EnumerateArray().Select(l => l.GetString())) : lines.GetString() ?? "";

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1200px;margin:0 auto;padding:1rem 2rem;color:#1f2933;line-height:1.5;overflow-wrap:break-word}
        a,code,.kz-output td,.kz-appendix td,.kz-appendix li{overflow-wrap:anywhere}
        header h1{margin-bottom:0} .kz-subtitle{color:#52606d;margin-top:.25rem}
        nav#toc{background:#f5f7fa;padding:.5rem 1.5rem;border-radius:6px}
        section{border-top:1px solid #d9e2ec;margin-top:2rem;padding-top:1rem}
        main,section,.kz-md,.kz-output,.kz-findings{max-width:100%;min-width:0}
        .kz-output,.kz-scroll,.kz-coverage{max-width:100%;overflow-x:auto}
        table.kz-table,.kz-output table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
        table.kz-table th,table.kz-table td,.kz-output th,.kz-output td{border:1px solid #d9e2ec;padding:.2rem .5rem}
        table.kz-table td.num{text-align:right;font-variant-numeric:tabular-nums} table.kz-table td.na{color:#9aa5b1;text-align:center}
        details.kz-code summary{color:#7b8794;cursor:pointer;font-size:.8rem}
        pre{background:#f5f7fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere} pre.kz-error{background:#ffe3e3}
        .kz-note{color:#52606d;font-size:.9rem}
        .kz-chart{max-width:100%;overflow-x:auto}
        .kz-lead{font-size:1.05rem}
        table.kz-verdicts td{vertical-align:top} table.kz-verdicts td:first-child,table.kz-verdicts td:last-child{white-space:nowrap} td.kz-verdict{font-weight:600;white-space:nowrap}
        tr.kz-reproduced td.kz-verdict,ul.kz-verdict-words li.kz-reproduced b{color:#1b7a3a} tr.kz-contradicted td.kz-verdict,ul.kz-verdict-words li.kz-contradicted b{color:#b3261e} tr.kz-inconclusive td.kz-verdict,ul.kz-verdict-words li.kz-inconclusive b{color:#1c5d99} tr.kz-not-testable td.kz-verdict,ul.kz-verdict-words li.kz-not-testable b{color:#8a6d00}
        .kz-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
        figure.kz-figure{margin:0} img.kz-figure-image{width:100%;height:auto;border:1px solid #d9e2ec}
        table.kz-need{font-size:.75rem} table.kz-need td{text-align:center;padding:0 .3rem}
        td.kz-loaded{background:#d3f9d8} td.kz-partial{background:#fff3bf} td.kz-missing{background:#ffe3e3} td.kz-na{background:#e9ecef}
        math[display=block]{margin:.75rem 0;font-size:1.15rem}
        @page{size:A4;margin:15mm}
        @media print{
          body{max-width:none;padding:0;font-size:10pt}
          nav#toc{break-after:page}
          section{break-before:page;border-top:none}
          details.kz-code{display:none}
          .kz-output,.kz-scroll,.kz-coverage,.kz-chart{overflow:visible}
          .kz-chart,figure.kz-figure,img,svg,table.kz-need{break-inside:avoid;page-break-inside:avoid}
          .kz-chart{max-width:180mm;max-height:240mm}
          h2,h3{break-after:avoid}
        }
        """;
}

/// <summary>
/// The notebooks of a report, each read (Markdown rendered, outputs turned into HTML) in the background as soon as it has
/// run, while later notebooks still run, so that the report after the last notebook only assembles them (issue 24).
/// </summary>
public sealed class ReportDraft
{
    private readonly Dictionary<string, Task<ReportBuilder.Section>> read = new(StringComparer.Ordinal);

    /// <summary>Starts reading <paramref name="executedNotebook"/>, a notebook that has finished running (its file is final).</summary>
    public void Add(string executedNotebook)
    {
        var path = Path.GetFullPath(executedNotebook);
        lock (read) read.TryAdd(path, Task.Run(() => ReportBuilder.ReadNotebook(path)));
    }

    // The notebook as read, or null when it was not added (the report reads it then).
    internal ReportBuilder.Section? SectionOf(string executedNotebook)
    {
        Task<ReportBuilder.Section>? reading;
        lock (read) read.TryGetValue(Path.GetFullPath(executedNotebook), out reading);
        return reading?.GetAwaiter().GetResult();
    }
}
