using KzMigration.Migration;

namespace KzMigration.Tests.Migration;

/// <summary>The structure indices on the hand-computed example of <see cref="FlowStructure"/> and the MEI example of <see cref="FlowMatrix"/>.</summary>
public class FlowStructureTests
{
    private static readonly OriginDestinationMatrix Example = new(["a", "b", "c"], new double[,] { { 0, 5, 1 }, { 2, 0, 3 }, { 4, 6, 0 } });

    [Fact]
    public void Largest_corridors_with_shares_of_all_moves()
    {
        var top = FlowStructure.LargestCorridors(Example, 2);
        Assert.Equal([("c", "b", 6.0), ("a", "b", 5.0)], top.Select(c => (c.Origin, c.Destination, c.Persons)));
        Assert.Equal(6.0 / 21, top[0].ShareOfAllMoves, 12);
    }

    [Fact]
    public void Out_field_and_in_field()
    {
        Assert.Equal([("b", 0.6), ("a", 0.4)], FlowStructure.OutField(Example, "c").Select(f => (f.Partner, f.Share)));
        Assert.Equal([("c", 6.0 / 11), ("a", 5.0 / 11)], FlowStructure.InField(Example, "b").Select(f => (f.Partner, f.Share)));
    }

    [Fact]
    public void Connectivity_is_the_share_of_ordered_pairs_with_moves()
    {
        Assert.Equal(1.0, FlowStructure.Connectivity(Example));
        var sparse = new OriginDestinationMatrix(["a", "b", "c"], new double[,] { { 0, 5, 0 }, { 2, 0, 3 }, { 4, 6, 0 } });
        Assert.Equal(5.0 / 6, FlowStructure.Connectivity(sparse), 12);
    }

    [Fact]
    public void Mei_and_acmi_of_the_published_example()
    {
        // Bell et al. 2002 measures on the FlowMatrix example: MEI 25, CMI 12 per 100 for a population of 1,000.
        var m = new OriginDestinationMatrix(["1", "2", "3"], new double[,] { { 0, 10, 10 }, { 20, 0, 20 }, { 30, 30, 0 } });
        Assert.Equal(25, FlowStructure.MigrationEffectivenessIndex(m).Value!.Value, 12);
        Assert.Equal(12, FlowStructure.AggregateCrudeMigrationIntensity(m, 1000).Value!.Value, 12);
    }
}
