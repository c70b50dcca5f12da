using System.Text.RegularExpressions;
using KzMigration.Publishing;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Publishing;

/// <summary>The outputs of `kzmig reproduce` as a person would see them: opened from disk in headless Chromium, offline.</summary>
[Collection(ReproducedOutputsCollection.Name)]
public class BrowserTests(ReproducedOutput reproduced, ReportInBrowser report)
{
    private static Chromium Browser => Chromium.Find(out _)!;

    private static int Count(string html, string pattern) => Regex.Matches(html, pattern).Count;

    [ChromiumFact]
    public async Task Report_opens_offline_with_every_chart_drawn_and_no_script_errors()
    {
        var source = await File.ReadAllTextAsync(reproduced.PathOf("report", "index.html"));
        var charts = Count(source, "class=\"kz-chart\"");
        Assert.True(charts > 0, "the report has no charts");

        var page = await report.PageAsync(reproduced);
        var dom = (await page.EvaluateAsync("document.documentElement.outerHTML")).GetString() ?? "";

        // plotly draws one .main-svg layer pair per chart; every chart div must have been drawn into.
        var drawn = Count(dom, "<div id=\"kz-[^\"]*-chart-\\d+\" class=\"kz-chart[^\"]*js-plotly-plot");
        Assert.Equal(charts, drawn);
        Assert.True(Count(dom, "class=\"main-svg\"") >= charts);
        Assert.Matches("<div id=\"kz-js-errors\" hidden=\"\"></div>", dom);
    }

    [ChromiumFact]
    public async Task Report_screenshot_is_not_blank()
    {
        var png = Path.Combine(TestPaths.TempFolder("shot"), "report.png");
        var page = await report.PageAsync(reproduced);
        File.WriteAllBytes(png, await page.ScreenshotAsync(beyondViewport: false));

        var image = PngImage.Read(png);
        Assert.Equal(1280, image.Width);
        Assert.True(image.DistinctColours() > 20, $"only {image.DistinctColours()} colours: blank page?");
        Assert.True(image.InkShare() > 0.02, $"only {image.InkShare():P1} of the page differs from the background");
    }

    [ChromiumFact]
    public async Task Every_figure_page_draws_its_chart()
    {
        var pages = Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.html").ToList();
        Assert.NotEmpty(pages);
        // One browser for all the pages (a Chromium start per page cost more than the pages: issue 24), offline as ever.
        await using var browser = await Explorer.ExplorerBrowser.StartAsync(Browser, loopback: false);
        foreach (var page in pages)
        {
            await browser.NavigateAsync(new Uri(page).AbsoluteUri);
            // A page that has been read is marked, so the wait below sees the next document, not the one before it.
            try { await browser.WaitForAsync("!window.kzRead && document.readyState === 'complete' && document.querySelector('.main-svg')", TimeSpan.FromSeconds(60)); }
            catch (TimeoutException) { }
            var dom = (await browser.EvaluateAsync("window.kzRead ? '' : (window.kzRead = true, document.documentElement.outerHTML)")).GetString() ?? "";
            Assert.True(Count(dom, "class=\"main-svg\"") >= 1, Path.GetFileName(page) + " drew no chart");
        }
    }

    [ChromiumFact]
    public void Figure_images_are_print_resolution_and_not_blank()
    {
        var pngs = Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.png").ToList();
        Assert.NotEmpty(pngs);
        foreach (var path in pngs)
        {
            var image = PngImage.Read(path);
            Assert.True(image.Width >= FigureImages.MinimumPngWidth, $"{Path.GetFileName(path)} is {image.Width} px wide");
            Assert.True(image.DistinctColours() > 20, $"{Path.GetFileName(path)} looks blank");
        }
        // PNG is the default; SVG only when asked for (--images png,svg).
        Assert.Empty(Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.svg"));
    }

    [ChromiumFact]
    public async Task Svg_is_written_when_asked_for_and_only_then()
    {
        var folder = TestPaths.TempFolder("svg-export");
        var id = Path.GetFileNameWithoutExtension(Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.json").Order(StringComparer.Ordinal).First());
        File.Copy(reproduced.PathOf("figures", id + ".json"), Path.Combine(folder, id + ".json"));
        var chromium = Chromium.Find(out var why) ?? throw new InvalidOperationException(why);
        var image = Assert.Single(await FigureImages.ExportAsync(folder, chromium, [id], ImageFormats.Svg));
        Assert.Null(image.PngPath);
        Assert.Equal([$"figures/{id}.svg"], image.Files);
        var svg = File.ReadAllText(Path.Combine(folder, id + ".svg"));
        Assert.StartsWith("<svg", svg);
        Assert.Contains("class=\"main-svg\"", svg);
        Assert.False(File.Exists(Path.Combine(folder, id + ".png")));
        Assert.Equal(ImageFormats.Png | ImageFormats.Svg, ImageFormatsText.Parse("png,svg"));
        Assert.Equal("png,svg", ImageFormatsText.Format(ImageFormats.Png | ImageFormats.Svg));
        Assert.Throws<FormatException>(() => ImageFormatsText.Parse("gif"));
    }

    [Fact]
    public void Report_and_figures_reference_nothing_on_the_network()
    {
        foreach (var path in Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.html").Append(reproduced.PathOf("report", "index.html")))
        {
            var html = File.ReadAllText(path);
            // The only script a page loads is the shared plotly.js beside it (relative, no scheme, no folder).
            foreach (Match src in Regex.Matches(html, "<script[^>]+src=\"([^\"]*)\""))
                Assert.Equal(KzMigration.Charts.PlotlyJs.FileName, src.Groups[1].Value);
            Assert.DoesNotMatch("<link[^>]+href=\"https?:", html);
        }
    }

    [Fact]
    public void Figures_share_one_plotly_js_and_out_stays_small()
    {
        var pages = Directory.EnumerateFiles(reproduced.PathOf("figures"), "*.html").ToList();
        Assert.NotEmpty(pages);
        Assert.True(File.Exists(reproduced.PathOf("figures", KzMigration.Charts.PlotlyJs.FileName)));
        foreach (var page in pages)
        {
            Assert.True(new FileInfo(page).Length < 1_000_000, Path.GetFileName(page) + " carries its own plotly.js");
            Assert.Contains(KzMigration.Charts.PlotlyJs.SharedScriptElement(KzMigration.Charts.PlotlyBundle.Workbench), File.ReadAllText(page));
        }
        // The report travels alone: plotly.js inside it, once.
        var report = File.ReadAllText(reproduced.PathOf("report", "index.html"));
        Assert.Single(Regex.Matches(report, "plotly.js v" + KzMigration.Charts.PlotlyJs.Version));
        Assert.DoesNotContain("<script type=\"text/javascript\" src=", report);
    }
}
