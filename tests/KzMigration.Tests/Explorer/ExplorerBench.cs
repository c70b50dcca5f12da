using System.Globalization;
using KzMigration.Publishing;

namespace KzMigration.Tests.Explorer;

/// <summary>Skipped unless <c>KZMIG_EXPLORER_BENCH</c> is set (bench/explorer/run.sh sets it): a measurement, not a test.</summary>
public sealed class ExplorerBenchFactAttribute : FactAttribute
{
    public ExplorerBenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("KZMIG_EXPLORER_BENCH") is not { Length: > 0 }) Skip = "measurement: run bench/explorer/run.sh";
        else if (Chromium.Find(out var whyNot) is null) Skip = "browser measurement skipped: " + whyNot;
    }
}

/// <summary>
/// Performance of the published explorer in Chromium, timed in the page with performance.now(): first load (navigation
/// start → heatmap in the DOM), control change → redrawn heatmap (median of 20), the compressed download (bytes of the
/// .br files the page fetches, as a static host serves them) and the Monte Carlo button. Results go to the file named by
/// KZMIG_EXPLORER_BENCH.
/// </summary>
[Collection(nameof(ExplorerSite))]
public class ExplorerBench(ExplorerSite site)
{
    [ExplorerBenchFact]
    public async Task Measure()
    {
        var lines = new List<string>();
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        var loads = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await browser.SendAsync("Network.setCacheDisabled", new { cacheDisabled = true });
            await browser.NavigateAsync("about:blank");
            await browser.NavigateAsync(site.Address);
            await browser.WaitForAsync("document.querySelectorAll('#heatmap tr[data-region]').length > 0", TimeSpan.FromSeconds(120));
            loads.Add((await browser.EvaluateAsync("performance.now()")).GetDouble());
        }
        lines.Add($"first load (navigation → heatmap drawn), cache off, 5 loads: median {Median(loads):0} ms, max {loads.Max():0} ms");

        var bytes = (await browser.EvaluateAsync(
            "performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0)")).GetDouble();
        lines.Add($"download of one load as served (transfer size, Content-Encoding br/gzip where accepted): {bytes / 1e6:0.00} MB");

        var changes = new List<double>();
        var refs = new[] { "median", "mean", "published", "weighted" };
        for (var i = 0; i < 20; i++)
        {
            var value = refs[i % refs.Length];
            var ms = (await browser.EvaluateAsync(
                "new Promise(done => { const t = document.querySelector('#heatmap'); const m = document.querySelector('#explorer'); const before = m.dataset.revision;" +
                " const t0 = performance.now(); const s = document.querySelector('#reference'); s.value = '" + value + "'; s.dispatchEvent(new Event('change', { bubbles: true }));" +
                " const check = () => m.dataset.revision !== before ? done(performance.now() - t0) : requestAnimationFrame(check); check(); })")).GetDouble();
            changes.Add(ms);
        }
        lines.Add($"control change (reference) → heatmap redrawn, 20 changes: median {Median(changes):0.0} ms, max {changes.Max():0.0} ms");

        var mc = (await browser.EvaluateAsync(
            "new Promise(done => { const t0 = performance.now(); document.querySelector('#mc-run').click();" +
            " const check = () => document.querySelector('#mc-table') ? done(performance.now() - t0) : setTimeout(check, 20); check(); })")).GetDouble();
        lines.Add($"Monte Carlo button (200 draws, one thread in WebAssembly) → table: {mc:0} ms");
        await File.WriteAllLinesAsync(Environment.GetEnvironmentVariable("KZMIG_EXPLORER_BENCH")!, lines);
        Assert.True(browser.Errors.IsEmpty, string.Join("\n", browser.Errors));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
