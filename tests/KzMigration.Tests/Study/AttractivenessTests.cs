using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Study;

namespace KzMigration.Tests.Study;

public class AttractivenessTests
{
    private static readonly WorkbenchData Data = WorkbenchData.Load(TestPaths.Data);

    [Fact]
    public void Almaty_region_2022_internal_K_and_E_come_from_the_bundled_arrivals_and_departures()
    {
        var row = Attractiveness.Compute(Data, Flow.Internal, [2022]).Single(r => r.Region.Key == "almaty-region");
        // Hand computation: A = 80,064, D = 79,166 (data/migration.csv); K = 80064/79166; E = 100·898/159230.
        Assert.Equal(898, row.Balance);
        Assert.Equal(80064.0 / 79166.0, row.Coefficient!.Value, 12);
        Assert.Equal(100.0 * 898 / 159230, row.Effectiveness!.Value, 12);
    }

    [Fact]
    public void Interregional_rows_say_what_is_missing_instead_of_a_value()
    {
        var rows = Attractiveness.Compute(Data, Flow.Interregional, [2022]);
        Assert.Equal(20, rows.Count);
        var pavlodar = Assert.Single(Attractiveness.Computable(rows));
        Assert.Equal("pavlodar", pavlodar.Region.Key); // 5,979 arrivals ÷ 8,827 departures
        Assert.All(rows.Where(r => r.Region.Key != "pavlodar"), r => Assert.Equal("no interregional arrivals and departures in the loaded data", r.Missing));
    }

    [Fact]
    public void Identity_check_holds_on_the_bundled_internal_flows()
    {
        var (largest, sameRanking, regionYears) = Attractiveness.IdentityCheck(Attractiveness.Compute(Data, Flow.Internal, [2022, 2023]));
        Assert.Equal(40, regionYears);
        Assert.True(largest < 1e-12);
        Assert.True(sameRanking);
    }

    [Fact]
    public void System_indices_divide_by_the_specifications_population_and_refuse_incomplete_flows()
    {
        var internalFlows = Attractiveness.SystemIndicesTable(Data, StudySpecification.Paper, Flow.Internal, 2022);
        var values = internalFlows.Columns["value"].Cast<string>().ToList();
        var flows = Attractiveness.Computable(Attractiveness.Compute(Data, Flow.Internal, [2022]))
            .Select(r => new RegionFlows(r.Region.Key, Flow.Internal, r.Arrivals!.Value, r.Departures!.Value)).ToList();
        Assert.Equal(SystemIndices.MigrationEffectivenessIndex(flows).Value!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), values[0]);
        // The paper's specification: the mean population of 2022, (19,503,159 + 19,766,807) / 2 on 1 January 2022 and 2023 (data/population.csv).
        Assert.Equal("19,634,983", values[3]);
        Assert.Equal(StudySpecification.Paper, internalFlows.Specification);

        // migration.population=end: 1 January 2023 of the same series, and CMI follows it (M is the same).
        var atEnd = StudySpecification.Paper with { Migration = MigrationChoices.Paper with { Population = PopulationBasis.EndOfYear } };
        var endValues = Attractiveness.SystemIndicesTable(Data, atEnd, Flow.Internal, 2022).Columns["value"].Cast<string>().ToList();
        Assert.Equal("19,766,807", endValues[3]);
        var moves = flows.Sum(f => f.Departures);
        Assert.Equal((100 * moves / 19_766_807).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), endValues[1]);
        Assert.Equal((100 * moves / 19_634_983.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), values[1]);

        var interregional = Attractiveness.SystemIndicesTable(Data, StudySpecification.Paper, Flow.Interregional, 2022).Columns["value"].Cast<string>().ToList();
        Assert.StartsWith("not computable: 19 of 20 regions lack interregional arrivals or departures", interregional[0]);
    }
}
