using KzMigration.Data;
using KzMigration.Migration;

namespace KzMigration.Tests.Data;

/// <summary>User-imported figures in data/user/ (the importers' output) are loaded on top of the bundle, validated alike.</summary>
public class OverlayTests
{
    private static string WithUser(string migrationRows, string? sources = null)
    {
        var dir = TestData.Fixture("akmola,2019,Jan-Dec,all,balance,-100,exact,,datathon-everything,\n");
        var user = Directory.CreateDirectory(Path.Combine(dir, WorkbenchData.UserFolder)).FullName;
        File.WriteAllText(Path.Combine(user, "migration.csv"), string.Join(",", DataTables.Migration.Header) + "\n" + migrationRows);
        if (sources is not null) File.WriteAllText(Path.Combine(user, "sources.csv"), string.Join(",", DataTables.Sources.Header) + "\n" + sources);
        return dir;
    }

    private const string TaldauSource = "taldau-import,https://taldau.stat.gov.kz/ru/Api/GetIndexData/1,taldau.stat.gov.kz,BNS,interregional arrivals,imported by kzmig,,,,,,,\n";

    [Fact]
    public void Adds_imported_figures_with_their_own_sources()
    {
        var data = WorkbenchData.Load(WithUser("akmola,2019,Jan-Dec,interregional,arrivals,12000,exact,,taldau-import,\n", TaldauSource));
        Assert.Single(data.Overlays);
        Assert.Equal(12000, data.MigrationValue("akmola", 2019, Flow.Interregional, Measure.Arrivals));
        Assert.Equal("taldau-import", data.FindMigration("akmola", 2019, Flow.Interregional, Measure.Arrivals)!.Source.Id);
    }

    private const string ImportedSource = "import-0a1c5a1c3d8e-internal-arrivals,arrived_2024.xlsx,local file imported with kzmig data import,not stated by the file," +
        "arrived_2024.xlsx,,arrived_2024.xlsx,0a1c5a1c3d8e956bee122ffb61602a4d8e73ad347ba9e742ff9069ad12518787,2026-10-01T08:30:00Z,BnsSpreadsheet,,migration internal arrivals,1\n";

    [Fact]
    public void Imported_sources_carry_their_provenance()
    {
        var data = WorkbenchData.Load(WithUser("akmola,2019,Jan-Dec,internal,arrivals,12000,derived,,import-0a1c5a1c3d8e-internal-arrivals,\n", ImportedSource));
        var import = data.FindMigration("akmola", 2019, Flow.Internal, Measure.Arrivals)!.Source.Import;
        Assert.Equal(("arrived_2024.xlsx", "BnsSpreadsheet", "migration internal arrivals", 1, new DateTimeOffset(2026, 10, 1, 8, 30, 0, TimeSpan.Zero)),
            (import!.File, import.Format, import.Target, import.Rows, import.ImportedAt));
        Assert.Null(data.Sources["datathon-everything"].Import);
    }

    [Fact]
    public void Imported_provenance_must_be_complete()
    {
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(WithUser("", ImportedSource.Replace(",2026-10-01T08:30:00Z,", ",,", StringComparison.Ordinal))));
        Assert.Equal("user/sources.csv:2: field 'imported_at': missing value", e.Message);
    }

    [Fact]
    public void Is_validated_like_the_bundle()
    {
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(WithUser("akmola,2019,Jan-Dec,interregional,arrivals,-1,exact,,taldau-import,\n", TaldauSource)));
        Assert.StartsWith("user/migration.csv:2: field 'value'", e.Message);
    }

    [Fact]
    public void May_not_contradict_a_bundled_figure()
    {
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(WithUser("akmola,2019,Jan-Dec,all,balance,-99,exact,,datathon-everything,\n")));
        Assert.Equal("user/migration.csv:2: field 'value': contradicts data/migration.csv:2 (-100 there, -99 here) for the same key", e.Message);
    }

    [Fact]
    public void Repeating_a_bundled_figure_is_a_warning()
    {
        var data = WorkbenchData.Load(WithUser("akmola,2019,Jan-Dec,all,balance,-100,exact,,datathon-everything,\n"));
        Assert.Single(data.Migration);
        Assert.Equal("overlay-repeat", Assert.Single(data.Warnings).Rule);
    }
}
