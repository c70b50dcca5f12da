using KzMigration.Data.Import;
using KzMigration.Data;

namespace KzMigration.Tests.Import;

public class TaldauJsonReaderTests
{
    private static ImportResult Fixture() =>
        TaldauJsonReader.Read(ImportFiles.Fixture("taldau_grp_per_capita.json"), new ImportOptions { IndicatorId = "2709380" });

    private static ImportedValue Value(ImportResult r, string region, int year, int nth = 0) =>
        r.Values.Where(v => v.RegionName == region && v.Year == year).ElementAt(nth);

    [Fact]
    public void Reads_slices_with_bom_extra_keys_and_unsorted_periods()
    {
        var r = Fixture();
        Assert.Equal(OfficialFormat.TaldauIndexData, r.Format);
        Assert.Equal(10, r.Values.Count);
        var kzo2008 = Value(r, "КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ", 2008);
        Assert.Equal(1075900, kzo2008.Value); // = 1075.9 thousand tenge in the BNS xlsx (FORMATS.md §2.7)
        Assert.Equal("2008 год", kzo2008.PeriodLabel);
        Assert.Equal("Jan-Dec", kzo2008.PeriodCode);
        Assert.Equal(new DateOnly(2008, 12, 31), kzo2008.PeriodEnd);
        Assert.Equal("2709380", kzo2008.IndicatorId);
        Assert.Equal("260099", kzo2008.Dimensions[TaldauJsonReader.TermIdsKey]);
        Assert.Equal(17, kzo2008.Line);
        Assert.Equal([2019, 2008, 2021], r.Values.Where(v => v.RegionName == "РЕСПУБЛИКА КАЗАХСТАН").Select(v => v.Year));
    }

    [Fact]
    public void Keeps_confidential_and_missing_cells_with_their_raw_text()
    {
        var r = Fixture();
        Assert.Equal((ValueKind.Confidential, (double?)null, "x"), Kind(Value(r, "КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ", 2020)));
        Assert.Equal((ValueKind.Missing, (double?)null, "-"), Kind(Value(r, "КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ", 2021)));
        Assert.Equal((ValueKind.Missing, (double?)null, ""), Kind(Value(r, "КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ", 2022)));
        static (ValueKind, double?, string) Kind(ImportedValue v) => (v.Kind, v.Value, v.RawValue);
    }

    [Fact]
    public void Keeps_both_slices_with_identical_term_names_and_warns_when_they_disagree()
    {
        var r = Fixture();
        Assert.Equal([187600d, 187601d], r.Values.Where(v => v.RegionName == "ЮЖНО-КАЗАХСТАНСКАЯ ОБЛАСТЬ").Select(v => v.Value!.Value));
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("slice [2]", warning.Message);
        Assert.StartsWith("taldau_grp_per_capita.json:31", warning.Location);
    }

    [Fact]
    public void Malformed_value_fails_with_file_line_and_field()
    {
        var e = Assert.Throws<ImportFormatException>(() => TaldauJsonReader.Read(ImportFiles.Fixture("taldau_malformed.json")));
        Assert.Equal("taldau_malformed.json:7", e.Location);
        Assert.Equal("[0].periods[1].value", e.Field);
        Assert.Contains("3 766 800", e.Message);
    }

    [Fact]
    public void Syntax_errors_name_the_line()
    {
        var dir = ImportFiles.TempDirectory();
        var path = Path.Combine(dir, "broken.json");
        File.WriteAllText(path, "[\n  {\"terms\": [1],\n   \"termNames\": [\"A\"]\n   \"periods\": []}\n]");
        var e = Assert.Throws<ImportFormatException>(() => TaldauJsonReader.Read(path));
        Assert.Equal("broken.json:4", e.Location);
    }

    [Fact]
    public void Bad_date_fails_with_field()
    {
        var dir = ImportFiles.TempDirectory();
        var path = Path.Combine(dir, "date.json");
        File.WriteAllText(path, "[{\"terms\":[1],\"termNames\":[\"A\"],\n\"periods\":[{\"name\":\"2019 год\",\"date\":\"2019-12-31\",\"value\":\"1\"}]}]");
        var e = Assert.Throws<ImportFormatException>(() => TaldauJsonReader.Read(path));
        Assert.Equal(("date.json:2", "[0].periods[0].date"), (e.Location, e.Field));
    }

    [SampleFact]
    public void Reads_the_saved_GetIndexTreeData_response()
    {
        var r = TaldauJsonReader.Read(ImportFiles.Sample(ImportFiles.AgricultureTree), new ImportOptions { IndicatorId = "701189" });
        Assert.Equal(OfficialFormat.TaldauIndexTree, r.Format);
        Assert.Equal(16, r.Values.Count);
        var v2020 = r.Values.Single(v => v.Year == 2020);
        Assert.Equal("РЕСПУБЛИКА КАЗАХСТАН", v2020.RegionName);
        Assert.Equal(6334668832923.03, v2020.Value);
        Assert.Equal("Jan-Dec", v2020.PeriodCode);
        Assert.Equal(Enumerable.Range(2010, 16), r.Values.Select(v => v.Year));
    }
}
