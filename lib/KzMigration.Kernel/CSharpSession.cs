using KzMigration.Notebooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace KzMigration.Kernel;

/// <summary>How an execution ended.</summary>
internal enum ExecutionStatus { Ok, Error, Interrupted }

/// <summary>The end of one execution: status and, for an error, its name, value and traceback lines.</summary>
internal sealed record ExecutionEnd(ExecutionStatus Status, string ErrorName = "", string ErrorValue = "", IReadOnlyList<string>? Traceback = null);

/// <summary>A completion answer: the texts, and the UTF-16 range of the code they replace.</summary>
internal sealed record Completions(IReadOnlyList<string> Matches, int Start, int End, IReadOnlyList<(string Text, string Kind)> Items);

/// <summary>
/// One interactive C# session: the runner's C# kernel (<see cref="NotebookKernel.CreateCSharp"/>)
/// with its events forwarded live while a cell runs, plus completion, hover text and the
/// completeness test a console front-end asks for.
/// </summary>
internal sealed class CSharpSession : IDisposable
{
    private readonly CompositeKernel kernel = NotebookKernel.CreateCSharp();
    private readonly IDisposable subscription;
    private volatile Action<KernelEvent>? listener;

    public CSharpSession() => subscription = kernel.KernelEvents.Subscribe(new Observer(e => listener?.Invoke(e)));

    /// <summary>
    /// Runs <paramref name="code"/>; output events go to <paramref name="onOutput"/> as they happen.
    /// An interrupt (<see cref="InterruptAsync"/>) ends the wait with <see cref="ExecutionStatus.Interrupted"/>.
    /// </summary>
    public async Task<ExecutionEnd> ExecuteAsync(string code, Action<KernelEvent> onOutput)
    {
        listener = e =>
        {
            if (e is StandardOutputValueProduced or StandardErrorValueProduced or DisplayedValueProduced or DisplayedValueUpdated or ReturnValueProduced)
                onOutput(e);
        };
        try
        {
            var result = await kernel.SendAsync(new SubmitCode(code)).ConfigureAwait(false);
            var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
            if (failed is null) return new ExecutionEnd(ExecutionStatus.Ok);
            // .NET Interactive ends a cancelled command with "Command cancelled." (or the cell's own OperationCanceledException).
            if (failed.Exception is OperationCanceledException || (failed.Exception is null && failed.Message.Contains("cancelled", StringComparison.OrdinalIgnoreCase)))
                return new ExecutionEnd(ExecutionStatus.Interrupted, "Interrupted", "the cell was interrupted",
                    ["Interrupted: the cell was interrupted.", "The session's variables are those from before this cell. (A cell that does not stop within the kernel's grace period gets its session restarted: see the README, «Open the notebooks interactively».)"]);
            var message = failed.Exception?.Message is { Length: > 0 } m && !failed.Message.Contains(m, StringComparison.Ordinal) ? failed.Message + " " + m : failed.Message;
            var name = failed.Exception?.GetType().Name ?? "CompilationError";
            var lines = message.Replace("\r\n", "\n").Split('\n');
            return new ExecutionEnd(ExecutionStatus.Error, name, NotebookKernel.FirstLine(message), [$"{name}: {lines[0]}", .. lines.Skip(1)]);
        }
        finally
        {
            listener = null;
        }
    }

    /// <summary>Asks the C# kernel to cancel what it runs. Cooperative code stops; a busy statement is abandoned, not stopped.</summary>
    public Task InterruptAsync() => kernel.SendAsync(new Cancel());

    /// <summary>Completions at UTF-16 <paramref name="cursor"/> of <paramref name="code"/>, in the context of the cells run so far.</summary>
    public async Task<Completions> CompleteAsync(string code, int cursor)
    {
        var (line, character) = CodePoints.LinePosition(code, cursor);
        var result = await kernel.SendAsync(new RequestCompletions(code, new LinePosition(line, character))).ConfigureAwait(false);
        var produced = result.Events.OfType<CompletionsProduced>().FirstOrDefault();
        if (produced is null) return new Completions([], cursor, cursor, []);
        int start = cursor, end = cursor;
        if (produced.LinePositionSpan is { } span)
        {
            start = CodePoints.Utf16Index(code, span.Start.Line, span.Start.Character);
            end = CodePoints.Utf16Index(code, span.End.Line, span.End.Character);
        }
        else
        {
            while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        }
        var items = produced.Completions
            .Select(c => (Text: PlainInsertText(c), c.Kind))
            .Where(c => !string.IsNullOrEmpty(c.Text))
            .DistinctBy(c => c.Text)
            .ToList();
        return new Completions(items.Select(i => i.Text).ToList(), start, end, items.Select(i => (i.Text, i.Kind ?? "")).ToList());
    }

    /// <summary>
    /// The text a Jupyter front-end should insert. Jupyter inserts matches verbatim, so a snippet
    /// (<c>Score($1)</c>, with tab stops for an editor that knows LSP snippets) becomes its name.
    /// </summary>
    private static string PlainInsertText(CompletionItem item) =>
        item.InsertText is { Length: > 0 } insert && !insert.Contains('$') ? insert
        : item.FilterText is { Length: > 0 } filter ? filter
        : item.DisplayText;

    /// <summary>Hover text (Markdown and plain) for the symbol at UTF-16 <paramref name="cursor"/>, or null.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> InspectAsync(string code, int cursor)
    {
        var (line, character) = CodePoints.LinePosition(code, cursor);
        // Hover is asked at the symbol under the cursor; a cursor just after a name (the usual case
        // when typing) asks one character back, where the name is.
        foreach (var at in character > 0 ? [character, character - 1] : new[] { character })
        {
            var result = await kernel.SendAsync(new RequestHoverText(code, new LinePosition(line, at))).ConfigureAwait(false);
            var hover = result.Events.OfType<HoverTextProduced>().FirstOrDefault();
            if (hover is null || hover.Content.Count == 0) continue;
            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in hover.Content) data[value.MimeType] = value.Value;
            if (!data.ContainsKey(KernelDisplay.PlainTextMimeType))
                data[KernelDisplay.PlainTextMimeType] = data.Values.First();
            return data;
        }
        return null;
    }

    /// <summary>
    /// Whether <paramref name="code"/> is a complete submission ("complete"), needs more lines
    /// ("incomplete"), or is complete but cannot compile as written ("invalid"). Roslyn's parser
    /// decides, with the script rules the C# kernel uses.
    /// </summary>
    public static string IsComplete(string code)
    {
        if (code.Trim().Length == 0) return "complete";
        var options = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(code, options);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return "incomplete";
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? "invalid" : "complete";
    }

    public void Dispose()
    {
        subscription.Dispose();
        kernel.Dispose();
    }

    private sealed class Observer(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
