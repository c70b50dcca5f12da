using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Tests.Regions;

public class HarmonisationTests
{
    private static WorkbenchData Data => TestData.Data;

    [Fact]
    public void Sums_2022_successors_into_the_2018_units()
    {
        var all2022 = Data.MigrationValues(Flow.All, Measure.Balance).Where(m => m.Year == 2022);
        var result = Harmonisation.ToEra(all2022, BoundaryEra.Era2018, Data.Regions);

        var east = result.Values.Single(v => v.Region.Key == "east-kazakhstan");
        var expected = Data.MigrationValue("east-kazakhstan", 2022, Flow.All, Measure.Balance)!.Value
                       + Data.MigrationValue("abai", 2022, Flow.All, Measure.Balance)!.Value;
        Assert.Equal(expected, east.Value);
        Assert.True(east.IsHarmonised);
        Assert.Equal(Status.Derived, east.Status);
        Assert.Equal(BoundaryEra.Era2018, east.Boundaries);
        Assert.Contains("Abai", east.Note);
        Assert.Contains("East Kazakhstan", east.Note);
        Assert.Equal(["abai", "east-kazakhstan"], east.SummedFrom!.Select(r => r.Key));

        Assert.Equal(18, result.Values.Count); // 17 units + the country
        Assert.DoesNotContain(result.Values, v => v.Region.Key is "abai" or "zhetisu" or "ulytau");
        var akmola = result.Values.Single(v => v.Region.Key == "akmola");
        Assert.False(akmola.IsHarmonised);
        Assert.Equal(result.Values.Single(v => v.Region.IsCountry).Value, result.Values.Where(v => !v.Region.IsCountry).Sum(v => v.Value));
        Assert.Empty(result.Gaps);
    }

    [Fact]
    public void Harmonised_2022_interregional_balances_still_sum_to_zero()
    {
        var values = Data.MigrationValues(Flow.Interregional, Measure.Balance).Where(m => m.Year == 2022);
        var result = Harmonisation.ToEra(values, BoundaryEra.Era2015, Data.Regions);
        Assert.Equal(16, result.Values.Count);
        Assert.Equal(0, result.Values.Sum(v => v.Value));
        Assert.Equal(
            Data.MigrationValue("turkestan", 2022, Flow.Interregional, Measure.Balance)!.Value + Data.MigrationValue("shymkent-city", 2022, Flow.Interregional, Measure.Balance)!.Value,
            result.Values.Single(v => v.Region.Key == "south-kazakhstan").Value);
    }

    [Fact]
    public void A_sum_with_a_part_missing_is_missing_not_partial()
    {
        var values = Data.MigrationValues(Flow.All, Measure.Balance).Where(m => m.Year == 2022 && m.Region.Key != "abai");
        var result = Harmonisation.ToEra(values, BoundaryEra.Era2018, Data.Regions);
        Assert.DoesNotContain(result.Values, v => v.Region.Key == "east-kazakhstan");
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(("east-kazakhstan", 2022), (gap.Region.Key, gap.Year));
        Assert.Contains("Abai", gap.Reason);
    }

    [Fact]
    public void Ratios_and_per_capita_values_are_refused()
    {
        var grp = Data.IndicatorValues("grp_per_capita");
        var e = Assert.Throws<NotAdditiveException>(() => Harmonisation.ToEra(grp, BoundaryEra.Era2018, Data.Regions));
        Assert.Contains("grp_per_capita", e.Message);
        Assert.Throws<NotAdditiveException>(() => Harmonisation.ToEra(Data.IndicatorValues("unemployment_rate"), BoundaryEra.Era2015, Data.Regions));
    }

    [Fact]
    public void Counts_are_summed()
    {
        var doctors = Harmonisation.ToEra(Data.IndicatorValues("doctors"), BoundaryEra.Era2018, Data.Regions);
        var karaganda2022 = doctors.Values.Single(v => v.Region.Key == "karaganda" && v.Year == 2022);
        Assert.Equal(Data.FindIndicator("karaganda", 2022, "doctors")!.Value + Data.FindIndicator("ulytau", 2022, "doctors")!.Value, karaganda2022.Value);
        Assert.True(karaganda2022.IsHarmonised);
        // 2015–2017 South Kazakhstan cannot be split into 2018 units.
        Assert.Contains(doctors.Gaps, g => g.Region.Key == "south-kazakhstan" && g.Year == 2017 && g.Reason.StartsWith("not comparable", StringComparison.Ordinal));
        Assert.Contains(doctors.Values, v => v.Region.Key == "akmola" && v.Year == 2016 && !v.IsHarmonised);
    }

    [Fact]
    public void Older_figures_of_changed_units_are_not_comparable_with_newer_boundaries()
    {
        var values = Data.MigrationValues(Flow.All, Measure.Balance).Where(m => m.Year == 2019);
        var result = Harmonisation.ToEra(values, BoundaryEra.Era2022, Data.Regions);
        Assert.Contains(result.Gaps, g => g.Region.Key == "east-kazakhstan");
        Assert.Contains(result.Gaps, g => g.Region.Key == "almaty-region");
        Assert.Contains(result.Values, v => v.Region.Key == "akmola");
        Assert.DoesNotContain(result.Values, v => v.Region.Key == "karaganda");
    }

    [Fact]
    public void Interregional_arrivals_are_not_summed_across_a_split()
    {
        var abai = Data.FindMigration("abai", 2022, Flow.Internal, Measure.Arrivals)!;
        var east = Data.FindMigration("east-kazakhstan", 2022, Flow.Internal, Measure.Arrivals)!;
        var inter = new[] { abai with { Flow = Flow.Interregional }, east with { Flow = Flow.Interregional } };
        var result = Harmonisation.ToEra(inter, BoundaryEra.Era2018, Data.Regions);
        Assert.Empty(result.Values);
        Assert.Contains("internal to the old unit", Assert.Single(result.Gaps).Reason);

        // Internal arrivals are additive: moves between the successors were moves inside the old unit.
        var internalResult = Harmonisation.ToEra([abai, east], BoundaryEra.Era2018, Data.Regions);
        Assert.Equal(abai.Value + east.Value, Assert.Single(internalResult.Values).Value);
    }

    [Fact]
    public void Interregional_arrivals_and_departures_of_merged_units_come_exactly_from_the_matrix()
    {
        // 2023 figures on the 20 units of 2022, read on the 17 units of 2018: summing Abai and East Kazakhstan would count
        // the moves between them; the matrix aggregated to the 2018 era drops them.
        var year = Data.FlowMatrices.Where(m => m.Boundaries == BoundaryEra.Era2022 && m.Period == Period.JanDec).Select(m => m.Year).Max();
        var figures = Data.DerivedFromMatrices(BoundaryEra.Era2022).Where(o => o.Year == year && o.Measure != Measure.Balance).ToList();
        Assert.NotEmpty(Harmonisation.ToEra(figures, BoundaryEra.Era2018, Data.Regions).Gaps); // a sum would be wrong: gaps

        var result = Harmonisation.ToEra(figures, BoundaryEra.Era2018, Data);
        Assert.Empty(result.Gaps);
        var matrix = Data.FlowMatrix(year, BoundaryEra.Era2018)!;
        foreach (var unit in Data.Regions.UnitsIn(BoundaryEra.Era2018))
        {
            Assert.Equal(matrix.Arrivals(unit.Key), result.Values.Single(v => v.Region.Key == unit.Key && v.Measure == Measure.Arrivals).Value);
            Assert.Equal(matrix.Departures(unit.Key), result.Values.Single(v => v.Region.Key == unit.Key && v.Measure == Measure.Departures).Value);
        }
    }
}
