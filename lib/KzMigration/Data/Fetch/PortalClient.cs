using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace KzMigration.Data.Fetch;

/// <summary>One response, as it was received and saved.</summary>
/// <param name="Requested">The address asked for.</param>
/// <param name="Final">The address that answered, after redirects (stat.gov.kz answers with a 302 to the file).</param>
/// <param name="Status">The final HTTP status (200).</param>
/// <param name="Bytes">The size of the body.</param>
/// <param name="Sha256">SHA-256 of the body's bytes, lower-case hex.</param>
/// <param name="RetrievedAt">When the body was received (UTC).</param>
/// <param name="Attempts">How many attempts it took.</param>
/// <param name="ContentType">The response's Content-Type, when given.</param>
/// <param name="Path">Where the body was saved, byte for byte.</param>
public sealed record PortalResponse(Uri Requested, Uri Final, int Status, long Bytes, string Sha256, DateTimeOffset RetrievedAt, int Attempts, string? ContentType, string Path);

/// <summary>
/// Downloads a portal's answer to a file, byte for byte, under a <see cref="FetchPolicy"/>: a timeout per attempt,
/// bounded retries with backoff and jitter for transient failures (no connection, a timeout, HTTP 408, 429 and 5xx),
/// redirects followed, and the body streamed to disk through a size cap and a SHA-256, never held in memory whole.
/// Any failure leaves no file and throws a <see cref="PortalException"/> saying what happened.
/// </summary>
public sealed class PortalClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly FetchPolicy _policy;
    private readonly TimeProvider _clock;

    /// <param name="policy">Timeout, retries, size cap.</param>
    /// <param name="handler">The HTTP handler (null: a socket handler following up to 5 redirects).</param>
    /// <param name="clock">The clock the retrieval time is read from (null: the system clock).</param>
    public PortalClient(FetchPolicy? policy = null, HttpMessageHandler? handler = null, TimeProvider? clock = null)
    {
        _policy = policy ?? new FetchPolicy();
        _clock = clock ?? TimeProvider.System;
        handler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = _policy.Timeout,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("kzmig", "0.1"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("(KzMigration research workbench)"));
    }

    public FetchPolicy Policy => _policy;

    /// <summary>Saves the answer to <paramref name="address"/> at <paramref name="path"/> (replaced if present).</summary>
    /// <exception cref="PortalException">No usable answer; nothing is left at <paramref name="path"/>.</exception>
    public async Task<PortalResponse> DownloadAsync(Uri address, string path, CancellationToken cancellation = default)
    {
        var attempts = 1 + _policy.Retries;
        var started = _clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            PortalException failure;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                timeout.CancelAfter(_policy.Timeout);
                try
                {
                    return await AttemptAsync(address, path, attempt, timeout.Token).ConfigureAwait(false);
                }
                catch (RetryableStatus e)
                {
                    retryAfter = e.RetryAfter;
                    failure = new PortalException(PortalProblem.HttpStatus, $"{Host(address)} answered HTTP {e.Status} {e.Reason} for {address}", e);
                }
                catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
                {
                    failure = new PortalException(PortalProblem.Timeout,
                        $"{Host(address)} did not answer {address} completely within the timeout of {FetchPolicy.Seconds(_policy.Timeout)} s", e);
                }
                catch (HttpRequestException e) when (e.StatusCode is null)
                {
                    failure = new PortalException(PortalProblem.Unreachable, $"cannot reach {Host(address)} ({Reason(e)}) for {address}", e);
                }
                catch (IOException e) when (e is not PortalException)
                {
                    // The connection broke while the body was being read.
                    failure = new PortalException(PortalProblem.Unreachable, $"the connection to {Host(address)} broke while reading {address} ({e.Message})", e);
                }
                finally
                {
                    if (File.Exists(path + ".part")) File.Delete(path + ".part");
                }
            }
            if (attempt >= attempts)
            {
                var elapsed = _clock.GetElapsedTime(started);
                var hint = failure.Problem == PortalProblem.Unreachable
                    ? "; are you offline? (--portal URL fetches through a mirror or proxy)"
                    : failure.Problem == PortalProblem.Timeout ? "; --timeout SECONDS allows longer" : "";
                throw new PortalException(failure.Problem,
                    $"{failure.Message} ({attempts} attempt{(attempts == 1 ? "" : "s")} over {FetchPolicy.Seconds(elapsed)} s){hint}", failure.InnerException);
            }
            await _policy.Sleep(_policy.DelayBefore(attempt, retryAfter), cancellation).ConfigureAwait(false);
        }
    }

    private async Task<PortalResponse> AttemptAsync(Uri address, string path, int attempt, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.ParseAdd("application/json, text/csv, text/tab-separated-values, */*;q=0.5");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is 408 or 429 or >= 500)
            throw new RetryableStatus(status, response.ReasonPhrase ?? "", RetryAfter(response));
        if (!response.IsSuccessStatusCode)
            throw new PortalException(PortalProblem.HttpStatus,
                $"{Host(address)} answered HTTP {status} {response.ReasonPhrase} for {address}" +
                (status == 404 ? ": no such table — check the id (kzmig data fetch --list, --segments ID, --search WORDS)" : ""));
        if (response.Content.Headers.ContentLength is { } declared && declared > _policy.MaxBytes)
            throw TooLarge(address, $"it declares {RawResponseName.Invariant(declared)} bytes");

        // Streamed to a partial file through the cap and the hash; renamed into place only when complete.
        var part = path + ".part";
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        await using (var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false))
        await using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > _policy.MaxBytes) throw TooLarge(address, $"more than {RawResponseName.Invariant(_policy.MaxBytes)} bytes arrived");
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
            }
        }
        File.Move(part, path, overwrite: true);
        return new PortalResponse(address, response.RequestMessage?.RequestUri ?? address, status, total,
            Convert.ToHexStringLower(sha.GetHashAndReset()), _clock.GetUtcNow(), attempt, response.Content.Headers.ContentType?.ToString(), path);
    }

    private PortalException TooLarge(Uri address, string what) =>
        new(PortalProblem.TooLarge,
            $"the response to {address} is larger than the limit of {FetchPolicy.Megabytes(_policy.MaxBytes)} ({what}); refused, nothing kept — --max-size MB raises the limit");

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static string Host(Uri address) => address.IsDefaultPort ? address.Host : $"{address.Host}:{address.Port}";

    // The innermost cause says it best: «Name or service not known», «Connection refused».
    private static string Reason(HttpRequestException e)
    {
        Exception inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner is SocketException s ? $"{s.Message} [{s.SocketErrorCode}]" : inner.Message;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A status worth retrying (408, 429, 5xx).</summary>
    private sealed class RetryableStatus(int status, string reason, TimeSpan? retryAfter) : Exception($"HTTP {status} {reason}")
    {
        public int Status { get; } = status;
        public string Reason { get; } = reason;
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}
