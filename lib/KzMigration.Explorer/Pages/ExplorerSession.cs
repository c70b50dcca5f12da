using KzMigration.Data;
using KzMigration.Explorer.Model;

namespace KzMigration.Explorer.Pages;

/// <summary>The loaded data and engine of this browser tab (loaded once; an overlay replaces it).</summary>
internal static class ExplorerSession
{
    private const string Root = "/kzmig";
    private static string? _dataDirectory;

    public static ExplorerEngine? Engine { get; private set; }

    public static string? Overlay { get; private set; }

    public static ExplorerEngine Load()
    {
        if (Engine is not null) return Engine;
        _dataDirectory ??= ExplorerData.Unpack(typeof(ExplorerSession).Assembly, Root);
        Engine = new ExplorerEngine(WorkbenchData.LoadBundle(_dataDirectory), Path.Combine(_dataDirectory, "boundaries"));
        return Engine;
    }

    public static ExplorerEngine LoadOverlay(IReadOnlyDictionary<string, byte[]> files)
    {
        Load();
        var data = ExplorerData.LoadWithOverlay(_dataDirectory!, Root, files);
        Engine = new ExplorerEngine(data, Path.Combine(_dataDirectory!, "boundaries"));
        Overlay = string.Join(", ", files.Keys);
        return Engine;
    }
}
