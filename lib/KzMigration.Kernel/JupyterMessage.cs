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

    /// <summary>The header's <c>msg_type</c> (a decoded message's header has been checked: it is a string).</summary>
    public string Type => Header["msg_type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : "";

    /// <summary>
    /// The content of an error reply (messaging protocol: <c>status</c> "error", <c>ename</c>, <c>evalue</c>, <c>traceback</c>),
    /// as the kernel sends it and as its C# session answers it (<see cref="SessionServer"/>).
    /// </summary>
    public static JsonObject ErrorContent(string name, string value, IEnumerable<string> traceback) => new()
    {
        ["status"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray([.. traceback.Select(t => (JsonNode)t)]),
    };

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
        JupyterMessage message;
        try
        {
            message = new JupyterMessage(all.Take(delimiter).ToList(), Object(header), Object(parent), Object(metadata), Object(content));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            rejection = "malformed JSON in a signed message: " + e.Message;
            return null;
        }
        rejection = HeaderProblem(message.Header);
        return rejection is null ? message : null;
    }

    /// <summary>
    /// The header fields the protocol defines and their JSON type: all strings. <c>msg_id</c> and <c>msg_type</c> must be
    /// there (without them nothing can be answered); the others, when present, must be strings too.
    /// </summary>
    private static readonly (string Field, bool Required)[] HeaderFields =
        [("msg_id", true), ("msg_type", true), ("session", false), ("username", false), ("date", false), ("version", false)];

    /// <summary>Why a header cannot be acted on (a field missing or of the wrong JSON type), or null when it can.</summary>
    internal static string? HeaderProblem(JsonObject header)
    {
        foreach (var (field, required) in HeaderFields)
        {
            JsonValueKind? kind = header.TryGetPropertyValue(field, out var node) ? node?.GetValueKind() ?? JsonValueKind.Null : null;
            if (kind is null && !required) continue;
            if (kind != JsonValueKind.String)
                return $"header field '{field}' is {KindName(kind)}, not a string";
        }
        return null;
    }

    /// <summary>A JSON kind as a message names it ("missing" for an absent field).</summary>
    internal static string KindName(JsonValueKind? kind) => kind switch
    {
        null => "missing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    // A duplicated property is refused while parsing (JsonObject would otherwise throw later, wherever it is first read).
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private static JsonObject Object(byte[] utf8) =>
        utf8.Length == 0 ? [] : JsonNode.Parse(utf8, documentOptions: StrictJson) as JsonObject ?? throw new JsonException("frame is not a JSON object");

    private static byte[] Utf8(JsonObject node) => JsonSerializer.SerializeToUtf8Bytes(node, JsonOptions);

    // Non-ASCII text (Cyrillic region names) travels as UTF-8 rather than \u escapes (the frames are JSON, never HTML).
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
