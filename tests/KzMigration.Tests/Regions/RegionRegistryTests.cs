using KzMigration.Data;
using KzMigration.Regions;

namespace KzMigration.Tests.Regions;

public class RegionRegistryTests
{
    private static RegionRegistry Regions => TestData.Data.Regions;

    [Theory]
    [InlineData("Г.АЛМАТЫ", "almaty-city")]
    [InlineData("г. Алматы", "almaty-city")]
    [InlineData("город Алматы", "almaty-city")]
    [InlineData("Almaty city", "almaty-city")]
    [InlineData("Almaty oblast", "almaty-region")]
    [InlineData("Алматинская область", "almaty-region")]
    [InlineData("Алматы облысы", "almaty-region")]
    [InlineData("ТУРКЕСТАНСКАЯ ОБЛАСТЬ", "turkestan")]
    [InlineData("Туркестанская2)", "turkestan")]
    [InlineData("Туркестанская**", "turkestan")]
    [InlineData("Turkestanskaya 3)", "turkestan")]
    [InlineData("Turkistan", "turkestan")]
    [InlineData("Түркістан", "turkestan")]
    [InlineData("г.Астана", "astana-city")]
    [InlineData("город Астана", "astana-city")]
    [InlineData("Г.НУР-СУЛТАН", "astana-city")]
    [InlineData("Nur-Sultan", "astana-city")]
    [InlineData("Astana (city)", "astana-city")]
    [InlineData("Shimkent city 3)", "shymkent-city")]
    [InlineData("г.Шымкент2)", "shymkent-city")]
    [InlineData("Жетісу", "zhetisu")]
    [InlineData("Жетысу", "zhetisu")]
    [InlineData("ОБЛАСТЬ ЖЕТІСУ", "zhetisu")]
    [InlineData("Zhetysu", "zhetisu")]
    [InlineData("Ұлытау", "ulytau")]
    [InlineData("Улытау", "ulytau")]
    [InlineData("ОБЛАСТЬ ҰЛЫТАУ", "ulytau")]
    [InlineData("Ulutau", "ulytau")]
    [InlineData("Aqmola", "akmola")]
    [InlineData("Akmola", "akmola")]
    [InlineData("Акмолинская обл.", "akmola")]
    [InlineData("Jambyl", "zhambyl")]
    [InlineData("Zhambyl", "zhambyl")]
    [InlineData("Qaraganda", "karaganda")]
    [InlineData("Karagandy", "karaganda")]
    [InlineData("Abay", "abai")]
    [InlineData("Jetisu", "zhetisu")]
    [InlineData("Kostanaiskaya", "kostanay")]
    [InlineData("Mangistauskaya", "mangystau")]
    [InlineData("Солтүстік Қазақстан", "north-kazakhstan")]
    [InlineData("ЮЖНО-КАЗАХСТАНСКАЯ ОБЛАСТЬ", "south-kazakhstan")]
    [InlineData("Актюбинская ", "aktobe")]
    [InlineData("РЕСПУБЛИКА КАЗАХСТАН", "kazakhstan")]
    [InlineData("Қазақстан Республикасы", "kazakhstan")]
    public void Resolves_spellings_found_in_official_files(string name, string key) =>
        Assert.Equal(key, Regions.Resolve(name).Key);

    [Fact]
    public void Unknown_name_names_file_line_value_and_suggestions()
    {
        var e = Assert.Throws<DataFileException>(() => Regions.Resolve("Туркестанкая", "import/net.csv", 7));
        Assert.StartsWith("import/net.csv:7: unknown region name 'Туркестанкая'; did you mean ", e.Message);
        Assert.Contains("'Туркестанская'", e.Message);
        Assert.True(e.Message.Split('\'').Length <= 2 + 2 * 4, "at most three suggestions");
    }

    [Fact]
    public void A_district_is_not_taken_for_the_region_of_a_similar_name() =>
        Assert.Throws<DataFileException>(() => Regions.Resolve("ЖЕТЫСУСКИЙ РАЙОН"));

    [Fact]
    public void Plain_Almaty_is_ambiguous()
    {
        var e = Assert.Throws<DataFileException>(() => Regions.Resolve("Алматы"));
        Assert.Contains("ambiguous", e.Message);
        Assert.Contains("'almaty-city'", e.Message);
        Assert.Contains("'almaty-region'", e.Message);
    }

    [Fact]
    public void Registry_has_codes_and_names_from_the_sources()
    {
        var abai = Regions["abai"];
        Assert.Equal(("10", "KZ-ABY", "Абай", "Абайская"), (abai.Kato, abai.Iso, abai.NameKk, abai.NameRu));
        Assert.Equal("Қазақстан Республикасы", Regions.Country.NameKk);
        Assert.Equal("", Regions.Country.Iso); // no source gives one
        Assert.Equal(new DateOnly(2018, 6, 18), Regions["south-kazakhstan"].ValidTo);
        Assert.Equal(new DateOnly(2018, 6, 19), Regions["shymkent-city"].ValidFrom);
        Assert.Equal(new DateOnly(2022, 6, 8), Regions["ulytau"].ValidFrom);
    }

    [Fact]
    public void Eras_have_16_17_and_20_units()
    {
        Assert.Equal(16, Regions.UnitsIn(BoundaryEra.Era2015).Count);
        Assert.Equal(17, Regions.UnitsIn(BoundaryEra.Era2018).Count);
        Assert.Equal(20, Regions.UnitsIn(BoundaryEra.Era2022).Count);
        Assert.Contains(Regions["south-kazakhstan"], Regions.UnitsIn(BoundaryEra.Era2015));
        Assert.DoesNotContain(Regions["shymkent-city"], Regions.UnitsIn(BoundaryEra.Era2015));
    }

    [Theory]
    [InlineData(2017, "2015")]
    [InlineData(2018, "2018")]
    [InlineData(2021, "2018")]
    [InlineData(2022, "2022")]
    [InlineData(2000, "2015")]
    public void Year_of_a_change_belongs_to_the_new_era(int year, string era) =>
        Assert.Equal(era, BoundaryEra.OfYear(year).Id);

    [Fact]
    public void Units_created_mid_year_report_for_that_whole_year()
    {
        Assert.True(Regions["shymkent-city"].ReportsIn(2018));
        Assert.False(Regions["shymkent-city"].ReportsIn(2017));
        Assert.True(Regions["south-kazakhstan"].ReportsIn(2017));
        Assert.False(Regions["south-kazakhstan"].ReportsIn(2018));
        Assert.True(Regions["abai"].ReportsIn(2022));
        Assert.False(Regions["abai"].ReportsIn(2021));
    }

    [Fact]
    public void Lineage_splits_units_into_successors()
    {
        Assert.Equal(["east-kazakhstan", "abai"], Regions.Lineage.Single(l => l.Predecessor == "east-kazakhstan").Successors);
        Assert.Equal(["abai", "east-kazakhstan"], Regions.PartsIn(Regions["east-kazakhstan"], BoundaryEra.Era2018, BoundaryEra.Era2022).Select(r => r.Key));
        Assert.Equal(["turkestan", "shymkent-city"], Regions.PartsIn(Regions["south-kazakhstan"], BoundaryEra.Era2015, BoundaryEra.Era2022).Select(r => r.Key));
        Assert.Equal(["akmola"], Regions.PartsIn(Regions["akmola"], BoundaryEra.Era2015, BoundaryEra.Era2022).Select(r => r.Key));
        Assert.True(Regions.Unchanged(Regions["akmola"], BoundaryEra.Era2015, BoundaryEra.Era2022));
        Assert.False(Regions.Unchanged(Regions["karaganda"], BoundaryEra.Era2018, BoundaryEra.Era2022));
        Assert.True(Regions.Unchanged(Regions["karaganda"], BoundaryEra.Era2015, BoundaryEra.Era2018));
    }

    [Fact]
    public void Every_alias_of_the_names_table_resolves_to_its_key_or_is_reported_ambiguous()
    {
        foreach (var alias in Regions.Aliases)
        {
            if (Regions.TryResolve(alias.Name, out var r)) Assert.Equal(alias.Key, r.Key);
            else Assert.Contains("ambiguous", Assert.Throws<DataFileException>(() => Regions.Resolve(alias.Name)).Message);
        }
    }

    [Fact]
    public void A_list_of_regions_gains_the_units_that_held_them_before_a_boundary_change_in_front_of_each()
    {
        // docs/boundaries.md: Turkestan and Shymkent from South Kazakhstan (2018), Zhetisu from Almaty region (2022).
        Assert.Equal(["south-kazakhstan", "turkestan", "zhambyl"], Regions.WithPredecessors(["turkestan", "zhambyl"]));
        Assert.Equal(["almaty-region", "zhetisu", "south-kazakhstan", "shymkent-city", "turkestan"], Regions.WithPredecessors(["zhetisu", "shymkent-city", "turkestan"]));
        // A region that continues under its own key (Almaty region after 2022) is not its own predecessor.
        Assert.Equal(["almaty-region"], Regions.WithPredecessors(["almaty-region"]));
        Assert.Empty(Regions.WithPredecessors([]));
    }
}
