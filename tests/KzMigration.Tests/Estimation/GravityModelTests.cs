using System.Globalization;
using System.Text;
using KzMigration.Estimation;
using KzMigration.Regions;
using KzMigration.Tests.Statistics;

namespace KzMigration.Tests.Estimation;

/// <summary>Distances, contiguity and the gravity model on the bundled flows.</summary>
public sealed class GravityModelTests
{
    private static readonly Lazy<GravityResult> Pooled = new(() => GravityModel.Estimate(TestData.Data));

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
        // Distance deters, as everywhere: a negative elasticity several standard errors from zero.
        var b = r.Ppml[GravityModel.LogDistance];
        Assert.True(b < 0 && Math.Abs(b) > 3 * r.Ppml.StandardErrors[r.Ppml.Frame.Column(GravityModel.LogDistance)]);
    }

    [Fact]
    public void Structural_model_estimates_distance_and_contiguity_with_origin_year_and_destination_year_effects()
    {
        var r = GravityModel.Estimate(TestData.Data, null, GravityVariant.Structural);
        Assert.Equal([GravityModel.LogDistance, GravityModel.Contiguity], r.Ppml.Frame.Columns.Skip(1).Take(2));
        Assert.Contains(r.Ppml.Frame.Columns, c => c.StartsWith("origin_year=", StringComparison.Ordinal));
        Assert.True(r.Ppml[GravityModel.LogDistance] < 0);
    }

    /// <summary>The pooled gravity pairs exported for the statsmodels reference (Statistics/reference/gravity.csv); KZMIG_WRITE_REFERENCE=1 rewrites it.</summary>
    [Fact]
    public void Bundled_gravity_fixture_is_the_current_pooled_sample()
    {
        ReferenceFixture.AssertCurrent("gravity.csv", GravityCsv(Pooled.Value));
    }

    private static string GravityCsv(GravityResult r)
    {
        var names = GravityModel.Regressors(r.Spec, r.Variant);
        var sb = new StringBuilder("label,cluster,year,flow," + string.Join(",", names) + "\n");
        static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        foreach (var p in r.Pairs)
            sb.Append(CultureInfo.InvariantCulture, $"{p.Year} {p.Origin}>{p.Destination},{p.Origin}>{p.Destination},{p.Year},{N(p.Flow)},{string.Join(",", names.Select(n => N(p.Regressors[n])))}\n");
        return sb.ToString();
    }
}
