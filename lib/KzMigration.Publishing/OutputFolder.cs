namespace KzMigration.Publishing;

/// <summary>A folder that cannot take a run's outputs (a file, a filesystem root, the repository, read-only, ...).</summary>
/// <param name="path">The folder.</param>
/// <param name="reason">Why, as the end of a sentence that starts with the folder.</param>
/// <param name="option">The option that named it (<c>--out</c>, <c>--publish</c>).</param>
public sealed class InvalidOutputFolderException(string path, string reason, string option = "--out") : Exception($"{option} {path}: {reason}")
{
    public string FolderPath { get; } = path;
    public string Reason { get; } = reason;
}

/// <summary>
/// The output folder of a run (<c>--out</c>), checked before any work: a run writes
/// <c>figures/</c>, <c>notebooks/</c>, <c>report/</c> ... into it, so it must be a folder of its own.
/// </summary>
public static class OutputFolder
{
    /// <summary>The name of the empty file that checks a folder is writable (written and deleted at once).</summary>
    internal const string ProbePrefix = ".kzmig-write-test-";

    /// <summary>
    /// Checks <paramref name="path"/> and creates it if needed. It must not be a file, a filesystem
    /// root, a KzMigration checkout, one of <paramref name="protectedFolders"/> (data, notebooks,
    /// the repository) or a folder above one of them, and it must be writable.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="protectedFolders">Folders the run reads, which the output folder must neither be nor hold.</param>
    /// <param name="option">The option that names the folder, for the messages (<c>--out</c>, <c>--publish</c>).</param>
    /// <returns>The full path.</returns>
    /// <exception cref="InvalidOutputFolderException">The folder cannot take the outputs; the message says why.</exception>
    public static string Prepare(string path, IEnumerable<string?> protectedFolders, string option = "--out")
    {
        var full = Trim(Path.GetFullPath(path));
        if (File.Exists(full)) throw new InvalidOutputFolderException(full, "is a file; give a folder", option);
        if (string.Equals(Trim(Path.GetPathRoot(full) ?? ""), full, StringComparison.Ordinal))
            throw new InvalidOutputFolderException(full, "is the root of a filesystem; give a folder of its own, e.g. ./out", option);
        if (File.Exists(Path.Combine(full, "global.json")) && Directory.Exists(Path.Combine(full, "notebooks")))
            throw new InvalidOutputFolderException(full, "is a KzMigration repository; outputs go to a folder of their own, e.g. " + Path.Combine(full, "out"), option);
        foreach (var folder in protectedFolders)
        {
            if (folder is null) continue;
            var guarded = Trim(Path.GetFullPath(folder));
            if (string.Equals(guarded, full, StringComparison.Ordinal))
                throw new InvalidOutputFolderException(full, $"is {guarded} itself (the run's inputs); give a folder of its own", option);
            if (guarded.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidOutputFolderException(full, $"holds {guarded} (the run's inputs); give a folder of its own", option);
        }

        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidOutputFolderException(full, "cannot be created: " + e.Message, option);
        }
        var probe = Path.Combine(full, $"{ProbePrefix}{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOutputFolderException(full, "is not writable: " + e.Message, option);
        }
        return full;
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> inside <paramref name="root"/> (a full path), or null when it would
    /// leave the folder (a rooted path, <c>..</c>: a hand-edited manifest or list must not reach outside it).
    /// </summary>
    public static string? Inside(string root, string relative)
    {
        if (Path.IsPathRooted(relative)) return null;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary><paramref name="path"/> relative to <paramref name="root"/>, with '/' separators (as manifests list files).</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>A few of <paramref name="files"/> for a message: «a, b, c, d, e and 7 more».</summary>
    public static string Listing(IReadOnlyList<string> files) =>
        string.Join(", ", files.Take(5)) + (files.Count > 5 ? $" and {files.Count - 5} more" : "");

    private static string Trim(string path) =>
        path.Length > 1 && (path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
            && !string.Equals(Path.GetPathRoot(path), path, StringComparison.Ordinal)
            ? path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            : path;
}
