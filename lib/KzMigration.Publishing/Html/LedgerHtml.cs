using KzMigration.Specification;
using System.Net;
using System.Text;
using KzMigration.Claims;

namespace KzMigration.Publishing;

/// <summary>
/// The claims ledger as an HTML table (notebooks 03, 04 and 08 end a cell with it; the report's «Claims ledger» section): the
/// science core gives the verdicts (<see cref="ClaimsReport"/>), this writes the markup, every text encoded.
/// </summary>
public static class LedgerHtml
{
    /// <summary>The ledger as an HTML table: summary, options, one row per claim with its verdict and evidence.</summary>
    public static string ToHtml(this ClaimsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder("<div class=\"kz-claims\">");
        html.Append("<p class=\"kz-summary\">").Append(E(report.Summary)).Append("</p>");
        html.Append("<p class=\"kz-note\">").Append(E($"Options: {report.DescribeChoices()}.")).Append("</p>");
        html.Append("<table class=\"kz-table\"><thead><tr>");
        foreach (var h in new[] { "id", "quote", "computation", "expected", "found", "verdict", "evidence" })
            html.Append("<th>").Append(E(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (claim, verdict) in report.Results)
        {
            html.Append("<tr class=\"").Append(Css(verdict.Outcome)).Append("\">")
                .Append("<td>").Append(E(claim.Id)).Append("</td>")
                .Append("<td><q>").Append(E(claim.Quote)).Append("</q><br><small>").Append(E(claim.Location)).Append("</small></td>")
                .Append("<td>").Append(E(claim.Computation))
                .Append("<br><small>Boundaries: ").Append(E(claim.Layout.Description)).Append(".</small>")
                .Append("<br><small>Rule — ").Append(E(claim.Rule.ToString())).Append("</small></td>")
                .Append("<td>").Append(E(claim.Expected.Value)).Append("<br><small>").Append(E(claim.Expected.Tolerance)).Append("</small></td>")
                .Append("<td>").Append(E(verdict.Found)).Append("</td>")
                .Append("<td>").Append(E(ClaimsReport.Label(verdict.Outcome))).Append("</td>")
                .Append("<td>").Append(E(verdict.FullEvidence)).Append("</td>")
                .Append("</tr>");
        }
        return html.Append("</tbody></table></div>").ToString();
    }

    private static string Css(ClaimOutcome outcome) => "kz-" + ClaimsReport.Label(outcome).Replace(' ', '-');
}
