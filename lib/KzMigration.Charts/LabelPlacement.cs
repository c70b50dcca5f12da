namespace KzMigration.Charts;

/// <summary>
/// Where to put the text label of each point of a labelled scatter so that labels do not overlap each other,
/// the markers, or a horizontal reference line (e.g. K = 1). Greedy, deterministic: points are placed in a fixed
/// order (top to bottom, then by key), each taking the first of eight positions around its marker that collides
/// with nothing placed so far; if none is free, the least-overlapping one. Pixel positions are estimated from
/// the figure size, its margins and the data range (plotly pads the auto-range by about 5 % per side).
/// </summary>
internal static class LabelPlacement
{
    private static readonly string[] Positions = ["top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right", "bottom left"];

    private readonly record struct Box(double X0, double Y0, double X1, double Y1)
    {
        public double Overlap(Box o) => Math.Max(0, Math.Min(X1, o.X1) - Math.Max(X0, o.X0)) * Math.Max(0, Math.Min(Y1, o.Y1) - Math.Max(Y0, o.Y0));
    }

    /// <summary>A plotly <c>textposition</c> per point (same order as <paramref name="points"/>; points without both coordinates get "top center").</summary>
    public static string[] Choose(IReadOnlyList<LabelledPoint> points, double plotWidth, double plotHeight, double? yReference, double fontSize = 10)
    {
        var result = Enumerable.Repeat(Positions[0], points.Count).ToArray();
        var drawn = points.Select((p, i) => (p, i)).Where(t => t.p.X is { } x && double.IsFinite(x) && t.p.Y is { } y && double.IsFinite(y)).ToList();
        if (drawn.Count == 0) return result;
        double minX = drawn.Min(t => t.p.X!.Value), maxX = drawn.Max(t => t.p.X!.Value);
        double minY = drawn.Min(t => t.p.Y!.Value), maxY = drawn.Max(t => t.p.Y!.Value);
        if (yReference is { } r) { minY = Math.Min(minY, r); maxY = Math.Max(maxY, r); }
        var (spanX, spanY) = (Math.Max(maxX - minX, 1e-9), Math.Max(maxY - minY, 1e-9));
        (minX, maxX) = (minX - 0.05 * spanX, maxX + 0.05 * spanX);
        (minY, maxY) = (minY - 0.05 * spanY, maxY + 0.05 * spanY);
        double Px(double x) => (x - minX) / (maxX - minX) * plotWidth;
        double Py(double y) => (maxY - y) / (maxY - minY) * plotHeight; // screen y grows downwards

        const double marker = 6; // half the marker size plus its outline
        var obstacles = drawn.Select(t => new Box(Px(t.p.X!.Value) - marker, Py(t.p.Y!.Value) - marker, Px(t.p.X!.Value) + marker, Py(t.p.Y!.Value) + marker)).ToList();
        if (yReference is { } line) obstacles.Add(new Box(0, Py(line) - 1.5, plotWidth, Py(line) + 1.5));

        var height = fontSize * 1.3;
        foreach (var (p, i) in drawn.OrderBy(t => -t.p.Y!.Value).ThenBy(t => t.p.Key, StringComparer.Ordinal))
        {
            var (cx, cy) = (Px(p.X!.Value), Py(p.Y!.Value));
            var width = Math.Max(1, p.Label.Length) * fontSize * 0.58;
            var best = (Position: Positions[0], Cost: double.MaxValue, Box: default(Box));
            foreach (var position in Positions)
            {
                var box = LabelBox(position, cx, cy, width, height, marker);
                var cost = obstacles.Sum(o => o.Overlap(box))
                    + (box.X0 < 0 || box.X1 > plotWidth || box.Y0 < 0 || box.Y1 > plotHeight ? width * height / 4 : 0);
                if (cost < best.Cost) best = (position, cost, box);
                if (cost == 0) break;
            }
            result[i] = best.Position;
            obstacles.Add(best.Box);
        }
        return result;
    }

    private static Box LabelBox(string position, double cx, double cy, double w, double h, double gap)
    {
        var parts = position.Split(' ');
        var (y0, y1) = parts[0] switch
        {
            "top" => (cy - gap - h, cy - gap),
            "bottom" => (cy + gap, cy + gap + h),
            _ => (cy - h / 2, cy + h / 2),
        };
        var (x0, x1) = parts[1] switch
        {
            "right" => (cx + gap, cx + gap + w),
            "left" => (cx - gap - w, cx - gap),
            _ => (cx - w / 2, cx + w / 2),
        };
        return new Box(x0, y0, x1, y1);
    }
}
