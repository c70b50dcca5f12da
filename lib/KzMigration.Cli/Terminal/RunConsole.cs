using System.Globalization;
using KzMigration.Notebooks;
using Spectre.Console;

namespace KzMigration.Cli.Terminal;

/// <summary>
/// What a notebook run shows on the terminal: one updating line per cell on an interactive
/// terminal, plain lines when output is redirected (CI logs), a summary table at the end, and
/// errors on stderr as one line naming notebook and cell.
/// </summary>
internal sealed class RunConsole
{
    private readonly bool interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void Progress(NotebookProgress p)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{p.Notebook}: cell {p.CellNumber}/{p.CellCount} {(p.CellFinished ? "done" : "running")} [{p.Elapsed.TotalSeconds:0.0} s] {p.CellHeadline}");
        if (interactive)
        {
            // Overwrite the line in place: a live view without holding the console.
            var width = Math.Max(20, Console.WindowWidth - 1);
            Console.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
        }
        else if (!p.CellFinished)
        {
            Console.WriteLine(line);
        }
    }

    public void NotebookFinished(NotebookRunResult result)
    {
        if (interactive) Console.Write("\r" + new string(' ', Math.Max(20, Console.WindowWidth - 1)) + "\r");
        if (result.ErrorLine is { } error) Error(error);
        foreach (var note in result.Notes) Console.Error.WriteLine("note: " + note);
    }

    public void Error(string message) => Console.Error.WriteLine("error: " + message);

    public void Publication(KzMigration.Publishing.PublicationResult p)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {p.ReportPath} ({p.ReportBytes / 1024.0 / 1024.0:0.0} MB)"));
        if (p.ImagesSkippedBecause is { } why) Console.WriteLine("static images skipped: " + why);
        else Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"static images: {p.Images.Count} figure(s) as {string.Join(" and ", p.Images.SelectMany(i => i.Files).Select(f => Path.GetExtension(f).TrimStart('.').ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal))} in {p.ImageExportTime.TotalSeconds:0.0} s ({ImageWork(p.Images.Count, p.ImagesReused, p.ImageExportTime)})"));
    }

    /// <summary>
    /// What the image export did: how many figures were drawn (and how fast; <paramref name="inKeptWorker"/> of them by the
    /// kept notebook worker's Chromium), how many reused from the output folder.
    /// </summary>
    public static string ImageWork(int images, int reused, TimeSpan time, int inKeptWorker = 0)
    {
        var drawn = images - reused;
        var browser = inKeptWorker == 0 ? "one headless Chromium for all"
            : inKeptWorker == drawn ? "in the kept worker's Chromium" : $"{inKeptWorker} in the kept worker's Chromium";
        var drawing = drawn == 0 ? "none drawn" : string.Create(CultureInfo.InvariantCulture, $"{drawn} drawn, {time.TotalSeconds / drawn:0.00} s per figure, {browser}");
        return reused == 0 ? drawing : string.Create(CultureInfo.InvariantCulture, $"{drawing}; {reused} unchanged since the last run, reused from the output folder");
    }

    /// <summary>What became of the run's notebook workers (started or kept warm by an earlier run; left warm for the next or not).</summary>
    public static void Workers(IEnumerable<NotebookSupervisor> supervisors, string? whyNoneKept)
    {
        foreach (var line in supervisors.SelectMany(s => s.WorkerStory)) Console.WriteLine("notebook worker: " + line);
        if (whyNoneKept is not null) Console.WriteLine("notebook worker: none is kept warm between runs here: " + whyNoneKept);
    }

    public void Summary(IReadOnlyList<NotebookRunResult> results, string outDir)
    {
        var table = new Table().AddColumns("notebook", "status", "cells", "seconds");
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var r in results)
        {
            var status = r.Status switch
            {
                NotebookStatus.Succeeded => "[green]ok[/]",
                NotebookStatus.TimedOut => "[red]timed out[/]",
                _ => "[red]failed[/]",
            };
            table.AddRow(Markup.Escape(Path.GetFileName(r.NotebookPath)), status,
                r.CodeCellsRun.ToString(CultureInfo.InvariantCulture),
                r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        var failed = results.Count(r => !r.Succeeded);
        Console.WriteLine(failed == 0
            ? $"{results.Count} notebook(s) ran; executed copies in {Path.Combine(outDir, "notebooks")}"
            : $"{failed} of {results.Count} notebook(s) failed; executed copies in {Path.Combine(outDir, "notebooks")}, a failed one's as NAME.failed.ipynb (with the error)");
        // A failed notebook replaces none of its outputs (a partial result is never presented as one).
        if (failed > 0)
            Console.WriteLine($"kept: the previous outputs of {string.Join(", ", results.Where(r => !r.Succeeded).Select(r => Path.GetFileNameWithoutExtension(r.NotebookPath)))} (if any); manifest.json records the failure");
    }
}
