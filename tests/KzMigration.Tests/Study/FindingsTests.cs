using KzMigration.Claims;
using KzMigration.Publishing;
using KzMigration.Data;
using KzMigration.Study;
using KzMigration.Migration;

namespace KzMigration.Tests.Study;

public class FindingsTests
{
    private static readonly WorkbenchData Data = WorkbenchData.Load(TestPaths.Data);

    [Fact]
    public void Coverage_of_the_paper_figures_counts_region_years_against_the_loaded_data()
    {
        var coverage = FigureCoverage.OfPaperFigures(Data);
        Assert.Equal(["Figure 1", "Figure 2", "Figure 3"], coverage.Select(c => c.Figure));
        var (fig1, fig2, fig3) = (coverage[0], coverage[1], coverage[2]);
        Assert.Equal(Enumerable.Range(2015, 8), fig1.Years);
        Assert.Equal([2022], fig3.Years);

        // Abai exists from June 2022: not applicable before, and never counted as needed.
        Assert.Equal(NeedState.NotApplicable, fig1["abai", 2019]);
        Assert.NotEqual(NeedState.NotApplicable, fig1["abai", 2022]);
        // Shymkent became a city of republican significance in 2018; South Kazakhstan ended then.
        Assert.Equal(NeedState.NotApplicable, fig1["shymkent-city", 2017]);
        Assert.Equal(NeedState.NotApplicable, fig1["south-kazakhstan", 2019]);

        // Each cell agrees with the loaded series: Figure 2 needs both interregional arrivals and departures.
        var arrivals = Data.Coverage(KzMigration.Migration.Flow.Interregional, KzMigration.Migration.Measure.Arrivals);
        var departures = Data.Coverage(KzMigration.Migration.Flow.Interregional, KzMigration.Migration.Measure.Departures);
        foreach (var r in fig2.Regions)
            foreach (var y in fig2.Years.Where(y => r.ReportsIn(y)))
            {
                var have = (arrivals[r.Key, y] is null ? 0 : 1) + (departures[r.Key, y] is null ? 0 : 1);
                Assert.Equal(have == 2 ? NeedState.Loaded : have == 1 ? NeedState.Partial : NeedState.Missing, fig2[r.Key, y]);
            }
        // The needed count is the region-years of units that existed: 14 oblasts and 2 cities in 2015–2017,
        // 14 oblasts and 3 cities in 2018–2021 (Shymkent a city, Turkestan for South Kazakhstan), 17 and 3 in 2022.
        Assert.Equal(3 * 16 + 4 * 17 + 20, fig1.Needed);
        Assert.True(fig1.Loaded <= fig1.Needed);
        Assert.Contains("region-years loaded", fig1.Summary);
    }

    [Fact]
    public void Findings_page_has_one_line_per_claim_and_links_to_the_checking_notebooks()
    {
        var claims = ClaimsLedger.Evaluate(Data);
        var html = FindingsPage.ToHtml(claims, FigureCoverage.OfPaperFigures(Data));
        Assert.Equal(claims.Results.Count, System.Text.RegularExpressions.Regex.Matches(html, "<tr class=\"kz-").Count);
        Assert.Contains("#kz-ref:03:claims", html);
        Assert.Contains("#kz-ref:04:readings", html);
        Assert.Contains(claims.Summary, html);
        // Each of the paper's figures, its image hidden until the report has one (no image given here).
        foreach (var f in Findings.PaperFigures)
            Assert.Contains($"<figure class=\"kz-figure\"><img class=\"kz-figure-image\" hidden alt=\"{System.Net.WebUtility.HtmlEncode(f.Figure + ": " + f.Title)}\"><figcaption><strong>{f.Figure}</strong>", html);
        Assert.DoesNotContain("data-kz-figure", html);
    }

    [Fact]
    public void Findings_page_draws_each_figure_with_the_image_the_report_gives_for_its_id()
    {
        var claims = ClaimsLedger.Evaluate(Data);
        var coverage = FigureCoverage.OfPaperFigures(Data);
        var fig1 = Findings.PaperFigures[0].FigureId;
        var asked = new List<string>();
        var html = FindingsPage.ToHtml(claims, coverage, id => { asked.Add(id); return id == fig1 ? "data:image/png;base64,iVBORw0K" : null; });

        Assert.Equal(Findings.PaperFigures.Select(f => f.FigureId), asked);
        Assert.Contains("<img class=\"kz-figure-image\" src=\"data:image/png;base64,iVBORw0K\" alt=\"Figure 1: ", html);
        Assert.Equal(Findings.PaperFigures.Count - 1, System.Text.RegularExpressions.Regex.Matches(html, "<img class=\"kz-figure-image\" hidden alt=").Count);
        // The report's section is the same page in three parts: before the figures, the figures, after them.
        var section = FindingsPage.Section(claims, coverage);
        Assert.True(section.Leads);
        Assert.Equal(html, section.Html + FindingsPage.Figures(section.Figures, id => id == fig1 ? "data:image/png;base64,iVBORw0K" : null) + section.Closing);
        Assert.Equal(Findings.PaperFigures.Select(f => f.FigureId), section.Figures.Select(f => f.Id));
    }

    [Fact]
    public void Findings_page_explains_the_four_verdicts_in_one_line_each_and_shows_the_detectable_effect()
    {
        var claims = ClaimsLedger.Evaluate(Data);
        var html = FindingsPage.ToHtml(claims, FigureCoverage.OfPaperFigures(Data));
        foreach (var (outcome, meaning) in ClaimsReport.Meanings)
            Assert.Contains($"<li class=\"kz-{ClaimsReport.Label(outcome).Replace(' ', '-')}\"><b>{ClaimsReport.Label(outcome)}</b>: {System.Net.WebUtility.HtmlEncode(meaning)}.</li>", html);
        Assert.Equal(4, ClaimsReport.Meanings.Count);
        Assert.Contains("minimum detectable effect (80 % power, 5 %)", html); // E1–E3, inconclusive, in their decisive numbers
        Assert.Contains("<td class=\"kz-verdict\">inconclusive</td>", html);
        Assert.Contains("href=\"#kz-ref:06:coefficients\"", html);
    }
}
