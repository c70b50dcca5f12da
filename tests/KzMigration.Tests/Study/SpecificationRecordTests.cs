using System.Text;
using System.Text.Json.Nodes;
using ExcelDataReader;
using KzMigration.Claims;
using KzMigration.Cli;
using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Study;
using Microsoft.Data.Analysis;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Tests.Study;

/// <summary>
/// Tests that publish in-process, each in a run context of its own (<see cref="RunContext.Enter"/>): they run beside the
/// other collections (a context belongs to a run, not to the process), without the notebooks' shared reproduce.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RecordCollection
{
    public const string Name = "record";
}

/// <summary>
/// The record is what ran (issue #22): under each of a set of specifications, every table a study step builds and
/// <see cref="Publish"/> writes records the specification its numbers were computed with — in the data package's
/// <c>specification</c> and the XLSX «about» sheet, the same text — and recomputing the table from the recorded text alone
/// gives the same table, byte for byte. The run's own specification is deliberately the paper's: a record taken from it
/// would show here.
/// </summary>
[Collection(RecordCollection.Name)]
public class SpecificationRecordTests
{
    // The paper's; another reference; other thresholds; the internal flow; another boundary era; another population
    // denominator; another housing choice and polarity. The Monte Carlo is kept small where the text may say so.
    public static TheoryData<string> Specifications =>
    [
        "",
        "scoring.reference=median; sensitivity.draws=40",
        "scoring.thresholds=75,95,105,140; sensitivity.draws=40",
        "migration.flow=internal; sensitivity.draws=40",
        "migration.boundaries=2015; sensitivity.draws=40",
        "migration.population=end; sensitivity.draws=40",
        "scoring.housing=new; scoring.invert=unemployment_rate; migration.years=2016-2021; sensitivity.draws=40",
    ];

    private static WorkbenchData Data => TestData.Data;

    private static readonly IReadOnlyList<ValueEdit> Edits = SpecificationParser.ParseEdits("turkestan:avg_monthly_wage*1.2");

    private static SocioEconomicPanel Panel(StudySpecification s) => SocioEconomicScoring.From(Data, s);

    /// <summary>
    /// Every table the notebooks publish from a study step (02–05, 07), built as the notebook builds it from one
    /// specification. The estimated models are checked below with fewer bootstrap replications.
    /// </summary>
    private static IReadOnlyList<(string Id, Func<StudySpecification, DataFrame> Build)> Tables =>
    [
        ("tab1-interregional-flows", s => BalanceTables.Interregional(Data, s)),
        ("tab1-net-migration-all-flows", s => MigrationSeries.Wide(Data, s, Flow.All, Measure.Balance)),
        ("tab2-attractiveness", s => Attractiveness.ToTable(Attractiveness.Computable(Attractiveness.Compute(Data, s)), s)),
        ("tab2-attractiveness-internal", s => Attractiveness.ToTable(Attractiveness.Compute(Data, Flow.Internal, [2022, 2023]), s)),
        ("tab3-factors", s => SocioEconomicScoring.FactorsTable(Panel(s))),
        ("tab3-housing-prices", s => SocioEconomicScoring.HousingPricesTable(Panel(s), 2021)),
        ("tab3-percent-of-reference", s => Scored(s, (p, r) => SocioEconomicScoring.PercentOfReferenceTable(r, p, 2021))),
        ("tab3-cells-all-years", s => Scored(s, (p, r) => SocioEconomicScoring.CellsTable(r, p))),
        ("tab3-reference-levels", s => SocioEconomicScoring.ReferenceLevelsTable(Panel(s), 2021)),
        ("tab3-scores", s => Scored(s, (p, r) => SocioEconomicScoring.ScoresTable(r, p, 2021))),
        ("tab3-score-vs-migration", s => Scored(s, (p, r) => ScoreMigrationRelation.Of(r, p, 2021, draws: 100).ToTable())),
        ("tab5-band-changes", s => WhatIf(s, (p, c) => SocioEconomicScoring.BandChangesTable(c, p, "en", 2021))),
        ("tab5-rank-changes", s => WhatIf(s, (p, c) => SocioEconomicScoring.RankChangesTable(c, p, 2021))),
        ("tab5-one-at-a-time", s => SocioEconomicScoring.OneAtATimeTable(Panel(s), 2021)),
        ("tab5-rank-intervals", s => MonteCarlo(s, (p, m) => SocioEconomicScoring.RankIntervalsTable(m, p, 2021))),
        ("tab5-sensitivity-indices", s => MonteCarlo(s, (p, m) => SocioEconomicScoring.IndicesTable(m, p))),
        ("tab7-flow-system-indices", s => FlowIndicesTables.SystemIndices(Data, s)),
    ];

    private static DataFrame Scored(StudySpecification s, Func<SocioEconomicPanel, Scorecard, DataFrame> table)
    {
        var panel = Panel(s);
        return table(panel, panel.Score());
    }

    // Notebook 05: the paper's scoring before, the specification's after, with an edit of the data.
    private static DataFrame WhatIf(StudySpecification s, Func<SocioEconomicPanel, ScoringComparison, DataFrame> table)
    {
        var panel = Panel(s);
        return table(panel, SocioEconomicScoring.RunWhatIf(panel.For(StudySpecification.Paper), Edits, panel));
    }

    private static DataFrame MonteCarlo(StudySpecification s, Func<SocioEconomicPanel, SensitivityResult, DataFrame> table)
    {
        var panel = Panel(s);
        return table(panel, SocioEconomicScoring.RunSensitivity(panel, 2021));
    }

    [Theory]
    [MemberData(nameof(Specifications))]
    public void Every_published_study_table_records_the_specification_its_numbers_were_computed_with(string text)
    {
        var specification = SpecificationParser.Parse(text);
        var given = Items(SpecificationFormatter.FormatChangesFromPaper(specification));
        var outDir = TestPaths.TempFolder("record");
        using var scope = RunContext.Enter(new RunContext(new RunOptions(TestPaths.Data, outDir)));
        foreach (var (id, build) in Tables) Publish.Table(id, build(specification), new TableMetadata(id));
        var published = RunContext.Current.Published;
        foreach (var (id, build) in Tables)
        {
            var recorded = published.Single(p => p.Path == $"tables/{id}.csv").Specification;
            Assert.Equal(recorded, published.Single(p => p.Path == $"tables/{id}.xlsx").Specification);
            Assert.Equal(recorded, AboutSpecification(Path.Combine(outDir, "tables", id + ".xlsx")));
            // Nothing the run was given is lost from the record (a step may add what it changed: the flow of internal K,
            // the year the Monte Carlo rescored).
            Assert.All(given, item => Assert.Contains(item, Items(recorded)));

            var again = build(SpecificationParser.Parse(recorded));
            Assert.Equal(recorded, SpecificationFormatter.FormatChangesFromPaper(Assert.IsType<StudyTable>(again).Specification));
            Assert.Equal(File.ReadAllText(Path.Combine(outDir, "tables", id + ".csv"), Encoding.UTF8), TableFiles.ToCsv(again, new TableMetadata(id)));
        }
    }

    [Theory]
    [InlineData("estimation.replications=99")]
    [InlineData("migration.population=start; estimation.replications=99; estimation.lag=no")]
    [InlineData("scoring.housing=new; estimation.replications=99; estimation.gravity_years=2020,2021")]
    public void The_estimated_models_tables_record_their_specification(string text)
    {
        var specification = SpecificationParser.Parse(text);
        IReadOnlyList<(string Id, Func<StudySpecification, DataFrame> Build)> tables =
        [
            ("tab6-panel-coverage", s => NetMigrationPanel.CoverageTable(NetMigrationPanel.Estimate(Data, s))),
            ("tab6-panel-coefficients", s => NetMigrationPanel.CoefficientTable(NetMigrationPanel.Estimate(Data, s), Data)),
            ("tab6-what-if", s => NetMigrationPanel.WhatIfTable(NetMigrationPanel.WhatIf(NetMigrationPanel.Estimate(Data, s), Data, "turkestan", "income_per_capita"))),
            ("tab6-pushpull", s => PushPullModel.Table(PushPullModel.Estimate(Data, s))),
        ];
        var outDir = TestPaths.TempFolder("record-models");
        using var scope = RunContext.Enter(new RunContext(new RunOptions(TestPaths.Data, outDir)));
        foreach (var (id, build) in tables)
        {
            var table = build(specification);
            Publish.Table(id, table, new TableMetadata(id));
            var recorded = RunContext.Current.Published.Single(p => p.Path == $"tables/{id}.csv").Specification;
            Assert.Equal(SpecificationFormatter.FormatChangesFromPaper(specification), recorded);
            Assert.Equal(File.ReadAllText(Path.Combine(outDir, "tables", id + ".csv"), Encoding.UTF8),
                TableFiles.ToCsv(build(SpecificationParser.Parse(recorded)), new TableMetadata(id)));
        }
    }

    [Fact]
    public void The_ledger_and_the_figures_record_the_result_they_come_from_and_a_table_of_no_step_records_none()
    {
        var specification = SpecificationParser.Parse("scoring.thresholds=75,95,105,140; migration.flow=internal");
        var outDir = TestPaths.TempFolder("record-ledger");
        using var scope = RunContext.Enter(new RunContext(new RunOptions(TestPaths.Data, outDir, Specification: SpecificationParser.Parse("scoring.reference=mean"))));
        var claims = ClaimsLedger.Evaluate(Data, specification, PaperClaims.All.Where(c => c.Location.Contains("Figure 3", StringComparison.Ordinal)));
        Publish.Claims(claims, Data);
        var panel = Panel(specification);
        var chart = Plotly.NET.CSharp.Chart.Column<int, string, string>(values: new[] { 1, 2 }, Keys: new[] { "a", "b" }, Name: "record");
        Publish.Figure("record-heatmap", chart, "drawn from a scoring", panel);
        Publish.Figure("record-map", chart, "drawn from the data alone");
        Publish.Table("record-plain", new DataFrame(new StringDataFrameColumn("x", ["1"])), new TableMetadata("no study step"));

        var published = RunContext.Current.Published;
        Assert.Equal(SpecificationFormatter.FormatChangesFromPaper(specification), published.Single(p => p.Path == "claims.csv").Specification);
        Assert.All(published.Where(p => p.Id == "record-heatmap"), p => Assert.Equal(SpecificationFormatter.FormatChangesFromPaper(specification), p.Specification));
        // Never the run's (scoring.reference=mean): a figure or table of no study step records nothing.
        Assert.All(published.Where(p => p.Id is "record-map" or "record-plain"), p => Assert.Equal("", p.Specification));
        Assert.Equal("", AboutSpecification(Path.Combine(outDir, "tables", "record-plain.xlsx")));
    }

    /// <summary>
    /// The notebook as a user runs it (issue #22: every table of <c>kzmig run notebooks/04… --param reference=median</c> recorded
    /// no specification): every table and figure of notebook 04 records the median reference, in <c>datapackage.json</c> and
    /// in each XLSX «about» sheet.
    /// </summary>
    [Fact]
    public async Task Notebook_04_run_with_the_median_reference_records_it_in_the_data_package()
    {
        var outDir = TestPaths.TempFolder("record-nb04");
        var notebook = Path.Combine(TestPaths.Notebooks, "04-figure-3-socioeconomic-scoring.ipynb");
        Assert.Equal(ExitCodes.Success, await Cli.Cli.InvokeAsync(
            ["run", notebook, "--param", "specification=scoring.reference=median", "--images", "none", "--out", outDir]));

        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "datapackage.json")))!;
        var resources = package["resources"]!.AsArray().Select(r => r!).Where(r => (string?)r["notebook"] == "04-figure-3-socioeconomic-scoring").ToList();
        var tables = resources.Where(r => (string?)r["format"] is "csv" or "xlsx").ToList();
        var figures = resources.Where(r => r["figure"] is not null).ToList();
        Assert.Equal(14, tables.Count); // seven tables, each as CSV and XLSX
        Assert.NotEmpty(figures);
        foreach (var resource in tables.Concat(figures))
        {
            var recorded = (string?)resource["specification"];
            Assert.False(string.IsNullOrEmpty(recorded), $"{resource["path"]} records no specification");
            var parsed = SpecificationParser.Parse(recorded);
            Assert.Equal(ReferenceKind.Median, parsed.Scoring.Reference);
            // The relation with migration reads internal flows, and says so; everything else is the run's.
            var expected = ((string)resource["path"]!).Contains("score-vs", StringComparison.Ordinal)
                ? "scoring.reference=median; migration.flow=internal" : "scoring.reference=median";
            Assert.Equal(expected, recorded);
            if ((string?)resource["format"] == "xlsx") Assert.Equal(recorded, AboutSpecification(Path.Combine(outDir, (string)resource["path"]!)));
        }
    }

    private static IReadOnlyList<string> Items(string text) =>
        text.Length == 0 ? [] : text.Split("; ");

    /// <summary>The «specification» row of an XLSX «about» sheet, or "" when it has none.</summary>
    internal static string AboutSpecification(string xlsx)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // ExcelDataReader needs cp1252
        using var stream = File.OpenRead(xlsx);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        reader.NextResult();
        Assert.Equal("about", reader.Name);
        while (reader.Read())
            if (reader.GetValue(0) as string == "specification") return reader.GetValue(1) as string ?? "";
        return "";
    }
}
