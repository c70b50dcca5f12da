using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Tags;
using Microsoft.CodeAnalysis.Text;

namespace KzMigration.Kernel;

/// <summary>
/// Completion for a C# session, from Roslyn's <see cref="CompletionService"/> on a workspace that mirrors the session's
/// submissions: one submission project per script of the session's chain (its code, compilation options and references,
/// a project reference to the one before), and one "working" submission after the last, whose single document is the
/// text being completed.
/// </summary>
/// <remarks>
/// Why not the C# kernel's own completion: .NET Interactive forks its workspace for every request, so each request
/// builds the working project's compilation (and its reference set) anew: 0.5–1 s on this machine. Here the workspace is
/// brought up to date once per submission (<see cref="Update"/>), its working compilation is built once and kept
/// (<see cref="WarmAsync"/>, in the background after a cell), and a request only swaps the working document's text,
/// which Roslyn applies incrementally to that compilation. The MEF composition of the language services
/// (<see cref="MefHostServices.DefaultHost"/>) happens once per process, when the session starts
/// (bench/README.md, «Jupyter kernel», issue 24).
/// </remarks>
internal sealed class CompletionWorkspace : IDisposable
{
    // The kind reported for an item: the first of its tags in this order (the order .NET Interactive's completion used,
    // so the Jupyter types stay what front-ends saw before).
    private static readonly string[] KindTags =
    [
        WellKnownTags.Class, WellKnownTags.Constant, WellKnownTags.Delegate, WellKnownTags.Enum, WellKnownTags.EnumMember,
        WellKnownTags.Event, WellKnownTags.ExtensionMethod, WellKnownTags.Field, WellKnownTags.Interface, WellKnownTags.Intrinsic,
        WellKnownTags.Keyword, WellKnownTags.Label, WellKnownTags.Local, WellKnownTags.Method, WellKnownTags.Module,
        WellKnownTags.Namespace, WellKnownTags.Operator, WellKnownTags.Parameter, WellKnownTags.Property, WellKnownTags.RangeVariable,
        WellKnownTags.Reference, WellKnownTags.Structure, WellKnownTags.TypeParameter,
    ];

    private readonly AdhocWorkspace workspace = new(MefHostServices.DefaultHost, WorkspaceKind.Interactive);
    private readonly Lock gate = new();
    // The mirrored chain, oldest first: each script of the session and its project.
    private readonly List<(Script Script, ProjectId Project)> mirrored = [];
    private Solution solution;
    private DocumentId? working;

    public CompletionWorkspace() => solution = workspace.CurrentSolution;

    /// <summary>How many submissions the workspace mirrors (for tests).</summary>
    public int Submissions
    {
        get { lock (gate) return mirrored.Count; }
    }

    /// <summary>
    /// Brings the workspace up to the session's last script (<c>ScriptState.Script</c>): adds a project for each script
    /// not mirrored yet and a new working project after the last. Cheap: nothing is compiled here. False when there is
    /// no script yet (nothing to complete against).
    /// </summary>
    public bool Update(Script? last)
    {
        if (last is null) return false;
        lock (gate)
        {
            if (mirrored.Count > 0 && ReferenceEquals(mirrored[^1].Script, last)) return true;
            // The scripts after the last mirrored one, oldest on top. A chain that does not continue the mirrored one
            // cannot happen in one session (a script state only moves forward), but would mislead: then start over.
            var added = new Stack<Script>();
            var script = last;
            for (; script is not null && (mirrored.Count == 0 || !ReferenceEquals(script, mirrored[^1].Script)); script = script.Previous)
                added.Push(script);
            if (script is null && mirrored.Count > 0)
            {
                mirrored.Clear();
                solution = workspace.CurrentSolution;
                working = null;
            }
            if (working is { } previousWorking) solution = solution.RemoveProject(previousWorking.ProjectId);
            while (added.TryPop(out var next))
            {
                var id = AddSubmission(next.GetCompilation(), SourceText.From(next.Code), mirrored.Count > 0 ? mirrored[^1].Project : null);
                mirrored.Add((next, id));
            }
            var compilation = mirrored[^1].Script.GetCompilation();
            var workingProject = AddSubmission(compilation, SourceText.From(""), mirrored[^1].Project);
            working = solution.GetProject(workingProject)!.DocumentIds[0];
            return true;
        }
    }

    /// <summary>
    /// Builds the working project's compilation (and so every submission's before it), and on the first call also runs one
    /// completion so Roslyn's completion providers are loaded and compiled: after it a request costs only its own text.
    /// </summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        Document document;
        lock (gate)
        {
            if (working is null) return;
            document = solution.GetDocument(working)!;
        }
        await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (!providersWarmed)
        {
            const string probe = "System.Console.";
            await CompleteAsync(probe, probe.Length, cancellationToken).ConfigureAwait(false);
            providersWarmed = true;
        }
    }

    private volatile bool providersWarmed;

    /// <summary>Completions at UTF-16 <paramref name="cursor"/> of <paramref name="code"/>, after the mirrored submissions; null before <see cref="Update"/>.</summary>
    public async Task<Completions?> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        Document document;
        lock (gate)
        {
            if (working is null) return null;
            // Only the working document's text changes: Roslyn reuses the working compilation and swaps one syntax tree.
            document = solution.WithDocumentText(working, SourceText.From(code)).GetDocument(working)!;
        }
        var service = CompletionService.GetService(document);
        if (service is null) return null;
        cursor = Math.Clamp(cursor, 0, code.Length);
        var list = await service.GetCompletionsAsync(document, cursor, cancellationToken: cancellationToken).ConfigureAwait(false);
        var items = list.ItemsList
            .Select(item => (Text: string.IsNullOrEmpty(item.FilterText) ? item.DisplayText : item.FilterText, Kind: Kind(item)))
            .Where(item => !string.IsNullOrEmpty(item.Text))
            .DistinctBy(item => item.Text)
            .ToList();
        var span = list.Span.End <= code.Length ? list.Span : new TextSpan(cursor, 0);
        return new Completions(items.Select(i => i.Text).ToList(), span.Start, span.End, items);
    }

    private static string Kind(CompletionItem item)
    {
        foreach (var tag in KindTags)
            if (item.Tags.Contains(tag)) return tag;
        return "";
    }

    /// <summary>Adds a submission project (the given text, the options and references of <paramref name="compilation"/>) after <paramref name="previous"/>.</summary>
    private ProjectId AddSubmission(Compilation compilation, SourceText text, ProjectId? previous)
    {
        var id = ProjectId.CreateNewId();
        var name = $"Submission#{mirrored.Count}";
        var parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options;
        solution = solution.AddProject(ProjectInfo.Create(id, VersionStamp.Create(), name, name, LanguageNames.CSharp,
            compilationOptions: compilation.Options.WithScriptClassName(name),
            parseOptions: parseOptions,
            // The explicit references; a #r in a submission's code is resolved by its own directive, as when it ran.
            metadataReferences: compilation.ExternalReferences,
            projectReferences: previous is null ? null : [new ProjectReference(previous)],
            isSubmission: true));
        solution = solution.AddDocument(DocumentId.CreateNewId(id), name + ".csx", text);
        return id;
    }

    public void Dispose() => workspace.Dispose();
}
