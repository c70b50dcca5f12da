using System.CommandLine;
using KzMigration.Cli.Terminal;
using KzMigration.Notebooks;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Cli.Commands;

/// <summary><c>kzmig reproduce</c>: the main job. Runs every notebook in order and writes everything to <c>out/</c>.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = CommonOptions.Out();
        var timeout = CommonOptions.Timeout();
        var notebooks = new Option<DirectoryInfo?>("--notebooks") { Description = "Folder of notebooks to run (default: notebooks/ in the repository)." };
        var language = new Option<string>("--lang")
        {
            Description = "Language of region names and figure texts: en, ru or kk (sets the 'language' parameter of every notebook that declares one).",
            DefaultValueFactory = _ => "en",
        };
        language.AcceptOnlyFromAmong(Study.RegionLabels.Languages);
        var wait = CommonOptions.Wait();
        var pause = CommonOptions.CommitPause();
        var images = CommonOptions.Images();
        var command = new Command("reproduce", "Execute every notebook in notebooks/ (in name order) against the bundled data and write the executed notebooks to out/notebooks/.")
        {
            data, output, notebooks, timeout, language, wait, images, pause,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(data), parse.GetValue(output), parse.GetValue(notebooks), parse.GetValue(timeout), parse.GetValue(language)!,
            TimeSpan.FromSeconds(parse.GetValue(wait)), parse.GetValue(images), CommonOptions.CommitObserver(parse.GetValue(pause)), ct));
        return command;
    }

    /// <summary>
    /// How many notebooks run at once: one, in one warm worker, unless <c>KZMIG_JOBS</c> (<paramref name="jobs"/>) asks for
    /// more. A second worker saves little on two cores (its own compiler warm-up eats what the overlap saves) and doubles the
    /// memory of the run (bench/README.md).
    /// </summary>
    internal static int NotebookLanes(string? jobs) =>
        int.TryParse(jobs, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lanes) && lanes > 0 ? lanes : 1;

    private static async Task<int> RunAsync(DirectoryInfo? data, DirectoryInfo? output, DirectoryInfo? notebooksDir, double timeoutSeconds, string language,
        TimeSpan wait, ImageFormats imageFormats, Action<string>? commitStep, CancellationToken ct)
    {
        var console = new RunConsole();
        var folder = notebooksDir?.FullName ?? (Workbench.RepositoryRoot is { } root ? Path.Combine(root, "notebooks") : null);
        if (folder is null || !Directory.Exists(folder))
        {
            console.Error($"no notebooks folder{(folder is null ? "" : " at " + folder)}: run from the KzMigration repository or pass --notebooks DIR");
            return ExitCodes.InvalidInput;
        }
        WarmPlace? keepWarm;
        string? whyNoneKept;
        try { (keepWarm, whyNoneKept) = NotebookWorkerCommand.KeepWarm(); }
        catch (ArgumentException e) { console.Error(e.Message); return ExitCodes.InvalidInput; }
        var paths = NotebookDiscovery.Find(folder);
        if (paths.Count == 0)
        {
            console.Error($"no .ipynb or .dib notebooks in {folder}");
            return ExitCodes.InvalidInput;
        }
        // Every notebook is read before the first one runs: a file the runner cannot execute is bad
        // input (exit 2), not a failure discovered halfway through a run.
        var unreadable = 0;
        foreach (var path in paths)
        {
            try { _ = NotebookDocument.Load(path); }
            catch (NotebookFormatException e) { console.Error(e.Message); unreadable++; }
        }
        if (unreadable > 0) return ExitCodes.InvalidInput;

        string outDir;
        string? dataDir;
        try { (dataDir, outDir) = CommonOptions.Apply(data, output, folder); }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidOutputFolderException) { console.Error(e.Message); return ExitCodes.InvalidInput; }

        var results = new List<NotebookRunResult>();
        var parameters = new Dictionary<string, string> { ["language"] = language };
        var options = new NotebookRunOptions
        {
            CellTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            Progress = console.Progress,
            ParametersIfDeclared = parameters,
        };
        // The run holds out/ for its duration, writes into a staging folder and replaces out/'s previous outputs as a
        // whole at the end, so no table, notebook or image of an older run survives beside this one's.
        OwnedRun run;
        try { run = OwnedRun.Begin(outDir, "reproduce", new RunOptions(dataDir, Language: language), paths, writesReport: true, wait, commitStep); }
        catch (Exception e) when (e is OutputFolderLockedException or InvalidOutputFolderException or KzMigration.Storage.FolderNotWritableException) { console.Error(e.Message); return ExitCodes.InvalidInput; }
        // Each lane's supervisor, for the summary of what became of its worker.
        var supervisors = new System.Collections.Concurrent.ConcurrentQueue<NotebookSupervisor>();
        // A worker left warm after a run that published figures keeps a Chromium for a later what-if run's (kzmig run).
        FigureImageQueue? figures = null;
        NotebookSupervisor NewSupervisor()
        {
            var supervisor = new NotebookSupervisor(NotebookWorkerCommand.Launch(), keepWarm) { KeepsFigures = () => figures?.HasFigures == true };
            supervisors.Enqueue(supervisor);
            return supervisor;
        }
        using (run)
        {
            StepLog.Write("cli", "run begun");
            // Figures are exported to the asked-for images (PNG by default) in the background as each notebook publishes
            // them (only this run's figures: the queue reads the staging folder); an image out/ holds of an unchanged figure is reused.
            await using var imageQueue = new FigureImageQueue(run.Staging, imageFormats, reuseFrom: outDir);
            figures = imageQueue;
            // The report reads each executed notebook as it is joined, while the next one runs.
            var draft = new ReportDraft();
            try
            {
                // The notebooks run in one supervised worker, one after another (KZMIG_JOBS=2 runs two side by side, each
                // worker with its own C# compiler). Outputs are joined in notebook order, the same either way.
                results.AddRange(await run.RunAllAsync(paths, NotebookLanes(Environment.GetEnvironmentVariable("KZMIG_JOBS")), NewSupervisor, options, parameters,
                    result =>
                    {
                        console.NotebookFinished(result);
                        MemoryLog.Write("cli", "joined " + Path.GetFileNameWithoutExtension(result.NotebookPath));
                        StepLog.Write("cli", "joined " + Path.GetFileNameWithoutExtension(result.NotebookPath));
                        imageQueue.ExportNew(ct);
                        if (result.ExecutedPath is { } executedPath) draft.Add(executedPath);
                    }, console.Error, ct).ConfigureAwait(false));

                console.Summary(results, outDir);
                RunConsole.Workers(supervisors, whyNoneKept);
                var executed = results.Where(r => r.ExecutedPath is not null).Select(r => r.ExecutedPath!).ToList();
                var appendices = StudySections(run, console);
                // Images are rendered from the staging folder: only this run's figures.
                var publication = await Publication.RunAsync(run.Staging, executed, appendices, imageQueue, ct, draft).ConfigureAwait(false);
                MemoryLog.Write("cli", "report");
                StepLog.Write("cli", "report written, images done");
                run.AddImages(publication.Images);
                try { run.Commit([OwnedRun.ReportFile], replaceAll: true, stale: []); }
                catch (InvalidOutputFolderException e) { console.Error(e.Message); return ExitCodes.InvalidInput; }
                StepLog.Write("cli", "committed");
                console.Publication(publication with { ReportPath = Path.Combine(outDir, "report", "index.html") });
                // The seminar explorer: copied when already built and current, never built here (kzmig explore builds it).
                try { if (ExploreBuild.RefreshOutput(outDir) is { } explorer) Console.WriteLine(explorer); }
                catch (IOException e) { console.Error("out/explorer not refreshed: " + e.Message); }
            }
            catch
            {
                run.Abandon();
                throw;
            }
        }
        return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>
    /// The report's sections beyond the notebooks, as the study's steps gave them (the claims ledger's step, shown in
    /// its notebook: findings page, ledger, sources) and the list of the run's tables and figures from what the
    /// notebooks published (the records the manifest and datapackage.json are written from); and the ledger's summary
    /// line from the same result: the ledger is evaluated once, in its notebook, on the data the notebooks used.
    /// </summary>
    private static IReadOnlyList<ReportAppendix> StudySections(OwnedRun run, RunConsole console)
    {
        if (run.Published.FirstOrDefault(p => p.Path == "claims.csv") is { Summary: { } summary } ledger)
            Console.WriteLine(summary + " (out/claims.csv; " + (ledger.Specification is { Length: > 0 } changes ? changes : "the paper's specification") + ")");
        else if (run.Results.Any(r => !r.Succeeded))
            console.Error("claims not evaluated: the notebook that publishes the claims ledger (Publish.Claims) did not finish; see its error above");
        else
            Console.WriteLine("claims: not evaluated (no notebook of this run publishes the claims ledger with Publish.Claims)");
        var sections = run.Results.SelectMany(r => r.ReportSections).ToList();
        return [.. sections.Select(ReportAppendix.Of), OutputsAppendix.Build(run.Published)];
    }
}

/// <summary>Which notebooks a folder holds, in the order the study reads them (ordinal by file name).</summary>
internal static class NotebookDiscovery
{
    public static IReadOnlyList<string> Find(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(p => p.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".dib", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
}
