namespace KzMigration.Notebooks;

/// <summary>
/// A diagnostic log a run writes only when the environment variable given to it names a file (bench/README.md):
/// every process of the run appends its lines to that file. Off by default; it never changes what a run does. One place
/// for what <see cref="StepLog"/> (time) and <see cref="MemoryLog"/> (memory) share: the switch, the file and the lock.
/// </summary>
internal sealed class DiagnosticLog(string variable)
{
    private readonly string? path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } p ? p : null;
    private readonly Lock gate = new();

    /// <summary>Whether the log is on.</summary>
    public bool Enabled => path is not null;

    /// <summary>Appends <paramref name="text"/> (whole lines) when the log is on.</summary>
    public void Append(string text)
    {
        if (path is null) return;
        lock (gate) File.AppendAllText(path, text);
    }
}
