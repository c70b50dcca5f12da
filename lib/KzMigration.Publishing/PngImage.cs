using System.Buffers.Binary;
using System.IO.Compression;

namespace KzMigration.Publishing;

/// <summary>
/// Just enough of PNG (8-bit RGB/RGBA, not interlaced: what Chromium and plotly.js write) to
/// check an exported image the way a person would: its size, and that it is not blank.
/// Format: PNG specification (W3C, 2nd ed.), chunks IHDR/IDAT, filter types 0–4.
/// </summary>
public sealed class PngImage
{
    private PngImage(int width, int height, byte[] rgba) { Width = width; Height = height; Rgba = rgba; }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Pixels, 4 bytes each, row-major.</summary>
    public byte[] Rgba { get; }

    /// <summary>How many distinct colours the image uses (a blank page has one or two).</summary>
    public int DistinctColours() => Enumerable.Range(0, Width * Height).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(Rgba.AsSpan(i * 4, 4))).Distinct().Count();

    /// <summary>Share of pixels that differ from the top-left (background) pixel.</summary>
    public double InkShare()
    {
        var background = BinaryPrimitives.ReadUInt32LittleEndian(Rgba.AsSpan(0, 4));
        var ink = 0;
        for (var i = 0; i < Width * Height; i++) if (BinaryPrimitives.ReadUInt32LittleEndian(Rgba.AsSpan(i * 4, 4)) != background) ink++;
        return (double)ink / (Width * Height);
    }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException($"{path}: not a PNG file");
        int width = 0, height = 0, colourType = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at + 8 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                colourType = data[9];
                if (data[8] != 8 || colourType is not (2 or 6) || data[12] != 0)
                    throw new NotSupportedException($"{path}: only 8-bit RGB/RGBA non-interlaced PNG is read here");
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;
        }
        var channels = colourType == 6 ? 4 : 3;
        var stride = width * channels;
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        var rows = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? rows[y * stride + x - channels] : 0;
                int b = y > 0 ? rows[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
                int value = raw[y * (stride + 1) + 1 + x];
                rows[y * stride + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + (a + b) / 2,
                    4 => value + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"{path}: unknown PNG filter {filter}"),
                });
            }
        }
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            rgba[i * 4] = rows[i * channels];
            rgba[i * 4 + 1] = rows[i * channels + 1];
            rgba[i * 4 + 2] = rows[i * channels + 2];
            rgba[i * 4 + 3] = channels == 4 ? rows[i * channels + 3] : (byte)255;
        }
        return new PngImage(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>The width in pixels a PNG's header (IHDR, the first chunk) gives, or 0 when <paramref name="png"/> is no PNG.</summary>
    internal static int WidthOf(byte[] png) =>
        png.Length >= 24 && png.AsSpan(12, 4).SequenceEqual("IHDR"u8) ? BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)) : 0;

    /// <summary>
    /// The same image with its pixel data deflated at the smallest size (Chromium writes PNGs fast, not small:
    /// about 28 % larger). Chunks other than IDAT are kept as they are; the pixels are unchanged.
    /// </summary>
    public static byte[] Recompress(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(signature)) return png;
        using var idat = new MemoryStream();
        var chunks = new List<(string Type, int At, int Length)>();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (length < 0 || at + 12 + length > png.Length) return png;
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT") idat.Write(png, at + 8, length);
            chunks.Add((type, at, length));
            at += 12 + length;
            if (type == "IEND") break;
        }
        idat.Position = 0;
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress, leaveOpen: true)) z.CopyTo(raw);
        using var packed = new MemoryStream();
        // Level 6 (Optimal): within 1 % of the smallest size at a third of the time.
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(z);
        if (packed.Length >= idat.Length) return png;

        using var output = new MemoryStream();
        output.Write(signature);
        var idatWritten = false;
        Span<byte> header = stackalloc byte[8];
        Span<byte> crc = stackalloc byte[4];
        foreach (var (type, at, length) in chunks)
        {
            if (type != "IDAT") { output.Write(png, at, 12 + length); continue; }
            if (idatWritten) continue;
            idatWritten = true;
            var data = packed.ToArray();
            BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
            "IDAT"u8.CopyTo(header[4..]);
            output.Write(header);
            output.Write(data);
            BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(header[4..], data));
            output.Write(crc);
        }
        return output.ToArray();
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>CRC-32 of a chunk's type and data (PNG specification, Annex D).</summary>
    private static uint Crc32(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in type) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        foreach (var b in data) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
