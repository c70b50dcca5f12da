using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KzMigration.Publishing;

namespace KzMigration.Notebooks;

/// <summary>
/// Where a run leaves its notebook worker warm for the next run, and finds one (<see cref="WarmWorker"/>): a socket in a
/// folder only this user can enter, named by the build and the environment, and how long the worker waits for a run
/// before it ends. Each kept worker writes a log of its own beside the socket (<see cref="LogOf"/>).
/// </summary>
public sealed record WarmPlace(string Socket, TimeSpan Idle)
{
    /// <summary>The log of the kept worker with process id <paramref name="pid"/>.</summary>
    public string LogOf(int pid) => Path.ChangeExtension(Socket, null) + "." + pid.ToString(CultureInfo.InvariantCulture) + ".log";
}

/// <summary>
/// A notebook worker kept warm between runs (issue 24), as Gradle's daemon and <c>dotnet build-server</c> keep theirs, so
/// that the next <c>run</c> or <c>reproduce</c> does not pay again for a process start, the first compilation and the JIT
/// of the C# compiler, .NET Interactive and the library (seconds of CPU; bench/README.md). A run's worker, when its run
/// is done with it, stays behind at a socket instead of ending; the next run of the same build finds it there and sends
/// its notebooks to it instead of starting one. It is safe by construction:
/// <list type="bullet">
/// <item>Keyed by the build: the socket's name is a hash of the application's files (names, sizes, times), the runtime,
/// the program, the working folder and the whole environment (but the shell's bookkeeping, <c>PWD</c> and the like). A
/// rebuilt workbench, another folder or another variable never reaches it; it is not kept when its files changed while it
/// ran, and it refuses a run, and ends, once they change on disk.</item>
/// <item>Never stale data: data and notebooks are read by each run (<see cref="NotebookRunner.EndRun"/>: a run shares no
/// loaded data with the one before), and each notebook gets a fresh kernel, as within one run.</item>
/// <item>Kept only when healthy (<see cref="WarmWorkerHost.WhyNotKeep"/>): no process a notebook started still running,
/// no assembly loaded from outside the build, a bounded size and number of runs.</item>
/// <item>One run at a time: a busy worker turns a second run away, which starts a worker of its own.</item>
/// <item>A run that dies while one of its notebooks runs takes the worker with it (the notebook cannot be stopped, only
/// abandoned); a run whose notebook timed out kills it.</item>
/// <item>Only this user's: the folder is this user's alone (checked), and on Linux each end checks the other's user
/// (<c>SO_PEERCRED</c>).</item>
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

    /// <summary>The line a kept worker writes to its log as it takes a run: what it says after the last one is that run's.</summary>
    internal const string RunLine = "kzmig notebook-worker: takes run ";

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

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Where this process's runs find and leave a warm worker, or null with why not (off, Windows, a folder that is not
    /// this user's alone, a path too long for a socket, files that cannot be read). Throws only for a wrong <see cref="Variable"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="Variable"/> holds a value <see cref="IdleFrom"/> refuses.</exception>
    public static (WarmPlace? Place, string? WhyNot) Here()
    {
        if (IdleFrom(Environment.GetEnvironmentVariable(Variable)) is not { } idle) return (null, null);
        if (OperatingSystem.IsWindows()) return (null, "not on Windows");
        try
        {
            // The user's runtime folder where there is one (its own, 0700, made by the login manager); else the temporary folder.
            var folder = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime)
                ? Path.Combine(runtime, "kzmig-warm")
                : Path.Combine(Path.GetTempPath(), "kzmig-warm-" + Posix.getuid().ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder, OwnerOnly);
            // A folder others can enter, or a link, could lead to another user's socket: none is used then (and on Linux
            // each end of a connection checks the other's user as well).
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is not null || info.UnixFileMode != OwnerOnly) return (null, $"{folder} is not this user's alone");
            var key = Key(BuildStamp(AppContext.BaseDirectory), Environment.ProcessPath, Environment.CurrentDirectory, Environment.GetEnvironmentVariables());
            var socket = Path.Combine(folder, key + ".sock");
            // sockaddr_un holds 108 bytes on Linux, 104 on macOS, with the terminating zero.
            if (Encoding.UTF8.GetByteCount(socket) > 100) return (null, $"the socket's path would be too long ({socket})");
            return (new WarmPlace(socket, idle), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return (null, e.Message);
        }
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

    /// <summary><see cref="BuildStamp"/> of this application, or null when its files cannot be read (then nothing is kept).</summary>
    internal static string? BuildStampHere()
    {
        try { return BuildStamp(AppContext.BaseDirectory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    // What a shell changes from one command to the next without changing what a run does.
    private static readonly HashSet<string> ShellNoise = new(StringComparer.Ordinal) { "_", "OLDPWD", "PWD", "SHLVL" };

    /// <summary>
    /// The name of the socket a worker for this build, program, runtime, working folder and environment waits at: any
    /// difference in them (a variable a notebook or the library reads, the culture's variables) reaches another worker.
    /// </summary>
    internal static string Key(string buildStamp, string? processPath, string currentDirectory, IDictionary environment)
    {
        var text = new StringBuilder("kzmig warm worker 3\n")
            .Append(buildStamp).Append('\n').Append(processPath).Append('\n').Append(RuntimeInformation.FrameworkDescription).Append('\n')
            .Append(currentDirectory).Append('\n');
        foreach (var (name, value) in environment.Cast<DictionaryEntry>().Select(e => ((string)e.Key, e.Value as string))
                     .Where(e => !ShellNoise.Contains(e.Item1)).OrderBy(e => e.Item1, StringComparer.Ordinal))
            text.Append(name).Append('=').Append(value).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..20];
    }

    /// <summary>The worker command's arguments that make it stay warm at <paramref name="place"/>.</summary>
    public static IReadOnlyList<string> Arguments(WarmPlace place) =>
        [SocketOption, place.Socket, IdleOption, ((int)place.Idle.TotalSeconds).ToString(CultureInfo.InvariantCulture)];

    /// <summary>
    /// The descriptors this process inherited from whoever started it are not passed on to a worker that may outlive it
    /// (a pipe its caller reads to the end, a build's job server): each is marked close-on-exec (Linux; .NET's own are already).
    /// </summary>
    internal static void KeepInheritedDescriptors()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            foreach (var fd in BeyondStandardDescriptors())
                if (Posix.fcntl(fd, Posix.F_GETFD, 0) is var flags and >= 0 && (flags & Posix.FD_CLOEXEC) == 0)
                    Posix.fcntl(fd, Posix.F_SETFD, flags | Posix.FD_CLOEXEC);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException) { }
    }

    /// <summary>This process's open file descriptors beyond 0–2 (Linux, <c>/proc/self/fd</c>; none where there is no such folder).</summary>
    internal static IEnumerable<int> BeyondStandardDescriptors()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd")) return [];
        return [.. Directory.GetFiles("/proc/self/fd")
            .Select(entry => int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) ? fd : -1)
            .Where(fd => fd > 2)];
    }

    /// <summary>
    /// The worker kept warm at <paramref name="place"/>, when there is one and it takes this run; null otherwise
    /// (none, busy with another run, or its build changed: <paramref name="whyNot"/> says which when it answered).
    /// </summary>
    internal static WarmConnection? TryConnect(WarmPlace place, out string? whyNot)
    {
        whyNot = null;
        if (!File.Exists(place.Socket)) return null;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // A worker that cannot take a connection at once (stopped, or its queue full) is not waited for.
            if (!socket.ConnectAsync(new UnixDomainSocketEndPoint(place.Socket)).Wait(TimeSpan.FromSeconds(1))) { socket.Dispose(); return null; }
        }
        catch (AggregateException) { socket.Dispose(); return null; } // a worker that ended without removing its socket
        if (PeerCredentials(socket) is { } peer && peer.Uid != Posix.getuid())
        {
            socket.Dispose();
            whyNot = $"the process at {place.Socket} is another user's";
            return null;
        }
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
            var reader = new StreamReader(stream, new UTF8Encoding(false));
            socket.SendTimeout = 2000;
            writer.WriteLine(JsonSerializer.Serialize(new WarmHello(Environment.ProcessId), NotebookWorker.Json));
            socket.ReceiveTimeout = 5000; // a worker answers at once, busy or not
            var welcome = reader.ReadLine() is { } line ? JsonSerializer.Deserialize<WarmWelcome>(line, NotebookWorker.Json) : null;
            socket.ReceiveTimeout = 0;
            socket.SendTimeout = 0;
            if (welcome is { Welcome: true }) return new WarmConnection(stream, reader, writer, welcome, place);
            whyNot = welcome?.Why;
        }
        catch (Exception e) when (e is IOException or JsonException or SocketException) { }
        stream.Dispose();
        return null;
    }

    /// <summary>The process and user at the other end of a local socket (Linux: <c>SO_PEERCRED</c>); null elsewhere.</summary>
    internal static (int Pid, uint Uid)? PeerCredentials(Socket socket)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var credentials = new byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
            if (socket.GetRawSocketOption(1 /* SOL_SOCKET */, 17 /* SO_PEERCRED */, credentials) < 8) return null;
            return (BitConverter.ToInt32(credentials, 0), BitConverter.ToUInt32(credentials, 4));
        }
        catch (SocketException) { return null; }
    }

    /// <summary>
    /// The last lines of a kept worker's log since it took its latest run: its exit code when it wrote one, and what it
    /// said before (an earlier run's output never shows in this run's failure).
    /// </summary>
    internal static (int? ExitCode, string LastWords) LastWords(string log)
    {
        string[] lines;
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(0, stream.Length - 8000), SeekOrigin.Begin);
            lines = new StreamReader(stream, Encoding.UTF8).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (null, ""); }
        var since = lines.Skip(Array.FindLastIndex(lines, l => l.Contains(RunLine, StringComparison.Ordinal)) + 1).ToList();
        int? exitCode = since.LastOrDefault(l => l.StartsWith(ExitLine, StringComparison.Ordinal)) is { } exit
            && int.TryParse(exit.AsSpan(ExitLine.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;
        return (exitCode, string.Join(" | ", since.Where(l => !l.StartsWith(ExitLine, StringComparison.Ordinal) && !l.StartsWith(WarmWorkerHost.LogPrefix, StringComparison.Ordinal)).TakeLast(3)));
    }
}

/// <summary>A run's first line to a kept worker: who it is (where <c>SO_PEERCRED</c> cannot say; the worker ends if that process dies while a notebook runs).</summary>
internal sealed record WarmHello(int Pid);

/// <summary>
/// A kept worker's answer: it takes the run (its process, how many runs it has now served, how long it waited; whether it
/// has a Chromium ready for the run's figures, <see cref="KeptFigureDrawer"/>), or why not.
/// </summary>
internal sealed record WarmWelcome(bool Welcome, int Pid, int Runs, double IdleSeconds, string? Why = null, bool Figures = false);

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

    protected override async Task<bool> WriteLineAsync(string line)
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
        while (Processes.IsRunning(Id) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50).ConfigureAwait(false);
        if (Processes.IsRunning(Id)) Kill();
        ended = true;
        return WarmWorker.LastWords(place.LogOf(Id));
    }

    // Seen gone: its process id may be another process's by now.
    private bool ended;

    /// <summary>Kills the worker (only while its process is still the kept worker of this place) and waits, briefly, until it is gone.</summary>
    public override void Kill()
    {
        if (ended || !IsTheWorker()) return;
        try
        {
            using var process = Process.GetProcessById(Id);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        var clock = Stopwatch.StartNew();
        while (Processes.IsRunning(Id) && clock.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(20);
        ended = true;
    }

    // Its command line names this place's socket (Linux): a process id seen earlier is checked before it is signalled.
    private bool IsTheWorker()
    {
        if (!OperatingSystem.IsLinux()) return Processes.IsRunning(Id);
        try { return File.ReadAllText($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/cmdline").Contains(place.Socket, StringComparison.Ordinal); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
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
/// at a time, until it has waited <see cref="WarmPlace.Idle"/> for one, its build changed on disk, or it is no longer
/// healthy enough to keep. What it writes goes to its log.
/// </summary>
internal sealed class WarmWorkerHost
{
    internal const string LogPrefix = "kzmig notebook-worker (kept warm)";

    /// <summary>A kept worker that has served this many runs, or holds this much memory, is not kept again.</summary>
    internal const int MaxRuns = 100;

    internal const long MaxBytes = 2L << 30;

    private const int Idle = 0, Serving = 1, Ending = 2;

    private readonly Socket listener;
    private readonly WarmPlace place;
    private readonly string stamp;
    private readonly CancellationTokenSource ending = new();
    private int state = Idle;
    private int runs = 1; // the run that started it
    private long lastUsed = Environment.TickCount64;
    private readonly List<Task> accepted = []; // every connection's task, awaited before the socket's files go
    private KeptFigureDrawer? figures;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> browsers = new(); // every Chromium this worker started for figures

    private WarmWorkerHost(Socket listener, WarmPlace place, string stamp)
    {
        this.listener = listener;
        this.place = place;
        this.stamp = stamp;
    }

    /// <summary>
    /// Why this worker is not to be kept for another run, or null: its build's files changed since it started
    /// (<paramref name="stamp"/>, null when they could not be read), a process a notebook started still runs, a notebook
    /// loaded an assembly from outside the build (which a later run could not reload), or it has grown too big or served
    /// <see cref="MaxRuns"/> runs. <paramref name="browsers"/>: the worker's own Chromiums (<see cref="KeptFigureDrawer"/>: the
    /// one kept, also while it starts, and any still closing), no notebook's processes.
    /// </summary>
    internal static string? WhyNotKeep(string? stamp, int runs, ICollection<int>? browsers = null)
    {
        if (stamp is null || WarmWorker.BuildStampHere() != stamp) return "the workbench's files changed while it ran";
        if (runs >= MaxRuns) return $"it has served {runs} runs";
        if (Environment.WorkingSet > MaxBytes) return $"it holds {Environment.WorkingSet >> 20} MB";
        if (ChildProcesses().Where(pid => browsers?.Contains(pid) != true).ToList() is { Count: > 0 } children) return $"a notebook left a process running (process {children[0]})";
        var build = Path.GetFullPath(AppContext.BaseDirectory);
        var framework = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || assembly.Location is not { Length: > 0 } location) continue;
            if (!location.StartsWith(build, StringComparison.Ordinal) && !location.StartsWith(framework, StringComparison.Ordinal))
                return $"a notebook loaded {Path.GetFileName(location)} from outside the workbench";
        }
        return null;
    }

    private static List<int> ChildProcesses()
    {
        var children = new List<int>();
        if (!OperatingSystem.IsLinux()) return children;
        try
        {
            foreach (var task in Directory.GetDirectories("/proc/self/task"))
                foreach (var pid in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Processes.IsRunning(id)) children.Add(id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return children;
    }

    /// <summary>
    /// Listens at <paramref name="place"/> when the worker may be kept (<see cref="WhyNotKeep"/>), or says why not
    /// (another worker already waits there; the socket cannot be made).
    /// </summary>
    public static WarmWorkerHost? TryListen(WarmPlace place, string? stamp, out string? whyNot)
    {
        whyNot = WhyNotKeep(stamp, runs: 1);
        if (whyNot is not null) return null;
        var endPoint = new UnixDomainSocketEndPoint(place.Socket);
        Socket? listener = null;
        try
        {
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
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(endPoint);
            listener.Listen(8);
            return new WarmWorkerHost(listener, place, stamp!);
        }
        catch (SocketException e)
        {
            listener?.Dispose();
            whyNot = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "another worker is already kept warm for this build" : $"cannot listen at {place.Socket}: {e.Message}";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            listener?.Dispose();
            whyNot = $"cannot listen at {place.Socket}: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Leaves the run that started this process: its standard streams (that run's pipes) and .NET's copies of them point
    /// at its log and at /dev/null, and it leaves the run's session, so neither the end of that run nor its terminal ends
    /// it. False when that cannot be done (the worker then ends).
    /// </summary>
    public bool Detach()
    {
        try
        {
            var log = place.LogOf(Environment.ProcessId);
            File.WriteAllText(log, "");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(log, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // Every writer appends (O_APPEND), so the standard streams and the worker's own lines never overwrite each other.
            using var file = File.Open(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            using var nothing = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
            var logFd = (int)file.SafeFileHandle.DangerousGetHandle();
            var nothingFd = (int)nothing.DangerousGetHandle();
            // .NET's console streams hold copies (dup) of the standard descriptors: every copy of the run's pipes is pointed
            // away as well (the copy's number stays its owner's), or the run would wait for pipes that never end.
            var input = LinkOf(0);
            string?[] outputs = [LinkOf(1), LinkOf(2)];
            foreach (var fd in WarmWorker.BeyondStandardDescriptors())
            {
                if (fd == logFd || fd == nothingFd || LinkOf(fd) is not { } target || !target.StartsWith("pipe:", StringComparison.Ordinal)) continue;
                if (target == input) Posix.dup2(nothingFd, fd);
                else if (outputs.Contains(target)) Posix.dup2(logFd, fd);
            }
            if (Posix.dup2(nothingFd, 0) < 0 || Posix.dup2(logFd, 1) < 0 || Posix.dup2(logFd, 2) < 0) return false;
            Posix.setsid();
            // The worker's own lines have a writer of their own: a running cell's console is captured by its kernel.
            own = new StreamWriter(new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false)) { AutoFlush = true };
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                Log(WarmWorker.ExitLine + Environment.ExitCode.ToString(CultureInfo.InvariantCulture), bare: true);
                // Ended by a signal or a cell: its socket goes (the log stays, for the exit code); ending as it should removed both.
                if (Volatile.Read(ref state) != Ending) try { File.Delete(place.Socket); } catch (IOException) { }
            };
            Log($"process {Environment.ProcessId} waits at {place.Socket} for the next run (ends after {place.Idle.TotalSeconds:0} s without one)");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static string? LinkOf(int fd)
    {
        try { return new FileInfo("/proc/self/fd/" + fd.ToString(CultureInfo.InvariantCulture)).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static StreamWriter? own;
    private static readonly Lock LogGate = new();

    private static void Log(string text, bool bare = false)
    {
        var line = bare ? text : $"{LogPrefix} {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}: {text}";
        try { lock (LogGate) (own ?? Console.Error).WriteLine(line); }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    /// <summary>
    /// Whether a run that left it warm published figures: it then keeps a Chromium ready for the next run's, until it ends
    /// (a run without figures does not take it away from the what-if run after it).
    /// </summary>
    public bool KeepsFigures { get; set; }

    // Starts the kept Chromium when a run asked for one and none is ready (none yet, or the last one failed).
    private void KeepFigures()
    {
        foreach (var gone in browsers.Keys.Where(pid => !Processes.IsRunning(pid))) browsers.TryRemove(gone, out _);
        if (!KeepsFigures || figures is { Ready: true }) return;
        if (figures is { } old) _ = Task.Run(async () => await old.DisposeAsync().ConfigureAwait(false)); // not in the next run's way
        figures = KeptFigureDrawer.Start(pid => browsers[pid] = true, out var whyNot);
        Log(figures is null ? "keeps no Chromium for figures: " + whyNot : "starts a Chromium for the next run's figures");
    }

    /// <summary>
    /// Serves runs until it has waited <see cref="WarmPlace.Idle"/> for one, or it ends (its build changed, it is not to be
    /// kept); then removes its socket (before it stops listening, so that no successor's socket is ever removed) and its log.
    /// </summary>
    public async Task ServeAsync()
    {
        KeepFigures();
        while (!ending.IsCancellationRequested)
        {
            var waited = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));
            var patience = Volatile.Read(ref state) == Serving ? place.Idle : place.Idle - waited;
            // Ends only from idle: a run that was just accepted keeps it.
            if (patience <= TimeSpan.Zero && Interlocked.CompareExchange(ref state, Ending, Idle) == Idle)
            {
                Log($"no run for {place.Idle.TotalSeconds:0} s: ends");
                break;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
            wait.CancelAfter(patience > TimeSpan.Zero ? patience : TimeSpan.FromMilliseconds(100));
            Socket client;
            try { client = await listener.AcceptAsync(wait.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { continue; }
            catch (SocketException e) { Log("the socket failed: " + e.Message); break; }
            accepted.RemoveAll(t => t.IsCompleted);
            accepted.Add(Task.Run(() => ServeRunAsync(client)));
        }
        Volatile.Write(ref state, Ending);
        try { File.Delete(place.Socket); } catch (IOException) { }
        listener.Dispose();
        await Task.WhenAll(accepted).ConfigureAwait(false);
        if (figures is not null) await figures.DisposeAsync().ConfigureAwait(false);
        try { File.Delete(place.LogOf(Environment.ProcessId)); } catch (IOException) { }
    }

    private async Task ServeRunAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
        var pid = Environment.ProcessId;
        async Task Refuse(string why) =>
            await writer.WriteLineAsync(JsonSerializer.Serialize(new WarmWelcome(false, pid, runs, 0, why), NotebookWorker.Json)).ConfigureAwait(false);
        try
        {
            var peer = WarmWorker.PeerCredentials(client);
            if (peer is { } credentials && credentials.Uid != Posix.getuid()) return; // only this user's runs
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var hello = await reader.ReadLineAsync(patience.Token).ConfigureAwait(false) is { } line ? JsonSerializer.Deserialize<WarmHello>(line, NotebookWorker.Json) : null;
            if (hello is null) return;
            switch (Interlocked.CompareExchange(ref state, Serving, Idle))
            {
                case Serving: await Refuse("the kept worker is busy with another run").ConfigureAwait(false); return;
                case Ending: await Refuse("the kept worker is ending").ConfigureAwait(false); return;
            }
            var kept = false;
            try
            {
                // Checked while it holds the worker, so that ending never cuts a run short.
                if (WarmWorker.BuildStampHere() != stamp)
                {
                    await Refuse("the kept worker's build changed on disk; it ended").ConfigureAwait(false);
                    Log("the build changed on disk: ends");
                    return;
                }
                var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));
                var runPid = peer?.Pid ?? hello.Pid;
                runs++;
                Log($"{WarmWorker.RunLine}{runs}, for process {runPid}, after {idle.TotalSeconds:0.0} s idle");
                NotebookRunner.EndRun();
                var drawer = figures is { Ready: true } ready ? ready : null;
                await writer.WriteLineAsync(JsonSerializer.Serialize(new WarmWelcome(true, pid, runs, Math.Round(idle.TotalSeconds, 1), Figures: drawer is not null), NotebookWorker.Json)).ConfigureAwait(false);
                var session = new WorkerSession
                {
                    KeepWarm = wantsFigures =>
                    {
                        if (WhyNotKeep(stamp, runs, browsers.Keys) is { } why) return new WarmAck(false, pid, 0, why);
                        KeepsFigures |= wantsFigures;
                        return new WarmAck(true, pid, place.Idle.TotalSeconds, null, KeepsFigures);
                    },
                    Figures = drawer,
                };
                using var watching = new CancellationTokenSource();
                var watch = EndWithRunAsync(runPid, session, watching.Token);
                try { kept = await NotebookWorker.ServeAsync(reader, writer, session, CancellationToken.None).ConfigureAwait(false); }
                finally
                {
                    await watching.CancelAsync().ConfigureAwait(false);
                    await watch.ConfigureAwait(false);
                }
                // The run ended its line between notebooks without a word (a command that stopped before its first
                // notebook, a run killed between two): nothing of it runs here, so the worker stays if it may be kept.
                if (!kept && WhyNotKeep(stamp, runs, browsers.Keys) is { } why) Log($"not kept ({why}): ends");
                else kept = true;
                if (kept) KeepFigures();
            }
            finally
            {
                Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
                if (kept) Volatile.Write(ref state, Idle);
                else
                {
                    Volatile.Write(ref state, Ending);
                    await ending.CancelAsync().ConfigureAwait(false);
                }
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
                if (session.Running && !Processes.IsRunning(runPid))
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
    public const int F_GETFD = 1;
    public const int F_SETFD = 2;
    public const int FD_CLOEXEC = 1;

    [DllImport("libc", SetLastError = true)]
    public static extern int dup2(int oldFd, int newFd);

    [DllImport("libc", SetLastError = true)]
    public static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    public static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc")]
    public static extern uint getuid();
}
#pragma warning restore CA5392, SYSLIB1054, IDE1006
