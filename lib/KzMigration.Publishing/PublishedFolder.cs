using System.Text.Json;

namespace KzMigration.Publishing;

/// <summary>What a publish did: files written, files of the previous publish removed.</summary>
public sealed record PublishResult(string Folder, int Written, int Removed);

/// <summary>
/// A static site (the seminar explorer) published into a folder that may hold other files — a course repository's
/// <c>docs/</c> with its <c>syllabus.md</c> and <c>lectures/</c>. The folder's own list, <c>.kzmig-published.json</c>,
/// names every file a publish wrote; a publish replaces exactly those (removing the ones the new site no longer has) and
/// never touches any other file. A file of the new site whose place holds a file the list does not name refuses the
/// publish before anything is written. A folder published before the list existed (it holds the explorer's marker
/// <c>.kzmig-explorer</c> and no list) is adopted: the files the new site writes are replaced, nothing else is touched.
/// </summary>
public static class PublishedFolder
{
    /// <summary>The list of the files the last publish wrote, inside the published folder.</summary>
    public const string ListFileName = ".kzmig-published.json";

    /// <summary>The marker file every published explorer carries (the site's build stamp).</summary>
    public const string SiteMarker = ".kzmig-explorer";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Publishes <paramref name="site"/> into <paramref name="destination"/> (created if needed; checked as an output
    /// folder is, see <see cref="OutputFolder.Prepare"/>, against <paramref name="protectedFolders"/>).
    /// </summary>
    /// <exception cref="InvalidOutputFolderException">The folder cannot be used, or holds files of its own where the site's go; nothing was written.</exception>
    public static PublishResult Publish(string site, string destination, IEnumerable<string?> protectedFolders)
    {
        const string option = "--publish";
        var folder = OutputFolder.Prepare(destination, protectedFolders, option);
        var files = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
            .Select(f => OutputFolder.Relative(site, f)).Where(f => f != ListFileName).Order(StringComparer.Ordinal).ToList();
        var listed = ReadList(folder);
        var owned = listed?.ToHashSet(StringComparer.Ordinal)
            ?? (File.Exists(Path.Combine(folder, SiteMarker)) ? files.ToHashSet(StringComparer.Ordinal) : []);
        var foreign = files.Where(f => File.Exists(Path.Combine(folder, f)) && !owned.Contains(f)).ToList();
        if (foreign.Count > 0)
            throw new InvalidOutputFolderException(folder,
                $"holds {OutputFolder.Listing(foreign)}, which no earlier --publish wrote; "
                + "a publish replaces only the files it wrote, so nothing was written: move them away, or publish into another folder", option);
        var clashes = files.Where(f => Directory.Exists(Path.Combine(folder, f))).ToList();
        if (clashes.Count > 0)
            throw new InvalidOutputFolderException(folder, $"holds a folder where the site has the file {clashes[0]}; nothing was written", option);

        // The list names everything this publish may write before it writes anything, so an interrupted publish still
        // owns what it wrote; the final list names the new site's files only.
        WriteList(folder, [.. owned.Union(files).Order(StringComparer.Ordinal)]);
        foreach (var file in files)
        {
            var target = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + ".kzmig-tmp";
            File.Copy(Path.Combine(site, file), temporary, overwrite: true);
            File.Move(temporary, target, overwrite: true);
        }
        var removed = 0;
        foreach (var old in owned.Except(files, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (OutputFolder.Inside(folder, old) is not { } path || !File.Exists(path)) continue;
            File.Delete(path);
            removed++;
            RemoveEmptyParents(folder, Path.GetDirectoryName(path)!);
        }
        WriteList(folder, files);
        return new PublishResult(folder, files.Count, removed);
    }

    /// <summary>The files the last publish into <paramref name="folder"/> wrote, or null when it has no list.</summary>
    public static IReadOnlyList<string>? ReadList(string folder)
    {
        var path = Path.Combine(folder, ListFileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<PublishedList>(File.ReadAllText(path), Json)?.Files is { } files && files.All(f => f is { Length: > 0 })
                ? files
                : throw new InvalidOutputFolderException(folder, $"its {ListFileName} names no files; nothing was written", "--publish");
        }
        catch (JsonException e)
        {
            throw new InvalidOutputFolderException(folder, $"its {ListFileName} cannot be read ({e.Message}); nothing was written", "--publish");
        }
    }

    private static void WriteList(string folder, IReadOnlyList<string> files)
    {
        var path = Path.Combine(folder, ListFileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(new PublishedList("kzmig-published/1", files), Json) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    // A folder emptied by the removal of the previous site's files goes too, up to (not including) the published folder.
    private static void RemoveEmptyParents(string root, string folder)
    {
        while (folder.Length > root.Length && folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private sealed record PublishedList(string Format, IReadOnlyList<string> Files);
}
