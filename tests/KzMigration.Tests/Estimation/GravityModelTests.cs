using System.Globalization;
using System.Text;
using KzMigration.Estimation;
using KzMigration.Regions;
using KzMigration.Specification;
using KzMigration.Statistics;
using KzMigration.Tests.Statistics;

namespace KzMigration.Tests.Estimation;

/// <summary>Distances, contiguity and the gravity model on the bundled flows.</summary>
public sealed class GravityModelTests
{
    private static readonly Lazy<GravityResult> Pooled = new(() => GravityModel.Estimate(TestData.Data, EstimationSpec.Default, GravityVariant.Pooled));

    private static readonly Lazy<GravityResult> Structural = new(() => GravityModel.Fit(EstimationSpec.Default, GravityVariant.Structural, BoundaryEra.Era2018, Pooled.Value.Pairs));

    [Fact]
    public void Haversine_matches_a_hand_computed_distance()
    {
        // One degree of latitude along a meridian: R·π/180 = 111.1951 km.
        Assert.Equal(RegionGeometry.EarthRadiusKm * Math.PI / 180, RegionGeometry.DistanceKm(new(70, 45), new(70, 46)), 9);
        // A quarter of the equator.
        Assert.Equal(RegionGeometry.EarthRadiusKm * Math.PI / 2, RegionGeometry.DistanceKm(new(0, 0), new(90, 0)), 9);
    }

    [Fact]
    public void Centroid_of_a_square_is_its_centre_and_a_hole_moves_it()
    {
        var region = TestData.Data.Regions["akmola"];
        IReadOnlyList<(double, double)> square = [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)];
        var c = RegionGeometry.Centroid(new RegionShape(region, [[square]]));
        Assert.Equal(1, c.Lon, 9);
        Assert.Equal(1, c.Lat, 9);
        IReadOnlyList<(double, double)> hole = [(1, 0.5), (1.5, 0.5), (1.5, 1.5), (1, 1.5), (1, 0.5)];
        Assert.True(RegionGeometry.Centroid(new RegionShape(region, [[square, hole]])).Lon < 1);
    }

    [Fact]
    public void Bundled_polygons_give_known_neighbours_and_distances()
    {
        var shapes = RegionGeometry.Read(Path.Combine(TestData.DataDirectory, "boundaries"), BoundaryEra.Era2022, TestData.Data.Regions);
        Assert.Equal(20, shapes.Count);
        var g = RegionGeometry.Pairs(shapes);
        Assert.True(g.Contiguous[("astana-city", "akmola")]);
        Assert.True(g.Contiguous[("almaty-city", "almaty-region")]);
        Assert.True(g.Contiguous[("shymkent-city", "turkestan")]);
        Assert.False(g.Contiguous[("astana-city", "almaty-city")]);
        Assert.False(g.Contiguous[("mangystau", "east-kazakhstan")]);
        // Astana–Almaty is about 970 km as the crow flies.
        Assert.InRange(g.DistanceKm[("astana-city", "almaty-city")], 930, 1010);
        Assert.Equal(g.DistanceKm[("astana-city", "almaty-city")], g.DistanceKm[("almaty-city", "astana-city")]);
    }

    [Fact]
    public void Pooled_model_uses_the_2018_era_units_and_counts_what_it_drops()
    {
        var r = Pooled.Value;
        Assert.Equal(BoundaryEra.Era2018, r.Era);
        Assert.Contains(2020, r.Years);
        Assert.Contains(2021, r.Years);
        Assert.DoesNotContain(r.Pairs, p => p.Origin is "abai" or "zhetisu" or "ulytau");
        Assert.Equal(r.Pairs.Count, r.Ppml.Frame.N + r.Ppml.Frame.Dropped.Count);
        Assert.Equal(r.Ppml.Frame.N - r.Ppml.Frame.Y.Count(y => y == 0), r.LogOls.Frame.N);
        // Distance deters, as everywhere: a negative elasticity several clustered standard errors from zero.
        var b = r.For(GravityModel.LogDistance);
        Assert.True(b.Estimate < 0 && b.Upper < 0 && Math.Abs(b.T) > 3);
    }

    [Fact]
    public void Structural_model_estimates_the_pair_regressors_with_origin_year_and_destination_year_effects()
    {
        var r = Structural.Value;
        Assert.Equal([GravityModel.LogDistance, GravityModel.Contiguity, GravityModel.CityHinterland], r.Regressors);
        Assert.Equal(r.Regressors, r.Ppml.Frame.Columns.Skip(1).Take(3));
        Assert.Contains(r.Ppml.Frame.Columns, c => c.StartsWith("origin_year=", StringComparison.Ordinal));
        Assert.True(r.For(GravityModel.LogDistance).Estimate < 0);
        // Every pair enters, whatever the indicators: the effects absorb them.
        Assert.Empty(r.Ppml.Frame.Dropped);
    }

    [Fact]
    public void Errors_are_clustered_by_ordered_pair_for_both_estimators_by_default()
    {
        var r = Structural.Value;
        Assert.Equal(GravityClustering.Pair, EstimationSpec.Default.GravityCluster);
        Assert.Null(r.Clustering.Second);
        var pairs = r.Ppml.Frame.Clusters.Distinct().Count();
        Assert.Equal(pairs, r.Clustering.Clusters);
        Assert.Equal(pairs - 1, r.PpmlCoefficients[0].DegreesOfFreedom);
        // The same CR1-by-pair errors by hand, for PPML and for OLS on log flows.
        var ppml = RobustCovariance.Clustered(r.Ppml.Bread, r.Ppml.Scores, r.Ppml.Frame.Clusters);
        var j = r.Ppml.Frame.Column(GravityModel.LogDistance);
        Assert.Equal(Math.Sqrt(ppml[j, j]), r.For(GravityModel.LogDistance).StdError, 12);
        var ols = RobustCovariance.Cr1(r.LogOls);
        var k = r.LogOls.Frame.Column(GravityModel.LogDistance);
        Assert.Equal(Math.Sqrt(ols[k, k]), r.LogOlsCoefficients[0].StdError, 12);
        // A pair's five years are not five independent observations: clustering widens the HC0 error.
        Assert.True(r.For(GravityModel.LogDistance).StdError > 1.3 * r.Ppml.StandardErrors[j]);
        Assert.Contains(GravityModel.Notes(r), n => n.Contains("CR1 clustered by ordered pair", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_way_clustering_by_origin_and_destination_is_the_recorded_option()
    {
        var spec = SpecificationParser.ParseEstimation("gravity_cluster=origin-destination");
        var r = GravityModel.Fit(spec, GravityVariant.Structural, Structural.Value.Era, Structural.Value.Pairs);
        Assert.NotNull(r.Clustering.Second);
        Assert.Equal(17, r.Clustering.FirstCount);
        Assert.Equal(17, r.Clustering.SecondCount);
        Assert.Equal(16, r.For(GravityModel.LogDistance).DegreesOfFreedom);
        Assert.Equal(Structural.Value.For(GravityModel.LogDistance).Estimate, r.For(GravityModel.LogDistance).Estimate, 10);
        var origin = r.Ppml.Frame.Labels.Select(l => l.Split(' ')[1].Split('>')[0]).ToList();
        var destination = r.Ppml.Frame.Labels.Select(l => l.Split('>')[1]).ToList();
        var v = RobustCovariance.TwoWay(r.Ppml.Bread, r.Ppml.Scores, origin, destination);
        var j = r.Ppml.Frame.Column(GravityModel.LogDistance);
        Assert.Equal(Math.Sqrt(v[j, j]), r.For(GravityModel.LogDistance).StdError, 12);
        Assert.Contains("two-way", GravityModel.Notes(r)[4], StringComparison.Ordinal);
    }

    [Fact]
    public void City_hinterland_pairs_come_from_the_registry_and_the_polygons()
    {
        var regions = TestData.Data.Regions;
        foreach (var era in new[] { BoundaryEra.Era2018, BoundaryEra.Era2022 })
        {
            var g = RegionGeometry.Pairs(RegionGeometry.Read(Path.Combine(TestData.DataDirectory, "boundaries"), era, regions));
            var pairs = GravityModel.Hinterlands(regions, g);
            Assert.Equal(
                new HashSet<(string, string)> { ("astana-city", "akmola"), ("akmola", "astana-city"), ("almaty-city", "almaty-region"), ("almaty-region", "almaty-city"),
                    ("shymkent-city", "turkestan"), ("turkestan", "shymkent-city") },
                pairs.ToHashSet());
        }
        var old = RegionGeometry.Pairs(RegionGeometry.Read(Path.Combine(TestData.DataDirectory, "boundaries"), BoundaryEra.Era2015, regions));
        Assert.Equal(4, GravityModel.Hinterlands(regions, old).Count);
        var r = Structural.Value;
        var hinterlands = GravityModel.Hinterlands(regions, RegionGeometry.Pairs(RegionGeometry.Read(Path.Combine(TestData.DataDirectory, "boundaries"), BoundaryEra.Era2018, regions)));
        Assert.All(r.Pairs, p => Assert.Equal(hinterlands.Contains((p.Origin, p.Destination)) ? 1 : 0, p.Regressors[GravityModel.CityHinterland]));
        var without = GravityModel.Fit(SpecificationParser.ParseEstimation("city_hinterland=no"), GravityVariant.Structural, r.Era, r.Pairs);
        Assert.DoesNotContain(GravityModel.CityHinterland, without.Regressors);
    }

    /// <summary>
    /// The gravity pairs exported for the statsmodels reference (Statistics/reference/gravity.csv): every pair with the
    /// pooled, structural and push–pull regressors, both cluster dimensions and the structural effects. KZMIG_WRITE_REFERENCE=1 rewrites it.
    /// </summary>
    [Fact]
    public void Bundled_gravity_fixture_is_the_current_sample()
    {
        ReferenceFixture.AssertCurrent("gravity.csv", GravityCsv(Structural.Value));
    }

    [Theory]
    [InlineData(GravityVariant.Pooled, "pair", "gravity-pooled")]
    [InlineData(GravityVariant.Pooled, "origin-destination", "gravity-pooled")]
    [InlineData(GravityVariant.Structural, "pair", "gravity-structural")]
    [InlineData(GravityVariant.Structural, "origin-destination", "gravity-structural")]
    [InlineData(GravityVariant.PushPull, "pair", "gravity-pushpull")]
    public void The_bundled_models_report_what_statsmodels_computes(GravityVariant variant, string clustering, string reference)
    {
        var spec = SpecificationParser.ParseEstimation($"gravity_cluster={clustering}");
        var r = GravityModel.Fit(spec, variant, Structural.Value.Era, Structural.Value.Pairs);
        var suffix = clustering == "pair" ? "pair" : "od";
        Compare(ReferenceModel($"{reference}-ppml-{suffix}"), r.PpmlCoefficients, r.CovarianceAdjusted);
        if (variant != GravityVariant.PushPull) Compare(ReferenceModel($"{reference}-ols-{suffix}"), r.LogOlsCoefficients, r.CovarianceAdjusted);
        // Only a two-way covariance can need the positive semi-definite repair.
        Assert.True(clustering != "pair" || !r.CovarianceAdjusted);
    }

    private static System.Text.Json.JsonElement ReferenceModel(string name) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceFixture.Folder, "reference.json"))).RootElement
            .GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);

    // statsmodels reports the raw two-way covariance; where the reported block was repaired (CGM 2011, §2.3: negative
    // eigenvalues set to zero, which can only add a positive semi-definite part) each variance is at least the raw one.
    private static void Compare(System.Text.Json.JsonElement m, IReadOnlyList<ClusteredCoefficient> coefficients, bool adjusted)
    {
        var columns = m.GetProperty("columns").EnumerateArray().Select(e => e.GetString()).ToList();
        foreach (var c in coefficients)
        {
            var j = columns.IndexOf(c.Column);
            Assert.True(j >= 0, c.Column);
            Assert.Equal(m.GetProperty("params")[j].GetDouble(), c.Estimate, 1e-6 * Math.Abs(c.Estimate));
            if (adjusted)
            {
                Assert.True(c.StdError * c.StdError >= m.GetProperty("variance")[j].GetDouble() * (1 - 1e-9), c.Column);
                continue;
            }
            Assert.Equal(m.GetProperty("bse")[j].GetDouble(), c.StdError, 1e-6 * c.StdError);
            Assert.Equal(m.GetProperty("conf_int")[j][0].GetDouble(), c.Lower, 1e-6 * Math.Abs(c.Lower) + 1e-12);
            Assert.Equal(m.GetProperty("conf_int")[j][1].GetDouble(), c.Upper, 1e-6 * Math.Abs(c.Upper) + 1e-12);
        }
    }

    private static string GravityCsv(GravityResult r)
    {
        var spec = r.Spec;
        string[] names = [.. new[] { GravityVariant.Pooled, GravityVariant.Structural, GravityVariant.PushPull }.SelectMany(v => GravityModel.Regressors(spec, v)).Distinct()];
        var groups = GravityModel.Observations(spec, GravityVariant.Structural, r.Pairs);
        var sb = new StringBuilder("label,cluster,origin,destination,year,origin_year,destination_year,flow," + string.Join(",", names) + "\n");
        static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        for (var i = 0; i < r.Pairs.Count; i++)
        {
            var p = r.Pairs[i];
            var o = groups[i];
            sb.Append(CultureInfo.InvariantCulture,
                $"{o.Label},{o.Cluster},{p.Origin},{p.Destination},{p.Year},{o.Groups["origin_year"]},{o.Groups["destination_year"]},{N(p.Flow)},{string.Join(",", names.Select(n => N(p.Regressors[n])))}\n");
        }
        return sb.ToString();
    }
}
