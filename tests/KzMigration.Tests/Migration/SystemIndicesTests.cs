using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KzMigration.Migration;

namespace KzMigration.Tests.Migration;

public class SystemIndicesTests
{
    // The published three-region vector (rows are origins, columns destinations), e.g. migest's index examples.
    private static readonly double[,] Published = { { 0, 10, 10 }, { 20, 0, 20 }, { 30, 30, 0 } };
    private static readonly string[] Names = ["a", "b", "c"];

    [Fact]
    public void Matrix_out_flows_are_row_sums_and_in_flows_column_sums()
    {
        Assert.Equal([20, 40, 60], FlowMatrix.OutFlows(Published));
        Assert.Equal([50, 40, 30], FlowMatrix.InFlows(Published));
    }

    [Fact]
    public void Published_vector_region_indices()
    {
        var regions = FlowMatrix.ToRegionFlows(Names, Published);
        var e = RegionIndices.EffectivenessRatio(regions).Select(x => x.Value!.Value).ToArray();
        var k = RegionIndices.AttractivenessCoefficient(regions).Select(x => x.Value!.Value).ToArray();
        Assert.Equal(42.857, e[0], 3);
        Assert.Equal(0.0, e[1], 12);
        Assert.Equal(-33.333, e[2], 3);
        Assert.Equal([2.5, 1.0, 0.5], k);
        Assert.All(regions, r => Assert.Equal(Flow.Interregional, r.Flow));
    }

    [Fact]
    public void Published_vector_system_indices()
    {
        var regions = FlowMatrix.ToRegionFlows(Names, Published);
        Assert.Equal(25, SystemIndices.MigrationEffectivenessIndex(regions).Value!.Value, 12);
        // Documented example: total population 1,000 → CMI = 12, ANMR = 3 = 12·25/100.
        Assert.Equal(12, SystemIndices.CrudeMigrationIntensity(regions, 1000).Value!.Value, 12);
        Assert.Equal(3, SystemIndices.AggregateNetMigrationRate(regions, 1000).Value!.Value, 12);
    }

    [Fact]
    public void Internal_flows_add_the_diagonal_to_both_sides_and_keep_balances()
    {
        var m = new double[,] { { 5, 10, 10 }, { 20, 7, 20 }, { 30, 30, 0 } };
        var inter = FlowMatrix.ToRegionFlows(Names, m);
        var inner = FlowMatrix.ToRegionFlows(Names, m, Flow.Internal);
        Assert.Equal(55, inner[0].Arrivals);
        Assert.Equal(25, inner[0].Departures);
        Assert.Equal(RegionIndices.Balance(inter).Select(x => x.Value), RegionIndices.Balance(inner).Select(x => x.Value));
        // Moves inside regions dilute the MEI: 60 / 264 instead of 60 / 240.
        Assert.Equal(100.0 * 60 / 264, SystemIndices.MigrationEffectivenessIndex(inner).Value!.Value, 12);
        Assert.Throws<ArgumentException>(() => FlowMatrix.ToRegionFlows(Names, m, Flow.All));
    }

    [Fact]
    public void Matrix_shape_and_cells_are_checked()
    {
        Assert.Throws<ArgumentException>(() => FlowMatrix.OutFlows(new double[2, 3]));
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => FlowMatrix.InFlows(new double[,] { { 0, -1 }, { 0, 0 } })).Message);
        Assert.Throws<ArgumentException>(() => FlowMatrix.ToRegionFlows(["a", "b"], Published));
        Assert.Throws<ArgumentException>(() => FlowMatrix.FromRows([[0.0, 1.0], [2.0]]));
        Assert.Equal(Published, FlowMatrix.FromRows([[0, 10, 10], [20, 0, 20], [30, 30, 0]]));
    }

    [Fact]
    public void System_indices_refuse_mixed_flows_and_all_flows()
    {
        var mixed = new RegionFlows[] { new("a", Flow.Interregional, 1, 2), new("b", Flow.Internal, 2, 1) };
        var ex = Assert.Throws<ArgumentException>(() => SystemIndices.MigrationEffectivenessIndex(mixed));
        Assert.Contains("Interregional", ex.Message);
        Assert.Contains("Internal", ex.Message);
        Assert.Throws<ArgumentException>(() => SystemIndices.CrudeMigrationIntensity(mixed, 10));
        Assert.Throws<ArgumentException>(() => SystemIndices.AggregateNetMigrationRate(mixed, 10));

        var all = new RegionFlows[] { new("a", Flow.All, 1, 2), new("b", Flow.All, 2, 1) };
        Assert.Contains("closed", Assert.Throws<ArgumentException>(() => SystemIndices.MigrationEffectivenessIndex(all)).Message);
        Assert.Throws<ArgumentException>(() => SystemIndices.MigrationEffectivenessIndex([]));
    }

    [Fact]
    public void Undefined_and_refused_inputs()
    {
        var none = new RegionFlows[] { new("a", Flow.Interregional, 0, 0), new("b", Flow.Interregional, 0, 0) };
        var mei = SystemIndices.MigrationEffectivenessIndex(none);
        Assert.Null(mei.Value);
        Assert.NotNull(mei.UndefinedBecause);
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemIndices.CrudeMigrationIntensity(none, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemIndices.AggregateNetMigrationRate(none, -1));
    }

    [Property]
    public Property ANMR_equals_CMI_times_MEI_over_100(NonNegativeInt[] cells, PositiveInt population)
    {
        // Any closed system built from an origin–destination matrix of 2–6 regions.
        var n = Math.Min(6, (int)Math.Sqrt(cells.Length));
        var m = new double[Math.Max(n, 2), Math.Max(n, 2)];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                m[i, j] = cells[i * n + j].Get;
        var regions = FlowMatrix.ToRegionFlows(Enumerable.Range(0, m.GetLength(0)).Select(i => $"r{i}").ToList(), m);
        var mei = SystemIndices.MigrationEffectivenessIndex(regions);
        var cmi = SystemIndices.CrudeMigrationIntensity(regions, population.Get).Value!.Value;
        var anmr = SystemIndices.AggregateNetMigrationRate(regions, population.Get).Value!.Value;
        return (Math.Abs(anmr - cmi * mei.Value.GetValueOrDefault() / 100) <= 1e-9 * Math.Max(1, anmr)
                && mei.Value is >= 0 and <= 100)
            .When(mei.IsDefined);
    }
}
