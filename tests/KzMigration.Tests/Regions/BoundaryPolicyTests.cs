using KzMigration.Regions;

namespace KzMigration.Tests.Regions;

/// <summary>The one module of boundary-era policy.</summary>
public class BoundaryPolicyTests
{
    private static RegionRegistry Regions => TestData.Data.Regions;

    [Fact]
    public void A_named_region_is_read_as_the_unit_whose_territory_held_it()
    {
        Assert.Equal("south-kazakhstan", BoundaryPolicy.UnitStandingFor(Regions, "turkestan", BoundaryEra.Era2015));
        Assert.Equal("turkestan", BoundaryPolicy.UnitStandingFor(Regions, "turkestan", BoundaryEra.Era2018));
        Assert.Equal("zhambyl", BoundaryPolicy.UnitStandingFor(Regions, "zhambyl", BoundaryEra.Era2015));
    }

    [Fact]
    public void Figures_are_read_on_the_counting_era_unless_they_are_older()
    {
        Assert.Equal(BoundaryEra.Era2015, BoundaryPolicy.ReadingEra(2016, BoundaryEra.Era2018));
        Assert.Equal(BoundaryEra.Era2018, BoundaryPolicy.ReadingEra(2022, BoundaryEra.Era2018));
        Assert.Equal(BoundaryEra.Era2018, BoundaryPolicy.ReadingEra(2020, BoundaryEra.Era2018));
    }

    [Fact]
    public void Units_whose_territory_changed_are_not_comparable()
    {
        var units = BoundaryPolicy.Comparability(Regions, 2021, 2022).ToDictionary(u => u.Region.Key, u => u.WhyNot);
        Assert.Null(units["zhambyl"]);
        Assert.Equal("territory changed between 2021 and 2022", units["east-kazakhstan"]);
        Assert.Equal("no unit in 2021", units["abai"]);
        var turkestan = Regions["turkestan"];
        Assert.Null(BoundaryPolicy.WhyNotOwnTerritory(Regions, turkestan, 2020, BoundaryEra.Era2018));
        Assert.NotNull(BoundaryPolicy.WhyNotOwnTerritory(Regions, turkestan, 2017, BoundaryEra.Era2018));
    }
}
