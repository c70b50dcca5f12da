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

/// <summary>One line a worker sends: exactly one of progress, result, refusal or the answer to <see cref="NotebookWorker.KeepWarmLine"/>.</summary>
/// (A <see cref="FigureReply"/> to a figure request comes beside them, while a notebook runs or between notebooks.)
internal sealed record WorkerReply(NotebookProgress? Progress = null, NotebookRunResult? Result = null, WorkerRefusal? Refused = null, WarmAck? KeptWarm = null,
    FigureReply? Figures = null);

/// <summary>
/// A worker's answer to a supervisor that leaves it warm for a later run (<see cref="WarmWorker"/>): kept (process
/// <paramref name="Pid"/> waits for the next run of the same build, ending after <paramref name="IdleSeconds"/> without
/// one), or why not; <paramref name="Figures"/>: it keeps a Chromium for the next run's figures (<see cref="KeptFigureDrawer"/>).
/// </summary>
internal sealed record WarmAck(bool Kept, int Pid, double IdleSeconds, string? Why, bool Figures = false);

/// <summary>
/// What a worker's serving loop shares with its process: whether a request is running (a kept-warm worker ends when the
/// run it serves dies meanwhile: the notebook cannot be stopped, only abandoned), and how to stay warm when asked.
/// </summary>
internal sealed class WorkerSession
{
    private volatile bool running;

    /// <summary>Whether a notebook is running for the current supervisor.</summary>
    public bool Running { get => running; set => running = value; }

    /// <summary>
    /// Makes the process stay warm for a later run (with a Chromium for its figures when asked: the run published figures)
    /// and says whether it did; null: this worker ends with its supervisor.
    /// </summary>
    public Func<bool, WarmAck>? KeepWarm { get; init; }

    /// <summary>The kept worker's Chromium, which draws the figures a run asks for (<see cref="FigureRequest"/>); null: none here.</summary>
    public KeptFigureDrawer? Figures { get; init; }
}

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
    /// A supervisor's last line to a worker it leaves warm for a later run (<see cref="WarmWorker"/>), instead of
    /// closing its input: the worker answers with a <see cref="WarmAck"/>.
    /// </summary>
    internal const string KeepWarmLine = "{\"keepWarm\":true}";

    /// <summary>The same, from a run that published figures: the worker also keeps a Chromium ready for the next run's (<see cref="KeptFigureDrawer"/>).</summary>
    internal const string KeepWarmWithFiguresLine = "{\"keepWarm\":true,\"figures\":true}";

    /// <summary>
    /// Serves requests from <paramref name="requests"/> until it ends, or until the supervisor leaves the worker warm
    /// (true). <paramref name="replies"/> must be a channel nothing else writes to (the caller points the process's console elsewhere).
    /// </summary>
    public static Task<bool> ServeAsync(TextReader requests, TextWriter replies, CancellationToken cancellationToken = default) =>
        ServeAsync(requests, replies, new WorkerSession(), cancellationToken);

    /// <summary>
    /// A worker process's life: serves its supervisor on <paramref name="requests"/> and <paramref name="replies"/>; then,
    /// when started to stay warm at <paramref name="keepWarm"/> and its supervisor leaves it warm (<see cref="WarmWorker"/>),
    /// it stops following that supervisor (<paramref name="leavingRun"/>: the caller's watch on it ends), detaches from the
    /// run's pipes and serves later runs at its socket until it has been idle long enough.
    /// </summary>
    public static async Task ServeProcessAsync(TextReader requests, TextWriter replies, WarmPlace? keepWarm, Action leavingRun, CancellationToken cancellationToken)
    {
        // The build as it is when this process starts: a worker whose files changed while it ran is not kept.
        var stamp = keepWarm is null ? null : WarmWorker.BuildStampHere();
        WarmWorkerHost? host = null;
        var session = new WorkerSession
        {
            KeepWarm = keepWarm is null ? null : figures =>
            {
                host = WarmWorkerHost.TryListen(keepWarm, stamp, out var whyNot);
                if (host is not null) host.KeepsFigures = figures;
                // Kept: it stops following its supervisor before it says so (that run may end at once).
                if (host is not null) leavingRun();
                return new WarmAck(host is not null, Environment.ProcessId, host is null ? 0 : keepWarm.Idle.TotalSeconds, whyNot, host is not null && figures);
            },
        };
        if (!await ServeAsync(requests, replies, session, cancellationToken).ConfigureAwait(false) || host is null || !host.Detach()) return;
        await host.ServeAsync().ConfigureAwait(false);
    }

    // An exception that ends the serving loop ends the request too (a filter, so the stack is not unwound for it).
    private static bool Stop(WorkerSession session)
    {
        session.Running = false;
        return false;
    }

    internal static async Task<bool> ServeAsync(TextReader requests, TextWriter replies, WorkerSession session, CancellationToken cancellationToken)
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
        // Lines are read ahead of the notebook that runs: a figure request is answered beside it (by the kept worker's
        // Chromium, on the other core); every other line waits its turn, as before. The reading blocks a thread of its own
        // (a pipe read blocks a thread in .NET on Unix, even ReadAsync: WorkerProcess), not one of the pool's for the notebook's life.
        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true, SingleWriter = true });
        var figures = new List<Task>();
        var handedOn = false; // once the worker is handed on, nothing more is read for this line
        _ = Task.Factory.StartNew(() =>
        {
            try
            {
                while (!Volatile.Read(ref handedOn) && requests.ReadLine() is { } line)
                {
                    if (!line.StartsWith(FigureRequestLine.Prefix, StringComparison.Ordinal)) { lines.Writer.TryWrite(line); continue; }
                    var answer = Draw(line, session.Figures, Send);
                    lock (figures) figures.Add(answer);
                }
                lines.Writer.TryComplete();
            }
            catch (Exception e) { lines.Writer.TryComplete(e); }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Every figure asked for so far is answered before the worker is handed on or ends.
        async Task FiguresAnswered()
        {
            Task[] pending;
            lock (figures) pending = [.. figures];
            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        while (true)
        {
            // A failed read (the line broke) is thrown here, as it was read.
            if (!await lines.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !lines.Reader.TryRead(out var line)) break;
            if (line.Length == 0) continue;
            if (line is KeepWarmLine or KeepWarmWithFiguresLine)
            {
                await FiguresAnswered().ConfigureAwait(false);
                var ack = session.KeepWarm?.Invoke(line == KeepWarmWithFiguresLine) ?? new WarmAck(false, Environment.ProcessId, 0, "this worker was not started to stay warm");
                if (ack.Kept) Volatile.Write(ref handedOn, true);
                Send(new WorkerReply(KeptWarm: ack));
                if (ack.Kept) return true;
                continue;
            }
            var request = JsonSerializer.Deserialize<WorkerRequest>(line, Json)
                ?? throw new InvalidDataException("notebook worker: empty request");
            StepLog.Write("worker", "request " + Path.GetFileNameWithoutExtension(request.Notebook));
            WorkerReply reply;
            session.Running = true;
            try
            {
                var result = await NotebookRunner.RunAsync(request.Notebook, request.ToOptions(p => Send(new WorkerReply(Progress: p))), cancellationToken).ConfigureAwait(false);
                reply = new WorkerReply(Result: result);
            }
            catch (Exception) when (Stop(session)) { throw; }
            catch (NotebookFormatException e) { reply = new WorkerReply(Refused: new WorkerRefusal("format", e.NotebookPath, e.Reason)); }
            catch (ArgumentException e) { reply = new WorkerReply(Refused: new WorkerRefusal("argument", null, e.Message)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reply = new WorkerReply(Refused: new WorkerRefusal("io", null, e.Message));
            }
            Send(reply);
            session.Running = false;
            StepLog.Write("worker", "replied " + Path.GetFileNameWithoutExtension(request.Notebook));
            ReleaseNotebookMemory();
            MemoryLog.Write("worker", Path.GetFileNameWithoutExtension(request.Notebook));
        }
        await FiguresAnswered().ConfigureAwait(false);
        return false;
    }

    // Answers one figure request: a worker without a Chromium says so, and the run draws them itself. A line that is no
    // request is not answered (the run stops waiting for it after its patience, WorkerLink.DrawAsync); this never fails.
    private static async Task Draw(string line, KeptFigureDrawer? drawer, Action<WorkerReply> send)
    {
        try
        {
            if (JsonSerializer.Deserialize<FigureRequestLine>(line, Json)?.Figures is not { } request) return;
            var reply = drawer is null ? new FigureReply(request.Batch, null, "this worker keeps no Chromium")
                : await drawer.DrawAsync(request).ConfigureAwait(false);
            send(new WorkerReply(Figures: reply));
        }
        catch (Exception e) when (e is JsonException or IOException or ObjectDisposedException or NotSupportedException) { } // not a request, or the run's line ended first
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
