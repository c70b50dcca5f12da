using KzMigration.Data;
using KzMigration.Explorer.Model;

namespace KzMigration.Explorer.Pages;

/// <summary>
/// The loaded data and engine of this browser tab (loaded once; an overlay replaces it). In the browser the embedded
/// package is trusted: its recorded hashes were verified when the site was built (<see cref="BaselinePrerender"/> loads
/// the same embedded bytes with <see cref="WorkbenchData.LoadBundle"/>, which checks them, and a published app cannot
/// change), so the load reads and validates the rows without recomputing sha256 in WebAssembly. An overlay the user picks
/// is verified as always.
/// </summary>
internal static class ExplorerSession
{
    // In the browser: a folder of the .NET in-memory file system.
    private static string _root = "/kzmig";
    private static bool _verify;
    private static string? _dataDirectory;

    public static ExplorerEngine? Engine { get; private set; }

    public static string? Overlay { get; private set; }

    /// <summary>
    /// Makes the session unpack into <paramref name="root"/> and check the package's recorded hashes on load: the
    /// prerender on the desktop, where the check is the build's verification of the compiled-in copy.
    /// </summary>
    public static void UseVerifiedFolder(string root)
    {
        (_root, _verify, _dataDirectory, Engine, Overlay) = (root, true, null, null, null);
    }

    /// <summary>Writes the embedded package into the file system, once (a step of its own for the start's timings); returns its folder.</summary>
    public static string Unpack() => _dataDirectory ??= ExplorerData.Unpack(typeof(ExplorerSession).Assembly, _root);

    public static ExplorerEngine Load()
    {
        if (Engine is not null) return Engine;
        var dataDirectory = Unpack();
        var data = _verify ? WorkbenchData.LoadBundle(dataDirectory) : WorkbenchData.LoadTrustedBundle(dataDirectory);
        Engine = new ExplorerEngine(data, Path.Combine(dataDirectory, "boundaries"));
        return Engine;
    }

    public static ExplorerEngine LoadOverlay(IReadOnlyDictionary<string, byte[]> files)
    {
        Load();
        var dataDirectory = Unpack();
        var data = ExplorerData.LoadWithOverlay(dataDirectory, _root, files, trustBundle: !_verify);
        Engine = new ExplorerEngine(data, Path.Combine(dataDirectory, "boundaries"));
        Overlay = string.Join(", ", files.Keys);
        return Engine;
    }
}
