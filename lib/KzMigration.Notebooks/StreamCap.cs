using System.Globalization;
using System.Text;
using Microsoft.DotNet.Interactive.Documents;

namespace KzMigration.Notebooks;

/// <summary>A stream of one cell that was cut: its name and how many bytes were dropped.</summary>
public sealed record StreamTruncation(string Stream, long DroppedBytes);

/// <summary>
/// Caps what a cell's stdout/stderr may store in the executed notebook. A cell that prints 50 MB
/// would otherwise make a 50 MB notebook (and a report nobody can open); the end of a stream is
/// where the result or the error usually is, so the last bytes are kept, behind a visible marker.
/// Consecutive writes to one stream are merged first, as Jupyter shows them.
/// </summary>
internal static class StreamCap
{
    /// <summary>Default: the last 1 MB of each stream of a cell.</summary>
    public const int DefaultBytes = 1024 * 1024;

    public static (List<InteractiveDocumentOutputElement> Outputs, IReadOnlyList<StreamTruncation> Truncated) Apply(
        IReadOnlyList<InteractiveDocumentOutputElement> outputs, int capBytes)
    {
        var merged = new List<InteractiveDocumentOutputElement>(outputs.Count);
        var texts = new List<StringBuilder?>();
        foreach (var output in outputs)
        {
            if (output is TextElement text && merged.Count > 0 && merged[^1] is TextElement previous && previous.Name == text.Name)
            {
                texts[^1] ??= new StringBuilder(previous.Text);
                texts[^1]!.Append(text.Text);
                continue;
            }
            merged.Add(output);
            texts.Add(null);
        }

        var truncated = new List<StreamTruncation>();
        for (var i = 0; i < merged.Count; i++)
        {
            if (merged[i] is not TextElement element) continue;
            var text = texts[i]?.ToString() ?? element.Text;
            var (kept, dropped) = KeepLast(text, capBytes);
            if (dropped > 0)
            {
                truncated.Add(new StreamTruncation(element.Name, dropped));
                text = Marker(dropped, capBytes) + kept;
            }
            if (texts[i] is not null || dropped > 0) merged[i] = new TextElement(text, element.Name);
        }
        return (merged, truncated);
    }

    internal static string Marker(long droppedBytes, int capBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"… truncated {droppedBytes} bytes (the executed notebook keeps the last {Size(capBytes)} of this output) …\n");

    internal static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : bytes % 1024 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    /// <summary>The longest suffix of <paramref name="text"/> of at most <paramref name="capBytes"/> UTF-8 bytes, and the bytes dropped.</summary>
    internal static (string Kept, long DroppedBytes) KeepLast(string text, int capBytes)
    {
        var total = Encoding.UTF8.GetByteCount(text);
        if (total <= capBytes) return (text, 0);
        // A suffix of n chars has at least n bytes, so start at Length - cap and move right until it fits.
        var start = Math.Max(0, text.Length - capBytes);
        var bytes = Encoding.UTF8.GetByteCount(text.AsSpan(start));
        while (bytes > capBytes)
        {
            var step = Math.Max(1, (bytes - capBytes) / 4);
            start = Math.Min(text.Length, start + step);
            bytes = Encoding.UTF8.GetByteCount(text.AsSpan(start));
        }
        if (start < text.Length && char.IsLowSurrogate(text[start])) start++;
        var kept = text[start..];
        return (kept, total - Encoding.UTF8.GetByteCount(kept));
    }
}
