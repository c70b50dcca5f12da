using KzMigration.Charts;
using KzMigration.Publishing;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace KzMigration.Notebooks;

/// <summary>
/// How values display in executed notebooks: Plotly charts as HTML that draws offline (the plotly.js bundle a chart
/// needs inlined once per notebook, gzip-compressed, in the first chart's output that needs it), DataFrames as HTML tables, and library
/// results through the publishing layer's views (<see cref="HtmlViews"/>). .NET Interactive's formatters are process-wide,
/// so the runner runs one notebook at a time and calls <see cref="BeginNotebook"/> before each.
/// </summary>
internal static class OutputFormatters
{
    private static readonly object Gate = new();
    private static bool registered;
    private static string notebookSlug = "notebook";
    private static int chartCount;
    private static readonly HashSet<PlotlyBundle> BundlesInNotebook = [];

    /// <summary>Registers the formatters (idempotent).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(NextChartHtml(chart)), HtmlFormatter.MimeType);
            Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameHtml.ToHtml(frame)), HtmlFormatter.MimeType);
            foreach (var type in HtmlViews.Types) Formatter.Register(type, (value, writer) => writer.Write(HtmlViews.Of(value)), HtmlFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType);
            registered = true;
        }
    }

    /// <summary>Starts a notebook: chart ids restart and the next chart carries its plotly.js bundle again.</summary>
    public static void BeginNotebook(string name)
    {
        lock (Gate)
        {
            notebookSlug = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
            chartCount = 0;
            BundlesInNotebook.Clear();
        }
    }

    private static string NextChartHtml(GenericChart chart)
    {
        // Deterministic ids (notebook + ordinal) keep executed notebooks byte-stable between runs.
        lock (Gate) return ChartHtml.Fragment(chart, $"kz-{notebookSlug}-chart-{++chartCount}", BundlesInNotebook);
    }
}
