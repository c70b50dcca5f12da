using System.Globalization;
using System.Text.Json;
using KzMigration.Cli.Commands;
using KzMigration.Data;
using KzMigration.Explorer.Model;
using KzMigration.Publishing;
using KzMigration.Tests.Publishing;

namespace KzMigration.Tests.Explorer;

/// <summary>
/// The published explorer in the real browser: built the way <c>kzmig explore</c> builds it (once per set of sources,
/// cached), served on loopback by the same server, driven headless over the DevTools protocol (the workbench's own client) with the machine's
/// Chromium. Each page loads without console errors; scenarios applied through the link and through the controls show
/// the totals and ranks the library computes natively; bad input shows a message; the screenshot is not blank.
/// </summary>
[Collection(nameof(ExplorerSite))]
public class ExplorerBrowserTests(ExplorerSite site)
{
    private static readonly Lazy<WorkbenchData> Data = new(() => WorkbenchData.LoadBundle(TestPaths.Data));

    private const string Ready = "document.querySelector('#explorer')?.dataset.ready === '1'";

    private const string ReadTable =
        "JSON.stringify([...document.querySelectorAll('#heatmap tr[data-region]')].map(r => [r.dataset.region, r.querySelector('td.total').dataset.total, r.querySelector('td.rank').dataset.rank]))";

    private static void AssertParity(JsonElement shown, Scenario scenario, string what)
    {
        var rows = JsonSerializer.Deserialize<string[][]>(shown.GetString()!)!;
        var native = ExplorerEngineTests.Native(Data.Value, scenario);
        Assert.True(rows.Length == native.Count, $"{what}: {rows.Length} rows shown, {native.Count} computed");
        foreach (var row in rows)
        {
            var (total, rank) = native[row[0]];
            Assert.True(row[1] == (total?.ToString("0.##", CultureInfo.InvariantCulture) ?? "NA"), $"{what}: {row[0]} total shown {row[1]}, library {total}");
            Assert.True(row[2] == (rank?.ToString(CultureInfo.InvariantCulture) ?? ""), $"{what}: {row[0]} rank shown {row[2]}, library {rank}");
        }
    }

    [ChromiumFact]
    public async Task Scenarios_in_the_link_show_the_librarys_totals_and_ranks()
    {
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        foreach (var query in new[] { "", "invert=unemployment_rate", "thresholds=75,95,105,140&points=-2,-1,0.5,1,2",
                     "edits=" + Uri.EscapeDataString("turkestan:avg_monthly_wage*1.2") + "&reference=median", "boundary=rounded&housing=new" })
        {
            await browser.NavigateAsync(site.Address + (query.Length > 0 ? "?" + query : ""));
            await browser.WaitForAsync(Ready + " && document.querySelectorAll('#heatmap tr[data-region]').length > 0", TimeSpan.FromSeconds(120));
            AssertParity(await browser.EvaluateAsync(ReadTable), ScenarioText.Parse(query), query.Length == 0 ? "paper's baseline" : query);
            Assert.Equal(JsonValueKind.Null, (await browser.EvaluateAsync("document.querySelector('#error')?.textContent ?? null")).ValueKind);
        }
        Assert.True(browser.Errors.IsEmpty, string.Join("\n", browser.Errors));
    }

    [ChromiumFact]
    public async Task Controls_change_the_scenario_the_link_and_the_marked_cells()
    {
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        await browser.NavigateAsync(site.Address);
        await browser.WaitForAsync(Ready, TimeSpan.FromSeconds(120));
        Assert.Equal("0", (await browser.EvaluateAsync("document.querySelector('#changed-count b').textContent")).GetString());

        await browser.EvaluateAsync("(() => { const s = document.querySelector('#reference'); s.value = 'median'; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
        await browser.WaitForAsync("location.search.includes('reference=median')", TimeSpan.FromSeconds(30));
        AssertParity(await browser.EvaluateAsync(ReadTable), ScenarioText.Parse("reference=median"), "reference control");

        await browser.EvaluateAsync("(() => { const s = document.querySelector('#inv-unemployment_rate'); s.click(); })()");
        await browser.WaitForAsync("location.search.includes('invert=unemployment_rate')", TimeSpan.FromSeconds(30));
        AssertParity(await browser.EvaluateAsync(ReadTable), ScenarioText.Parse("reference=median&invert=unemployment_rate"), "polarity control");
        Assert.True((await browser.EvaluateAsync("document.querySelectorAll('#heatmap td.changed').length")).GetInt32() > 0, "no cell marked as changed");

        await browser.EvaluateAsync("(() => { const s = document.querySelector('#edits'); s.value = 'turkestan:avg_monthly_wage*1.2'; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
        await browser.WaitForAsync("decodeURIComponent(location.search).includes('turkestan:avg_monthly_wage*1.2')", TimeSpan.FromSeconds(30));
        var query = new Uri((await browser.EvaluateAsync("location.href")).GetString()!).Query;
        AssertParity(await browser.EvaluateAsync(ReadTable), ScenarioText.Parse(query), "edit control");

        // A bad value in a control: a message, the last good scenario stays.
        await browser.EvaluateAsync("(() => { const s = document.querySelector('#thresholds'); s.value = '70,abc'; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
        await browser.WaitForAsync("document.querySelector('#error')?.textContent.includes('thresholds')", TimeSpan.FromSeconds(30));
        Assert.True((await browser.EvaluateAsync("document.querySelectorAll('#heatmap tr[data-region]').length")).GetInt32() > 0);
        // An edit of a region the data do not have: the message names it, the scenario in the address stays.
        var before = (await browser.EvaluateAsync("location.search")).GetString();
        await browser.EvaluateAsync("(() => { const s = document.querySelector('#edits'); s.value = 'atlantis:grp_per_capita*2'; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
        await browser.WaitForAsync("document.querySelector('#error')?.textContent.includes('atlantis')", TimeSpan.FromSeconds(30));
        Assert.Equal(before, (await browser.EvaluateAsync("location.search")).GetString());

        await browser.EvaluateAsync("document.querySelector('#mc-run').click()");
        await browser.WaitForAsync("document.querySelectorAll('#mc-table tr[data-region]').length > 0", TimeSpan.FromSeconds(120));
        Assert.True(browser.Errors.IsEmpty, string.Join("\n", browser.Errors));
    }

    [ChromiumFact]
    public async Task A_bad_link_shows_a_message_not_a_blank_page()
    {
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        await browser.NavigateAsync(site.Address + "?thresholds=abc&reference=median");
        await browser.WaitForAsync(Ready, TimeSpan.FromSeconds(120));
        var message = (await browser.EvaluateAsync("document.querySelector('#error')?.textContent ?? ''")).GetString()!;
        Assert.Contains("thresholds", message);
        AssertParity(await browser.EvaluateAsync(ReadTable), Scenario.Paper, "fallback to the paper");
    }

    // Every element under a root in document order (tbody left out: the HTML parser adds it, Blazor's DOM does not) with
    // its id, classes, data-* attributes and form state, and every text: what a reader sees and what the tests address.
    private const string Structure = """
        (root => {
          const out = [];
          // Adjacent text nodes count as one text (Blazor writes "a", ": ", "b" where the parser makes "a: b").
          let text = '';
          const flush = () => { const t = text.replace(/\s+/g, ' ').trim(); if (t) out.push('"' + t + '"'); text = ''; };
          const walk = n => {
            for (const c of n.childNodes) {
              if (c.nodeType === 3) { text += c.textContent; continue; }
              if (c.nodeType !== 1) continue;
              flush();
              if (c.tagName !== 'TBODY') {
                let s = c.tagName.toLowerCase() + (c.id ? '#' + c.id : '') + [...c.classList].sort().map(k => '.' + k).join('');
                s += [...c.attributes].filter(a => a.name.startsWith('data-') && a.name !== 'data-ready').map(a => `[${a.name}=${a.value}]`).sort().join('');
                if (c.tagName === 'SELECT' || c.tagName === 'INPUT') s += ` value=${c.value}`;
                if (c.type === 'checkbox') s += ` checked=${c.checked}`;
                out.push(s);
              }
              if (c.id !== 'share') walk(c);
              flush();
            }
          };
          walk(root);
          flush();
          return JSON.stringify(out);
        })
        """;

    [ChromiumFact]
    public async Task The_prerendered_baseline_is_what_the_app_renders_and_holds_the_librarys_numbers()
    {
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        await browser.NavigateAsync(site.Address);
        await browser.WaitForAsync(Ready + " && !document.querySelector('.kz-baseline')", TimeSpan.FromSeconds(120));
        const string prerendered = "new DOMParser().parseFromString(await (await fetch('index.html', { cache: 'no-store' })).text(), 'text/html')";
        var before = (await browser.EvaluateAsync($"(async () => {Structure}({prerendered}.querySelector('#app .kz-baseline')))()")).GetString()!;
        var after = (await browser.EvaluateAsync($"{Structure}(document.querySelector('#app'))")).GetString()!;
        var (was, now) = (JsonSerializer.Deserialize<string[]>(before)!, JsonSerializer.Deserialize<string[]>(after)!);
        Assert.True(was.Length > 200, $"the prerendered baseline has {was.Length} parts");
        var first = Enumerable.Range(0, Math.Min(was.Length, now.Length)).FirstOrDefault(i => was[i] != now[i], -1);
        Assert.True(first < 0 && was.Length == now.Length,
            first < 0 ? $"lengths differ: prerendered {was.Length}, app {now.Length}" : $"part {first}: prerendered «{was[first]}», app «{now[first]}»");
        // The numbers a class sees before WebAssembly has started are the library's.
        AssertParity(await browser.EvaluateAsync($"(async () => {{ const d = {prerendered}; return {ReadTable.Replace("document.", "d.", StringComparison.Ordinal)}; }})()"),
            Scenario.Paper, "prerendered baseline");
        Assert.Equal("0", (await browser.EvaluateAsync($"(async () => {prerendered}.querySelector('#explorer').dataset.ready)()")).GetString());
        Assert.True(browser.Errors.IsEmpty, string.Join("\n", browser.Errors));
    }

    [ChromiumFact]
    public async Task Before_WebAssembly_starts_the_page_shows_the_papers_baseline_and_a_link_shows_loading()
    {
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        await browser.SendAsync("Network.enable");
        await browser.SendAsync("Network.setBlockedURLs", new { urls = new[] { "*blazor.webassembly*" } });
        const string Shown = "(s => { const e = document.querySelector(s); return !!e && e.getClientRects().length > 0; })";
        await browser.NavigateAsync(site.Address);
        await browser.WaitForAsync($"document.readyState === 'complete' && {Shown}('#heatmap')", TimeSpan.FromSeconds(60));
        Assert.False((await browser.EvaluateAsync($"{Shown}('.kz-loading')")).GetBoolean());
        Assert.Equal(Scenario.Paper.Year.ToString(CultureInfo.InvariantCulture), (await browser.EvaluateAsync("document.querySelector('#heatmap').dataset.year")).GetString());

        // A shared scenario is not the paper's: its link never shows the baseline as if it were.
        await browser.NavigateAsync(site.Address + "?invert=unemployment_rate");
        await browser.WaitForAsync($"document.readyState === 'complete' && {Shown}('.kz-loading')", TimeSpan.FromSeconds(60));
        Assert.False((await browser.EvaluateAsync($"{Shown}('#heatmap')")).GetBoolean());
        await browser.SendAsync("Network.setBlockedURLs", new { urls = Array.Empty<string>() });
    }

    [ChromiumFact]
    public async Task The_first_page_fetches_neither_plotly_nor_the_lazy_assemblies_and_the_pages_that_need_them_do()
    {
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        const string Fetched = "JSON.stringify(performance.getEntriesByType('resource').map(e => e.name.split('/').pop()))";
        await browser.NavigateAsync(site.Address);
        await browser.WaitForAsync(Ready, TimeSpan.FromSeconds(120));
        var first = JsonSerializer.Deserialize<string[]>((await browser.EvaluateAsync(Fetched)).GetString()!)!;
        Assert.Contains(first, f => f.StartsWith("KzMigration.", StringComparison.Ordinal));
        Assert.DoesNotContain(first, f => f.StartsWith("plotly", StringComparison.Ordinal) || f.StartsWith("MathNet.", StringComparison.Ordinal) || f.StartsWith("Microsoft.Data.Analysis.", StringComparison.Ordinal));

        await browser.EvaluateAsync("document.querySelector('#tab-claims').click()");
        await browser.WaitForAsync("document.querySelectorAll('#claims-table tr[data-claim]').length > 0", TimeSpan.FromSeconds(120));
        var claims = JsonSerializer.Deserialize<string[]>((await browser.EvaluateAsync(Fetched)).GetString()!)!;
        Assert.Contains(claims, f => f.StartsWith("MathNet.", StringComparison.Ordinal));

        await browser.EvaluateAsync("document.querySelector('#tab-flows').click()");
        await browser.WaitForAsync("document.querySelectorAll('#k-chart .main-svg').length > 0", TimeSpan.FromSeconds(120));
        var plotly = Assert.Single(JsonSerializer.Deserialize<string[]>((await browser.EvaluateAsync(Fetched)).GetString()!)!, f => f.StartsWith("plotly", StringComparison.Ordinal));
        Assert.Equal(KzMigration.Charts.PlotlyJs.FileNameOf(KzMigration.Charts.PlotlyBundle.Workbench), plotly);
        Assert.True(browser.Errors.IsEmpty, string.Join("\n", browser.Errors));
    }

    [ChromiumFact]
    public async Task Flows_and_claims_pages_draw_without_errors_and_the_screenshot_is_not_blank()
    {
        await using var browser = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!);
        await browser.NavigateAsync(site.Address + "?view=flows&year=2021");
        await browser.WaitForAsync(Ready + " && document.querySelectorAll('#k-chart .main-svg').length > 0 && document.querySelectorAll('#balance-map .main-svg').length > 0", TimeSpan.FromSeconds(120));
        Assert.True((await browser.EvaluateAsync("document.querySelectorAll('#sources tr').length")).GetInt32() > 1, "no source listed for the year");
        await browser.EvaluateAsync("(() => { const s = document.querySelector('#era'); s.value = '2015'; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
        await browser.WaitForAsync("location.search.includes('era=2015') && document.querySelectorAll('#flows-table tr[data-region]').length === 16", TimeSpan.FromSeconds(30));

        await browser.NavigateAsync(site.Address + "?view=claims&flow=internal&language=ru");
        await browser.WaitForAsync(Ready + " && document.querySelectorAll('#claims-table tr[data-claim]').length > 0", TimeSpan.FromSeconds(120));
        var changed = (await browser.EvaluateAsync("document.querySelectorAll('#claims-table tr.changed-claim').length")).GetInt32();
        var native = new ExplorerEngine(Data.Value, "").Claims(ScenarioText.Parse("view=claims&flow=internal"));
        Assert.Equal(native.Rows.Count(r => r.Changed), changed);

        await browser.NavigateAsync(site.Address + "?edits=" + Uri.EscapeDataString("turkestan:avg_monthly_wage*1.2") + "&invert=unemployment_rate");
        await browser.WaitForAsync(Ready + " && document.querySelectorAll('#heatmap tr[data-region]').length > 0", TimeSpan.FromSeconds(120));
        var png = await browser.ScreenshotAsync();
        var path = Path.Combine(TestPaths.TempFolder("explorer-shot"), "explorer.png");
        await File.WriteAllBytesAsync(path, png);
        if (Environment.GetEnvironmentVariable("KZMIG_EXPLORER_SCREENSHOT") is { Length: > 0 } keep) File.Copy(path, keep, overwrite: true);
        var image = PngImage.Read(path);
        Assert.True(image.DistinctColours() > 20, $"only {image.DistinctColours()} colours: blank page?");
        Assert.True(image.InkShare() > 0.02, $"only {image.InkShare():P1} of the page differs from the background");
        Assert.True(browser.Errors.IsEmpty, string.Join("\n", browser.Errors));
    }
}

/// <summary>The explorer, built once for the browser tests (as <c>kzmig explore</c> does) and served on loopback.</summary>
public sealed class ExplorerSite : IAsyncLifetime
{
    private ExploreServer? _server;

    public string Address => _server?.Address ?? throw new InvalidOperationException("not started");

    /// <summary>The published folder served.</summary>
    public string Folder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Chromium.Find(out _) is null) return;
        Folder = await ExploreBuild.EnsureBuiltAsync(TestPaths.RepositoryRoot, TextWriter.Null);
        _server = ExploreServer.Start(Folder);
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(nameof(ExplorerSite))]
public sealed class ExplorerSiteCollection : ICollectionFixture<ExplorerSite>;
