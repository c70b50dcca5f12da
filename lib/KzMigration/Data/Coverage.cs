using System.Text;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>
/// Which region-years of a series have a figure, and its status. A region-year of a unit that did not exist
/// (Abai in 2019) is «not applicable», distinct from «missing». A figure that is BNS via a third-party compilation
/// (<see cref="Source.IsThirdPartyCompilation"/>) shows its status letter in lower case (e exact as the compilation prints
/// it, d derived from compiled figures), so a matrix says at a glance which cells are official files and which are not.
/// </summary>
public sealed record Coverage(string Series, IReadOnlyList<Region> Regions, IReadOnlyList<int> Years, IReadOnlyDictionary<(string Region, int Year), Status> Cells)
{
    /// <summary>The legend of the letters, as <see cref="Render"/> and the publishing layer's HTML print it.</summary>
    public const string Legend = "E exact, D derived, R rounded, S estimate; lower case: BNS via a third-party compilation; · missing";

    /// <summary>The cells whose figure is BNS via a third-party compilation (<see cref="Source.IsThirdPartyCompilation"/>).</summary>
    public IReadOnlySet<(string Region, int Year)> Compiled { get; init; } = new HashSet<(string Region, int Year)>();

    /// <summary>True when the figure of a cell is BNS via a third-party compilation.</summary>
    public bool IsCompiled(string regionKey, int year) => Compiled.Contains((regionKey, year));

    // The letter of a cell: its status, lower case when the figure comes from a third-party compilation.
    private char Letter(string regionKey, int year, Status status) =>
        IsCompiled(regionKey, year) ? char.ToLowerInvariant(Codes.Letter(status)) : Codes.Letter(status);

    /// <summary>The letter a cell shows (<see cref="Legend"/>), or null if there is no figure.</summary>
    public char? LetterAt(string regionKey, int year) => this[regionKey, year] is { } s ? Letter(regionKey, year, s) : null;

    /// <summary>The status of a cell, or null if there is no figure.</summary>
    public Status? this[string regionKey, int year] => Cells.TryGetValue((regionKey, year), out var s) ? s : null;

    /// <summary>Number of cells with a figure.</summary>
    public int Count => Cells.Count;

    public static Coverage Of(IEnumerable<MigrationObservation> values, RegionRegistry regions, string series) =>
        Build(values.Select(v => (v.Region, v.Year, v.Status, v.Source.IsThirdPartyCompilation)), regions, series);

    public static Coverage Of(IEnumerable<IndicatorObservation> values, RegionRegistry regions, string series) =>
        Build(values.Select(v => (v.Region, v.Year, v.Status, v.Source.IsThirdPartyCompilation)), regions, series);

    /// <summary>
    /// Text matrix, one row per region and one column per year: E exact, D derived, R rounded, S estimate,
    /// · missing, blank where the unit did not exist that year.
    /// </summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append(Series).Append(" — ").Append(Legend).Append(", blank: unit did not exist\n");
        if (Years.Count == 0) return sb.Append("(no figures)\n").ToString();
        const int width = 18;
        sb.Append(new string(' ', width));
        foreach (var y in Years) sb.Append(' ').Append((y % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        sb.Append('\n');
        foreach (var r in Regions)
        {
            sb.Append(r.Key.Length > width ? r.Key[..width] : r.Key.PadRight(width));
            foreach (var y in Years)
            {
                var cell = this[r.Key, y] is { } s ? Letter(r.Key, y, s)
                    : r.IsCountry || r.ReportsIn(y) ? '·' : ' ';
                sb.Append("  ").Append(cell);
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static Coverage Build(IEnumerable<(Region Region, int Year, Status Status, bool Compiled)> values, RegionRegistry regions, string series)
    {
        var list = values.ToList();
        var cells = list.ToDictionary(v => (v.Region.Key, v.Year), v => v.Status);
        var compiled = list.Where(v => v.Compiled).Select(v => (v.Region.Key, v.Year)).ToHashSet();
        if (list.Count == 0) return new Coverage(series, [], [], cells);
        var (first, last) = (list.Min(v => v.Year), list.Max(v => v.Year));
        var years = Enumerable.Range(first, last - first + 1).ToList();
        // The country appears only if the series has national figures.
        var shown = regions.All.Where(r => r.IsCountry ? list.Any(v => v.Region.IsCountry)
            : list.Any(v => v.Region.Key == r.Key) || years.Any(r.ReportsIn)).ToList();
        return new Coverage(series, shown, years, cells) { Compiled = compiled };
    }
}

/// <summary>One region-year of an <see cref="ObservationPanel"/>: a value (or null) per indicator, in the panel's order.</summary>
public sealed record PanelRow(Region Region, int Year, IReadOnlyList<IndicatorObservation?> Values)
{
    /// <summary>The value of the i-th indicator, or null if missing.</summary>
    public double? Value(int i) => Values[i]?.Value;
}

/// <summary>
/// Region × year × indicator observations with their provenance (see <see cref="WorkbenchData.Panel"/>): what the data
/// hold. The panel that is scored, values only, is <see cref="Scoring.IndicatorPanel"/>.
/// </summary>
public sealed record ObservationPanel(IReadOnlyList<Indicator> Indicators, IReadOnlyList<PanelRow> Rows)
{
    /// <summary>The cell of a region, year and indicator, or null.</summary>
    public IndicatorObservation? this[string regionKey, int year, string indicatorId]
    {
        get
        {
            var i = Indicators.ToList().FindIndex(x => x.Id == indicatorId);
            if (i < 0) throw new KeyNotFoundException($"indicator '{indicatorId}' is not in the panel");
            return Rows.FirstOrDefault(r => r.Region.Key == regionKey && r.Year == year)?.Values[i];
        }
    }

    /// <summary>As a DataFrame: <c>region</c>, <c>year</c>, then one column per indicator (null where missing, never 0).</summary>
    public Microsoft.Data.Analysis.DataFrame ToDataFrame() => DataFrames.From(this);
}
