using System.Text.Json;
using KzMigration.Publishing;

namespace KzMigration.Notebooks;

/// <summary>A run's request to the kept worker it runs in: draw figures <paramref name="Ids"/> of <paramref name="Folder"/> (batch <paramref name="Batch"/>).</summary>
internal sealed record FigureRequest(int Batch, string Folder, IReadOnlyList<string> Ids, ImageFormats Formats);

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
    private readonly Task<FigureExporter?> starting;
    private readonly FigureImageReuse records;
    private readonly SemaphoreSlim oneBatch = new(1, 1);
    private volatile bool broken;

    private KeptFigureDrawer(Chromium chromium)
    {
        records = FigureImageReuse.From(null, chromium);
        starting = Task.Run(async () =>
        {
            try { return await FigureExporter.StartAsync(chromium, FigureExporter.DefaultPages, ImageFormats.Png, CancellationToken.None, records).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or TimeoutException or OperationCanceledException)
            {
                broken = true;
                return null;
            }
        });
    }

    /// <summary>Starts the machine's Chromium in the background; null (and why) when it has none.</summary>
    public static KeptFigureDrawer? Start(out string? whyNot)
    {
        var chromium = Chromium.Find(out var why);
        whyNot = chromium is null ? why : null;
        return chromium is null ? null : new KeptFigureDrawer(chromium);
    }

    /// <summary>Whether it can draw (its browser started, or is starting, and has not failed).</summary>
    public bool Ready => !broken;

    /// <summary>The browser's process id once started: a child of the worker that is no notebook's.</summary>
    public int? ProcessId => starting.IsCompletedSuccessfully && starting.Result is { } exporter ? exporter.ProcessId : null;

    /// <summary>Draws a run's figures; a failure is answered (the run then draws them itself) and leaves this drawer broken.</summary>
    public async Task<FigureReply> DrawAsync(FigureRequest request)
    {
        await oneBatch.WaitAsync().ConfigureAwait(false);
        try
        {
            if (await starting.ConfigureAwait(false) is not { } exporter || broken) return new FigureReply(request.Batch, null, "the kept worker's Chromium did not start");
            var images = await exporter.ExportAsync(request.Folder, request.Ids, request.Formats, records).ConfigureAwait(false);
            return new FigureReply(request.Batch, images);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            broken = true;
            return new FigureReply(request.Batch, null, e.Message);
        }
        finally { oneBatch.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (await starting.ConfigureAwait(false) is { } exporter) await exporter.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or OperationCanceledException) { }
    }
}

/// <summary>A run's <see cref="IFigureDrawer"/> in the kept worker it runs in (<see cref="NotebookSupervisor.KeptFigureDrawer"/>), over that worker's line.</summary>
internal sealed class WorkerFigureDrawer(WorkerLink link) : IFigureDrawer
{
    private int batches;

    public async Task<IReadOnlyList<FigureImage>?> DrawAsync(string figuresFolder, IReadOnlyList<string> ids, ImageFormats formats, CancellationToken cancellationToken)
    {
        var request = new FigureRequest(Interlocked.Increment(ref batches), Path.GetFullPath(figuresFolder), ids, formats);
        var reply = await link.DrawAsync(request, cancellationToken).ConfigureAwait(false);
        // All or nothing: a reply that lacks a figure asked for is not used (the run draws them itself).
        return reply is { Images: { } images, Error: null } && ids.All(id => images.Any(i => i.Id == id)) ? images : null;
    }
}
