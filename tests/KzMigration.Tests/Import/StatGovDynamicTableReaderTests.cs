using KzMigration.Data.Import;
using KzMigration.Data;

namespace KzMigration.Tests.Import;

public class StatGovDynamicTableReaderTests
{
    [SampleFact]
    public void Reads_every_row_of_the_migration_balance_export()
    {
        var r = StatGovDynamicTableReader.Read(ImportFiles.Sample(ImportFiles.MigrationHead));
        Assert.Equal(OfficialFormat.StatGovDynamicTable, r.Format);
        Assert.Equal(111, r.Values.Count);
        Assert.Equal("Сальдо миграции по всем потокам", r.Metadata.Title);
        Assert.Equal("Человек", r.Metadata.Unit);
        Assert.Empty(r.Warnings);

        var national2000 = r.Values.Single(v => v.RegionName == "РЕСПУБЛИКА КАЗАХСТАН" && v.Year == 2000 && v.Dimensions["СПТМ (по каталогу)"] == "Всего");
        Assert.Equal(-108307, national2000.Value);
        Assert.Equal("-108 307", national2000.RawValue);
        Assert.Equal("Jan-Dec", national2000.PeriodCode);
        Assert.Equal(new[] { "СПТМ (по каталогу)", "КН", "СП" }, national2000.Dimensions.Keys);

        var ekibastuz = r.Values.Single(v => v.RegionName == "ЭКИБАСТУЗ Г.А." && v.Year == 2024);
        Assert.Equal((-1135d, 101), (ekibastuz.Value!.Value, ekibastuz.Line));
    }

    [SampleFact]
    public void Region_totals_keep_one_national_value_per_year_and_drop_districts_and_components()
    {
        var r = StatGovDynamicTableReader.Read(ImportFiles.Sample(ImportFiles.MigrationHead));
        var totals = RegionTotals.Select(r.Values);
        // The head holds region-level "Всего" rows only for the republic (Almaty and Жетісу appear as urban components).
        Assert.Equal(25, totals.Count);
        Assert.All(totals, v => Assert.Equal("РЕСПУБЛИКА КАЗАХСТАН", v.RegionName));
        Assert.Equal(9293, totals.Single(v => v.Year == 2023).Value);
        Assert.Equal(-21217, totals.Single(v => v.Year == 2021).Value);
        Assert.Equal(Enumerable.Range(2000, 25), totals.Select(v => v.Year).Order());
    }

    [SampleFact]
    public void Flags_the_grp_scale_errors_and_corrects_only_on_request()
    {
        var path = ImportFiles.Sample(ImportFiles.GrpHead);
        var flagged = StatGovDynamicTableReader.Read(path);
        var kzo2023 = flagged.Values.Single(v => v.RegionName == "КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ" && v.Year == 2023);
        Assert.True(kzo2023.ScaleSuspect);
        Assert.Equal(3071800000000, kzo2023.Value); // as printed: not silently fixed
        Assert.Equal(2, flagged.Values.Count(v => v.ScaleSuspect));
        Assert.Equal(2, flagged.Warnings.Count);
        Assert.Equal("Тысяч тенге казахских", flagged.Metadata.Unit);

        // §3.1's rule, with the caller's plausible maximum (thousand tenge per head).
        var corrected = StatGovDynamicTableReader.Read(path, new ImportOptions { PlausibleMaximum = 50_000, CorrectScale = true });
        var kzo2008 = corrected.Values.Single(v => v.RegionName == "КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ" && v.Year == 2008);
        Assert.Equal((1075.9, 1e6, "1 075 900 000.0"), (Math.Round(kzo2008.Value!.Value, 6), kzo2008.ScaleDivisor, kzo2008.RawValue));
        var fixed2023 = corrected.Values.Single(v => v.RegionName == "КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ" && v.Year == 2023);
        Assert.Equal((3071.8, 1e9), (Math.Round(fixed2023.Value!.Value, 6), fixed2023.ScaleDivisor));
        Assert.All(corrected.Values, v => Assert.True(v.ScaleSuspect));
    }

    [SampleFact]
    public void Reads_quarterly_unemployment_periods()
    {
        var r = StatGovDynamicTableReader.Read(ImportFiles.Sample(ImportFiles.UnemploymentHead));
        Assert.Equal(20, r.Values.Count);
        var q1 = r.Values.Single(v => v.RegionName == "Г.АЛМАТЫ" && v.PeriodEnd == new DateOnly(2023, 3, 31));
        Assert.Equal((4.9, "Jan-Mar", "1 квартал 2023 г."), (q1.Value!.Value, q1.PeriodCode, q1.PeriodLabel));
        var q2 = r.Values.Single(v => v.RegionName == "Г.АСТАНА" && v.PeriodEnd == new DateOnly(2025, 6, 30));
        Assert.Equal((4.3, "Apr-Jun"), (q2.Value!.Value, q2.PeriodCode));
        Assert.Equal(20, RegionTotals.Select(r.Values).Count);
    }

    [Fact]
    public void Fixture_with_bom_crlf_thin_space_districts_and_a_scale_error()
    {
        var r = StatGovDynamicTableReader.Read(ImportFiles.Fixture("statgov_migration_balance.csv"));
        Assert.Equal(10, r.Values.Count);
        Assert.Equal(-108307, r.Values[0].Value); // U+202F thousands separator
        Assert.Equal(-88162, r.Values[1].Value); // U+00A0
        var scale = Assert.Single(r.Values, v => v.ScaleSuspect);
        Assert.Equal((2003, 5), (scale.Year, scale.Line));
        Assert.Contains(r.Warnings, w => w.Location.StartsWith("statgov_migration_balance.csv:5") && w.Message.Contains("scale"));
        Assert.Equal(ValueKind.Missing, r.Values.Single(v => v.RegionName == "ОБЛАСТЬ ЖЕТІСУ").Kind);
        Assert.Equal(ValueKind.Confidential, r.Values.Single(v => v.RegionName == "Г.ШЫМКЕНТ").Kind);

        var totals = RegionTotals.Select(r.Values);
        Assert.Equal(["РЕСПУБЛИКА КАЗАХСТАН", "ОБЛАСТЬ ЖЕТІСУ", "Г.ШЫМКЕНТ"], totals.Select(v => v.RegionName).Distinct());
        Assert.Equal(6, totals.Count);
    }

    [Fact]
    public void Malformed_value_fails_with_file_line_and_field()
    {
        var e = Assert.Throws<ImportFormatException>(() => StatGovDynamicTableReader.Read(ImportFiles.Fixture("statgov_malformed.csv")));
        Assert.Equal(("statgov_malformed.csv:4", "VAL"), (e.Location, e.Field));
        Assert.Contains("-62,012", e.Message);
    }

    [Theory]
    [InlineData("\"NAM\"\t\"DAT\"\t\"PERIOD\"\t\"КАТО(по каталогу)\"\t\"LКАТО(по каталогу)\"\t\"VAL\"\n\"A(Человек)\"\t\"2019 год\"\t\"201912\"\t\"Г.АЛМАТЫ\"\t\"0\"\n", 2, "line")]
    [InlineData("\"NAM\"\t\"DAT\"\t\"PERIOD\"\t\"КАТО(по каталогу)\"\t\"LКАТО(по каталогу)\"\t\"VAL\"\n\"A(Человек)\"\t\"2019 год\"\t\"201913\"\t\"Г.АЛМАТЫ\"\t\"0\"\t\"1\"\n", 2, "PERIOD")]
    [InlineData("\"NAM\"\t\"DAT\"\t\"PERIOD\"\t\"КАТО(по каталогу)\"\t\"LКАТО(по каталогу)\"\t\"VAL\"\n\"A(Человек)\"\t\"2019 год\"\t\"201906\"\t\"Г.АЛМАТЫ\"\t\"0\"\t\"1\"\n", 2, "DAT")]
    [InlineData("\"NAM\"\t\"DAT\"\t\"PERIOD\"\t\"КАТО(по каталогу)\"\t\"X\"\t\"VAL\"\n", 1, "header column 5")]
    [InlineData("\"NAM\"\t\"DAT\"\t\"PERIOD\"\t\"КАТО(по каталогу)\"\t\"LКАТО(по каталогу)\"\t\"VAL\"\n\"A(Человек)\"\t\"2019 год\"\t\"201912\"\t\"Г.АЛМАТЫ\"\t\"0\"\t\"1\"\n\n\"A(Человек)\"\t\"2020 год\"\t\"202012\"\t\"Г.АЛМАТЫ\"\t\"0\"\t\"2\"\n", 3, "line")]
    public void Malformed_rows_fail_with_their_line(string content, int line, string field)
    {
        var path = Path.Combine(ImportFiles.TempDirectory(), "export.csv");
        File.WriteAllText(path, content);
        var e = Assert.Throws<ImportFormatException>(() => StatGovDynamicTableReader.Read(path));
        Assert.Equal(($"export.csv:{line}", field), (e.Location, e.Field));
    }

    [Fact]
    public void Duplicate_region_totals_are_an_error()
    {
        var path = Path.Combine(ImportFiles.TempDirectory(), "dup.csv");
        File.WriteAllText(path, "\"NAM\"\t\"DAT\"\t\"PERIOD\"\t\"КАТО(по каталогу)\"\t\"LКАТО(по каталогу)\"\t\"VAL\"\n" +
                                "\"A(Человек)\"\t\"2019 год\"\t\"201912\"\t\"Г.АЛМАТЫ\"\t\"0\"\t\"1\"\n" +
                                "\"A(Человек)\"\t\"2019 год\"\t\"201912\"\t\"Г.АЛМАТЫ\"\t\"0\"\t\"2\"\n");
        var values = StatGovDynamicTableReader.Read(path).Values;
        var e = Assert.Throws<ImportFormatException>(() => RegionTotals.Select(values));
        Assert.StartsWith("dup.csv:3", e.Location);
        Assert.Contains("dup.csv:2", e.Message);
    }

    [Theory]
    [InlineData("РЕСПУБЛИКА КАЗАХСТАН", true)]
    [InlineData("АКМОЛИНСКАЯ ОБЛАСТЬ", true)]
    [InlineData("ОБЛАСТЬ ҰЛЫТАУ", true)]
    [InlineData("Г.АЛМАТЫ", true)]
    [InlineData("Г.А.АЛАТАУ", false)]
    [InlineData("ЭКИБАСТУЗ Г.А.", false)]
    [InlineData("АУЭЗОВСКИЙ РАЙОН", false)]
    [InlineData("РАЙОН ТЕРЕҢКӨЛ", false)]
    public void Recognises_region_level_names(string name, bool regionLevel) =>
        Assert.Equal(regionLevel, RegionTotals.IsRegionLevel(name));
}
