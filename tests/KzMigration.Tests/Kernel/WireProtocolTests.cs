using System.Text;
using System.Text.Json.Nodes;
using KzMigration.Kernel;

namespace KzMigration.Tests.Kernel;

public class WireProtocolTests
{
    [Fact]
    public void Signature_is_the_hmac_sha256_of_the_four_frames_and_a_forgery_fails()
    {
        var signer = new MessageSigner("secret");
        byte[] h = "{\"a\":1}"u8.ToArray(), p = "{}"u8.ToArray(), m = "{}"u8.ToArray(), c = "{\"code\":\"1\"}"u8.ToArray();
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes("secret"));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash([.. h, .. p, .. m, .. c]));
        Assert.Equal(expected, signer.Sign(h, p, m, c));
        Assert.True(signer.Verify(expected, h, p, m, c));
        Assert.True(signer.Verify(expected.ToUpperInvariant(), h, p, m, c));
        Assert.False(signer.Verify(expected, h, p, m, "{\"code\":\"2\"}"u8.ToArray()));
        Assert.False(signer.Verify("", h, p, m, c));
        Assert.False(signer.Verify("zz" + expected[2..], h, p, m, c));
        Assert.False(new MessageSigner("other").Verify(expected, h, p, m, c));
    }

    [Fact]
    public void Encoded_message_decodes_to_itself_and_tampering_is_rejected()
    {
        var signer = new MessageSigner("key");
        var message = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "Console.WriteLine(\"Астана\");" }, null, "s", [[1, 2, 3]]);
        var frames = message.Encode(signer);
        var decoded = JupyterMessage.Decode(frames, signer, out var why);
        Assert.Null(why);
        Assert.Equal("execute_request", decoded!.Type);
        Assert.Equal("Console.WriteLine(\"Астана\");", (string?)decoded.Content["code"]);
        Assert.Equal([1, 2, 3], decoded.Identities[0]);

        var tampered = new NetMQ.NetMQMessage(frames.Take(frames.FrameCount - 1).Select(f => f.ToByteArray()));
        tampered.Append("{\"code\":\"System.IO.File.Delete(\\\"x\\\")\"}");
        Assert.Null(JupyterMessage.Decode(tampered, signer, out why));
        Assert.Equal("invalid signature", why);
        Assert.Null(JupyterMessage.Decode(new NetMQ.NetMQMessage([[1], [2]]), signer, out why));
        Assert.Contains("malformed", why);
    }

    [Theory]
    [InlineData("abc", 2, 2)]
    [InlineData("a😀b", 2, 3)]   // the emoji is one code point, two UTF-16 units
    [InlineData("😀😀x", 3, 5)]
    [InlineData("ab", 9, 2)]     // clamped
    public void Cursor_positions_convert_between_code_points_and_utf16(string text, int codePoint, int utf16)
    {
        Assert.Equal(utf16, CodePoints.ToUtf16Index(text, codePoint));
        Assert.Equal(Math.Min(codePoint, text.EnumerateRunes().Count()), CodePoints.FromUtf16Index(text, utf16));
    }

    [Theory]
    [InlineData("var x = new[] { 1, 2,", "incomplete")]
    [InlineData("for (var i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("var x = 1;", "complete")]
    [InlineData("1 + 1", "complete")]
    [InlineData("", "complete")]
    [InlineData("var x = 1 +;", "invalid")]
    public void Completeness_follows_the_csharp_script_parser(string code, string expected) =>
        Assert.Equal(expected, CSharpSession.IsComplete(code));

    [Fact]
    public void Html_tables_have_a_plain_text_fallback()
    {
        var text = KernelDisplay.PlainText("<table><thead><tr><th>region</th><th>K</th></tr></thead><tbody><tr><td>Астана &amp; co</td><td>1.5</td></tr></tbody></table>");
        Assert.Equal("region\tK\nАстана & co\t1.5", text);
    }
}
