using KzMigration.Data.Import;
using KzMigration.Data;

namespace KzMigration.Tests.Import;

public class OfficialFileReaderTests
{
    [SampleTheory]
    [InlineData(ImportFiles.MigrationHead, OfficialFormat.StatGovDynamicTable, 111)]
    [InlineData(ImportFiles.GrpHead, OfficialFormat.StatGovDynamicTable, 40)]
    [InlineData(ImportFiles.UnemploymentHead, OfficialFormat.StatGovDynamicTable, 20)]
    [InlineData(ImportFiles.AgricultureTree, OfficialFormat.TaldauIndexTree, 16)]
    [InlineData(ImportFiles.GrpXlsx, OfficialFormat.BnsSpreadsheet, 2 * 22 * 63)]
    [InlineData(ImportFiles.UnemploymentXlsx, OfficialFormat.BnsSpreadsheet, 22 * 23 * 5)]
    [InlineData(ImportFiles.DoctorsXls, OfficialFormat.BnsSpreadsheet, 21 * 20)]
    public void Chooses_the_reader_by_content(string sample, OfficialFormat format, int values)
    {
        var r = OfficialFileReader.Read(ImportFiles.Sample(sample));
        Assert.Equal((format, values), (r.Format, r.Values.Count));
    }

    [SampleTheory]
    [InlineData(ImportFiles.FlattenedIncome, "comma-separated text starting 'region,date,value'")]
    [InlineData(ImportFiles.FlattenedGrp, "comma-separated text starting 'city,date,value'")]
    [InlineData(ImportFiles.AgricultureManifest, "a JSON object")]
    public void Rejects_re_processed_files_and_manifests_clearly(string sample, string found)
    {
        var e = Assert.Throws<ImportFormatException>(() => OfficialFileReader.Read(ImportFiles.Sample(sample)));
        Assert.Equal(($"{sample}:1", "format"), (e.Location, e.Field));
        Assert.Contains("not an official file format", e.Message);
        Assert.Contains(found, e.Message);
    }

    [Theory]
    [InlineData("taldau_grp_per_capita.json", OfficialFormat.TaldauIndexData)]
    [InlineData("statgov_migration_balance.csv", OfficialFormat.StatGovDynamicTable)]
    public void Sniffs_the_fixtures(string fixture, OfficialFormat format) =>
        Assert.Equal(format, OfficialFileReader.Sniff(ImportFiles.Fixture(fixture)));

    [Fact]
    public void Empty_and_missing_files_are_clear_errors()
    {
        var empty = Path.Combine(ImportFiles.TempDirectory(), "empty.csv");
        File.WriteAllText(empty, "");
        Assert.Contains("an empty file", Assert.Throws<ImportFormatException>(() => OfficialFileReader.Read(empty)).Message);
        Assert.Throws<FileNotFoundException>(() => OfficialFileReader.Read(empty + ".absent"));
    }
}
