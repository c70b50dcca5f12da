using KzMigration.Notebooks;
using KzMigration.Publishing;

namespace KzMigration.Cli.Commands;

/// <summary>
/// A run that owns what it writes: notebooks write into a fresh staging folder (the worker sees it
/// as its output folder), each notebook's files are recorded as it finishes, and
/// <see cref="Commit"/> moves them into the output folder with <c>manifest.json</c>, replacing what
/// the previous runs of the same notebooks wrote. Interrupted, it leaves the output folder as it was.
/// </summary>
internal sealed class OwnedRun
{
    private readonly RunOutputs outputs;
    private readonly string command;
    private readonly List<NotebookOutputs> entries = [];

    private OwnedRun(RunOutputs outputs, string command)
    {
        this.outputs = outputs;
        this.command = command;
    }

    /// <summary>Starts a run in <paramref name="outDir"/>; notebooks started after this write into the staging folder.</summary>
    public static OwnedRun Begin(string outDir, string command)
    {
        var outputs = RunOutputs.Begin(outDir);
        Environment.SetEnvironmentVariable(Workbench.OutVariable, outputs.Directory);
        return new OwnedRun(outputs, command);
    }

    /// <summary>The staging folder: where this run's outputs are until <see cref="Commit"/>.</summary>
    public string Staging => outputs.Directory;

    /// <summary>Runs one notebook in the supervised worker and records the files it wrote.</summary>
    public async Task<NotebookRunResult> RunAsync(NotebookSupervisor supervisor, string notebook, NotebookRunOptions options, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var before = outputs.Snapshot();
        var result = await supervisor.RunAsync(notebook, options with { OutputDirectory = Path.Combine(Staging, "notebooks") }, ct).ConfigureAwait(false);
        entries.Add(new NotebookOutputs(Path.GetFileNameWithoutExtension(notebook), Path.GetFullPath(notebook), command,
            new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal), result.Status.ToString(), outputs.WrittenSince(before)));
        return result;
    }

    /// <summary>Static images belong to the notebook that published their figure.</summary>
    public void AddImages(IReadOnlyList<FigureImage> images)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var files = entries[i].Files;
            var added = images.Where(image => files.Contains($"figures/{image.Id}.json", StringComparer.Ordinal))
                .SelectMany(image => new[] { $"figures/{image.Id}.png", $"figures/{image.Id}.svg" }).ToList();
            if (added.Count > 0) entries[i] = entries[i] with { Files = [.. files.Concat(added).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
        }
    }

    /// <summary>Moves the outputs into place (see <see cref="RunOutputs.Commit"/>) and points the library back at the output folder.</summary>
    public OutputManifest Commit(IReadOnlyList<string> study, bool replaceAll, IReadOnlyList<string> stale)
    {
        var data = Environment.GetEnvironmentVariable(Workbench.DataVariable) is { Length: > 0 } d ? Path.GetFullPath(d) : null;
        try { return outputs.Commit(entries, study, replaceAll, stale, data); }
        finally { Environment.SetEnvironmentVariable(Workbench.OutVariable, outputs.OutDirectory); }
    }

    /// <summary>Gives the run up: the output folder stays as it was.</summary>
    public void Abandon()
    {
        Environment.SetEnvironmentVariable(Workbench.OutVariable, outputs.OutDirectory);
        outputs.Abandon();
    }
}
