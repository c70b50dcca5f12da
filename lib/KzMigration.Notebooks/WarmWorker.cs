using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KzMigration.Notebooks;

/// <summary>
/// Where a run leaves its notebook worker warm for the next run, and finds one (<see cref="WarmWorker"/>): a socket and
/// the worker's log in a folder only this user can enter, named by the build and the environment; how long the worker
/// waits for a run before it ends.
/// </summary>
public sealed record WarmPlace(string Socket, string Log, TimeSpan Idle);

/// <summary>
/// A notebook worker kept warm between runs (issue 24), as Gradle's daemon and <c>dotnet build-server</c> keep theirs, so
/// that the next <c>run</c> or <c>reproduce</c> does not pay again for a process start, the first compilation and the JIT
/// of the C# compiler, .NET Interactive and the library (seconds of CPU; bench/README.md). A run's worker, when its run
/// ends well, stays behind at a socket instead of ending; the next run of the same build finds it there and sends its
/// notebooks to it instead of starting one. It is safe by construction:
/// <list type="bullet">
/// <item>Keyed by the build: the socket's name is a hash of the application's files (names, sizes, times), the runtime,
/// the program, the working folder and the variables read when a process starts (<see cref="ReadAtStart"/>). A rebuilt
/// workbench, another folder or another such variable never reaches it, and it refuses a run, and ends, once its own
/// files change on disk. Every other variable it takes from each run it serves.</item>
/// <item>Never stale data: data and notebooks are read by each run (<see cref="NotebookRunner.EndRun"/>: a run shares no
/// loaded data with the one before), and each notebook gets a fresh kernel, as within one run.</item>
/// <item>One run at a time: a busy worker turns a second run away, which starts a worker of its own.</item>
/// <item>A run that dies while one of its notebooks runs takes the worker with it (the notebook cannot be stopped, only
/// abandoned); a run whose notebook timed out kills it, and a run interrupted leaves nothing of its own behind.</item>
/// <item>It ends after <see cref="WarmPlace.Idle"/> without a run (<see cref="Variable"/>, 10 minutes by default; 0 turns
/// keeping a worker off), and every run says in its summary whether it used one and whether it left one.</item>
/// </list>
/// Not on Windows (the socket and process calls are POSIX), nor where the socket's path would be too long.
/// </summary>
public static class WarmWorker
{
    /// <summary>How many seconds a worker stays warm for the next run; 0 (or off) keeps none.</summary>
    public const string Variable = "KZMIG_KEEP_WARM";

    /// <summary>How long a kept worker waits for the next run by default.</summary>
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(10);

    /// <summary>The worker command's options that make it stay warm (<c>notebook-worker --keep-warm SOCKET --idle SECONDS</c>).</summary>
    public const string SocketOption = "--keep-warm";

    /// <inheritdoc cref="SocketOption"/>
    public const string IdleOption = "--idle";

    /// <summary>The last line a kept worker writes to its log when it ends: this prefix and its exit code.</summary>
    internal const string ExitLine = "kzmig notebook-worker: exit code ";

    /// <summary>
    /// How long a worker stays warm, from the value of <see cref="Variable"/>: unset or empty, <see cref="DefaultIdle"/>;
    /// 0 or <c>off</c>, null (none kept); a whole number of seconds (1–86,400).
    /// </summary>
    /// <exception cref="ArgumentException">Any other value (the message names the variable).</exception>
    public static TimeSpan? IdleFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return DefaultIdle;
        var text = value.Trim();
        if (text == "0" || text.Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 86_400)
            return TimeSpan.FromSeconds(seconds);
        throw new ArgumentException($"{Variable}={value}: expected how many seconds a notebook worker stays warm for the next run (1 to 86400), or 0 to keep none");
    }

    /// <summary>
    /// Where this process's runs find and leave a warm worker, or null with why not (off, Windows, a folder that is not
    /// this user's alone, a path too long for a socket).
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="Variable"/> holds a value <see cref="IdleFrom"/> refuses.</exception>
    public static (WarmPlace? Place, string? WhyNot) Here()
    {
        if (IdleFrom(Environment.GetEnvironmentVariable(Variable)) is not { } idle) return (null, $"{Variable}=0");
        if (OperatingSystem.IsWindows()) return (null, "not on Windows");
        var folder = Path.Combine(Path.GetTempPath(), "kzmig-warm-" + Posix.getuid().ToString(CultureInfo.InvariantCulture));
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        try
        {
            Directory.CreateDirectory(folder, OwnerOnly);
            // A folder others can enter could hold another user's socket: none is used then.
            if (File.GetUnixFileMode(folder) != OwnerOnly) return (null, $"{folder} is not this user's alone");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (null, $"{folder}: {e.Message}"); }
        var key = Key(BuildStamp(AppContext.BaseDirectory), Environment.ProcessPath, Environment.CurrentDirectory, Environment.GetEnvironmentVariables());
        var socket = Path.Combine(folder, key + ".sock");
        // sockaddr_un holds 108 bytes on Linux, 104 on macOS, with the terminating zero.
        if (Encoding.UTF8.GetByteCount(socket) > 100) return (null, $"the socket's path would be too long ({socket})");
        return (new WarmPlace(socket, Path.Combine(folder, key + ".log"), idle), null);
    }

    /// <summary>
    /// The application's build as its files on disk say it: each file's relative path, size and time of last write, hashed.
    /// A rebuild, an edit or a different checkout gives another stamp.
    /// </summary>
    internal static string BuildStamp(string directory)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(Path.GetRelativePath(directory, file)).Append('\0').Append(info.Length.ToString(CultureInfo.InvariantCulture))
                .Append('\0').Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Whether a variable is read once, when a process starts, by the runtime or the libraries a worker loads (runtime
    /// settings, culture, time zone, native memory, home and temporary folders, the search path, the workbench's own):
    /// a run with another value needs another worker. Every other variable is set, in a kept worker, to the run's value
    /// before its notebooks run (<see cref="UseEnvironment"/>), so a value that changes from one command to the next
    /// (a timestamp a script exports) does not cost a worker.
    /// </summary>
    internal static bool ReadAtStart(string name) =>
        name is "LANG" or "LANGUAGE" or "TZ" or "HOME" or "TMPDIR" or "PATH" or "USER"
        || new[] { "DOTNET_", "COMPlus_", "CORECLR_", "MALLOC_", "LC_", "KZMIG_", "NUGET_" }.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// The name of the socket a worker for this build, program, runtime, working folder and environment read at start
    /// (<see cref="ReadAtStart"/>) waits at: any difference in them reaches another worker.
    /// </summary>
    internal static string Key(string buildStamp, string? processPath, string currentDirectory, IDictionary environment)
    {
        var text = new StringBuilder("kzmig warm worker 2\n")
            .Append(buildStamp).Append('\n').Append(processPath).Append('\n').Append(RuntimeInformation.FrameworkDescription).Append('\n')
            .Append(currentDirectory).Append('\n');
        foreach (var (name, value) in Variables(environment).Where(e => ReadAtStart(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(name).Append('=').Append(value).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..20];
    }

    internal static Dictionary<string, string> Variables(IDictionary environment) =>
        environment.Cast<DictionaryEntry>().Where(e => e.Value is string).ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    /// <summary>
    /// Gives this (kept) worker the environment of the run it serves: <paramref name="run"/>'s variables, and the native
    /// memory settings a worker is started with when the run sets none (<see cref="NotebookSupervisor.NativeMemorySettings"/>),
    /// as a worker started for the run would have.
    /// </summary>
    internal static void UseEnvironment(IReadOnlyDictionary<string, string> run)
    {
        var wanted = new Dictionary<string, string>(run, StringComparer.Ordinal);
        foreach (var (name, value) in NotebookSupervisor.NativeMemorySettings)
            if (!wanted.TryGetValue(name, out var own) || own.Length == 0) wanted[name] = value;
        foreach (var name in Variables(Environment.GetEnvironmentVariables()).Keys)
            if (!wanted.ContainsKey(name)) Environment.SetEnvironmentVariable(name, null);
        foreach (var (name, value) in wanted)
            if (Environment.GetEnvironmentVariable(name) != value) Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>The worker command's arguments that make it stay warm at <paramref name="place"/>.</summary>
    public static IReadOnlyList<string> Arguments(WarmPlace place) =>
        [SocketOption, place.Socket, IdleOption, ((int)place.Idle.TotalSeconds).ToString(CultureInfo.InvariantCulture)];

    /// <summary>
    /// The worker kept warm at <paramref name="place"/>, when there is one and it takes this run; null otherwise
    /// (none, busy with another run, or its build changed: <paramref name="whyNot"/> says which when it answered).
    /// </summary>
    internal static WarmConnection? TryConnect(WarmPlace place, out string? whyNot)
    {
        whyNot = null;
        if (!File.Exists(place.Socket)) return null;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try { socket.Connect(new UnixDomainSocketEndPoint(place.Socket)); }
        catch (SocketException) { socket.Dispose(); return null; } // a worker that ended without removing its socket
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
            var reader = new StreamReader(stream, new UTF8Encoding(false));
            writer.WriteLine(JsonSerializer.Serialize(new WarmHello(Environment.ProcessId, Variables(Environment.GetEnvironmentVariables())), NotebookWorker.Json));
            socket.ReceiveTimeout = 5000; // a worker answers at once, busy or not
            var welcome = reader.ReadLine() is { } line ? JsonSerializer.Deserialize<WarmWelcome>(line, NotebookWorker.Json) : null;
            socket.ReceiveTimeout = 0;
            if (welcome is { Welcome: true }) return new WarmConnection(stream, reader, writer, welcome, place);
            whyNot = welcome?.Why;
        }
        catch (Exception e) when (e is IOException or JsonException or SocketException) { }
        stream.Dispose();
        return null;
    }

    /// <summary>
    /// Whether process <paramref name="pid"/> still runs: signal 0 (the existence check of kill(2)), and on Linux not a
    /// zombie (a kept worker's parent is whichever process adopted it, which may be slow to reap it).
    /// </summary>
    internal static bool Alive(int pid)
    {
        if (Posix.kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() != Posix.EPERM) return false;
        if (!OperatingSystem.IsLinux()) return true;
        try
        {
            var stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            var state = stat.LastIndexOf(')') is var end and >= 0 && end + 2 < stat.Length ? stat[end + 2] : 'R';
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>The last lines of a kept worker's log: its exit code when it wrote one, and what it said before.</summary>
    internal static (int? ExitCode, string LastWords) LastWords(string log)
    {
        string[] lines;
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(0, stream.Length - 4000), SeekOrigin.Begin);
            lines = new StreamReader(stream, Encoding.UTF8).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (null, ""); }
        int? exitCode = lines.LastOrDefault(l => l.StartsWith(ExitLine, StringComparison.Ordinal)) is { } exit
            && int.TryParse(exit.AsSpan(ExitLine.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;
        return (exitCode, string.Join(" | ", lines.Where(l => !l.StartsWith(ExitLine, StringComparison.Ordinal) && !l.StartsWith(WarmWorkerHost.LogPrefix, StringComparison.Ordinal)).TakeLast(3)));
    }
}

/// <summary>
/// A run's first line to a kept worker: who it is (the worker ends if that process dies while a notebook runs) and its
/// environment (the worker takes it on for the run).
/// </summary>
internal sealed record WarmHello(int Pid, IReadOnlyDictionary<string, string> Environment);

/// <summary>A kept worker's answer: it takes the run (its process, how many runs it has now served, how long it waited), or why not.</summary>
internal sealed record WarmWelcome(bool Welcome, int Pid, int Runs, double IdleSeconds, string? Why = null);

/// <summary>A run's line to a worker an earlier run kept warm, through its socket.</summary>
internal sealed class WarmConnection : WorkerLink
{
    private readonly Stream stream;
    private readonly StreamReader reader;
    private readonly StreamWriter writer;
    private readonly WarmPlace place;
    private readonly Task pumping;

    public WarmConnection(Stream stream, StreamReader reader, StreamWriter writer, WarmWelcome welcome, WarmPlace place)
    {
        this.stream = stream;
        this.reader = reader;
        this.writer = writer;
        this.place = place;
        Welcome = welcome;
        pumping = Task.Factory.StartNew(() => PumpReplies(reader.ReadLine), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>What the worker said when it took the run.</summary>
    public WarmWelcome Welcome { get; }

    public override int Id => Welcome.Pid;

    public override async Task<bool> SendAsync(string line)
    {
        try
        {
            await writer.WriteLineAsync(line).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { return false; }
    }

    /// <summary>The worker is not this process's child: its end is waited for by its process id, its exit code read from its log.</summary>
    public override async Task<(int? ExitCode, string LastWords)> WaitForExitAsync()
    {
        var clock = Stopwatch.StartNew();
        while (WarmWorker.Alive(Id) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50).ConfigureAwait(false);
        if (WarmWorker.Alive(Id)) Kill();
        ended = true;
        return WarmWorker.LastWords(place.Log);
    }

    // Seen gone: its process id may be another process's by now.
    private bool ended;

    public override void Kill()
    {
        if (ended) return;
        try
        {
            using var process = Process.GetProcessById(Id);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    public override async ValueTask DisposeAsync()
    {
        try { stream.Dispose(); } catch (IOException) { }
        try { await pumping.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (TimeoutException) { }
        reader.Dispose();
    }
}

/// <summary>
/// The worker's side of <see cref="WarmWorker"/>: after its run handed it off, it listens at its socket and serves one run
/// at a time, until it has waited <see cref="WarmPlace.Idle"/> for one or its build changed on disk. What it writes goes to its log.
/// </summary>
internal sealed class WarmWorkerHost
{
    internal const string LogPrefix = "kzmig notebook-worker (kept warm)";

    private readonly Socket listener;
    private readonly WarmPlace place;
    private readonly string stamp;
    private readonly CancellationTokenSource ending = new();
    private int serving;
    private int runs = 1; // the run that started it
    private long lastUsed = Environment.TickCount64;

    private WarmWorkerHost(Socket listener, WarmPlace place, string stamp)
    {
        this.listener = listener;
        this.place = place;
        this.stamp = stamp;
    }

    /// <summary>Listens at <paramref name="place"/>, or says why not (another worker already waits there; the socket cannot be made).</summary>
    public static WarmWorkerHost? TryListen(WarmPlace place, out string? whyNot)
    {
        whyNot = null;
        var endPoint = new UnixDomainSocketEndPoint(place.Socket);
        if (File.Exists(place.Socket))
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                probe.Connect(endPoint);
                whyNot = "another worker is already kept warm for this build";
                return null;
            }
            catch (SocketException) { File.Delete(place.Socket); } // left by a worker that was killed
        }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(endPoint);
            listener.Listen(4);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            whyNot = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "another worker is already kept warm for this build" : $"cannot listen at {place.Socket}: {e.Message}";
            return null;
        }
        return new WarmWorkerHost(listener, place, WarmWorker.BuildStamp(AppContext.BaseDirectory));
    }

    /// <summary>
    /// Leaves the run that started this process: its standard streams (that run's pipes) point at the log and at
    /// /dev/null, and it leaves the run's session, so neither the end of that run nor its terminal ends it.
    /// </summary>
    public void Detach()
    {
        File.WriteAllText(place.Log, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(place.Log, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Every writer appends (O_APPEND), so the standard streams and the worker's own lines never overwrite each other.
        using var log = File.Open(place.Log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        using var nothing = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
        var logFd = (int)log.SafeFileHandle.DangerousGetHandle();
        var nothingFd = (int)nothing.DangerousGetHandle();
        // .NET's console streams hold copies (dup) of the standard descriptors: every copy of the run's pipes is pointed
        // away as well (the copy's number stays its owner's), or the run would wait for pipes that never end.
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd"))
        {
            var input = LinkOf(0);
            string?[] outputs = [LinkOf(1), LinkOf(2)];
            foreach (var entry in Directory.GetFiles("/proc/self/fd"))
            {
                if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) || fd <= 2 || fd == logFd || fd == nothingFd) continue;
                if (LinkOf(fd) is not { } target || !target.StartsWith("pipe:", StringComparison.Ordinal)) continue;
                if (target == input) Posix.dup2(nothingFd, fd);
                else if (outputs.Contains(target)) Posix.dup2(logFd, fd);
            }
        }
        Posix.dup2(nothingFd, 0);
        Posix.dup2(logFd, 1);
        Posix.dup2(logFd, 2);
        Posix.setsid();
        // The worker's own lines have a writer of their own: a running cell's console is captured by its kernel.
        own = new StreamWriter(new FileStream(place.Log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false)) { AutoFlush = true };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Log(WarmWorker.ExitLine + Environment.ExitCode.ToString(CultureInfo.InvariantCulture), bare: true);
        Log($"process {Environment.ProcessId} waits at {place.Socket} for the next run (ends after {place.Idle.TotalSeconds:0} s without one)");
    }

    private static string? LinkOf(int fd)
    {
        try { return new FileInfo("/proc/self/fd/" + fd.ToString(CultureInfo.InvariantCulture)).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static StreamWriter? own;

    private static void Log(string text, bool bare = false)
    {
        var line = bare ? text : $"{LogPrefix} {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}: {text}";
        try { lock (LogGate) (own ?? Console.Error).WriteLine(line); }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    private static readonly Lock LogGate = new();

    /// <summary>Serves runs until it has waited <see cref="WarmPlace.Idle"/> for one, or its build changed; then removes its socket.</summary>
    public async Task ServeAsync()
    {
        while (!ending.IsCancellationRequested)
        {
            var waited = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));
            var patience = Volatile.Read(ref serving) == 1 ? place.Idle : place.Idle - waited;
            if (patience <= TimeSpan.Zero) { Log($"no run for {place.Idle.TotalSeconds:0} s: ends"); break; }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
            wait.CancelAfter(patience);
            Socket client;
            try { client = await listener.AcceptAsync(wait.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { continue; }
            catch (SocketException e) { Log("the socket failed: " + e.Message); break; }
            _ = Task.Run(() => ServeRunAsync(client));
        }
        listener.Dispose();
        // Ended as it should: its socket and its log go (a worker that died leaves its log: the next run reads its exit code there).
        try { File.Delete(place.Socket); } catch (IOException) { }
        try { File.Delete(place.Log); } catch (IOException) { }
    }

    private async Task ServeRunAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var hello = await reader.ReadLineAsync(patience.Token).ConfigureAwait(false) is { } line ? JsonSerializer.Deserialize<WarmHello>(line, NotebookWorker.Json) : null;
            if (hello is null) return;
            var pid = Environment.ProcessId;
            if (WarmWorker.BuildStamp(AppContext.BaseDirectory) != stamp)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new WarmWelcome(false, pid, runs, 0, "the kept worker's build changed on disk; it ended"), NotebookWorker.Json)).ConfigureAwait(false);
                Log("the build changed on disk: ends");
                await ending.CancelAsync().ConfigureAwait(false);
                return;
            }
            if (Interlocked.CompareExchange(ref serving, 1, 0) != 0)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new WarmWelcome(false, pid, runs, 0, "the kept worker is busy with another run"), NotebookWorker.Json)).ConfigureAwait(false);
                return;
            }
            try
            {
                var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));
                runs++;
                Log($"run {runs}, for process {hello.Pid}, after {idle.TotalSeconds:0.0} s idle");
                NotebookRunner.EndRun();
                WarmWorker.UseEnvironment(hello.Environment);
                await writer.WriteLineAsync(JsonSerializer.Serialize(new WarmWelcome(true, pid, runs, Math.Round(idle.TotalSeconds, 1)), NotebookWorker.Json)).ConfigureAwait(false);
                var session = new WorkerSession { KeepWarm = () => new WarmAck(true, pid, place.Idle.TotalSeconds, null) };
                using var watching = new CancellationTokenSource();
                _ = EndWithRunAsync(hello.Pid, session, watching.Token);
                await NotebookWorker.ServeAsync(reader, writer, session, CancellationToken.None).ConfigureAwait(false);
                await watching.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
                Volatile.Write(ref serving, 0);
            }
        }
        catch (Exception e) when (e is IOException or JsonException or OperationCanceledException or SocketException) { }
    }

    /// <summary>
    /// A run that dies while its notebook runs cannot close the line in time to matter: the notebook would go on writing
    /// into a staging folder nobody reads (and that the next run removes). The worker ends with it, checked every 100 ms.
    /// </summary>
    private static async Task EndWithRunAsync(int runPid, WorkerSession session, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), stop).ConfigureAwait(false);
                if (session.Running && !WarmWorker.Alive(runPid))
                {
                    Log($"process {runPid} ended while its notebook ran: this worker ends with it");
                    Environment.Exit(1);
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}

#pragma warning disable CA5392, SYSLIB1054, IDE1006 // plain libc calls, as the worker command's getppid
internal static class Posix
{
    public const int EPERM = 1;

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    public static extern int dup2(int oldFd, int newFd);

    [DllImport("libc", SetLastError = true)]
    public static extern int setsid();

    [DllImport("libc")]
    public static extern uint getuid();
}
#pragma warning restore CA5392, SYSLIB1054, IDE1006
