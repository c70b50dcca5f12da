using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// The plotly.js bundle that Plotly.NET 6 embeds (<c>PlotlyJSReference.Full</c>), read from its
/// assembly so that charts, notebooks and reports draw with no network.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version Plotly.NET 6.0.0 embeds.</summary>
    public const string Version = "2.28.0";

    private static readonly Lazy<string> Bundle = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = $"Plotly.NET.plotly-{Version}.min.js";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Plotly.NET does not embed {name}; the workbench expects Plotly.NET 6.0.0.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => Bundle.Value;

    /// <summary>A <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c> inline.</summary>
    public static string ScriptElement => "<script type=\"text/javascript\">" + Source + "</script>";
}
