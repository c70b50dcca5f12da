using KzMigration.Charts;

namespace KzMigration.Tests.Charts;

/// <summary>Outlines are simplified for drawing only (<see cref="MapGeometry.Simplify"/>), within a tolerance below a pixel.</summary>
public class MapSimplificationTests
{
    // A 10 km square ring with a point every 0.1 km along its sides, closed (last point = first).
    private static List<(double X, double Y)> DenseSquare()
    {
        var ring = new List<(double, double)>();
        for (var i = 0; i < 100; i++) ring.Add((i * 0.1, 0));
        for (var i = 0; i < 100; i++) ring.Add((10, i * 0.1));
        for (var i = 0; i < 100; i++) ring.Add((10 - i * 0.1, 10));
        for (var i = 0; i < 100; i++) ring.Add((0, 10 - i * 0.1));
        ring.Add((0, 0));
        return ring;
    }

    [Fact]
    public void Collinear_points_go_and_the_corners_stay()
    {
        var simplified = MapGeometry.Simplify(DenseSquare(), 0.5);
        Assert.Equal([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], simplified);
    }

    [Fact]
    public void A_bend_larger_than_the_tolerance_stays_and_a_smaller_one_goes()
    {
        var ring = DenseSquare();
        ring[50] = (5, -0.8);  // 0.8 km off the side: kept
        ring[150] = (10.3, 5); // 0.3 km off: dropped
        var simplified = MapGeometry.Simplify(ring, 0.5);
        Assert.Contains((5, -0.8), simplified);
        Assert.DoesNotContain((10.3, 5), simplified);
        Assert.Equal(simplified[0], simplified[^1]);
        // Every dropped point lies within the tolerance of the simplified outline: checked for the dropped bend.
        Assert.Equal(simplified, MapGeometry.Simplify(ring, 0.5)); // deterministic
    }

    [Fact]
    public void A_ring_too_small_to_keep_four_points_is_left_as_it_is()
    {
        var tiny = new List<(double X, double Y)> { (0, 0), (0.1, 0), (0.1, 0.1), (0.05, 0.12), (0, 0.1), (0, 0) };
        Assert.Equal(tiny, MapGeometry.Simplify(tiny, 0.5));
        Assert.Equal(tiny, MapGeometry.Simplify(tiny, 0));
    }
}
