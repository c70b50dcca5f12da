using System.Globalization;
using System.Text.Json;
using KzMigration.Cli.Commands;
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
/// Performance of the published explorer in Chromium, timed in the page with performance.now(), browser cache off: first
/// meaningful paint (navigation start → the heatmap's rows are in the page and a frame has been painted with them) and
/// interactive (→ the app has rendered, <c>data-ready="1"</c>: controls answer), median of 5 loads; when
/// <c>KZMIG_EXPLORER_BENCH_BEFORE</c> names another published explorer folder, its loads are interleaved with these
/// (before, after, after, before, …) on the same browser and server. Then control change → redrawn heatmap (median of
/// 20), the download as served and the Monte Carlo button. Results go to the file named by KZMIG_EXPLORER_BENCH.
/// </summary>
[Collection(nameof(ExplorerSite))]
public class ExplorerBench(ExplorerSite site)
{
    // Installed before any script of the page: notes when the heatmap's rows first exist and are displayed, and when the
    // app says it is ready; each time is taken after the next frame (requestAnimationFrame, then a task), i.e. painted.
    private const string Observer = """
        (() => {
          const t = window.__kzBench = { visible: null, interactive: null };
          const painted = key => requestAnimationFrame(() => setTimeout(() => { if (t[key] === null) t[key] = performance.now(); }, 0));
          let v = false, i = false;
          const check = () => {
            const row = document.querySelector('#heatmap tr[data-region]');
            if (!v && row && row.getClientRects().length > 0) { v = true; painted('visible'); }
            if (!i && row && document.querySelector('#explorer')?.dataset.ready === '1') { i = true; painted('interactive'); }
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
        })();
        """;

    private sealed record Load(double Visible, double Interactive, IReadOnlyDictionary<string, double> Marks, double Bytes);

    [ExplorerBenchFact]
    public async Task Measure()
    {
        var lines = new List<string>();
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        await browser.SendAsync("Page.addScriptToEvaluateOnNewDocument", new { source = Observer });
        using var before = Environment.GetEnvironmentVariable("KZMIG_EXPLORER_BENCH_BEFORE") is { Length: > 0 } folder ? ExploreServer.Start(folder) : null;
        var loads = new Dictionary<string, List<Load>> { ["after"] = [], ["before"] = [] };
        for (var i = 0; i < 5; i++)
        {
            // ABBA order, so that a drift of the machine's load meets both builds alike.
            var order = before is null ? ["after"] : i % 2 == 0 ? new[] { "before", "after" } : ["after", "before"];
            foreach (var which in order) loads[which].Add(await LoadAsync(browser, which == "after" ? site.Address : before!.Address));
        }
        foreach (var (which, list) in loads.Where(l => l.Value.Count > 0))
        {
            var label = before is null ? "" : which == "after" ? "after (this checkout): " : $"before ({Environment.GetEnvironmentVariable("KZMIG_EXPLORER_BENCH_BEFORE")}): ";
            lines.Add($"{label}first meaningful paint (navigation → heatmap visible), cache off, {list.Count} loads: median {Median(list.Select(l => l.Visible)):0} ms ({Each(list.Select(l => l.Visible))})");
            lines.Add($"{label}interactive (navigation → app rendered, controls live), cache off, {list.Count} loads: median {Median(list.Select(l => l.Interactive)):0} ms ({Each(list.Select(l => l.Interactive))})");
            var marks = list.SelectMany(l => l.Marks.Keys).Distinct().ToList();
            if (marks.Count > 0)
                lines.Add($"{label}  of which, medians since navigation: " + string.Join(", ", marks.Select(m => $"{m} {Median(list.Where(l => l.Marks.ContainsKey(m)).Select(l => l.Marks[m])):0} ms")));
            lines.Add($"{label}download of one load as served (transfer size, Content-Encoding br/gzip where accepted): {list[^1].Bytes / 1e6:0.00} MB");
        }

        await browser.NavigateAsync(site.Address);
        await browser.WaitForAsync("document.querySelector('#explorer')?.dataset.ready === '1'", TimeSpan.FromSeconds(120));
        var changes = new List<double>();
        var refs = new[] { "median", "mean", "published", "weighted" };
        for (var i = 0; i < 20; i++)
        {
            var value = refs[i % refs.Length];
            var ms = (await browser.EvaluateAsync(
                "new Promise(done => { const m = document.querySelector('#explorer'); const before = m.dataset.revision;" +
                " const t0 = performance.now(); const s = document.querySelector('#reference'); s.value = '" + value + "'; s.dispatchEvent(new Event('change', { bubbles: true }));" +
                " const check = () => { const n = document.querySelector('#explorer'); n.dataset.revision !== before ? done(performance.now() - t0) : requestAnimationFrame(check); }; check(); })")).GetDouble();
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

    private static async Task<Load> LoadAsync(ExplorerBrowser browser, string address)
    {
        await browser.SendAsync("Network.setCacheDisabled", new { cacheDisabled = true });
        await browser.NavigateAsync("about:blank");
        await browser.NavigateAsync(address);
        await browser.WaitForAsync("window.__kzBench && window.__kzBench.visible !== null && window.__kzBench.interactive !== null", TimeSpan.FromSeconds(120));
        var result = await browser.EvaluateAsync(
            "JSON.stringify({ visible: __kzBench.visible, interactive: __kzBench.interactive," +
            " marks: Object.fromEntries((window.kzExplorer?.marks ?? []).map(m => [m.name, m.t]))," +
            " bytes: performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0) })");
        using var json = JsonDocument.Parse(result.GetString()!);
        var root = json.RootElement;
        return new Load(root.GetProperty("visible").GetDouble(), root.GetProperty("interactive").GetDouble(),
            root.GetProperty("marks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()), root.GetProperty("bytes").GetDouble());
    }

    private static string Each(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
