using System.Security.Cryptography;

namespace KzMigration.Kernel;

/// <summary>
/// HMAC-SHA256 signatures of Jupyter messages: the hex digest of the header, parent header,
/// metadata and content frames, keyed with the connection file's key. An empty key means the
/// front-end disabled signing (the protocol's rule); then signatures are empty and not checked.
/// </summary>
/// <remarks>Wire protocol: https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol</remarks>
public sealed class MessageSigner(string key)
{
    private readonly byte[] key = System.Text.Encoding.UTF8.GetBytes(key);

    /// <summary>Whether messages are signed at all.</summary>
    public bool Enabled => key.Length > 0;

    /// <summary>The lowercase hex signature of the four frames, or "" with signing disabled.</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content) =>
        Enabled ? Convert.ToHexStringLower(Digest(header, parent, metadata, content)) : "";

    /// <summary>
    /// Whether <paramref name="signature"/> is the frames' signature. The comparison takes the same
    /// time wherever the first differing byte is, so a forger learns nothing from timing.
    /// </summary>
    public bool Verify(string signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return true;
        if (signature.Length != 64) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, Digest(header, parent, metadata, content));
    }

    private byte[] Digest(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(header);
        hmac.AppendData(parent);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return hmac.GetHashAndReset();
    }
}
