using System.Net;
using System.Net.Sockets;

namespace KzMigration.Cli.Commands;

/// <summary>
/// A static file server for the explorer on loopback (127.0.0.1 only): the MIME types WebAssembly needs
/// (<c>application/wasm</c> for .wasm, octet-stream for .dat/.dll/.pdb), the pre-compressed <c>.br</c>/<c>.gz</c> twins
/// served with <c>Content-Encoding</c> when the browser accepts them, <c>index.html</c> for folders, nothing outside the site.
/// </summary>
internal sealed class ExploreServer : IDisposable
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8", [".json"] = "application/json; charset=utf-8", [".wasm"] = "application/wasm",
        [".dat"] = "application/octet-stream", [".dll"] = "application/octet-stream", [".pdb"] = "application/octet-stream",
        [".blat"] = "application/octet-stream", [".png"] = "image/png", [".svg"] = "image/svg+xml", [".ico"] = "image/x-icon",
        [".txt"] = "text/plain; charset=utf-8", [".br"] = "application/octet-stream", [".gz"] = "application/gzip",
    };

    private readonly HttpListener _listener = new();
    private readonly string _site;
    private readonly Task _loop;

    private ExploreServer(string site, int port)
    {
        _site = Path.GetFullPath(site);
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The port served.</summary>
    public int Port { get; }

    /// <summary>The address of the explorer.</summary>
    public string Address => $"http://127.0.0.1:{Port}/";

    /// <summary>Serves <paramref name="site"/> on <paramref name="port"/> (0: a free port).</summary>
    public static ExploreServer Start(string site, int port = 0)
    {
        if (port != 0) return new ExploreServer(site, port);
        for (var attempt = 0; ; attempt++)
        {
            try { return new ExploreServer(site, FreePort()); }
            catch (HttpListenerException) when (attempt < 5) { }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/").TrimStart('/');
            var file = Path.GetFullPath(Path.Combine(_site, path));
            if (Directory.Exists(file)) file = Path.Combine(file, "index.html");
            if (!file.StartsWith(_site + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
            {
                response.StatusCode = 404;
                return;
            }
            response.ContentType = Types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            response.Headers["Cache-Control"] = "no-cache";
            var accept = context.Request.Headers["Accept-Encoding"] ?? "";
            if (accept.Contains("br", StringComparison.Ordinal) && File.Exists(file + ".br")) { file += ".br"; response.Headers["Content-Encoding"] = "br"; }
            else if (accept.Contains("gzip", StringComparison.Ordinal) && File.Exists(file + ".gz")) { file += ".gz"; response.Headers["Content-Encoding"] = "gzip"; }
            var bytes = File.ReadAllBytes(file);
            response.ContentLength64 = bytes.Length;
            if (context.Request.HttpMethod != "HEAD") response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or UnauthorizedAccessException)
        {
            try { response.StatusCode = 500; } catch (InvalidOperationException) { }
        }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
