using KzMigration.Charts;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Notebooks;

/// <summary>
/// A run that owns its output folder for its duration and what it writes there (<see cref="RunOutputs"/>: one run per
/// folder, staged, committed whole). Notebooks write into the staging folder (the worker gets it as the output folder
/// of its <see cref="RunOptions"/>); each notebook's files and what its <c>Publish.*</c> calls said about them are
/// recorded as it finishes, and <see cref="Commit"/> swaps them into the output folder with <c>manifest.json</c>,
/// replacing what the previous runs of the same notebooks wrote. A notebook that fails replaces nothing: its partial
/// outputs are dropped, its executed copy with the error is kept as <c>notebooks/NAME.failed.ipynb</c>, and the manifest
/// records the failure beside the notebook's previous good outputs. Interrupted, the run leaves the output folder as it was.
/// </summary>
public sealed class OwnedRun : IDisposable
{
    /// <summary>The report <c>reproduce</c> writes (relative to the output folder).</summary>
    public const string ReportFile = "report/index.html";

    private readonly RunOutputs outputs;
    private readonly string command;
    private readonly List<NotebookOutputs> entries = [];
    private readonly List<NotebookRunResult> results = [];

    private OwnedRun(RunOutputs outputs, string command, RunOptions runOptions)
    {
        this.outputs = outputs;
        this.command = command;
        Options = runOptions with { OutDirectory = outputs.Staging };
    }

    /// <summary>
    /// Starts a run of <paramref name="notebooks"/> in <paramref name="outDir"/> (see <see cref="RunOutputs.Begin"/>: the
    /// folder's lock, waiting up to <paramref name="wait"/>; recovery; the ownership check of the executed notebooks and,
    /// with <paramref name="writesReport"/>, the report) with <paramref name="runOptions"/> (data folder, language, specification).
    /// </summary>
    /// <exception cref="OutputFolderLockedException">Another run still holds the folder.</exception>
    /// <exception cref="InvalidOutputFolderException">The folder holds files the run would replace that are not the workbench's.</exception>
    public static OwnedRun Begin(string outDir, string command, RunOptions runOptions, IReadOnlyList<string> notebooks, bool writesReport,
        TimeSpan? wait = null, Action<string>? commitStep = null)
    {
        IEnumerable<string> certain = notebooks.Select(n => $"notebooks/{Path.GetFileNameWithoutExtension(n)}.ipynb");
        if (writesReport) certain = certain.Append(ReportFile);
        return new(RunOutputs.Begin(outDir, certain, wait, commitStep), command, runOptions);
    }

    /// <summary>What each notebook of this run is given (its output folder: the staging folder).</summary>
    public RunOptions Options { get; }

    /// <summary>The notebooks' results so far, in the order they finished.</summary>
    public IReadOnlyList<NotebookRunResult> Results => results;

    /// <summary>What the run's notebooks published so far (tables, figures, the claims ledger), paths relative to the output folder.</summary>
    public IReadOnlyList<PublishedOutput> Published => [.. entries.SelectMany(e => e.Published ?? [])];

    /// <summary>The staging folder: where this run's outputs are until <see cref="Commit"/>.</summary>
    public string Staging => outputs.Staging;

    /// <summary>Runs one notebook in the supervised worker and records the files it wrote.</summary>
    public async Task<NotebookRunResult> RunAsync(NotebookSupervisor supervisor, string notebook, NotebookRunOptions options, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var before = outputs.Snapshot();
        var result = await supervisor.RunAsync(notebook, options with { OutputDirectory = Path.Combine(Staging, "notebooks"), Run = Options }, ct).ConfigureAwait(false);
        // Static images appear while later notebooks run (the export overlaps them): they belong to the notebook
        // of their figure, and AddImages gives them to it, not to whichever notebook was running.
        var written = outputs.WrittenSince(before).Where(f => !IsFigureImage(f)).ToList();
        if (!result.Succeeded) (result, written) = KeepOnlyTheFailure(Staging, result, written);
        Record(notebook, result, parameters, written);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="notebooks"/> on <paramref name="lanes"/> supervised workers at once (each lane its own
    /// <see cref="NotebookSupervisor"/>: a crash or timeout is that notebook's failure and that lane's worker is
    /// replaced). Each notebook writes into a folder of its own inside the staging folder, so what it wrote is known
    /// exactly; its files join the staging folder in notebook order (a figure two notebooks publish is the later
    /// notebook's, as in a sequential run), and <paramref name="finished"/> sees each result in that order.
    /// Results are in notebook order.
    /// </summary>
    public async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IReadOnlyList<string> notebooks, int lanes, Func<NotebookSupervisor> newSupervisor,
        NotebookRunOptions options, IReadOnlyDictionary<string, string> parameters, Action<NotebookRunResult> finished, Action<string> refused, CancellationToken ct)
    {
        var slots = notebooks.Select(_ => new TaskCompletionSource<(NotebookRunResult Result, string Folder)>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var next = -1;
        async Task Lane()
        {
            await using var supervisor = newSupervisor();
            int i;
            while ((i = Interlocked.Increment(ref next)) < notebooks.Count)
            {
                var folder = Path.Combine(Staging, $".notebook-{i:D3}");
                try
                {
                    var result = await supervisor.RunAsync(notebooks[i], options with
                    {
                        OutputDirectory = Path.Combine(folder, "notebooks"),
                        PublishDirectory = folder,
                        Run = Options,
                    }, ct).ConfigureAwait(false);
                    slots[i].SetResult((result, folder));
                }
                catch (Exception e) { slots[i].SetException(e); }
            }
        }
        var running = Enumerable.Range(0, Math.Clamp(lanes, 1, Math.Max(1, notebooks.Count))).Select(_ => Task.Run(Lane)).ToList();

        var ordered = new List<NotebookRunResult>();
        try
        {
            for (var i = 0; i < notebooks.Count; i++)
            {
                NotebookRunResult result;
                string folder;
                var ran = true;
                try { (result, folder) = await slots[i].Task.ConfigureAwait(false); }
                catch (Exception e) when (e is NotebookFormatException or ArgumentException)
                {
                    // Refused before any cell ran (the sequential runner reports it the same way).
                    result = new NotebookRunResult(notebooks[i], NotebookStatus.Failed, TimeSpan.Zero, 0, null, new CellFailure(0, "", e.Message));
                    folder = Path.Combine(Staging, $".notebook-{i:D3}");
                    refused(e.Message);
                    ran = false;
                }
                if (!result.Succeeded && Directory.Exists(folder))
                    (result, _) = KeepOnlyTheFailure(folder, result, [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => OutputFolder.Relative(folder, f))]);
                var files = Join(folder);
                if (result.ExecutedPath is { } executed)
                    result = result with { ExecutedPath = Path.Combine(Staging, "notebooks", Path.GetFileName(executed)) };
                Record(notebooks[i], result, parameters, files);
                ordered.Add(result);
                if (ran) finished(result);
            }
        }
        finally
        {
            try { await Task.WhenAll(running).ConfigureAwait(false); } catch (Exception) when (ordered.Count < notebooks.Count) { }
        }
        return ordered;
    }

    // What a notebook's run leaves: the files it wrote and what its Publish.* calls said about them; or, when it failed,
    // its failure (with the executed copy that shows the error), which replaces none of the notebook's earlier outputs.
    private void Record(string notebook, NotebookRunResult result, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<string> files)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var given = new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal);
        var failure = result.Succeeded ? null : new NotebookFailure(command, given, result.Status.ToString(), Describe(result.Failure),
            result.ExecutedPath is { } executed ? "notebooks/" + Path.GetFileName(executed) : null);
        entries.Add(new NotebookOutputs(name, Path.GetFullPath(notebook), command, given, result.Status.ToString(), result.Succeeded ? files : [],
            result.Succeeded ? [.. result.Published.Where(p => files.Contains(p.Path, StringComparer.Ordinal))] : [], failure));
        results.Add(result); // what the run's notebooks returned (their report sections, published records)
    }

    private static string Describe(CellFailure? failure) => failure is null
        ? "failed"
        : failure.CellNumber > 0 ? $"cell {failure.CellNumber}: {NotebookKernel.FirstLine(failure.Message)}" : NotebookKernel.FirstLine(failure.Message);

    /// <summary>
    /// A failed notebook's outputs in <paramref name="folder"/> are dropped (a partial result is never presented as one),
    /// except its executed copy, renamed <c>NAME.failed.ipynb</c>: the record of the failure.
    /// </summary>
    private static (NotebookRunResult Result, List<string> Files) KeepOnlyTheFailure(string folder, NotebookRunResult result, IReadOnlyList<string> written)
    {
        var executed = result.ExecutedPath is { } path && File.Exists(path) ? OutputFolder.Relative(folder, path) : null;
        foreach (var file in written.Where(f => f != executed)) File.Delete(Path.Combine(folder, file));
        if (executed is null) return (result with { ExecutedPath = null }, []);
        var failed = $"notebooks/{Path.GetFileNameWithoutExtension(executed)}.failed.ipynb";
        File.Move(Path.Combine(folder, executed), Path.Combine(folder, failed), overwrite: true);
        return (result with { ExecutedPath = Path.Combine(folder, failed) }, [failed]);
    }

    /// <summary>
    /// Moves a notebook's own folder into the staging folder and returns the files that are now its own. The shared
    /// plotly.js bundles of the figure pages stay the first notebook's when a later one wrote the same file again.
    /// </summary>
    private List<string> Join(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = OutputFolder.Relative(folder, path);
            var target = Path.Combine(Staging, relative);
            if (Enum.GetValues<PlotlyBundle>().Any(b => relative == "figures/" + PlotlyJs.FileNameOf(b)) && File.Exists(target)
                && File.ReadAllBytes(target).AsSpan().SequenceEqual(File.ReadAllBytes(path)))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(path, target, overwrite: true);
            files.Add(relative);
        }
        Directory.Delete(folder, recursive: true);
        return files;
    }

    private static bool IsFigureImage(string file) =>
        file.StartsWith("figures/", StringComparison.Ordinal) && (file.EndsWith(".png", StringComparison.Ordinal) || file.EndsWith(".svg", StringComparison.Ordinal));

    /// <summary>
    /// Static images belong to the notebook that published their figure, with how each was made (for a later run's reuse).
    /// An image whose figure is no longer staged (its notebook failed after publishing it) is dropped with it.
    /// </summary>
    public void AddImages(IReadOnlyList<FigureImage> images)
    {
        foreach (var orphan in images.Where(image => !File.Exists(Path.Combine(Staging, "figures", image.Id + ".json"))))
            foreach (var file in orphan.Files) File.Delete(Path.Combine(Staging, file));
        for (var i = 0; i < entries.Count; i++)
        {
            var files = entries[i].Files;
            var added = images.Where(image => files.Contains($"figures/{image.Id}.json", StringComparer.Ordinal))
                .SelectMany(image => image.Files).ToList();
            if (added.Count == 0) continue;
            // An image is described as the figure it renders (its caption, sources, specification).
            var published = entries[i].Published ?? [];
            var described = added.Select(file => published.FirstOrDefault(p => p.Path == file[..file.LastIndexOf('.')] + ".json") is { } figure ? figure with { Path = file } : null)
                .OfType<PublishedOutput>();
            var records = new SortedDictionary<string, ImageRecord>(StringComparer.Ordinal);
            foreach (var (file, record) in (entries[i].Images ?? new Dictionary<string, ImageRecord>()).Concat(images.SelectMany(image => image.Records)))
                if (added.Contains(file, StringComparer.Ordinal) || files.Contains(file, StringComparer.Ordinal)) records[file] = record;
            entries[i] = entries[i] with
            {
                Files = [.. files.Concat(added).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                Published = [.. published.Where(p => !added.Contains(p.Path, StringComparer.Ordinal)).Concat(described)],
                Images = records.Count == 0 ? null : records,
            };
        }
    }

    /// <summary>Swaps the outputs into place with manifest.json and datapackage.json (see <see cref="RunOutputs.Commit"/>).</summary>
    public OutputManifest Commit(IReadOnlyList<string> study, bool replaceAll, IReadOnlyList<string> stale) =>
        outputs.Commit(entries, study, replaceAll, stale, Options.DataDirectory);

    /// <summary>Gives the run up: the output folder stays as it was.</summary>
    public void Abandon() => outputs.Abandon();

    /// <summary>Ends the run: what was not committed is dropped, and the output folder's lock released.</summary>
    public void Dispose() => outputs.Dispose();
}
