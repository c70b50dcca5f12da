using System.Reflection;

namespace KzMigration.Explorer.Pages;

/// <summary>
/// The assemblies the browser fetches only when a page needs them: the project's <c>BlazorWebAssemblyLazyLoad</c> items,
/// compiled into this assembly's metadata (<c>kz-lazy-assemblies</c>) so that the list is written once, in the project file.
/// </summary>
internal static class LazyAssemblies
{
    /// <summary>File names as the lazy loader asks for them (<c>MathNet.Numerics.wasm</c>, …).</summary>
    public static IReadOnlyList<string> Names { get; } =
        typeof(LazyAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key == "kz-lazy-assemblies")
            .SelectMany(a => (a.Value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
}
