using System.Diagnostics;
using System.Globalization;

namespace KzMigration.Publishing;

/// <summary>Questions about other processes that the run's machinery asks (a browser's owner, a kept worker, a run, a front-end).</summary>
public static class Processes
{
    /// <summary>
    /// Whether process <paramref name="pid"/> still runs. On Linux, from <c>/proc/PID/stat</c>: a zombie (ended, not yet
    /// reaped by whichever process adopted it) has ended; elsewhere, what <see cref="Process.GetProcessById(int)"/> says.
    /// </summary>
    public static bool IsRunning(int pid)
    {
        if (pid <= 0) return false;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
                // The state follows the command name in parentheses, which may itself hold ") ".
                var end = stat.LastIndexOf(')');
                return end < 0 || end + 2 >= stat.Length || stat[end + 2] is not ('Z' or 'X');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }
}
