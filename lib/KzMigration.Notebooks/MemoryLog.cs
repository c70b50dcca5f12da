using System.Diagnostics;
using System.Globalization;

namespace KzMigration.Notebooks;

/// <summary>
/// A diagnostic for measuring <c>reproduce</c>'s memory (bench/README.md): when <c>KZMIG_MEMLOG</c> names a file,
/// the processes of a run append one line per step (process, step, resident set, the GC's heap and committed bytes,
/// assemblies loaded). Off by default; it never changes what a run does.
/// </summary>
public static class MemoryLog
{
    /// <summary>The variable that names the log file.</summary>
    public const string Variable = "KZMIG_MEMLOG";

    private static readonly DiagnosticLog Log = new(Variable);

    /// <summary>Whether the log is on.</summary>
    public static bool Enabled => Log.Enabled;

    /// <summary>Appends a line for <paramref name="step"/> of process role <paramref name="role"/>.</summary>
    public static void Write(string role, string step)
    {
        if (!Log.Enabled) return;
        var info = GC.GetGCMemoryInfo();
        using var self = Process.GetCurrentProcess();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:HH:mm:ss.fff} pid {Environment.ProcessId} {role} {step}: rss {self.WorkingSet64 >> 20} MB, peak {self.PeakWorkingSet64 >> 20} MB, "
            + $"gc heap {info.HeapSizeBytes >> 20} MB, committed {info.TotalCommittedBytes >> 20} MB, fragmented {info.FragmentedBytes >> 20} MB, "
            + $"allocated total {GC.GetTotalAllocatedBytes() >> 20} MB, gen2 GCs {GC.CollectionCount(2)}, assemblies {AppDomain.CurrentDomain.GetAssemblies().Length}, "
            + $"cpu {self.TotalProcessorTime.TotalSeconds:0.0} s");
        Log.Append(line + Environment.NewLine + Maps());
    }

    // Resident memory by mapping (Linux): what is neither the GC heap nor a file.
    private static string Maps()
    {
        if (!File.Exists("/proc/self/smaps")) return "";
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var name = "";
        foreach (var l in File.ReadLines("/proc/self/smaps"))
        {
            var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && parts[0].Contains('-') && !parts[0].EndsWith(':'))
                name = parts.Length >= 6 ? System.IO.Path.GetFileName(parts[5]) + (parts[1].Contains('x') ? " (x)" : "") : "[anon " + parts[1] + "]";
            else if (parts.Length >= 2 && parts[0] == "Rss:")
                sizes[name] = sizes.GetValueOrDefault(name) + long.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return string.Concat(sizes.OrderByDescending(kv => kv.Value).Take(12).Select(kv => $"    {kv.Value >> 10,6} MB {kv.Key}{Environment.NewLine}"));
    }
}
