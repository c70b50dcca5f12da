using KzMigration.Notebooks;
using KzMigration.Publishing;

namespace KzMigration.Cli.Commands;

/// <summary>
/// A run that owns what it writes: notebooks write into a fresh staging folder (the worker gets it
/// as the output folder of its <see cref="RunSettings"/>), each notebook's files and what its
/// <c>Publish.*</c> calls said about them are recorded as it finishes, and
/// <see cref="Commit"/> moves them into the output folder with <c>manifest.json</c>, replacing what
/// the previous runs of the same notebooks wrote. Interrupted, it leaves the output folder as it was.
/// </summary>
internal sealed class OwnedRun
{
    private readonly RunOutputs outputs;
    private readonly string command;
    private readonly List<NotebookOutputs> entries = [];
    private readonly List<NotebookRunResult> results = [];

    private OwnedRun(RunOutputs outputs, string command, RunSettings settings)
    {
        this.outputs = outputs;
        this.command = command;
        Settings = settings with { OutDirectory = outputs.Directory };
    }

    /// <summary>
    /// Starts a run in <paramref name="outDir"/> with <paramref name="settings"/> (data folder, language,
    /// specification); notebooks run through it write into the staging folder.
    /// </summary>
    public static OwnedRun Begin(string outDir, string command, RunSettings settings) =>
        new(RunOutputs.Begin(outDir), command, settings);

    /// <summary>What each notebook of this run is given (its output folder: the staging folder).</summary>
    public RunSettings Settings { get; }

    /// <summary>The notebooks' results so far, in the order they finished.</summary>
    public IReadOnlyList<NotebookRunResult> Results => results;

    /// <summary>What the run's notebooks published so far (tables, figures, the claims ledger), paths relative to the output folder.</summary>
    public IReadOnlyList<PublishedOutput> Published => [.. entries.SelectMany(e => e.Published ?? [])];

    /// <summary>The staging folder: where this run's outputs are until <see cref="Commit"/>.</summary>
    public string Staging => outputs.Directory;

    /// <summary>Runs one notebook in the supervised worker and records the files it wrote.</summary>
    public async Task<NotebookRunResult> RunAsync(NotebookSupervisor supervisor, string notebook, NotebookRunOptions options, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var before = outputs.Snapshot();
        var result = await supervisor.RunAsync(notebook, options with { OutputDirectory = Path.Combine(Staging, "notebooks"), Run = Settings }, ct).ConfigureAwait(false);
        // Static images appear while later notebooks run (the export overlaps them): they belong to the notebook
        // of their figure, and AddImages gives them to it, not to whichever notebook was running.
        var written = outputs.WrittenSince(before).Where(f => !IsFigureImage(f)).ToList();
        entries.Add(new NotebookOutputs(Path.GetFileNameWithoutExtension(notebook), Path.GetFullPath(notebook), command,
            new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal), result.Status.ToString(), written,
            [.. result.Published.Where(p => written.Contains(p.Path, StringComparer.Ordinal))]));
        results.Add(result);
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
                        Run = Settings,
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
                var files = Join(folder);
                if (result.ExecutedPath is { } executed)
                    result = result with { ExecutedPath = Path.Combine(Staging, "notebooks", Path.GetFileName(executed)) };
                entries.Add(new NotebookOutputs(Path.GetFileNameWithoutExtension(notebooks[i]), Path.GetFullPath(notebooks[i]), command,
                    new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal), result.Status.ToString(), files,
                    [.. result.Published.Where(p => files.Contains(p.Path, StringComparer.Ordinal))]));
                ordered.Add(result);
                results.Add(result); // what the run's notebooks returned (their report sections, published records)
                if (ran) finished(result);
            }
        }
        finally
        {
            try { await Task.WhenAll(running).ConfigureAwait(false); } catch (Exception) when (ordered.Count < notebooks.Count) { }
        }
        return ordered;
    }

    /// <summary>
    /// Moves a notebook's own folder into the staging folder and returns the files that are now its own. The shared
    /// plotly.js bundles of the figure pages stay the first notebook's when a later one wrote the same file again.
    /// </summary>
    private IReadOnlyList<string> Join(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var target = Path.Combine(Staging, relative);
            if (Enum.GetValues<KzMigration.Charts.PlotlyBundle>().Any(b => relative == "figures/" + KzMigration.Charts.PlotlyJs.FileNameOf(b)) && File.Exists(target)
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

    /// <summary>Static images belong to the notebook that published their figure.</summary>
    public void AddImages(IReadOnlyList<FigureImage> images)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var files = entries[i].Files;
            var added = images.Where(image => files.Contains($"figures/{image.Id}.json", StringComparer.Ordinal))
                .SelectMany(image => new[] { $"figures/{image.Id}.png", $"figures/{image.Id}.svg" }).ToList();
            if (added.Count == 0) continue;
            // An image is described as the figure it renders (its caption, sources, specification).
            var published = entries[i].Published ?? [];
            var described = added.Select(file => published.FirstOrDefault(p => p.Path == file[..file.LastIndexOf('.')] + ".json") is { } figure ? figure with { Path = file } : null)
                .OfType<PublishedOutput>();
            entries[i] = entries[i] with
            {
                Files = [.. files.Concat(added).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                Published = [.. published.Where(p => !added.Contains(p.Path, StringComparer.Ordinal)).Concat(described)],
            };
        }
    }

    /// <summary>Moves the outputs into place with manifest.json and datapackage.json (see <see cref="RunOutputs.Commit"/>).</summary>
    public OutputManifest Commit(IReadOnlyList<string> study, bool replaceAll, IReadOnlyList<string> stale) =>
        outputs.Commit(entries, study, replaceAll, stale, Settings.DataDirectory);

    /// <summary>Gives the run up: the output folder stays as it was.</summary>
    public void Abandon() => outputs.Abandon();
}
