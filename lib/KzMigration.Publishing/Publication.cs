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
    public static async Task<PublicationResult> RunAsync(string outDir, IReadOnlyList<string> executedNotebooks, IReadOnlyList<ReportAppendix> appendices, CancellationToken cancellationToken = default)
    {
        var (images, imageTime, skipped) = await RenderImagesAsync(outDir, cancellationToken).ConfigureAwait(false);

        var reportDir = Directory.CreateDirectory(Path.Combine(outDir, "report")).FullName;
        var reportPath = Path.Combine(reportDir, "index.html");
        var html = ReportBuilder.Build(executedNotebooks, appendices,
            "KzMigration: internal migration in Kazakhstan",
            $"A re-run of Bokayev & Akhmetova, Economic factors of internal migration in the Republic of Kazakhstan, from official data. KzMigration {Workbench.Version}.");
        await File.WriteAllTextAsync(reportPath, html, cancellationToken).ConfigureAwait(false);
        return new PublicationResult(reportPath, new FileInfo(reportPath).Length, images, imageTime, skipped);
    }

    /// <summary>
    /// PNG and SVG of every figure in <c>&lt;outDir&gt;/figures</c> (when Chromium is there). A failed
    /// export is reported as the reason the images are missing, never as a crash of the run.
    /// </summary>
    public static async Task<(IReadOnlyList<FigureImage> Images, TimeSpan Time, string? SkippedBecause)> RenderImagesAsync(string outDir, CancellationToken cancellationToken = default)
    {
        var figures = Path.Combine(outDir, "figures");
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(figures) || !Directory.EnumerateFiles(figures, "*.json").Any())
            return ([], clock.Elapsed, "no figures were published");
        if (Chromium.Find(out var whyNot) is not { } chromium)
            return ([], clock.Elapsed, whyNot);
        try
        {
            var images = await FigureImages.ExportAsync(figures, chromium, cancellationToken).ConfigureAwait(false);
            return (images, clock.Elapsed, null);
        }
        catch (IOException e)
        {
            return ([], clock.Elapsed, "rendering failed: " + e.Message);
        }
    }
}
