using KzMigration.Estimation;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Statistics;

namespace KzMigration.Tests.Estimation;

/// <summary>The push–pull model on the bundled data: one record per factor, the housing choice, coverage, clustering.</summary>
public sealed class PushPullModelTests
{
    private static readonly Lazy<PushPullResult> Baseline = new(() => PushPullModel.Estimate(TestData.Data));

    [Fact]
    public void One_record_per_factor_in_the_specification_order_with_clustered_inference()
    {
        var r = Baseline.Value;
        Assert.Equal(EstimationSpec.Default.PushPull, r.Factors.Select(f => f.Factor));
        Assert.Equal(GravityVariant.PushPull, r.Model.Variant);
        foreach (var f in r.Factors)
        {
            Assert.Equal(GravityModel.Ratio(f.Factor), f.Column);
            Assert.Equal(r.Clusters - 1, f.DegreesOfFreedom);
            Assert.Equal(MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, f.DegreesOfFreedom, 0.975), f.Critical, 12);
            Assert.Equal(f.Estimate - f.Critical * f.StdError, f.Lower, 12);
            Assert.Equal(f.Estimate + f.Critical * f.StdError, f.Upper, 12);
            Assert.True(f.StdError > 0);
            Assert.Equal(r.N, f.N);
            Assert.Contains("CR1 clustered by ordered pair", f.StandardErrors, StringComparison.Ordinal);
        }
        Assert.Same(r.Factors[2], r.For("unemployment_rate"));
        Assert.Throws<KeyNotFoundException>(() => r.For("doctors"));
    }

    [Fact]
    public void The_model_carries_distance_contiguity_populations_and_year_effects()
    {
        var columns = Baseline.Value.Model.Ppml.Frame.Columns;
        foreach (var c in new[] { GravityModel.LogDistance, GravityModel.Contiguity, GravityModel.CityHinterland, GravityModel.LogPopulationOrigin, GravityModel.LogPopulationDestination })
            Assert.Contains(c, columns);
        Assert.All(columns.Where(c => c.Contains('=')), c => Assert.StartsWith("year=", c));
    }

    [Fact]
    public void Housing_is_the_studys_choice_resale_by_default_and_new_housing_on_request()
    {
        var resale = Baseline.Value.For(HousingChoice.FactorId);
        Assert.Equal("housing_price_resale_per_m2", resale.Indicator);
        var pair = Baseline.Value.Model.Pairs.First(p => p.Year == 2023 && p.Origin == "akmola" && p.Destination == "aktobe");
        var d = TestData.Data;
        var expected = Math.Log(d.FindIndicator("aktobe", 2022, "housing_price_resale_per_m2")!.Value / d.FindIndicator("akmola", 2022, "housing_price_resale_per_m2")!.Value);
        Assert.Equal(expected, pair.Regressors[GravityModel.Ratio(HousingChoice.FactorId)]!.Value, 12);

        var fresh = PushPullModel.Estimate(TestData.Data, EstimationSpec.Default, new HousingChoice(HousingPrice.New));
        Assert.Equal("housing_price_new_per_m2", fresh.For(HousingChoice.FactorId).Indicator);
        Assert.Contains(PushPullModel.Notes(fresh), n => n.Contains("housing_price_new_per_m2", StringComparison.Ordinal));
        // State-programme prices stay out unless the choice includes them: no ratio is built on one.
        var programme = TestData.Data.HousingPrices("housing_price_new_per_m2", includeProgrammePrices: true).Where(o => o.IsProgrammePrice).Select(o => (o.Region.Key, o.Year)).ToHashSet();
        var lag = EstimationSpec.Default.Lag ? 1 : 0;
        Assert.All(fresh.Model.Pairs.Where(p => programme.Contains((p.Origin, p.Year - lag)) || programme.Contains((p.Destination, p.Year - lag))),
            p => Assert.Null(p.Regressors[GravityModel.Ratio(HousingChoice.FactorId)]));
    }

    [Fact]
    public void Every_flow_year_whose_factors_exist_enters_and_the_others_say_why_not()
    {
        var r = Baseline.Value;
        var coverage = PushPullModel.CoverageTable(r);
        Assert.Equal(r.Model.Pairs.Select(p => p.Year).Distinct().Count(), coverage.Rows.Count);
        Assert.Equal(r.N, Enumerable.Range(0, (int)coverage.Rows.Count).Sum(i => (int)coverage["used"][i]!));
        for (var i = 0; i < coverage.Rows.Count; i++)
            if ((int)coverage["used"][i]! < (int)coverage["pairs"][i]!) Assert.StartsWith("missing log_ratio_", (string)coverage["why_not"][i]);
        // Each used year's pairs all have every factor; a year with a factor missing everywhere contributes nothing.
        Assert.All(r.Model.Ppml.Frame.Labels, l => Assert.Contains(int.Parse(l[..4], System.Globalization.CultureInfo.InvariantCulture), r.Years));
    }

    [Fact]
    public void The_factors_are_a_recorded_choice()
    {
        var spec = SpecificationParser.ParseEstimation("push_pull=income_per_capita,unemployment_rate");
        var r = PushPullModel.Estimate(TestData.Data, spec);
        Assert.Equal(["income_per_capita", "unemployment_rate"], r.Factors.Select(f => f.Factor));
        // Fewer factors never lose a pair: every pair with all five has these two.
        Assert.True(r.N >= Baseline.Value.N);
        Assert.Contains(SpecificationFormatter.Format(spec), PushPullModel.Notes(r)[1]);
        var table = PushPullModel.Table(r);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(r.Factors[0].StdError, (double)table["se"][0]!);
        Assert.Equal(r.Factors[0].Critical, (double)table["critical_t"][0]!);
    }

    [Fact]
    public void Two_way_clustering_applies_to_the_push_pull_model_too()
    {
        var r = PushPullModel.Of(GravityModel.Fit(SpecificationParser.ParseEstimation("gravity_cluster=origin-destination"), GravityVariant.PushPull, Baseline.Value.Model.Era, Baseline.Value.Model.Pairs));
        Assert.Contains("two-way", r.Factors[0].StandardErrors, StringComparison.Ordinal);
        Assert.Equal(Baseline.Value.Factors[0].Estimate, r.Factors[0].Estimate, 10);
        Assert.Throws<ArgumentException>(() => PushPullModel.Of(GravityModel.Fit(EstimationSpec.Default, GravityVariant.Pooled, Baseline.Value.Model.Era, Baseline.Value.Model.Pairs)));
    }
}
