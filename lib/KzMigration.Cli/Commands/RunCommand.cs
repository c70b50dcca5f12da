using System.CommandLine;
using KzMigration.Cli.Terminal;
using KzMigration.Notebooks;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Cli.Commands;

/// <summary><c>kzmig run NOTEBOOK [--param name=value]...</c>: one notebook, optionally with its parameters changed (what-if runs).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var notebook = new Argument<FileInfo>("notebook") { Description = "The .ipynb or .dib notebook to execute." };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "name=value (repeatable): a field of the study's specification (a path such as scoring.reference, a short name such as thresholds, "
                + "or specification=\"path=value; …\" for several; 'kzmig spec' lists them with their values, bounds and defaults), or a parameter declared in the "
                + "notebook's 'parameters' cell. Numbers use '.' as the decimal mark.",
            AllowMultipleArgumentsPerToken = false,
        };
        var data = CommonOptions.Data();
        var output = CommonOptions.Out();
        var timeout = CommonOptions.Timeout();
        var wait = CommonOptions.Wait();
        var pause = CommonOptions.CommitPause();
        var images = CommonOptions.Images();
        var command = new Command("run", "Execute one notebook and write the executed copy to out/notebooks/.")
        {
            notebook, parameters, data, output, timeout, wait, images, pause,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(notebook)!, parse.GetValue(parameters) ?? [], parse.GetValue(data), parse.GetValue(output), parse.GetValue(timeout),
            TimeSpan.FromSeconds(parse.GetValue(wait)), parse.GetValue(images), CommonOptions.CommitObserver(parse.GetValue(pause)), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo notebook, string[] parameters, DirectoryInfo? data, DirectoryInfo? output, double timeoutSeconds,
        TimeSpan wait, ImageFormats imageFormats, Action<string>? commitStep, CancellationToken ct)
    {
        var console = new RunConsole();
        try
        {
            var document = NotebookDocument.Load(notebook.FullName); // a file the runner cannot execute is refused before anything else
            var (keepWarm, whyNoneKept) = NotebookWorkerCommand.KeepWarm();
            var (dataDir, outDir) = CommonOptions.Apply(data, output);
            // Specification fields fold into the run's specification; the rest are the notebook's own parameters (checked here, before anything runs).
            var declared = document.ParametersCell is { } cell ? NotebookParameters.DeclaredNames(cell.Source) : [];
            var given = NotebookParameters.ForRun(document.Name, declared, parameters);
            var overrides = given.Given;
            var runOptions = new RunOptions(dataDir,
                Language: given.Notebook.TryGetValue("language", out var language) ? language : "en",
                Specification: given.Specification);
            // The notebook's outputs replace its previous ones in out/ (as manifest.json lists them), or, when it fails, none
            // of them; its figures' images are rendered again (as each cell publishes them, beside the notebook; an unchanged
            // figure's image is reused from out/), and a report that no longer matches is removed.
            using var run = OwnedRun.Begin(outDir, "run", runOptions, [notebook.FullName], writesReport: false, wait, commitStep);
            StepLog.Write("cli", "run begun");
            await using var imageQueue = new FigureImageQueue(run.Staging, imageFormats, reuseFrom: outDir);
            // A worker kept warm by a run that published figures has a Chromium ready: the figures are drawn there, beside
            // the notebook. Otherwise a what-if run, which redraws the figures its change reaches, starts Chromium beside the
            // notebook, not after it.
            var supervisor = new NotebookSupervisor(NotebookWorkerCommand.Launch(), keepWarm) { KeepsFigures = () => imageQueue.HasFigures };
            var drawer = imageFormats == ImageFormats.None ? null : supervisor.KeptFigureDrawer();
            if (drawer is not null) imageQueue.DrawWith(drawer);
            else if (overrides.Count > 0) imageQueue.StartEarly();
            var options = new NotebookRunOptions
            {
                Parameters = given.Notebook,
                CellTimeout = TimeSpan.FromSeconds(timeoutSeconds),
                Progress = progress =>
                {
                    console.Progress(progress);
                    if (progress.CellFinished) imageQueue.ExportNew(ct);
                },
            };
            NotebookRunResult result;
            // The worker's end (its input closed; it collects its memory, exits, and its pipes drain: about a second under load,
            // bench/README.md) is awaited after the images and the commit, not before them: the worker has written everything
            // of this notebook when it replies, and nothing of it is needed after its reply. A worker that draws the figures
            // is handed on after them.
            Task? workerEnds = null;
            Task EndWorker() => workerEnds ??= supervisor.DisposeAsync().AsTask();
            try
            {
                try { result = await run.RunAsync(supervisor, notebook.FullName, options, overrides, ct).ConfigureAwait(false); }
                finally { if (drawer is null) _ = EndWorker(); }
                StepLog.Write("cli", "notebook joined");
                console.NotebookFinished(result);
                var published = Directory.Exists(Path.Combine(run.Staging, "figures"));
                var (images, imageTime, skipped) = await imageQueue.CompleteAsync(ct).ConfigureAwait(false);
                _ = EndWorker();
                run.AddImages(images);
                StepLog.Write("cli", "images done");
                // The report described the outputs before this run: it goes when they change, and stays when a failed run changed none.
                var report = Path.Combine(outDir, "report", "index.html");
                var reportGoes = result.Succeeded && File.Exists(report) && OutputManifest.Read(outDir)?.Study.Contains(OwnedRun.ReportFile, StringComparer.Ordinal) == true;
                run.Commit([], replaceAll: false, stale: result.Succeeded ? [OwnedRun.ReportFile] : []);
                StepLog.Write("cli", "committed");
                console.Summary([result], outDir);
                if (published && skipped is not null) Console.WriteLine("static images skipped: " + skipped);
                else if (images.Count > 0) Console.WriteLine($"static images: {images.Count} figure(s) ({RunConsole.ImageWork(images.Count, imageQueue.Reused, imageTime, imageQueue.DrawnElsewhere)})");
                if (reportGoes) Console.WriteLine($"{report} removed: it showed other outputs than out/ now holds; 'kzmig reproduce' rebuilds it");
            }
            catch
            {
                // The worker is ended (a kept one that still runs the notebook is killed) before its staging folder goes.
                await EndWorker().ConfigureAwait(false);
                run.Abandon();
                throw;
            }
            finally
            {
                await EndWorker().ConfigureAwait(false);
            }
            RunConsole.Workers([supervisor], whyNoneKept);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        }
        catch (Exception e) when (e is NotebookFormatException or ArgumentException or DirectoryNotFoundException or InvalidOutputFolderException or OutputFolderLockedException or KzMigration.Storage.FolderNotWritableException)
        {
            console.Error(e.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
