using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.CSharp;

namespace KzMigration.Notebooks;

/// <summary>
/// The compiler's references, shared by every notebook's kernel of one process. Each notebook runs in a fresh kernel (its
/// variables and usings are its own), but a fresh <see cref="CSharpKernel"/> makes new metadata references for the same
/// assemblies (the framework's, the workbench's), and Roslyn then reads their metadata and builds their symbols again:
/// about 0.4 s of CPU before a notebook's first cell (bench/README.md, issue 24). Roslyn keeps the symbols it builds with
/// the metadata object they came from (<c>AssemblyMetadata</c>), so kernels given the same reference objects share them:
/// the first kernel of the process pays, the next ones do not.
/// <para>
/// .NET Interactive keeps a kernel's script options private and offers no way to give it references other than by path
/// (which makes new ones); its C# kernel is archived and pinned (README), and its two private fields are set here by
/// reflection. Where they are not found (another version), kernels are made as before (<see cref="Active"/> says which,
/// and a test holds it). What stays each kernel's own: its script state, its usings, the references its cells add
/// (<c>#r</c>), and a resolver that resolves a cell's relative <c>#r</c> against the current folder as the kernel would.
/// </para>
/// </summary>
internal static class NotebookReferences
{
    private static readonly FieldInfo? Options = typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? WorkingDirectory = typeof(CSharpKernel).GetField("_workingDirectory", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly Lock Gate = new();
    private static ScriptOptions? shared;

    /// <summary>Whether kernels share their references (the private fields were found).</summary>
    internal static bool Active => Options?.FieldType == typeof(ScriptOptions) && WorkingDirectory?.FieldType == typeof(string);

    /// <summary>
    /// Gives <paramref name="kernel"/>, fresh, the process's shared script options with the workbench's assemblies
    /// (<paramref name="workbench"/>, paths); false when that cannot be done (the caller adds them by path).
    /// </summary>
    internal static bool Share(CSharpKernel kernel, IReadOnlyList<string> workbench)
    {
        if (!Active) return false;
        ScriptOptions options;
        lock (Gate)
        {
            // The first kernel's own defaults (imports, framework and .NET Interactive references), once, with the
            // workbench's references and a resolver whose answers every kernel shares.
            shared ??= ((ScriptOptions)Options!.GetValue(kernel)!)
                .AddReferences(workbench.Select(path => MetadataReference.CreateFromFile(path)))
                .WithMetadataResolver(new SharedResolver());
            options = shared;
        }
        var folder = Directory.GetCurrentDirectory();
        Options!.SetValue(kernel, options.WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, folder)));
        // The kernel replaces the resolver when the current folder is not the one it last saw; it sees this one.
        WorkingDirectory!.SetValue(kernel, folder);
        return true;
    }

    /// <summary>
    /// Resolves references as Roslyn's <see cref="ScriptMetadataResolver"/> does, relative to the current folder at the
    /// time (as the kernel's own resolver would be), and keeps each answer for the process while its files are unchanged.
    /// </summary>
    private sealed class SharedResolver : MetadataReferenceResolver
    {
        private readonly ConcurrentDictionary<(string Reference, string? Base, string Folder, MetadataReferenceProperties Properties), (ImmutableArray<PortableExecutableReference> References, string Stamp)> resolved = new();
        private readonly ConcurrentDictionary<AssemblyIdentity, PortableExecutableReference?> missing = new();

        public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
        {
            var key = (reference, baseFilePath, Directory.GetCurrentDirectory(), properties);
            if (resolved.TryGetValue(key, out var known) && known.Stamp == Stamp(known.References)) return known.References;
            var references = ScriptMetadataResolver.Default.WithBaseDirectory(key.Item3).ResolveReference(reference, baseFilePath, properties);
            resolved[key] = (references, Stamp(references));
            return references;
        }

        public override bool ResolveMissingAssemblies => ScriptMetadataResolver.Default.ResolveMissingAssemblies;

        public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
            missing.GetOrAdd(referenceIdentity, identity => ScriptMetadataResolver.Default.ResolveMissingAssembly(definition, identity));

        // A file rebuilt between two notebooks (a cell's #r of a library the user is editing) is read again.
        private static string Stamp(ImmutableArray<PortableExecutableReference> references) =>
            string.Join('|', references.Select(r => r.FilePath is { } path && File.Exists(path) ? $"{path}:{new FileInfo(path).Length}:{File.GetLastWriteTimeUtc(path).Ticks}" : "-"));

        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }
}
