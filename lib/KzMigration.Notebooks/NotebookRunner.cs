using System.Diagnostics;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Notebooks;

/// <summary>How a notebook run ended.</summary>
public enum NotebookStatus { Succeeded, Failed, TimedOut }

/// <summary>Options of one notebook run.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Default time a single cell may run: 120 s.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Where the executed notebook is written (<c>&lt;OutputDirectory&gt;/&lt;name&gt;.ipynb</c>); null writes nothing.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>
    /// The output folder the notebook's <c>Publish</c> calls write figures and tables into (the output folder of its
    /// <see cref="RunContext"/> while it runs); null: the run's (<see cref="Run"/>), else the current context's.
    /// Notebooks run side by side get one each, so what each wrote is known exactly.
    /// </summary>
    public string? PublishDirectory { get; init; }

    /// <summary>Parameter overrides (<c>--param name=value</c>) for the notebook's parameters cell.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Overrides applied only to notebooks whose parameters cell declares them (e.g. <c>language</c>
    /// for <c>kzmig reproduce --lang ru</c>); unlike <see cref="Parameters"/>, an undeclared name is not an error.
    /// </summary>
    public IReadOnlyDictionary<string, string> ParametersIfDeclared { get; init; } = new Dictionary<string, string>();

    /// <summary>Longest time one cell may run before the run fails.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>Most bytes one stdout/stderr stream of a cell keeps in the executed notebook (its last bytes, behind a marker).</summary>
    public int StreamCapBytes { get; init; } = StreamCap.DefaultBytes;

    /// <summary>
    /// The run the notebook belongs to (data and output folders, language, specification): its cells' (and only its cells')
    /// <see cref="RunContext.Current"/>. Null: the options of the caller's context, else the defaults (<see cref="Workbench"/>).
    /// </summary>
    public RunOptions? Run { get; init; }

    /// <summary>Called synchronously as cells start and finish (for progress display).</summary>
    public Action<NotebookProgress>? Progress { get; init; }
}

/// <summary>Progress of a run: which notebook, which cell, how long so far.</summary>
public sealed record NotebookProgress(string Notebook, int CellNumber, int CellCount, string CellHeadline, bool CellFinished, TimeSpan Elapsed);

/// <summary>Why a run failed: the cell (1-based over all cells, as an editor shows them) and the error.</summary>
public sealed record CellFailure(int CellNumber, string Headline, string Message);

/// <summary>The outcome of running one notebook.</summary>
public sealed record NotebookRunResult(string NotebookPath, NotebookStatus Status, TimeSpan Elapsed, int CodeCellsRun, string? ExecutedPath, CellFailure? Failure)
{
    public bool Succeeded => Status == NotebookStatus.Succeeded;

    /// <summary>What the user should know about a run that is not an error, e.g. a cell's output cut to the cap.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What the notebook published (<c>Publish.*</c>), as the run's data package describes it.</summary>
    public IReadOnlyList<PublishedOutput> Published { get; init; } = [];

    /// <summary>Sections its study steps contributed to the report (e.g. the claims ledger's findings page).</summary>
    public IReadOnlyList<ReportSection> ReportSections { get; init; } = [];

    /// <summary>
    /// One line naming notebook, cell and error, e.g. <c>notebooks/x.ipynb: cell 4 failed: (1,5): error CS0103: …</c>
    /// or <c>notebooks/x.ipynb: cell 4 timed out after 120 s</c>.
    /// </summary>
    public string? ErrorLine => Failure is null
        ? null
        : Status == NotebookStatus.TimedOut
            ? $"{Display(NotebookPath)}: cell {Failure.CellNumber} {NotebookKernel.FirstLine(Failure.Message)}"
            : $"{Display(NotebookPath)}: cell {Failure.CellNumber} failed: {NotebookKernel.FirstLine(Failure.Message)}";

    internal static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}

/// <summary>
/// Runs notebooks: reads a <c>.ipynb</c>/<c>.dib</c>, executes its C# cells in order in a fresh
/// kernel, skips Markdown, stops at the first failing cell, and writes the executed notebook with
/// its outputs (HTML, text, errors) as <c>.ipynb</c>. Each notebook runs in a run context of its own
/// (<see cref="RunContext.Enter"/>), but one notebook runs at a time per process, because the current
/// directory and .NET Interactive's formatters and console capture are process-wide. This is the engine:
/// the CLI runs it inside a worker process (<see cref="NotebookWorker"/>, supervised by
/// <see cref="NotebookSupervisor"/>), because notebook code runs in the engine's process and can end
/// it, and a timed-out cell cannot be stopped, only abandoned.
/// </summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    // The first C# submission of a process JIT-compiles Roslyn and .NET Interactive (seconds of CPU). Doing that
    // once, before the first notebook (a worker starts it as soon as it starts), keeps it out of the first cell's
    // time and timeout, and lets it overlap with what the supervisor does meanwhile.
    private static readonly Lazy<Task> Warm = new(() => Task.Run(async () =>
    {
        try
        {
            using var kernel = NotebookKernel.Create();
            await kernel.SubmitAsync("var kzWarmUp = typeof(KzMigration.Runs.Workbench);", TimeSpan.FromMinutes(10), StreamCap.DefaultBytes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException) { } // a real problem shows in the notebook's own first cell
    }));

    // Beside the compiler's warm-up, on the other core: the first use of what nearly every notebook calls — the formatters,
    // the plotly.js bundle cut and compressed for a notebook's first chart, Plotly.NET's serialiser, the HTML and CSV table
    // writers — so that a run's first notebook does not pay for it (notebook 00 spent about 3 s of CPU on it after the
    // compiler's warm-up; bench/README.md). It reads and writes no file (it once loaded the default data folder and wrote a
    // scratch XLSX: I/O a run did not ask for, and worth little once the build is ReadyToRun; bench/README.md, «run loops,
    // second pass») and keeps nothing but the process's caches of pure values (the bundle's text).
    private static readonly Lazy<Task> WarmLibrary = new(() => Task.Run(() =>
    {
        try
        {
            OutputFormatters.Register();
            _ = KzMigration.Charts.PlotlyJs.LoaderElement(KzMigration.Charts.PlotlyBundle.Workbench);
            var chart = Plotly.NET.CSharp.Chart.Column<double, string, string>(values: new[] { 1.0, 2.0 }, Keys: new[] { "a", "b" }, Name: "warm-up");
            _ = KzMigration.Charts.ChartHtml.Fragment(chart, "kz-warm-up", includePlotlyJs: false);
            var frame = new Microsoft.Data.Analysis.DataFrame(
                new Microsoft.Data.Analysis.StringDataFrameColumn("a", ["x", "y"]), new Microsoft.Data.Analysis.DoubleDataFrameColumn("b", [1.0, double.NaN]));
            _ = KzMigration.Charts.DataFrameHtml.ToHtml(frame);
            _ = KzMigration.Publishing.TableFiles.ToCsv(frame, new KzMigration.Outputs.TableMetadata("warm-up"));
        }
        catch (Exception e) when (e is not OutOfMemoryException) { } // a warm-up only: the notebooks meet any real problem themselves
        StepLog.Write("worker", "library warm");
    }));

    /// <summary>
    /// Starts warming up the C# compiler in the background (once per process), and beside it the library's first use;
    /// <see cref="RunAsync"/> waits for the compiler's.
    /// </summary>
    public static Task WarmUpAsync()
    {
        _ = WarmLibrary.Value;
        return Warm.Value;
    }

    // The context of the previous notebook of this process: the next one of the same run shares its loaded data.
    private static RunContext? previousRun;

    /// <summary>
    /// Ends a run in this process: its next notebook loads the data anew. A worker kept warm (<see cref="WarmWorker"/>)
    /// serves runs one after another, and the data folder may have changed between them (an import, an edit).
    /// </summary>
    internal static void EndRun() => previousRun = null;

    /// <summary>Runs <paramref name="notebookPath"/>. Malformed notebooks and unknown parameters throw before any cell runs.</summary>
    public static async Task<NotebookRunResult> RunAsync(string notebookPath, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var document = NotebookDocument.Load(notebookPath);
        var injection = PrepareParameters(document, options.Parameters, options.ParametersIfDeclared);

        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var previousDirectory = Directory.GetCurrentDirectory();
        // Without run options of its own, the notebook runs with those of the context it was started from (a test's, the session's).
        var outer = RunContext.IsSet ? RunContext.Current : null;
        // A notebook of a concurrent run publishes into a folder of its own (joined in notebook order afterwards).
        var runOptions = options.Run is { } run && options.PublishDirectory is { } publish
            ? run with { OutDirectory = Path.GetFullPath(publish) }
            : options.Run;
        var context = runOptions is not null
            ? previousRun?.Next(runOptions) ?? new RunContext(runOptions)
            : new RunContext(options.PublishDirectory is { } own
                ? (outer?.Options ?? new RunOptions()) with { OutDirectory = Path.GetFullPath(own) }
                : outer?.Options ?? new RunOptions());
        // The notebook's context is entered for this flow only: its cells run in it (.NET Interactive runs a submission in the
        // sender's execution context), any other flow of the process keeps its own, and leaving it leaves nothing behind.
        // The compiler's warm-up is started (if not yet) outside it, so its task does not carry this run's context.
        var warm = Warm.Value;
        var scope = RunContext.Enter(context);
        try
        {
            if (runOptions is not null) previousRun = context;
            await warm.ConfigureAwait(false);
            StepLog.Write("worker", document.Name + " starts");
            OutputFormatters.Register();
            OutputFormatters.BeginNotebook(document.Name);
            // Relative paths in a notebook mean what they mean in Jupyter: relative to the notebook.
            Directory.SetCurrentDirectory(Path.GetDirectoryName(document.Path)!);
            var result = await ExecuteAsync(document, injection, options, cancellationToken).ConfigureAwait(false);
            result = result with { Published = context.Published, ReportSections = context.ReportSections };
            Directory.SetCurrentDirectory(previousDirectory);
            if (options.OutputDirectory is { } outDir)
            {
                Directory.CreateDirectory(outDir);
                var executedPath = Path.Combine(Path.GetFullPath(outDir), document.Name + ".ipynb");
                await File.WriteAllTextAsync(executedPath, document.ToJupyterJson(), cancellationToken).ConfigureAwait(false);
                result = result with { ExecutedPath = executedPath };
                StepLog.Write("worker", document.Name + " written");
            }
            return result;
        }
        finally
        {
            scope.Dispose();
            Directory.SetCurrentDirectory(previousDirectory);
            OneAtATime.Release();
        }
    }

    /// <summary>
    /// The executed copy of a notebook whose run ended without the engine's own copy (its process
    /// died or stopped answering): the notebook as read, outputs cleared, and the failure as an error
    /// output of the cell that was running. Returns its path, or null when no output folder is set.
    /// </summary>
    public static async Task<string?> WriteFailureCopyAsync(string notebookPath, NotebookRunOptions options, CellFailure failure, string errorName, CancellationToken cancellationToken = default)
    {
        if (options.OutputDirectory is not { } outDir) return null;
        var document = NotebookDocument.Load(notebookPath);
        foreach (var cell in document.Cells)
        {
            cell.Element.Outputs.Clear();
            cell.Element.ExecutionOrder = 0;
        }
        if (document.Cells.FirstOrDefault(c => c.Number == failure.CellNumber) is { } failed)
            failed.Element.Outputs.Add(new Microsoft.DotNet.Interactive.Documents.ErrorElement(
                NotebookKernel.FirstLine(failure.Message), errorName, failure.Message.Split('\n')));
        Directory.CreateDirectory(outDir);
        var executedPath = Path.Combine(Path.GetFullPath(outDir), document.Name + ".ipynb");
        await File.WriteAllTextAsync(executedPath, document.ToJupyterJson(), cancellationToken).ConfigureAwait(false);
        return executedPath;
    }

    private static string? PrepareParameters(NotebookDocument document, IReadOnlyDictionary<string, string> overrides, IReadOnlyDictionary<string, string> ifDeclared)
    {
        var declared = document.ParametersCell is { } parametersCell ? NotebookParameters.DeclaredNames(parametersCell.Source) : [];
        var applicable = new Dictionary<string, string>(overrides, StringComparer.Ordinal);
        foreach (var (name, value) in ifDeclared)
            if (declared.Contains(name, StringComparer.Ordinal)) applicable.TryAdd(name, value);
        if (applicable.Count == 0) return null;
        if (document.ParametersCell is null)
            throw new ArgumentException($"{document.Name}: --param given, but the notebook has no cell tagged '{NotebookDocument.ParametersTag}'");
        return NotebookParameters.InjectionCode(document.Name, declared, applicable);
    }

    private static async Task<NotebookRunResult> ExecuteAsync(NotebookDocument document, string? injection, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var codeCells = document.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        using var kernel = NotebookKernel.Create();
        var run = 0;
        var notes = new List<string>();
        foreach (var cell in document.Cells)
        {
            cell.Element.Outputs.Clear();
            cell.Element.ExecutionOrder = 0;
        }

        foreach (var cell in codeCells)
        {
            options.Progress?.Invoke(new NotebookProgress(document.Name, cell.Number, document.Cells.Count, cell.Headline, false, clock.Elapsed));
            var result = await kernel.SubmitAsync(cell.Source, options.CellTimeout, options.StreamCapBytes, cancellationToken).ConfigureAwait(false);
            run++;
            cell.Element.ExecutionOrder = run;
            cell.Element.Outputs.AddRange(result.Outputs);
            foreach (var cut in result.Truncated)
                notes.Add($"{NotebookRunResult.Display(document.Path)}: cell {cell.Number}: {cut.Stream} truncated to its last {StreamCap.Size(options.StreamCapBytes)} ({cut.DroppedBytes} bytes dropped)");
            options.Progress?.Invoke(new NotebookProgress(document.Name, cell.Number, document.Cells.Count, cell.Headline, true, clock.Elapsed));
            StepLog.Write("worker", $"{document.Name} cell {cell.Number} done");
            if (result.Outcome != SubmissionOutcome.Succeeded)
            {
                var status = result.Outcome == SubmissionOutcome.TimedOut ? NotebookStatus.TimedOut : NotebookStatus.Failed;
                return new NotebookRunResult(document.Path, status, clock.Elapsed, run, null, new CellFailure(cell.Number, cell.Headline, result.Error ?? "failed")) { Notes = notes };
            }

            if (cell.IsParameters && injection is not null)
            {
                var element = document.InsertCodeCellAfter(cell, injection, NotebookDocument.InjectedParametersTag);
                var injected = await kernel.SubmitAsync(injection, options.CellTimeout, options.StreamCapBytes, cancellationToken).ConfigureAwait(false);
                element.Outputs.AddRange(injected.Outputs);
                if (injected.Outcome != SubmissionOutcome.Succeeded)
                    return new NotebookRunResult(document.Path, NotebookStatus.Failed, clock.Elapsed, run, null,
                        new CellFailure(cell.Number, "injected parameters", "parameter override failed: " + injected.Error)) { Notes = notes };
            }
        }
        return new NotebookRunResult(document.Path, NotebookStatus.Succeeded, clock.Elapsed, run, null, null) { Notes = notes };
    }
}
