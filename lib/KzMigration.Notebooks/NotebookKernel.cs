using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace KzMigration.Notebooks;

/// <summary>How one code submission ended.</summary>
internal enum SubmissionOutcome { Succeeded, Failed, TimedOut }

/// <summary>The outputs and outcome of one code submission; <see cref="Truncated"/> says which streams were cut to the cap.</summary>
internal sealed record SubmissionResult(SubmissionOutcome Outcome, IReadOnlyList<InteractiveDocumentOutputElement> Outputs, string? Error)
{
    public IReadOnlyList<StreamTruncation> Truncated { get; init; } = [];
}

/// <summary>
/// A fresh C# kernel for one notebook: .NET Interactive's <see cref="CSharpKernel"/> with
/// <c>#r "nuget:…"</c> support, and the workbench library (with Plotly.NET, FSharp.Core 10.1 and
/// Microsoft.Data.Analysis, as this process loaded them) already referenced, so notebooks need no
/// paths to find it.
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    private readonly CompositeKernel kernel;
    private int executionCount;

    private NotebookKernel(CompositeKernel kernel) => this.kernel = kernel;

    /// <summary>A kernel for one notebook of a run; the kernels of one process share their compiler references (<see cref="NotebookReferences"/>).</summary>
    public static NotebookKernel Create() => new(CreateCSharp(NotebookReferences.Share));

    /// <summary>
    /// The C# kernel every workbench session runs in: the runner's notebooks and the Jupyter
    /// kernel's (<c>kzmig kernel</c>) alike, so a cell behaves the same in both.
    /// </summary>
    internal static CompositeKernel CreateCSharp() => CreateCSharp(null);

    private static CompositeKernel CreateCSharp(Func<CSharpKernel, IReadOnlyList<string>, bool>? shareReferences)
    {
        var csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseNugetDirective((_, _) => Task.CompletedTask, forceRestore: false);
        var workbench = WorkbenchAssemblies();
        if (shareReferences?.Invoke(csharp, workbench) != true) csharp.AddAssemblyReferences(workbench);
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    /// <summary>Assemblies whose types notebooks use directly: the science library and what its public API exposes.</summary>
    internal static readonly string[] NotebookAssemblyNames =
        ["KzMigration", "KzMigration.Charts", "KzMigration.Publishing", "KzMigration.Notebooks", "Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine", "Microsoft.Data.Analysis"];

    /// <summary>
    /// Paths of <see cref="NotebookAssemblyNames"/> as this application ships them (its own folder),
    /// so notebooks compile against exactly the versions the host runs, FSharp.Core 10.1 included.
    /// </summary>
    internal static IReadOnlyList<string> WorkbenchAssemblies()
    {
        var paths = new List<string>();
        foreach (var name in NotebookAssemblyNames)
        {
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(path))
                throw new FileNotFoundException($"the notebook runner needs {name}.dll next to the application ({AppContext.BaseDirectory}); rebuild the workbench", path);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// Runs one code cell. A cell still running after <paramref name="timeout"/> is abandoned and
    /// reported, with an error output saying so. Each stdout/stderr stream keeps at most its last
    /// <paramref name="streamCapBytes"/> bytes (see <see cref="StreamCap"/>).
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(string code, TimeSpan timeout, int streamCapBytes, CancellationToken cancellationToken)
    {
        var order = ++executionCount;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var send = kernel.SendAsync(new SubmitCode(code), timeoutSource.Token);
        var finished = await Task.WhenAny(send, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (finished != send)
        {
            // C# scripting cannot interrupt running code; ask the kernel to cancel and stop waiting.
            await timeoutSource.CancelAsync().ConfigureAwait(false);
            var message = TimedOutMessage(timeout);
            return new SubmissionResult(SubmissionOutcome.TimedOut,
                [new ErrorElement(message, "TimeoutException", [message + " (the cell timeout, --timeout SECONDS); it was stopped and later cells did not run"])], message);
        }

        var result = await send.ConfigureAwait(false);
        var outputs = new List<InteractiveDocumentOutputElement>();
        var displays = new Dictionary<string, int>(StringComparer.Ordinal);
        string? error = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o:
                    outputs.Add(new TextElement(Text(o), "stdout"));
                    break;
                case StandardErrorValueProduced o:
                    outputs.Add(new TextElement(Text(o), "stderr"));
                    break;
                case ReturnValueProduced r:
                    var returned = new ReturnValueElement { ExecutionOrder = order };
                    foreach (var f in r.FormattedValues) returned.Data[f.MimeType] = f.Value;
                    outputs.Add(returned);
                    break;
                case DisplayedValueUpdated u when u.ValueId is not null && displays.TryGetValue(u.ValueId, out var index):
                    outputs[index] = Display(u);
                    break;
                case DisplayedValueProduced d:
                    if (d.ValueId is not null) displays[d.ValueId] = outputs.Count;
                    outputs.Add(Display(d));
                    break;
                case CommandFailed f:
                    error = f.Exception?.Message is { Length: > 0 } m && !f.Message.Contains(m, StringComparison.Ordinal) ? f.Message + " " + m : f.Message;
                    // ErrorElement's constructor takes (value, name, traceback).
                    outputs.Add(new ErrorElement(FirstLine(error), f.Exception?.GetType().Name ?? "CompilationError", error.Split('\n')));
                    break;
            }
        }
        var (capped, truncated) = StreamCap.Apply(outputs, streamCapBytes);
        return new SubmissionResult(error is null ? SubmissionOutcome.Succeeded : SubmissionOutcome.Failed, capped, error) { Truncated = truncated };
    }

    /// <summary>How a timed-out cell is described, in messages and in the executed notebook.</summary>
    internal static string TimedOutMessage(TimeSpan timeout) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###} s");

    private static string Text(DisplayEvent e) => e.FormattedValues.FirstOrDefault()?.Value ?? "";

    private static DisplayElement Display(DisplayEvent e) =>
        new(e.FormattedValues.ToDictionary(f => f.MimeType, f => (object)f.Value));

    internal static string FirstLine(string text) => text.Split('\n')[0].Trim();

    public void Dispose() => kernel.Dispose();
}
