using System.Text;
using KzMigration.Cli.Commands;
using KzMigration.Data;

namespace KzMigration.Tests.Data;

/// <summary>The sha256 that datapackage.json records for each table is verified on load (issue 10, item 3).</summary>
public class IntegrityTests
{
    private static string CopyOfData() => TestPaths.CopyOfBundle(TestPaths.Data, Path.Combine(TestPaths.TempFolder("integrity"), "data"));

    [Fact]
    public void A_hand_edited_bundled_figure_is_refused_naming_the_file_and_how_to_restore_it()
    {
        // The edit: Abai's 2022 wage with one more digit, well-formed, so every row-level rule passes.
        var data = CopyOfData();
        var path = Path.Combine(data, "socioeconomic.csv");
        var text = File.ReadAllText(path);
        Assert.Contains("\nabai,2022,avg_monthly_wage,258941,", text);
        File.WriteAllText(path, text.Replace("\nabai,2022,avg_monthly_wage,258941,", "\nabai,2022,avg_monthly_wage,2589410,", StringComparison.Ordinal), new UTF8Encoding(false));

        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(data));
        Assert.Equal("data/socioeconomic.csv", e.File);
        Assert.Contains("differs from the sha256 recorded in data/datapackage.json", e.Reason);
        Assert.Contains("git checkout -- data/socioeconomic.csv", e.Reason);
        Assert.Contains("kzmig data build", e.Reason);

        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, DataCommand.Check(data, output, error));
        Assert.StartsWith("error: data/socioeconomic.csv: content differs from the sha256", error.ToString());
        Assert.DoesNotContain("no warnings", output.ToString());
    }

    [Theory]
    [InlineData("migration.csv", "note")]
    [InlineData("regions.csv", "name_kk")]
    [InlineData("sources.csv", "note")]
    public void Every_table_is_covered(string file, string column)
    {
        // A free-text field edited: still valid line by line, but not the recorded file.
        var data = CopyOfData();
        var path = Path.Combine(data, file);
        var table = Csv.Parse(File.ReadAllText(path), file);
        var c = table.Column(column);
        var rows = table.Records.Select((r, i) => (IReadOnlyList<string>)r.Fields.Select((f, j) => i == 0 && j == c ? f + " (edited)" : f).ToList());
        File.WriteAllText(path, Csv.Format(table.Header, rows), new UTF8Encoding(false));
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(data));
        Assert.Equal($"data/{file}", e.File);
        Assert.Contains("sha256", e.Reason);
    }

    [Fact]
    public void A_descriptor_changed_in_place_is_read_again_and_what_was_read_cannot_be_changed_by_a_caller()
    {
        var data = CopyOfData();
        var first = PackageIntegrity.Read(data)!;
        var rows = first[DataTables.Migration.File].Rows!.Value;
        Assert.Same(first, PackageIntegrity.Read(data)); // the same bytes: the parse is reused
        Assert.False(first is IDictionary<string, PackageIntegrity.TableStats> { IsReadOnly: false }, "the shared stats can be changed through a cast");

        // The same folder, another descriptor: a row fewer recorded for migration.csv.
        var descriptor = Path.Combine(data, PackageIntegrity.Descriptor);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(descriptor))!;
        foreach (var resource in json["resources"]!.AsArray())
            if ((string?)resource!["path"] == DataTables.Migration.File) resource[DataPackageJson.Stats]!["rows"] = rows - 1;
        File.WriteAllText(descriptor, json.ToJsonString());
        Assert.Equal(rows - 1, PackageIntegrity.Read(data)![DataTables.Migration.File].Rows);
        var refused = Assert.Throws<DataFileException>(() => WorkbenchData.LoadBundle(data));
        Assert.Contains("rows were deleted, merged or added", refused.Message);
    }

    [Fact]
    public void Checkouts_that_change_only_line_ends_or_add_a_bom_still_match()
    {
        var data = CopyOfData();
        var path = Path.Combine(data, "socioeconomic.csv");
        var crlf = Encoding.UTF8.GetBytes(File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal));
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. crlf]);
        Assert.Equal(TestData.Data.Indicators.Count, WorkbenchData.Load(data).Indicators.Count);
    }

    [Fact]
    public void An_imported_overlay_is_verified_against_its_own_descriptor()
    {
        var data = CopyOfData();
        var user = Directory.CreateDirectory(Path.Combine(data, WorkbenchData.UserFolder)).FullName;
        File.WriteAllText(Path.Combine(user, "sources.csv"), string.Join(",", DataTables.Sources.Header) +
            "\nmine,https://stat.gov.kz,stat.gov.kz,BNS,my table,,,,,,,,\n");
        File.WriteAllText(Path.Combine(user, "migration.csv"), string.Join(",", DataTables.Migration.Header) +
            "\nakmola,2019,Jan-Dec,interregional,arrivals,12000,exact,,mine,\n");
        PackageIntegrity.WriteOverlayDescriptor(user);
        Assert.Equal(12000, WorkbenchData.Load(data).MigrationValue("akmola", 2019, KzMigration.Migration.Flow.Interregional, KzMigration.Migration.Measure.Arrivals));

        File.WriteAllText(Path.Combine(user, "migration.csv"), string.Join(",", DataTables.Migration.Header) +
            "\nakmola,2019,Jan-Dec,interregional,arrivals,12001,exact,,mine,\n");
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(data));
        Assert.Equal("user/migration.csv", e.File);
        Assert.Contains("differs from the sha256 recorded in user/datapackage.json", e.Reason);
        Assert.Contains("kzmig data import", e.Reason);

        // A table added by hand beside recorded ones is refused too.
        PackageIntegrity.WriteOverlayDescriptor(user);
        File.WriteAllText(Path.Combine(user, "socioeconomic.csv"), string.Join(",", DataTables.Socioeconomic.Header) + "\n");
        Assert.Contains("not recorded in user/datapackage.json", Assert.Throws<DataFileException>(() => WorkbenchData.Load(data)).Reason);
    }
}
