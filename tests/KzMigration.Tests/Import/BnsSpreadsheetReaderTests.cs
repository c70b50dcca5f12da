using System.IO.Compression;
using KzMigration.Data.Import;
using KzMigration.Data;

namespace KzMigration.Tests.Import;

public class BnsSpreadsheetReaderTests
{
    private static ImportedValue Cell(ImportResult r, string sheet, string region, string period) =>
        r.Values.Single(v => v.Sheet == sheet && v.RegionName == region && v.PeriodLabel == period);

    [SampleFact]
    public void Reads_the_doctors_xls_biff8()
    {
        var r = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.DoctorsXls));
        Assert.Equal(OfficialFormat.BnsSpreadsheet, r.Format);
        Assert.Equal("Численность врачей всех специальностей", r.Metadata.Title); // "*" footnote stripped
        Assert.Equal("на конец года, человек", r.Metadata.Unit);
        Assert.Equal(21 * 20, r.Values.Count); // 21 regions × 2003–2022; the footnote lines are not rows

        const string sheet = "Численность врачей";
        Assert.Equal(54613, Cell(r, sheet, "Республика Казахстан", "2003").Value);
        Assert.Equal(79409, Cell(r, sheet, "Республика Казахстан", "2022").Value);
        var turkestan = Cell(r, sheet, "Туркестанская", "2015");
        Assert.Equal((8795d, "**", "N21"), (turkestan.Value!.Value, turkestan.Footnote, turkestan.Location[^3..]));
        Assert.Equal("Jan-Dec", turkestan.PeriodCode);
        var shymkent2017 = Cell(r, sheet, "город Шымкент", "2017");
        Assert.Equal((ValueKind.Missing, "-"), (shymkent2017.Kind, shymkent2017.RawValue));
        Assert.Equal(4015, Cell(r, sheet, "город Шымкент", "2018").Value);
        Assert.Equal((ValueKind.Missing, ""), (Cell(r, sheet, "Абай", "2021").Kind, Cell(r, sheet, "Абай", "2021").RawValue));
        Assert.Equal(2702, Cell(r, sheet, "Абай", "2022").Value);
    }

    [SampleFact]
    public void Reads_grp_per_capita_year_to_date_headers_and_footnotes()
    {
        var r = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.GrpXlsx), new ImportOptions { Sheet = "тыс.тенге" });
        Assert.Equal("Валовой региональный продукт на душу населения", r.Metadata.Title);
        Assert.Equal("тыс.тенге", r.Metadata.Unit);
        Assert.Equal(22 * 63, r.Values.Count);

        Assert.Equal(1075.9, Cell(r, "тыс.тенге", "Кызылординская", "2008 год").Value); // taldau 2709380: 1 075 900 tenge
        Assert.Equal(3901.1, Cell(r, "тыс.тенге", "Абай", "2022 год").Value);
        var q1 = Cell(r, "тыс.тенге", "Республика Казахстан", "I квартал 2008 года");
        Assert.Equal((205.6, "Jan-Mar"), (q1.Value!.Value, q1.PeriodCode));
        var nine = r.Values.First(v => v.PeriodLabel == "9 месяцев 2019 года3)");
        Assert.Equal(("Jan-Sep", new DateOnly(2019, 9, 30)), (nine.PeriodCode, nine.PeriodEnd));
        var turkestan = r.Values.First(v => v.RegionName == "Туркестанская");
        Assert.Equal("2)", turkestan.Footnote);
        Assert.Contains(r.Values, v => v.RegionName == "Актюбинская"); // trailing space trimmed
        Assert.Equal(ValueKind.Missing, Cell(r, "тыс.тенге", "Абай", "2021 год").Kind);
    }

    [SampleFact]
    public void Reads_both_grp_sheets_and_warns_about_their_units()
    {
        var r = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.GrpXlsx));
        Assert.Equal(["тыс.тенге", "в долларах США"], r.Values.Select(v => v.Sheet).Distinct());
        Assert.Null(r.Metadata.Unit);
        Assert.Contains(r.Warnings, w => w.Message.Contains("different units"));
        Assert.Equal("долл. США", r.Values.Last().Unit);
        Assert.Equal(8513.5, Cell(r, "в долларах США", "Республика Казахстан", "2008 год").Value);
    }

    [SampleFact]
    public void Reads_unemployment_with_years_merged_over_quarters()
    {
        var r = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.UnemploymentXlsx));
        Assert.Equal(("Unemployment rate", "in percent"), (r.Metadata.Title, r.Metadata.Unit));
        Assert.Equal(22 * 23 * 5, r.Values.Count);
        var v = r.Values.Single(x => x.RegionName == "Republic of Kazakhstan" && x.Year == 2001 && x.PeriodCode == "Jan-Mar");
        Assert.Equal((12.7, "2001 I quarter", "B6"), (v.Value!.Value, v.PeriodLabel, v.Column + v.Line));
        Assert.Equal(10.4, r.Values.Single(x => x.RegionName == "Republic of Kazakhstan" && x.Year == 2001 && x.PeriodCode == "Jan-Dec").Value);
        Assert.Equal(5.0, r.Values.Single(x => x.RegionName == "Abai" && x.Year == 2022 && x.PeriodCode == "Jan-Dec").Value);
        var abai2001 = r.Values.Single(x => x.RegionName == "Abai" && x.Year == 2001 && x.PeriodCode == "Jan-Dec");
        Assert.Equal((ValueKind.Missing, "-"), (abai2001.Kind, abai2001.RawValue));
        var shymkent = r.Values.Single(x => x.RegionName == "Shimkent city" && x.Year == 2023 && x.PeriodCode == "Oct-Dec");
        Assert.Equal((4.9, "3)"), (shymkent.Value!.Value, shymkent.Footnote));
        Assert.All(r.Values.Where(x => x.Year == 2023 && x.PeriodCode == "Jan-Dec"), x => Assert.Equal(ValueKind.Missing, x.Kind));
    }

    [SampleFact]
    public void Reads_the_population_bulletin_by_category_on_its_reference_date()
    {
        var r = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.PopulationXlsx), new ImportOptions { Sheet = "01" });
        Assert.Equal("человек", r.Metadata.Unit);
        Assert.Equal(21 * 9, r.Values.Count);
        var abai = r.Values.Single(v => v.RegionName == "Абай" && v.Dimensions[BnsSpreadsheetReader.ColumnLabelKey] == "Все население");
        Assert.Equal((610189d, "1 Jan", 2023), (abai.Value!.Value, abai.PeriodCode, abai.Year));
        Assert.Equal(19765004, r.Values.First(v => v.RegionName == "Қазақстан Республикасы").Value);
        var astanaRural = r.Values.Single(v => v.RegionName == "Астана қаласы" && v.Column == "H");
        Assert.Equal((ValueKind.Missing, "сельское население"), (astanaRural.Kind, astanaRural.Dimensions[BnsSpreadsheetReader.ColumnLabelKey]));
    }

    [SampleFact]
    public void Skips_the_population_bulletins_cover_and_contents_and_its_sign_off_block()
    {
        var r = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.PopulationXlsx));
        Assert.Equal(["01", "02", "03"], r.Values.Select(v => v.Sheet).Distinct());
        Assert.Equal(3, r.Warnings.Count(w => w.Message.Contains("sheet skipped")));
        Assert.DoesNotContain(r.Values, v => v.RegionName.StartsWith("№") || v.RegionName.StartsWith("Жауапты"));
    }

    [SampleFact]
    public void Month_tables_need_a_year_and_then_read_arrivals_departures_and_net()
    {
        var e = Assert.Throws<ImportFormatException>(() => BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.Arrived2024)));
        Assert.EndsWith("[Sheet1]!B1", e.Location);
        Assert.Contains("--year", e.Message);

        var options = new ImportOptions { Year = 2024 };
        var arrived = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.Arrived2024), options);
        var left = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.Left2024), options);
        var net = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.Net2024), options);
        Assert.Equal(20 * 12, arrived.Values.Count);
        var a = arrived.Values.Single(v => v.RegionName == "Abay" && v.PeriodCode == "Jan");
        Assert.Equal((2636d, new DateOnly(2024, 1, 31)), (a.Value!.Value, a.PeriodEnd));
        Assert.Equal(3569, left.Values.Single(v => v.RegionName == "Abay" && v.PeriodCode == "Jan").Value);
        Assert.Equal(-933, net.Values.Single(v => v.RegionName == "Abay" && v.PeriodCode == "Jan").Value);
        // net = arrivals − departures, cell by cell (FORMATS.md §3.4)
        Assert.All(net.Values.Zip(arrived.Values, left.Values), t => Assert.Equal(t.First.Value, t.Second.Value - t.Third.Value));
    }

    [SampleFact]
    public void A_text_cell_in_the_table_fails_with_sheet_and_cell()
    {
        var path = CopySample(ImportFiles.Arrived2024);
        ReplaceInEntry(path, "xl/worksheets/sheet1.xml", "<c r=\"C3\" s=\"4\"><v>3707</v></c>", "<c r=\"C3\" t=\"inlineStr\"><is><t>37o7</t></is></c>");
        var e = Assert.Throws<ImportFormatException>(() => BnsSpreadsheetReader.Read(path, new ImportOptions { Year = 2024 }));
        Assert.Equal(($"{Path.GetFileName(path)}[Sheet1]!C3", "value"), (e.Location, e.Field));
        Assert.Contains("37o7", e.Message);
    }

    [SampleFact]
    public void A_truncated_workbook_fails_with_a_clear_error()
    {
        var path = CopySample(ImportFiles.DoctorsXls);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        var e = Assert.Throws<ImportFormatException>(() => BnsSpreadsheetReader.Read(path));
        Assert.Equal((Path.GetFileName(path), "workbook"), (e.Location, e.Field));
    }

    [SampleFact]
    public void Unknown_sheet_lists_the_sheets()
    {
        var e = Assert.Throws<ImportFormatException>(() => BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.GrpXlsx), new ImportOptions { Sheet = "USD" }));
        Assert.Contains("'тыс.тенге', 'в долларах США'", e.Message);
    }

    private static string CopySample(string name)
    {
        var path = Path.Combine(ImportFiles.TempDirectory(), name);
        File.Copy(ImportFiles.Sample(name), path);
        return path;
    }

    private static void ReplaceInEntry(string zipPath, string entryName, string from, string to)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        var entry = zip.GetEntry(entryName)!;
        string xml;
        using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
        Assert.Contains(from, xml);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
        writer.Write(xml.Replace(from, to));
    }
}
