using System.Globalization;
using KzMigration.Regions;

namespace KzMigration.Charts;

/// <summary>The outline of one map region: its rings (exterior rings and holes) as longitude/latitude pairs in degrees.</summary>
internal sealed record RegionOutline(string Id, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)>> Rings);

/// <summary>
/// Region outlines from GeoJSON, projected to the plane so that a map can be drawn as filled polygons in an ordinary
/// x/y plot. Why not plotly's <c>choropleth</c> trace: plotly.js 2.28 fetches a world topojson from cdn.plot.ly for every
/// choropleth (its <c>locationmode</c> is always set, "geojson-id" with a GeoJSON), so the map stays blank offline;
/// it also expects rings wound opposite to RFC 7946. Filled polygons have neither problem.
/// </summary>
internal static class MapGeometry
{
    /// <summary>
    /// The outlines in a GeoJSON FeatureCollection, keyed by the value of <paramref name="idProperty"/> (a string or a
    /// number; features sharing an id are merged). Polygon and MultiPolygon geometries; other geometries are ignored.
    /// Read by the core's one GeoJSON reader (<see cref="RegionGeometry.ReadFeatures(string, string)"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, RegionOutline> ReadOutlines(string geoJson, string idProperty)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(geoJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(idProperty);
        IReadOnlyList<GeoFeature> features;
        try { features = RegionGeometry.ReadFeatures(geoJson, "GeoJSON"); }
        catch (InvalidDataException e) { throw new ArgumentException(e.Message, nameof(geoJson), e); }

        var rings = new Dictionary<string, List<IReadOnlyList<(double, double)>>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var feature in features)
        {
            if (!feature.Properties.TryGetValue(idProperty, out var id)) continue;
            if (!rings.TryGetValue(id, out var list)) { rings[id] = list = []; order.Add(id); }
            foreach (var polygon in feature.Polygons) list.AddRange(polygon);
        }
        if (order.Count == 0)
            throw new ArgumentException($"No feature of the GeoJSON has the property '{idProperty}'.", nameof(idProperty));
        return order.ToDictionary(id => id, id => new RegionOutline(id, rings[id]), StringComparer.Ordinal);
    }

    /// <summary>
    /// The outlines of the units of a boundary file as the core reads and matches them (<see cref="RegionGeometry.Read"/>),
    /// keyed by region key: no feature code (P-code, KATO) is needed to find a region on the map.
    /// </summary>
    public static IReadOnlyDictionary<string, RegionOutline> Outlines(IReadOnlyList<RegionShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return shapes.ToDictionary(s => s.Region.Key,
            s => new RegionOutline(s.Region.Key, [.. s.Polygons.SelectMany(p => p)]), StringComparer.Ordinal);
    }

    /// <summary>
    /// Albers equal-area conic projection on a sphere (Snyder 1987, "Map Projections — A Working Manual", USGS
    /// Professional Paper 1395, pp. 98–100): equal areas keep a choropleth honest (a large region does not look larger
    /// than it is). Standard parallels at 1/6 and 5/6 of the latitude range, central meridian and origin at its middle.
    /// Coordinates in kilometres on the sphere of the workbench's one Earth radius (<see cref="RegionGeometry.EarthRadiusKm"/>,
    /// the IUGG mean radius R₁ = 6371.0088 km, as the gravity model's distances).
    /// </summary>
    public sealed record AlbersEqualArea(double Phi1, double Phi2, double Phi0, double Lambda0)
    {
        private const double EarthRadiusKm = RegionGeometry.EarthRadiusKm;
        private double N => (Math.Sin(Phi1) + Math.Sin(Phi2)) / 2;
        private double C => Math.Cos(Phi1) * Math.Cos(Phi1) + 2 * N * Math.Sin(Phi1);
        private double Rho(double phi) => Math.Sqrt(C - 2 * N * Math.Sin(phi)) / N;

        /// <summary>The projection suited to the bounding box of <paramref name="outlines"/>.</summary>
        public static AlbersEqualArea For(IEnumerable<RegionOutline> outlines)
        {
            var points = outlines.SelectMany(o => o.Rings).SelectMany(r => r).ToList();
            if (points.Count == 0) throw new ArgumentException("The regions have no coordinates.", nameof(outlines));
            double minLat = points.Min(p => p.Lat), maxLat = points.Max(p => p.Lat);
            double minLon = points.Min(p => p.Lon), maxLon = points.Max(p => p.Lon);
            var span = maxLat - minLat;
            return new AlbersEqualArea(Radians(minLat + span / 6), Radians(maxLat - span / 6), Radians((minLat + maxLat) / 2),
                Radians((minLon + maxLon) / 2));
        }

        /// <summary>Projected (x east, y north) in km.</summary>
        public (double X, double Y) Project(double lon, double lat)
        {
            var theta = N * (Radians(lon) - Lambda0);
            var rho = Rho(Radians(lat));
            return (EarthRadiusKm * rho * Math.Sin(theta), EarthRadiusKm * (Rho(Phi0) - rho * Math.Cos(theta)));
        }

        private static double Radians(double degrees) => degrees * Math.PI / 180;
    }

    /// <summary>
    /// How far a drawn outline may stray from the boundary file, in km: a map of Kazakhstan (about 3,000 km across) is
    /// drawn 900–1,000 px wide and exported at twice that, so one pixel of the export is about 1.5 km and 0.5 km never
    /// shows. Drawing only: distances and contiguity (the gravity model) use the boundary files as they are.
    /// </summary>
    public const double DrawingToleranceKm = 0.5;

    /// <summary>
    /// A ring (or line) with the points that lie within <paramref name="tolerance"/> of the simplified line dropped
    /// (Ramer–Douglas–Peucker: Douglas &amp; Peucker 1973, Cartographica 10(2):112–122). The first and last points always
    /// stay, so a closed ring stays closed; a ring that would collapse below four points keeps its original points.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Simplify(IReadOnlyList<(double X, double Y)> points, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 5 || tolerance <= 0) return points;
        var keep = new bool[points.Count];
        keep[0] = keep[^1] = true;
        // A closed ring's first and last points coincide, so the first split is at the point farthest from the first.
        var stack = new Stack<(int From, int To)>();
        var far = 1;
        for (var i = 2; i < points.Count - 1; i++)
            if (Distance2(points[i], points[0]) > Distance2(points[far], points[0])) far = i;
        keep[far] = true;
        stack.Push((0, far));
        stack.Push((far, points.Count - 1));
        while (stack.Count > 0)
        {
            var (from, to) = stack.Pop();
            if (to - from < 2) continue;
            var (index, distance) = (-1, 0.0);
            for (var i = from + 1; i < to; i++)
            {
                var d = SegmentDistance(points[i], points[from], points[to]);
                if (d > distance) (index, distance) = (i, d);
            }
            if (distance <= tolerance) continue;
            keep[index] = true;
            stack.Push((from, index));
            stack.Push((index, to));
        }
        var kept = points.Where((_, i) => keep[i]).ToList();
        return kept.Count < 4 ? points : kept;
    }

    private static double Distance2((double X, double Y) a, (double X, double Y) b) => (a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y);

    // Distance of p from the segment a–b (from the nearer end point when p projects outside the segment).
    private static double SegmentDistance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        var length2 = Distance2(a, b);
        if (length2 == 0) return Math.Sqrt(Distance2(p, a));
        var t = Math.Clamp(((p.X - a.X) * (b.X - a.X) + (p.Y - a.Y) * (b.Y - a.Y)) / length2, 0, 1);
        return Math.Sqrt(Distance2(p, (a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y))));
    }

    /// <summary>
    /// The colour of <paramref name="t"/> ∈ [0, 1] on a piecewise-linear colour scale of (position, "#rrggbb") stops,
    /// interpolated in sRGB as plotly.js does (d3-interpolate's rgb: each channel a + (b − a)·f, rounded half up, i.e. half
    /// away from zero for these non-negative channels), as "#rrggbb". The one colour interpolation of the charts: the maps'
    /// continuous scales and the heatmap's band colours (<see cref="ScoringCharts.BandColours"/>) use it.
    /// </summary>
    public static string Colour(object[][] scale, double t)
    {
        t = Math.Clamp(t, 0, 1);
        for (var i = 1; i < scale.Length; i++)
        {
            double p0 = Convert.ToDouble(scale[i - 1][0], CultureInfo.InvariantCulture), p1 = Convert.ToDouble(scale[i][0], CultureInfo.InvariantCulture);
            if (t > p1 && i < scale.Length - 1) continue;
            var f = p1 == p0 ? 0 : (t - p0) / (p1 - p0);
            var (r0, g0, b0) = Rgb((string)scale[i - 1][1]);
            var (r1, g1, b1) = Rgb((string)scale[i][1]);
            return string.Create(CultureInfo.InvariantCulture,
                $"#{Mix(r0, r1, f):x2}{Mix(g0, g1, f):x2}{Mix(b0, b1, f):x2}");
        }
        return (string)scale[^1][1];
    }

    private static int Mix(int a, int b, double f) => (int)Math.Round(a + (b - a) * f, MidpointRounding.AwayFromZero);

    private static (int R, int G, int B) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
