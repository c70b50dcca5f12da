using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KzMigration.Tests.Kernel;

/// <summary>
/// The outputs of an executed notebook (nbformat 4) in a form two executions can be compared by:
/// per code cell (keyed by its source), the text of its streams and, for each displayed value, its
/// HTML with element ids neutralised, or for a chart its plotly figure JSON. Cells tagged
/// <c>injected-parameters</c> are left out (the runner and papermill insert them).
/// </summary>
internal static partial class NotebookOutputs
{
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    public sealed record Cell(string Source, IReadOnlyList<string> Outputs, IReadOnlyList<string> Errors, IReadOnlyList<(string Html, string Json)> NativeFigures);

    public static IReadOnlyList<Cell> Read(string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        var cells = new List<Cell>();
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            if ((string?)cell!["cell_type"] != "code") continue;
            var tags = cell["metadata"]?["tags"]?.AsArray().Select(t => (string?)t).ToList() ?? [];
            if (tags.Contains("injected-parameters")) continue;
            var outputs = new List<string>();
            var errors = new List<string>();
            var native = new List<(string, string)>();
            var stdout = "";
            var stderr = "";
            foreach (var output in cell["outputs"]?.AsArray() ?? [])
            {
                switch ((string?)output!["output_type"])
                {
                    case "stream" when (string?)output["name"] == "stderr": stderr += Text(output["text"]); break;
                    case "stream": stdout += Text(output["text"]); break;
                    case "error": errors.Add($"{output["ename"]}: {output["evalue"]}"); break;
                    default:
                        var data = output["data"]!.AsObject();
                        var html = data["text/html"] is { } h ? Text(h) : null;
                        if (html is not null && FigureJson(html) is { } figure)
                        {
                            outputs.Add("figure " + figure);
                            if (data[PlotlyMimeType] is { } json) native.Add((figure, Canonical(json.ToJsonString())));
                        }
                        else outputs.Add(html is not null ? "html " + ChartId().Replace(html, "kz-chart-id") : "text " + Text(data["text/plain"]));
                        break;
                }
            }
            if (stdout.Length > 0) outputs.Insert(0, "stdout " + stdout);
            if (stderr.Length > 0) outputs.Insert(0, "stderr " + stderr);
            cells.Add(new Cell(Text(cell["source"]), outputs, errors, native));
        }
        return cells;
    }

    /// <summary>The plotly figure a chart's HTML draws (KzMigration.Charts.ChartHtml.Fragment), as canonical JSON.</summary>
    public static string? FigureJson(string html)
    {
        var match = Figure().Match(html);
        return match.Success ? Canonical(match.Groups[1].Value) : null;
    }

    /// <summary>
    /// JSON in one spelling: keys sorted, numbers as the shortest round-trip double. (A figure that
    /// went through Python's json, as nbformat writes it, spells some numbers differently.)
    /// </summary>
    private static string Canonical(string json)
    {
        var sb = new System.Text.StringBuilder();
        Write(JsonNode.Parse(json), sb);
        return sb.ToString();
    }

    private static void Write(JsonNode? node, System.Text.StringBuilder sb)
    {
        switch (node)
        {
            case null: sb.Append("null"); break;
            case JsonObject o:
                sb.Append('{');
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sb.Append(System.Text.Json.JsonSerializer.Serialize(k)).Append(':');
                    Write(v, sb);
                    sb.Append(',');
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                foreach (var v in a) { Write(v, sb); sb.Append(','); }
                sb.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                sb.Append(v.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default: sb.Append(node.ToJsonString()); break;
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node ?? "",
    };

    [GeneratedRegex(@"var fig=(\{.*?\});var draw=", RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex(@"kz-[a-z0-9-]+-chart-\d+")]
    private static partial Regex ChartId();

    /// <summary>Asserts that the notebook at <paramref name="actualPath"/> (the kernel's) shows what <paramref name="expectedPath"/> (the runner's) shows.</summary>
    public static void AssertSame(string expectedPath, string actualPath)
    {
        var expected = Read(expectedPath);
        var actual = Read(actualPath);
        var name = Path.GetFileName(actualPath);
        Assert.True(expected.Count == actual.Count, $"{name}: {expected.Count} code cells run by kzmig, {actual.Count} through the kernel");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var where = $"{name}, code cell {i + 1} ({e.Source.Split('\n')[0]})";
            Assert.True(e.Source == a.Source, where + ": sources differ");
            Assert.True(a.Errors.Count == 0, where + ": " + string.Join("; ", a.Errors));
            Assert.True(e.Outputs.Count == a.Outputs.Count, $"{where}: {e.Outputs.Count} outputs by kzmig, {a.Outputs.Count} through the kernel");
            for (var j = 0; j < e.Outputs.Count; j++)
                if (e.Outputs[j] != a.Outputs[j])
                    Assert.Fail($"{where}, output {j + 1} differs:\nkzmig:  {Clip(e.Outputs[j])}\nkernel: {Clip(a.Outputs[j])}");
            foreach (var (html, json) in a.NativeFigures)
                Assert.True(html == json, where + ": the chart's " + PlotlyMimeType + " is not the figure its HTML draws");
            Assert.Equal(a.Outputs.Count(o => o.StartsWith("figure ", StringComparison.Ordinal)), a.NativeFigures.Count);
        }
    }

    private static string Clip(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
