using System.CommandLine;
using System.Text;
using KzMigration.Notebooks;

namespace KzMigration.Cli.Commands;

/// <summary>
/// <c>kzmig notebook-worker</c> (hidden): the process <c>run</c> and <c>reproduce</c> execute notebooks
/// in, so notebook code (Environment.Exit, a crash, a cell that never returns) cannot take the run
/// down. Speaks <see cref="NotebookWorker"/>'s line-delimited JSON on stdin/stdout.
/// </summary>
internal static class NotebookWorkerCommand
{
    public const string Name = "notebook-worker";

    public static Command Create()
    {
        var parent = new Option<int?>("--parent") { Description = "Process id of the supervisor; the worker ends when it does." };
        var socket = new Option<string?>(WarmWorker.SocketOption) { Description = "Stay warm for the next run at this socket when the supervisor says so." };
        var idle = new Option<int>(WarmWorker.IdleOption) { Description = "Seconds a worker kept warm waits for the next run.", DefaultValueFactory = _ => (int)WarmWorker.DefaultIdle.TotalSeconds };
        var command = new Command(Name, "Internal: run notebooks for a supervising kzmig process (JSON lines on stdin/stdout).") { parent, socket, idle };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            StepLog.Write("worker", "main");
            using var leaving = new CancellationTokenSource();
            if (parse.GetValue(parent) is { } supervisor) _ = EndWithAsync(supervisor, leaving.Token);
            var replies = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            // stdout carries the protocol only: anything else that writes to the console (a cell's
            // output outside a submission, a library's diagnostics) goes to stderr.
            Console.SetOut(Console.Error);
            using var requests = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            var keepWarm = parse.GetValue(socket) is { Length: > 0 } path ? new WarmPlace(path, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(idle)))) : null;
            await NotebookWorker.ServeProcessAsync(requests, replies, keepWarm, leaving.Cancel, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// A supervisor that is killed cannot close the worker's input while a notebook runs; the worker
    /// notices that its supervisor is gone and ends, rather than writing on into a staging folder nobody reads
    /// (and that the next run removes). On Linux and macOS the check is the parent process id, which the system
    /// changes the instant the parent dies (the worker is handed to init or a subreaper): polled every 100 ms, so a
    /// killed run's worker is gone before a next run can start; elsewhere (or when the supervisor is not the direct
    /// parent) the supervisor's process, every second.
    /// </summary>
    /// <remarks>A worker its supervisor leaves warm for the next run stops watching it (<paramref name="leaving"/>).</remarks>
    internal static async Task EndWithAsync(int supervisorId, CancellationToken leaving = default)
    {
        try
        {
            // Only when the supervisor is the worker's own parent (not behind a wrapper process).
            if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && ParentProcessId() == supervisorId)
            {
                while (ParentProcessId() == supervisorId) await Task.Delay(TimeSpan.FromMilliseconds(100), leaving).ConfigureAwait(false);
            }
            else
            {
                while (KzMigration.Publishing.Processes.IsRunning(supervisorId)) await Task.Delay(TimeSpan.FromSeconds(1), leaving).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { return; }
        if (!leaving.IsCancellationRequested) Environment.Exit(ExitCodes.Failed);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getppid")]
    private static extern int ParentProcessId();

    /// <summary>How this application starts its worker: its own entry assembly under the same dotnet host, or its own apphost.</summary>
    public static WorkerLaunch Launch() => LaunchOf(Name);

    private static readonly Lazy<(WarmPlace? Place, string? WhyNot)> Warm = new(WarmWorker.Here);

    /// <summary>
    /// Where this process's runs find and leave a notebook worker kept warm (<see cref="WarmWorker"/>, <c>KZMIG_KEEP_WARM</c>),
    /// or null and why not.
    /// </summary>
    /// <exception cref="ArgumentException">KZMIG_KEEP_WARM holds a value that is not a number of seconds.</exception>
    public static (WarmPlace? Place, string? WhyNot) KeepWarm() => Warm.Value;

    /// <summary><see cref="KeepWarm"/> for the prestart of a run's worker, before the command line is checked: none when the variable is wrong (the command says so).</summary>
    public static WarmPlace? KeepWarmOrNone()
    {
        try { return KeepWarm().Place; }
        catch (ArgumentException) { return null; }
    }

    /// <summary>
    /// How this application starts one of its own hidden commands as a supervised child (<paramref name="command"/>, then
    /// <c>--parent</c> this process, then <paramref name="arguments"/>): its entry assembly under the same dotnet host, or its apphost.
    /// </summary>
    internal static WorkerLaunch LaunchOf(string command, params IEnumerable<string> arguments)
    {
        var dll = typeof(NotebookWorkerCommand).Assembly.Location;
        var process = Environment.ProcessPath;
        List<string> tail = [command, "--parent", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments];
        if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("kzmig", StringComparison.OrdinalIgnoreCase))
            return new WorkerLaunch(process, tail);
        var host = process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk ? fromSdk : "dotnet";
        return new WorkerLaunch(host, [dll, .. tail]);
    }
}
