using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KzMigration.Tests.Fetch;

/// <summary>
/// A loopback HTTP/1.1 server (127.0.0.1, a port the system chooses) that replays recorded responses to the fetch tests:
/// one queue of replies per path and query; the last reply of a queue repeats. Every connection is closed after its reply.
/// No network beyond the loopback interface is used.
/// </summary>
internal sealed class ReplayServer : IDisposable
{
    /// <summary>One reply: a status, a body, headers; optionally a delay, a streamed body of a given size, or a dropped connection.</summary>
    public sealed record Reply(int Status, byte[] Body)
    {
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

        /// <summary>Wait this long before answering (a slow or hung portal).</summary>
        public TimeSpan Delay { get; init; }

        /// <summary>Instead of <see cref="Body"/>, stream this many bytes (a huge body).</summary>
        public long? StreamBytes { get; init; }

        /// <summary>Whether a streamed body declares its length (false: chunked, the size unknown until it ends).</summary>
        public bool DeclareLength { get; init; } = true;

        public static Reply Ok(byte[] body, string contentType = "application/json; charset=utf-8") =>
            new(200, body) { Headers = new Dictionary<string, string> { ["Content-Type"] = contentType } };

        public static Reply Ok(string body) => Ok(Encoding.UTF8.GetBytes(body));

        public static Reply File(string path, string contentType = "application/json; charset=utf-8") => Ok(System.IO.File.ReadAllBytes(path), contentType);

        public static Reply Error(int status) => new(status, Encoding.UTF8.GetBytes($"<html><body>error {status}</body></html>"))
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/html" },
        };

        public static Reply Redirect(string location) => new(302, []) { Headers = new Dictionary<string, string> { ["Location"] = location } };
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Queue<Reply>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    public ReplayServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The server's root, to pass as <c>--portal</c>.</summary>
    public Uri Root => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Every request line's target received so far (path and query), in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Replies to <paramref name="relativeAddress"/> (a path and query without the leading slash), in order; the last repeats.</summary>
    public ReplayServer On(string relativeAddress, params Reply[] replies)
    {
        _routes["/" + relativeAddress] = new Queue<Reply>(replies);
        return this;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var target = await ReadRequestTargetAsync(stream);
            if (target is null) return;
            _requests.Enqueue(target);
            Reply reply;
            lock (_routes)
            {
                reply = _routes.TryGetValue(target, out var queue) && queue.Count > 0
                    ? queue.Count > 1 ? queue.Dequeue() : queue.Peek()
                    : Reply.Error(404);
            }
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stop.Token);
            var head = new StringBuilder($"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\n");
            foreach (var (name, value) in reply.Headers) head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            var length = reply.StreamBytes ?? reply.Body.LongLength;
            if (reply.StreamBytes is null || reply.DeclareLength) head.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n");
            else head.Append("Transfer-Encoding: chunked\r\n");
            head.Append("Connection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
            if (reply.StreamBytes is { } total)
            {
                var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("[{\"terms\":[1],\"termNames\":[\"X\"],\"periods\":[]},", 1200)));
                for (long sent = 0; sent < total;)
                {
                    var n = (int)Math.Min(chunk.Length, total - sent);
                    if (!reply.DeclareLength) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{n:X}\r\n"), _stop.Token);
                    await stream.WriteAsync(chunk.AsMemory(0, n), _stop.Token);
                    if (!reply.DeclareLength) await stream.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
                    sent += n;
                }
                if (!reply.DeclareLength) await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            else await stream.WriteAsync(reply.Body, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (a timeout, a size cap) or the server is stopping.
        }
    }

    // The request line and headers, up to the blank line; returns the request target (path and query).
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var buffer = new byte[1];
        while (head.Count < 65536)
        {
            if (await stream.ReadAsync(buffer) == 0) return null;
            head.Add(buffer[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n') break;
        }
        var requestLine = Encoding.ASCII.GetString([.. head]).Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? Uri.UnescapeDataString(requestLine[1]) : null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { /* stopped */ }
        _stop.Dispose();
    }
}
