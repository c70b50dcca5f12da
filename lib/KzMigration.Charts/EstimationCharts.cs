using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>One estimate with its interval, for a coefficient plot.</summary>
public sealed record CoefficientPoint(string Label, double Estimate, double Lower, double Upper);

/// <summary>Charts of estimated models: a coefficient plot and observed against predicted values.</summary>
public static class EstimationCharts
{
    /// <summary>The points of a coefficient plot from wild-bootstrap results (estimate and bootstrap interval), labelled by <paramref name="label"/>.</summary>
    public static IReadOnlyList<CoefficientPoint> Points(IEnumerable<KzMigration.Statistics.WildBootstrapResult> results, Func<string, string> label) =>
        [.. results.Select(r => new CoefficientPoint(label(r.Column), r.Estimate, r.Lower, r.Upper))];

    /// <summary>Estimates as dots with horizontal interval bars, one row per coefficient, and a zero line.</summary>
    public static GenericChart CoefficientPlot(IReadOnlyList<CoefficientPoint> points, string title, string subtitle, string axisTitle, int width = 900)
    {
        ArgumentNullException.ThrowIfNull(points);
        var labels = points.Select(p => p.Label).ToArray();
        var bars = FigureParts.NewTrace("scatter");
        var x = new List<double?>();
        var y = new List<string?>();
        foreach (var p in points) { x.AddRange([p.Lower, p.Upper, null]); y.AddRange([p.Label, p.Label, null]); }
        FigureParts.Set(bars, "mode", "lines");
        FigureParts.Set(bars, "x", x.ToArray());
        FigureParts.Set(bars, "y", y.ToArray());
        FigureParts.Set(bars, "line", FigureParts.Obj(("color", "#4c78a8"), ("width", 3)));
        FigureParts.Set(bars, "name", "interval");
        FigureParts.Set(bars, "hoverinfo", "skip");

        var dots = FigureParts.NewTrace("scatter");
        FigureParts.Set(dots, "mode", "markers");
        FigureParts.Set(dots, "x", points.Select(p => p.Estimate).ToArray());
        FigureParts.Set(dots, "y", labels);
        FigureParts.Set(dots, "marker", FigureParts.Obj(("size", 11), ("color", "#1f3b63")));
        FigureParts.Set(dots, "name", "estimate");
        FigureParts.Set(dots, "text", points.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{p.Lower:0.###}, {p.Upper:0.###}]")).ToArray());
        FigureParts.Set(dots, "hovertemplate", "%{y}: %{x:.3f} %{text}<extra></extra>");

        var layout = FigureParts.BaseLayout(title, subtitle, width, 160 + 60 * points.Count);
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("title", FigureParts.Obj(("text", axisTitle))), ("zeroline", true), ("zerolinecolor", "#999999"), ("zerolinewidth", 2)));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("automargin", true), ("autorange", "reversed")));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        return FigureParts.Build([bars, dots], layout);
    }

    /// <summary>Observed against predicted values on log–log axes (zeros are not drawn: a log axis has no 0), with the 45° line.</summary>
    public static GenericChart ObservedVsPredicted(IReadOnlyList<string> labels, IReadOnlyList<double> observed, IReadOnlyList<double> predicted, string title, string subtitle, int width = 800)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predicted);
        var keep = Enumerable.Range(0, observed.Count).Where(i => observed[i] > 0 && predicted[i] > 0).ToArray();
        var dots = FigureParts.NewTrace("scatter");
        FigureParts.Set(dots, "mode", "markers");
        FigureParts.Set(dots, "x", keep.Select(i => predicted[i]).ToArray());
        FigureParts.Set(dots, "y", keep.Select(i => observed[i]).ToArray());
        FigureParts.Set(dots, "text", keep.Select(i => labels[i]).ToArray());
        FigureParts.Set(dots, "marker", FigureParts.Obj(("size", 5), ("color", "#4c78a8"), ("opacity", 0.6)));
        FigureParts.Set(dots, "name", "pair");
        FigureParts.Set(dots, "hovertemplate", "%{text}: observed %{y:,.0f}, predicted %{x:,.0f}<extra></extra>");
        var lo = keep.Length == 0 ? 1 : keep.Min(i => Math.Min(observed[i], predicted[i]));
        var hi = keep.Length == 0 ? 10 : keep.Max(i => Math.Max(observed[i], predicted[i]));
        var line = FigureParts.NewTrace("scatter");
        FigureParts.Set(line, "mode", "lines");
        FigureParts.Set(line, "x", new[] { lo, hi });
        FigureParts.Set(line, "y", new[] { lo, hi });
        FigureParts.Set(line, "line", FigureParts.Obj(("color", "#999999"), ("dash", "dash")));
        FigureParts.Set(line, "name", "observed = predicted");
        var layout = FigureParts.BaseLayout(title, subtitle, width, 650);
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("type", "log"), ("title", FigureParts.Obj(("text", "predicted moves (PPML)")))));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("type", "log"), ("title", FigureParts.Obj(("text", "observed moves")))));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        return FigureParts.Build([line, dots], layout);
    }
}
