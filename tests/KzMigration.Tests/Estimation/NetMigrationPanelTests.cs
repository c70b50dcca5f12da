using KzMigration.Specification;
using System.Globalization;
using System.Text;
using KzMigration.Estimation;
using KzMigration.Statistics;
using KzMigration.Tests.Statistics;

namespace KzMigration.Tests.Estimation;

/// <summary>The net migration panel on the bundled data: rows, boundary handling, the statsmodels fixture, what-if.</summary>
public sealed class NetMigrationPanelTests
{
    private static readonly Lazy<NetMigrationPanelResult> Baseline = new(() => NetMigrationPanel.Estimate(TestData.Data));

    [Fact]
    public void Rate_is_net_migration_per_1000_mean_population_from_population_csv()
    {
        var row = Baseline.Value.Rows.Single(r => r.Region.Key == "akmola" && r.Year == 2019);
        var balance = TestData.Data.MigrationValue("akmola", 2019, KzMigration.Migration.Flow.All, KzMigration.Migration.Measure.Balance)!.Value;
        var p0 = TestData.Data.PopulationAt("akmola", new DateOnly(2019, 1, 1))!.Value;
        var p1 = TestData.Data.PopulationAt("akmola", new DateOnly(2020, 1, 1))!.Value;
        Assert.Equal(1000 * balance / ((p0 + p1) / 2), row.Rate!.Value, 10);
    }

    [Fact]
    public void The_end_of_year_population_of_an_old_unit_sums_its_successors()
    {
        // 1 January 2022 is published on the 20 units: Almaty region's 2021 territory = Almaty region + Zhetisu.
        var row = Baseline.Value.Rows.Single(r => r.Region.Key == "almaty-region" && r.Year == 2021);
        var d = TestData.Data;
        var expected = (d.PopulationAt("almaty-region", new DateOnly(2021, 1, 1))!.Value
                        + d.PopulationAt("almaty-region", new DateOnly(2022, 1, 1))!.Value + d.PopulationAt("zhetisu", new DateOnly(2022, 1, 1))!.Value) / 2;
        Assert.Equal(expected, row.Population!.Value, 6);
        Assert.Contains("almaty-region + zhetisu", row.Population.Derivation);
    }

    [Fact]
    public void Territories_are_never_mixed_a_changed_region_is_a_new_unit_and_a_lag_across_a_change_is_dropped()
    {
        var result = Baseline.Value;
        var almaty2022 = result.Rows.Single(r => r.Region.Key == "almaty-region" && r.Year == 2022);
        Assert.Equal("almaty-region@2022", almaty2022.Unit);
        Assert.Contains("2018-era territory", almaty2022.Missing);
        Assert.Equal("almaty-region@2015", result.Rows.Single(r => r.Region.Key == "almaty-region" && r.Year == 2020).Unit);
        Assert.Equal("akmola", result.Rows.Single(r => r.Region.Key == "akmola" && r.Year == 2022).Unit);
        // Every dropped row is counted with its reason; none is zero-filled.
        Assert.Equal(result.Rows.Count, result.N + result.Frame.Dropped.Count);
        Assert.All(result.Rows.Where(r => r.Missing is not null), r => Assert.DoesNotContain($"{r.Region.Key} {r.Year}", result.Frame.Labels));
    }

    [Fact]
    public void Lag_and_units_choices_change_the_sample_as_recorded()
    {
        var noLag = NetMigrationPanel.Estimate(TestData.Data, SpecificationParser.ParseEstimation("lag=no; replications=199"));
        Assert.Contains("akmola 2015", noLag.Frame.Labels);
        Assert.DoesNotContain("akmola 2015", Baseline.Value.Frame.Labels);
        var stable = NetMigrationPanel.Estimate(TestData.Data, SpecificationParser.ParseEstimation("units=stable; replications=199"));
        Assert.DoesNotContain(stable.Rows, r => r.Region.Key is "almaty-region" or "turkestan" or "abai" or "south-kazakhstan");
        Assert.Equal(12, stable.Clusters);
    }

    [Fact]
    public void The_estimate_is_deterministic_and_carries_its_specification()
    {
        var again = NetMigrationPanel.Estimate(TestData.Data);
        Assert.Equal(Baseline.Value.Coefficients, again.Coefficients);
        Assert.Contains(SpecificationFormatter.Format(EstimationSpec.Default), NetMigrationPanel.Notes(again)[0]);
    }

    [Fact]
    public void What_if_scales_the_coefficient_and_its_interval_by_log_of_the_factor()
    {
        var result = Baseline.Value;
        var w = NetMigrationPanel.WhatIf(result, TestData.Data, "turkestan", "income_per_capita", 1.10);
        var b = result.For("income_per_capita");
        Assert.Equal(b.Estimate * Math.Log(1.1), w.RateChange, 12);
        Assert.Equal(Math.Min(b.Lower, b.Upper) * Math.Log(1.1), w.RateLower, 12);
        Assert.Equal(w.RateChange * w.Population.Value / 1000, w.PersonsChange, 9);
    }

    /// <summary>
    /// The bundled-data panel exported for the statsmodels reference (Statistics/reference/panel.csv). The committed
    /// file must equal a fresh export; set KZMIG_WRITE_REFERENCE=1 to rewrite it, then run make_reference.py.
    /// </summary>
    [Fact]
    public void Bundled_panel_fixture_is_the_current_panel()
    {
        ReferenceFixture.AssertCurrent("panel.csv", PanelCsv(Baseline.Value));
    }

    internal static string PanelCsv(NetMigrationPanelResult result)
    {
        var ids = result.Spec.Indicators;
        var used = result.Frame.Labels.ToHashSet(StringComparer.Ordinal);
        var sb = new StringBuilder("label,cluster,unit,year,net_migration_rate," + string.Join(",", ids.Select(NetMigrationPanel.Column)) + "\n");
        static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        foreach (var r in result.Rows.Where(r => used.Contains($"{r.Region.Key} {r.Year.ToString(CultureInfo.InvariantCulture)}")))
            sb.Append(CultureInfo.InvariantCulture, $"{r.Region.Key} {r.Year},{r.Region.Key},{r.Unit},{r.Year},{N(r.Rate)},{string.Join(",", ids.Select(id => N(r.Regressors[id])))}\n");
        return sb.ToString();
    }
}

public sealed class PanelSensitivityTests
{
    [Fact]
    public void Sensitivity_table_has_a_row_per_choice_and_coefficient_and_the_baseline_rows_match_the_estimate()
    {
        var spec = SpecificationParser.ParseEstimation("replications=199");
        var table = KzMigration.Estimation.NetMigrationPanel.SensitivityTable(TestData.Data, spec, ["", "lag=no", "indicators=income_per_capita"]);
        Assert.Equal(3 + 3 + 1, table.Rows.Count);
        var baseline = KzMigration.Estimation.NetMigrationPanel.Estimate(TestData.Data, spec);
        Assert.Equal(baseline.For("income_per_capita").Estimate, (double)table["coefficient"][0]!, 12);
        Assert.Equal("indicators=income_per_capita", table["choice"][6]);
    }
}
