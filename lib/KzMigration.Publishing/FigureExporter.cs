using System.Globalization;
using System.Text;
using System.Text.Json;
using KzMigration.Charts;

namespace KzMigration.Publishing;

/// <summary>
/// A running figure export: one headless Chromium (<see cref="ChromiumSession"/>) with a few pages that have
/// each loaded plotly.js once and render figures on request (<c>Plotly.newPlot</c>, then <c>Plotly.toImage</c>
/// in the formats asked for: PNG, SVG or both). Pages are separate renderer processes, so figures render in parallel on a multi-core
/// machine; each figure's bytes depend only on the figure (plotly.js's random ids are seeded per figure), not on
/// which page drew it or what it drew before.
/// </summary>
public sealed class FigureExporter : IAsyncDisposable
{
    /// <summary>Pages used by default: one per core, at most two (a third page costs memory, not time, on a laptop).</summary>
    public static int DefaultPages => Math.Clamp(Environment.ProcessorCount, 1, 2);

    private static readonly TimeSpan FigureTimeout = TimeSpan.FromSeconds(120);

    private readonly ChromiumSession session;
    private readonly IReadOnlyList<ChromiumPage> pages;
    private readonly ImageFormats formats;
    private readonly FigureImageReuse? records;

    private FigureExporter(ChromiumSession session, IReadOnlyList<ChromiumPage> pages, ImageFormats formats, FigureImageReuse? records)
    {
        this.session = session;
        this.pages = pages;
        this.formats = formats;
        this.records = records;
    }

    /// <summary>
    /// Starts Chromium and loads plotly.js into <paramref name="pageCount"/> pages, to render <paramref name="formats"/>;
    /// with <paramref name="records"/>, each image carries its <see cref="ImageRecord"/> (for a later run's reuse);
    /// <paramref name="browserStarted"/> is told the browser's process id as soon as it exists.
    /// </summary>
    public static async Task<FigureExporter> StartAsync(Chromium chromium, int pageCount, ImageFormats formats = ImageFormats.Png | ImageFormats.Svg, CancellationToken cancellationToken = default,
        FigureImageReuse? records = null, Action<int>? browserStarted = null)
    {
        var session = await ChromiumSession.StartAsync(chromium, loopback: false, browserStarted, cancellationToken).ConfigureAwait(false);
        try
        {
            var pages = await Task.WhenAll(Enumerable.Range(0, Math.Max(1, pageCount)).Select(async _ =>
            {
                var page = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
                await page.EvaluateAsync(PageScript.Value, cancellationToken).ConfigureAwait(false);
                return page;
            })).ConfigureAwait(false);
            return new FigureExporter(session, pages, formats, records);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Renders the figures <paramref name="ids"/> of <paramref name="figuresFolder"/> and writes
    /// <c>&lt;id&gt;.png</c> and/or <c>&lt;id&gt;.svg</c> beside their JSON. Returns the images by id.
    /// </summary>
    public Task<IReadOnlyList<FigureImage>> ExportAsync(string figuresFolder, IEnumerable<string> ids, CancellationToken cancellationToken = default) =>
        ExportAsync(figuresFolder, ids, formats, records, cancellationToken);

    /// <summary>
    /// The same, in <paramref name="imageFormats"/> and recorded by <paramref name="imageRecords"/> rather than this
    /// exporter's own: the pages serve any run (a kept worker's Chromium, <c>KeptFigureDrawer</c>). Calls must not overlap.
    /// </summary>
    public async Task<IReadOnlyList<FigureImage>> ExportAsync(string figuresFolder, IEnumerable<string> ids, ImageFormats imageFormats, FigureImageReuse? imageRecords,
        CancellationToken cancellationToken = default)
    {
        var work = new Queue<string>(ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var images = new List<FigureImage>();
        var gate = new Lock();
        async Task Drain(ChromiumPage page)
        {
            while (true)
            {
                string id;
                lock (gate) { if (!work.TryDequeue(out id!)) return; }
                var image = await ExportOneAsync(page, figuresFolder, id, imageFormats, imageRecords, cancellationToken).ConfigureAwait(false);
                lock (gate) images.Add(image);
            }
        }
        await Task.WhenAll(pages.Select(Drain)).ConfigureAwait(false);
        return [.. images.OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    private static async Task<FigureImage> ExportOneAsync(ChromiumPage page, string folder, string id, ImageFormats formats, FigureImageReuse? records, CancellationToken cancellationToken)
    {
        var source = await File.ReadAllBytesAsync(Path.Combine(folder, id + ".json"), cancellationToken).ConfigureAwait(false);
        var json = Encoding.UTF8.GetString(source);
        double width;
        using (var figure = JsonDocument.Parse(json))
            width = figure.RootElement.TryGetProperty("layout", out var layout) && layout.TryGetProperty("width", out var w) && w.ValueKind == JsonValueKind.Number
                ? w.GetDouble() : FigureImages.DefaultPlotlyWidth;
        var scale = FigureImages.PngScale(width).ToString(CultureInfo.InvariantCulture);
        JsonElement result;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(FigureTimeout);
        var wanted = $"{(formats.HasFlag(ImageFormats.Png) ? "true" : "false")},{(formats.HasFlag(ImageFormats.Svg) ? "true" : "false")}";
        try { result = await page.EvaluateAsync($"kzExport({scale},{json},{wanted})", patience.Token).ConfigureAwait(false); }
        catch (IOException e) { throw new IOException($"figure {id}: {e.Message}", e); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"figure {id}: Chromium did not render it within {FigureTimeout.TotalSeconds:0} s");
        }

        string? pngPath = null, svgPath = null;
        var written = new Dictionary<string, ImageRecord>(StringComparer.Ordinal);
        if (formats.HasFlag(ImageFormats.Png))
        {
            pngPath = Path.Combine(folder, id + ".png");
            var png = result.GetProperty("png").GetString()!;
            var bytes = PngImage.Recompress(Convert.FromBase64String(png[(png.IndexOf(',') + 1)..]));
            await File.WriteAllBytesAsync(pngPath, bytes, cancellationToken).ConfigureAwait(false);
            if (records is not null) written[$"figures/{id}.png"] = records.Record(source, ImageFormats.Png, bytes);
        }
        if (formats.HasFlag(ImageFormats.Svg))
        {
            svgPath = Path.Combine(folder, id + ".svg");
            var svg = result.GetProperty("svg").GetString()!;
            var bytes = Encoding.UTF8.GetBytes(FigureImages.CanonicalRoot(Uri.UnescapeDataString(svg[(svg.IndexOf(',') + 1)..])));
            await File.WriteAllBytesAsync(svgPath, bytes, cancellationToken).ConfigureAwait(false);
            if (records is not null) written[$"figures/{id}.svg"] = records.Record(source, ImageFormats.Svg, bytes);
        }
        return new FigureImage(id, pngPath, svgPath, result.GetProperty("pngWidth").GetInt32()) { Records = written };
    }

    // plotly.js (its UMD header sees no define/module and sets window.Plotly), then the export function.
    // plotly.js names SVG clip paths and defs with Math.random ids; a seeded generator per figure keeps the
    // SVG bytes the same run to run and page to page.
    private static readonly Lazy<string> PageScript = new(() => new StringBuilder()
        .Append(PlotlyJs.Source).Append('\n')
        .Append("""
            ;(function(){
              var seeded=function(a){return function(){a|=0;a=a+0x6D2B79F5|0;var t=Math.imul(a^a>>>15,1|a);t=t+Math.imul(t^t>>>7,61|t)^t;return ((t^t>>>14)>>>0)/4294967296;};};
              window.kzExport=async function(scale, fig, wantPng, wantSvg){
                Math.random=seeded(20240601);
                var div=document.createElement('div'); document.body.appendChild(div);
                try {
                  var gd=await Plotly.newPlot(div, fig.data, fig.layout, {staticPlot:true});
                  var svg=wantSvg ? await Plotly.toImage(gd,{format:'svg'}) : null;
                  var png=wantPng ? await Plotly.toImage(gd,{format:'png',scale:scale}) : null;
                  return {svg:svg, png:png, pngWidth:Math.round(gd._fullLayout.width*scale)};
                } finally { Plotly.purge(div); div.remove(); }
              };
              return typeof Plotly;
            })()
            """).ToString());

    /// <summary>The SHA-256 of the export page (plotly.js and the export function): an input of every image (<see cref="FigureImageReuse"/>).</summary>
    internal static string PageHash => PageHashOnce.Value;

    private static readonly Lazy<string> PageHashOnce = new(() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(PageScript.Value))));

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
