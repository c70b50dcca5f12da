using System.Text.RegularExpressions;
using KzMigration.Publishing;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Publishing;

/// <summary>The report of `kzmig reproduce` as a reader meets it: findings first, readable on a laptop, printable.</summary>
[Collection(ReproducedOutputsCollection.Name)]
public class ReportLayoutTests(ReproducedOutput reproduced, ReportInBrowser report)
{
    private string Report => File.ReadAllText(reproduced.PathOf("report", "index.html"));

    [Fact]
    public void The_first_section_is_the_findings_page_and_the_setup_check_is_an_appendix()
    {
        var html = Report;
        var sections = Regex.Matches(html, "<section class=\"[^\"]*\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("findings", sections[0]);
        Assert.Equal("nb-00-setup-check", sections[^1]);
        var findings = html[html.IndexOf("id=\"findings\"", StringComparison.Ordinal)..html.IndexOf("id=\"nb-01", StringComparison.Ordinal)];
        // One line per claim, each with its verdict and a link that resolves to a section of the report.
        var ledger = html[html.IndexOf("id=\"claims\"", StringComparison.Ordinal)..html.IndexOf("id=\"sources\"", StringComparison.Ordinal)];
        Assert.Equal(Regex.Matches(ledger, "<tr class=\"kz-").Count, Regex.Matches(findings, "<tr class=\"kz-").Count);
        foreach (Match link in Regex.Matches(findings, "href=\"#([^\"]+)\""))
            Assert.Contains("id=\"" + link.Groups[1].Value + "\"", html);
        Assert.Contains("Figure 1", findings);
        Assert.Contains("Figure 3", findings);
        Assert.Contains("region-years loaded", findings);
        Assert.Contains("data:image/png;base64,", findings);
    }

    [Fact]
    public void Formulas_are_typeset_and_no_machine_path_is_shown()
    {
        var html = Report;
        Assert.Contains("<mfrac>", html);
        Assert.DoesNotContain("\\frac", html);
        foreach (var path in new[] { TestPaths.RepositoryRoot, reproduced.OutDir })
            Assert.DoesNotContain(path, html);
        foreach (var notebook in Directory.EnumerateFiles(reproduced.PathOf("notebooks")))
            Assert.DoesNotContain(TestPaths.RepositoryRoot, File.ReadAllText(notebook));
    }

    [ChromiumFact]
    public async Task At_1280_px_the_page_does_not_scroll_sideways()
    {
        var page = await report.PageAsync(reproduced);
        var measured = (await page.EvaluateAsync("document.scrollingElement.scrollWidth + ' ' + window.innerWidth")).GetString() ?? "";
        var parts = measured.Split(' ');
        Assert.True(parts.Length == 2, "no measurement: " + measured);
        Assert.Equal(ReportInBrowser.Width, int.Parse(parts[1]));
        Assert.True(int.Parse(parts[0]) <= int.Parse(parts[1]), $"scrollWidth {parts[0]} > innerWidth {parts[1]}");
    }

    [ChromiumFact]
    public async Task Printed_on_A4_no_chart_is_cut_across_pages()
    {
        var page = await report.PageAsync(reproduced);
        // As a reader prints it: print media, A4 from the report's own @page rule, no header or footer.
        var printed = await page.SendAsync("Page.printToPDF", new { preferCSSPageSize = true, displayHeaderFooter = false });
        var bytes = Convert.FromBase64String(printed.GetProperty("data").GetString()!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(Regex.Matches(System.Text.Encoding.Latin1.GetString(bytes), "/Type\\s*/Page[^s]").Count > 5, "the PDF has too few pages");

        // The print rules, applied on screen at A4's printable width (180 mm): every chart must be marked
        // unbreakable and fit one printable page height (267 mm), so the print engine never cuts it. The page is shared
        // (ReportInBrowser): the rules and the width are taken back afterwards.
        var measured = (await page.EvaluateAsync("""
            (function () {
              var added = [], style = document.body.getAttribute('style');
              for (var sheet of document.styleSheets) for (var i = 0, n = sheet.cssRules.length; i < n; i++) { var r = sheet.cssRules[i];
                if (r.media && r.media.mediaText === 'print') { var text = r.cssText.replace(/^@media print/, '@media all'); added.push([sheet, sheet.insertRule(text, sheet.cssRules.length)]); } }
              document.body.style.width = '180mm';
              var probe = document.createElement('div'); probe.style.height = '267mm'; document.body.appendChild(probe);
              var pageHeight = probe.getBoundingClientRect().height; probe.remove(); var bad = [];
              document.querySelectorAll('.kz-chart, figure.kz-figure').forEach(function (c) {
                var h = c.getBoundingClientRect().height, avoid = getComputedStyle(c).breakInside;
                if (h > pageHeight || avoid !== 'avoid') bad.push((c.id || c.tagName) + ':' + Math.round(h) + ':' + avoid); });
              for (var k = added.length - 1; k >= 0; k--) added[k][0].deleteRule(added[k][1]);
              if (style === null) document.body.removeAttribute('style'); else document.body.setAttribute('style', style);
              return 'checked ' + document.querySelectorAll('.kz-chart, figure.kz-figure').length + (bad.length ? ' bad ' + bad.join(' ') : ' ok');
            })()
            """)).GetString();
        Assert.Matches("^checked [1-9][0-9]* ok$", measured);
    }
}
