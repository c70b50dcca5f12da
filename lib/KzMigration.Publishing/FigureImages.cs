using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KzMigration.Charts;

namespace KzMigration.Publishing;

/// <summary>The image formats a run writes for each published figure.</summary>
[Flags]
public enum ImageFormats
{
    /// <summary>No static images.</summary>
    None = 0,

    /// <summary>PNG at print resolution: what the report and most readers need (the default).</summary>
    Png = 1,

    /// <summary>SVG, for editing or print at any size (about 2 MB for the study's figures; asked for with <c>--images png,svg</c>).</summary>
    Svg = 2,
}

/// <summary>The text form of <see cref="ImageFormats"/> on the command line: <c>png</c>, <c>svg</c>, <c>png,svg</c>, <c>none</c>.</summary>
public static class ImageFormatsText
{
    /// <summary>Parses a comma-separated list of formats (case-insensitive), or <c>none</c>.</summary>
    /// <exception cref="FormatException">An unknown format, with the valid ones.</exception>
    public static ImageFormats Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var formats = ImageFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            formats |= part.ToLowerInvariant() switch
            {
                "png" => ImageFormats.Png,
                "svg" => ImageFormats.Svg,
                "none" => ImageFormats.None,
                _ => throw new FormatException($"'{part}' is not an image format: expected png, svg, png,svg or none"),
            };
        return formats;
    }

    /// <summary>«png», «png,svg», «none».</summary>
    public static string Format(ImageFormats formats) =>
        formats == ImageFormats.None ? "none" : string.Join(",", new[] { (ImageFormats.Png, "png"), (ImageFormats.Svg, "svg") }.Where(f => formats.HasFlag(f.Item1)).Select(f => f.Item2));
}

/// <summary>The images rendered for one figure: a PNG and, when asked for, an SVG.</summary>
public sealed record FigureImage(string Id, string? PngPath, string? SvgPath, int PngWidth)
{
    /// <summary>How each of <see cref="Files"/> was made (by file), when known: what the manifest records for a later run's reuse.</summary>
    public IReadOnlyDictionary<string, ImageRecord> Records { get; init; } = new Dictionary<string, ImageRecord>();

    /// <summary>The files written, relative to the output folder (<c>figures/&lt;id&gt;.png</c>, …).</summary>
    public IReadOnlyList<string> Files =>
        [.. new[] { PngPath, SvgPath }.OfType<string>().Select(p => "figures/" + Path.GetFileName(p))];
}

/// <summary>
/// Renders every published figure (<c>out/figures/&lt;id&gt;.json</c>) to PNG at print resolution
/// (at least <see cref="MinimumPngWidth"/> px wide) and, when asked for, to SVG, with plotly.js's own
/// <c>Plotly.toImage</c> in headless Chromium. One browser is started for all figures (see
/// <see cref="FigureExporter"/>): its pages load plotly.js once and then render figure after figure.
/// </summary>
public static partial class FigureImages
{
    /// <summary>PNG figures are at least this wide (print resolution).</summary>
    public const int MinimumPngWidth = 1600;

    internal const double DefaultPlotlyWidth = 700; // plotly.js's default when a layout sets no width

    public static Task<IReadOnlyList<FigureImage>> ExportAsync(string figuresFolder, Chromium chromium, ImageFormats formats = ImageFormats.Png | ImageFormats.Svg, CancellationToken cancellationToken = default) =>
        ExportAsync(figuresFolder, chromium, Directory.EnumerateFiles(figuresFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Select(id => id!), formats, cancellationToken);

    /// <summary>Renders the figures <paramref name="ids"/> of <paramref name="figuresFolder"/> in <paramref name="formats"/> (one Chromium start for all of them).</summary>
    public static async Task<IReadOnlyList<FigureImage>> ExportAsync(string figuresFolder, Chromium chromium, IEnumerable<string> ids, ImageFormats formats = ImageFormats.Png | ImageFormats.Svg, CancellationToken cancellationToken = default)
    {
        var list = ids.ToList();
        if (list.Count == 0 || formats == ImageFormats.None) return [];
        await using var exporter = await FigureExporter.StartAsync(chromium, FigureExporter.DefaultPages, formats, cancellationToken).ConfigureAwait(false);
        return await exporter.ExportAsync(figuresFolder, list, cancellationToken).ConfigureAwait(false);
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
}
