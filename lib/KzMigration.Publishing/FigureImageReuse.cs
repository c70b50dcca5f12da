using System.Security.Cryptography;
using System.Text;

namespace KzMigration.Publishing;

/// <summary>
/// Static images a run need not draw again: an image whose inputs are those of an image the output folder already holds
/// (its manifest records them, <see cref="ImageRecord"/>) is copied from there instead of rendered. The inputs are
/// everything the image's bytes depend on — the figure's JSON as published, the format, the export page (plotly.js and
/// the export function: <see cref="FigureExporter.PageHash"/>), the exporting code (this assembly's build) and the Chromium
/// that draws it (its executable's path, size and time) — so a changed figure, plotly.js, workbench build or browser is
/// drawn afresh. The export is deterministic (plotly's random ids are seeded per figure), which is what makes the copy
/// the same bytes a fresh render would write. A recorded image whose bytes no longer match their recorded SHA-256 (edited
/// by hand) is drawn again. The system's fonts are not among the inputs: after changing them, run once with a fresh
/// <c>--out</c> (or delete <c>out/figures/*.png</c>).
/// </summary>
public sealed class FigureImageReuse
{
    private readonly string? _outDir;
    private readonly IReadOnlyDictionary<string, ImageRecord> _previous;
    private readonly Lazy<string> _renderer;

    private FigureImageReuse(string? outDir, IReadOnlyDictionary<string, ImageRecord> previous, Func<string> renderer)
    {
        _outDir = outDir;
        _previous = previous;
        _renderer = new(renderer);
    }

    /// <summary>Reuse from the images <paramref name="outDir"/>'s manifest records (none when null or without a manifest), drawn by <paramref name="chromium"/>.</summary>
    public static FigureImageReuse From(string? outDir, Chromium chromium) => From(outDir, () => RendererIdentity(chromium));

    /// <summary>As <see cref="From(string?, Chromium)"/>, with the identity of what draws the images given (tests).</summary>
    internal static FigureImageReuse From(string? outDir, Func<string> renderer)
    {
        var previous = new Dictionary<string, ImageRecord>(StringComparer.Ordinal);
        if (outDir is not null && OutputManifest.Read(outDir) is { } manifest)
            foreach (var entry in manifest.Notebooks)
                foreach (var (file, record) in entry.Images ?? new Dictionary<string, ImageRecord>())
                    if (entry.Files.Contains(file, StringComparer.Ordinal)) previous[file] = record;
        return new FigureImageReuse(outDir, previous, renderer);
    }

    /// <summary>What draws the images besides their figures: the export page, this assembly's build and the browser's executable (path, size, time).</summary>
    public string Renderer => _renderer.Value;

    /// <summary>The inputs of the image of figure <paramref name="figureJson"/> in <paramref name="format"/> (lower-case hex SHA-256).</summary>
    public string InputsOf(byte[] figureJson, ImageFormats format)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"kzmig figure image\n{_renderer.Value}\n{format}\n"));
        hash.AppendData(figureJson);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Copies the images of figure <paramref name="id"/> (its JSON in <paramref name="figuresFolder"/>) in every one of
    /// <paramref name="formats"/> from the output folder, when each was recorded with the same inputs and is intact; returns
    /// the image, or null when any of them must be drawn (nothing is copied then).
    /// </summary>
    public async Task<FigureImage?> TryReuseAsync(string figuresFolder, string id, ImageFormats formats, CancellationToken cancellationToken)
    {
        if (_outDir is null || _previous.Count == 0) return null;
        var json = await File.ReadAllBytesAsync(Path.Combine(figuresFolder, id + ".json"), cancellationToken).ConfigureAwait(false);
        var found = new List<(ImageFormats Format, string File, byte[] Bytes, ImageRecord Record)>();
        foreach (var format in new[] { ImageFormats.Png, ImageFormats.Svg }.Where(f => formats.HasFlag(f)))
        {
            var file = $"figures/{id}.{Extension(format)}";
            var inputs = InputsOf(json, format);
            if (!_previous.TryGetValue(file, out var record) || record.Inputs != inputs) return null;
            var path = OutputFolder.Inside(_outDir, file);
            if (path is null || !File.Exists(path)) return null;
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (Sha256(bytes) != record.Sha256) return null;
            found.Add((format, file, bytes, record));
        }
        if (found.Count == 0) return null;
        string? png = null, svg = null;
        foreach (var (format, file, bytes, _) in found)
        {
            var target = Path.Combine(figuresFolder, Path.GetFileName(file));
            await File.WriteAllBytesAsync(target, bytes, cancellationToken).ConfigureAwait(false);
            if (format == ImageFormats.Png) png = target; else svg = target;
        }
        return new FigureImage(id, png, svg, png is null ? 0 : PngImage.WidthOf(found.First(f => f.Format == ImageFormats.Png).Bytes))
        {
            Records = found.ToDictionary(f => f.File, f => f.Record, StringComparer.Ordinal),
        };
    }

    /// <summary>The record of an image just drawn from figure <paramref name="figureJson"/> into <paramref name="imageBytes"/>.</summary>
    public ImageRecord Record(byte[] figureJson, ImageFormats format, byte[] imageBytes) => new(InputsOf(figureJson, format), Sha256(imageBytes));

    internal static string Extension(ImageFormats format) => format == ImageFormats.Svg ? "svg" : "png";

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    // What draws the image besides its figure: the export page, this assembly's build and the browser.
    private static string RendererIdentity(Chromium chromium)
    {
        var executable = new FileInfo(chromium.Executable);
        var real = executable.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? executable;
        return string.Join('\n',
            FigureExporter.PageHash,
            typeof(FigureImageReuse).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            real.FullName, real.Exists ? real.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
            real.Exists ? real.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-");
    }
}
