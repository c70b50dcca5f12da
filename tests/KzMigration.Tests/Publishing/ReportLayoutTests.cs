using System.Text.RegularExpressions;
using KzMigration.Publishing;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Publishing;

/// <summary>The report of `kzmig reproduce` as a reader meets it: findings first, readable on a laptop, printable.</summary>
[Collection(ReproducedOutputsCollection.Name)]
public class ReportLayoutTests(ReproducedOutput reproduced)
{
    private static Chromium Browser => Chromium.Find(out _)!;

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

    /// <summary>A copy of the report with a script that writes measurements into the DOM once charts are drawn.</summary>
    private string Instrumented(string name, string script)
    {
        var copy = Path.Combine(TestPaths.TempFolder("layout"), name + ".html");
        File.WriteAllText(copy, Report.Replace("</body>", "<pre id=\"kz-measure\"></pre><script>window.addEventListener('load',function(){setTimeout(function(){" + script + "},3000);});</script></body>"));
        return copy;
    }

    private static string Measured(string dom) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(dom, "<pre id=\"kz-measure\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);

    [ChromiumFact]
    public async Task At_1280_px_the_page_does_not_scroll_sideways()
    {
        var page = Instrumented("scroll", "document.getElementById('kz-measure').textContent=document.scrollingElement.scrollWidth+' '+window.innerWidth;");
        var dom = await Browser.DumpDomAsync(page, 30_000, 1280, 900);
        var parts = Measured(dom).Split(' ');
        Assert.True(parts.Length == 2, "no measurement: " + Measured(dom));
        Assert.True(int.Parse(parts[0]) <= int.Parse(parts[1]), $"scrollWidth {parts[0]} > innerWidth {parts[1]}");
    }

    [ChromiumFact]
    public async Task Printed_on_A4_no_chart_is_cut_across_pages()
    {
        var pdf = Path.Combine(TestPaths.TempFolder("print"), "report.pdf");
        await Browser.PrintToPdfAsync(reproduced.PathOf("report", "index.html"), pdf, virtualTimeMs: 30_000);
        var bytes = File.ReadAllBytes(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(Regex.Matches(System.Text.Encoding.Latin1.GetString(bytes), "/Type\\s*/Page[^s]").Count > 5, "the PDF has too few pages");

        // The print rules, applied on screen at A4's printable width (180 mm): every chart must be marked
        // unbreakable and fit one printable page height (267 mm), so the print engine never cuts it.
        var page = Instrumented("print", """
            for (var sheet of document.styleSheets) for (var i = 0; i < sheet.cssRules.length; i++) { var r = sheet.cssRules[i];
              if (r.media && r.media.mediaText === 'print') { var text = r.cssText.replace(/^@media print/, '@media all'); sheet.insertRule(text, sheet.cssRules.length); } }
            document.body.style.width = '180mm';
            var mm = document.getElementById('kz-measure'); var probe = document.createElement('div'); probe.style.height = '267mm'; document.body.appendChild(probe);
            var pageHeight = probe.getBoundingClientRect().height; probe.remove(); var bad = [];
            document.querySelectorAll('.kz-chart, figure.kz-figure').forEach(function (c) {
              var h = c.getBoundingClientRect().height, avoid = getComputedStyle(c).breakInside;
              if (h > pageHeight || avoid !== 'avoid') bad.push((c.id || c.tagName) + ':' + Math.round(h) + ':' + avoid); });
            mm.textContent = 'checked ' + document.querySelectorAll('.kz-chart, figure.kz-figure').length + (bad.length ? ' bad ' + bad.join(' ') : ' ok');
            """);
        var measured = Measured(await Browser.DumpDomAsync(page, 30_000, 1280, 900));
        Assert.Matches("^checked [1-9][0-9]* ok$", measured);
    }
}
