using KzMigration.Specification;
using System.Globalization;
using System.Net;
using System.Text;
using KzMigration.Claims;
using KzMigration.Runs;
using KzMigration.Study;

namespace KzMigration.Publishing;

/// <summary>
/// The report's opening page as HTML, from what <see cref="Findings"/> and the ledger give: each claim's verdict and decisive
/// numbers, the paper's figures as reproduced (each with its exported PNG, which exists only once the run's figures are
/// exported: the report asks <see cref="Figures"/> for them when it is built), and what each figure needs against what is
/// loaded. Links are report anchors <c>#kz-ref:NN:word</c> (<see cref="Findings.EvidenceLink"/>).
/// </summary>
public static class FindingsPage
{
    /// <summary>The findings page's anchor and heading in the report.</summary>
    public const string Id = "findings", Title = "Findings: what the paper claims and what the data say";

    /// <summary>
    /// The findings page as the report's leading section: its claims before the paper's figures (<see cref="ReportSection.Html"/>),
    /// the figures (<see cref="ReportSection.Figures"/>, drawn by the report with their images), then the coverage panels
    /// (<see cref="ReportSection.Closing"/>).
    /// </summary>
    public static ReportSection Section(ClaimsReport claims, IReadOnlyList<FigureCoverage> coverage)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(coverage);
        return new ReportSection(Id, Title, Claims(claims), Leads: true)
        {
            Figures = [.. Findings.PaperFiguresUnder(claims.Specification).Select(f => new ReportFigure(f.FigureId, f.Figure + ": " + f.Title,
                "<strong>" + E(f.Figure) + "</strong> — " + E(f.Title) + ". Rests on: " + E(f.RestsOn) + ". <span class=\"kz-note\">out/figures/" + E(f.FigureId) + ".html</span>"))],
            Closing = Coverage(coverage),
        };
    }

    /// <summary>
    /// The findings page as one piece of HTML (encoded), each figure drawn with <paramref name="image"/>'s source for its id
    /// (e.g. a data URI; null, or no <paramref name="image"/>: the image is hidden) — what the report shows.
    /// </summary>
    public static string ToHtml(ClaimsReport claims, IReadOnlyList<FigureCoverage> coverage, Func<string, string?>? image = null)
    {
        var section = Section(claims, coverage);
        return section.Html + Figures(section.Figures, image ?? (_ => null)) + section.Closing;
    }

    /// <summary>
    /// The paper's figures as reproduced: one <c>&lt;figure&gt;</c> each, its image's source given by <paramref name="image"/>
    /// for the figure's id (null: no image exported, the image is hidden and the caption names the figure's HTML file).
    /// </summary>
    public static string Figures(IReadOnlyList<ReportFigure> figures, Func<string, string?> image)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(image);
        var html = new StringBuilder("<h3 id=\"findings-figures\">The paper's figures, as reproduced</h3><div class=\"kz-figures\">");
        foreach (var f in figures)
        {
            html.Append("<figure class=\"kz-figure\"><img class=\"kz-figure-image\"");
            if (image(f.Id) is { } source) html.Append(" src=\"").Append(E(source)).Append('"');
            else html.Append(" hidden");
            html.Append(" alt=\"").Append(E(f.Alt)).Append("\"><figcaption>").Append(f.Caption).Append("</figcaption></figure>");
        }
        return html.Append("</div>").ToString();
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string Claims(ClaimsReport claims)
    {
        var html = new StringBuilder("<div class=\"kz-findings\">");
        html.Append("<p class=\"kz-lead\">What the paper claims and what the official data loaded here say about it. ")
            .Append(E(claims.Summary)).Append(". Four verdicts, never merged:</p><ul class=\"kz-verdict-words\">");
        foreach (var (outcome, meaning) in ClaimsReport.Meanings)
            html.Append("<li class=\"kz-").Append(ClaimsReport.Label(outcome).Replace(' ', '-')).Append("\"><b>").Append(E(ClaimsReport.Label(outcome))).Append("</b>: ").Append(E(meaning)).Append(".</li>");
        html.Append("</ul>");

        html.Append("<h3 id=\"findings-claims\">Claims</h3><div class=\"kz-scroll\"><table class=\"kz-table kz-verdicts\"><thead><tr><th>claim</th><th>the paper says</th><th>verdict</th><th>decisive numbers</th><th>shown in</th></tr></thead><tbody>");
        foreach (var (claim, verdict) in claims.Results)
        {
            var label = ClaimsReport.Label(verdict.Outcome);
            // The decisive numbers: what was found, and for a verdict that did not decide, why not.
            var numbers = verdict.Outcome switch
            {
                ClaimOutcome.NotTestable => (verdict.Found is "—" or "" ? "" : verdict.Found + "; ") + "missing: " + (verdict.Missing ?? "see the ledger"),
                _ => verdict.Found,
            };
            html.Append("<tr class=\"kz-").Append(label.Replace(' ', '-')).Append("\"><td>").Append(E(claim.Id)).Append("</td>")
                .Append("<td><q>").Append(E(Shorten(claim.Quote, 160))).Append("</q> <small>expected ").Append(E(claim.Expected.Value)).Append("</small></td>")
                .Append("<td class=\"kz-verdict\">").Append(E(label)).Append("</td>")
                .Append("<td>").Append(E(Shorten(numbers, 360))).Append("</td>")
                .Append("<td><a href=\"").Append(Findings.EvidenceLink(claim)).Append("\">notebook section</a> · <a href=\"#claims\">ledger</a></td></tr>");
        }
        return html.Append("</tbody></table></div>").ToString();
    }

    private static string Coverage(IReadOnlyList<FigureCoverage> coverage)
    {
        var html = new StringBuilder("<h3 id=\"findings-coverage\">What each figure needs, against what is loaded</h3>")
            .Append("<p class=\"kz-note\">One cell per region-year: ■ loaded, ◧ partial, □ missing, blank: the unit did not exist.</p>");
        foreach (var c in coverage) html.Append(CoverageHtml(c));
        return html.Append("</div>").ToString();
    }

    private static string CoverageHtml(FigureCoverage c)
    {
        var html = new StringBuilder("<div class=\"kz-coverage-panel\"><p><strong>").Append(E(c.Figure)).Append("</strong> needs ")
            .Append(E(c.Needs)).Append(": ").Append(E(c.Summary)).Append(".</p><div class=\"kz-scroll\"><table class=\"kz-table kz-need\"><thead><tr><th>region</th>");
        foreach (var y in c.Years) html.Append("<th>").Append(y.ToString(CultureInfo.InvariantCulture)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var r in c.Regions)
        {
            html.Append("<tr><td>").Append(E(r.NameEn)).Append("</td>");
            foreach (var y in c.Years)
            {
                html.Append(c[r.Key, y] switch
                {
                    NeedState.Loaded => "<td class=\"kz-loaded\" title=\"loaded\">■</td>",
                    NeedState.Partial => "<td class=\"kz-partial\" title=\"partial\">◧</td>",
                    NeedState.Missing => "<td class=\"kz-missing\" title=\"missing\">□</td>",
                    _ => "<td class=\"kz-na\"></td>",
                });
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table></div></div>").ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
