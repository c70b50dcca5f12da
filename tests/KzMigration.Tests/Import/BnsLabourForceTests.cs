using System.CommandLine;
using KzMigration.Data;
using KzMigration.Data.Import;

namespace KzMigration.Tests.Import;

/// <summary>
/// BNS files as BNS publishes them (issue 10, «Imports of real official files»): the labour-force tables import with
/// their unit spellings mapped, their footnoted Turkestan/Shymkent 2010–2017 estimates kept as estimates (or skipped
/// on request), errors naming the input cell; footnote marks glued to numbers; a BIFF .xls under an .xlsx name.
/// </summary>
public class BnsLabourForceTests
{
    private const string Unemployed = "Harakirigi_statGovParser__Unemployed_population.xlsx";
    private const string LabourForce = "Harakirigi_statGovParser__Labour_force.xlsx";
    private const string Housing = "Harakirigi_statGovParser__Housing_market_prices.xlsx";

    private static string CopyOfData() => TestPaths.CopyOfBundle(TestPaths.Data, Path.Combine(ImportFiles.TempDirectory(), "data"));

    private static (int Exit, string Out, string Err) Kzmig(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = KzMigration.Cli.Cli.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Unemployed_population_imports_with_its_unit_and_the_footnoted_estimates()
    {
        var data = CopyOfData();
        var (exit, output, error) = Kzmig("data", "import", ImportFiles.Fixture(Unemployed), "--indicator", "unemployed", "--kind", "count", "--data", data);
        Assert.True(exit == 0, error);
        Assert.Contains("16 rows are footnoted estimates", output);

        var loaded = WorkbenchData.Load(data);
        Assert.Equal("thousand persons", loaded.IndicatorDefinitions["unemployed"].Unit); // printed «thousands persons»
        // Turkestan and Shymkent 2010–2017: BNS estimates on the 2018 territory, with the footnote as the note.
        foreach (var key in new[] { "turkestan", "shymkent-city" })
            for (var year = 2010; year <= 2017; year++)
            {
                var value = loaded.FindIndicator(key, year, "unemployed");
                Assert.NotNull(value);
                Assert.Equal((Status.Estimate, KzMigration.Regions.BoundaryEra.Era2018), (value.Status, value.Boundaries));
                Assert.Contains("3) in the source: Data for the Turkestan region and the city of Shymkent from 2010 to 2017 estimates based on data from SKO", value.Note);
            }
        Assert.Equal(48.089, loaded.FindIndicator("turkestan", 2010, "unemployed")!.Value); // AY22
        Assert.Equal(Status.Exact, loaded.FindIndicator("turkestan", 2019, "unemployed")!.Status);
        Assert.Equal(0, Kzmig("data", "check", "--data", data).Exit);
    }

    [Fact]
    public void Footnoted_estimates_can_be_left_out_explicitly()
    {
        var data = CopyOfData();
        var (exit, output, error) = Kzmig("data", "import", ImportFiles.Fixture(LabourForce), "--indicator", "labour_force", "--kind", "count", "--skip-estimates", "--data", data);
        Assert.True(exit == 0, error);
        Assert.Contains("skipped 16 footnoted estimates", output);
        var loaded = WorkbenchData.Load(data);
        Assert.DoesNotContain(loaded.IndicatorValues("labour_force"), v => v.Region.Key is "turkestan" or "shymkent-city" && v.Year < 2018);
        Assert.Contains(loaded.IndicatorValues("labour_force"), v => v.Region.Key == "akmola" && v.Year == 2015);
    }

    [SampleFact]
    public void The_unemployment_rate_in_percent_maps_onto_the_bundled_indicator()
    {
        var data = CopyOfData();
        var (exit, _, error) = Kzmig("data", "import", ImportFiles.Sample(ImportFiles.UnemploymentXlsx), "--indicator", "unemployment_rate", "--data", data);
        Assert.True(exit == 0, error); // «in percent» is the bundled «% of labour force»; no --unit needed
        var loaded = WorkbenchData.Load(data);
        Assert.All(loaded.IndicatorValues("unemployment_rate"), v => Assert.Equal("% of labour force", v.Indicator.Unit));
        Assert.Contains(loaded.IndicatorValues("unemployment_rate"), v => v.Year == 2005 && v.Source.Import is not null);
    }

    [Fact]
    public void A_unit_of_another_size_is_refused_and_an_unknown_spelling_gets_the_exact_unit_option()
    {
        var data = CopyOfData();
        // Thousands of persons are not persons: no silent rescaling.
        var (exit, _, error) = Kzmig("data", "import", ImportFiles.Fixture(LabourForce), "--indicator", "job_seekers", "--data", data);
        Assert.Equal(2, exit);
        Assert.Contains("is in 'thousands persons' (thousand persons), but 'job_seekers' is in 'persons'", error);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));

        // A spelling the workbench does not know: the message proposes the exact --unit.
        var result = BnsSpreadsheetReader.Read(ImportFiles.Fixture(Unemployed));
        var odd = result with { Values = [.. result.Values.Select(v => v with { Unit = "in per mille of something" })] };
        var e = Assert.Throws<ImportUsageException>(() => OverlayImport.Run(new OverlayImportRequest(odd, new IndicatorTarget("unemployment_rate"), data)));
        Assert.Equal($"{Unemployed}[Regions_quarter] prints the unit 'in per mille of something', not a known spelling of '% of labour force' (the unit of 'unemployment_rate'); if it is the same unit, pass --unit '% of labour force'", e.Message);
    }

    [Fact]
    public void A_value_for_a_region_before_it_existed_without_a_footnote_is_refused_naming_the_cell()
    {
        var data = CopyOfData();
        var result = BnsSpreadsheetReader.Read(ImportFiles.Fixture(Unemployed));
        var unexplained = result with { Values = [.. result.Values.Select(v => v with { Footnote = null })] };
        var e = Assert.Throws<ImportFormatException>(() =>
            OverlayImport.Run(new OverlayImportRequest(unexplained, new IndicatorTarget("unemployed"), data) { NewIndicatorKind = "count" }));
        Assert.Equal(($"{Unemployed}[Regions_quarter]!AY22", "region"), (e.Location, e.Field));
        Assert.Contains("did not exist in 2010", e.Message);
        Assert.DoesNotContain("user/socioeconomic.csv", e.Message);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    [Fact]
    public void A_row_the_data_layer_refuses_is_reported_at_its_input_cell()
    {
        // Net migration (negative) declared as a count: the loader refuses the row; the message names the input line.
        var data = CopyOfData();
        var (exit, _, error) = Kzmig("data", "import", ImportFiles.Fixture("statgov_migration_balance.csv"), "--indicator", "net_count", "--kind", "count", "--unit", "persons", "--data", data);
        Assert.Equal(2, exit);
        Assert.StartsWith("statgov_migration_balance.csv:2 (VAL): value: 'net_count' (count) cannot be negative", error);
        Assert.Contains("(as user/socioeconomic.csv:2 it would be written)", error);
    }

    [Theory]
    [InlineData("160 0005)", new string[0], 160000, "5)")]
    [InlineData("140 9984)", new string[0], 140998, "4)")]
    [InlineData("4821971)", new[] { "1)", "2)", "3)", "4)" }, 482197, "1)")]
    [InlineData("4821971)", new string[0], 482197, "1)")]
    [InlineData("4821971)", new[] { "71)" }, 48219, "71)")]
    [InlineData("12.51)", new string[0], 12.5, "1)")]
    [InlineData("1 234,52)", new string[0], 1234.5, "2)")]
    public void Footnote_marks_glued_to_numbers_are_split_off(string raw, string[] marks, double value, string mark)
    {
        Assert.True(OfficialNumber.TryParseFootnoted(raw, NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma, marks, out var v, out var m));
        Assert.Equal((value, mark), (v, m));
    }

    [Theory]
    [InlineData("160 000")]
    [InlineData("abc1)")]
    [InlineData("1)")]
    [InlineData("16 00)")]
    public void Text_that_is_not_a_footnoted_number_is_not_read_as_one(string raw) =>
        Assert.False(OfficialNumber.TryParseFootnoted(raw, NumberSyntax.GroupSeparators, [], out _, out _));

    [Fact]
    public void A_biff_workbook_under_an_xlsx_name_is_read_by_its_content_with_its_footnoted_numbers()
    {
        var path = ImportFiles.Fixture(Housing);
        var head = File.ReadAllBytes(path)[..8];
        Assert.Equal(OfficialFileReader.Container.Biff, OfficialFileReader.ContainerOf(head));
        var result = OfficialFileReader.Read(path, new ImportOptions { Sheet = "Sale of new housing" });
        Assert.Equal(OfficialFormat.BnsSpreadsheet, result.Format);
        var cell = result.Values.Single(v => v.Column == "X" && v.Line == 12);
        Assert.Equal(("160 0005)", 160000.0, "5)"), (cell.RawValue, cell.Value, cell.ValueFootnote));
        Assert.Equal("KZT per m²", UnitSpelling.Canonical(result.Metadata.Unit));
    }

    [Theory]
    [InlineData("in percent", "%")]
    [InlineData("в процентах", "%")]
    [InlineData("% of labour force", "%")]
    [InlineData("thousands persons", "thousand persons")]
    [InlineData("тыс. человек", "thousand persons")]
    [InlineData("на конец года, человек", "persons")]
    [InlineData(" тыс.тенге", "thousand KZT")]
    [InlineData("furlongs", null)]
    public void Unit_spellings(string printed, string? canonical) => Assert.Equal(canonical, UnitSpelling.Canonical(printed));
}
