using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace KzMigration.Notebooks;

/// <summary>
/// How to start a notebook worker process: the program and its arguments (e.g. <c>dotnet kzmig.dll notebook-worker</c>), and
/// environment <paramref name="Settings"/> of its own, each applied unless the caller's environment sets that variable.
/// </summary>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments, IReadOnlyList<(string Name, string Value)>? Settings = null);

/// <summary>
/// Runs notebooks in a supervised worker process (<see cref="NotebookWorker"/>), one warm worker for
/// a whole run, so notebook code cannot take the caller down. A worker that dies (a cell calls
/// <c>Environment.Exit</c>, crashes the process) or stops answering is reported as that notebook's
/// failure, naming the cell that was running, and the next notebook gets a fresh worker. After a
/// cell timeout the worker is replaced too, because C# scripting cannot stop the abandoned cell.
/// With <paramref name="keepWarm"/>, the worker is one an earlier run kept warm there when one is free, and a worker
/// that served the run well is left warm there for the next (<see cref="WarmWorker"/>).
/// </summary>
public sealed class NotebookSupervisor(WorkerLaunch launch, WarmPlace? keepWarm = null) : IAsyncDisposable
{
    /// <summary>How long a worker may stay silent beyond the cell timeout before it is taken for hung and ended.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    private WorkerLink? worker;
    private bool outstanding; // a request sent, its result not yet received
    private readonly List<string> story = [];

    /// <summary>
    /// How a worker's C library (glibc; other C libraries ignore them) hands out native memory, unless the caller's
    /// environment says otherwise. The C# compiler reads the metadata of every referenced assembly into native blocks of
    /// ~0.6 MB, once per notebook's kernel; with glibc's defaults those blocks move into per-thread arenas once one is
    /// freed (its mmap threshold grows to their size), and freed memory stays with the process: a worker ran to 1.1–1.3 GB
    /// resident. Two arenas and a fixed threshold (glibc's default of 128 KB) give freed blocks back to the system.
    /// </summary>
    internal static readonly IReadOnlyList<(string Name, string Value)> NativeMemorySettings =
        [("MALLOC_ARENA_MAX", "2"), ("MALLOC_MMAP_THRESHOLD_", "131072")];

    /// <summary>How many worker processes this supervisor started (1 for a run where no notebook killed its worker).</summary>
    public int WorkersStarted { get; private set; }

    /// <summary>
    /// What became of this supervisor's workers, for the run's summary: started for the run or kept warm by an earlier one,
    /// and (once disposed) left warm for the next run or not, and why.
    /// </summary>
    public IReadOnlyList<string> WorkerStory => story;

    /// <summary>
    /// Whether the run has figures a later run may redraw (its image export published some): a worker left warm then keeps a
    /// Chromium ready for them (<see cref="KeptFigureDrawer"/>). Asked when the worker is handed on.
    /// </summary>
    public Func<bool>? KeepsFigures { get; init; }

    /// <summary>
    /// The worker's own Chromium, when the worker is one an earlier run kept warm with one ready: the run's image export
    /// draws there (<see cref="Publishing.FigureImageQueue.DrawWith"/>) instead of starting a browser. Takes the worker now
    /// (a kept one, or starts one); null when it has no Chromium ready or none could be started (<see cref="RunAsync"/>
    /// then says why).
    /// </summary>
    public Publishing.IFigureDrawer? KeptFigureDrawer()
    {
        if (keepWarm is null) return null;
        try { worker ??= StartWorker(); }
        catch (IOException) { return null; }
        return worker is WarmConnection { Welcome.Figures: true } warm ? new WorkerFigureDrawer(warm) : null;
    }

    /// <summary>
    /// Runs <paramref name="notebookPath"/> in the worker. Like <see cref="NotebookRunner.RunAsync"/>,
    /// a malformed notebook throws <see cref="NotebookFormatException"/> and an unknown parameter
    /// <see cref="ArgumentException"/>, before any cell runs.
    /// </summary>
    public async Task<NotebookRunResult> RunAsync(string notebookPath, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(notebookPath);
        _ = NotebookDocument.Load(full); // refused here, before a worker is started for it
        var clock = Stopwatch.StartNew();
        var current = worker ??= StartWorker();
        NotebookProgress? running = null;
        var started = 0;
        outstanding = true;
        if (!await current.SendAsync(JsonSerializer.Serialize(WorkerRequest.For(full, options), NotebookWorker.Json)).ConfigureAwait(false))
            return await WorkerDied(full, options, running, started, clock, cancellationToken).ConfigureAwait(false);

        while (true)
        {
            var (line, silent) = await current.ReadLineAsync(options.CellTimeout + Grace, cancellationToken).ConfigureAwait(false);
            if (silent)
                return await WorkerHung(full, options, running, started, clock, cancellationToken).ConfigureAwait(false);
            if (line is null)
                return await WorkerDied(full, options, running, started, clock, cancellationToken).ConfigureAwait(false);

            WorkerReply? reply;
            // Only replies are JSON objects; anything else (a cell writing raw bytes to stdout) is noise, not a reason to fail the run.
            try { reply = line.StartsWith('{') ? JsonSerializer.Deserialize<WorkerReply>(line, NotebookWorker.Json) : null; }
            catch (JsonException) { reply = null; }
            if (reply?.Progress is { } progress)
            {
                if (!progress.CellFinished) started++;
                running = progress;
                options.Progress?.Invoke(progress);
            }
            else if (reply?.Result is { } result)
            {
                outstanding = false;
                // The abandoned cell still runs inside the worker: the next notebook gets a fresh one.
                if (result.Status == NotebookStatus.TimedOut) await EndWorkerAsync().ConfigureAwait(false);
                return result;
            }
            else if (reply?.Refused is { } refused)
            {
                outstanding = false;
                throw refused.Kind switch
                {
                    "format" => new NotebookFormatException(refused.NotebookPath ?? notebookPath, refused.Message),
                    "io" => new IOException(refused.Message),
                    _ => new ArgumentException(refused.Message),
                };
            }
        }
    }

    private WorkerLink StartWorker()
    {
        WorkersStarted++;
        if (keepWarm is not null) WarmWorker.KeepInheritedDescriptors();
        var started = TakePrestarted(launch, keepWarm, story) ?? (WorkerLink?)Connect(keepWarm, story) ?? WorkerProcess.Start(WithKeepWarm(launch, keepWarm), "the notebook worker");
        story.Add(started is WarmConnection warm
            ? $"kept warm by an earlier run (process {warm.Id}, its run {warm.Welcome.Runs}, after {warm.Welcome.IdleSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s idle{(warm.Welcome.Figures ? "; its Chromium ready for figures" : "")})"
            : $"started for this run (process {started.Id})");
        return started;
    }

    // A kept worker when one is free at the place; what it said when it was not goes to the story.
    private static WarmConnection? Connect(WarmPlace? place, List<string> story)
    {
        if (place is null) return null;
        var connection = WarmWorker.TryConnect(place, out var whyNot);
        if (whyNot is not null) story.Add("not the kept worker: " + whyNot);
        return connection;
    }

    private static WorkerLaunch WithKeepWarm(WorkerLaunch launch, WarmPlace? place) =>
        place is null ? launch : launch with { Arguments = [.. launch.Arguments, .. WarmWorker.Arguments(place)] };

    private static readonly Lock PrestartGate = new();
    private static (WorkerLaunch Launch, WarmPlace? Place, WorkerLink Worker, List<string> Story)? prestarted;

    /// <summary>
    /// Starts a worker before any supervisor needs it, so that its process start and the C# compiler's warm-up
    /// (<see cref="NotebookRunner.WarmUpAsync"/>, seconds of CPU) run on the other core while the caller parses its
    /// arguments, checks its inputs and takes its output folder's lock. The first supervisor of the same
    /// <paramref name="launch"/> takes it; one nobody takes ends with this process (it watches its parent and its input).
    /// A worker that cannot start is not an error here: the supervisor starts one, and reports why it cannot, when needed.
    /// </summary>
    /// <remarks>With <paramref name="keepWarm"/>, a worker an earlier run kept warm there is taken instead, when one is free.</remarks>
    public static void Prestart(WorkerLaunch launch, WarmPlace? keepWarm = null)
    {
        lock (PrestartGate)
        {
            if (prestarted is not null) return;
            var story = new List<string>();
            if (keepWarm is not null) WarmWorker.KeepInheritedDescriptors();
            try { prestarted = (launch, keepWarm, Connect(keepWarm, story) ?? (WorkerLink)WorkerProcess.Start(WithKeepWarm(launch, keepWarm), "the notebook worker"), story); }
            catch (IOException) { }
        }
    }

    private static WorkerLink? TakePrestarted(WorkerLaunch launch, WarmPlace? keepWarm, List<string> story)
    {
        lock (PrestartGate)
        {
            if (prestarted is not { } started || started.Launch.FileName != launch.FileName || !started.Launch.Arguments.SequenceEqual(launch.Arguments, StringComparer.Ordinal)
                || !(started.Launch.Settings ?? []).SequenceEqual(launch.Settings ?? [])
                || started.Place != keepWarm)
                return null;
            prestarted = null;
            story.AddRange(started.Story);
            return started.Worker;
        }
    }

    private async Task<NotebookRunResult> WorkerDied(string notebook, NotebookRunOptions options, NotebookProgress? running, int started, Stopwatch clock, CancellationToken cancellationToken)
    {
        var (exitCode, lastWords) = await worker!.WaitForExitAsync().ConfigureAwait(false);
        await EndWorkerAsync().ConfigureAwait(false);
        var where = running is null ? "before its first cell" : "while this cell ran";
        var how = exitCode is { } code ? $"with exit code {code}" : "(its exit code unknown)";
        var message = $"the notebook's process ended {how} {where} (Environment.Exit or a crash); later cells did not run"
            + (lastWords is { Length: > 0 } ? $"; it said: {lastWords}" : "");
        return await Failed(notebook, options, NotebookStatus.Failed, running, started, clock, message, "ProcessExited", cancellationToken).ConfigureAwait(false);
    }

    private async Task<NotebookRunResult> WorkerHung(string notebook, NotebookRunOptions options, NotebookProgress? running, int started, Stopwatch clock, CancellationToken cancellationToken)
    {
        await EndWorkerAsync().ConfigureAwait(false);
        var message = NotebookKernel.TimedOutMessage(options.CellTimeout) + " (the notebook's process stopped answering and was ended)";
        return await Failed(notebook, options, NotebookStatus.TimedOut, running, started, clock, message, "TimeoutException", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<NotebookRunResult> Failed(string notebook, NotebookRunOptions options, NotebookStatus status, NotebookProgress? running, int started,
        Stopwatch clock, string message, string errorName, CancellationToken cancellationToken)
    {
        var failure = new CellFailure(running?.CellNumber ?? 0, running?.CellHeadline ?? "", message);
        var executed = await NotebookRunner.WriteFailureCopyAsync(notebook, options, failure, errorName, cancellationToken).ConfigureAwait(false);
        return new NotebookRunResult(notebook, status, clock.Elapsed, started, executed, failure);
    }

    /// <summary>
    /// Ends the supervisor's line to its worker. <paramref name="handOff"/> (the run is done with it): a worker with no
    /// notebook running is left warm for the next run when this supervisor keeps workers warm. Otherwise (a timeout, a
    /// hang, a death, a run interrupted) a kept worker is killed: it may still be running an abandoned cell.
    /// </summary>
    private async Task EndWorkerAsync(bool handOff = false)
    {
        if (worker is null) return;
        var ending = worker;
        worker = null;
        if (handOff && !outstanding && keepWarm is not null)
        {
            var ack = await HandOffAsync(ending, WantsFigures()).ConfigureAwait(false);
            if (ack is { Kept: true }) story.Add($"kept warm for the next run (process {ack.Pid}{(ack.Figures ? ", with a Chromium for its figures" : "")}; it ends after {ack.IdleSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} s without one; {WarmWorker.Variable}=0 keeps none)");
            else story.Add("not kept warm: " + (ack?.Why ?? "it did not answer"));
            if (ending is WorkerProcess child) child.HandedOff = ack is { Kept: true };
            else if (ack is not { Kept: true }) ending.Kill();
        }
        else if (ending is WarmConnection) ending.Kill();
        outstanding = false;
        await ending.DisposeAsync().ConfigureAwait(false);
    }

    // Whether the run asks for a Chromium to be kept (a question it cannot answer is a no: the worker is handed on all the same).
    private bool WantsFigures()
    {
        try { return KeepsFigures?.Invoke() == true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    // Asks the worker to stay warm and waits (briefly) for its answer.
    private static async Task<WarmAck?> HandOffAsync(WorkerLink link, bool figures)
    {
        if (!await link.SendAsync(figures ? NotebookWorker.KeepWarmWithFiguresLine : NotebookWorker.KeepWarmLine).ConfigureAwait(false)) return null;
        while (true)
        {
            var (line, silent) = await link.ReadLineAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
            if (silent || line is null) return null;
            try { if (line.StartsWith('{') && JsonSerializer.Deserialize<WorkerReply>(line, NotebookWorker.Json)?.KeptWarm is { } ack) return ack; }
            catch (JsonException) { }
        }
    }

    public async ValueTask DisposeAsync() => await EndWorkerAsync(handOff: true).ConfigureAwait(false);
}
