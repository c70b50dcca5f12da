namespace KzMigration.Scoring;

/// <summary>
/// One observation of a socio-economic indicator: a region's value in a year. <paramref name="Value"/>
/// null means the source has no figure; it stays missing through scoring (never zero).
/// The national row uses the region key <see cref="IndicatorPanel.NationalKey"/> ("Kazakhstan").
/// </summary>
/// <param name="Region">Region name as in the source, e.g. "Atyrau", "Almaty city", "Kazakhstan".</param>
/// <param name="Indicator">Indicator key, e.g. "grp_per_capita" (data/indicators.csv).</param>
/// <param name="Year">Reference year.</param>
/// <param name="Value">The figure, or null when missing.</param>
public sealed record IndicatorValue(string Region, string Indicator, int Year, double? Value);

/// <summary>A region's population in a year, used only as the weight of <see cref="ReferenceKind.PopulationWeightedMean"/>.</summary>
public sealed record RegionPopulation(string Region, int Year, double Population)
{
    /// <summary>
    /// Reads population weights out of indicator rows, e.g. <c>population_end_of_year</c> in socioeconomic.csv
    /// (which the source dates 1 January 2023 and files under 2022). The national row and missing values are skipped.
    /// </summary>
    public static IReadOnlyList<RegionPopulation> FromIndicator(IEnumerable<IndicatorValue> values, string indicator = "population_end_of_year")
    {
        ArgumentNullException.ThrowIfNull(values);
        var key = IndicatorPanel.Key(indicator);
        var list = new List<RegionPopulation>();
        foreach (var v in values)
            if (v.Value is double p && IndicatorPanel.Key(v.Indicator) == key && IndicatorPanel.Key(v.Region) != IndicatorPanel.NationalKey)
                list.Add(new RegionPopulation(v.Region, v.Year, p));
        return list;
    }
}

/// <summary>
/// An immutable region × indicator × year panel, indexed once into dense arrays so that scoring and
/// Monte Carlo runs never look anything up by name in their hot loops.
/// Region and indicator names are matched by <see cref="Key"/> (case-, space- and hyphen-insensitive);
/// the first spelling seen is kept for display. A region "exists" in a year when it has at least one row
/// for that year (even a null one): its other indicators that year are missing cells, and in years with
/// no row at all it is simply not a region (e.g. Abai before 2022, South Kazakhstan after 2017).
/// </summary>
public sealed class IndicatorPanel
{
    /// <summary>Key of the national row that carries the published national figures.</summary>
    public const string NationalKey = "kazakhstan";

    private readonly Dictionary<string, int> _regionIndex;
    private readonly Dictionary<string, int> _indicatorIndex;
    // Dense layout [year, region, indicator]; NaN = missing or absent.
    internal readonly double[] Data;
    // [year, region]: the region has at least one row that year.
    internal readonly bool[] Present;
    // [year, indicator]: published national figure, NaN if absent.
    internal readonly double[] NationalData;
    // [year, region]: population weight as given, NaN if absent.
    internal readonly double[] PopulationData;

    /// <summary>All input rows, in input order (national rows included).</summary>
    public IReadOnlyList<IndicatorValue> Values { get; }

    /// <summary>Population weights as given.</summary>
    public IReadOnlyList<RegionPopulation> Population { get; }

    /// <summary>Regions (national row excluded), in order of first appearance.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Indicators, in order of first appearance.</summary>
    public IReadOnlyList<string> Indicators { get; }

    /// <summary>Years present, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>True when at least one population weight was supplied.</summary>
    public bool HasPopulation => Population.Count > 0;

    private IndicatorPanel(IReadOnlyList<IndicatorValue> values, IReadOnlyList<RegionPopulation> population)
    {
        Values = values;
        Population = population;
        _regionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _indicatorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var regions = new List<string>();
        var indicators = new List<string>();
        // Raw spelling -> index caches: the same string instances repeat across rows, so the
        // normalisation (which allocates) runs once per distinct spelling, not once per row.
        var rawRegion = new Dictionary<string, int>(StringComparer.Ordinal);
        var rawIndicator = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowRegion = new int[values.Count];
        var rowIndicator = new int[values.Count];
        int minYear = int.MaxValue, maxYear = int.MinValue;
        string? lastRegion = null, lastIndicator = null;
        int lastR = 0, lastI = 0;
        for (var n = 0; n < values.Count; n++)
        {
            var v = values[n] ?? throw new ArgumentException($"Indicator panel: row {n} is null.", nameof(values));
            if (string.IsNullOrWhiteSpace(v.Region) || string.IsNullOrWhiteSpace(v.Indicator))
                throw new ArgumentException($"Indicator panel: row {n} ({v}) has an empty region or indicator.", nameof(values));
            if (v.Value is double d && !double.IsFinite(d))
                throw new ArgumentException($"Indicator panel: row {n} ({v.Region}, {v.Indicator}, {v.Year}) has a non-finite value {d}; use null for missing.", nameof(values));
            if (!ReferenceEquals(v.Region, lastRegion))
            {
                lastR = Intern(v.Region, rawRegion, _regionIndex, regions, national: true);
                lastRegion = v.Region;
            }
            if (!ReferenceEquals(v.Indicator, lastIndicator))
            {
                lastI = Intern(v.Indicator, rawIndicator, _indicatorIndex, indicators, national: false);
                lastIndicator = v.Indicator;
            }
            rowRegion[n] = lastR;
            rowIndicator[n] = lastI;
            if (v.Year < minYear) minYear = v.Year;
            if (v.Year > maxYear) maxYear = v.Year;
        }
        foreach (var p in population)
        {
            if (p is null) throw new ArgumentException("Population weights: a row is null.", nameof(population));
            if (!double.IsFinite(p.Population) || p.Population < 0)
                throw new ArgumentException($"Population weights: {p.Region} {p.Year} has population {p.Population}; expected a finite number ≥ 0.", nameof(population));
        }

        var yearSet = new SortedSet<int>();
        foreach (var v in values) yearSet.Add(v.Year);
        Years = [.. yearSet];
        Regions = regions;
        Indicators = indicators;
        _yearIndex = new int[values.Count == 0 ? 0 : maxYear - minYear + 1];
        Array.Fill(_yearIndex, -1);
        _minYear = minYear;
        for (var y = 0; y < Years.Count; y++) _yearIndex[Years[y] - minYear] = y;

        int nY = Years.Count, nR = regions.Count, nI = indicators.Count;
        Data = new double[nY * nR * nI];
        Array.Fill(Data, double.NaN);
        Present = new bool[nY * nR];
        NationalData = new double[nY * nI];
        Array.Fill(NationalData, double.NaN);
        var seen = new bool[Data.Length];
        var seenNational = new bool[NationalData.Length];
        for (var n = 0; n < values.Count; n++)
        {
            var v = values[n];
            var y = _yearIndex[v.Year - minYear];
            int r = rowRegion[n], i = rowIndicator[n];
            if (r < 0)
            {
                var k = y * nI + i;
                if (seenNational[k]) throw Duplicate(v);
                seenNational[k] = true;
                NationalData[k] = v.Value ?? double.NaN;
                continue;
            }
            var at = (y * nR + r) * nI + i;
            if (seen[at]) throw Duplicate(v);
            seen[at] = true;
            Data[at] = v.Value ?? double.NaN;
            Present[y * nR + r] = true;
        }

        PopulationData = new double[nY * nR];
        Array.Fill(PopulationData, double.NaN);
        foreach (var p in population)
        {
            if (!_regionIndex.TryGetValue(Key(p.Region), out var r) || YearIndex(p.Year) is not (>= 0 and var y)) continue;
            PopulationData[y * nR + r] = p.Population;
        }
    }

    private readonly int[] _yearIndex;
    private readonly int _minYear;

    private static ArgumentException Duplicate(IndicatorValue v) =>
        new($"Indicator panel: two values for {v.Region} / {v.Indicator} / {v.Year}; each cell must appear once.");

    // Returns the index of a name, -1 for the national row when national is true.
    private static int Intern(string raw, Dictionary<string, int> rawCache, Dictionary<string, int> index, List<string> names, bool national)
    {
        if (rawCache.TryGetValue(raw, out var known)) return known;
        var key = Key(raw);
        int result;
        if (national && key == NationalKey) result = -1;
        else if (!index.TryGetValue(key, out result))
        {
            result = names.Count;
            index[key] = result;
            names.Add(raw.Trim());
        }
        rawCache[raw] = result;
        return result;
    }

    /// <summary>
    /// Builds a panel. Throws <see cref="ArgumentException"/> naming the row on duplicates, empty names or non-finite values.
    /// </summary>
    /// <param name="values">Regional rows and the national rows (region "Kazakhstan").</param>
    /// <param name="population">Optional population weights per region and year.</param>
    public static IndicatorPanel Create(IEnumerable<IndicatorValue> values, IEnumerable<RegionPopulation>? population = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        // Copied so that a caller mutating its list later cannot desynchronise Values from the dense index.
        return new IndicatorPanel(Array.AsReadOnly<IndicatorValue>([.. values]), population is null ? [] : Array.AsReadOnly<RegionPopulation>([.. population]));
    }

    /// <summary>
    /// The matching key of a region or indicator name: trimmed, lower-case (invariant), spaces and hyphens as '_'.
    /// "Almaty city", "almaty_city" and "ALMATY-CITY" are the same key.
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
    }

    internal int RegionIndex(string region) => _regionIndex.TryGetValue(Key(region), out var r) ? r : -1;

    internal int IndicatorIndex(string indicator) => _indicatorIndex.TryGetValue(Key(indicator), out var i) ? i : -1;

    internal int YearIndex(int year)
    {
        var k = year - _minYear;
        return k >= 0 && k < _yearIndex.Length ? _yearIndex[k] : -1;
    }

    /// <summary>A region's value, or null when missing or absent.</summary>
    public double? Value(string region, string indicator, int year)
    {
        int r = RegionIndex(region), i = IndicatorIndex(indicator), y = YearIndex(year);
        if (i < 0 || y < 0) return null;
        var d = r >= 0 ? Data[(y * Regions.Count + r) * Indicators.Count + i]
            : Key(region) == NationalKey ? NationalData[y * Indicators.Count + i] : double.NaN;
        return double.IsNaN(d) ? null : d;
    }

    /// <summary>The published national figure (row "Kazakhstan"), or null when the panel has none.</summary>
    public double? National(string indicator, int year) => Value(NationalKey, indicator, year);
}
