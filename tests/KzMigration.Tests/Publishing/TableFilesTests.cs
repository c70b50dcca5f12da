using System.Globalization;
using System.Security.Cryptography;
using ExcelDataReader;
using KzMigration;
using KzMigration.Outputs;
using Microsoft.Data.Analysis;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Tests.Publishing;

public class TableFilesTests
{
    private static DataFrame Sample() => new(
        new StringDataFrameColumn("region", ["=HYPERLINK(\"http://x\")", "+1", "-2 (low)", "@SUM(A1)", "Астана", "plain"]),
        new DoubleDataFrameColumn("balance", [-5.5, 1, null, 0, 33798, 2.25]));

    private static readonly TableMetadata Meta = new("Test table") { Units = new Dictionary<string, string> { ["balance"] = "persons" }, Sources = ["https://example.org/source"], Notes = ["line one\nline two"] };

    [Fact]
    public void Csv_neutralises_formula_text_but_keeps_negative_numbers_and_missing_empty()
    {
        var csv = TableFiles.ToCsv(Sample(), Meta);
        var lines = csv.Split('\n');
        // The header is the first line: title, units, sources and notes are in the data package and the XLSX, not here.
        Assert.Equal("region,balance", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",-5.5", lines[1]);
        Assert.Equal("'+1,1", lines[2]);
        Assert.Equal("'-2 (low),", lines[3]); // missing balance stays empty, never 0
        Assert.Equal("'@SUM(A1),0", lines[4]);
        Assert.Equal("Астана,33798", lines[5]);
        Assert.DoesNotContain(lines, l => l.StartsWith('#'));
    }

    [Fact]
    public void Csv_file_has_no_byte_order_mark_so_analysis_tools_read_the_first_column_name_as_written()
    {
        var path = Path.Combine(TestPaths.TempFolder("csv-bom"), "t.csv");
        TableFiles.WriteCsv(path, Sample(), Meta);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("region,", System.Text.Encoding.ASCII.GetString(bytes, 0, 7));
        Assert.Equal("Астана", System.Text.Encoding.UTF8.GetString(bytes).Split('\n')[5].Split(',')[0]);
    }

    [Fact]
    public void Fields_describe_the_header_with_types_units_and_descriptions()
    {
        var table = new DataFrame(
            new StringDataFrameColumn("region", ["a"]),
            new DoubleDataFrameColumn("balance A − D", [1.5]),
            new Int32DataFrameColumn("year", [2022]),
            new BooleanDataFrameColumn("complete", [true]));
        var meta = new TableMetadata("t")
        {
            Units = new Dictionary<string, string> { ["balance A − D"] = "persons" },
            Descriptions = new Dictionary<string, string> { ["balance A − D"] = "arrivals − departures" },
        };
        var fields = TableFiles.Fields(table, meta);
        Assert.Equal(TableFiles.ToCsv(table, meta).Split('\n')[0], string.Join(',', fields.Select(f => f.Name)));
        Assert.Equal(["string", "number", "integer", "boolean"], fields.Select(f => f.Type));
        Assert.Equal(new PublishedField("balance A - D", "number", "persons", "arrivals − departures"), fields[1]);
        Assert.Null(fields[0].Unit);
    }

    [Fact]
    public void Csv_is_the_same_under_any_culture()
    {
        var invariant = TableFiles.ToCsv(Sample(), Meta);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "ru-RU", "kk-KZ", "tr-TR" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                Assert.Equal(invariant, TableFiles.ToCsv(Sample(), Meta));
            }
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void Xlsx_is_deterministic_typed_and_readable()
    {
        var dir = TestPaths.TempFolder("xlsx");
        var a = Path.Combine(dir, "a.xlsx");
        var b = Path.Combine(dir, "b.xlsx");
        TableFiles.WriteXlsx(a, Sample(), Meta);
        Thread.Sleep(1100); // a different clock second must not change the bytes
        TableFiles.WriteXlsx(b, Sample(), Meta);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(a)), SHA256.HashData(File.ReadAllBytes(b)));

        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // ExcelDataReader needs cp1252
        using var stream = File.OpenRead(a);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        Assert.Equal("table", reader.Name);
        reader.Read();
        Assert.Equal("balance [persons]", reader.GetValue(1));
        reader.Read();
        Assert.Equal("'=HYPERLINK(\"http://x\")", reader.GetValue(0));
        Assert.Equal(-5.5, reader.GetDouble(1));
        reader.Read();
        reader.Read();
        Assert.Null(reader.GetValue(1)); // missing stays empty
        reader.NextResult();
        Assert.Equal("about", reader.Name);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("Fig1")]
    [InlineData("")]
    [InlineData("..")]
    public void Output_names_cannot_leave_the_output_folder(string id) =>
        Assert.Throws<ArgumentException>(() => OutputName.PathIn(TestPaths.TempFolder("names"), id, ".csv"));

    [Fact]
    public void Valid_output_name_stays_inside()
    {
        var dir = TestPaths.TempFolder("names");
        Assert.Equal(Path.Combine(dir, "fig1-balance-2022.csv"), OutputName.PathIn(dir, "fig1-balance-2022", ".csv"));
    }
}

public class SvgCanonicalTests
{
    [Fact]
    public void Root_attribute_order_does_not_change_the_bytes()
    {
        var a = KzMigration.Publishing.FigureImages.CanonicalRoot("<svg class=\"main-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" style=\"\" viewBox=\"0 0 10 5\"><rect/></svg>");
        var b = KzMigration.Publishing.FigureImages.CanonicalRoot("<svg class=\"main-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" viewBox=\"0 0 10 5\" style=\"\"><rect/></svg>");
        Assert.Equal(a, b);
        Assert.Equal("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"main-svg\" viewBox=\"0 0 10 5\" width=\"10\"><rect/></svg>", a);
    }
}

public class TableHeaderTests
{
    [Fact]
    public void Headers_are_ascii_formulas_go_to_descriptions_and_dashes_are_missing()
    {
        var table = new DataFrame(
            new StringDataFrameColumn("Housing price per m², %", ["a", "—"]),
            new DoubleDataFrameColumn("balance A − D", [1.0, null]));
        var csv = TableFiles.ToCsv(table, new TableMetadata("t")
        {
            Units = new Dictionary<string, string> { ["balance A − D"] = "persons" },
            Descriptions = new Dictionary<string, string> { ["balance A − D"] = "arrivals − departures" },
        });
        var lines = csv.Split('\n');
        Assert.Equal("\"Housing price per m2, %\",balance A - D", lines[0]); // units and the formula are in the schema
        Assert.DoesNotContain(lines, l => l.StartsWith('#'));
        Assert.Contains(",", lines); // the dash and the null are both empty
        Assert.Equal("m2 -> x <= y", TableFiles.Ascii("m² → x ≤ y"));
    }
}
