namespace KzMigration.Data.Fetch;

/// <summary>Why a fetch could not use what the portal answered (or did not answer).</summary>
public enum PortalProblem
{
    /// <summary>No connection: the host cannot be resolved or reached (offline, a firewall, a wrong <c>--portal</c>).</summary>
    Unreachable,

    /// <summary>No complete answer within the timeout.</summary>
    Timeout,

    /// <summary>An HTTP error status (4xx, or 5xx after the retries).</summary>
    HttpStatus,

    /// <summary>The response is larger than the size limit.</summary>
    TooLarge,

    /// <summary>The portal answered, with nothing in it (taldau's <c>[]</c>: an incomplete <c>dics</c> set).</summary>
    Empty,

    /// <summary>The response is not in the layout the request returns (the portal's format changed, or an error page).</summary>
    Shape,
}

/// <summary>
/// A fetch that failed before anything was written: one line saying what the portal did and what to do. An
/// <see cref="IOException"/>, so the command line reports it with exit code 2 like any unusable input.
/// </summary>
public sealed class PortalException(PortalProblem problem, string message, Exception? inner = null) : IOException(message, inner)
{
    public PortalProblem Problem { get; } = problem;
}
