using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KzMigration.Publishing;

namespace KzMigration.Tests.Kernel;

/// <summary>
/// A notebook executed through the kernel, opened in the classic Jupyter Notebook (Debian's
/// server, on loopback with a token) in headless Chromium: its Plotly charts are drawn from the
/// plotly.js the kernel embedded (the page loads RequireJS, which plotly.js must not trip over),
/// with no script error, and the screenshot is not blank.
/// </summary>
public class NotebookServerBrowserTests
{
    [JupyterBrowserFact]
    public async Task Classic_notebook_shows_an_executed_notebook_with_its_charts_drawn()
    {
        var chromium = Chromium.Find(out _)!;
        var jupyter = await Jupyter.InstanceAsync();
        var root = TestPaths.TempFolder("notebook-server");
        const string name = "04-figure-3-socioeconomic-scoring.ipynb";
        // The execution the kernel tests compare with kzmig (nbconvert through the kernel, once per test run), copied here:
        // the server may write beside the notebooks it serves.
        var executed = Path.Combine(root, name);
        File.Copy(await NbconvertRuns.OfRepositoryNotebookAsync(name), executed);
        var charts = Regex.Matches(File.ReadAllText(executed), "class=\\\\\"kz-chart\\\\\"").Count;
        Assert.True(charts >= 2, $"{charts} charts in the executed notebook");
        // The outputs the user produced are trusted (Jupyter signs them); so is this test's copy.
        var (exit, output) = await jupyter.RunAsync(
            ["-c", "import sys, nbformat; from nbformat.sign import NotebookNotary; NotebookNotary().sign(nbformat.read(sys.argv[1], 4))", executed], root);
        Assert.True(exit == 0, output);

        var port = FreePort();
        var token = Guid.NewGuid().ToString("N");
        using var server = jupyter.Start(
            ["-m", "notebook", "--allow-root", "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0", $"--NotebookApp.token={token}",
             $"--notebook-dir={root}", "--NotebookApp.open_browser=False"], root);
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient();
        try
        {
            var api = $"http://127.0.0.1:{port}/api/status?token={token}";
            var ready = false;
            for (var i = 0; i < 120 && !ready && !server.HasExited; i++)
            {
                try { ready = (await http.GetAsync(api)).IsSuccessStatusCode; }
                catch (HttpRequestException) { await Task.Delay(500); }
            }
            Assert.True(ready, "the Notebook server did not start");

            // One page for the DOM and the screenshot: each opening of a notebook starts a kernel (issue 24).
            await using var browser = await Explorer.ExplorerBrowser.StartAsync(chromium, 1280, 2000);
            await browser.NavigateAsync($"http://127.0.0.1:{port}/notebooks/{name}?token={token}");
            // A chart that never draws is counted below; the wait only bounds the time.
            try { await browser.WaitForAsync($"document.querySelectorAll('.kz-chart.js-plotly-plot .main-svg').length >= {charts}", TimeSpan.FromSeconds(90)); }
            catch (TimeoutException) { }
            var dom = (await browser.EvaluateAsync("document.documentElement.outerHTML")).GetString() ?? "";
            Assert.Contains("notebook_panel", dom);
            var drawn = Regex.Matches(dom, "class=\"kz-chart[^\"]*js-plotly-plot").Count;
            Assert.True(drawn == charts, $"{drawn} of {charts} charts drawn");
            Assert.True(Regex.Matches(dom, "class=\"main-svg\"").Count >= charts);
            Assert.DoesNotContain("Javascript error", dom, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("output_javascript_error", dom);
            Assert.DoesNotContain("not trusted", dom, StringComparison.OrdinalIgnoreCase);

            var png = Path.Combine(root, "notebook.png");
            File.WriteAllBytes(png, await browser.ScreenshotAsync(beyondViewport: false));
            var image = PngImage.Read(png);
            Assert.True(image.DistinctColours() > 20, $"only {image.DistinctColours()} colours: blank page?");
            Assert.True(image.InkShare() > 0.02, $"only {image.InkShare():P1} of the page differs from the background");
        }
        finally
        {
            // The server's own shutdown also stops the kernels it started.
            try { await http.PostAsync($"http://127.0.0.1:{port}/api/shutdown?token={token}", null); } catch (HttpRequestException) { }
            if (!server.WaitForExit(20_000)) server.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
