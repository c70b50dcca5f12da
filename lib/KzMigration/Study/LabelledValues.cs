namespace KzMigration.Study;

// The labelled values a figure is drawn from. They are plain data, built by the science core (in any
// language: the label is the caller's) and drawn by KzMigration.Charts.

/// <summary>
/// One region's value in one year, as the charts take it. The data layer (or a notebook) fills it;
/// the label is the caller's, so a chart can be drawn in any language. A null <see cref="Value"/> is a
/// missing observation and is drawn as a gap, never as 0.
/// </summary>
/// <param name="RegionKey">Stable region key (identity; labels may repeat across languages).</param>
/// <param name="Label">Text shown for the region.</param>
/// <param name="IsCity">True for a city of republican significance (Astana, Almaty, Shymkent), false for an oblast.</param>
/// <param name="Year">Year of the value.</param>
/// <param name="Value">The value, or null when missing.</param>
public sealed record RegionValue(string RegionKey, string Label, bool IsCity, int Year, double? Value);

/// <summary>A labelled point of a scatter (e.g. a region's socio-economic score against its K). Null coordinates are gaps.</summary>
/// <param name="Key">Stable key of the point.</param>
/// <param name="Label">Text drawn next to the point.</param>
/// <param name="X">Horizontal value, or null when missing.</param>
/// <param name="Y">Vertical value, or null when missing.</param>
/// <param name="IsCity">True for a city of republican significance (drawn in the city colour).</param>
public sealed record LabelledPoint(string Key, string Label, double? X, double? Y, bool IsCity = false);

/// <summary>How a region is labelled in a chart: its name in the figure's language and whether it is a city of republican significance.</summary>
public sealed record UnitLabel(string Label, bool IsCity);
