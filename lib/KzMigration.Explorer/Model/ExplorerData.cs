using System.Reflection;
using KzMigration.Data;

namespace KzMigration.Explorer.Model;

/// <summary>
/// The bundled data package inside the explorer: <c>data/</c> is compiled into the app as embedded resources, byte for
/// byte, written into the runtime's file system (in the browser: the in-memory file system of .NET on WebAssembly) and
/// read by the same loader with the same row validation as on the desktop. Its integrity (the sha256 recorded in
/// <c>datapackage.json</c>) is checked once, when the site is built, and trusted in the browser. A user's overlay (files in
/// the bundled layout: migration.csv, socioeconomic.csv, sources.csv, indicators.csv) is written beside it and loaded on
/// top, verified as always.
/// </summary>
public static class ExplorerData
{
    /// <summary>Resource name prefix of the bundled files.</summary>
    public const string Prefix = "data/";

    /// <summary>The file names an overlay may hold.</summary>
    public static readonly IReadOnlyList<string> OverlayFiles =
        [DataTables.Migration.File, DataTables.Socioeconomic.File, DataTables.Sources.File, DataTables.Indicators.File, DataTables.OdFlows.File];

    /// <summary>Writes the embedded package of <paramref name="assembly"/> under <paramref name="root"/>/data and returns that folder.</summary>
    public static string Unpack(Assembly assembly, string root)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (names.Count == 0) throw new InvalidOperationException($"{assembly.GetName().Name} embeds no data package.");
        foreach (var name in names)
        {
            var path = Path.Combine(root, name.Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(path);
            stream.CopyTo(file);
        }
        return Path.Combine(root, "data");
    }

    /// <summary>
    /// Writes an overlay picked by the user (file name → bytes) into a fresh folder under <paramref name="root"/> and
    /// loads the bundle with it; throws <see cref="DataFileException"/> (file, line, field) or <see cref="FormatException"/>
    /// when a file is not one of <see cref="OverlayFiles"/>. Nothing is kept when it fails. The overlay is always validated
    /// and verified; <paramref name="trustBundle"/> skips only recomputing the hashes of the compiled-in bundle (verified when
    /// the app was built, <see cref="WorkbenchData.LoadTrustedBundle"/>).
    /// </summary>
    public static WorkbenchData LoadWithOverlay(string dataDirectory, string root, IReadOnlyDictionary<string, byte[]> files, bool trustBundle = false)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0) throw new FormatException("no overlay file chosen.");
        foreach (var name in files.Keys)
            if (!OverlayFiles.Contains(Path.GetFileName(name), StringComparer.Ordinal))
                throw new FormatException($"{name}: not an overlay file; expected {string.Join(", ", OverlayFiles)} (the layout kzmig data import writes into data/user).");
        var folder = Path.Combine(root, "overlay-" + Guid.NewGuid().ToString("N")[..8], "user");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(folder, Path.GetFileName(name)), bytes);
            return trustBundle ? WorkbenchData.LoadTrustedBundle(dataDirectory, folder) : WorkbenchData.LoadBundle(dataDirectory, folder);
        }
        catch
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
            throw;
        }
    }
}
