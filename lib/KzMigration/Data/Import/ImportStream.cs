namespace KzMigration.Data.Import;

/// <summary>
/// An official file opened for import: what it says about itself (<see cref="Header"/>, whose <c>Values</c> is empty and
/// whose warnings grow as values are read), and its values as a single-pass stream. A reader that streams
/// (<see cref="BnsSpreadsheetReader.Open"/>) reads a row only when its values are asked for, so a consumer that stops at
/// a refused value (an import at its first repeated key) reads nothing after it, and memory does not grow with the file.
/// </summary>
/// <param name="Header">Path, format, metadata and the warnings so far.</param>
/// <param name="Values">The values in file order; enumerate once.</param>
/// <param name="PrintedUnits">The units the file prints, with the sheet each applies to (null: one for the whole file), known before any value is read.</param>
public sealed record ImportStream(ImportResult Header, IEnumerable<ImportedValue> Values, IReadOnlyList<(string? Unit, string? Sheet)> PrintedUnits)
{
    /// <summary>
    /// Most values a file may hold when all of them are kept (<see cref="ToResult"/>: a report without a target, the
    /// readers' <c>Read</c>): far above any official table of regions (a BNS bulletin holds a few thousand; a stat.gov.kz
    /// table with districts and months some tens of thousands), and a bound on what reading one file can hold.
    /// An import into a folder keeps only the rows it writes (one per key), so it has no such limit.
    /// </summary>
    public const int MaxValues = 200_000;

    /// <summary>A stream over values already read (formats read whole).</summary>
    public static ImportStream Of(ImportResult result) =>
        new(result with { Values = [] }, result.Values,
            [.. result.Values.Where(v => v.Kind == ValueKind.Number).Select(v => (v.Unit, v.Sheet)).DefaultIfEmpty((result.Metadata.Unit, null)).Distinct()]);

    /// <summary>Every value, kept; refused beyond <see cref="MaxValues"/>.</summary>
    /// <exception cref="ImportFormatException">More than <see cref="MaxValues"/> values.</exception>
    public ImportResult ToResult()
    {
        var values = new List<ImportedValue>();
        foreach (var value in Values)
        {
            if (values.Count == MaxValues)
                throw new ImportFormatException(value.Location, "file", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"more than {MaxValues} values: not an official table of regions as the importer reads them ") +
                    "(an import into a folder keeps only the rows it writes and has no such limit)");
            values.Add(value);
        }
        return Header with { Values = values, Warnings = [.. Header.Warnings] };
    }
}

/// <summary>
/// What a stream of values held, counted as it passes (for the import's report): bounded whatever the file's size.
/// </summary>
public sealed class ImportTally
{
    /// <summary>Distinct region names and periods remembered for the report (more are counted, not kept).</summary>
    public const int Remembered = 1000;

    private readonly List<string> regions = [];
    private readonly HashSet<string> regionSet = new(StringComparer.Ordinal);
    private readonly List<string> periods = [];
    private readonly HashSet<string> periodSet = new(StringComparer.Ordinal);

    public int Numbers { get; private set; }
    public int Missing { get; private set; }
    public int Confidential { get; private set; }
    public int ScaleSuspects { get; private set; }
    public int Count => Numbers + Missing + Confidential;
    public int? FirstYear { get; private set; }
    public int? LastYear { get; private set; }

    /// <summary>Region names in order of appearance (the first <see cref="Remembered"/>).</summary>
    public IReadOnlyList<string> Regions => regions;

    /// <summary>True when there were more distinct region names than <see cref="Remembered"/>.</summary>
    public bool MoreRegions { get; private set; }

    /// <summary>Period codes in order of appearance (the first <see cref="Remembered"/>).</summary>
    public IReadOnlyList<string> Periods => periods;

    /// <summary>Passes <paramref name="values"/> on, counting each.</summary>
    public IEnumerable<ImportedValue> Counting(IEnumerable<ImportedValue> values)
    {
        foreach (var v in values)
        {
            Add(v);
            yield return v;
        }
    }

    public void Add(ImportedValue v)
    {
        switch (v.Kind)
        {
            case ValueKind.Number: Numbers++; break;
            case ValueKind.Missing: Missing++; break;
            default: Confidential++; break;
        }
        if (v.ScaleSuspect) ScaleSuspects++;
        FirstYear = Math.Min(FirstYear ?? v.Year, v.Year);
        LastYear = Math.Max(LastYear ?? v.Year, v.Year);
        if (!regionSet.Contains(v.RegionName))
        {
            if (regionSet.Count < Remembered) { regionSet.Add(v.RegionName); regions.Add(v.RegionName); }
            else MoreRegions = true;
        }
        if (periodSet.Count < Remembered && periodSet.Add(v.PeriodCode)) periods.Add(v.PeriodCode);
    }
}
