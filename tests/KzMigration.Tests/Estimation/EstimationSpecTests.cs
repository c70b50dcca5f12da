using KzMigration.Specification;
using KzMigration.Estimation;
using KzMigration.Statistics;

namespace KzMigration.Tests.Estimation;

public sealed class EstimationSpecTests
{
    [Fact]
    public void Text_form_round_trips_the_default_and_an_edited_specification()
    {
        Assert.Equal(EstimationSpec.Default, SpecificationParser.ParseEstimation(SpecificationFormatter.Format(EstimationSpec.Default)));
        var edited = EstimationSpec.Default with
        {
            Indicators = ["unemployment_rate"], Lag = false, FromYear = 2016, ToYear = 2021, Units = PanelUnits.Stable,
            Weights = BootstrapWeights.Rademacher, Replications = 199, Seed = 7, Confidence = 0.9, GravityYears = [2021, 2023], GravityEra = "2022",
            Interval = BootstrapInterval.Wcu, GravityCluster = GravityClustering.OriginDestination, CityHinterland = false,
            PushPull = ["avg_monthly_wage", "housing_price_per_m2"],
        };
        var text = SpecificationFormatter.Format(edited);
        Assert.Equal("indicators=unemployment_rate; lag=no; years=2016-2021; units=stable; weights=rademacher; replications=199; seed=7; confidence=0.9; gravity_years=2021,2023; gravity_era=2022; "
            + "interval=wcu; gravity_cluster=origin-destination; city_hinterland=no; push_pull=avg_monthly_wage,housing_price_per_m2", text);
        Assert.Equal(edited, SpecificationParser.ParseEstimation(text));
        Assert.NotEqual(EstimationSpec.Default, edited with { Interval = BootstrapInterval.Wcr, GravityCluster = GravityClustering.Pair, CityHinterland = true });
    }

    [Fact]
    public void Defaults_are_the_inverted_restricted_bootstrap_pair_clustering_a_hinterland_dummy_and_five_push_pull_factors()
    {
        var d = EstimationSpec.Default;
        Assert.Equal(BootstrapInterval.Wcr, d.Interval);
        Assert.Equal(BootstrapInterval.Wcr, d.Bootstrap.Interval);
        Assert.Equal(GravityClustering.Pair, d.GravityCluster);
        Assert.True(d.CityHinterland);
        Assert.Equal(["income_per_capita", "grp_per_capita", "unemployment_rate", "avg_monthly_wage", "housing_price_per_m2"], d.PushPull);
        Assert.EndsWith("interval=wcr; gravity_cluster=pair; city_hinterland=yes; push_pull=income_per_capita,grp_per_capita,unemployment_rate,avg_monthly_wage,housing_price_per_m2",
            SpecificationFormatter.Format(d));
        // Each new field is reachable through the study's paths too.
        var study = SpecificationParser.Parse("estimation.interval=wcu; estimation.gravity_cluster=origin-destination; estimation.city_hinterland=no; estimation.push_pull=avg_monthly_wage");
        Assert.Equal(d with { Interval = BootstrapInterval.Wcu, GravityCluster = GravityClustering.OriginDestination, CityHinterland = false, PushPull = ["avg_monthly_wage"] }, study.Estimation);
        Assert.Equal(study, SpecificationParser.Parse(SpecificationFormatter.Format(study)));
    }

    [Fact]
    public void Parse_applies_only_what_is_given_and_blank_keeps_the_baseline()
    {
        Assert.Equal(EstimationSpec.Default, SpecificationParser.ParseEstimation(""));
        var s = SpecificationParser.ParseEstimation("lag=no");
        Assert.False(s.Lag);
        Assert.Equal(EstimationSpec.Default with { Lag = false }, s);
    }

    [Theory]
    [InlineData("lag=maybe", "lag: 'maybe' is not yes or no")]
    [InlineData("replications=10", "replications")]
    [InlineData("years=2022-2015", "years")]
    [InlineData("colour=red", "unknown parameter 'colour'")]
    [InlineData("lag=no; lag=yes", "given twice")]
    [InlineData("lag", "not name=value")]
    [InlineData("confidence=95", "confidence")]
    [InlineData("interval=percentile", "interval: 'percentile' is not an interval; expected wcr or wcu")]
    [InlineData("gravity_cluster=region", "gravity_cluster: 'region'")]
    [InlineData("city_hinterland=maybe", "city_hinterland: 'maybe'")]
    [InlineData("push_pull=wage,wage", "push_pull")]
    [InlineData("push_pull=", "push_pull")]
    public void Bad_text_names_the_item_and_shows_an_example(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SpecificationParser.ParseEstimation(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_is_culture_invariant()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ru-KZ");
            Assert.Equal(0.9, SpecificationParser.ParseEstimation("confidence=0.9").Confidence);
            Assert.Contains("confidence=0.95", SpecificationFormatter.Format(EstimationSpec.Default));
        }
        finally { Thread.CurrentThread.CurrentCulture = before; }
    }
}
