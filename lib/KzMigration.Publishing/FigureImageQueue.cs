using System.Diagnostics;

namespace KzMigration.Publishing;

/// <summary>
/// Draws figures in another process that has a Chromium ready: a notebook worker an earlier run kept warm
/// (<c>WarmWorker</c>). Its images are the bytes this process would draw: the same build, browser and export page.
/// </summary>
public interface IFigureDrawer
{
    /// <summary>
    /// Draws the figures <paramref name="ids"/> of <paramref name="figuresFolder"/> in <paramref name="formats"/> beside their
    /// JSON, and returns the images with their records; null when it cannot (its process or browser is gone, or failed, or
    /// its browser is not <paramref name="renderer"/>, the one this process would draw with: <see cref="FigureImageReuse.Renderer"/>):
    /// the caller then draws them itself.
    /// </summary>
    Task<IReadOnlyList<FigureImage>?> DrawAsync(string figuresFolder, IReadOnlyList<string> ids, ImageFormats formats, string renderer, CancellationToken cancellationToken);
}

/// <summary>
/// Image export that runs while notebooks still execute: <see cref="ExportNew"/> (after each notebook, or each cell) queues
/// the figures published since its last call (<c>out/figures/*.json</c> new or changed) for PNG/SVG export, one batch at a
/// time in the background; <see cref="CompleteAsync"/> exports what is left and waits. A figure whose images the output
/// folder already holds, drawn from the same inputs, is copied from there instead (<see cref="FigureImageReuse"/>), so an
/// unchanged figure costs no drawing. One Chromium (<see cref="FigureExporter"/>) serves every batch of the run: it starts
/// with the first figure that must be drawn and loads plotly.js once per page, so a batch costs only its figures.
/// Exporting while the next notebook runs uses the second core.
/// </summary>
public sealed class FigureImageQueue : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Chromium? _chromium;
    private readonly string _whyNot;
    private readonly ImageFormats _formats;
    private readonly FigureImageReuse? _reuse;
    private readonly Dictionary<string, DateTime> _queued = new(StringComparer.Ordinal);
    private readonly List<FigureImage> _images = [];
    private readonly Stopwatch _busy = new();
    private readonly object _gate = new();
    private Task _chain = Task.CompletedTask;
    private Task<FigureExporter>? _exporter;
    private IFigureDrawer? _drawer;
    private int _reused;
    private readonly HashSet<string> _drawnElsewhere = new(StringComparer.Ordinal); // figures whose last images a drawer drew

    /// <summary>
    /// A queue for <c><paramref name="outDir"/>/figures</c> writing <paramref name="formats"/>, with the machine's Chromium
    /// (none, or no format asked for: images are skipped, and the reason kept). <paramref name="reuseFrom"/>: the output
    /// folder whose manifest records earlier images to reuse (null: every figure is drawn).
    /// </summary>
    public FigureImageQueue(string outDir, ImageFormats formats = ImageFormats.Png, string? reuseFrom = null)
    {
        _folder = Path.Combine(outDir, "figures");
        _formats = formats;
        _whyNot = "";
        _chromium = formats == ImageFormats.None ? null : Chromium.Find(out _whyNot);
        if (formats == ImageFormats.None) _whyNot = "--images none";
        if (_chromium is not null) _reuse = FigureImageReuse.From(reuseFrom, _chromium);
    }

    /// <summary>
    /// Starts Chromium and its pages now, in the background, rather than with the first figure to draw: for a run whose
    /// figures will likely be drawn (a what-if run of one notebook), so that Chromium's start (about 2 s on 2 cores,
    /// bench/README.md) overlaps the notebook instead of following it. Nothing is drawn before a figure is queued.
    /// </summary>
    public void StartEarly()
    {
        if (_chromium is null) return;
        var chromium = _chromium;
        lock (_gate) _exporter ??= Task.Run(() => FigureExporter.StartAsync(chromium, FigureExporter.DefaultPages, _formats, CancellationToken.None, _reuse));
    }

    /// <summary>
    /// Draws with <paramref name="drawer"/> (a kept worker's Chromium) instead of starting a Chromium here; when it cannot,
    /// this queue starts its own and draws there, as without one.
    /// </summary>
    public void DrawWith(IFigureDrawer drawer)
    {
        lock (_gate) _drawer = drawer;
    }

    /// <summary>How many figures' images were copied from the output folder rather than drawn.</summary>
    public int Reused => Volatile.Read(ref _reused);

    /// <summary>How many figures' images were drawn by the drawer given to <see cref="DrawWith"/>.</summary>
    public int DrawnElsewhere
    {
        get { lock (_gate) return _drawnElsewhere.Count; }
    }

    /// <summary>
    /// Whether the run has published figures so far, drawn or not (a worker kept warm after it keeps a Chromium for the next
    /// run's), and this queue can draw them (a browser was found, an image format asked for).
    /// </summary>
    public bool HasFigures => _chromium is not null && Directory.Exists(_folder) && Directory.EnumerateFiles(_folder, "*.json").Any();

    /// <summary>Queues the figures published since the last call; returns at once.</summary>
    public void ExportNew(CancellationToken cancellationToken = default)
    {
        if (_chromium is null || !Directory.Exists(_folder)) return;
        var fresh = new List<string>();
        lock (_queued)
            foreach (var path in Directory.EnumerateFiles(_folder, "*.json"))
            {
                var id = Path.GetFileNameWithoutExtension(path);
                var written = File.GetLastWriteTimeUtc(path);
                if (_queued.TryGetValue(id, out var seen) && seen == written) continue;
                _queued[id] = written;
                fresh.Add(id);
            }
        if (fresh.Count == 0) return;
        var chromium = _chromium;
        var formats = _formats;
        var reuse = _reuse;
        lock (_gate)
            _chain = _chain.ContinueWith(async previous =>
            {
                await previous.ConfigureAwait(false); // a failed batch fails the whole export, reported by CompleteAsync
                lock (_gate) _busy.Start();
                try
                {
                    var draw = new List<string>();
                    foreach (var id in fresh)
                    {
                        if (reuse is not null && await reuse.TryReuseAsync(_folder, id, formats, cancellationToken).ConfigureAwait(false) is { } copied)
                        {
                            lock (_gate)
                            {
                                _images.Add(copied);
                                _drawnElsewhere.Remove(id);
                            }
                            Interlocked.Increment(ref _reused);
                        }
                        else draw.Add(id);
                    }
                    if (draw.Count == 0) return;
                    IFigureDrawer? drawer;
                    lock (_gate) drawer = _drawer;
                    if (drawer is not null && reuse is not null)
                    {
                        if (await drawer.DrawAsync(_folder, draw, formats, reuse.Renderer, cancellationToken).ConfigureAwait(false) is { } drawn)
                        {
                            lock (_gate)
                            {
                                _images.AddRange(drawn);
                                _drawnElsewhere.UnionWith(draw);
                            }
                            return;
                        }
                        lock (_gate) _drawer = null; // it could not: this queue draws the rest itself
                    }
                    Task<FigureExporter> exporter;
                    lock (_gate) exporter = _exporter ??= Task.Run(() => FigureExporter.StartAsync(chromium, FigureExporter.DefaultPages, formats, CancellationToken.None, reuse));
                    var images = await (await exporter.ConfigureAwait(false)).ExportAsync(_folder, draw, cancellationToken).ConfigureAwait(false);
                    lock (_gate)
                    {
                        _images.AddRange(images);
                        _drawnElsewhere.ExceptWith(draw);
                    }
                }
                finally { lock (_gate) _busy.Stop(); }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// Exports the figures not yet queued, waits for every batch, and returns the images (by id), the time spent exporting
    /// and why images were skipped, if they were (no Chromium, or rendering failed: then no image of this run is returned).
    /// </summary>
    public async Task<(IReadOnlyList<FigureImage> Images, TimeSpan Time, string? SkippedBecause)> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_chromium is null) return ([], TimeSpan.Zero, _whyNot);
        ExportNew(cancellationToken);
        Task chain;
        lock (_gate) chain = _chain;
        try { await chain.ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            return ([], _busy.Elapsed, "rendering failed: " + e.Message);
        }
        finally { await DisposeAsync().ConfigureAwait(false); }
        if (_queued.Count == 0) return ([], TimeSpan.Zero, "no figures were published");
        lock (_gate)
            return (_images.GroupBy(i => i.Id).Select(g => g.Last()).OrderBy(i => i.Id, StringComparer.Ordinal).ToList(), _busy.Elapsed, null);
    }

    /// <summary>Ends the queue's Chromium (after <see cref="CompleteAsync"/>, or when the run is given up).</summary>
    public async ValueTask DisposeAsync()
    {
        Task<FigureExporter>? starting;
        lock (_gate) { starting = _exporter; _exporter = null; }
        if (starting is null) return;
        try { await (await starting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or TimeoutException or OperationCanceledException) { }
    }
}
