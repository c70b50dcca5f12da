namespace KzMigration.Publishing;

/// <summary>
/// The outputs of one run, written into a fresh staging folder inside the output folder and moved
/// into place only when the run has finished (<see cref="Commit"/>): a run that is interrupted
/// leaves the output folder as it was, and a finished one replaces what it owns as a whole.
/// Images and the report are made from the staging folder, so only from this run's figures.
/// </summary>
public sealed class RunOutputs
{
    private const string StagingPrefix = ".kzmig-run-";

    // What the workbench wrote before output folders had a manifest: removed by the first run that
    // replaces everything, so an old table or image cannot pass for a new one.
    private static readonly (string Folder, string[] Extensions)[] LegacyLayout =
    [
        ("notebooks", [".ipynb"]), ("figures", [".json", ".html", ".png", ".svg"]), ("tables", [".csv", ".xlsx"]), ("report", [".html"]),
    ];

    private RunOutputs(string outDir, string staging)
    {
        OutDirectory = outDir;
        Directory = staging;
    }

    /// <summary>The output folder the run replaces outputs in.</summary>
    public string OutDirectory { get; }

    /// <summary>The staging folder the run writes to.</summary>
    public string Directory { get; }

    /// <summary>Starts a run in <paramref name="outDir"/>: removes staging folders of runs that never finished and makes a new one.</summary>
    public static RunOutputs Begin(string outDir)
    {
        foreach (var stale in System.IO.Directory.EnumerateDirectories(outDir, StagingPrefix + "*"))
            System.IO.Directory.Delete(stale, recursive: true);
        var staging = System.IO.Directory.CreateDirectory(Path.Combine(outDir, StagingPrefix + Guid.NewGuid().ToString("N")[..12])).FullName;
        return new RunOutputs(outDir, staging);
    }

    /// <summary>The files in the staging folder now, with their size and time (to tell what a notebook wrote).</summary>
    public IReadOnlyDictionary<string, (long Length, DateTime Written)> Snapshot() =>
        System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .ToDictionary(f => Relative(Directory, f.FullName), f => (f.Length, f.LastWriteTimeUtc), StringComparer.Ordinal);

    /// <summary>Files written or changed in the staging folder since <paramref name="before"/>, sorted.</summary>
    public IReadOnlyList<string> WrittenSince(IReadOnlyDictionary<string, (long Length, DateTime Written)> before) =>
        [.. Snapshot().Where(f => !before.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Moves the run's files into the output folder and writes its manifest and, from it, <c>datapackage.json</c>. With
    /// <paramref name="replaceAll"/> (a full reproduce) every file the previous manifest lists is
    /// removed first; otherwise only the previous files of the notebooks this run ran, any file this
    /// run overwrites, and the outputs listed in <paramref name="stale"/> (e.g. a report that no
    /// longer matches) are.
    /// </summary>
    public OutputManifest Commit(IReadOnlyList<NotebookOutputs> notebooks, IReadOnlyList<string> study, bool replaceAll, IReadOnlyList<string> stale, string? data)
    {
        var previous = OutputManifest.Read(OutDirectory);
        var written = Snapshot().Keys.ToHashSet(StringComparer.Ordinal);
        var ran = notebooks.Select(n => n.Notebook).ToHashSet(StringComparer.Ordinal);
        var remove = new HashSet<string>(StringComparer.Ordinal);
        List<NotebookOutputs> kept = [];
        List<string> keptStudy = [];
        if (replaceAll)
        {
            if (previous is null) remove.UnionWith(LegacyFiles());
            else remove.UnionWith(previous.AllFiles);
        }
        else
        {
            foreach (var entry in previous?.Notebooks ?? [])
            {
                if (ran.Contains(entry.Notebook)) { remove.UnionWith(entry.Files); continue; }
                kept.Add(entry with
                {
                    Files = [.. entry.Files.Where(f => !written.Contains(f))],
                    Published = [.. (entry.Published ?? []).Where(p => !written.Contains(p.Path))],
                });
            }
            keptStudy = [.. (previous?.Study ?? []).Where(f => !written.Contains(f) && !stale.Contains(f, StringComparer.Ordinal))];
            remove.UnionWith(stale);
        }

        foreach (var file in remove.Where(f => !written.Contains(f)))
            if (Inside(file) is { } path && File.Exists(path)) File.Delete(path);
        foreach (var file in written)
        {
            var target = Path.Combine(OutDirectory, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Path.Combine(Directory, file), target, overwrite: true);
        }
        System.IO.Directory.Delete(Directory, recursive: true);

        var manifest = new OutputManifest(
            [.. kept.Concat(notebooks).OrderBy(n => n.Notebook, StringComparer.Ordinal)],
            [.. keptStudy.Concat(study).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]) { Data = data };
        manifest.Write(OutDirectory);
        DataPackage.Write(OutDirectory, manifest);
        return manifest;
    }

    /// <summary>Gives up the run: the staging folder goes, the output folder stays as it was.</summary>
    public void Abandon()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>The full path of a listed file, or null if the entry would leave the output folder (a hand-edited manifest).</summary>
    private string? Inside(string relative)
    {
        if (Path.IsPathRooted(relative)) return null;
        var full = Path.GetFullPath(Path.Combine(OutDirectory, relative));
        return full.StartsWith(Path.GetFullPath(OutDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private IEnumerable<string> LegacyFiles()
    {
        if (File.Exists(Path.Combine(OutDirectory, "claims.csv"))) yield return "claims.csv";
        foreach (var (folder, extensions) in LegacyLayout)
        {
            var full = Path.Combine(OutDirectory, folder);
            if (!System.IO.Directory.Exists(full)) continue;
            foreach (var file in System.IO.Directory.EnumerateFiles(full))
                if (extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    yield return Relative(OutDirectory, file);
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
