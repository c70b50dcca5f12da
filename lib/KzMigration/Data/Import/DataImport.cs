using KzMigration.Migration;

namespace KzMigration.Data.Import;

/// <summary>
/// One official file to import, and every choice about it: what the command line of <c>kzmig data import</c>
/// says, as a value the library can check and run (so the command line only parses and prints).
/// </summary>
/// <param name="FilePath">The official file: portal JSON, stat.gov.kz dynamic table, BNS spreadsheet or an origin–destination table.</param>
/// <param name="DataDirectory">The data folder whose registry resolves names and whose bundle the rows must agree with.</param>
public sealed record DataImportRequest(string FilePath, string DataDirectory)
{
    /// <summary>Where the rows go: a migration flow and measure, or an indicator. Null: read and report only.</summary>
    public ImportTarget? Target { get; init; }

    /// <summary>The overlay folder written; default the data folder's <c>user/</c>.</summary>
    public string? IntoDirectory { get; init; }

    /// <summary>Reader choices (portal id, sheet, year, scale check).</summary>
    public ImportOptions ReadOptions { get; init; } = new();

    /// <summary>Portal files: keep districts and urban/rural components instead of region-level totals.</summary>
    public bool AllLevels { get; init; }

    /// <summary>A new indicator's kind (count, average, rate, ratio), which declares it.</summary>
    public string? NewIndicatorKind { get; init; }

    /// <inheritdoc cref="ImportWriteOptions.SkipEstimates"/>
    public bool SkipEstimates { get; init; }

    /// <summary>Origin–destination tables: which years to take.</summary>
    public OdImportOptions OdOptions { get; init; } = new();

    /// <summary>How long to wait for another import of the same folder (default <see cref="ImportTransaction.DefaultWait"/>).</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>The clock the provenance records (a fixed one makes two imports of a file write the same bytes).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The overlay folder this request writes into.</summary>
    public string Overlay => Path.GetFullPath(IntoDirectory ?? Path.Combine(DataDirectory, WorkbenchData.UserFolder));

    /// <summary>
    /// The target named by <c>--indicator</c> (with an optional <c>--unit</c>) or by <c>--flow</c> and <c>--measure</c>;
    /// null when none is given. Both at once, or a flow without its measure, is a usage error.
    /// </summary>
    /// <exception cref="ImportUsageException">The combination names no single target.</exception>
    public static ImportTarget? TargetOf(string? indicator, string? unit, string? flow, string? measure)
    {
        if (indicator is not null && (flow is not null || measure is not null))
            throw new ImportUsageException("give either --indicator or --flow/--measure, not both");
        if ((flow is null) != (measure is null))
            throw new ImportUsageException("--flow and --measure go together: migration rows need both (see docs/migration-flows.md)");
        if (flow is not null)
        {
            if (!Enum.TryParse<Flow>(flow, ignoreCase: true, out var f) || !Enum.IsDefined(f))
                throw new ImportUsageException($"--flow '{flow}' is not one of interregional, internal, all");
            if (!Enum.TryParse<Measure>(measure, ignoreCase: true, out var m) || !Enum.IsDefined(m))
                throw new ImportUsageException($"--measure '{measure}' is not one of arrivals, departures, balance");
            return new MigrationTarget(f, m);
        }
        return indicator is null ? null : new IndicatorTarget(indicator, unit);
    }
}

/// <summary>What an import did.</summary>
public abstract record DataImportOutcome;

/// <summary>
/// A table of one series was read (and, given a target, written).
/// </summary>
/// <param name="Read">What the reader found in the file (its warnings; its values are streamed, not kept).</param>
/// <param name="Values">What the values taken held (region-level totals unless <see cref="DataImportRequest.AllLevels"/>), counted as they passed.</param>
/// <param name="Written">What was written, or null when the request named no target (read and report only).</param>
public sealed record SeriesImported(ImportResult Read, ImportTally Values, ImportWriteSummary? Written) : DataImportOutcome
{
    /// <summary>How many values the file held before region-level totals were taken.</summary>
    public int ValuesRead { get; init; }
}

/// <summary>An origin–destination table was imported into the overlay's <c>od-flows.csv</c>.</summary>
public sealed record FlowsImported(OdImportSummary Summary) : DataImportOutcome;

/// <summary>
/// <c>kzmig data import</c> as a library call. It reads the file with the reader its content calls for,
/// keeps region-level totals, and writes the rows as one <see cref="ImportTransaction"/> (locked, staged,
/// validated together with the bundle, then swapped in; see <see cref="OverlayImport"/> and
/// <see cref="OdFlowImport"/>). It completes or leaves the overlay as it was and throws why. Values pass from the
/// reader to the writer one at a time (<see cref="ImportStream"/>): the first refused value ends the import, and what
/// it holds is bounded by the rows it writes, not by the file's size (docs/official-formats.md, «Memory»).
/// </summary>
public static class DataImport
{
    /// <exception cref="ImportUsageException">A choice the file cannot supply is missing or contradicts it.</exception>
    /// <exception cref="DataFileException">The data folder, or the rows as they would be written, are refused.</exception>
    /// <exception cref="ImportFormatException">The input file is not readable as an official file; names its cell.</exception>
    public static DataImportOutcome Run(DataImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.GetFullPath(request.FilePath);
        if (OdFlowTableReader.Recognises(path))
            return new FlowsImported(OdFlowImport.Import(path, request.DataDirectory, request.Overlay, request.OdOptions, request.Clock));

        var opened = PeriodStock.AtStartWhereStated(OfficialFileReader.Open(path, request.ReadOptions));
        var all = new ImportTally();
        var kept = new ImportTally();
        var read = all.Counting(opened.Values);
        var values = kept.Counting(!request.AllLevels && opened.Header.Format is OfficialFormat.StatGovDynamicTable or OfficialFormat.TaldauIndexData
            ? RegionTotals.Select(read)
            : read);
        if (request.Target is null)
        {
            foreach (var _ in values) { } // counted, not kept
            return new SeriesImported(opened.Header, kept, null) { ValuesRead = all.Count };
        }

        var written = OverlayImport.Run(new OverlayImportRequest(opened.Header, request.Target, request.DataDirectory)
        {
            IntoDirectory = request.Overlay,
            NewIndicatorKind = request.NewIndicatorKind,
            SkipEstimates = request.SkipEstimates,
            Wait = request.Wait,
            Clock = request.Clock,
            Values = values,
            PrintedUnits = opened.PrintedUnits,
        });
        return new SeriesImported(opened.Header, kept, written) { ValuesRead = all.Count };
    }

    /// <summary>
    /// Reads an official file of one series with the reader its content calls for and keeps what an import takes:
    /// region-level totals of portal files (unless <paramref name="allLevels"/>), stocks «на начало периода» on the
    /// first day of their period (<see cref="PeriodStock"/>). <c>kzmig data import</c> and <c>kzmig data fetch</c> both read this way.
    /// </summary>
    /// <exception cref="ImportFormatException">The file is not readable as an official file; names its cell.</exception>
    public static (ImportResult Read, IReadOnlyList<ImportedValue> Values) Read(string path, ImportOptions options, bool allLevels)
    {
        // Every value kept (a portal response is read whole; ImportStream.MaxValues bounds it).
        var read = PeriodStock.AtStartWhereStated(OfficialFileReader.Read(path, options));
        var values = !allLevels && read.Format is OfficialFormat.StatGovDynamicTable or OfficialFormat.TaldauIndexData
            ? RegionTotals.Select(read.Values)
            : read.Values;
        return (read, values);
    }

    /// <summary>
    /// True for a problem with the user's input (a refused file, row or choice, an unreadable or locked file) rather
    /// than a fault of the workbench: the command line reports it with its file, line and field and exits 2.
    /// </summary>
    public static bool IsInputProblem(Exception e) =>
        e is DataFileException or ImportFormatException or ImportUsageException or IOException or UnauthorizedAccessException;
}
