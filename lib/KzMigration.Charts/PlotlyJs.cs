using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// Which plotly.js a page carries. <see cref="Workbench"/> is the core (scatter and every layout component) with the
/// other trace types the workbench's charts draw (bar, heatmap, sankey): 1.0 MB instead of 3.6 MB, so that each executed
/// notebook can carry its own copy and still stay small. A chart of any other type (a box plot, a 3-D surface, a map tile
/// layer…) gets <see cref="Full"/>, decided chart by chart from its figure (<see cref="PlotlyJs.BundleFor(GenericChart)"/>).
/// </summary>
public enum PlotlyBundle
{
    /// <summary>plotly.js with the trace types of <see cref="PlotlyJs.WorkbenchTraceTypes"/> only.</summary>
    Workbench,

    /// <summary>The whole plotly.js that Plotly.NET embeds.</summary>
    Full,
}

/// <summary>
/// The plotly.js bundle that Plotly.NET 6 embeds (<c>PlotlyJSReference.Full</c>), read from its assembly so that charts,
/// notebooks and reports draw with no network, and the smaller <see cref="PlotlyBundle.Workbench"/> bundle cut from it
/// (<see cref="PlotlyModules"/>). A page gets a bundle either inline, gzip-compressed (<see cref="LoaderElement"/>: what
/// executed notebooks and the report carry, since they travel alone), or as one shared file beside the pages
/// (<see cref="FileNameOf"/>, used by <c>out/figures/</c>). Either way the bundle is unpacked in the page and published as a
/// promise, <c>window.kzPlotly[name]</c>; a chart script waits on the bundle it needs (<see cref="ChartHtml.Fragment(GenericChart, string, ISet{PlotlyBundle})"/>).
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version Plotly.NET 6.0.0 embeds.</summary>
    public const string Version = "2.28.0";

    /// <summary>
    /// The trace types of the <see cref="PlotlyBundle.Workbench"/> bundle: those the workbench's own charts draw (maps are
    /// filled scatter polygons, see <see cref="MapGeometry"/>; flows are a Sankey diagram).
    /// </summary>
    public static readonly IReadOnlyList<string> WorkbenchTraceTypes = ["scatter", "bar", "heatmap", "sankey"];

    /// <summary>Name of the shared copy of the <see cref="PlotlyBundle.Workbench"/> bundle written beside the figure pages.</summary>
    public static string FileName => FileNameOf(PlotlyBundle.Workbench);

    /// <summary>Name of a bundle's shared copy: <c>plotly-2.28.0-workbench.min.js</c>, <c>plotly-2.28.0.min.js</c>.</summary>
    public static string FileNameOf(PlotlyBundle bundle) =>
        bundle == PlotlyBundle.Full ? $"plotly-{Version}.min.js" : $"plotly-{Version}-{Key(bundle)}.min.js";

    /// <summary>The key of a bundle's promise in <c>window.kzPlotly</c>.</summary>
    public static string Key(PlotlyBundle bundle) => bundle == PlotlyBundle.Full ? "full" : "workbench";

    private static readonly Lazy<string> FullSource = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = $"Plotly.NET.plotly-{Version}.min.js";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Plotly.NET does not embed {name}; the workbench expects Plotly.NET 6.0.0.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // Cut once per process; if the shipped file is not laid out as PlotlyModules expects, the workbench bundle is the full one.
    private static readonly Lazy<(string Source, string? Problem)> WorkbenchSource = new(() =>
    {
        var modules = PlotlyModules.TryRead(FullSource.Value, out var problem);
        var subset = modules?.Subset(WorkbenchTraceTypes.ToArray());
        return subset is null ? (FullSource.Value, problem ?? "a workbench trace type is not in plotly.js") : (subset, null);
    });

    /// <summary>
    /// Why the <see cref="PlotlyBundle.Workbench"/> bundle is the full plotly.js, or null when it was cut as designed.
    /// </summary>
    public static string? WorkbenchBundleProblem => WorkbenchSource.Value.Problem;

    /// <summary>The minified plotly.js source (the full bundle; what static image export renders with).</summary>
    public static string Source => FullSource.Value;

    /// <summary>The minified source of <paramref name="bundle"/>.</summary>
    public static string SourceOf(PlotlyBundle bundle) => bundle == PlotlyBundle.Full ? FullSource.Value : WorkbenchSource.Value.Source;

    /// <summary>The bundle that draws <paramref name="chart"/>: <see cref="PlotlyBundle.Workbench"/> when it can.</summary>
    public static PlotlyBundle BundleFor(GenericChart chart) => BundleFor(GenericChart.toFigureJson(chart));

    /// <summary>
    /// The bundle that draws the plotly figure <paramref name="figureJson"/>: <see cref="PlotlyBundle.Workbench"/> when every
    /// trace is of a <see cref="WorkbenchTraceTypes"/> type (a trace without a type is a scatter) and the figure uses neither
    /// transforms nor world calendars (plotly.js registers those apart from the core); else <see cref="PlotlyBundle.Full"/>.
    /// The layout's template may name every trace type: templates only style the traces a figure has.
    /// </summary>
    public static PlotlyBundle BundleFor(string figureJson)
    {
        using var figure = System.Text.Json.JsonDocument.Parse(figureJson);
        if (!figure.RootElement.TryGetProperty("data", out var data) || data.ValueKind != System.Text.Json.JsonValueKind.Array)
            return PlotlyBundle.Workbench;
        foreach (var trace in data.EnumerateArray())
        {
            if (trace.ValueKind != System.Text.Json.JsonValueKind.Object) continue;
            var type = trace.TryGetProperty("type", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString()! : "scatter";
            if (!WorkbenchTraceTypes.Contains(type) || trace.TryGetProperty("transforms", out _)) return PlotlyBundle.Full;
            foreach (var property in trace.EnumerateObject())
                if (property.Name.EndsWith("calendar", StringComparison.Ordinal) && property.Value.ValueKind == System.Text.Json.JsonValueKind.String
                    && property.Value.GetString() != "gregorian")
                    return PlotlyBundle.Full;
        }
        if (figure.RootElement.TryGetProperty("layout", out var layout) && layout.ValueKind == System.Text.Json.JsonValueKind.Object)
            foreach (var property in layout.EnumerateObject())
                if (property.Name == "calendar" || (property.Name.StartsWith("xaxis", StringComparison.Ordinal) || property.Name.StartsWith("yaxis", StringComparison.Ordinal))
                    && property.Value.ValueKind == System.Text.Json.JsonValueKind.Object && property.Value.TryGetProperty("calendar", out var c)
                    && c.ValueKind == System.Text.Json.JsonValueKind.String && c.GetString() != "gregorian")
                    return PlotlyBundle.Full;
        return PlotlyBundle.Workbench;
    }

    /// <summary>The JavaScript expression of the promise of <paramref name="bundle"/>'s Plotly object on a page.</summary>
    public static string PromiseOf(PlotlyBundle bundle) => $"window.kzPlotly&&window.kzPlotly[\"{Key(bundle)}\"]";

    // Each bundle's loader (and its element), built and compressed once per process, and only when a page needs it.
    private static readonly Lazy<string>[] Loaders =
        [new(() => Loader(PlotlyBundle.Workbench)), new(() => Loader(PlotlyBundle.Full))];

    private static readonly Lazy<string>[] Elements =
        [new(() => Element(PlotlyBundle.Workbench)), new(() => Element(PlotlyBundle.Full))];

    private static string Element(PlotlyBundle bundle) => "<script type=\"text/javascript\">" + Loaders[(int)bundle].Value + "</script>";

    // Unpacked with the browser's own DecompressionStream (Chromium 80+, Firefox 113+, Safari 16.4+), then run as an
    // ordinary script element. plotly.js's UMD header exports to the `module` it is given, so each bundle becomes its own
    // Plotly object (two bundles on one page never overwrite each other), and define/exports are hidden so that it does
    // not register an AMD module on pages that load RequireJS (the classic Jupyter Notebook). window.Plotly is set to the
    // first bundle unpacked, for scripts of the user's own that expect it.
    private static string Loader(PlotlyBundle bundle)
    {
        var key = Key(bundle);
        var what = bundle == PlotlyBundle.Full ? "full bundle" : $"workbench bundle: core, {string.Join(", ", WorkbenchTraceTypes.Skip(1))}";
        return "/*! plotly.js v" + Version + " (" + what + "), gzip + base64, unpacked in the page */"
            + "window.kzPlotly=window.kzPlotly||{};window.kzPlotly[\"" + key + "\"]=window.kzPlotly[\"" + key + "\"]||(async function(){"
            + "var t=await " + GzipBase64.Inflate + "(\"" + GzipBase64.Encode(SourceOf(bundle)) + "\");"
            + "var m=window.kzPlotlyModule={exports:{}},s=document.createElement('script');"
            + "s.text='(function(define,module,exports){\\n'+t+'\\n}).call(window,undefined,window.kzPlotlyModule,window.kzPlotlyModule.exports);';"
            + "document.head.appendChild(s);delete window.kzPlotlyModule;if(!window.Plotly)window.Plotly=m.exports;return m.exports;})();";
    }

    /// <summary>
    /// A <c>&lt;script&gt;</c> element holding <paramref name="bundle"/> gzip-compressed (base64), unpacked in the page: about
    /// a third of the plain text. It sets the promise <see cref="PromiseOf"/>.
    /// </summary>
    public static string LoaderElement(PlotlyBundle bundle) => Elements[(int)bundle].Value;

    /// <summary>The loader elements of every bundle (what a page that gathers charts from elsewhere removes and adds once).</summary>
    public static IEnumerable<string> LoaderElements => Enum.GetValues<PlotlyBundle>().Select(LoaderElement);

    /// <summary>
    /// <paramref name="html"/> without the loaders its charts carried (only a bundle its charts use can be there), for a page
    /// that gathers charts from elsewhere and carries each bundle once itself (the report).
    /// </summary>
    public static string WithoutLoaders(string html) =>
        BundlesUsedBy(html).Aggregate(html, (text, bundle) => text.Replace(LoaderElement(bundle), "", StringComparison.Ordinal));

    /// <summary>The bundles the charts of <paramref name="html"/> (made by <see cref="ChartHtml.Fragment(GenericChart, string, ISet{PlotlyBundle})"/>) draw with.</summary>
    public static IReadOnlyList<PlotlyBundle> BundlesUsedBy(string html) =>
        Enum.GetValues<PlotlyBundle>().Where(b => html.Contains(MarkOf(b), StringComparison.Ordinal)).ToList();

    /// <summary>The attribute a chart's element carries to say which bundle draws it.</summary>
    public static string MarkOf(PlotlyBundle bundle) => $"data-plotly-bundle=\"{Key(bundle)}\"";

    /// <summary>A <c>&lt;script src&gt;</c> element loading the shared copy of <paramref name="bundle"/> from the page's own folder.</summary>
    public static string SharedScriptElement(PlotlyBundle bundle) => "<script type=\"text/javascript\" src=\"" + FileNameOf(bundle) + "\"></script>";

    /// <summary>
    /// Writes the shared copy of <paramref name="bundle"/> (its loader, as in <see cref="LoaderElement"/>) into
    /// <paramref name="folder"/> unless an identical one is there. Written to a temporary name and moved, so concurrent
    /// writers (notebooks run in parallel) never leave half a file.
    /// </summary>
    public static string WriteSharedCopy(string folder, PlotlyBundle bundle)
    {
        var path = Path.Combine(folder, FileNameOf(bundle));
        var bytes = System.Text.Encoding.UTF8.GetBytes(Loaders[(int)bundle].Value);
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length) return path;
        var temp = Path.Combine(folder, $".{FileNameOf(bundle)}.{Guid.NewGuid():N}.tmp");
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
