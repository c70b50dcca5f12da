using System.CommandLine;
using KzMigration.Cli.Terminal;
using KzMigration.Notebooks;
using KzMigration.Publishing;

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
        var command = new Command("reproduce", "Execute every notebook in notebooks/ (in name order) against the bundled data and write the executed notebooks to out/notebooks/.")
        {
            data, output, notebooks, timeout, language,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(data), parse.GetValue(output), parse.GetValue(notebooks), parse.GetValue(timeout), parse.GetValue(language)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? data, DirectoryInfo? output, DirectoryInfo? notebooksDir, double timeoutSeconds, string language, CancellationToken ct)
    {
        var console = new RunConsole();
        var folder = notebooksDir?.FullName ?? (Workbench.RepositoryRoot is { } root ? Path.Combine(root, "notebooks") : null);
        if (folder is null || !Directory.Exists(folder))
        {
            console.Error($"no notebooks folder{(folder is null ? "" : " at " + folder)}: run from the KzMigration repository or pass --notebooks DIR");
            return ExitCodes.InvalidInput;
        }
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
        try { (_, outDir) = CommonOptions.Apply(data, output, folder); }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidOutputFolderException) { console.Error(e.Message); return ExitCodes.InvalidInput; }

        var results = new List<NotebookRunResult>();
        var parameters = new Dictionary<string, string> { ["language"] = language };
        var options = new NotebookRunOptions
        {
            CellTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            Progress = console.Progress,
            ParametersIfDeclared = parameters,
        };
        // The run writes into a staging folder and replaces out/'s previous outputs as a whole at the
        // end, so no table, notebook or image of an older run survives beside this one's.
        var run = OwnedRun.Begin(outDir, "reproduce");
        // Figures are exported to PNG/SVG in the background as each notebook publishes them (only
        // this run's figures: the queue reads the staging folder).
        var imageQueue = new FigureImageQueue(run.Staging);
        try
        {
            await using (var supervisor = new NotebookSupervisor(NotebookWorkerCommand.Launch()))
            {
                foreach (var path in paths)
                {
                    try
                    {
                        var result = await run.RunAsync(supervisor, path, options, parameters, ct).ConfigureAwait(false);
                        results.Add(result);
                        console.NotebookFinished(result);
                        imageQueue.ExportNew(ct);
                    }
                    catch (Exception e) when (e is NotebookFormatException or ArgumentException)
                    {
                        console.Error(e.Message);
                        results.Add(new NotebookRunResult(path, NotebookStatus.Failed, TimeSpan.Zero, 0, null, new CellFailure(0, "", e.Message)));
                    }
                }
            }

            console.Summary(results, outDir);
            var executed = results.Where(r => r.ExecutedPath is not null).Select(r => r.ExecutedPath!).ToList();
            var appendices = StudyOutputs(run.Staging, console);
            // Images are rendered from the staging folder: only this run's figures.
            var publication = await Publication.RunAsync(run.Staging, executed, appendices, imageQueue, ct).ConfigureAwait(false);
            run.AddImages(publication.Images);
            var study = new List<string> { "report/index.html" };
            if (File.Exists(Path.Combine(run.Staging, "claims.csv"))) study.Add("claims.csv");
            run.Commit(study, replaceAll: true, stale: []);
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
        return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>
    /// What the study adds beyond the notebooks: the claims ledger (out/claims.csv and its summary
    /// line) and the report's closing sections. Evaluated on the data the notebooks used, so claims
    /// re-evaluate when the user imports more figures.
    /// </summary>
    private static IReadOnlyList<ReportAppendix> StudyOutputs(string outDir, RunConsole console)
    {
        Data.WorkbenchData data;
        try { data = Data.WorkbenchData.LoadDefault(); }
        catch (Exception e) when (e is Data.DataFileException or DirectoryNotFoundException)
        {
            console.Error("claims not evaluated: " + e.Message);
            var why = "<p>The data could not be loaded: " + System.Net.WebUtility.HtmlEncode(e.Message) + "</p>";
            return [new ReportAppendix("claims", "Claims ledger", why), new ReportAppendix("sources", "Sources and licences", why)];
        }
        var claims = Claims.ClaimsLedger.Evaluate(data);
        Outputs.TableFiles.WriteCsv(Path.Combine(outDir, "claims.csv"), claims.ToDataFrame(), claims.Metadata);
        Console.WriteLine(claims.Summary + " (out/claims.csv; " + Data.Codes.Of(claims.Options.CoefficientFlow) + " flows, " + claims.Options.Boundaries + ")");
        return
        [
            new ReportAppendix("findings", "Findings: what the paper claims and what the data say",
                Study.Findings.ToHtml(claims, Study.FigureCoverage.OfPaperFigures(data, claims.Options)), Leads: true),
            new ReportAppendix("claims", "Claims ledger", claims.ToHtml()),
            new ReportAppendix("sources", "Sources and licences", Study.Provenance.SourcesHtml(data)),
        ];
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
