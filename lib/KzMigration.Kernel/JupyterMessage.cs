using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace KzMigration.Kernel;

/// <summary>
/// One Jupyter message: the routing identities, header, parent header, metadata and content
/// (buffers are not used by this kernel). Encoding and decoding follow the wire protocol:
/// <c>[identities…] "&lt;IDS|MSG&gt;" signature header parent metadata content [buffers…]</c>.
/// </summary>
public sealed record JupyterMessage(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata, JsonObject Content)
{
    /// <summary>The protocol version this kernel implements.</summary>
    public const string ProtocolVersion = "5.3";

    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    public string Type => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>A new message answering or caused by <paramref name="parent"/> (same session; routed back to the same peer).</summary>
    public static JupyterMessage Create(string type, JsonObject content, JupyterMessage? parent, string session, IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [], NewHeader(type, session),
            parent is null ? [] : (JsonObject)parent.Header.DeepClone(), [], content);

    private static JsonObject NewHeader(string type, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = "kernel",
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = type,
        ["version"] = ProtocolVersion,
    };

    /// <summary>The frames to send, signed with <paramref name="signer"/>.</summary>
    public NetMQMessage Encode(MessageSigner signer)
    {
        var header = Utf8(Header);
        var parent = Utf8(ParentHeader);
        var metadata = Utf8(Metadata);
        var content = Utf8(Content);
        var frames = new NetMQMessage();
        foreach (var id in Identities) frames.Append(id);
        frames.Append(Delimiter);
        frames.Append(signer.Sign(header, parent, metadata, content));
        frames.Append(header);
        frames.Append(parent);
        frames.Append(metadata);
        frames.Append(content);
        return frames;
    }

    /// <summary>
    /// Decodes received frames. A message whose signature does not verify, or that is malformed,
    /// yields null and a reason; it must then be dropped, never acted on.
    /// </summary>
    public static JupyterMessage? Decode(NetMQMessage frames, MessageSigner signer, out string? rejection)
    {
        rejection = null;
        var all = frames.Select(f => f.ToByteArray()).ToList();
        var delimiter = all.FindIndex(f => f.AsSpan().SequenceEqual(Delimiter));
        if (delimiter < 0 || all.Count < delimiter + 6)
        {
            rejection = "malformed message (no <IDS|MSG> delimiter or fewer than five frames after it)";
            return null;
        }
        var signature = Encoding.ASCII.GetString(all[delimiter + 1]);
        byte[] header = all[delimiter + 2], parent = all[delimiter + 3], metadata = all[delimiter + 4], content = all[delimiter + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
        {
            rejection = signature.Length == 0 ? "missing signature" : "invalid signature";
            return null;
        }
        try
        {
            return new JupyterMessage(all.Take(delimiter).ToList(), Object(header), Object(parent), Object(metadata), Object(content));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            rejection = "malformed JSON in a signed message: " + e.Message;
            return null;
        }
    }

    private static JsonObject Object(byte[] utf8) =>
        utf8.Length == 0 ? [] : JsonNode.Parse(utf8) as JsonObject ?? throw new JsonException("frame is not a JSON object");

    private static byte[] Utf8(JsonObject node) => JsonSerializer.SerializeToUtf8Bytes(node, JsonOptions);

    // Non-ASCII text (Cyrillic region names) travels as UTF-8 rather than \u escapes (the frames are JSON, never HTML).
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
