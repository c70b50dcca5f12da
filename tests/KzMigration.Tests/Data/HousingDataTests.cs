using KzMigration.Cli.Commands;
using KzMigration.Data;

namespace KzMigration.Tests.Data;

/// <summary>data/housing.csv: built from shared/sources/housing.csv with the city and the programme marks kept.</summary>
public class HousingDataTests
{
    private static WorkbenchData Data => TestData.Data;

    [Fact]
    public void Both_series_load_with_city_source_and_status()
    {
        var resale = Data.IndicatorValues("housing_price_resale_per_m2");
        var @new = Data.IndicatorValues("housing_price_new_per_m2");
        Assert.Equal(366, resale.Count + @new.Count);
        Assert.All(resale.Concat(@new), o =>
        {
            Assert.False(string.IsNullOrEmpty(o.City));
            Assert.Equal("bns-housing-market-prices", o.Source.Id);
            Assert.Equal("KZT per m2", o.Indicator.Unit);
            Assert.Equal(Status.Exact, o.Status);
        });
        // shared/sources/housing.csv: Abai 2022 new housing 314550 in Semei; Almaty region 2022 resale in Konaev.
        var abai = Data.FindIndicator("abai", 2022, "housing_price_new_per_m2")!;
        Assert.Equal(314550, abai.Value);
        Assert.Equal("Semei", abai.City);
        Assert.Equal("Konaev", Data.FindIndicator("almaty-region", 2022, "housing_price_resale_per_m2")!.City);
        Assert.Equal("Shymkent", Data.FindIndicator("south-kazakhstan", 2015, "housing_price_resale_per_m2")!.City);
    }

    [Fact]
    public void Resale_covers_all_20_units_in_2022_and_new_housing_18()
    {
        int Units(string id) => Data.IndicatorValues(id).Count(o => o.Year == 2022 && !o.Region.IsCountry);
        Assert.Equal(20, Units("housing_price_resale_per_m2"));
        Assert.Equal(18, Units("housing_price_new_per_m2"));
        Assert.Null(Data.FindIndicator("almaty-region", 2022, "housing_price_new_per_m2")); // Konaev prints «…»: missing, not zero
        Assert.Null(Data.FindIndicator("ulytau", 2022, "housing_price_new_per_m2"));
    }

    [Fact]
    public void Programme_prices_are_marked_from_the_note_and_only_in_new_housing()
    {
        var programme = Data.Indicators.Where(i => i.IsProgrammePrice).ToList();
        Assert.Equal(22, programme.Count); // 22 notes «price of housing sold under the … programme» in shared/sources/housing.csv
        Assert.All(programme, p => Assert.Equal("housing_price_new_per_m2", p.Indicator.Id));
        Assert.Equal("Nurly Zhol", Data.FindIndicator("kyzylorda", 2022, "housing_price_new_per_m2")!.Programme);
        Assert.Equal("Regional Development 2020", Data.FindIndicator("zhambyl", 2015, "housing_price_new_per_m2")!.Programme);
        Assert.Equal("Nurly Zher", Data.FindIndicator("ulytau", 2023, "housing_price_new_per_m2")!.Programme);
        Assert.Null(Data.FindIndicator("astana-city", 2022, "housing_price_new_per_m2")!.Programme);
        // The method change of the national resale price is kept as a note, not as a programme.
        var national = Data.FindIndicator("kazakhstan", 2022, "housing_price_resale_per_m2")!;
        Assert.False(national.IsProgrammePrice);
        Assert.Contains("weighted average", national.Note);
    }

    [Fact]
    public void HousingPrices_excludes_programme_prices_unless_asked()
    {
        var market = Data.HousingPrices("housing_price_new_per_m2", includeProgrammePrices: false);
        var all = Data.HousingPrices("housing_price_new_per_m2", includeProgrammePrices: true);
        Assert.Equal(all.Count - 22, market.Count);
        Assert.DoesNotContain(market, o => o.Region.Key == "zhambyl" && o.Year == 2022);
        Assert.Contains(all, o => o.Region.Key == "zhambyl" && o.Year == 2022 && o.Value == 160000);
    }

    [Fact]
    public void Programme_note_parsing_refuses_an_unrecognised_mention()
    {
        Exception Refuse(string reason) => new InvalidOperationException(reason);
        Assert.Equal("Nurly Zhol", DataPackageBuilder.ProgrammeOf("price of housing sold under the Nurly Zhol programme, not a market price (footnote 4)", Refuse));
        Assert.Null(DataPackageBuilder.ProgrammeOf("from January 2022 a weighted average price (footnote 1): method change", Refuse));
        Assert.Null(DataPackageBuilder.ProgrammeOf("", Refuse));
        var e = Assert.Throws<InvalidOperationException>(() => DataPackageBuilder.ProgrammeOf("Affordable Housing 2020 programme price", Refuse));
        Assert.Contains("mentions a programme", e.Message);
    }

    [Fact]
    public void A_data_folder_whose_package_lists_housing_csv_must_have_it()
    {
        var dir = Path.Combine(TestPaths.TempFolder("housing-missing"), "data");
        Directory.CreateDirectory(dir);
        foreach (var file in DataPackageBuilder.Files.Where(f => !f.StartsWith("boundaries/", StringComparison.Ordinal) && f != "housing.csv"))
            File.Copy(Path.Combine(TestData.DataDirectory, file), Path.Combine(dir, file));
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(dir));
        Assert.Contains("housing.csv", e.Message);
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void Check_command_shows_housing_coverage_and_the_programme_prices()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, DataCommand.Check(TestData.DataDirectory, output, error));
        var text = output.ToString();
        Assert.Contains("housing_price_resale_per_m2", text);
        Assert.Contains("housing_price_new_per_m2", text);
        Assert.Contains("state-programme housing prices (not market prices; scored only with programme_prices=included)", text);
        Assert.Contains("Kyzylorda 2017,2018,2019,2020,2021,2022 (Nurly Zhol)", text);
    }

    [Theory]
    [InlineData("grp_per_capita,1,KZT per m2", "data/housing.csv:2: field 'indicator': 'grp_per_capita' is not a housing-price indicator")]
    [InlineData("housing_price_resale_per_m2,0,KZT per m2", "data/housing.csv:2: field 'value': 'housing_price_resale_per_m2' (average) cannot be zero")]
    [InlineData("housing_price_resale_per_m2,1,KZT", "data/housing.csv:2: field 'unit': 'KZT' differs from the unit of 'housing_price_resale_per_m2'")]
    public void Bad_housing_rows_are_refused_with_file_line_and_field(string indicatorValueUnit, string message)
    {
        var dir = TestData.Fixture();
        File.WriteAllText(Path.Combine(dir, "housing.csv"), string.Join(",", DataTables.Housing.Header) + "\n" +
            $"astana-city,2022,{indicatorValueUnit},exact,2022,Astana,,bns-housing-market-prices,\n");
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(dir));
        Assert.StartsWith(message, e.Message);
        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(1, DataCommand.Check(dir, output, error));
        Assert.StartsWith("error: " + message, error.ToString());
    }

    [Fact]
    public void A_housing_row_without_its_city_is_refused()
    {
        var dir = TestData.Fixture();
        File.WriteAllText(Path.Combine(dir, "housing.csv"), string.Join(",", DataTables.Housing.Header) + "\n" +
            "astana-city,2022,housing_price_resale_per_m2,1,KZT per m2,exact,2022,,,bns-housing-market-prices,\n");
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(dir));
        Assert.Equal("data/housing.csv:2: field 'city': missing value", e.Message);
    }
}
