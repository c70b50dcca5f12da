using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using KzMigration.Data;
using KzMigration.Runs;

namespace KzMigration.Cli.Commands;

/// <summary>
/// Runs the explorer's own prerender (<c>KzMigration.Explorer.Pages.BaselinePrerender</c>) on the desktop runtime, from the
/// build that was just published: its assemblies are loaded into a context of their own (the explorer's copy of the
/// science core and of Blazor's component libraries; only the .NET runtime's assemblies come from this process), so the
/// markup is rendered by exactly the code and the embedded data the browser runs. The CLI references neither Blazor nor
/// the explorer.
/// </summary>
internal static class ExplorePrerender
{
    private const string ExplorerAssembly = "KzMigration.Explorer";
    private const string Entry = "KzMigration.Explorer.Pages.BaselinePrerender";

    /// <summary>
    /// The markup of the paper's baseline page, rendered by the explorer assembly in <paramref name="buildFolder"/> (its
    /// build output: plain IL assemblies). Loading its embedded data package there verifies the recorded hashes: a package
    /// that fails throws <see cref="DataFileException"/>; anything else that fails throws <see cref="IOException"/>.
    /// </summary>
    public static async Task<string> BaselineAsync(string buildFolder)
    {
        var path = Path.Combine(buildFolder, ExplorerAssembly + ".dll");
        if (!File.Exists(path)) throw new IOException($"prerendering the explorer: {Workbench.ShownPath(path)} not found after the build");
        var work = Path.Combine(Path.GetTempPath(), "kzmig-prerender-" + Guid.NewGuid().ToString("N")[..12]);
        var context = new ExplorerBuildContext(buildFolder);
        try
        {
            var entry = context.LoadFromAssemblyPath(path).GetType(Entry)?.GetMethod("RenderAsync", [typeof(string)])
                ?? throw new IOException($"prerendering the explorer: {Entry}.RenderAsync(string) not found in {Workbench.ShownPath(path)}");
            try
            {
                return await ((Task<string>)entry.Invoke(null, [work])!).ConfigureAwait(false);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null) { throw Native(e.InnerException); }
            catch (Exception e) when (e is not IOException) { throw Native(e); }
        }
        finally
        {
            context.Unload();
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    // The explorer's exceptions are types of its own copy of the core: a refused data file becomes this process's
    // DataFileException (same file, line, field and reason), anything else an IOException with its message.
    private static Exception Native(Exception e)
    {
        if (e.GetType().FullName == typeof(DataFileException).FullName)
        {
            object? Get(string name) => e.GetType().GetProperty(name)?.GetValue(e);
            return new DataFileException(Get(nameof(DataFileException.File)) as string, Get(nameof(DataFileException.Line)) as int?,
                Get(nameof(DataFileException.Field)) as string, $"{Get(nameof(DataFileException.Reason))} (the copy compiled into the explorer)");
        }
        return new IOException($"prerendering the explorer's baseline failed: {e.GetType().Name}: {e.Message}", e);
    }

    // The explorer's build output holds the browser's System.* assemblies too: those, and every assembly of the running
    // .NET runtime, come from this process; everything else (the explorer, the core, Blazor, third-party libraries) from
    // the build.
    private sealed class ExplorerBuildContext(string folder) : AssemblyLoadContext("kzmig-explorer-prerender", isCollectible: true)
    {
        private static readonly string Runtime = RuntimeEnvironment.GetRuntimeDirectory();

        protected override Assembly? Load(AssemblyName name)
        {
            var file = name.Name + ".dll";
            if (File.Exists(Path.Combine(Runtime, file))) return null;
            var local = Path.Combine(folder, file);
            return File.Exists(local) ? LoadFromAssemblyPath(local) : null;
        }
    }
}
