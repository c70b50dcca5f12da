using KzMigration.Publishing;

namespace KzMigration.Notebooks;

/// <summary>
/// A run's request to the kept worker it runs in: draw figures <paramref name="Ids"/> of <paramref name="Folder"/> in
/// <paramref name="Formats"/> with the browser <paramref name="Renderer"/> names (<see cref="FigureImageReuse.Renderer"/>:
/// the one the run would draw with); batch <paramref name="Batch"/> (numbered by the line, <see cref="WorkerLink.DrawAsync"/>).
/// </summary>
internal sealed record FigureRequest(int Batch, string Folder, IReadOnlyList<string> Ids, ImageFormats Formats, string Renderer);

/// <summary>The worker's answer to a <see cref="FigureRequest"/>: the images, or why it could not draw them.</summary>
internal sealed record FigureReply(int Batch, IReadOnlyList<FigureImage>? Images, string? Error = null);

/// <summary>The line a <see cref="FigureRequest"/> travels in (<c>{"figures":…}</c>, told apart from a notebook's request by its start).</summary>
internal sealed record FigureRequestLine(FigureRequest Figures)
{
    /// <summary>How a figure request, and the worker's reply to one (<see cref="WorkerReply.Figures"/>), begin.</summary>
    public const string Prefix = "{\"figures\":";
}

/// <summary>
/// A kept worker's Chromium (<see cref="WarmWorker"/>), started when a run that published figures leaves the worker warm, so
/// that the next what-if run draws its figures at once: a browser's start and plotly.js loaded into its pages take 1.3–2.2 s
/// of a 5 s `run` on 2 cores (bench/README.md, issue 24). It is the <see cref="FigureExporter"/> a run would start, in the
/// same build, with the same browser and export page, so its images are the same bytes, with the same records. Its pipe
/// ties the browser to the worker: it ends with the worker, however the worker ends. One batch at a time.
/// </summary>
internal sealed class KeptFigureDrawer : IAsyncDisposable
{
    // A browser that has not started and loaded plotly.js by then is given up (the run draws with its own).
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly Task<FigureExporter?> starting;
    private readonly FigureImageReuse records;
    private readonly string renderer;
    private readonly SemaphoreSlim oneBatch = new(1, 1);
    private volatile bool broken;
    private volatile int processId; // the browser's, once it exists

    private KeptFigureDrawer(Chromium chromium, Action<int> browserStarted)
    {
        records = FigureImageReuse.From(null, chromium);
        // Taken now, as the browser starts: a browser upgraded on disk while this one runs is another browser.
        renderer = records.Renderer;
        starting = Task.Run(async () =>
        {
            using var patience = new CancellationTokenSource(StartPatience);
            try
            {
                return await FigureExporter.StartAsync(chromium, FigureExporter.DefaultPages, ImageFormats.Png, patience.Token, records,
                    pid => { processId = pid; browserStarted(pid); }).ConfigureAwait(false);
            }
            catch (Exception) // whatever failed, there is no kept browser: the runs draw with their own
            {
                broken = true;
                return null;
            }
        });
    }

    /// <summary>
    /// Starts the machine's Chromium in the background, telling <paramref name="browserStarted"/> its process id as soon as
    /// it exists; null (and why) when it has none or it cannot be started.
    /// </summary>
    public static KeptFigureDrawer? Start(Action<int> browserStarted, out string? whyNot)
    {
        var chromium = Chromium.Find(out var why);
        whyNot = chromium is null ? why : null;
        if (chromium is null) return null;
        try { return new KeptFigureDrawer(chromium, browserStarted); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            whyNot = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Whether it can draw: its browser is starting, or started and still running, nothing it drew failed, and no run found
    /// it to be another browser than its own.
    /// </summary>
    public bool Ready => !broken && (!starting.IsCompleted || (starting.Result is not null && Processes.IsRunning(processId)));

    /// <summary>
    /// Draws a run's figures. Every request is answered: a browser that is not the run's (another executable, or changed on
    /// disk) is refused, and a failure is answered with its message (the run then draws them itself) and leaves this
    /// drawer broken, to be replaced when the worker is kept again.
    /// </summary>
    public async Task<FigureReply> DrawAsync(FigureRequest request)
    {
        if (!string.Equals(request.Renderer, renderer, StringComparison.Ordinal))
        {
            broken = true; // stale (upgraded on disk, say): replaced when the worker is kept again
            return new FigureReply(request.Batch, null, "the kept worker's Chromium is not the browser this run draws with");
        }
        await oneBatch.WaitAsync().ConfigureAwait(false);
        try
        {
            if (await starting.ConfigureAwait(false) is not { } exporter || broken) return new FigureReply(request.Batch, null, "the kept worker's Chromium did not start");
            var images = await exporter.ExportAsync(request.Folder, request.Ids, request.Formats, records).ConfigureAwait(false);
            return new FigureReply(request.Batch, images);
        }
        catch (Exception e) // any failure is the run's to handle (it draws the figures itself); the worker serves on
        {
            broken = true;
            return new FigureReply(request.Batch, null, $"{e.GetType().Name}: {e.Message}");
        }
        finally { oneBatch.Release(); }
    }

    /// <summary>Ends the browser (waiting at most for its start to end, which is bounded).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (await starting.WaitAsync(StartPatience + TimeSpan.FromSeconds(5)).ConfigureAwait(false) is { } exporter) await exporter.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception) { } // a browser that would not start or close: it ends with the worker (its pipe)
    }
}

/// <summary>A run's <see cref="IFigureDrawer"/> in the kept worker it runs in (<see cref="NotebookSupervisor.KeptFigureDrawer"/>), over that worker's line.</summary>
internal sealed class WorkerFigureDrawer(WorkerLink link) : IFigureDrawer
{
    public async Task<IReadOnlyList<FigureImage>?> DrawAsync(string figuresFolder, IReadOnlyList<string> ids, ImageFormats formats, string renderer, CancellationToken cancellationToken)
    {
        var request = new FigureRequest(0, Path.GetFullPath(figuresFolder), ids, formats, renderer);
        // As patient as the run's own browser would be (FigureExporter: 120 s a figure); a worker that says nothing by then is not waited for.
        var patience = TimeSpan.FromSeconds(60 + 120 * ids.Count);
        var reply = await link.DrawAsync(request, patience, cancellationToken).ConfigureAwait(false);
        // All or nothing: a reply that lacks a figure asked for is not used (the run draws them itself).
        return reply is { Images: { } images, Error: null } && ids.All(id => images.Any(i => i.Id == id)) ? images : null;
    }
}
