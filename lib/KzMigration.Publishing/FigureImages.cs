using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KzMigration.Charts;

namespace KzMigration.Publishing;

/// <summary>The images rendered for one figure.</summary>
public sealed record FigureImage(string Id, string PngPath, string SvgPath, int PngWidth);

/// <summary>
/// Renders every published figure (<c>out/figures/&lt;id&gt;.json</c>) to PNG at print resolution
/// (at least <see cref="MinimumPngWidth"/> px wide) and to SVG, with plotly.js's own
/// <c>Plotly.toImage</c> in one headless Chromium page: one browser start for all figures.
/// </summary>
public static partial class FigureImages
{
    /// <summary>PNG figures are at least this wide (print resolution).</summary>
    public const int MinimumPngWidth = 1600;

    private const double DefaultPlotlyWidth = 700; // plotly.js's default when a layout sets no width

    [GeneratedRegex("<pre id=\"kz-result\">(?<json>.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex Result();

    public static Task<IReadOnlyList<FigureImage>> ExportAsync(string figuresFolder, Chromium chromium, CancellationToken cancellationToken = default) =>
        ExportAsync(figuresFolder, chromium, Directory.EnumerateFiles(figuresFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Select(id => id!), cancellationToken);

    /// <summary>Renders the figures <paramref name="ids"/> of <paramref name="figuresFolder"/> (one Chromium start for all of them).</summary>
    public static async Task<IReadOnlyList<FigureImage>> ExportAsync(string figuresFolder, Chromium chromium, IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var figures = ids.Order(StringComparer.Ordinal)
            .Select(id => (Id: id, Json: File.ReadAllText(Path.Combine(figuresFolder, id + ".json")))).ToList();
        if (figures.Count == 0) return [];

        var page = Path.Combine(Path.GetTempPath(), $"kzmig-export-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(page, ExportPage(figures), cancellationToken).ConfigureAwait(false);
        string dom;
        try { dom = await chromium.DumpDomAsync(page, virtualTimeMs: 60_000, cancellationToken).ConfigureAwait(false); }
        finally { File.Delete(page); }

        var match = Result().Match(dom);
        if (!match.Success) throw new IOException("figure export page produced no result (did plotly.js fail to load?)");
        using var result = JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups["json"].Value));
        if (result.RootElement.TryGetProperty("error", out var error)) throw new IOException("figure export failed in the browser: " + error.GetString());

        var images = new List<FigureImage>();
        foreach (var item in result.RootElement.GetProperty("figures").EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            var pngPath = Path.Combine(figuresFolder, id + ".png");
            var svgPath = Path.Combine(figuresFolder, id + ".svg");
            var png = item.GetProperty("png").GetString()!;
            await File.WriteAllBytesAsync(pngPath, PngImage.Recompress(Convert.FromBase64String(png[(png.IndexOf(',') + 1)..])), cancellationToken).ConfigureAwait(false);
            var svg = item.GetProperty("svg").GetString()!;
            await File.WriteAllTextAsync(svgPath, CanonicalRoot(Uri.UnescapeDataString(svg[(svg.IndexOf(',') + 1)..])), cancellationToken).ConfigureAwait(false);
            images.Add(new FigureImage(id, pngPath, svgPath, item.GetProperty("pngWidth").GetInt32()));
        }
        return images;
    }

    [GeneratedRegex("\\s+([\\w:-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    /// <summary>
    /// plotly.js sets the root element's <c>style</c> and <c>viewBox</c> in an order that varies from run
    /// to run; sorting the root's attributes (and dropping an empty style) makes the SVG byte-stable.
    /// </summary>
    internal static string CanonicalRoot(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = start < 0 ? -1 : svg.IndexOf('>', start);
        if (end < 0) return svg;
        var attributes = Attribute().Matches(svg[(start + 4)..end])
            .Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value))
            .Where(a => !(a.Name == "style" && a.Value.Length == 0))
            .OrderBy(a => a.Name.StartsWith("xmlns", StringComparison.Ordinal) ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal);
        return svg[..start] + "<svg" + string.Concat(attributes.Select(a => $" {a.Name}=\"{a.Value}\"")) + svg[end..];
    }

    /// <summary>The PNG scale that makes a figure of <paramref name="layoutWidth"/> px at least <see cref="MinimumPngWidth"/> px wide.</summary>
    internal static double PngScale(double layoutWidth) => Math.Max(1, Math.Ceiling(MinimumPngWidth / layoutWidth * 100) / 100);

    private static string ExportPage(IReadOnlyList<(string Id, string Json)> figures)
    {
        var page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
        page.Append(PlotlyJs.ScriptElement);
        page.Append("<pre id=\"kz-result\"></pre><script>var figures=[");
        for (var i = 0; i < figures.Count; i++)
        {
            using var figure = JsonDocument.Parse(figures[i].Json);
            var width = figure.RootElement.TryGetProperty("layout", out var layout) && layout.TryGetProperty("width", out var w) && w.ValueKind == JsonValueKind.Number
                ? w.GetDouble() : DefaultPlotlyWidth;
            if (i > 0) page.Append(',');
            page.Append("{id:").Append(JsonSerializer.Serialize(figures[i].Id))
                .Append(",scale:").Append(PngScale(width).ToString(CultureInfo.InvariantCulture))
                .Append(",fig:").Append(ChartHtml.ScriptSafe(figures[i].Json)).Append('}');
        }
        page.Append("];");
        page.Append("""
            (async function(){
              var out=document.getElementById('kz-result'), done=[];
              try {
                // plotly.js names SVG clip paths and defs with Math.random ids; a seeded generator per figure keeps the SVG bytes the same run to run.
                var seeded=function(a){return function(){a|=0;a=a+0x6D2B79F5|0;var t=Math.imul(a^a>>>15,1|a);t=t+Math.imul(t^t>>>7,61|t)^t;return ((t^t>>>14)>>>0)/4294967296;};};
                for (var f of figures) {
                  Math.random=seeded(20240601);
                  var div=document.createElement('div'); document.body.appendChild(div);
                  var gd=await Plotly.newPlot(div, f.fig.data, f.fig.layout, {staticPlot:true});
                  var svg=await Plotly.toImage(gd,{format:'svg'});
                  var png=await Plotly.toImage(gd,{format:'png',scale:f.scale});
                  done.push({id:f.id, svg:svg, png:png, pngWidth:Math.round(gd._fullLayout.width*f.scale)});
                  Plotly.purge(gd); div.remove();
                }
                out.textContent=JSON.stringify({figures:done});
              } catch (e) { out.textContent=JSON.stringify({error:String(e)}); }
            })();
            </script></body></html>
            """);
        return page.ToString();
    }
}
