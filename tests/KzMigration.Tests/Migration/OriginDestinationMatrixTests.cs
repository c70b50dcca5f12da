using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Data;

namespace KzMigration.Tests.Migration;

/// <summary>
/// The origin–destination matrix and its exact aggregation to older boundaries: a hand-computed example and the three
/// properties of the issue (aggregated balances = sum of the parts' balances; aggregated arrivals = the parts' arrivals
/// − the moves between the parts; every matrix's balances sum to 0), on random matrices of the real 2022 units
/// aggregated with the real lineage (data/region-lineage.csv).
/// </summary>
public class OriginDestinationMatrixTests
{
    private static readonly RegionRegistry Registry = TestData.Data.Regions;

    [Fact]
    public void Hand_computed_example()
    {
        // Rows are origins, columns destinations: a→b 5, a→c 1, b→a 2, b→c 3, c→a 4, c→b 6.
        var m = new OriginDestinationMatrix(["a", "b", "c"], new double[,] { { 0, 5, 1 }, { 2, 0, 3 }, { 4, 6, 0 } });
        Assert.Equal([6.0, 11, 4], m.Regions.Select(m.Arrivals));
        Assert.Equal([6.0, 5, 10], m.Regions.Select(m.Departures));
        Assert.Equal([0.0, 6, -6], m.Regions.Select(m.Balance));
        Assert.Equal(5, m["a", "b"]);
        Assert.Equal(21, m.Total);

        var ab = m.Aggregate(new Dictionary<string, string> { ["a"] = "ab", ["b"] = "ab" });
        Assert.Equal(["ab", "c"], ab.Regions);
        Assert.Equal(4, ab["ab", "c"]);   // 1 + 3
        Assert.Equal(10, ab["c", "ab"]);  // 4 + 6
        Assert.Equal(10, ab.Arrivals("ab")); // 6 + 11 − (5 + 2): the moves between a and b drop out
        Assert.Equal(7, m.MovesAmong(["a", "b"]));
        Assert.Equal(6, ab.Balance("ab")); // 0 + 6
    }

    [Fact]
    public void From_moves_refuses_a_missing_pair_and_a_move_inside_a_region()
    {
        var e = Assert.Throws<ArgumentException>(() => OriginDestinationMatrix.FromMoves(["a", "b"], [("a", "b", 1.0)]));
        Assert.Contains("b → a is missing", e.Message);
        Assert.Throws<ArgumentException>(() => OriginDestinationMatrix.FromMoves(["a", "b"], [("a", "a", 1.0), ("a", "b", 1), ("b", "a", 1)]));
        Assert.Throws<ArgumentException>(() => new OriginDestinationMatrix(["a", "b"], new double[,] { { 1, 0 }, { 0, 0 } }));
    }

    [Fact]
    public void South_Kazakhstan_in_2015_is_Turkestan_plus_Shymkent_without_the_moves_between_them()
    {
        var moves = TestData.Data.FlowMatrix(2015, BoundaryEra.Era2022)!;
        var old = Harmonisation.ToEra(moves, BoundaryEra.Era2022, BoundaryEra.Era2015, Registry);
        Assert.Equal(16, old.Regions.Count);
        Assert.DoesNotContain("shymkent-city", old.Regions);
        var between = moves["turkestan", "shymkent-city"] + moves["shymkent-city", "turkestan"];
        Assert.True(between > 0);
        Assert.Equal(moves.Arrivals("turkestan") + moves.Arrivals("shymkent-city") - between, old.Arrivals("south-kazakhstan"));
        // The 2015-era matrix the data layer serves is the same aggregation.
        Assert.Equal(old.Arrivals("south-kazakhstan"), TestData.Data.FlowMatrix(2015)!.Arrivals("south-kazakhstan"));
    }

    [Fact]
    public void A_matrix_is_never_split_into_newer_units()
    {
        var m2015 = TestData.Data.FlowMatrix(2015)!;
        Assert.Throws<ArgumentException>(() => Harmonisation.ToEra(m2015, BoundaryEra.Era2015, BoundaryEra.Era2022, Registry));
    }

    // Random matrices on the 20 units of 2022, counts 0–5000.
    private static Arbitrary<OriginDestinationMatrix> Matrices2022()
    {
        var units = Registry.UnitsIn(BoundaryEra.Era2022).Select(u => u.Key).ToList();
        var n = units.Count;
        return Gen.ArrayOf(Gen.Choose(0, 5000), n * n).Select(cells =>
        {
            var m = new double[n, n];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    if (i != j) m[i, j] = cells[i * n + j];
            return new OriginDestinationMatrix(units, m);
        }).ToArbitrary();
    }

    private static Arbitrary<BoundaryEra> OlderEras() => Gen.Elements(BoundaryEra.Era2015, BoundaryEra.Era2018).ToArbitrary();

    [Property(MaxTest = 50)]
    public Property Aggregated_balances_are_the_sums_of_the_parts_balances() =>
        Prop.ForAll(Matrices2022(), OlderEras(), (m, era) =>
        {
            var old = Harmonisation.ToEra(m, BoundaryEra.Era2022, era, Registry);
            return Registry.UnitsIn(era).All(unit =>
                old.Balance(unit.Key) == Registry.PartsIn(unit, era, BoundaryEra.Era2022).Sum(p => m.Balance(p.Key)));
        });

    [Property(MaxTest = 50)]
    public Property Aggregated_arrivals_are_the_parts_arrivals_less_the_moves_between_the_parts() =>
        Prop.ForAll(Matrices2022(), OlderEras(), (m, era) =>
        {
            var old = Harmonisation.ToEra(m, BoundaryEra.Era2022, era, Registry);
            return Registry.UnitsIn(era).All(unit =>
            {
                var parts = Registry.PartsIn(unit, era, BoundaryEra.Era2022).Select(p => p.Key).ToList();
                return old.Arrivals(unit.Key) == parts.Sum(m.Arrivals) - m.MovesAmong(parts)
                       && old.Departures(unit.Key) == parts.Sum(m.Departures) - m.MovesAmong(parts);
            });
        });

    [Property(MaxTest = 50)]
    public Property Every_eras_balances_sum_to_zero() =>
        Prop.ForAll(Matrices2022(), m =>
            BoundaryEra.All.All(era => Harmonisation.ToEra(m, BoundaryEra.Era2022, era, Registry) is var x && x.Regions.Sum(x.Balance) == 0));

    [Fact]
    public void Every_bundled_years_balances_sum_to_zero_in_every_era()
    {
        foreach (var stored in TestData.Data.FlowMatrices)
            foreach (var era in BoundaryEra.All)
            {
                var m = TestData.Data.FlowMatrix(stored.Year, era)!;
                Assert.Equal(0, m.Regions.Sum(m.Balance));
                Assert.Equal(era.UnitCount, m.Regions.Count);
            }
    }
}
