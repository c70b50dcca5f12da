using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KzMigration.Kernel;

/// <summary>
/// The kernel spec that tells Jupyter front-ends how to start this workbench's kernel: a folder
/// <c>kernels/kzmigration-csharp/</c> with <c>kernel.json</c> (the command line, pointing at this
/// build) and logos. <c>jupyter kernelspec list</c> finds it in the user's data folder or under a
/// prefix (<c>PREFIX/share/jupyter/kernels</c>).
/// </summary>
/// <remarks>Format: https://jupyter-client.readthedocs.io/en/stable/kernels.html#kernel-specs</remarks>
public static class KernelSpec
{
    /// <summary>The kernel's name: notebooks' <c>metadata.kernelspec.name</c> and the spec's folder name.</summary>
    public const string Name = "kzmigration-csharp";

    /// <summary>What front-ends show in their kernel menus.</summary>
    public const string DisplayName = "C# (KzMigration)";

    /// <summary>The language key front-ends group kernels by.</summary>
    public const string Language = "csharp";

    /// <summary>
    /// The folder Jupyter reads user kernel specs from: <c>$JUPYTER_DATA_DIR/kernels</c> if set,
    /// else the platform's user data folder (as jupyter_core's <c>jupyter_data_dir</c> decides).
    /// </summary>
    public static string UserKernelsDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } dataDir) return Path.Combine(dataDir, "kernels");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter", "kernels");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".local", "share");
        return Path.Combine(xdg, "jupyter", "kernels");
    }

    /// <summary>The kernels folder under an installation prefix (<c>jupyter kernelspec install --prefix</c>'s layout).</summary>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>The <c>kernel.json</c> for a kernel started as <paramref name="argv"/> (the connection file placeholder included).</summary>
    public static JsonObject KernelJson(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment) => new()
    {
        ["argv"] = new JsonArray([.. argv.Select(a => (JsonNode)a)]),
        ["display_name"] = DisplayName,
        ["language"] = Language,
        ["interrupt_mode"] = "message",
        ["env"] = new JsonObject([.. environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>
    /// Writes the spec into <paramref name="kernelsDirectory"/> (replacing an earlier one) and
    /// returns its folder. The spec is written next to its final place and moved in whole, so a
    /// failed install leaves the previous spec as it was.
    /// </summary>
    public static string Install(string kernelsDirectory, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment)
    {
        Directory.CreateDirectory(kernelsDirectory);
        var target = Path.Combine(kernelsDirectory, Name);
        var staging = Path.Combine(kernelsDirectory, $".{Name}.{Environment.ProcessId}.tmp");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllText(Path.Combine(staging, "kernel.json"),
                KernelJson(argv, environment).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            File.WriteAllBytes(Path.Combine(staging, "logo-64x64.png"), KernelLogo.Png(64));
            File.WriteAllBytes(Path.Combine(staging, "logo-32x32.png"), KernelLogo.Png(32));
            var old = target + $".{Environment.ProcessId}.old";
            if (Directory.Exists(target)) Directory.Move(target, old);
            Directory.Move(staging, target);
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Removes the spec from <paramref name="kernelsDirectory"/>; false if it was not there.</summary>
    public static bool Remove(string kernelsDirectory)
    {
        var target = Path.Combine(kernelsDirectory, Name);
        if (!Directory.Exists(target)) return false;
        Directory.Delete(target, recursive: true);
        return true;
    }
}

/// <summary>The kernel's logo, drawn in code (three rising bars on the workbench's blue), as PNG.</summary>
public static class KernelLogo
{
    public static byte[] Png(int size)
    {
        var rgba = new byte[size * size * 4];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            // Background #1f4e79, a rounded frame; bars in #f2c14e at heights 40 %, 65 %, 90 %.
            var (r, g, b, a) = ((byte)0x1f, (byte)0x4e, (byte)0x79, (byte)255);
            var corner = size / 8;
            var dx = Math.Max(0, Math.Max(corner - x, x - (size - 1 - corner)));
            var dy = Math.Max(0, Math.Max(corner - y, y - (size - 1 - corner)));
            if (dx * dx + dy * dy > corner * corner) a = 0;
            var bar = (x - size / 8) / (size / 4);
            var inBar = x >= size / 8 && bar is >= 0 and < 3 && (x - size / 8) % (size / 4) < size / 5;
            var height = (int)(size * 0.75 * (0.4 + 0.25 * bar));
            if (a > 0 && inBar && y >= size - size / 8 - height && y < size - size / 8) (r, g, b) = (0xf2, 0xc1, 0x4e);
            var i = (y * size + x) * 4;
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (r, g, b, a);
        }
        return Encode(size, size, rgba);
    }

    /// <summary>A minimal PNG encoder (8-bit RGBA, no filtering); PNG spec: https://www.w3.org/TR/png/</summary>
    internal static byte[] Encode(int width, int height, byte[] rgba)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type RGBA
        Chunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
                for (var y = 0; y < height; y++)
                {
                    z.WriteByte(0); // filter: none
                    z.Write(rgba, y * width * 4, width * 4);
                }
            Chunk(png, "IDAT", raw.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
