namespace KzMigration.Data.Import;

/// <summary>What a cell of an official file holds (docs/official-formats.md §5).</summary>
public enum ValueKind
{
    /// <summary>A number as printed.</summary>
    Number,

    /// <summary>No value: <c>-</c> ("no phenomenon"), <c>...</c>/<c>…</c> ("no data") or an empty cell.</summary>
    Missing,

    /// <summary><c>x</c> (Latin or Cyrillic): suppressed as confidential.</summary>
    Confidential,
}

/// <summary>
/// One value read from an official file, kept neutral: the region is the raw name as printed (footnote
/// markers split off), nothing is resolved to a region key here.
/// </summary>
/// <param name="File">File name (no folder) the value came from.</param>
/// <param name="Line">1-based line (text formats) or row (spreadsheets) of the value.</param>
/// <param name="Column">Field name (text formats) or column letter (spreadsheets).</param>
/// <param name="Sheet">Worksheet name for spreadsheets, else null.</param>
/// <param name="RegionName">Territory name as printed, trimmed, footnote markers removed.</param>
/// <param name="Footnote">The footnote marker glued to the name (<c>2)</c>, <c>**</c>), if any.</param>
/// <param name="Year">Calendar year of <paramref name="PeriodEnd"/>.</param>
/// <param name="PeriodLabel">The period as printed (<c>2019 год</c>, <c>I полугодие 2022 года</c>, <c>January</c>).</param>
/// <param name="PeriodStart">First day the value covers; equal to the end for a stock on a date; null when the label does not say.</param>
/// <param name="PeriodEnd">Last day the value covers (or the reference date of a stock).</param>
/// <param name="IndicatorId">Portal index id when known (taldau, passed by the caller).</param>
/// <param name="IndicatorName">Indicator name as printed (NAM, sheet title).</param>
/// <param name="Value">The number (after an explicit scale correction, see <see cref="ScaleDivisor"/>), or null.</param>
/// <param name="RawValue">The cell text exactly as read.</param>
/// <param name="Kind">Number, missing or confidential.</param>
/// <param name="Unit">Unit as printed, when the file states one.</param>
/// <param name="Dimensions">Other dimension members (urban/rural, sex, sheet column label …).</param>
public sealed record ImportedValue(
    string File,
    int Line,
    string? Column,
    string? Sheet,
    string RegionName,
    string? Footnote,
    int Year,
    string PeriodLabel,
    DateOnly? PeriodStart,
    DateOnly PeriodEnd,
    string? IndicatorId,
    string? IndicatorName,
    double? Value,
    string RawValue,
    ValueKind Kind,
    string? Unit,
    IReadOnlyDictionary<string, string> Dimensions)
{
    /// <summary>A footnote mark glued to the number itself (<c>160 0005)</c> is 160 000 with footnote <c>5)</c>).</summary>
    public string? ValueFootnote { get; init; }

    /// <summary>The texts of the footnotes listed below the table, by mark (<c>3)</c> → «Data for the Turkestan region …»).</summary>
    public IReadOnlyDictionary<string, string> FootnoteTexts { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the value looks like one of the scale errors of docs/official-formats.md §2.</summary>
    public bool ScaleSuspect { get; init; }

    /// <summary>1, or the power of 1000 the raw value was divided by on the caller's explicit request (docs/official-formats.md §2).</summary>
    public double ScaleDivisor { get; init; } = 1;

    /// <summary>The column the region's name is printed in (spreadsheets: <c>A</c>), when it differs from the value's.</summary>
    public string? RegionColumn { get; init; }

    /// <summary>Where the region's name sits: <c>file[sheet]!A6</c> for a spreadsheet row, else the value's <see cref="Location"/>.</summary>
    public string RegionLocation => RegionColumn is not { } column ? Location
        : Sheet is not null ? $"{File}[{Sheet}]!{column}{Line}"
        : $"{File}:{Line} ({column})";

    /// <summary>Where the value sits: <c>file:line</c> or <c>file[sheet]!B6</c>.</summary>
    public string Location => Sheet is null
        ? $"{File}:{Line}" + (Column is null ? "" : $" ({Column})")
        : $"{File}[{Sheet}]!{Column}{Line}";

    /// <summary>The period in the bundled data's words (<c>Jan-Dec</c>, <c>Jan-Jun</c>, <c>Apr-Jun</c>, <c>Mar</c>, <c>1 Jan</c>); the raw label when the start is unknown.</summary>
    public string PeriodCode => PeriodStart is { } start ? ReportingPeriod.Code(start, PeriodEnd) : PeriodLabel;
}

/// <summary>A non-fatal remark about a file (a suspected scale error, a duplicated slice, a skipped sheet).</summary>
public sealed record ImportWarning(string Location, string Message)
{
    public override string ToString() => PrintableText.Escape($"{Location}: {Message}");
}

/// <summary>What a file says about itself.</summary>
/// <param name="Title">Table title or indicator name (footnote markers removed).</param>
/// <param name="Unit">Unit as printed, when one unit applies to the whole file.</param>
/// <param name="IndicatorId">Portal index id, when known.</param>
public sealed record ImportMetadata(string? Title, string? Unit, string? IndicatorId);

/// <summary>Everything read from one file. Values are in file order; nothing is dropped silently.</summary>
public sealed record ImportResult(
    string Path,
    OfficialFormat Format,
    ImportMetadata Metadata,
    IReadOnlyList<ImportedValue> Values,
    IReadOnlyList<ImportWarning> Warnings)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>Choices the caller makes that the file itself cannot tell.</summary>
public sealed record ImportOptions
{
    /// <summary>Portal index id (from the download URL, e.g. <c>GetIndexData/702944</c>).</summary>
    public string? IndicatorId { get; init; }

    /// <summary>Read only this worksheet (spreadsheets); default: every sheet that holds a table.</summary>
    public string? Sheet { get; init; }

    /// <summary>Year for spreadsheets whose header names months but no year (e.g. the 2024 month-by-month migration tables).</summary>
    public int? Year { get; init; }

    /// <summary>
    /// Largest plausible absolute value in the file's stated unit. Values above it are flagged as scale errors
    /// (docs/official-formats.md §2), and divided by 1000 until they fit when <see cref="CorrectScale"/> is set.
    /// </summary>
    public double? PlausibleMaximum { get; init; }

    /// <summary>Apply the §3.1 rule (divide by 1000 while above <see cref="PlausibleMaximum"/>); the raw text is kept.</summary>
    public bool CorrectScale { get; init; }

    public static ImportOptions Default { get; } = new();
}
