using KzMigration.Charts;
using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Specification;
using Microsoft.Data.Analysis;
using Plotly.NET;
using KzMigration.Runs;

namespace KzMigration.Publishing;

/// <summary>
/// How a notebook hands a figure or a table to the publication outputs. Each call writes into the
/// run's output folder (<see cref="RunContext.OutDirectory"/>), records what it wrote in the run's context
/// (the run's <c>out/datapackage.json</c> describes it from there) and returns its input, so a cell can
/// end with <c>Publish.Figure("fig1-…", chart, "…")</c> and still display the chart:
/// <code>
/// out/figures/&lt;id&gt;.html   the chart alone; loads the shared plotly.js bundle beside it (opens offline)
/// out/figures/&lt;id&gt;.json   the plotly figure (deterministic; the PNG/SVG export reads the HTML)
/// out/tables/&lt;id&gt;.csv|.xlsx  the table: plain CSV (header first), and XLSX with an «about» sheet
/// out/claims.csv             the claims ledger (<see cref="ClaimsLedger"/>)
/// </code>
/// </summary>
public static class Publish
{
    /// <summary>
    /// Writes a figure's HTML and JSON; returns the chart. The figure records the specification of the study result it was
    /// drawn from (<paramref name="from"/>: the table, scoring or model whose numbers it shows).
    /// </summary>
    public static GenericChart Figure(string id, GenericChart chart, string caption, IStudyResult from)
    {
        ArgumentNullException.ThrowIfNull(from);
        return Write(id, chart, caption, Recorded(from.Specification));
    }

    /// <summary>
    /// Writes a figure drawn from no result of a study step (the published figures alone, e.g. a map of one year's official
    /// balances, or the setup check): it records no specification, since no choice of the study enters it.
    /// </summary>
    public static GenericChart Figure(string id, GenericChart chart, string caption) => Write(id, chart, caption, "");

    private static GenericChart Write(string id, GenericChart chart, string caption, string specification)
    {
        var run = RunContext.Current;
        var folder = Directory.CreateDirectory(Path.Combine(run.OutDirectory, "figures")).FullName;
        var figure = GenericChart.toFigureJson(chart);
        PlotlyJs.WriteSharedCopy(folder, PlotlyJs.BundleFor(figure));
        File.WriteAllText(OutputName.PathIn(folder, id, ".html"), ChartHtml.Document(figure, caption, caption, sharedPlotlyJs: true));
        File.WriteAllText(OutputName.PathIn(folder, id, ".json"), figure);
        foreach (var extension in new[] { ".html", ".json" })
            run.Record(new PublishedOutput($"figures/{id}{extension}", "figure", caption) { Id = id, Specification = specification });
        return chart;
    }

    /// <summary>
    /// Writes a table as CSV and XLSX; returns the table. A table a study step built (<see cref="StudyTable"/>) records the
    /// specification it was computed with — in <c>datapackage.json</c> and the XLSX «about» sheet — as its changes against
    /// the paper's (<see cref="SpecificationFormatter.FormatChangesFromPaper"/>; none: the paper's). Any other table (the
    /// sources, the largest corridors) is no result of a study step: no choice of the study enters it and it records none.
    /// The run's specification is never consulted: the record is the result's. The units of measure are the table's own
    /// (<see cref="MeasuredTable.Units"/>) with any the metadata adds for a table built by hand.
    /// </summary>
    public static DataFrame Table(string id, DataFrame table, TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        var run = RunContext.Current;
        var specification = table is IStudyResult result ? Recorded(result.Specification) : "";
        var folder = Directory.CreateDirectory(Path.Combine(run.OutDirectory, "tables")).FullName;
        TableFiles.WriteCsv(OutputName.PathIn(folder, id, ".csv"), table, metadata);
        TableFiles.WriteXlsx(OutputName.PathIn(folder, id, ".xlsx"), table, metadata, specification);
        run.Record(Described($"tables/{id}.csv", "table", id, table, metadata, specification));
        run.Record(Described($"tables/{id}.xlsx", "workbook", id, table, metadata, specification) with { Fields = [] });
        return table;
    }

    /// <summary>
    /// The claims ledger as a step of the study: writes <c>out/claims.csv</c> (one row per claim, its verdict and
    /// evidence), and gives the report its findings page (each claim's verdict, the paper's figures as reproduced,
    /// what each figure needs against what <paramref name="data"/> holds), the ledger and the sources. Returns the ledger.
    /// </summary>
    public static ClaimsReport Claims(ClaimsReport claims, WorkbenchData data)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(data);
        var run = RunContext.Current;
        Directory.CreateDirectory(run.OutDirectory);
        var table = claims.ToDataFrame();
        TableFiles.WriteCsv(Path.Combine(run.OutDirectory, "claims.csv"), table, claims.Metadata);
        // The ledger's specification (ClaimsReport.Specification), its band of negligible effects (claims.negligible_*) included.
        run.Record(Described("claims.csv", "table", "claims", table, claims.Metadata, Recorded(claims.Specification)) with { Summary = claims.Summary });
        run.Record(FindingsPage.Section(claims, Study.FigureCoverage.OfPaperFigures(data, claims.Specification)));
        run.Record(new ReportSection("claims", "Claims ledger", claims.ToHtml()));
        run.Record(new ReportSection("sources", "Sources and licences", SourcesPage.ToHtml(data)));
        return claims;
    }

    private static PublishedOutput Described(string path, string kind, string id, DataFrame table, TableMetadata metadata, string specification) =>
        new(path, kind, metadata.Title)
        {
            Id = id,
            Fields = TableFiles.Fields(table, metadata),
            Sources = metadata.Sources,
            Notes = metadata.Notes,
            Specification = specification,
        };

    // The text a result's specification is recorded as: its changes against the paper's, read back by SpecificationParser.Parse.
    private static string Recorded(StudySpecification specification) => SpecificationFormatter.FormatChangesFromPaper(specification);
}
