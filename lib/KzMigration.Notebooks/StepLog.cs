using System.Diagnostics;
using System.Globalization;

namespace KzMigration.Notebooks;

/// <summary>
/// A diagnostic for breaking a run's time down (bench/README.md, issue 24): when <c>KZMIG_STEPLOG</c> names a file, the
/// processes of a run (the CLI, its notebook worker) append one line per step: the wall clock, the seconds since the
/// process itself started (so the runtime's own start shows), the process's CPU seconds so far, the methods the JIT compiled so far and its time, its role and the step.
/// Off by default; it never changes what a run does.
/// </summary>
public static class StepLog
{
    /// <summary>The variable that names the log file.</summary>
    public const string Variable = "KZMIG_STEPLOG";

    private static readonly DiagnosticLog Log = new(Variable);

    /// <summary>Whether the log is on.</summary>
    public static bool Enabled => Log.Enabled;

    /// <summary>Appends a line for <paramref name="step"/> of process role <paramref name="role"/>.</summary>
    public static void Write(string role, string step)
    {
        if (!Log.Enabled) return;
        using var self = Process.GetCurrentProcess();
        var now = DateTime.Now;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{now.ToUniversalTime():HH:mm:ss.fff} +{(now - self.StartTime).TotalSeconds,6:0.000} s cpu {self.TotalProcessorTime.TotalSeconds,6:0.000} s jit {System.Runtime.JitInfo.GetCompiledMethodCount(),6} methods {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds,6:0.000} s pid {Environment.ProcessId} {role}: {step}");
        Log.Append(line + Environment.NewLine);
    }
}
