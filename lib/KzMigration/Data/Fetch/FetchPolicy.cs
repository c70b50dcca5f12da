using System.Globalization;

namespace KzMigration.Data.Fetch;

/// <summary>
/// How patient a fetch is: a timeout per attempt, a bounded number of retries with exponential backoff and jitter,
/// and a cap on the size of a response. The jitter's random source and the sleep are injectable, so tests are fast
/// and deterministic; the defaults suit the portals (taldau's largest dumps are about 8 MB, FORMATS.md §2.1).
/// </summary>
public sealed record FetchPolicy
{
    /// <summary>The default size cap: 64 MiB, eight times the largest taldau dump public clients report.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>How long one attempt may take, from sending the request to the last byte of the body (default 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt (default 3, so at most 4 attempts). Only transient failures are retried.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The backoff before the first retry; it doubles for each further retry (default 1 s).</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff (default 30 s), also the most a server's Retry-After is honoured.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest response accepted, in bytes (default <see cref="DefaultMaxBytes"/>). A larger one is refused, never buffered.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The jitter's random source; a seeded one makes the delays reproducible. Null: a shared unseeded source.</summary>
    public Random? Jitter { get; init; }

    /// <summary>How to wait between attempts (default <see cref="Task.Delay(TimeSpan, CancellationToken)"/>).</summary>
    public Func<TimeSpan, CancellationToken, Task> Sleep { get; init; } = Task.Delay;

    /// <summary>
    /// The wait before retry <paramref name="retry"/> (1-based): «equal jitter» — half of the exponential backoff
    /// min(<see cref="MaxDelay"/>, <see cref="FirstDelay"/> × 2^(retry−1)) plus a uniformly random part of the other half,
    /// so clients that failed together do not retry together (Brooker, «Exponential Backoff And Jitter», AWS
    /// Architecture Blog, 2015). A server's Retry-After, when longer, is waited instead (capped at <see cref="MaxDelay"/>).
    /// </summary>
    public TimeSpan DelayBefore(int retry, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var exponential = FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(MaxDelay.TotalMilliseconds, exponential);
        var delay = TimeSpan.FromMilliseconds(capped / 2 + (Jitter ?? Random.Shared).NextDouble() * capped / 2);
        if (retryAfter is { } after && after > delay) delay = after < MaxDelay ? after : MaxDelay;
        return delay;
    }

    /// <summary>Checks the values a user can set (<c>--timeout</c>, <c>--retries</c>, <c>--max-size</c>).</summary>
    /// <exception cref="Import.ImportUsageException">A value out of range.</exception>
    public FetchPolicy Checked()
    {
        if (!(Timeout > TimeSpan.Zero && Timeout <= TimeSpan.FromDays(1)))
            throw new Import.ImportUsageException($"--timeout {Seconds(Timeout)}: expected seconds, more than 0 and at most one day");
        if (Retries is < 0 or > 10)
            throw new Import.ImportUsageException($"--retries {Retries}: expected 0 to 10");
        if (MaxBytes <= 0)
            throw new Import.ImportUsageException("--max-size must be more than 0 MB");
        return this;
    }

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>«64 MB» / «0.001 MB»: a size limit as the user gave it (MiB).</summary>
    internal static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.###", CultureInfo.InvariantCulture) + " MB";
}
