using System.Text.Json;

namespace KzMigration.Regions;

/// <summary>A region's polygons in longitude/latitude degrees: each polygon is a list of rings, the first exterior, the rest holes.</summary>
public sealed record RegionShape(Region Region, IReadOnlyList<IReadOnlyList<IReadOnlyList<(double Lon, double Lat)>>> Polygons);

/// <summary>A point in degrees.</summary>
public readonly record struct GeoPoint(double Lon, double Lat);

/// <summary>
/// One feature of a GeoJSON FeatureCollection (RFC 7946): its properties that are strings or numbers (numbers as their JSON
/// text, e.g. <c>"KATO": 710000000</c> → «710000000»), its geometry type and, for a Polygon or MultiPolygon, its polygons in
/// longitude/latitude degrees (each a list of rings, the first exterior, the rest holes); other geometries have none.
/// </summary>
public sealed record GeoFeature(
    IReadOnlyDictionary<string, string> Properties, string? GeometryType,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<(double Lon, double Lat)>>> Polygons)
{
    /// <summary>A property's text, trimmed; empty when the feature has no such string or number property.</summary>
    public string Property(string name) => Properties.TryGetValue(name, out var v) ? v.Trim() : "";
}

/// <summary>
/// Geometry the science needs from the bundled boundary polygons (data/boundaries, geokz, CC BY 4.0): centroids,
/// great-circle distances and contiguity. Kept apart from the map drawing in Charts.
/// </summary>
public static class RegionGeometry
{
    /// <summary>Mean Earth radius R₁ = 6371.0088 km (IUGG; Moritz 2000, "Geodetic Reference System 1980", J. Geodesy 74:128–133).</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>
    /// Reads the shapes of <paramref name="era"/>'s units from its GeoJSON (<c>data/boundaries/…</c>), each feature matched
    /// to its unit by <see cref="UnitOf"/>. The one reader of the boundary files: the gravity model's distances, the maps
    /// (Charts) and the explorer all draw on these shapes.
    /// </summary>
    public static IReadOnlyList<RegionShape> Read(string boundariesDirectory, BoundaryEra era, RegionRegistry regions)
    {
        ArgumentNullException.ThrowIfNull(era);
        ArgumentNullException.ThrowIfNull(regions);
        var path = Path.Combine(boundariesDirectory, era.BoundaryFile);
        var units = regions.UnitsIn(era);
        var shapes = new List<RegionShape>();
        foreach (var feature in ReadFeatures(File.ReadAllBytes(path), era.BoundaryFile))
        {
            var unit = UnitOf(feature, units)
                       ?? throw new InvalidDataException($"{era.BoundaryFile}: feature '{feature.Property("ADM1_RU")}' (KATO {feature.Property("KATO")}) matches no {era.Id}-era unit");
            if (feature.GeometryType is not ("Polygon" or "MultiPolygon"))
                throw new InvalidDataException($"{era.BoundaryFile}: feature '{unit.Key}' has geometry type {feature.GeometryType}, expected Polygon or MultiPolygon");
            shapes.Add(new RegionShape(unit, feature.Polygons));
        }
        return [.. shapes.OrderBy(s => s.Region.Kato, StringComparer.Ordinal).ThenBy(s => s.Region.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The unit of <paramref name="units"/> a boundary feature draws: by its Russian name (<c>ADM1_RU</c>), then by the
    /// two-digit KATO code (the first two digits of <c>KATO</c>). The name comes first because the 2015 file keeps KATO 61
    /// on South Kazakhstan «for joining, not an official pre-2018 code» (official: 51; data/regions.csv), so no map or
    /// reader needs to know that code. Null when neither matches.
    /// </summary>
    public static Region? UnitOf(GeoFeature feature, IReadOnlyList<Region> units)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(units);
        var ru = RegionName.Normalise(feature.Property("ADM1_RU")).Core;
        var kato = feature.Property("KATO") is { Length: >= 2 } k ? k[..2] : "";
        return units.FirstOrDefault(u => RegionName.Normalise(u.NameRu).Core == ru) ?? units.FirstOrDefault(u => u.Kato == kato);
    }

    /// <summary>
    /// The features of a GeoJSON FeatureCollection (RFC 7946), in file order: the one GeoJSON reader of the workbench.
    /// Throws <see cref="InvalidDataException"/> naming <paramref name="origin"/> when the text is not JSON or not a
    /// FeatureCollection with a <c>features</c> array, or a coordinate is not a number.
    /// </summary>
    public static IReadOnlyList<GeoFeature> ReadFeatures(string geoJson, string origin)
    {
        ArgumentNullException.ThrowIfNull(geoJson);
        return ReadFeatures(System.Text.Encoding.UTF8.GetBytes(geoJson), origin);
    }

    /// <inheritdoc cref="ReadFeatures(string, string)"/>
    public static IReadOnlyList<GeoFeature> ReadFeatures(ReadOnlyMemory<byte> geoJson, string origin)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(geoJson); }
        catch (JsonException e) { throw new InvalidDataException($"{origin}: the GeoJSON text is not valid JSON: {e.Message}", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "FeatureCollection" || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{origin}: the GeoJSON must be a FeatureCollection with a 'features' array.");
            try { return [.. features.EnumerateArray().Select(Feature)]; }
            catch (Exception e) when (e is InvalidOperationException or FormatException or IndexOutOfRangeException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{origin}: a feature's geometry is not a list of [longitude, latitude] numbers: {e.Message}", e);
            }
        }
    }

    private static GeoFeature Feature(JsonElement feature)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
            foreach (var property in p.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.String) properties[property.Name] = property.Value.GetString()!;
                else if (property.Value.ValueKind == JsonValueKind.Number) properties[property.Name] = property.Value.GetRawText();
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            return new GeoFeature(properties, null, []);
        var type = typeElement.GetString();
        var coordinates = geometry.TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Array ? c : default;
        IReadOnlyList<IReadOnlyList<IReadOnlyList<(double, double)>>> polygons = (type, coordinates.ValueKind) switch
        {
            ("Polygon", JsonValueKind.Array) => [Polygon(coordinates)],
            ("MultiPolygon", JsonValueKind.Array) => [.. coordinates.EnumerateArray().Select(Polygon)],
            _ => [],
        };
        return new GeoFeature(properties, type, polygons);
    }

    private static IReadOnlyList<IReadOnlyList<(double, double)>> Polygon(JsonElement polygon) =>
        [.. polygon.EnumerateArray().Select(ring => (IReadOnlyList<(double, double)>)[.. ring.EnumerateArray().Select(pt => (pt[0].GetDouble(), pt[1].GetDouble()))])];

    /// <summary>
    /// The area centroid of a shape, computed in a local equirectangular projection x = λ·cos φ₀, y = φ with φ₀ the mean
    /// latitude of its vertices (near equal-area over a region a few hundred km across), then converted back to degrees:
    /// C = Σ A_k c_k / Σ A_k over exterior rings minus holes, with the shoelace area and centroid of each ring (Bourke
    /// 1988, "Calculating the area and centroid of a polygon"). This is the centroid of the polygon's area, not of its
    /// vertices, and it can fall outside a strongly concave region.
    /// </summary>
    public static GeoPoint Centroid(RegionShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var lat0 = shape.Polygons.SelectMany(p => p[0]).Average(v => v.Lat);
        var k = Math.Cos(lat0 * Math.PI / 180);
        double area = 0, cx = 0, cy = 0;
        foreach (var polygon in shape.Polygons)
        {
            for (var r = 0; r < polygon.Count; r++)
            {
                var (a, x, y) = Ring(polygon[r], k);
                var sign = r == 0 ? 1 : -1; // holes subtract, whatever their winding
                area += sign * Math.Abs(a);
                cx += sign * Math.Abs(a) * x;
                cy += sign * Math.Abs(a) * y;
            }
        }
        return new GeoPoint(cx / area / k, cy / area);
    }

    private static (double Area, double X, double Y) Ring(IReadOnlyList<(double Lon, double Lat)> ring, double k)
    {
        double a = 0, cx = 0, cy = 0;
        for (var i = 0; i < ring.Count - 1; i++)
        {
            double x0 = ring[i].Lon * k, y0 = ring[i].Lat, x1 = ring[i + 1].Lon * k, y1 = ring[i + 1].Lat;
            var cross = x0 * y1 - x1 * y0;
            a += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        a /= 2;
        return a == 0 ? (0, 0, 0) : (a, cx / (6 * a), cy / (6 * a));
    }

    /// <summary>
    /// Great-circle distance by the haversine formula (Sinnott 1984, "Virtues of the haversine", Sky &amp; Telescope
    /// 68:159): d = 2R asin √(sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)), R = <see cref="EarthRadiusKm"/>. Kilometres.
    /// </summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        const double rad = Math.PI / 180;
        var dLat = (b.Lat - a.Lat) * rad;
        var dLon = (b.Lon - a.Lon) * rad;
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(a.Lat * rad) * Math.Cos(b.Lat * rad) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// Whether two shapes touch: they share at least <paramref name="minimumSharedVertices"/> boundary vertices (coordinates
    /// equal to 1e-6°). The geokz polygons come from one topology (OCHA COD-AB), so neighbours share their border's
    /// vertices exactly; a city enclosed by its oblast shares its whole outline.
    /// </summary>
    public static bool Contiguous(RegionShape a, RegionShape b, int minimumSharedVertices = 2)
    {
        static HashSet<(long, long)> Vertices(RegionShape s) =>
            [.. s.Polygons.SelectMany(p => p).SelectMany(r => r).Select(v => ((long)Math.Round(v.Lon * 1e6), (long)Math.Round(v.Lat * 1e6)))];
        var va = Vertices(a);
        return Vertices(b).Count(va.Contains) >= minimumSharedVertices;
    }

    /// <summary>Centroid distances (km) and contiguity of every ordered pair of an era's units.</summary>
    public static PairGeography Pairs(IReadOnlyList<RegionShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var centroids = shapes.ToDictionary(s => s.Region.Key, Centroid, StringComparer.Ordinal);
        var distance = new Dictionary<(string, string), double>();
        var contiguous = new Dictionary<(string, string), bool>();
        foreach (var a in shapes)
            foreach (var b in shapes)
            {
                if (a.Region.Key == b.Region.Key) continue;
                distance[(a.Region.Key, b.Region.Key)] = DistanceKm(centroids[a.Region.Key], centroids[b.Region.Key]);
                contiguous[(a.Region.Key, b.Region.Key)] = contiguous.TryGetValue((b.Region.Key, a.Region.Key), out var known) ? known : Contiguous(a, b);
            }
        return new PairGeography(centroids, distance, contiguous);
    }
}

/// <summary>Centroids (degrees), centroid distances (km) and contiguity of ordered pairs of units.</summary>
public sealed record PairGeography(
    IReadOnlyDictionary<string, GeoPoint> Centroids,
    IReadOnlyDictionary<(string Origin, string Destination), double> DistanceKm,
    IReadOnlyDictionary<(string Origin, string Destination), bool> Contiguous);
