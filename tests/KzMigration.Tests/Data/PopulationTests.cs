using KzMigration.Data;

namespace KzMigration.Tests.Data;

/// <summary>The population resource (population.csv, BNS 1 January 2010–2025) and its distinction from population_end_of_year.</summary>
public sealed class PopulationTests
{
    [Fact]
    public void Every_date_2010_to_2025_has_the_units_of_its_era_and_they_sum_to_the_national_total()
    {
        var data = TestData.Data;
        for (var year = 2010; year <= 2025; year++)
        {
            var date = new DateOnly(year, 1, 1);
            var rows = data.Population.Where(p => p.Date == date).ToList();
            var units = rows.Where(p => !p.Region.IsCountry).ToList();
            Assert.Equal(year < 2018 ? 16 : year < 2022 ? 17 : 20, units.Count);
            var national = Assert.Single(rows, p => p.Region.IsCountry);
            // The source's regions sum exactly to the national total every year (shared/sources/README.md).
            Assert.Equal(national.Value, units.Sum(u => u.Value));
            Assert.All(rows, r => Assert.Equal("bns-iblock-6584-population", r.Source.Id));
        }
    }

    [Fact]
    public void The_revised_1_January_2023_figure_and_the_first_release_indicator_are_both_kept()
    {
        var data = TestData.Data;
        Assert.Equal(610198, data.PopulationAt("abai", new DateOnly(2023, 1, 1))!.Value);
        Assert.Equal(610189, data.FindIndicator("abai", 2022, "population_end_of_year")!.Value);
    }

    [Fact]
    public void Census_jump_of_2022_is_in_the_data_not_smoothed()
    {
        var data = TestData.Data;
        Assert.InRange(data.PopulationAt("kazakhstan", new DateOnly(2021, 1, 1))!.Value, 18.8e6, 18.9e6);
        Assert.InRange(data.PopulationAt("kazakhstan", new DateOnly(2022, 1, 1))!.Value, 19.4e6, 19.6e6);
    }

    [Fact]
    public void A_population_row_with_a_bad_value_is_refused_with_file_line_and_field()
    {
        var dir = TestData.Fixture();
        File.WriteAllText(Path.Combine(dir, DataTables.Population.File),
            string.Join(",", DataTables.Population.Header) + "\nakmola,2020-01-01,0,persons,exact,2018,bns-iblock-6584-population,\n");
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(dir));
        Assert.Contains("population.csv:2", e.Message);
        Assert.Contains("value", e.Message);
    }

    [Fact]
    public void A_folder_without_population_csv_loads_with_no_population()
    {
        Assert.Empty(WorkbenchData.Load(TestData.Fixture()).Population);
    }
}
