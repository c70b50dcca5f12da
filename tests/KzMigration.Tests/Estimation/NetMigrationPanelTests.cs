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

    private static readonly Lazy<NetMigrationPanelResult> Between = new(() => NetMigrationPanel.Estimate(TestData.Data, EstimationSpec.Default, PanelEffects.Between));

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
        Assert.Equal(Math.Min(b.Lower * Math.Log(1.1), b.Upper * Math.Log(1.1)), w.RateLower, 12);
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

    /// <summary>The between-region panel (year effects only) exported for the statsmodels reference (Statistics/reference/panel-between.csv).</summary>
    [Fact]
    public void Bundled_between_panel_fixture_is_the_current_panel()
    {
        ReferenceFixture.AssertCurrent("panel-between.csv", PanelCsv(Between.Value));
    }

    [Fact]
    public void Between_region_panel_has_year_effects_only_and_keeps_every_complete_region_year()
    {
        var b = Between.Value;
        Assert.Equal(PanelEffects.Between, b.Effects);
        Assert.DoesNotContain(b.Frame.Columns, c => c.StartsWith("unit=", StringComparison.Ordinal));
        Assert.Contains(b.Frame.Columns, c => c.StartsWith("year=", StringComparison.Ordinal));
        Assert.Equal(Baseline.Value.Rows.Count(r => r.Missing is null), b.N);
        Assert.Contains("year fixed effects only", NetMigrationPanel.Notes(b)[2]);
        Assert.Equal("year only", NetMigrationPanel.CoefficientTable(b, TestData.Data)["effects"][0]);
    }

    [Fact]
    public void Intervals_are_the_inverted_restricted_test_by_default_and_the_percentile_t_on_request()
    {
        var r = Baseline.Value;
        Assert.All(r.Coefficients, c =>
        {
            Assert.Equal(BootstrapInterval.Wcr, c.Interval);
            Assert.Equal((c.RestrictedLower, c.RestrictedUpper), (c.Lower, c.Upper));
            // Test–interval duality: the WCR interval excludes zero exactly when the WCR test rejects zero.
            Assert.Equal(c.PValue < 0.05, c.ExcludesZero);
        });
        var wcu = NetMigrationPanel.Estimate(TestData.Data, SpecificationParser.ParseEstimation("interval=wcu"));
        for (var k = 0; k < r.Coefficients.Count; k++)
        {
            Assert.Equal(BootstrapInterval.Wcu, wcu.Coefficients[k].Interval);
            Assert.Equal(r.Coefficients[k].UnrestrictedLower, wcu.Coefficients[k].Lower, 12);
            Assert.Equal(r.Coefficients[k].PValue, wcu.Coefficients[k].PValue);
        }
        Assert.Contains("inverted", NetMigrationPanel.Notes(r)[3]);
    }

    [Fact]
    public void Leave_one_region_out_refits_without_each_region_and_shows_what_astana_carries()
    {
        var r = Baseline.Value;
        var table = NetMigrationPanel.LeaveOneRegionOutTable(r);
        Assert.Equal(r.Clusters * r.Spec.Indicators.Count, table.Rows.Count);
        // Every region can be left out, the reference level of the region effects (akmola) included.
        Assert.All(Enumerable.Range(0, (int)table.Rows.Count), i => Assert.Equal("", table["note"][i]));
        int Row(string indicator, string region) =>
            Enumerable.Range(0, (int)table.Rows.Count).Single(i => (string)table["indicator"][i] == indicator && (string)table["region_left_out"][i] == region);
        var astana = Row("income_per_capita", "astana-city");
        // The refit by hand: the frame without Astana's rows, least squares again.
        var frame = r.Frame.Where(i => r.Frame.Clusters[i] != "astana-city", "left out");
        var expected = LinearRegression.Fit(frame)[NetMigrationPanel.Column("income_per_capita")];
        Assert.Equal(expected, (double)table["coefficient"][astana]!, 9);
        Assert.True(Math.Abs((double)table["change"][astana]!) > Math.Abs(r.For("income_per_capita").Estimate) / 2,
            "leaving Astana out should move the income coefficient by more than half of it");
    }

    [Fact]
    public void Influence_table_ranks_astana_2016_first_for_income()
    {
        var r = Baseline.Value;
        var table = NetMigrationPanel.InfluenceTable(r, top: 3);
        Assert.Equal(3 * r.Spec.Indicators.Count, table.Rows.Count);
        Assert.Equal("astana-city 2016", table["region_year"][0]);
        Assert.Equal(76314.0, (double)table["net_migration"][0]!);
        Assert.True(Math.Abs((double)table["coefficient_without"][0]!) < 10, "without Astana 2016 the income coefficient drops to single digits");
        Assert.Equal("yes", table["influential"][0]);
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

    [Fact]
    public void A_design_column_names_its_indicator_and_back()
    {
        foreach (var id in new[] { "income_per_capita", "unemployment_rate", "log_rel_x" })
            Assert.Equal(id, NetMigrationPanel.IndicatorOf(NetMigrationPanel.Column(id)));
        Assert.Equal("intercept", NetMigrationPanel.IndicatorOf("intercept"));
    }
}
