using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Tests.Data;

/// <summary>Interregional arrivals, departures and balances derived from od-flows.csv, and the official-wins rule.</summary>
public class FlowMatricesTests
{
    private static WorkbenchData Data => TestData.Data;

    [Fact]
    public void Derived_values_are_in_the_boundaries_of_their_year_with_status_derived_and_the_derivation_named()
    {
        var sk = Data.FindMigration("south-kazakhstan", 2015, Flow.Interregional, Measure.Arrivals)!;
        Assert.Equal(Status.Derived, sk.Status);
        Assert.Equal(BoundaryEra.Era2015, sk.Boundaries);
        Assert.Contains("column sum", sk.Note);
        Assert.Contains("South Kazakhstan = Turkestan + Shymkent city", sk.Note);
        Assert.Contains("BNS via a third-party compilation", sk.Note);
        Assert.Null(Data.FindMigration("turkestan", 2015, Flow.Interregional, Measure.Arrivals));

        // By hand from od-flows.csv: the column «south-kazakhstan» of the 16-unit matrix.
        var m = Data.FlowMatrix(2015, BoundaryEra.Era2022)!;
        var between = m["turkestan", "shymkent-city"] + m["shymkent-city", "turkestan"];
        Assert.Equal(m.Arrivals("turkestan") + m.Arrivals("shymkent-city") - between, sk.Value);

        Assert.Equal(17, Data.MigrationValues(Flow.Interregional, Measure.Balance).Count(v => v.Year == 2020));
        Assert.Equal(16, Data.MigrationValues(Flow.Interregional, Measure.Balance).Count(v => v.Year == 2015));
        Assert.Equal(0, Data.MigrationValues(Flow.Interregional, Measure.Balance).Where(v => v.Year is 2015 or 2020 or 2024).Sum(v => v.Value));
    }

    [Fact]
    public void Official_figures_win_and_a_disagreement_names_both_values()
    {
        var almaty = Data.FindMigration("almaty-region", 2023, Flow.Interregional, Measure.Balance)!;
        Assert.Equal(-202, almaty.Value);
        Assert.NotEqual(Status.Derived, almaty.Status);
        Assert.Equal(Status.Derived, Data.FindMigration("almaty-region", 2023, Flow.Interregional, Measure.Arrivals)!.Status);
        Assert.Contains(Data.Warnings, w => w.Rule == "od-derived-disagrees" && w.Message.Contains("-202") && w.Message.Contains("-849"));

        // Agreeing official figures give no warning: Turkestan 2021 arrivals (exact) and the rounded 2021 city balances.
        var turkestan = Data.FindMigration("turkestan", 2021, Flow.Interregional, Measure.Arrivals)!;
        Assert.Equal(Status.Exact, turkestan.Status);
        Assert.Equal(26285, Data.FlowMatrix(2021)!.Arrivals("turkestan"));
        Assert.Equal(32000, Data.FindMigration("astana-city", 2021, Flow.Interregional, Measure.Balance)!.Value);
        Assert.DoesNotContain(Data.Warnings, w => w.Message.Contains("2021"));
    }

    [Fact]
    public void Pavlodar_2022_keeps_its_bundled_figures()
    {
        Assert.Null(Data.FlowMatrix(2022));
        Assert.Equal(5979, Data.MigrationValue("pavlodar", 2022, Flow.Interregional, Measure.Arrivals));
        Assert.Equal(8827, Data.MigrationValue("pavlodar", 2022, Flow.Interregional, Measure.Departures));
    }

    [Fact]
    public void Derived_values_exist_in_every_era()
    {
        var in2015 = Data.DerivedFromMatrices(BoundaryEra.Era2015);
        Assert.Equal(6 * 16 * 3, in2015.Count);
        Assert.All(in2015, v => Assert.Equal(Status.Derived, v.Status));
        var sk2023 = in2015.Single(v => v.Year == 2023 && v.Region.Key == "south-kazakhstan" && v.Measure == Measure.Balance);
        Assert.Equal(Data.FlowMatrix(2023)!.Balance("turkestan") + Data.FlowMatrix(2023)!.Balance("shymkent-city"), sk2023.Value);
        // The bundled matrices are recalculated on the 2022 units, so every year has 2022-era values too.
        Assert.Equal(6 * 20 * 3, Data.DerivedFromMatrices(BoundaryEra.Era2022).Count);
    }

    [Fact]
    public void An_incomplete_block_derives_nothing_and_says_so()
    {
        var dir = TestData.Fixture();
        var rows = File.ReadAllLines(Path.Combine(TestData.DataDirectory, "od-flows.csv"));
        File.WriteAllLines(Path.Combine(dir, "od-flows.csv"), [rows[0], .. rows.Skip(1).Where(r => r.StartsWith("2024,", StringComparison.Ordinal)).Skip(1)]);
        var data = WorkbenchData.Load(dir);
        Assert.Empty(data.FlowMatrices);
        Assert.Empty(data.Migration);
        Assert.Contains(data.Warnings, w => w.Rule == "od-incomplete" && w.Message.Contains("379 of the 380"));
    }

    [Fact]
    public void A_fixture_with_one_matrix_derives_20_units_and_checks_official_balances()
    {
        var rows = File.ReadAllLines(Path.Combine(TestData.DataDirectory, "od-flows.csv"));
        var block = rows.Skip(1).Where(r => r.StartsWith("2024,", StringComparison.Ordinal)).ToList();
        var m = Data.FlowMatrix(2024)!;
        // An official Astana balance 1 person off, and a rounded Almaty city balance within 5 %.
        var astana = m.Balance("astana-city");
        var almaty = Math.Round(m.Balance("almaty-city") / 1000) * 1000;
        var dir = TestData.Fixture(
            $"almaty-city,2024,Jan-Dec,interregional,balance,{almaty},rounded,,datathon-everything,\n" +
            $"astana-city,2024,Jan-Dec,interregional,balance,{astana + 1},exact,,datathon-everything,\n");
        File.WriteAllLines(Path.Combine(dir, "od-flows.csv"), [rows[0], .. block]);
        var data = WorkbenchData.Load(dir);
        Assert.Equal(60 - 2 + 2, data.Migration.Count);
        var warning = Assert.Single(data.Warnings, w => w.Rule == "od-derived-disagrees");
        Assert.Contains($"official {astana + 1}", warning.Message);
        Assert.Contains($"gives {astana}", warning.Message);
    }
}
