using System.Text.Json;

namespace KzMigration.Kernel;

/// <summary>
/// A Jupyter connection file (written by the front-end that starts the kernel): where the five
/// channels bind and the key that signs every message. The kernel binds exactly these endpoints;
/// it never picks an address of its own.
/// </summary>
/// <remarks>Format: https://jupyter-client.readthedocs.io/en/stable/kernels.html#connection-files</remarks>
public sealed record ConnectionFile(
    string Transport, string Ip, int ShellPort, int IopubPort, int StdinPort, int ControlPort, int HeartbeatPort,
    string Key, string SignatureScheme)
{
    /// <summary>The only signature scheme the protocol defines in practice, and the only one accepted.</summary>
    public const string HmacSha256 = "hmac-sha256";

    public string ShellEndpoint => Endpoint(ShellPort);
    public string IopubEndpoint => Endpoint(IopubPort);
    public string StdinEndpoint => Endpoint(StdinPort);
    public string ControlEndpoint => Endpoint(ControlPort);
    public string HeartbeatEndpoint => Endpoint(HeartbeatPort);

    /// <summary>
    /// Whether the front-end gave a key, so every message is signed and checked. Without one (the protocol allows an
    /// absent or empty key) anyone who can reach the ports can run code as the user: the kernel refuses to start
    /// unless told to allow it (<c>kzmig kernel --allow-unsigned</c>).
    /// </summary>
    public bool Signed => Key.Length > 0;

    private string Endpoint(int port) => $"{Transport}://{Ip}:{port}";

    /// <summary>Reads and checks a connection file.</summary>
    /// <exception cref="ConnectionFileException">Unreadable, missing a field, or asking for something the kernel cannot do.</exception>
    public static ConnectionFile Load(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            root = document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ConnectionFileException(path, "cannot be read: " + e.Message);
        }
        if (root.ValueKind != JsonValueKind.Object) throw new ConnectionFileException(path, "is not a JSON object");

        string Text(string field, string? fallback = null)
        {
            if (root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
            return fallback ?? throw new ConnectionFileException(path, $"field '{field}': missing or not a string");
        }
        int Port(string field)
        {
            if (root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var port) && port is > 0 and <= 65535)
                return port;
            throw new ConnectionFileException(path, $"field '{field}': expected a port number 1–65535");
        }

        var transport = Text("transport", "tcp");
        if (transport != "tcp")
            throw new ConnectionFileException(path, $"field 'transport': '{transport}' is not supported (the kernel speaks tcp; start it with transport \"tcp\")");
        var scheme = Text("signature_scheme", HmacSha256);
        // An absent key and an empty one both mean "no signing" to the protocol; a key of another JSON type is a broken file.
        var key = root.TryGetProperty("key", out var k) && k.ValueKind != JsonValueKind.Null ? Text("key") : "";
        if (key.Length > 0 && scheme != HmacSha256)
            throw new ConnectionFileException(path, $"field 'signature_scheme': '{scheme}' is not supported (expected {HmacSha256})");
        return new ConnectionFile(transport, Text("ip", "127.0.0.1"), Port("shell_port"), Port("iopub_port"), Port("stdin_port"),
            Port("control_port"), Port("hb_port"), key, scheme);
    }
}

/// <summary>A connection file the kernel cannot use; the message names the file and the field.</summary>
public sealed class ConnectionFileException(string path, string reason) : Exception($"{path}: {reason}");
