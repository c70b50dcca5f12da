using KzMigration.Data;

namespace KzMigration.Tests.Data;

/// <summary>One small broken fixture per validation rule; each asserts file, line, field and reason.</summary>
public class ValidationTests
{
    private const string Src = "datathon-everything";

    private static string Row(string region = "akmola", string year = "2019", string flow = "all", string measure = "balance", string value = "-100",
        string period = "Jan-Dec", string status = "exact", string boundaries = "", string source = Src) =>
        $"{region},{year},{period},{flow},{measure},{value},{status},{boundaries},{source},\n";

    private static string Socio(string region = "akmola", string year = "2019", string indicator = "doctors", string value = "10", string unit = "persons") =>
        $"{region},{year},{indicator},{value},{unit},exact,,bns-doctors,\n";

    private static DataFileException Refused(string? migration = null, string? socio = null, string? header = null) =>
        Assert.Throws<DataFileException>(() => WorkbenchData.Load(TestData.Fixture(migration, socio, header)));

    [Fact]
    public void Valid_fixture_loads()
    {
        var data = WorkbenchData.Load(TestData.Fixture(Row(), Socio()));
        Assert.Single(data.Migration);
        Assert.Single(data.Indicators);
    }

    [Fact]
    public void Unknown_region()
    {
        var e = Refused(Row() + Row(region: "shymkent"));
        Assert.Equal(("data/migration.csv", 3, "region"), (e.File, e.Line, e.Field));
        Assert.StartsWith("data/migration.csv:3: field 'region': unknown region 'shymkent'; the name resolves to key 'shymkent-city'", e.Message);
    }

    [Fact]
    public void Unknown_indicator()
    {
        var e = Refused(socio: Socio(indicator: "housing_price"));
        Assert.StartsWith("data/socioeconomic.csv:2: field 'indicator': unknown indicator 'housing_price'", e.Message);
    }

    [Fact]
    public void Duplicated_key()
    {
        var e = Refused(Row() + Row(value: "-200"));
        Assert.Equal("data/migration.csv:3: duplicated key (akmola, 2019, Jan-Dec, all, balance); first at line 2", e.Message);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("12 345")]
    [InlineData("n/a")]
    public void Non_numeric_value(string value)
    {
        var e = Refused($"akmola,2019,Jan-Dec,all,balance,\"{value}\",exact,,{Src},\n");
        Assert.Equal(("data/migration.csv", 2, "value"), (e.File, e.Line, e.Field));
        Assert.Contains("is not a number in the bundled format", e.Message);
    }

    [Fact]
    public void Negative_count()
    {
        var e = Refused(Row(flow: "internal", measure: "arrivals", value: "-5"));
        Assert.Equal("data/migration.csv:2: field 'value': arrivals cannot be negative (-5); only balances can", e.Message);
    }

    [Fact]
    public void Negative_balance_is_fine() => WorkbenchData.Load(TestData.Fixture(Row(value: "-5")));

    [Fact]
    public void Negative_indicator_value()
    {
        var e = Refused(socio: Socio(value: "-1"));
        Assert.StartsWith("data/socioeconomic.csv:2: field 'value': 'doctors' (count) cannot be negative", e.Message);
    }

    [Theory]
    [InlineData("1989")]
    [InlineData("2101")]
    public void Year_outside_1990_2100(string year)
    {
        var e = Refused(Row(region: "kazakhstan", year: year));
        Assert.Equal($"data/migration.csv:2: field 'year': {year} is outside 1990–2100", e.Message);
    }

    [Fact]
    public void Missing_source()
    {
        var e = Refused(Row(source: ""));
        Assert.Equal("data/migration.csv:2: field 'source_id': missing source: every value needs a source_id from sources.csv", e.Message);
    }

    [Fact]
    public void Unknown_source()
    {
        var e = Refused(Row(source: "my-spreadsheet"));
        Assert.Equal("data/migration.csv:2: field 'source_id': unknown source 'my-spreadsheet': not in sources.csv", e.Message);
    }

    [Fact]
    public void Balance_not_equal_to_arrivals_minus_departures()
    {
        var e = Refused(
            Row(flow: "internal", measure: "arrivals", value: "100", year: "2022") +
            Row(flow: "internal", measure: "departures", value: "30", year: "2022") +
            Row(flow: "internal", measure: "balance", value: "60", year: "2022"));
        Assert.Equal(("data/migration.csv", 4, "value"), (e.File, e.Line, e.Field));
        Assert.Contains("balance 60 ≠ arrivals 100 (data/migration.csv:2) − departures 30 (data/migration.csv:3) = 70", e.Message);
    }

    [Fact]
    public void Value_outside_the_validity_of_its_unit()
    {
        var e = Refused(Row(region: "shymkent-city", year: "2016"));
        Assert.Equal(("data/migration.csv", 2, "region"), (e.File, e.Line, e.Field));
        Assert.Contains("'shymkent-city' has no figures for 2016 in the 2015-era boundaries", e.Message);

        Assert.Contains("'south-kazakhstan' has no figures for 2019", Refused(Row(region: "south-kazakhstan", year: "2019")).Message);
        Assert.Contains("'abai' has no figures for 2021", Refused(Row(region: "abai", year: "2021")).Message);
    }

    [Fact]
    public void A_recalculation_to_later_boundaries_must_be_declared_and_then_loads()
    {
        var data = WorkbenchData.Load(TestData.Fixture(Row(region: "shymkent-city", year: "2016", boundaries: "2018", status: "estimate")));
        Assert.Equal("2018", data.Migration.Single().Boundaries.Id);
        var e = Refused(Row(region: "akmola", year: "2019", boundaries: "2015"));
        Assert.Equal(("data/migration.csv", 2, "boundaries"), (e.File, e.Line, e.Field));
    }

    [Fact]
    public void Unknown_code_in_an_enumerated_field()
    {
        var e = Refused(Row(flow: "external"));
        Assert.Equal("data/migration.csv:2: field 'flow': 'external' is not one of interregional, internal, all", e.Message);
        Assert.Equal("data/migration.csv:2: field 'status': 'official' is not one of exact, derived, rounded, estimate", Refused(Row(status: "official")).Message);
    }

    [Fact]
    public void Wrong_header()
    {
        var e = Refused(Row(), header: "region,year,period,flow,measure,value,status,source_id,note");
        Assert.Equal(("data/migration.csv", 1), (e.File, e.Line));
        Assert.Contains("expected 'region,year,period,flow,measure,value,status,boundaries,source_id,note'", e.Message);
    }

    [Fact]
    public void Unit_differing_from_the_indicator()
    {
        var e = Refused(socio: Socio(unit: "thousand persons"));
        Assert.StartsWith("data/socioeconomic.csv:2: field 'unit': 'thousand persons' differs from the unit of 'doctors'", e.Message);
    }

    [Fact]
    public void Warning_when_interregional_balances_of_a_complete_year_do_not_sum_to_zero()
    {
        var units = TestData.Data.Regions.UnitsInYear(2019);
        var rows = string.Concat(units.Select((u, i) => Row(region: u.Key, flow: "interregional", period: "Jan-Jun", value: i == 0 ? "7" : "0")));
        var data = WorkbenchData.Load(TestData.Fixture(rows));
        var w = Assert.Single(data.Warnings);
        Assert.Equal("interregional-sum", w.Rule);
        Assert.Contains("2019 Jan-Jun of all 17 units sum to 7, not 0", w.Message);

        // Incomplete years are not checked.
        Assert.Empty(WorkbenchData.Load(TestData.Fixture(Row(flow: "interregional", value: "7"))).Warnings);
    }

    [Fact]
    public void Warning_when_regional_total_balances_do_not_sum_to_the_national_value()
    {
        var units = TestData.Data.Regions.UnitsInYear(2019);
        var rows = string.Concat(units.Select(u => Row(region: u.Key, value: "1"))) + Row(region: "kazakhstan", value: "16");
        var w = Assert.Single(WorkbenchData.Load(TestData.Fixture(rows)).Warnings);
        Assert.Equal("national-sum", w.Rule);
        Assert.Contains("the 17 regions sum to 17, the national value is 16", w.Message);
    }

    [Fact]
    public void Unquoted_quote_and_bad_encoding_are_errors_with_a_line()
    {
        var e = Refused(Row() + "akmola,2020,Jan-Dec,all,balance,5,exact,,datathon-everything,a \"quoted\" word\n");
        Assert.Equal(("data/migration.csv", 3), (e.File, e.Line));
    }
}
