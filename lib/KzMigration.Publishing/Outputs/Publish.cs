using KzMigration.Charts;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace KzMigration.Outputs;

/// <summary>
/// How a notebook hands a figure or a table to the publication outputs. Each call writes into the
/// run's output folder (<see cref="Workbench.OutDirectory"/>) and returns its input, so a cell can
/// end with <c>Publish.Figure("fig1-…", chart, "…")</c> and still display the chart:
/// <code>
/// out/figures/&lt;id&gt;.html   the chart alone; loads the one shared plotly-x.y.z.min.js beside it (opens offline)
/// out/figures/&lt;id&gt;.json   the plotly figure (deterministic; the PNG/SVG export reads the HTML)
/// out/tables/&lt;id&gt;.csv|.xlsx  the table with units, sources and notes
/// </code>
/// </summary>
public static class Publish
{
    /// <summary>Writes a figure's HTML and JSON; returns the chart.</summary>
    public static GenericChart Figure(string id, GenericChart chart, string caption)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Workbench.OutDirectory, "figures")).FullName;
        PlotlyJs.WriteSharedCopy(folder);
        File.WriteAllText(OutputName.PathIn(folder, id, ".html"), ChartHtml.Document(chart, caption, caption, sharedPlotlyJs: true));
        File.WriteAllText(OutputName.PathIn(folder, id, ".json"), GenericChart.toFigureJson(chart));
        return chart;
    }

    /// <summary>Writes a table as CSV and XLSX; returns the table.</summary>
    public static DataFrame Table(string id, DataFrame table, TableMetadata metadata)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Workbench.OutDirectory, "tables")).FullName;
        TableFiles.WriteCsv(OutputName.PathIn(folder, id, ".csv"), table, metadata);
        TableFiles.WriteXlsx(OutputName.PathIn(folder, id, ".xlsx"), table, metadata);
        return table;
    }
}
