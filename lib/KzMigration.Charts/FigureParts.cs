using DynamicObj;
using Plotly.NET;
using Plotly.NET.LayoutObjects;

namespace KzMigration.Charts;

/// <summary>
/// The plumbing every workbench chart shares: plotly objects as plain dictionaries (null properties
/// left out, so the figure JSON carries only what was set), the common print layout, legend and
/// note placement. One place, so migration and scoring charts look alike and stay deterministic.
/// </summary>
internal static class FigureParts
{
    /// <summary>A plotly object from (key, value) pairs; null values are omitted.</summary>
    public static Dictionary<string, object?> Obj(params (string Key, object? Value)[] properties)
    {
        var o = new Dictionary<string, object?>(properties.Length);
        foreach (var (k, v) in properties)
            if (v is not null) o[k] = v;
        return o;
    }

    public static void Set(DynamicObj.DynamicObj target, string name, object? value) => target.SetProperty(name, value);

    public static Trace2D NewTrace(string type) => new(type);

    /// <summary>White, print-sized layout with a bold title and a grey subtitle (both HTML-encoded: they may carry region names).</summary>
    public static Layout BaseLayout(string title, string subtitle, int width, int height)
    {
        if (width is < 300 or > 4000) throw new ArgumentOutOfRangeException(nameof(width), width, "Width in pixels, 300–4000.");
        var layout = new Layout();
        var text = string.IsNullOrWhiteSpace(subtitle)
            ? $"<b>{Encode(title)}</b>"
            : $"<b>{Encode(title)}</b><br><span style=\"font-size:13px;color:#555555\">{Encode(subtitle)}</span>";
        Set(layout, "title", Obj(("text", text), ("x", 0.01), ("xanchor", "left"), ("font", Obj(("size", 18)))));
        Set(layout, "width", width);
        Set(layout, "height", height);
        Set(layout, "font", Obj(("family", "Arial, Helvetica, sans-serif"), ("size", 12), ("color", "#222222")));
        Set(layout, "paper_bgcolor", "#ffffff");
        Set(layout, "plot_bgcolor", "#ffffff");
        return layout;
    }

    /// <summary>Top right of the figure, level with the title (which sits top left).</summary>
    public static Dictionary<string, object?> TopRightLegend() => Obj(
        ("orientation", "h"), ("x", 1.0), ("xanchor", "right"), ("y", 0.98), ("yanchor", "top"), ("yref", "container"));

    /// <summary>A small grey note under the plot area, <paramref name="yshift"/> pixels below it.</summary>
    public static Dictionary<string, object?> Note(string text, int yshift = -40) => Obj(
        ("text", text), ("xref", "paper"), ("yref", "paper"), ("x", 0.0), ("y", 0.0), ("xanchor", "left"), ("yanchor", "top"),
        ("yshift", yshift), ("showarrow", false), ("align", "left"), ("font", Obj(("size", 11), ("color", "#555555"))));

    public static GenericChart Build(IEnumerable<Trace> traces, Layout layout) =>
        GenericChart.setLayout(layout, GenericChart.ofTraceObjects(false, traces.ToList()));

    // Titles are data-adjacent text (region names, parameters): encode the characters plotly reads as markup.
    private static string Encode(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
