using KzMigration.Notebooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
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
/// with its events forwarded live while a cell runs, plus completion (<see cref="CompletionWorkspace"/>), hover text and
/// the completeness test a console front-end asks for.
/// </summary>
internal sealed class CSharpSession : IDisposable
{
    private readonly CompositeKernel kernel = NotebookKernel.CreateCSharp();
    private readonly CSharpKernel csharp;
    private readonly IDisposable subscription;
    private readonly CompletionWorkspace completion = new();
    private readonly CancellationTokenSource ending = new();
    private readonly Lock warmGate = new();
    private CancellationTokenSource? warmCancel;
    private Task warming = Task.CompletedTask;
    private volatile Action<KernelEvent>? listener;

    public CSharpSession()
    {
        csharp = kernel.ChildKernels.OfType<CSharpKernel>().Single();
        subscription = kernel.KernelEvents.Subscribe(new Observer(e => listener?.Invoke(e)));
        // A cancelled submission's command ends at once, but its code runs on until it returns by itself: the C# kernel's
        // handler, which this middleware wraps, ends only then. So the count says whether abandoned code still runs.
        csharp.AddMiddleware(async (command, context, next) =>
        {
            if (command is not SubmitCode) { await next(command, context).ConfigureAwait(false); return; }
            lock (runningGate)
                if (running++ == 0) noCodeRuns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try { await next(command, context).ConfigureAwait(false); }
            finally
            {
                lock (runningGate)
                    if (--running == 0) noCodeRuns.TrySetResult();
            }
        });
    }

    // Submissions whose code has not returned yet, abandoned ones included, and a task that completes when there are none.
    private readonly Lock runningGate = new();
    private int running;
    private TaskCompletionSource noCodeRuns = Completed();

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    /// <summary>
    /// Completes once no submission's code runs any more (<see cref="SessionServer"/>'s probe after an interrupt). A submission
    /// that follows an abandoned one does not always wait for it: when the abandoned code no longer runs on the kernel's
    /// scheduler thread (it went on in another after an <c>await</c>), the next submission runs beside it.
    /// </summary>
    public Task WhenNoCodeRunsAsync(CancellationToken cancellationToken = default)
    {
        lock (runningGate) return noCodeRuns.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// How long the session waits, idle, after a cell before it brings completion up to date. Warming costs about as much
    /// CPU as a trivial cell, so it is not done between cells that follow each other ("Run All", a loop of cells from a
    /// script), only when the user is likely reading or typing.
    /// </summary>
    internal static readonly TimeSpan IdleBeforeWarm = TimeSpan.FromMilliseconds(150);

    /// <summary>The completion workspace's warm-up after the last cell (for tests: completes when it is warm, or was cancelled by a cell).</summary>
    internal Task Warming
    {
        get { lock (warmGate) return warming; }
    }

    /// <summary>How many of the session's submissions completion knows about (for tests).</summary>
    internal int CompletionSubmissions => completion.Submissions;

    /// <summary>
    /// Runs <paramref name="code"/>; output events go to <paramref name="onOutput"/> as they happen.
    /// An interrupt (<see cref="InterruptAsync"/>) ends the wait with <see cref="ExecutionStatus.Interrupted"/>.
    /// </summary>
    public async Task<ExecutionEnd> ExecuteAsync(string code, Action<KernelEvent> onOutput)
    {
        // A cell has the CPU to itself: a completion warm-up still running gives way (and is scheduled again after the cell).
        lock (warmGate) warmCancel?.Cancel();
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
            WarmCompletion();
        }
    }

    /// <summary>
    /// After <see cref="IdleBeforeWarm"/> without a new cell, brings completion up to the session's last submission and
    /// builds its compilation (the first time also Roslyn's completion providers), in the background, so that the next
    /// completion request pays only for its own text. The next cell cancels it.
    /// </summary>
    private void WarmCompletion()
    {
        lock (warmGate)
        {
            if (ending.IsCancellationRequested) return;
            // The previous warm-up's source is cancelled before it is disposed, so its task sees a cancelled token.
            warmCancel?.Cancel();
            warmCancel?.Dispose();
            warmCancel = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
            var cancel = warmCancel.Token;
            warming = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(IdleBeforeWarm, cancel).ConfigureAwait(false);
                    if (completion.Update(csharp.ScriptState?.Script)) await completion.WarmAsync(cancel).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Completion then builds what it needs when asked (or falls back to the C# kernel's own); the session goes on.
                    Console.Error.WriteLine("kzmig kernel-session: warming completion failed: " + e.Message);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>Asks the C# kernel to cancel what it runs. Cooperative code stops; a busy statement is abandoned, not stopped.</summary>
    public Task InterruptAsync() => kernel.SendAsync(new Cancel());

    /// <summary>Completions at UTF-16 <paramref name="cursor"/> of <paramref name="code"/>, in the context of the cells run so far.</summary>
    public async Task<Completions> CompleteAsync(string code, int cursor)
    {
        try
        {
            if (completion.Update(csharp.ScriptState?.Script) && await completion.CompleteAsync(code, cursor, ending.Token).ConfigureAwait(false) is { } found)
                return found;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            Console.Error.WriteLine("kzmig kernel-session: completion from the session's workspace failed, asking the C# kernel: " + e.Message);
        }
        return await KernelCompletionsAsync(code, cursor).ConfigureAwait(false);
    }

    /// <summary>The C# kernel's own completion (before any submission, or when the workspace failed): slower, builds its answer from scratch.</summary>
    private async Task<Completions> KernelCompletionsAsync(string code, int cursor)
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
        lock (warmGate) ending.Cancel();
        subscription.Dispose();
        kernel.Dispose();
        completion.Dispose();
    }

    private sealed class Observer(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
