using System.Text.Json.Nodes;
using KzMigration.Data;
using KzMigration.Data.Import;
using KzMigration.Migration;

namespace KzMigration.Tests.Import;

/// <summary>
/// <see cref="DataImport"/>: the whole of <c>kzmig data import</c> as one library call, so a notebook, the kernel or
/// a test imports exactly as the command line does, and the command line only parses and prints.
/// </summary>
public class DataImportTests
{
    private static readonly DateTimeOffset Fixed = DateTimeOffset.FromUnixTimeSeconds(1790000000);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Fixed;
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText)
            : [];

    [Fact]
    public void A_request_without_a_target_reads_and_writes_nothing()
    {
        var data = ImportFiles.CopyOfBundle();
        var outcome = DataImport.Run(new DataImportRequest(ImportFiles.SmallTaldauInput(), data));
        var series = Assert.IsType<SeriesImported>(outcome);
        Assert.Null(series.Written);
        Assert.True(series.Values.Count > 0);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    [Fact]
    public void A_new_indicator_is_written_to_the_overlay_and_loads_with_the_bundle()
    {
        var data = ImportFiles.CopyOfBundle();
        var outcome = DataImport.Run(new DataImportRequest(ImportFiles.SmallTaldauInput(), data)
        {
            Target = new IndicatorTarget("grp_per_capita_imported", "KZT"),
            NewIndicatorKind = "average",
            Clock = new FixedClock(),
        });
        var written = Assert.IsType<SeriesImported>(outcome).Written;
        Assert.NotNull(written);
        Assert.True(written.Written > 0);
        var loaded = WorkbenchData.Load(data);
        Assert.Contains(loaded.Indicators, i => i.Indicator.Id == "grp_per_capita_imported");
    }

    [Fact]
    public void A_refused_import_leaves_the_overlay_as_it_was_and_names_what_is_missing()
    {
        var data = ImportFiles.CopyOfBundle();
        var overlay = Path.Combine(data, WorkbenchData.UserFolder);
        var before = Snapshot(overlay);
        // A new indicator without its kind: refused before anything is written.
        var e = Assert.Throws<ImportUsageException>(() => DataImport.Run(new DataImportRequest(ImportFiles.SmallTaldauInput(), data)
        {
            Target = new IndicatorTarget("not_declared_anywhere"),
        }));
        Assert.Contains("--kind", e.Message);
        Assert.True(DataImport.IsInputProblem(e));
        Assert.Equal(before, Snapshot(overlay));
    }

    [Theory]
    [InlineData("grp", null, "internal", "arrivals")]
    [InlineData(null, null, "internal", null)]
    [InlineData(null, null, null, "arrivals")]
    public void A_target_that_is_not_one_series_is_a_usage_error(string? indicator, string? unit, string? flow, string? measure) =>
        Assert.Throws<ImportUsageException>(() => DataImportRequest.TargetOf(indicator, unit, flow, measure));

    [Fact]
    public void Targets_name_a_flow_and_measure_or_an_indicator()
    {
        Assert.Equal(new MigrationTarget(Flow.Interregional, Measure.Arrivals), DataImportRequest.TargetOf(null, null, "interregional", "arrivals"));
        Assert.Equal(new IndicatorTarget("grp_per_capita", "KZT"), DataImportRequest.TargetOf("grp_per_capita", "KZT", null, null));
        Assert.Null(DataImportRequest.TargetOf(null, null, null, null));
    }

    [Fact]
    public void An_origin_destination_table_takes_the_flow_matrix_path_and_a_contradiction_leaves_the_overlay_as_it_was()
    {
        // The fixture's 2021 matrix differs from the bundled one in some cells: the import reads it as an OD table,
        // stages it, and the validation with the bundle refuses it, naming both places; nothing is written.
        var data = ImportFiles.CopyOfBundle();
        var overlay = Path.Combine(data, WorkbenchData.UserFolder);
        var before = Snapshot(overlay);
        var e = Assert.Throws<DataFileException>(() =>
            DataImport.Run(new DataImportRequest(ImportFiles.Fixture("od_matrix_2021_17_units.csv"), data) { Clock = new FixedClock() }));
        Assert.Contains("od-flows.csv", e.Message);
        Assert.True(DataImport.IsInputProblem(e));
        Assert.Equal(before, Snapshot(overlay));
    }
}
