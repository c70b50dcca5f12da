using System.Text.Json;
using System.Text.Json.Serialization;
using KzMigration.Specification;
using KzMigration.Runs;

namespace KzMigration.Notebooks;

/// <summary>One request to a notebook worker: run this notebook with these options.</summary>
internal sealed record WorkerRequest(
    string Notebook,
    string? OutputDirectory,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> ParametersIfDeclared,
    double CellTimeoutSeconds,
    int StreamCapBytes,
    string? PublishDirectory = null,
    WorkerRun? Run = null)
{
    public static WorkerRequest For(string notebook, NotebookRunOptions options) =>
        new(notebook, options.OutputDirectory, options.Parameters, options.ParametersIfDeclared, options.CellTimeout.TotalSeconds, options.StreamCapBytes,
            options.PublishDirectory, options.Run is { } run ? WorkerRun.From(run) : null);

    public NotebookRunOptions ToOptions(Action<NotebookProgress> progress) => new()
    {
        OutputDirectory = OutputDirectory,
        PublishDirectory = PublishDirectory,
        Parameters = Parameters,
        ParametersIfDeclared = ParametersIfDeclared,
        CellTimeout = TimeSpan.FromSeconds(CellTimeoutSeconds),
        StreamCapBytes = StreamCapBytes,
        Run = Run?.ToOptions(),
        Progress = progress,
    };
}

/// <summary>
/// A run's options as a request carries them: the specification in its text form
/// (<see cref="SpecificationFormatter.Format(StudySpecification)"/>), read back by the worker into an equal record.
/// </summary>
internal sealed record WorkerRun(string? DataDirectory, string? OutDirectory, string Language, string Specification)
{
    public static WorkerRun From(RunOptions run) =>
        new(run.DataDirectory, run.OutDirectory, run.Language, SpecificationFormatter.Format(run.Specification));

    public RunOptions ToOptions() => new(DataDirectory, OutDirectory, Language, SpecificationParser.Parse(Specification));
}

/// <summary>Why a worker refused a notebook before running it (the supervisor rethrows it as the same exception).</summary>
internal sealed record WorkerRefusal(string Kind, string? NotebookPath, string Message);

/// <summary>One line a worker sends: exactly one of progress, result or refusal.</summary>
internal sealed record WorkerReply(NotebookProgress? Progress = null, NotebookRunResult? Result = null, WorkerRefusal? Refused = null);

/// <summary>
/// The worker side of supervised notebook runs. A worker is a process (<c>kzmig notebook-worker</c>)
/// that runs notebooks with <see cref="NotebookRunner"/>, one at a time, as a supervisor asks:
/// one JSON request per line on its input, JSON replies (progress, then a result) one per line on
/// its output. Notebook code runs in the worker, so a cell that calls <c>Environment.Exit</c>,
/// crashes the process or never returns takes the worker down, never the supervisor
/// (<see cref="NotebookSupervisor"/>), which reports it and starts a fresh worker.
/// </summary>
public static class NotebookWorker
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Serves requests from <paramref name="requests"/> until it ends. <paramref name="replies"/> must be
    /// a channel nothing else writes to (the caller points the process's console elsewhere).
    /// </summary>
    public static async Task ServeAsync(TextReader requests, TextWriter replies, CancellationToken cancellationToken = default)
    {
        var gate = new Lock();
        void Send(WorkerReply reply)
        {
            var line = JsonSerializer.Serialize(reply, Json);
            lock (gate)
            {
                replies.Write(line);
                replies.Write('\n');
                replies.Flush();
            }
        }

        _ = NotebookRunner.WarmUpAsync().ContinueWith(_ => { StepLog.Write("worker", "compiler warm"); MemoryLog.Write("worker", "warm"); }, TaskScheduler.Default);
        while (await requests.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            var request = JsonSerializer.Deserialize<WorkerRequest>(line, Json)
                ?? throw new InvalidDataException("notebook worker: empty request");
            StepLog.Write("worker", "request " + Path.GetFileNameWithoutExtension(request.Notebook));
            WorkerReply reply;
            try
            {
                var result = await NotebookRunner.RunAsync(request.Notebook, request.ToOptions(p => Send(new WorkerReply(Progress: p))), cancellationToken).ConfigureAwait(false);
                reply = new WorkerReply(Result: result);
            }
            catch (NotebookFormatException e) { reply = new WorkerReply(Refused: new WorkerRefusal("format", e.NotebookPath, e.Reason)); }
            catch (ArgumentException e) { reply = new WorkerReply(Refused: new WorkerRefusal("argument", null, e.Message)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reply = new WorkerReply(Refused: new WorkerRefusal("io", null, e.Message));
            }
            Send(reply);
            StepLog.Write("worker", "replied " + Path.GetFileNameWithoutExtension(request.Notebook));
            ReleaseNotebookMemory();
            MemoryLog.Write("worker", Path.GetFileNameWithoutExtension(request.Notebook));
        }
    }

    /// <summary>
    /// Frees what the finished notebook left behind before the next one starts, while the supervisor joins its outputs.
    /// A notebook's kernel is disposed, but its compilations, script state and the native copies of the metadata its
    /// compiler read (about 130 MB per kernel) go only when a full collection finalizes them, which the GC alone would do
    /// rarely: without this, one worker running a whole study grows notebook by notebook (bench/README.md).
    /// </summary>
    internal static void ReleaseNotebookMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
