using System.Globalization;
using Plotly.NET;
using KzMigration.Localisation;
using KzMigration.Regions;
using static KzMigration.Charts.FigureParts;

namespace KzMigration.Charts;

/// <summary>
/// Charts of the paper's migration results, built as Plotly.NET <see cref="GenericChart"/>s from plain records.
/// Pure: no files, no network, no console; the same inputs give the same figure JSON
/// (<see cref="GenericChart.toFigureJson"/>), so charts can be compared and cached. Render them with <see cref="ChartHtml"/>.
/// Layout choices for print: white background, explicit width/height in pixels (1000–1600 wide), small multiples
/// rather than animation so a static PNG shows every year.
/// </summary>
public static class MigrationCharts
{
    // Colour-blind-safe pairs (ColorBrewer "Paired"): hue tells city from oblast, lightness tells gain from loss.
    private const string CityGain = "#e66101", CityLoss = "#fdb863", OblastGain = "#1f78b4", OblastLoss = "#a6cee3";

    // Diverging scale (ColorBrewer RdBu): red below the centre, blue above, near-white at the centre.
    private static readonly object[][] Diverging =
        [[0.0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1.0, "#2166ac"]];

    private static readonly object[][] Sequential =
        [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]];

    // Year colours of grouped bars: the Okabe–Ito palette (Okabe & Ito 2008, colour-blind safe), so that any two years
    // differ clearly (adjacent viridis steps, used before, made 2022 and 2023 nearly the same purple); cycles beyond eight years.
    private static readonly string[] YearColours = Palette.OkabeIto;

    private const string GapColour = "#d9d9d9";

    /// <summary>
    /// The paper's Figure 1: migration balance of every region, one small panel per year (a grid of horizontal bars
    /// sharing one value axis and one region order), cities of republican significance and oblasts in different hues,
    /// gains and losses in dark and light shades around a marked zero line, values printed at the bars.
    /// </summary>
    /// <param name="values">Balances by region and year, one flow (say which in <paramref name="measure"/>).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="measure">Subtitle naming the measure, e.g. "Interregional balance, January–December, persons".</param>
    /// <param name="valueAxisTitle">Title of the value axes; «Migration balance, persons» in <paramref name="language"/> when null.</param>
    /// <param name="columns">Panels per row.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="valueFormat">.NET format of the printed values (invariant culture).</param>
    /// <param name="language">Language of the legend texts (en, ru, kk; <see cref="TextCatalogue"/>).</param>
    /// <remarks>Region order: cities first, then oblasts, each in the order they first occur in <paramref name="values"/>; top to bottom.</remarks>
    public static GenericChart BalanceBars(
        IReadOnlyList<RegionValue> values, string title, string measure,
        string? valueAxisTitle = null, int columns = 4, int width = 1400,
        string valueFormat = "#,0", string language = "en")
    {
        TextCatalogue.CheckLanguage(language);
        valueAxisTitle ??= TextCatalogue.Get("chart.balance-axis", language);
        var grid = Grid.Of(values);
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "At least one column of panels.");
        columns = Math.Min(columns, grid.Years.Count);
        var rows = (grid.Years.Count + columns - 1) / columns;
        var labels = grid.Regions.Select(r => r.Label).ToArray();

        var series = new (string Name, string Colour, bool City, bool Gain)[]
        {
            ($"{TextCatalogue.Get("chart.cities", language)}: {TextCatalogue.Get("chart.gain", language)}", CityGain, true, true),
            ($"{TextCatalogue.Get("chart.cities", language)}: {TextCatalogue.Get("chart.loss", language)}", CityLoss, true, false),
            ($"{TextCatalogue.Get("chart.oblasts", language)}: {TextCatalogue.Get("chart.gain", language)}", OblastGain, false, true),
            ($"{TextCatalogue.Get("chart.oblasts", language)}: {TextCatalogue.Get("chart.loss", language)}", OblastLoss, false, false),
        };

        var traces = new List<Trace>();
        var layout = BaseLayout(title, measure, width, Math.Max(500, rows * (grid.Regions.Count * 17 + 60) + 230));
        var annotations = new List<object>();
        for (var p = 0; p < grid.Years.Count; p++)
        {
            var year = grid.Years[p];
            var (x, y) = (AxisId("x", p), AxisId("y", p));
            foreach (var s in series)
            {
                var shown = grid.Regions.Select(r =>
                {
                    var v = grid.Value(r.RegionKey, year);
                    return r.IsCity == s.City && v is { } d && (d >= 0) == s.Gain ? v : null;
                }).ToArray();
                var bar = NewTrace("bar");
                Set(bar, "name", s.Name);
                Set(bar, "legendgroup", s.Name);
                Set(bar, "showlegend", p == 0);
                Set(bar, "orientation", "h");
                Set(bar, "x", shown);
                Set(bar, "y", labels);
                Set(bar, "customdata", grid.Regions.Select(r => r.RegionKey).ToArray());
                Set(bar, "text", shown.Select(v => Format(v, valueFormat)).ToArray());
                Set(bar, "textposition", "outside");
                Set(bar, "textfont", Obj(("size", 9)));
                Set(bar, "cliponaxis", false);
                Set(bar, "marker", Obj(("color", s.Colour)));
                Set(bar, "hovertemplate", $"%{{y}} {year}: %{{text}}<extra></extra>");
                Set(bar, "xaxis", x);
                Set(bar, "yaxis", y);
                traces.Add(bar);
            }

            var lastRow = p / columns == rows - 1 || p + columns >= grid.Years.Count;
            Set(layout, AxisKey(x), Obj(
                ("title", Obj(("text", lastRow ? valueAxisTitle : "")) ),
                ("matches", p == 0 ? null : "x"),
                ("zeroline", true), ("zerolinecolor", "#333333"), ("zerolinewidth", 1.5),
                ("gridcolor", "#eeeeee"), ("tickformat", ",d"), ("automargin", true)));
            Set(layout, AxisKey(y), Obj(
                ("type", "category"), ("categoryorder", "array"), ("categoryarray", labels),
                ("autorange", "reversed"), ("matches", p == 0 ? null : "y"),
                ("showticklabels", p % columns == 0), ("tickfont", Obj(("size", 10))), ("automargin", true)));
            annotations.Add(Obj(
                ("text", $"<b>{year.ToString(CultureInfo.InvariantCulture)}</b>"),
                ("xref", $"{x} domain"), ("yref", $"{y} domain"), ("x", 0.5), ("y", 1.0),
                ("xanchor", "center"), ("yanchor", "bottom"), ("showarrow", false), ("font", Obj(("size", 13)))));
        }
        annotations.Add(Note(TextCatalogue.Get("chart.gap-note", language), yshift: -70));
        Set(layout, "grid", Obj(("rows", rows), ("columns", columns), ("pattern", "independent"),
            ("roworder", "top to bottom"), ("xgap", 0.1), ("ygap", 0.25 / rows)));
        Set(layout, "barmode", "relative");
        Set(layout, "legend", TopRightLegend());
        Set(layout, "annotations", annotations);
        Set(layout, "margin", Obj(("l", 20), ("r", 40), ("t", 120), ("b", 110)));
        return Build(traces, layout);
    }

    /// <summary>
    /// A region × year heatmap of <paramref name="values"/> with the value printed in every cell, on a diverging scale
    /// centred on <paramref name="centre"/> (0 for balances, 1 for the attractiveness coefficient K): red below, blue above.
    /// Missing cells are left empty and show the grey background.
    /// </summary>
    /// <remarks>The scale is linear around the centre; for K this makes K = 0.5 and K = 1.5 equally intense, though K is
    /// not symmetric around 1 — draw the effectiveness ratio E (centre 0) for a symmetric picture.</remarks>
    /// <param name="values">Values by region and year, one flow and measure.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="subtitle">Subtitle naming the measure, flow and period.</param>
    /// <param name="colourBarTitle">Title of the colour bar (the measure and unit).</param>
    /// <param name="centre">Value drawn in the neutral colour (0 for balances, 1 for K).</param>
    /// <param name="valueFormat">.NET format of the printed values (invariant culture), e.g. "#,0" or "0.00".</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="language">Language of the note texts (en, ru, kk; <see cref="TextCatalogue"/>).</param>
    public static GenericChart Heatmap(
        IReadOnlyList<RegionValue> values, string title, string subtitle, string colourBarTitle,
        double centre = 0, string valueFormat = "#,0", int width = 1100, string language = "en")
    {
        TextCatalogue.CheckLanguage(language);
        var grid = Grid.Of(values);
        var years = grid.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();
        var z = grid.Regions.Select(r => grid.Years.Select(y => grid.Value(r.RegionKey, y)).ToArray()).ToArray();

        var heat = NewTrace("heatmap");
        Set(heat, "x", years);
        Set(heat, "y", grid.Regions.Select(r => r.Label).ToArray());
        Set(heat, "z", z);
        Set(heat, "text", z.Select(row => row.Select(v => Format(v, valueFormat) ?? "").ToArray()).ToArray());
        Set(heat, "texttemplate", "%{text}");
        Set(heat, "textfont", Obj(("size", 11)));
        Set(heat, "hovertemplate", "%{y} %{x}: %{text}<extra></extra>");
        Set(heat, "colorscale", Diverging);
        Set(heat, "zmid", centre);
        Set(heat, "hoverongaps", false);
        Set(heat, "xgap", 1);
        Set(heat, "ygap", 1);
        Set(heat, "colorbar", Obj(("title", Obj(("text", colourBarTitle))), ("thickness", 14)));

        var layout = BaseLayout(title, subtitle, width, Math.Max(500, grid.Regions.Count * 30 + 230));
        Set(layout, "plot_bgcolor", GapColour);
        Set(layout, "xaxis", Obj(("type", "category"), ("side", "top"), ("title", Obj(("text", "")))));
        Set(layout, "yaxis", Obj(("type", "category"), ("autorange", "reversed"), ("automargin", true)));
        Set(layout, "annotations", new List<object> { Note(TextCatalogue.Get("chart.gap-note", language)) });
        Set(layout, "margin", Obj(("l", 20), ("r", 20), ("t", 130), ("b", 60)));
        return Build([heat], layout);
    }

    /// <summary>
    /// The paper's Figure 2: the attractiveness coefficient K = arrivals ÷ departures of every region, grouped bars
    /// (one bar per year) with a dashed reference line at K = 1 (arrivals equal departures). Cities of republican
    /// significance come first, on a shaded band.
    /// </summary>
    /// <param name="values">K by region and year, one flow (name it in <paramref name="subtitle"/>: interregional K lies further from 1 than internal K).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="subtitle">Subtitle naming the flow and period, e.g. "K from internal arrivals and departures, January–December".</param>
    /// <param name="valueAxisTitle">Title of the value axis; «K = arrivals ÷ departures» in <paramref name="language"/> when null.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="valueFormat">.NET format of the printed values (invariant culture).</param>
    /// <param name="language">Language of the legend and note texts (en, ru, kk; <see cref="TextCatalogue"/>).</param>
    public static GenericChart AttractivenessBars(
        IReadOnlyList<RegionValue> values, string title, string subtitle,
        string? valueAxisTitle = null, int width = 1500, int height = 700,
        string valueFormat = "0.00", string language = "en")
    {
        TextCatalogue.CheckLanguage(language);
        valueAxisTitle ??= TextCatalogue.Get("chart.k-axis", language);
        var grid = Grid.Of(values);
        var labels = grid.Regions.Select(r => r.Label).ToArray();
        var traces = new List<Trace>();
        for (var i = 0; i < grid.Years.Count; i++)
        {
            var year = grid.Years[i];
            var k = grid.Regions.Select(r => grid.Value(r.RegionKey, year)).ToArray();
            var bar = NewTrace("bar");
            Set(bar, "name", year.ToString(CultureInfo.InvariantCulture));
            Set(bar, "x", labels);
            Set(bar, "y", k);
            Set(bar, "customdata", grid.Regions.Select(r => r.RegionKey).ToArray());
            Set(bar, "text", k.Select(v => Format(v, valueFormat)).ToArray());
            Set(bar, "textposition", "none");
            Set(bar, "hovertemplate", $"%{{x}} {year}: K = %{{text}}<extra></extra>");
            Set(bar, "marker", Obj(("color", YearColours[i % YearColours.Length])));
            traces.Add(bar);
        }

        var cities = grid.Regions.Count(r => r.IsCity);
        var shapes = new List<object>
        {
            Obj(("type", "line"), ("xref", "paper"), ("x0", 0.0), ("x1", 1.0), ("yref", "y"), ("y0", 1.0), ("y1", 1.0),
                ("line", Obj(("color", "#000000"), ("width", 1.5), ("dash", "dash")))),
        };
        var annotations = new List<object>
        {
            Obj(("text", TextCatalogue.Get("chart.k-reference", language)), ("xref", "paper"), ("x", 1.0), ("xanchor", "right"), ("yref", "y"), ("y", 1.0),
                ("yanchor", "bottom"), ("showarrow", false), ("font", Obj(("size", 11)))),
        };
        if (cities > 0)
        {
            shapes.Insert(0, Obj(("type", "rect"), ("xref", "x"), ("x0", -0.5), ("x1", cities - 0.5), ("yref", "paper"),
                ("y0", 0.0), ("y1", 1.0), ("fillcolor", "#f0f0f0"), ("line", Obj(("width", 0))), ("layer", "below")));
            annotations.Add(Obj(("text", TextCatalogue.Get("chart.cities", language)), ("xref", "x"), ("x", (cities - 1) / 2.0), ("yref", "paper"), ("y", 1.0),
                ("yanchor", "bottom"), ("showarrow", false), ("font", Obj(("size", 11), ("color", "#555555")))));
        }

        var layout = BaseLayout(title, subtitle, width, height);
        Set(layout, "barmode", "group");
        Set(layout, "bargap", 0.15);
        Set(layout, "xaxis", Obj(("type", "category"), ("tickangle", -40), ("automargin", true)));
        Set(layout, "yaxis", Obj(("title", Obj(("text", valueAxisTitle))), ("rangemode", "tozero"), ("gridcolor", "#e5e5e5"),
            ("zeroline", true), ("zerolinecolor", "#333333")));
        Set(layout, "shapes", shapes);
        Set(layout, "annotations", annotations);
        Set(layout, "legend", TopRightLegend());
        Set(layout, "margin", Obj(("l", 70), ("r", 30), ("t", 130), ("b", 40)));
        return Build(traces, layout);
    }

    /// <summary>
    /// A choropleth map of one year's value per region, drawn from the caller's GeoJSON as filled polygons on an
    /// Albers equal-area projection with no basemap, zoomed to the regions drawn, so it renders offline and in a static PNG.
    /// Each region is one trace (its value in <c>meta</c>, null when missing); missing regions are grey and named in the
    /// legend entry "no data". Cities are drawn last so that they lie on top of the oblasts around them.
    /// </summary>
    /// <remarks>
    /// plotly's own <c>choropleth</c> trace (geo subplot, <c>fitbounds: "locations"</c>) is not used: plotly.js 2.28 downloads
    /// a world topojson for it even without a basemap, so offline it draws nothing (see <see cref="MapGeometry"/>).
    /// </remarks>
    /// <param name="values">Values of one year (all the same <see cref="RegionValue.Year"/>).</param>
    /// <param name="featureId">The GeoJSON feature id of a region, as it appears in <paramref name="featureIdProperty"/>
    /// (in data/boundaries, <c>KATO</c> is nine digits, e.g. "100000000" for Abai; <c>ADM1_PCODE</c> is "KZ10").</param>
    /// <param name="geoJson">GeoJSON FeatureCollection text (e.g. data/boundaries/adm1-2022-20-units.geojson, read by the caller).</param>
    /// <param name="featureIdProperty">The feature property that identifies a region, e.g. <c>KATO</c> or <c>ADM1_PCODE</c>.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="subtitle">Subtitle naming the measure, flow and year.</param>
    /// <param name="colourBarTitle">Title of the colour bar (the measure and unit).</param>
    /// <param name="attribution">Attribution text drawn under the map (required by the boundaries' CC BY 4.0 licence).</param>
    /// <param name="centre">Centre of a diverging scale (0 for balances, 1 for K), symmetric around it; null for a sequential scale from the minimum to the maximum.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="valueFormat">.NET format of the values in hover texts (invariant culture).</param>
    /// <param name="language">Language of the legend texts (en, ru, kk; <see cref="TextCatalogue"/>).</param>
    /// <exception cref="ArgumentException">The GeoJSON is not a FeatureCollection, a region's id matches no feature, or values span several years.</exception>
    public static GenericChart ChoroplethMap(
        IReadOnlyList<RegionValue> values, Func<RegionValue, string> featureId, string geoJson, string featureIdProperty,
        string title, string subtitle, string colourBarTitle, string attribution,
        double? centre = null, string valueFormat = "#,0", int width = 1200, int height = 800, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(featureId);
        return Choropleth(values, featureId, MapGeometry.ReadOutlines(geoJson, featureIdProperty),
            (region, id, outlines) => $"Region '{region.RegionKey}' has feature id '{id}', which no feature carries in property '{featureIdProperty}' " +
                                      $"(examples: {string.Join(", ", outlines.Keys.Take(3))}).",
            title, subtitle, colourBarTitle, attribution, centre, valueFormat, width, height, language);
    }

    /// <summary>
    /// A choropleth of one year's values on boundary shapes as the core reads them (<see cref="RegionGeometry.Read"/>):
    /// each value is drawn on the shape of its region key, so no feature code is involved; otherwise as
    /// <see cref="ChoroplethMap(IReadOnlyList{RegionValue}, Func{RegionValue, string}, string, string, string, string, string, string, double?, string, int, int, string)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A region has no shape, or values span several years.</exception>
    public static GenericChart ChoroplethMap(
        IReadOnlyList<RegionValue> values, IReadOnlyList<RegionShape> shapes,
        string title, string subtitle, string colourBarTitle, string attribution,
        double? centre = null, string valueFormat = "#,0", int width = 1200, int height = 800, string language = "en") =>
        Choropleth(values, r => r.RegionKey, MapGeometry.Outlines(shapes),
            (region, _, outlines) => $"Region '{region.RegionKey}' has no shape among the boundary file's units ({string.Join(", ", outlines.Keys)}).",
            title, subtitle, colourBarTitle, attribution, centre, valueFormat, width, height, language);

    private static GenericChart Choropleth(
        IReadOnlyList<RegionValue> values, Func<RegionValue, string> featureId, IReadOnlyDictionary<string, RegionOutline> outlines,
        Func<RegionValue, string, IReadOnlyDictionary<string, RegionOutline>, string> unknown,
        string title, string subtitle, string colourBarTitle, string attribution,
        double? centre, string valueFormat, int width, int height, string language)
    {
        TextCatalogue.CheckLanguage(language);
        var grid = Grid.Of(values);
        if (grid.Years.Count != 1)
            throw new ArgumentException($"A map shows one year; got {string.Join(", ", grid.Years)}.", nameof(values));
        var year = grid.Years[0];
        var regions = grid.Regions.Select(r => (Region: r, Id: featureId(r), Value: grid.Value(r.RegionKey, year))).ToList();
        foreach (var (region, id, _) in regions)
            if (!outlines.ContainsKey(id))
                throw new ArgumentException(unknown(region, id, outlines), nameof(featureId));

        var projection = MapGeometry.AlbersEqualArea.For(regions.Select(r => outlines[r.Id]));
        var defined = regions.Where(r => r.Value is not null).Select(r => r.Value!.Value).ToList();
        // Colour range: symmetric around the centre for a diverging scale (so the centre is the neutral colour), else min–max.
        double low, high;
        if (centre is { } c)
        {
            var reach = defined.Count == 0 ? 1 : Math.Max(defined.Max(v => Math.Abs(v - c)), double.Epsilon);
            (low, high) = (c - reach, c + reach);
        }
        else
        {
            (low, high) = defined.Count == 0 ? (0, 1) : (defined.Min(), defined.Max());
            if (high == low) high = low + 1;
        }
        var scale = centre is null ? Sequential : Diverging;

        var traces = new List<Trace>();
        var noDataShown = false;
        foreach (var (region, id, value) in regions.OrderBy(r => r.Region.IsCity ? 1 : 0))
        {
            var (xs, ys) = Polygons(outlines[id], projection);
            var shape = NewTrace("scatter");
            Set(shape, "name", value is null ? TextCatalogue.Get("chart.no-data", language) : region.Label);
            Set(shape, "legendgroup", value is null ? "no-data" : null);
            Set(shape, "showlegend", value is null && !noDataShown);
            Set(shape, "mode", "lines");
            Set(shape, "x", xs);
            Set(shape, "y", ys);
            Set(shape, "fill", "toself");
            Set(shape, "fillcolor", value is { } v ? MapGeometry.Colour(scale, (v - low) / (high - low)) : GapColour);
            Set(shape, "line", Obj(("color", "#ffffff"), ("width", 0.8)));
            Set(shape, "meta", new Dictionary<string, object?> { ["region"] = region.RegionKey, ["value"] = value });
            Set(shape, "hoveron", "fills");
            Set(shape, "text", $"{region.Label}: {(value is null ? TextCatalogue.Get("chart.no-data", language) : Format(value, valueFormat))}");
            Set(shape, "hoverinfo", "text");
            traces.Add(shape);
            noDataShown |= value is null;
        }

        // The colour bar: an invisible marker trace spanning the colour range (the polygons carry explicit colours).
        var bar = NewTrace("scatter");
        Set(bar, "mode", "markers");
        Set(bar, "x", new double?[] { null, null });
        Set(bar, "y", new double?[] { null, null });
        Set(bar, "showlegend", false);
        Set(bar, "hoverinfo", "skip");
        Set(bar, "marker", Obj(("color", new[] { low, high }), ("colorscale", scale), ("cmin", low), ("cmax", high),
            ("showscale", true), ("colorbar", Obj(("title", Obj(("text", colourBarTitle))), ("thickness", 14)))));
        traces.Add(bar);

        var layout = BaseLayout(title, subtitle, width, height);
        Set(layout, "xaxis", Obj(("visible", false), ("constrain", "domain")));
        Set(layout, "yaxis", Obj(("visible", false), ("scaleanchor", "x"), ("scaleratio", 1), ("constrain", "domain")));
        Set(layout, "legend", Obj(("x", 0.0), ("y", 0.0), ("xanchor", "left"), ("yanchor", "bottom")));
        Set(layout, "annotations", new List<object> { Note(attribution) });
        Set(layout, "margin", Obj(("l", 10), ("r", 10), ("t", 110), ("b", 60)));
        return Build(traces, layout);
    }

    /// <summary>All rings of a region projected, each ring closed and separated by a null (a gap plotly fills separately).</summary>
    internal static (double?[] X, double?[] Y) Polygons(RegionOutline outline, MapGeometry.AlbersEqualArea projection)
    {
        var xs = new List<double?>();
        var ys = new List<double?>();
        foreach (var ring in outline.Rings)
        {
            if (xs.Count > 0) { xs.Add(null); ys.Add(null); }
            var projected = ring.Select(p => projection.Project(p.Lon, p.Lat)).ToList();
            foreach (var (x, y) in MapGeometry.Simplify(projected, MapGeometry.DrawingToleranceKm))
            {
                // 0.1 km is far below a printed pixel and keeps the figure JSON small.
                xs.Add(Math.Round(x, 1));
                ys.Add(Math.Round(y, 1));
            }
        }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>
    /// A scatter of labelled points (e.g. socio-economic score against K), cities and oblasts in different colours,
    /// optionally with a horizontal reference line (K = 1) and an ordinary least-squares trend line y = a + b·x
    /// over the complete points (off unless asked for; with few regions a line suggests more than the data carry).
    /// </summary>
    /// <param name="points">Points; a null coordinate leaves the point out of the drawing (and of the trend line).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="subtitle">Subtitle naming the measures, flow and year.</param>
    /// <param name="xAxisTitle">Title of the horizontal axis.</param>
    /// <param name="yAxisTitle">Title of the vertical axis.</param>
    /// <param name="yReference">Draws a dashed horizontal line at this y (e.g. 1 for K); null for none.</param>
    /// <param name="trendLine">Adds the least-squares line when at least two complete points with different x exist.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="language">Language of the legend texts (en, ru, kk; <see cref="TextCatalogue"/>).</param>
    public static GenericChart LabelledScatter(
        IReadOnlyList<LabelledPoint> points, string title, string subtitle, string xAxisTitle, string yAxisTitle,
        bool trendLine = false, double? yReference = null, int width = 1100, int height = 750, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(points);
        TextCatalogue.CheckLanguage(language);
        var repeated = points.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"Point '{repeated.Key}' occurs {repeated.Count()} times.", nameof(points));

        var traces = new List<Trace>();
        // Labels placed so that they avoid each other, the markers and the reference line (margins as set below).
        var placed = LabelPlacement.Choose(points, width - 100, height - 190, yReference);
        var position = points.Select((p, i) => (p.Key, placed[i])).ToDictionary(t => t.Key, t => t.Item2, StringComparer.Ordinal);
        foreach (var (name, colour, city) in new[] { (TextCatalogue.Get("chart.cities", language), CityGain, true), (TextCatalogue.Get("chart.oblasts", language), OblastGain, false) })
        {
            var group = points.Where(p => p.IsCity == city).ToArray();
            if (group.Length == 0) continue;
            var scatter = NewTrace("scatter");
            Set(scatter, "name", name);
            Set(scatter, "mode", "markers+text");
            Set(scatter, "x", group.Select(p => p.X).ToArray());
            Set(scatter, "y", group.Select(p => p.Y).ToArray());
            Set(scatter, "text", group.Select(p => p.Label).ToArray());
            Set(scatter, "customdata", group.Select(p => p.Key).ToArray());
            Set(scatter, "textposition", group.Select(p => position[p.Key]).ToArray());
            Set(scatter, "textfont", Obj(("size", 10)));
            Set(scatter, "marker", Obj(("color", colour), ("size", 10), ("line", Obj(("color", "#ffffff"), ("width", 1)))));
            Set(scatter, "hovertemplate", "%{text}: (%{x}, %{y})<extra></extra>");
            traces.Add(scatter);
        }

        if (trendLine && LeastSquares(points) is { } fit)
        {
            var line = NewTrace("scatter");
            Set(line, "name", string.Create(CultureInfo.InvariantCulture, $"y = {fit.Intercept:0.###} + {fit.Slope:0.###}·x (least squares, n = {fit.N})"));
            Set(line, "mode", "lines");
            Set(line, "x", new[] { fit.MinX, fit.MaxX });
            Set(line, "y", new[] { fit.Intercept + fit.Slope * fit.MinX, fit.Intercept + fit.Slope * fit.MaxX });
            Set(line, "line", Obj(("color", "#555555"), ("width", 1.5), ("dash", "dot")));
            Set(line, "hoverinfo", "skip");
            traces.Add(line);
        }

        var layout = BaseLayout(title, subtitle, width, height);
        Set(layout, "xaxis", Obj(("title", Obj(("text", xAxisTitle))), ("gridcolor", "#e5e5e5"), ("zeroline", false)));
        Set(layout, "yaxis", Obj(("title", Obj(("text", yAxisTitle))), ("gridcolor", "#e5e5e5"), ("zeroline", false)));
        if (yReference is { } yr)
            Set(layout, "shapes", new List<object>
            {
                Obj(("type", "line"), ("xref", "paper"), ("x0", 0.0), ("x1", 1.0), ("yref", "y"), ("y0", yr), ("y1", yr),
                    ("line", Obj(("color", "#000000"), ("width", 1.5), ("dash", "dash")))),
            });
        Set(layout, "legend", TopRightLegend());
        Set(layout, "margin", Obj(("l", 70), ("r", 30), ("t", 130), ("b", 60)));
        return Build(traces, layout);
    }

    /// <summary>Least-squares fit y = a + b·x over the points with both coordinates; null when fewer than two distinct x.</summary>
    internal static (double Intercept, double Slope, int N, double MinX, double MaxX)? LeastSquares(IEnumerable<LabelledPoint> points)
    {
        var complete = points.Where(p => p.X is { } x && double.IsFinite(x) && p.Y is { } y && double.IsFinite(y))
            .Select(p => (X: p.X!.Value, Y: p.Y!.Value)).ToArray();
        if (complete.Length < 2) return null;
        var mx = complete.Average(p => p.X);
        var my = complete.Average(p => p.Y);
        var sxx = complete.Sum(p => (p.X - mx) * (p.X - mx));
        if (sxx == 0) return null;
        var slope = complete.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
        return (my - slope * mx, slope, complete.Length, complete.Min(p => p.X), complete.Max(p => p.X));
    }

    // ---- Shared construction -------------------------------------------------------------------------------

    /// <summary>Regions and years of a region × year table, with duplicate and mixed-label checks.</summary>
    private sealed class Grid
    {
        public required IReadOnlyList<RegionValue> Regions { get; init; }
        public required IReadOnlyList<int> Years { get; init; }
        private Dictionary<(string, int), double?> Cells { get; init; } = [];

        public double? Value(string key, int year) => Cells.TryGetValue((key, year), out var v) ? v : null;

        public static Grid Of(IReadOnlyList<RegionValue> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.Count == 0) throw new ArgumentException("No values to chart.", nameof(values));
            var cells = new Dictionary<(string, int), double?>();
            foreach (var v in values)
            {
                if (v.Value is { } d && !double.IsFinite(d))
                    throw new ArgumentException($"Value of '{v.RegionKey}' in {v.Year} is {d}; pass null for a missing value.", nameof(values));
                if (!cells.TryAdd((v.RegionKey, v.Year), v.Value))
                    throw new ArgumentException($"Region '{v.RegionKey}' has two values for {v.Year}; chart one flow and one period at a time.", nameof(values));
            }
            // Cities first, then oblasts; within each, the order of first occurrence (stable, so the caller decides).
            var regions = values.DistinctBy(v => v.RegionKey).OrderBy(v => v.IsCity ? 0 : 1).ToList();
            return new Grid { Regions = regions, Years = values.Select(v => v.Year).Distinct().Order().ToList(), Cells = cells };
        }
    }

    private static string AxisId(string letter, int panel) => panel == 0 ? letter : letter + (panel + 1).ToString(CultureInfo.InvariantCulture);

    private static string AxisKey(string axisId) => axisId[..1] + "axis" + axisId[1..];

    private static string? Format(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture);
}
