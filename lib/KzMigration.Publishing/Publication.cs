using System.Diagnostics;
using KzMigration.Runs;

namespace KzMigration.Publishing;

/// <summary>What the publication step produced (for the run summary and the measured notes).</summary>
public sealed record PublicationResult(
    string ReportPath,
    long ReportBytes,
    IReadOnlyList<FigureImage> Images,
    TimeSpan ImageExportTime,
    string? ImagesSkippedBecause)
{
    /// <summary>How many of <see cref="Images"/> were copied from the output folder (their figures unchanged since they were drawn).</summary>
    public int ImagesReused { get; init; }
}

/// <summary>
/// The last step of <c>kzmig reproduce</c>: static images of every published figure (when Chromium
/// is there) and the report <c>out/report/index.html</c> from the executed notebooks.
/// </summary>
public static class Publication
{
    /// <param name="outDir">The run's output folder.</param>
    /// <param name="executedNotebooks">Executed notebooks, in report order.</param>
    /// <param name="appendices">Sections beside the notebooks (findings page, claims ledger, sources).</param>
    /// <param name="imageQueue">The queue that exported figures while notebooks ran; null exports them all here.</param>
    /// <param name="cancellationToken">Cancels the export and the report.</param>
    /// <param name="draft">The notebooks read already, as they finished (null: the report reads them all now).</param>
    public static async Task<PublicationResult> RunAsync(string outDir, IReadOnlyList<string> executedNotebooks, IReadOnlyList<ReportAppendix> appendices, FigureImageQueue? imageQueue = null, CancellationToken cancellationToken = default,
        ReportDraft? draft = null)
    {
        var (images, imageTime, skipped) = imageQueue is not null
            ? await imageQueue.CompleteAsync(cancellationToken).ConfigureAwait(false)
            : await RenderImagesAsync(outDir, ImageFormats.Png, cancellationToken).ConfigureAwait(false);

        var reportDir = Directory.CreateDirectory(Path.Combine(outDir, "report")).FullName;
        var reportPath = Path.Combine(reportDir, "index.html");
        var html = ReportBuilder.Build(executedNotebooks, appendices,
            "KzMigration: internal migration in Kazakhstan",
            $"A re-run of Bokayev & Akhmetova, Economic factors of internal migration in the Republic of Kazakhstan, from official data. KzMigration {Workbench.Version}.",
            Path.Combine(outDir, "figures"), draft);
        await File.WriteAllTextAsync(reportPath, html, cancellationToken).ConfigureAwait(false);
        return new PublicationResult(reportPath, new FileInfo(reportPath).Length, images, imageTime, skipped) { ImagesReused = imageQueue?.Reused ?? 0 };
    }

    /// <summary>
    /// The images of every figure in <c>&lt;outDir&gt;/figures</c> in <paramref name="formats"/> (when Chromium is there).
    /// A failed export is reported as the reason the images are missing, never as a crash of the run.
    /// </summary>
    public static async Task<(IReadOnlyList<FigureImage> Images, TimeSpan Time, string? SkippedBecause)> RenderImagesAsync(string outDir, ImageFormats formats = ImageFormats.Png, CancellationToken cancellationToken = default)
    {
        var figures = Path.Combine(outDir, "figures");
        var clock = Stopwatch.StartNew();
        if (formats == ImageFormats.None) return ([], clock.Elapsed, "--images none");
        if (!Directory.Exists(figures) || !Directory.EnumerateFiles(figures, "*.json").Any())
            return ([], clock.Elapsed, "no figures were published");
        if (Chromium.Find(out var whyNot) is not { } chromium)
            return ([], clock.Elapsed, whyNot);
        try
        {
            var images = await FigureImages.ExportAsync(figures, chromium, formats, cancellationToken).ConfigureAwait(false);
            return (images, clock.Elapsed, null);
        }
        catch (IOException e)
        {
            return ([], clock.Elapsed, "rendering failed: " + e.Message);
        }
    }
}
