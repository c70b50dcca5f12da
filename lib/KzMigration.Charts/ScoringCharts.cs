using System.Globalization;
using KzMigration.Scoring;
using KzMigration.Localisation;
using Plotly.NET;

namespace KzMigration.Charts;

/// <summary>
/// Charts of the paper's Figure 3 scoring and of its what-if and sensitivity analyses, built from the scoring engine's
/// results (<see cref="Scorecard"/>, <see cref="ScoringComparison"/>, <see cref="SensitivityResult"/>). Region names
/// come from the caller's labels (keyed by the result's region names), so a chart can be drawn in any language.
/// Pure: no files, no console; the same inputs give the same figure JSON. Missing stays missing: an unscored cell is
/// a grey gap, never a colour of the scale.
/// </summary>
public static class ScoringCharts
{
    // ColorBrewer RdYlBu (5 classes): red = very low … blue = very high, with a light yellow middle distinct from the grey gap.
    private static readonly string[] BandAnchors = ["#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"];
    private const string GapColour = "#d9d9d9", CityColour = "#e66101", OblastColour = "#1f78b4";
    private const string Up = "#1a9641", Down = "#d7191c", Same = "#777777";

    /// <summary>
    /// Discrete colours for <paramref name="bands"/> ordered bands, lowest first (the five RdYlBu classes for five bands,
    /// otherwise interpolated between them, evenly spaced, by the charts' one interpolation, <see cref="MapGeometry.Colour"/>).
    /// </summary>
    public static IReadOnlyList<string> BandColours(int bands)
    {
        if (bands < 1) throw new ArgumentOutOfRangeException(nameof(bands), bands, "At least one band.");
        if (bands == BandAnchors.Length) return BandAnchors;
        if (bands == 1) return [BandAnchors[2]];
        object[][] scale = [.. BandAnchors.Select((colour, i) => new object[] { (double)i / (BandAnchors.Length - 1), colour })];
        return [.. Enumerable.Range(0, bands).Select(k => MapGeometry.Colour(scale, (double)k / (bands - 1)))];
    }

    /// <summary>
    /// The paper's Figure 3 as a heatmap: regions (rows, best total first) × indicators (columns), each cell coloured by
    /// its band (one discrete colour per band) and labelled with its points; hovering shows the % of the reference.
    /// Row labels carry the region's total. Unscored cells are grey gaps.
    /// </summary>
    /// <param name="result">A scoring.</param>
    /// <param name="year">The year drawn.</param>
    /// <param name="labels">Region labels keyed by the result's region names.</param>
    /// <param name="indicatorLabels">Column labels keyed by indicator name (indicators without one show their key).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="subtitle">Subtitle: year, reference, what the columns measure.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="language">Language of the chart's own words, band and factor labels (en, ru, kk; <see cref="TextCatalogue"/>).</param>
    public static GenericChart BandHeatmap(
        Scorecard result, int year, IReadOnlyDictionary<string, UnitLabel> labels, IReadOnlyDictionary<string, string> indicatorLabels,
        string title, string subtitle, int width = 1100, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(result);
        TextCatalogue.CheckLanguage(language);
        var heatmap = result.Heatmap(year);
        var totals = result.RegionsIn(year).ToDictionary(r => r.Region, r => r.Total, StringComparer.Ordinal);
        var rows = heatmap.Regions.Select(r => $"{LabelOf(labels, r)} ({Points(totals[r])})").ToArray();
        var columns = heatmap.Indicators.Select(i => TextCatalogue.FactorLabel(i, language, indicatorLabels.TryGetValue(i, out var l) ? l : i)).ToArray();
        var cell = heatmap.Cells.ToDictionary(c => (c.Region, c.Indicator));
        var n = heatmap.Legend.Count;
        var colours = BandColours(n);

        var z = heatmap.Regions.Select(r => heatmap.Indicators.Select(i => (double?)cell[(r, i)].BandIndex).ToArray()).ToArray();
        var text = heatmap.Regions.Select(r => heatmap.Indicators.Select(i => cell[(r, i)].Points is null ? "" : cell[(r, i)].Text).ToArray()).ToArray();
        var hover = heatmap.Regions.Select(r => heatmap.Indicators.Select(i =>
        {
            var c = cell[(r, i)];
            return c.Ratio is double ratio
                ? TextCatalogue.Format("fig3.heatmap.hover", language, ("ratio", ratio.ToString("0.0", CultureInfo.InvariantCulture)),
                    ("band", c.Band is null ? "" : TextCatalogue.BandLabel(c.Band, language)), ("points", c.Text))
                : TextCatalogue.Get("fig3.not-scored", language);
        }).ToArray()).ToArray();

        var heat = FigureParts.NewTrace("heatmap");
        FigureParts.Set(heat, "x", columns);
        FigureParts.Set(heat, "y", rows);
        FigureParts.Set(heat, "z", z);
        FigureParts.Set(heat, "text", text);
        FigureParts.Set(heat, "customdata", hover);
        FigureParts.Set(heat, "texttemplate", "%{text}");
        FigureParts.Set(heat, "textfont", FigureParts.Obj(("size", 13)));
        FigureParts.Set(heat, "hovertemplate", "%{y} · %{x}<br>%{customdata}<extra></extra>");
        FigureParts.Set(heat, "zmin", -0.5);
        FigureParts.Set(heat, "zmax", n - 0.5);
        FigureParts.Set(heat, "colorscale", DiscreteScale(colours));
        FigureParts.Set(heat, "hoverongaps", false);
        FigureParts.Set(heat, "xgap", 2);
        FigureParts.Set(heat, "ygap", 2);
        FigureParts.Set(heat, "colorbar", FigureParts.Obj(
            ("title", FigureParts.Obj(("text", TextCatalogue.Get("fig3.heatmap.colour-bar", language)))),
            ("tickvals", Enumerable.Range(0, n).ToArray()),
            ("ticktext", heatmap.Legend.Select(b => $"{TextCatalogue.BandLabel(b.Label, language)} ({Points(b.Points)})").ToArray()),
            ("thickness", 14)));

        var layout = FigureParts.BaseLayout(title, subtitle, width, Math.Max(520, heatmap.Regions.Count * 30 + 260));
        FigureParts.Set(layout, "plot_bgcolor", GapColour);
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("type", "category"), ("side", "top"), ("tickangle", 0), ("automargin", true)));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("type", "category"), ("autorange", "reversed"), ("automargin", true),
            ("title", FigureParts.Obj(("text", TextCatalogue.Get("fig3.heatmap.rows", language))))));
        FigureParts.Set(layout, "annotations", new List<object> { FigureParts.Note(TextCatalogue.Get("fig3.heatmap.note", language), -30) });
        FigureParts.Set(layout, "margin", FigureParts.Obj(("l", 20), ("r", 20), ("t", 150), ("b", 60)));
        return FigureParts.Build([heat], layout);
    }

    /// <summary>Total points of every region in one year as horizontal bars, best first, cities and oblasts in different colours, totals printed at the bars.</summary>
    public static GenericChart TotalsBars(
        Scorecard result, int year, IReadOnlyDictionary<string, UnitLabel> labels, string title, string subtitle, int width = 1000, string language = "en")
    {
        TextCatalogue.CheckLanguage(language);
        ArgumentNullException.ThrowIfNull(result);
        var regions = result.RegionsIn(year);
        var names = regions.Select(r => LabelOf(labels, r.Region)).ToArray();
        var traces = new List<Trace>();
        foreach (var (name, colour, city) in new[] { (TextCatalogue.Get("chart.cities", language), CityColour, true), (TextCatalogue.Get("chart.oblasts", language), OblastColour, false) })
        {
            var x = regions.Select(r => IsCity(labels, r.Region) == city ? r.Total : null).ToArray();
            if (x.All(v => v is null)) continue;
            var bar = FigureParts.NewTrace("bar");
            FigureParts.Set(bar, "name", name);
            FigureParts.Set(bar, "orientation", "h");
            FigureParts.Set(bar, "x", x);
            FigureParts.Set(bar, "y", names);
            FigureParts.Set(bar, "text", regions.Select(r => IsCity(labels, r.Region) == city && r.Total is not null
                ? TextCatalogue.Format("fig3.totals.bar-text", language, ("total", Points(r.Total)), ("rank", r.Rank)) : "").ToArray());
            FigureParts.Set(bar, "textposition", "outside");
            FigureParts.Set(bar, "cliponaxis", false);
            FigureParts.Set(bar, "marker", FigureParts.Obj(("color", colour)));
            FigureParts.Set(bar, "hovertemplate", TextCatalogue.Get("fig3.totals.hover", language));
            traces.Add(bar);
        }
        // Room on both sides for the printed totals, so that a label never runs into the region names.
        var defined = regions.Where(r => r.Total is not null).Select(r => r.Total!.Value).DefaultIfEmpty(0).ToList();
        var span = Math.Max(1, defined.Max() - defined.Min());
        double[] range = [Math.Min(0, defined.Min()) - 0.35 * span, Math.Max(0, defined.Max()) + 0.35 * span];
        var layout = FigureParts.BaseLayout(title, subtitle, width, Math.Max(480, regions.Count * 26 + 220));
        FigureParts.Set(layout, "barmode", "overlay");
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("title", FigureParts.Obj(("text", TextCatalogue.Get("fig3.totals.axis", language)))), ("range", range), ("zeroline", true), ("zerolinecolor", "#333333"),
            ("zerolinewidth", 1.5), ("gridcolor", "#eeeeee"), ("automargin", true)));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("type", "category"), ("categoryorder", "array"), ("categoryarray", names), ("autorange", "reversed"), ("automargin", true)));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        FigureParts.Set(layout, "margin", FigureParts.Obj(("l", 20), ("r", 90), ("t", 120), ("b", 60)));
        return FigureParts.Build(traces, layout);
    }

    /// <summary>
    /// What-if, before and after: each region's rank before (hollow grey circle) and after (filled circle: green moved up,
    /// red moved down, grey unchanged), joined by a line; regions ordered by their rank after. Ranks are competition ranks (1 = best).
    /// </summary>
    public static GenericChart RankChanges(
        ScoringComparison comparison, int year, IReadOnlyDictionary<string, UnitLabel> labels, string title, string subtitle, int width = 1000, string language = "en")
    {
        TextCatalogue.CheckLanguage(language);
        ArgumentNullException.ThrowIfNull(comparison);
        var rows = comparison.Regions.Where(r => r.Year == year)
            .OrderBy(r => r.RankAfter ?? int.MaxValue).ThenBy(r => r.RankBefore ?? int.MaxValue).ToList();
        var names = rows.Select(r => LabelOf(labels, r.Region)).ToArray();

        var lineX = new List<double?>();
        var lineY = new List<string?>();
        foreach (var (r, name) in rows.Zip(names))
        {
            if (r.RankBefore is null || r.RankAfter is null || r.RankBefore == r.RankAfter) continue;
            lineX.AddRange([r.RankBefore, r.RankAfter, null]);
            lineY.AddRange([name, name, null]);
        }
        var line = FigureParts.NewTrace("scatter");
        FigureParts.Set(line, "mode", "lines");
        FigureParts.Set(line, "x", lineX.ToArray());
        FigureParts.Set(line, "y", lineY.ToArray());
        FigureParts.Set(line, "line", FigureParts.Obj(("color", "#999999"), ("width", 2)));
        FigureParts.Set(line, "showlegend", false);
        FigureParts.Set(line, "hoverinfo", "skip");

        var before = FigureParts.NewTrace("scatter");
        FigureParts.Set(before, "name", TextCatalogue.Get("fig5.rank-before", language));
        FigureParts.Set(before, "mode", "markers");
        FigureParts.Set(before, "x", rows.Select(r => r.RankBefore).ToArray());
        FigureParts.Set(before, "y", names);
        FigureParts.Set(before, "marker", FigureParts.Obj(("symbol", "circle-open"), ("size", 12), ("color", "#555555"), ("line", FigureParts.Obj(("width", 2)))));
        FigureParts.Set(before, "text", rows.Select(r => TextCatalogue.Format("fig5.total", language, ("total", Points(r.TotalBefore)))).ToArray());
        FigureParts.Set(before, "hovertemplate", TextCatalogue.Get("fig5.rank-before.hover", language));

        var after = FigureParts.NewTrace("scatter");
        FigureParts.Set(after, "name", TextCatalogue.Get("fig5.rank-after", language));
        FigureParts.Set(after, "mode", "markers");
        FigureParts.Set(after, "x", rows.Select(r => r.RankAfter).ToArray());
        FigureParts.Set(after, "y", names);
        FigureParts.Set(after, "marker", FigureParts.Obj(("size", 11), ("color", rows.Select(r => r.RankShift switch { > 0 => Up, < 0 => Down, _ => Same }).ToArray())));
        FigureParts.Set(after, "text", rows.Select(r => TextCatalogue.Format("fig5.total", language, ("total", Points(r.TotalAfter)))).ToArray());
        FigureParts.Set(after, "hovertemplate", TextCatalogue.Get("fig5.rank-after.hover", language));

        // The move and the totals, printed in a column right of the ranks so that no label covers a marker.
        var maxRank = rows.Select(r => Math.Max(r.RankBefore ?? 0, r.RankAfter ?? 0)).DefaultIfEmpty(1).Max();
        var notes = FigureParts.NewTrace("scatter");
        FigureParts.Set(notes, "mode", "text");
        FigureParts.Set(notes, "showlegend", false);
        FigureParts.Set(notes, "hoverinfo", "skip");
        FigureParts.Set(notes, "x", rows.Select(_ => maxRank + 0.8).ToArray());
        FigureParts.Set(notes, "y", names);
        FigureParts.Set(notes, "text", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{(r.RankShift is int s && s != 0 ? $"{(s > 0 ? "▲" : "▼")}{Math.Abs(s)}" : "=")}   {TextCatalogue.Format("fig5.total", language, ("total", $"{Points(r.TotalBefore)} → {Points(r.TotalAfter)}"))}")).ToArray());
        FigureParts.Set(notes, "textposition", "middle right");
        FigureParts.Set(notes, "textfont", FigureParts.Obj(("size", 11), ("color", "#333333")));
        var layout = FigureParts.BaseLayout(title, subtitle, width, Math.Max(480, rows.Count * 26 + 220));
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("title", FigureParts.Obj(("text", TextCatalogue.Get("fig5.ranks.axis", language)))), ("range", new[] { 0.5, maxRank + 0.5 + Math.Max(6, maxRank * 0.35) }),
            ("tickvals", Enumerable.Range(1, maxRank).ToArray()), ("gridcolor", "#eeeeee"), ("zeroline", false)));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("type", "category"), ("categoryorder", "array"), ("categoryarray", names), ("autorange", "reversed"), ("automargin", true)));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        FigureParts.Set(layout, "margin", FigureParts.Obj(("l", 20), ("r", 30), ("t", 120), ("b", 60)));
        return FigureParts.Build([line, before, after, notes], layout);
    }

    /// <summary>
    /// Sensitivity: each region's rank across the Monte Carlo draws of one year — thin line from best to worst rank,
    /// thick bar from the 5th to the 95th percentile, black tick at the median, red diamond at the default rank —
    /// regions ordered by default rank.
    /// </summary>
    public static GenericChart RankIntervals(
        SensitivityResult sensitivity, int year, IReadOnlyDictionary<string, UnitLabel> labels, string title, string subtitle, int width = 1000, string language = "en")
    {
        TextCatalogue.CheckLanguage(language);
        ArgumentNullException.ThrowIfNull(sensitivity);
        var rows = sensitivity.Ranks.Where(r => r.Year == year && r.Min is not null)
            .OrderBy(r => r.DefaultRank ?? int.MaxValue).ThenBy(r => r.Median).ToList();
        var names = rows.Select(r => LabelOf(labels, r.Region)).ToArray();
        Trace Segments(string name, Func<RankInterval, (int?, int?)> ends, double width, string colour)
        {
            var x = new List<double?>();
            var y = new List<string?>();
            foreach (var (r, label) in rows.Zip(names))
            {
                var (a, b) = ends(r);
                x.AddRange([a, b, null]);
                y.AddRange([label, label, null]);
            }
            var t = FigureParts.NewTrace("scatter");
            FigureParts.Set(t, "name", name);
            FigureParts.Set(t, "mode", "lines");
            FigureParts.Set(t, "x", x.ToArray());
            FigureParts.Set(t, "y", y.ToArray());
            FigureParts.Set(t, "line", FigureParts.Obj(("color", colour), ("width", width)));
            FigureParts.Set(t, "hoverinfo", "skip");
            return t;
        }
        var range = Segments(TextCatalogue.Get("fig5.intervals.range", language), r => (r.Min, r.Max), 1.5, "#9ecae1");
        var inner = Segments(TextCatalogue.Get("fig5.intervals.inner", language), r => (r.P5, r.P95), 9, "#3182bd");
        var median = FigureParts.NewTrace("scatter");
        FigureParts.Set(median, "name", TextCatalogue.Get("fig5.intervals.median", language));
        FigureParts.Set(median, "mode", "markers");
        FigureParts.Set(median, "x", rows.Select(r => r.Median).ToArray());
        FigureParts.Set(median, "y", names);
        FigureParts.Set(median, "marker", FigureParts.Obj(("symbol", "line-ns"), ("size", 16), ("color", "#000000"), ("line", FigureParts.Obj(("width", 3), ("color", "#000000")))));
        FigureParts.Set(median, "hovertemplate", TextCatalogue.Get("fig5.intervals.median.hover", language));
        var initial = FigureParts.NewTrace("scatter");
        FigureParts.Set(initial, "name", TextCatalogue.Get("fig5.intervals.default", language));
        FigureParts.Set(initial, "mode", "markers");
        FigureParts.Set(initial, "x", rows.Select(r => r.DefaultRank).ToArray());
        FigureParts.Set(initial, "y", names);
        FigureParts.Set(initial, "marker", FigureParts.Obj(("symbol", "diamond"), ("size", 10), ("color", Down), ("line", FigureParts.Obj(("color", "#ffffff"), ("width", 1)))));
        FigureParts.Set(initial, "text", rows.Select(r => TextCatalogue.Format("fig5.intervals.detail", language, ("best", r.Min), ("p5", r.P5), ("median", r.Median),
            ("p95", r.P95), ("worst", r.Max), ("shift", r.MeanAbsoluteShift.ToString("0.00", CultureInfo.InvariantCulture)))).ToArray());
        FigureParts.Set(initial, "hovertemplate", TextCatalogue.Get("fig5.intervals.default.hover", language));

        var maxRank = rows.Select(r => r.Max ?? 1).DefaultIfEmpty(1).Max();
        var layout = FigureParts.BaseLayout(title, subtitle, width, Math.Max(480, rows.Count * 26 + 220));
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("title", FigureParts.Obj(("text", TextCatalogue.Get("fig5.ranks.axis", language)))), ("range", new[] { 0.5, maxRank + 0.5 }),
            ("dtick", 1), ("gridcolor", "#eeeeee"), ("zeroline", false)));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("type", "category"), ("categoryorder", "array"), ("categoryarray", names), ("autorange", "reversed"), ("automargin", true)));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        FigureParts.Set(layout, "margin", FigureParts.Obj(("l", 20), ("r", 30), ("t", 130), ("b", 60)));
        return FigureParts.Build([range, inner, median, initial], layout);
    }

    /// <summary>
    /// Sensitivity: for each region and indicator of one year, the share of draws in which the cell stays in its default
    /// band (1 = always), among the draws in which it is scored (draws that leave its indicator out do not count); grey where the default scoring leaves the cell unscored. Rows ordered by default rank.
    /// Low values mark the cells whose band depends on the open choices (reference, thresholds, polarity).
    /// </summary>
    public static GenericChart BandProbabilities(
        SensitivityResult sensitivity, int year, IReadOnlyDictionary<string, UnitLabel> labels, IReadOnlyDictionary<string, string> indicatorLabels,
        string title, string subtitle, int width = 1100, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        TextCatalogue.CheckLanguage(language);
        var order = sensitivity.Default.RegionsIn(year).Select(r => r.Region).ToList();
        var indicators = sensitivity.Default.Indicators;
        var cells = sensitivity.Bands.Where(b => b.Year == year).ToDictionary(b => (b.Region, b.Indicator));
        // Among the draws in which the cell is scored: a draw that leaves the indicator out says nothing about its band.
        double? Stay(string r, string i) =>
            cells.TryGetValue((r, i), out var b) && b.DefaultBand is int d && b.UnscoredShare < 1 ? b.Probabilities[d] / (1 - b.UnscoredShare) : null;
        var z = order.Select(r => indicators.Select(i => Stay(r, i)).ToArray()).ToArray();
        var heat = FigureParts.NewTrace("heatmap");
        FigureParts.Set(heat, "x", indicators.Select(i => TextCatalogue.FactorLabel(i, language, indicatorLabels.TryGetValue(i, out var l) ? l : i)).ToArray());
        FigureParts.Set(heat, "y", order.Select(r => LabelOf(labels, r)).ToArray());
        FigureParts.Set(heat, "z", z);
        FigureParts.Set(heat, "text", z.Select(row => row.Select(v => v is double p ? string.Create(CultureInfo.InvariantCulture, $"{p * 100:0} %") : "").ToArray()).ToArray());
        FigureParts.Set(heat, "texttemplate", "%{text}");
        FigureParts.Set(heat, "hovertemplate", TextCatalogue.Get("fig5.stability.hover", language));
        FigureParts.Set(heat, "zmin", 0);
        FigureParts.Set(heat, "zmax", 1);
        FigureParts.Set(heat, "colorscale", new object[][] { [0.0, "#d7191c"], [0.5, "#fdae61"], [0.8, "#ffffbf"], [1.0, "#2c7bb6"] });
        FigureParts.Set(heat, "hoverongaps", false);
        FigureParts.Set(heat, "xgap", 2);
        FigureParts.Set(heat, "ygap", 2);
        FigureParts.Set(heat, "colorbar", FigureParts.Obj(("title", FigureParts.Obj(("text", TextCatalogue.Get("fig5.stability.colour-bar", language)))), ("tickformat", ".0%"), ("thickness", 14)));
        var layout = FigureParts.BaseLayout(title, subtitle, width, Math.Max(520, order.Count * 30 + 260));
        FigureParts.Set(layout, "plot_bgcolor", GapColour);
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("type", "category"), ("side", "top"), ("tickangle", 0), ("automargin", true)));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("type", "category"), ("autorange", "reversed"), ("automargin", true)));
        FigureParts.Set(layout, "annotations", new List<object> { FigureParts.Note(TextCatalogue.Get("fig5.stability.note", language), -30) });
        FigureParts.Set(layout, "margin", FigureParts.Obj(("l", 20), ("r", 20), ("t", 150), ("b", 60)));
        return FigureParts.Build([heat], layout);
    }

    /// <summary>
    /// Sensitivity: first-order and total indices of each open choice for the mean absolute rank shift (grouped bars). The
    /// first-order index is the share of the output's variance the choice explains alone, the total index adds its
    /// interactions with the other choices; both are Monte Carlo estimates (small negative values are noise).
    /// </summary>
    public static GenericChart SensitivityIndices(SensitivityResult sensitivity, string title, string subtitle, int width = 900, int height = 500,
        string language = "en", IReadOnlyDictionary<string, string>? indicatorLabels = null)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        TextCatalogue.CheckLanguage(language);
        var rows = sensitivity.Indices.Where(i => i.Output == "mean_abs_rank_shift").ToList();
        var factors = rows.Select(r => TextCatalogue.ChoiceName(r.Factor, language,
            k => TextCatalogue.FactorLabel(k, language, indicatorLabels is not null && indicatorLabels.TryGetValue(k, out var l) ? l : k))).ToArray();
        var traces = new List<Trace>();
        foreach (var (name, colour, pick) in new (string, string, Func<SensitivityIndex, double>)[]
                 { (TextCatalogue.Get("fig5.indices.first-order", language), "#6baed6", i => i.FirstOrder), (TextCatalogue.Get("fig5.indices.total", language), "#08519c", i => i.Total) })
        {
            var values = rows.Select(r => double.IsFinite(pick(r)) ? Math.Round(pick(r), 3) : (double?)null).ToArray();
            var bar = FigureParts.NewTrace("bar");
            FigureParts.Set(bar, "name", name);
            FigureParts.Set(bar, "x", factors);
            FigureParts.Set(bar, "y", values);
            FigureParts.Set(bar, "text", values.Select(v => v is double d ? d.ToString("0.00", CultureInfo.InvariantCulture) : "n/a").ToArray());
            FigureParts.Set(bar, "textposition", "outside");
            FigureParts.Set(bar, "cliponaxis", false);
            FigureParts.Set(bar, "marker", FigureParts.Obj(("color", colour)));
            traces.Add(bar);
        }
        var layout = FigureParts.BaseLayout(title, subtitle, width, height);
        FigureParts.Set(layout, "barmode", "group");
        FigureParts.Set(layout, "xaxis", FigureParts.Obj(("title", FigureParts.Obj(("text", TextCatalogue.Get("fig5.indices.x-axis", language)))), ("type", "category")));
        FigureParts.Set(layout, "yaxis", FigureParts.Obj(("title", FigureParts.Obj(("text", TextCatalogue.Get("fig5.indices.y-axis", language)))), ("gridcolor", "#eeeeee"), ("rangemode", "tozero")));
        FigureParts.Set(layout, "legend", FigureParts.TopRightLegend());
        FigureParts.Set(layout, "margin", FigureParts.Obj(("l", 70), ("r", 30), ("t", 120), ("b", 60)));
        return FigureParts.Build(traces, layout);
    }

    private static object[][] DiscreteScale(IReadOnlyList<string> colours)
    {
        var n = colours.Count;
        var stops = new List<object[]>();
        for (var k = 0; k < n; k++)
        {
            stops.Add([(double)k / n, colours[k]]);
            stops.Add([(double)(k + 1) / n, colours[k]]);
        }
        return [.. stops];
    }

    private static string LabelOf(IReadOnlyDictionary<string, UnitLabel> labels, string region) =>
        labels.TryGetValue(region, out var l) ? l.Label : region;

    private static bool IsCity(IReadOnlyDictionary<string, UnitLabel> labels, string region) =>
        labels.TryGetValue(region, out var l) && l.IsCity;

    private static string Points(double? p) => p is double d ? d.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) : "n/a";
}
