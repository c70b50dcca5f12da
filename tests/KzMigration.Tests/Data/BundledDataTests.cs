using System.Globalization;
using System.Text;
using System.Text.Json;
using KzMigration.Cli.Commands;
using KzMigration.Data;
using KzMigration.Migration;
using Microsoft.Data.Analysis;

namespace KzMigration.Tests.Data;

/// <summary>Checks on the bundled data/ package.</summary>
public class BundledDataTests
{
    private static WorkbenchData Data => TestData.Data;

    [Fact]
    public void Loads_with_only_the_two_known_od_disagreements()
    {
        // shared/sources/README.md «Origin–destination flows»: 2023 Almaty region (−849 against −202) and Shymkent (4,063 against 3,416).
        Assert.Equal(["od-derived-disagrees", "od-derived-disagrees"], Data.Warnings.Select(w => w.Rule));
        Assert.Contains(Data.Warnings, w => w.Message.Contains("Almaty region 2023") && w.Message.Contains("-202") && w.Message.Contains("-849"));
        Assert.Contains(Data.Warnings, w => w.Message.Contains("Shymkent city 2023") && w.Message.Contains("3416") && w.Message.Contains("4063"));
        // 373 official figures + 294 derived from the six matrices (2010, 2015: 16 units; 2020, 2021: 17; 2023, 2024: 20; three
        // measures each) less the cells an official figure holds (2021: Turkestan arrivals and three city balances; 2023: 20 balances).
        Assert.Equal(373 + 294, Data.Migration.Count);
        Assert.Equal(2280, Data.OdFlows.Count);
        Assert.Equal(776 + 161 + 366, Data.Indicators.Count); // socioeconomic.csv (776 official, 161 compiled wages) + housing.csv
    }

    [Fact]
    public void Interregional_balances_of_2022_sum_to_zero()
    {
        var balances = Data.MigrationValues(Flow.Interregional, Measure.Balance).Where(m => m.Year == 2022).ToList();
        Assert.Equal(20, balances.Count);
        Assert.Equal(0, balances.Sum(m => m.Value));
    }

    [Theory]
    [InlineData(2019)]
    [InlineData(2020)]
    public void Interregional_balances_of_January_June_sum_to_zero(int year)
    {
        var balances = Data.MigrationValues(Flow.Interregional, Measure.Balance, Period.JanJun).Where(m => m.Year == year).ToList();
        Assert.Equal(17, balances.Count);
        Assert.Equal(0, balances.Sum(m => m.Value));
    }

    [Fact]
    public void Regional_total_balances_sum_to_the_national_value_2013_2023()
    {
        for (var year = 2013; year <= 2023; year++)
        {
            var all = Data.MigrationValues(Flow.All, Measure.Balance).Where(m => m.Year == year).ToList();
            var national = all.Single(m => m.Region.IsCountry).Value;
            var regional = all.Where(m => !m.Region.IsCountry).ToList();
            Assert.Equal(Data.Regions.UnitsInYear(year).Count, regional.Count);
            Assert.True(national == regional.Sum(m => m.Value), $"{year}: regions sum to {regional.Sum(m => m.Value)}, national {national}");
        }
    }

    [Fact]
    public void Every_value_has_a_known_source_and_status()
    {
        Assert.All(Data.Migration, m => Assert.True(Data.Sources.ContainsKey(m.Source.Id) && m.Source.Url.StartsWith("http", StringComparison.Ordinal)));
        Assert.All(Data.Indicators, i => Assert.True(Data.Sources.ContainsKey(i.Source.Id) && i.Source.Url.StartsWith("http", StringComparison.Ordinal)));
        Assert.All(Data.Migration.Where(m => m.Status == Status.Derived), m => Assert.NotEmpty(m.Note));
        Assert.All(Data.Indicators.Where(m => m.Status == Status.Derived), m => Assert.NotEmpty(m.Note));
    }

    [Fact]
    public void Spot_check_Almaty_region_2022()
    {
        Assert.Equal(80064, Data.MigrationValue("almaty-region", 2022, Flow.Internal, Measure.Arrivals));
        Assert.Equal(79166, Data.MigrationValue("almaty-region", 2022, Flow.Internal, Measure.Departures));
        Assert.Equal(898, Data.MigrationValue("almaty-region", 2022, Flow.Interregional, Measure.Balance));
    }

    [Fact]
    public void Missing_is_missing_not_zero()
    {
        Assert.Null(Data.MigrationValue("akmola", 2019, Flow.Interregional, Measure.Arrivals));
        // South Kazakhstan has GRP per capita for 2015–2017 but no wage (the compilation has none): missing, not 0.
        var panel = Data.Panel(["grp_per_capita", "avg_monthly_wage"], 2015, 2017);
        Assert.Null(panel["south-kazakhstan", 2016, "avg_monthly_wage"]);
        var frame = panel.ToDataFrame();
        var row = Enumerable.Range(0, (int)frame.Rows.Count).Single(i => (string)frame["region"][i] == "south-kazakhstan" && (int)frame["year"][i] == 2016);
        Assert.Null(frame["avg_monthly_wage"][row]);
        Assert.NotNull(frame["grp_per_capita"][row]);
    }

    [Fact]
    public void National_level_and_coverage_queries()
    {
        var national = Data.National("unemployment_rate");
        Assert.Equal(Enumerable.Range(2015, 8), national.Select(n => n.Year));
        var coverage = Data.Coverage(Flow.Interregional, Measure.Balance, Period.JanJun);
        Assert.Equal(Status.Exact, coverage["akmola", 2019]);
        Assert.Null(coverage["abai", 2019]);
        Assert.Equal(34, coverage.Count);
        Assert.Contains("akmola", coverage.Render());
    }

    [Fact]
    public void Migration_converts_to_a_data_frame()
    {
        var frame = Data.MigrationValues(Flow.Internal, Measure.Arrivals).ToDataFrame();
        Assert.Equal(40, frame.Rows.Count);
        Assert.Equal(["region", "year", "period", "flow", "measure", "value", "status", "boundaries", "source_id", "harmonised", "note"], frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Recalculated_values_say_which_boundaries()
    {
        var abai2021 = Data.FindIndicator("abai", 2021, "income_per_capita")!;
        Assert.Equal(("2022", Status.Estimate), (abai2021.Boundaries.Id, abai2021.Status));
        var shymkent2015 = Data.FindIndicator("shymkent-city", 2015, "unemployment_rate")!;
        Assert.Equal(("2018", Status.Estimate), (shymkent2015.Boundaries.Id, shymkent2015.Status));
        Assert.Contains("footnote 3)", shymkent2015.Note);
    }

    [Fact]
    public void Loading_is_the_same_under_a_decimal_comma_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-KZ");
            var data = WorkbenchData.Load(TestData.DataDirectory);
            Assert.Equal(5.2, data.FindIndicator("kazakhstan", 2022, "poverty_rate")!.Value);
            Assert.Equal("44.3", DataNumber.Format(data.FindIndicator("abai", 2022, "doctors_per_10k")!.Value));
        }
        finally { CultureInfo.CurrentCulture = before; }
    }

    [Fact]
    public void Datapackage_schemas_match_the_csv_headers()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestData.DataDirectory, "datapackage.json")));
        Assert.Equal("tabular-data-package", doc.RootElement.GetProperty("profile").GetString());
        var resources = doc.RootElement.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(DataTables.All.Count, resources.Count);
        foreach (var r in resources)
        {
            var path = Path.Combine(TestData.DataDirectory, r.GetProperty("path").GetString()!);
            var header = File.ReadLines(path).First().Split(',');
            var schema = r.GetProperty("schema");
            var fields = schema.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
            Assert.Equal(header, fields);
            foreach (var key in schema.GetProperty("primaryKey").EnumerateArray()) Assert.Contains(key.GetString(), fields);
        }
        foreach (var b in doc.RootElement.GetProperty("boundaries").EnumerateArray())
            Assert.True(File.Exists(Path.Combine(TestData.DataDirectory, b.GetProperty("path").GetString()!)));
    }

    [Fact]
    public void Files_are_utf8_without_bom_with_newline_endings()
    {
        foreach (var file in DataPackageBuilder.Files.Where(f => !f.EndsWith(".geojson", StringComparison.Ordinal) && !f.Contains("LICENSE", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestData.DataDirectory, file));
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, $"{file} has a BOM");
            Assert.DoesNotContain((byte)'\r', bytes);
        }
    }

    [NeedsSharedSourcesFact]
    public void Regenerating_from_shared_sources_gives_identical_files()
    {
        var into = Path.Combine(Path.GetTempPath(), "kzmig-regen-" + Guid.NewGuid().ToString("N"));
        try
        {
            DataPackageBuilder.Build(TestData.SharedSources, into);
            foreach (var file in DataPackageBuilder.Files)
                Assert.True(File.ReadAllBytes(Path.Combine(TestData.DataDirectory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(into, file))),
                    $"data/{file} differs from a fresh build: run `kzmig data build --from ../shared/sources --into data` and commit");
            var committed = Directory.EnumerateFiles(TestData.DataDirectory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(TestData.DataDirectory, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith(WorkbenchData.UserFolder + "/", StringComparison.Ordinal));
            Assert.Empty(committed.Except(DataPackageBuilder.Files));
        }
        finally
        {
            if (Directory.Exists(into)) Directory.Delete(into, recursive: true);
        }
    }

    [Fact]
    public void Check_command_prints_coverage_and_exits_0()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, DataCommand.Check(TestData.DataDirectory, output, error));
        Assert.Contains("interregional balance Jan-Jun", output.ToString());
        Assert.Contains("warning [od-derived-disagrees]: Almaty region 2023", output.ToString());
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Check_command_exits_2_with_the_file_line_message()
    {
        // A bad input file is exit 2 (README «Exit codes»); 1 means a notebook failed.
        var dir = TestData.Fixture("akmola,1989,Jan-Dec,all,balance,1,exact,,datathon-everything,\n");
        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, DataCommand.Check(dir, output, error));
        Assert.Equal("error: data/migration.csv:2: field 'year': 1989 is outside 1990–2100", error.ToString().Trim());
    }

    [Fact]
    public void Sources_command_lists_every_source()
    {
        var output = new StringWriter();
        Assert.Equal(0, DataCommand.Sources(TestData.DataDirectory, output, new StringWriter()));
        foreach (var id in Data.Sources.Keys) Assert.Contains(id, output.ToString());
    }
}
