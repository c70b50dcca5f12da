using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// The plotly.js bundle that Plotly.NET 6 embeds (<c>PlotlyJSReference.Full</c>), read from its
/// assembly so that charts, notebooks and reports draw with no network. Three ways to put it on a
/// page: inline as is (<see cref="ScriptElement"/>, 3.6 MB), inline gzip-compressed
/// (<see cref="CompressedScriptElement"/>, 1.45 MB: what executed notebooks and the report carry,
/// since they travel alone), or as one shared file beside the pages (<see cref="FileName"/>, used by
/// <c>out/figures/</c>).
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version Plotly.NET 6.0.0 embeds.</summary>
    public const string Version = "2.28.0";

    /// <summary>Name of the shared copy written beside the figure pages.</summary>
    public const string FileName = "plotly-" + Version + ".min.js";

    /// <summary>
    /// Set by <see cref="CompressedScriptElement"/>: a promise of <c>window.Plotly</c>. Chart scripts
    /// (<see cref="ChartHtml.Fragment"/>) wait on it when plotly.js is not yet defined.
    /// </summary>
    public const string ReadyPromise = "window.kzPlotlyReady";

    private static readonly Lazy<string> Bundle = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = $"Plotly.NET.plotly-{Version}.min.js";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Plotly.NET does not embed {name}; the workbench expects Plotly.NET 6.0.0.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // Decompressed with the browser's own DecompressionStream (Chromium 80+, Firefox 113+, Safari 16.4+),
    // then run as an ordinary script element so that plotly.js defines window.Plotly as it would inline.
    private static readonly Lazy<string> Loader = new(() =>
        "/*! plotly.js v" + Version + ", gzip + base64, unpacked in the page */"
        + ReadyPromise + "=" + ReadyPromise + "||(async function(){if(window.Plotly)return window.Plotly;"
        + "var t=await " + GzipBase64.Inflate + "(\"" + GzipBase64.Encode(Source) + "\");"
        // Hiding define/module/exports while plotly.js runs makes its UMD header define window.Plotly even on pages
        // that load RequireJS (the classic Jupyter Notebook), where it would otherwise register an AMD module.
        + "var s=document.createElement('script');s.text='if(!window.Plotly){(function(define,module,exports){\\n'+t+'\\n}).call(window);}';"
        + "document.head.appendChild(s);return window.Plotly;})();");

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => Bundle.Value;

    /// <summary>A <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c> inline.</summary>
    public static string ScriptElement => "<script type=\"text/javascript\">" + Source + "</script>";

    /// <summary>
    /// A <c>&lt;script&gt;</c> element holding plotly.js gzip-compressed (base64), unpacked in the page:
    /// 40 % of <see cref="ScriptElement"/>. It sets <see cref="ReadyPromise"/>; <c>window.Plotly</c> exists once that resolves.
    /// </summary>
    public static string CompressedScriptElement => "<script type=\"text/javascript\">" + Loader.Value + "</script>";

    /// <summary>A <c>&lt;script src&gt;</c> element loading the shared copy <see cref="FileName"/> from the page's own folder.</summary>
    public static string SharedScriptElement => "<script type=\"text/javascript\" src=\"" + FileName + "\"></script>";

    /// <summary>
    /// Writes the shared copy (the compressed loader of <see cref="CompressedScriptElement"/>, 1.45 MB instead
    /// of 3.6 MB; pages wait on <see cref="ReadyPromise"/>) into <paramref name="folder"/> unless an identical one is there. Written to a
    /// temporary name and moved, so concurrent writers (notebooks run in parallel) never leave half a file.
    /// </summary>
    public static string WriteSharedCopy(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Loader.Value);
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length) return path;
        var temp = Path.Combine(folder, $".{FileName}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}

/// <summary>
/// Text gzip-compressed and base64-encoded for a page, and the JavaScript that unpacks it with the
/// browser's DecompressionStream. Deterministic: .NET writes no time stamp into the gzip header.
/// </summary>
public static class GzipBase64
{
    /// <summary>A JavaScript function expression: base64 of gzip → a promise of the text.</summary>
    public const string Inflate =
        "(function(a){var b=atob(a),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);"
        + "return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'))).text();})";

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, gzip-compressed (smallest size), as base64.</summary>
    public static string Encode(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return Convert.ToBase64String(buffer.ToArray());
    }
}
