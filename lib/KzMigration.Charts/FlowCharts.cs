using KzMigration.Regions;
using System.Globalization;
using KzMigration.Migration;
using Plotly.NET;
using static KzMigration.Charts.FigureParts;

namespace KzMigration.Charts;

/// <summary>
/// Figures of an origin–destination matrix: a Sankey diagram (origins on the left, destinations on the right) and a flow
/// map (lines between region centroids, width by volume) on the boundaries the matrix's regions belong to.
/// </summary>
public static class FlowCharts
{
    /// <summary>
    /// A Sankey diagram of the <paramref name="corridors"/> largest corridors of <paramref name="matrix"/> (all when null):
    /// every region appears twice, as an origin (left) and as a destination (right), so the diagram has no cycles.
    /// </summary>
    public static GenericChart Sankey(OriginDestinationMatrix matrix, Func<string, string> label, string title, string subtitle,
        int? corridors = null, int width = 1100, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var links = FlowStructure.LargestCorridors(matrix, corridors ?? matrix.Regions.Count * matrix.Regions.Count).Where(c => c.Persons > 0).ToList();
        var n = matrix.Regions.Count;
        var index = matrix.Regions.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var trace = NewTrace("sankey");
        Set(trace, "arrangement", "fixed");
        Set(trace, "node", Obj(
            ("label", matrix.Regions.Select(r => label(r) + " →").Concat(matrix.Regions.Select(r => "→ " + label(r))).ToArray()),
            ("pad", 6), ("thickness", 14)));
        Set(trace, "link", Obj(
            ("source", links.Select(l => index[l.Origin]).ToArray()),
            ("target", links.Select(l => n + index[l.Destination]).ToArray()),
            ("value", links.Select(l => l.Persons).ToArray())));
        Set(trace, "valueformat", ",.0f");
        return Build([trace], BaseLayout(title, subtitle, width, height));
    }

    /// <summary>
    /// A flow map: the regions' outlines (grey), and a line from the centroid of the origin to the centroid of the
    /// destination for each of the <paramref name="corridors"/> largest corridors, width proportional to the persons.
    /// </summary>
    /// <remarks><paramref name="featureId"/> gives the GeoJSON feature id (property <paramref name="featureIdProperty"/>) of a matrix region;
    /// <paramref name="centroid"/> its centroid in degrees (<c>RegionGeometry.Centroids</c>, the points the gravity model measures
    /// distances between), projected here like the outlines.</remarks>
    public static GenericChart FlowMap(OriginDestinationMatrix matrix, Func<string, string> label, Func<string, string> featureId, string geoJson, string featureIdProperty,
        Func<string, GeoPoint> centroid, string title, string subtitle, string attribution, int corridors = 25, int width = 1200, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(featureId);
        return FlowMap(matrix, label, featureId, MapGeometry.ReadOutlines(geoJson, featureIdProperty), centroid, title, subtitle, attribution, corridors, width, height);
    }

    /// <summary>
    /// The flow map on boundary shapes as the core reads them (<see cref="RegionGeometry.Read"/>), each matrix region drawn on
    /// the shape of its key (no feature code involved), with the centroids of those shapes (<see cref="RegionGeometry.Centroid"/>,
    /// the points the gravity model measures distances between).
    /// </summary>
    public static GenericChart FlowMap(OriginDestinationMatrix matrix, Func<string, string> label, IReadOnlyList<RegionShape> shapes,
        string title, string subtitle, string attribution, int corridors = 25, int width = 1200, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var centroids = shapes.ToDictionary(s => s.Region.Key, RegionGeometry.Centroid, StringComparer.Ordinal);
        return FlowMap(matrix, label, k => k, MapGeometry.Outlines(shapes), k => centroids[k], title, subtitle, attribution, corridors, width, height);
    }

    private static GenericChart FlowMap(OriginDestinationMatrix matrix, Func<string, string> label, Func<string, string> featureId,
        IReadOnlyDictionary<string, RegionOutline> outlines, Func<string, GeoPoint> centroid, string title, string subtitle, string attribution,
        int corridors, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        foreach (var r in matrix.Regions)
            if (!outlines.ContainsKey(featureId(r)))
                throw new ArgumentException($"Region '{r}' has feature id '{featureId(r)}', which no feature of the map carries; draw a matrix on its own era's boundaries.", nameof(featureId));
        var projection = MapGeometry.AlbersEqualArea.For(matrix.Regions.Select(r => outlines[featureId(r)]));
        var traces = new List<Trace>();
        var centroids = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var r in matrix.Regions)
        {
            var outline = outlines[featureId(r)];
            var (xs, ys) = MigrationCharts.Polygons(outline, projection);
            var shape = NewTrace("scatter");
            Set(shape, "mode", "lines");
            Set(shape, "x", xs);
            Set(shape, "y", ys);
            Set(shape, "fill", "toself");
            Set(shape, "fillcolor", "#eeeeee");
            Set(shape, "line", Obj(("color", "#ffffff"), ("width", 0.8)));
            Set(shape, "hoverinfo", "skip");
            Set(shape, "showlegend", false);
            traces.Add(shape);
            var (x, y) = projection.Project(centroid(r).Lon, centroid(r).Lat);
            centroids[r] = (Math.Round(x, 1), Math.Round(y, 1));
        }
        var top = FlowStructure.LargestCorridors(matrix, corridors).Where(c => c.Persons > 0).ToList();
        var max = top.Count == 0 ? 1 : top.Max(c => c.Persons);
        foreach (var c in top)
        {
            var (x0, y0) = centroids[c.Origin];
            var (x1, y1) = centroids[c.Destination];
            var line = NewTrace("scatter");
            Set(line, "mode", "lines+markers");
            Set(line, "x", new[] { x0, x1 });
            Set(line, "y", new[] { y0, y1 });
            // Width by volume; the marker at the destination end shows the direction.
            Set(line, "line", Obj(("color", "rgba(178,24,43,0.55)"), ("width", Math.Round(1 + 11 * c.Persons / max, 2))));
            Set(line, "marker", Obj(("size", new[] { 0, 8 }), ("symbol", "circle"), ("color", "rgba(178,24,43,0.9)")));
            var text = $"{label(c.Origin)} → {label(c.Destination)}: {c.Persons.ToString("#,0", CultureInfo.InvariantCulture)}";
            Set(line, "text", new[] { text, text });
            Set(line, "hoverinfo", "text");
            Set(line, "name", text);
            Set(line, "showlegend", false);
            traces.Add(line);
        }
        var layout = BaseLayout(title, subtitle, width, height);
        Set(layout, "xaxis", Obj(("visible", false), ("constrain", "domain")));
        Set(layout, "yaxis", Obj(("visible", false), ("scaleanchor", "x"), ("scaleratio", 1), ("constrain", "domain")));
        Set(layout, "annotations", new List<object> { Note(attribution) });
        Set(layout, "margin", Obj(("l", 10), ("r", 10), ("t", 110), ("b", 60)));
        return Build(traces, layout);
    }
}
