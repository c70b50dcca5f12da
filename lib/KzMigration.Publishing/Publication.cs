using System.Diagnostics;

namespace KzMigration.Publishing;

/// <summary>What the publication step produced (for the run summary and the measured notes).</summary>
public sealed record PublicationResult(
    string ReportPath,
    long ReportBytes,
    IReadOnlyList<FigureImage> Images,
    TimeSpan ImageExportTime,
    string? ImagesSkippedBecause);

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
    public static async Task<PublicationResult> RunAsync(string outDir, IReadOnlyList<string> executedNotebooks, IReadOnlyList<ReportAppendix> appendices, FigureImageQueue? imageQueue = null, CancellationToken cancellationToken = default)
    {
        var figures = Path.Combine(outDir, "figures");
        IReadOnlyList<FigureImage> images = [];
        string? skipped = null;
        var clock = Stopwatch.StartNew();
        TimeSpan imageTime;
        if (imageQueue is not null)
            (images, imageTime, skipped) = await imageQueue.CompleteAsync(cancellationToken).ConfigureAwait(false);
        else
        {
            if (!Directory.Exists(figures) || !Directory.EnumerateFiles(figures, "*.json").Any())
                skipped = "no figures were published";
            else if (Chromium.Find(out var whyNot) is { } chromium)
                images = await FigureImages.ExportAsync(figures, chromium, cancellationToken).ConfigureAwait(false);
            else
                skipped = whyNot;
            imageTime = clock.Elapsed;
        }

        var reportDir = Directory.CreateDirectory(Path.Combine(outDir, "report")).FullName;
        var reportPath = Path.Combine(reportDir, "index.html");
        var html = ReportBuilder.Build(executedNotebooks, appendices,
            "KzMigration: internal migration in Kazakhstan",
            $"A re-run of Bokayev & Akhmetova, Economic factors of internal migration in the Republic of Kazakhstan, from official data. KzMigration {Workbench.Version}.",
            figures);
        await File.WriteAllTextAsync(reportPath, html, cancellationToken).ConfigureAwait(false);
        return new PublicationResult(reportPath, new FileInfo(reportPath).Length, images, imageTime, skipped);
    }
}
