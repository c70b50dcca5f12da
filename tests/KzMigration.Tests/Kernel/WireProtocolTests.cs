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
    [InlineData("msg_type", "7", "header field 'msg_type' is a number, not a string")]
    [InlineData("msg_type", "null", "header field 'msg_type' is null, not a string")]
    [InlineData("msg_id", "[\"x\"]", "header field 'msg_id' is an array, not a string")]
    [InlineData("session", "{}", "header field 'session' is an object, not a string")]
    [InlineData("version", "5.3", "header field 'version' is a number, not a string")]
    public void A_signed_message_with_a_wrongly_typed_header_field_is_refused_saying_which(string field, string json, string expected)
    {
        var signer = new MessageSigner("key");
        var message = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1" }, null, "s", [[1]]);
        message.Header[field] = JsonNode.Parse(json);
        Assert.Null(JupyterMessage.Decode(message.Encode(signer), signer, out var why));
        Assert.Equal(expected, why);
    }

    [Fact]
    public void A_duplicated_property_is_refused_when_decoded_not_when_first_read()
    {
        var signer = new MessageSigner("key");
        byte[] header = """{"msg_id":"a","msg_type":"kernel_info_request","msg_id":"b"}"""u8.ToArray(), empty = "{}"u8.ToArray();
        var frames = new NetMQ.NetMQMessage([[1], "<IDS|MSG>"u8.ToArray(), System.Text.Encoding.ASCII.GetBytes(signer.Sign(header, empty, empty, empty)), header, empty, empty, empty]);
        Assert.Null(JupyterMessage.Decode(frames, signer, out var why));
        Assert.Contains("malformed JSON", why);
    }

    [Theory]
    [InlineData("execute_request", """{"code":7}""", "content field 'code' is a number, not a string")]
    [InlineData("execute_request", """{"silent":false}""", "content field 'code' is missing, not a string")]
    [InlineData("execute_request", """{"code":"1","silent":"no"}""", "content field 'silent' is a string, not a boolean")]
    [InlineData("complete_request", """{"code":"x","cursor_pos":1.5}""", "content field 'cursor_pos' is a number, not a whole number from 0")]
    [InlineData("complete_request", """{"code":"x","cursor_pos":-3}""", "content field 'cursor_pos' is a number, not a whole number from 0")]
    [InlineData("shutdown_request", """{"restart":"yes"}""", "content field 'restart' is a string, not a boolean")]
    [InlineData("execute_request", """{"code":"1","user_expressions":[]}""", "content field 'user_expressions' is an array, not an object")]
    public void A_request_field_of_the_wrong_type_is_named(string type, string content, string expected)
    {
        var message = JupyterMessage.Create(type, JsonNode.Parse(content)!.AsObject(), null, "s");
        Assert.Equal(expected, JupyterKernel.ContentProblem(message));
    }

    [Fact]
    public void Well_typed_requests_pass()
    {
        foreach (var (type, content) in new[]
                 {
                     ("execute_request", """{"code":"1","silent":false,"store_history":true,"user_expressions":{},"allow_stdin":false,"stop_on_error":true}"""),
                     ("complete_request", """{"code":"x","cursor_pos":1}"""), ("kernel_info_request", "{}"), ("history_request", """{"n":"odd"}"""),
                 })
            Assert.Null(JupyterKernel.ContentProblem(JupyterMessage.Create(type, JsonNode.Parse(content)!.AsObject(), null, "s")));
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
