using KzMigration.Publishing;
using KzMigration.Tests.Explorer;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Publishing;

/// <summary>
/// The shared run's report opened once in headless Chromium, offline (no host resolves), 1280 px wide, for every test that
/// reads it as a reader would: its DOM, a screenshot, its width, its print. The window is 2400 px tall, so a screenshot of
/// it shows the findings and the first charts without resizing the page (plotly.js would lay every chart out again). A load costs Chromium 7.5–9.7 CPU-seconds
/// (plotly.js lays out every chart, bench/README.md «seventh session»), and those tests loaded it five times (issue 24).
/// The tests of <see cref="ReproducedOutputsCollection"/> run one after the other, so they take turns on the one page; a
/// test that changes the page undoes the change before it returns.
/// </summary>
public sealed class ReportInBrowser : IAsyncLifetime
{
    public const int Width = 1280, Height = 2400;

    // Every chart of the report drawn by plotly.js (its div marked and holding an SVG layer), or a script error in the
    // report's error box.
    private const string Drawn =
        "document.readyState === 'complete' && (document.getElementById('kz-js-errors').childElementCount > 0 || " +
        "[...document.querySelectorAll('div.kz-chart')].every(d => d.classList.contains('js-plotly-plot') && d.querySelector('.main-svg')))";

    private readonly SemaphoreSlim gate = new(1, 1);
    private ExplorerBrowser? browser;

    /// <summary>The page with the report loaded and its charts drawn (opened at the first call).</summary>
    internal async Task<ExplorerBrowser> PageAsync(ReproducedOutput reproduced)
    {
        await gate.WaitAsync();
        try
        {
            if (browser is not null) return browser;
            var opened = await ExplorerBrowser.StartAsync(Chromium.Find(out _)!, Width, Height, loopback: false);
            try
            {
                await opened.NavigateAsync(new Uri(reproduced.PathOf("report", "index.html")).AbsoluteUri);
                // A chart that never draws is for the test to report (it counts them); the wait only bounds the time.
                try { await opened.WaitForAsync(Drawn, TimeSpan.FromSeconds(120)); }
                catch (TimeoutException) { }
            }
            catch
            {
                await opened.DisposeAsync();
                throw;
            }
            return browser = opened;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        gate.Dispose();
    }
}
