using KzMigration.Study;
using KzMigration.Charts;

namespace KzMigration.Tests.Charts;

public class LabelPlacementTests
{
    [Fact]
    public void Two_close_points_get_labels_on_different_sides()
    {
        // Turkestan and Kyzylorda in fig3-score-vs-k: nearly the same score and K.
        LabelledPoint[] points =
        [
            new("turkestan", "Turkestan", -4.5, 0.80), new("kyzylorda", "Kyzylorda", -4.0, 0.81),
            new("astana", "Astana city", 5, 1.3), new("atyrau", "Atyrau", 5.5, 0.9),
        ];
        var positions = LabelPlacement.Choose(points, 1000, 560, yReference: null);
        Assert.NotEqual(positions[0], positions[1]);
    }

    [Fact]
    public void A_label_next_to_the_reference_line_moves_off_it()
    {
        // Mangystau sits just below K = 1: a label above its marker would lie on the line.
        LabelledPoint[] points = [new("mangystau", "Mangystau", 2.5, 0.985), new("a", "A", -5, 0.7), new("b", "B", 6, 1.4)];
        var positions = LabelPlacement.Choose(points, 1000, 560, yReference: 1.0);
        Assert.StartsWith("bottom", positions[0]);
    }

    [Fact]
    public void Placement_is_deterministic_and_covers_every_point()
    {
        LabelledPoint[] points = [.. Enumerable.Range(0, 20).Select(i => new LabelledPoint("r" + i, "Region " + i, i % 5, i / 5.0, i % 3 == 0)), new("x", "no y", 1, null)];
        var first = LabelPlacement.Choose(points, 900, 500, 1.0);
        Assert.Equal(first, LabelPlacement.Choose(points, 900, 500, 1.0));
        Assert.Equal(points.Length, first.Length);
    }
}
