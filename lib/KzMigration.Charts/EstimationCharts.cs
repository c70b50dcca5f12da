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

    /// <summary>The points of a coefficient plot from push–pull factors (elasticity and its t_{G−1} interval), labelled by factor.</summary>
    public static IReadOnlyList<CoefficientPoint> Points(IEnumerable<KzMigration.Estimation.PushPullFactor> factors, Func<string, string> label) =>
        [.. factors.Select(f => new CoefficientPoint(label(f.Factor), f.Estimate, f.Lower, f.Upper))];

    /// <summary>The points of a coefficient plot from clustered coefficients (estimate and t_{G−1} interval), labelled by column.</summary>
    public static IReadOnlyList<CoefficientPoint> Points(IEnumerable<KzMigration.Statistics.ClusteredCoefficient> coefficients, Func<string, string> label) =>
        [.. coefficients.Select(c => new CoefficientPoint(label(c.Column), c.Estimate, c.Lower, c.Upper))];

    /// <summary>
    /// Leave one cluster out, one panel per coefficient side by side: for each cluster (a row) the estimate without it
    /// (dot) and its interval (bar), with the estimate on all clusters as a dashed vertical line and a zero line. A
    /// deletion that could not be estimated has no row mark.
    /// </summary>
    public static GenericChart LeaveOneOut(IReadOnlyList<KzMigration.Statistics.WildBootstrapResult> full, IReadOnlyList<KzMigration.Statistics.ClusterDeletion> deletions,
        Func<string, string> columnLabel, Func<string, string> clusterLabel, string title, string subtitle, string axisTitle, string allLabel, int width = 1200,
        string language = "en")
    {
        KzMigration.Localisation.TextCatalogue.CheckLanguage(language);
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(deletions);
        var clusters = deletions.Select(d => d.Cluster).Distinct().ToList();
        var labels = clusters.ToDictionary(c => c, clusterLabel);
        const double gap = 0.05;
        var share = (1 - gap * (full.Count - 1)) / full.Count;
        var traces = new List<Trace>();
        var layout = FigureParts.BaseLayout(title, subtitle, width, 190 + 24 * clusters.Count);
        var annotations = new List<object>();
        for (var k = 0; k < full.Count; k++)
        {
            var suffix = k == 0 ? "" : (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rows = deletions.Where(d => d.Column == full[k].Column && d.Result is not null)
                .Select(d => new CoefficientPoint(labels[d.Cluster], d.Result!.Estimate, d.Result.Lower, d.Result.Upper)).ToList();
            var (bars, dots) = IntervalsAndEstimates(rows, markerSize: 9, language);
            var all = FigureParts.NewTrace("scatter");
            FigureParts.Set(all, "mode", "lines");
            FigureParts.Set(all, "x", new[] { full[k].Estimate, full[k].Estimate });
            FigureParts.Set(all, "y", new[] { labels[clusters[0]], labels[clusters[^1]] });
            FigureParts.Set(all, "line", FigureParts.Obj(("color", "#d55e00"), ("dash", "dash"), ("width", 2)));
            FigureParts.Set(all, "name", allLabel);
            foreach (var t in new[] { bars, dots, all })
            {
                FigureParts.Set(t, "xaxis", "x" + suffix);
                FigureParts.Set(t, "yaxis", "y");
                FigureParts.Set(t, "showlegend", k == 0);
                traces.Add(t);
            }
            var from = k * (share + gap);
            FigureParts.Set(layout, "xaxis" + suffix, FigureParts.Obj(("domain", new[] { from, from + share }), ("title", FigureParts.Obj(("text", axisTitle))),
                ("zeroline", true), ("zerolinecolor", "#999999"), ("zerolinewidth", 2), ("anchor", "y")));
            annotations.Add(FigureParts.Obj(("text", $"<b>{columnLabel(full[k].Column)}</b>"), ("xref", "x" + suffix + " domain"), ("yref", "paper"),
                ("x", 0.5), ("y", 1.0), ("xanchor", "center"), ("yanchor", "bottom"), ("showarrow", false)));
        }
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("automargin", true), ("autorange", "reversed"), ("type", "category")));
        FigureParts.Set(layout, "annotations", annotations);
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        return FigureParts.Build(traces, layout);
    }

    /// <summary>Estimates as dots with horizontal interval bars, one row per coefficient, and a zero line.</summary>
    public static GenericChart CoefficientPlot(IReadOnlyList<CoefficientPoint> points, string title, string subtitle, string axisTitle, int width = 900,
        string language = "en")
    {
        KzMigration.Localisation.TextCatalogue.CheckLanguage(language);
        ArgumentNullException.ThrowIfNull(points);
        var (bars, dots) = IntervalsAndEstimates(points, markerSize: 11, language);

        var layout = FigureParts.BaseLayout(title, subtitle, width, 160 + 60 * points.Count);
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("title", FigureParts.Obj(("text", axisTitle))), ("zeroline", true), ("zerolinecolor", "#999999"), ("zerolinewidth", 2)));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("automargin", true), ("autorange", "reversed")));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        return FigureParts.Build([bars, dots], layout);
    }

    // One row per point: the interval as a horizontal bar (segments separated by nulls) and the estimate as a dot with
    // its interval in the hover text; shared by the coefficient plot and the leave-one-out panels.
    private static (Trace Bars, Trace Dots) IntervalsAndEstimates(IReadOnlyList<CoefficientPoint> points, int markerSize, string language)
    {
        var bars = FigureParts.NewTrace("scatter");
        var (x, y) = (new List<double?>(), new List<string?>());
        foreach (var p in points) { x.AddRange([p.Lower, p.Upper, null]); y.AddRange([p.Label, p.Label, null]); }
        FigureParts.Set(bars, "mode", "lines");
        FigureParts.Set(bars, "x", x.ToArray());
        FigureParts.Set(bars, "y", y.ToArray());
        FigureParts.Set(bars, "line", FigureParts.Obj(("color", "#4c78a8"), ("width", 3)));
        FigureParts.Set(bars, "name", KzMigration.Localisation.TextCatalogue.Get("fig6.interval", language));
        FigureParts.Set(bars, "hoverinfo", "skip");
        var dots = FigureParts.NewTrace("scatter");
        FigureParts.Set(dots, "mode", "markers");
        FigureParts.Set(dots, "x", points.Select(p => p.Estimate).ToArray());
        FigureParts.Set(dots, "y", points.Select(p => p.Label).ToArray());
        FigureParts.Set(dots, "marker", FigureParts.Obj(("size", markerSize), ("color", "#1f3b63")));
        FigureParts.Set(dots, "name", KzMigration.Localisation.TextCatalogue.Get("fig6.estimate", language));
        FigureParts.Set(dots, "text", points.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{p.Lower:0.###}, {p.Upper:0.###}]")).ToArray());
        FigureParts.Set(dots, "hovertemplate", "%{y}: %{x:.3f} %{text}<extra></extra>");
        return (bars, dots);
    }

    /// <summary>Observed against predicted values on log–log axes (zeros are not drawn: a log axis has no 0), with the 45° line.</summary>
    public static GenericChart ObservedVsPredicted(IReadOnlyList<string> labels, IReadOnlyList<double> observed, IReadOnlyList<double> predicted, string title, string subtitle, int width = 800,
        string language = "en")
    {
        KzMigration.Localisation.TextCatalogue.CheckLanguage(language);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predicted);
        var keep = Enumerable.Range(0, observed.Count).Where(i => observed[i] > 0 && predicted[i] > 0).ToArray();
        var dots = FigureParts.NewTrace("scatter");
        FigureParts.Set(dots, "mode", "markers");
        // A prediction drawn on a log axis needs no more than a tenth of a person (the tables keep full precision): the
        // figure travels in the notebook, the report and its own files, and 17 digits per point would only add bytes.
        FigureParts.Set(dots, "x", keep.Select(i => Math.Round(predicted[i], 1)).ToArray());
        FigureParts.Set(dots, "y", keep.Select(i => observed[i]).ToArray());
        FigureParts.Set(dots, "text", keep.Select(i => labels[i]).ToArray());
        FigureParts.Set(dots, "marker", FigureParts.Obj(("size", 5), ("color", "#4c78a8"), ("opacity", 0.6)));
        FigureParts.Set(dots, "name", KzMigration.Localisation.TextCatalogue.Get("fig6.gravity.pair", language));
        FigureParts.Set(dots, "hovertemplate", KzMigration.Localisation.TextCatalogue.Get("fig6.gravity.hover", language));
        var lo = keep.Length == 0 ? 1 : keep.Min(i => Math.Min(observed[i], predicted[i]));
        var hi = keep.Length == 0 ? 10 : keep.Max(i => Math.Max(observed[i], predicted[i]));
        var line = FigureParts.NewTrace("scatter");
        FigureParts.Set(line, "mode", "lines");
        FigureParts.Set(line, "x", new[] { lo, hi });
        FigureParts.Set(line, "y", new[] { lo, hi });
        FigureParts.Set(line, "line", FigureParts.Obj(("color", "#999999"), ("dash", "dash")));
        FigureParts.Set(line, "name", KzMigration.Localisation.TextCatalogue.Get("fig6.gravity.diagonal", language));
        var layout = FigureParts.BaseLayout(title, subtitle, width, 650);
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("type", "log"), ("title", FigureParts.Obj(("text", KzMigration.Localisation.TextCatalogue.Get("fig6.gravity.x-axis", language))))));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("type", "log"), ("title", FigureParts.Obj(("text", KzMigration.Localisation.TextCatalogue.Get("fig6.gravity.y-axis", language))))));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        return FigureParts.Build([line, dots], layout);
    }
}
