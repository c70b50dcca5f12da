using System.Text;
using KzMigration.Data.Import;

namespace KzMigration.Data.Fetch;

/// <summary>
/// One table to fetch and every choice about it: what <c>kzmig data fetch</c>'s command line says, as a value the
/// library can check and run.
/// </summary>
/// <param name="Query">The request (a taldau index or a stat.gov.kz dynamic table).</param>
/// <param name="Target">What the values are imported as; null reads and reports only (nothing is written or kept).</param>
/// <param name="DataDirectory">The data folder whose registry resolves names and whose bundle the rows must agree with.</param>
public sealed record FetchRequest(PortalQuery Query, ImportTarget? Target, string DataDirectory)
{
    /// <summary>Another root for the portal (a mirror, a proxy, the tests' replay server); null: the portal itself.</summary>
    public Uri? PortalRoot { get; init; }

    /// <summary>The overlay folder written; default the data folder's <c>user/</c>.</summary>
    public string? IntoDirectory { get; init; }

    /// <summary>The catalogue series fetched, if any (its key and title go into the provenance).</summary>
    public CatalogueSeries? Series { get; init; }

    /// <summary>A new indicator's kind (count, average, rate, ratio), which declares it.</summary>
    public string? NewIndicatorKind { get; init; }

    /// <summary>Keep districts and urban/rural components instead of region-level totals.</summary>
    public bool AllLevels { get; init; }

    /// <inheritdoc cref="ImportWriteOptions.SkipEstimates"/>
    public bool SkipEstimates { get; init; }

    /// <summary>Scale check of the values (<see cref="ImportOptions.PlausibleMaximum"/>, <see cref="ImportOptions.CorrectScale"/>).</summary>
    public double? PlausibleMaximum { get; init; }

    public bool CorrectScale { get; init; }

    /// <summary>Only these years (as written: an indicator's year, a stock on 1 January dated the year before); null: all.</summary>
    public IReadOnlySet<int>? Years { get; init; }

    /// <summary>Leave these years out (as written).</summary>
    public IReadOnlySet<int>? ExcludeYears { get; init; }

    /// <summary>Fetch, read and validate, print what would be written, and write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How long to wait for another import of the same folder (default <see cref="ImportTransaction.DefaultWait"/>).</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>The clock the retrieval time is read from (a fixed one makes two fetches of a response write the same bytes).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The overlay folder this request writes into.</summary>
    public string Overlay => Path.GetFullPath(IntoDirectory ?? Path.Combine(DataDirectory, WorkbenchData.UserFolder));
}

/// <summary>What a fetch did with the response.</summary>
public enum FetchResult
{
    /// <summary>The values, the source record and the raw response were committed to the overlay.</summary>
    Written,

    /// <summary>The overlay already held exactly this response and its rows: nothing changed.</summary>
    Unchanged,

    /// <summary><c>--dry-run</c>: everything was checked; nothing was written.</summary>
    DryRun,

    /// <summary>No target: the response was read and reported; nothing was written or kept.</summary>
    ReadOnly,
}

/// <summary>What a fetch received, read and (unless <see cref="FetchResult.DryRun"/> or <see cref="FetchResult.ReadOnly"/>) wrote.</summary>
/// <param name="Response">The response as received.</param>
/// <param name="RawFile">Where the response is (or would be) kept, relative to the overlay (<c>raw/…</c>).</param>
/// <param name="Read">What the reader found in it.</param>
/// <param name="Values">The values taken (region-level totals, within the years asked for).</param>
/// <param name="Written">What was (or would be) written; null for <see cref="FetchResult.ReadOnly"/>.</param>
/// <param name="Result">What happened.</param>
/// <param name="PreviouslyFetchedAt">For <see cref="FetchResult.Unchanged"/>: when the same response was fetched before.</param>
public sealed record FetchOutcome(PortalResponse Response, string RawFile, ImportResult Read, IReadOnlyList<ImportedValue> Values,
    ImportWriteSummary? Written, FetchResult Result, string? PreviouslyFetchedAt = null);

/// <summary>
/// <c>kzmig data fetch</c> as a library call: downloads one table from a BNS portal (<see cref="PortalClient"/>: timeout,
/// bounded retries with backoff and jitter, a size cap), refuses what is not the table asked for (an empty answer, another
/// layout, malformed content), reads it with the same readers as <c>kzmig data import</c> (<see cref="DataImport.Read"/>),
/// and commits the rows, their source record with the request's URL, retrieval time (UTC) and the response's sha256, and
/// the raw response itself (<c>raw/…</c>, re-verified by hash on every load) as one <see cref="ImportTransaction"/> through
/// <see cref="OverlayImport"/>. It completes, or leaves the overlay as it was and throws why; the same response fetched
/// again changes nothing.
/// </summary>
public static class PortalFetch
{
    /// <exception cref="PortalException">The portal could not be reached, answered an error, nothing, or something else than the table.</exception>
    /// <exception cref="ImportFormatException">A value of the response cannot be imported (e.g. a region that cannot be matched); names its line.</exception>
    /// <exception cref="DataFileException">The rows as they would be written are refused (e.g. they contradict an official bundled figure).</exception>
    /// <exception cref="ImportUsageException">A choice the response cannot supply is missing (a new indicator's kind, a unit).</exception>
    public static async Task<FetchOutcome> RunAsync(FetchRequest request, PortalClient client, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (!Directory.Exists(request.DataDirectory)) throw new DataFileException(request.DataDirectory, null, null, "data folder not found");
        var query = request.Query;
        var address = query.Address(request.PortalRoot);
        var work = Path.Combine(Path.GetTempPath(), "kzmig-fetch-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        try
        {
            var downloaded = await client.DownloadAsync(address, Path.Combine(work, "response"), cancellation).ConfigureAwait(false);
            // Named as it will be kept, so every message about a value names the kept file and its line.
            var raw = RawResponseName.Of(query, downloaded.Sha256);
            var path = Path.Combine(work, Path.GetFileName(raw));
            File.Move(downloaded.Path, path);
            var response = downloaded with { Path = path };

            await RefuseEmptyAsync(request, client, response, cancellation).ConfigureAwait(false);
            var (read, values) = ReadResponse(request, response);
            values = [.. values.Where(v => InYears(request, v))];
            if (!values.Any(v => v.Kind == ValueKind.Number))
                throw new PortalException(PortalProblem.Empty,
                    $"{address} holds no region-level figure{YearsText(request)} ({read.Values.Count} values read, {read.Values.Count(v => v.Kind == ValueKind.Number)} numbers in all); nothing to import" +
                    (request.AllLevels ? "" : " (--all-levels keeps districts and components)"));
            if (request.Target is null) return new FetchOutcome(response, raw, read, values, null, FetchResult.ReadOnly);

            ImportWriteSummary written;
            try
            {
                written = OverlayImport.Run(new OverlayImportRequest(read with { Values = values }, request.Target, request.DataDirectory)
                {
                    IntoDirectory = request.Overlay,
                    NewIndicatorKind = request.NewIndicatorKind,
                    SkipEstimates = request.SkipEstimates,
                    Wait = request.Wait,
                    Clock = new FixedClock(response.RetrievedAt),
                    Attachments = [new OverlayAttachment(raw, path)],
                    Provenance = Provenance(request, response, raw, read),
                    DryRun = request.DryRun,
                    SkipUnchanged = true,
                });
            }
            catch (ImportFormatException e) when (e.Field == "region")
            {
                throw new ImportFormatException(e.Location, e.Field, $"a region of the portal's answer cannot be matched: {e.Problem}; nothing fetched", e);
            }
            var result = request.DryRun ? FetchResult.DryRun : written.Unchanged ? FetchResult.Unchanged : FetchResult.Written;
            return new FetchOutcome(response, raw, read, values, written, result,
                result == FetchResult.Unchanged ? FetchedAt(request.Overlay, written.SourceId) : null);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The source record's account of the retrieval.</summary>
    private static SourceProvenance Provenance(FetchRequest request, PortalResponse response, string raw, ImportResult read)
    {
        var redirect = response.Final != response.Requested ? $", answered by {response.Final.AbsoluteUri} after a redirect" : "";
        var series = request.Series is { } s ? $"; catalogue series {s.Key} (docs/portal-catalogue.md)" : "";
        var host = response.Requested.IsDefaultPort ? response.Requested.Host : response.Requested.Authority;
        return new SourceProvenance(
            response.Requested.AbsoluteUri,
            $"{host}, fetched with kzmig data fetch",
            request.Series?.Title ?? read.Metadata.Title ?? request.Query.ToString()!,
            // The retrieval time is the record's imported_at (UTC), so the same response fetched again is the same record.
            $"fetched with kzmig data fetch from {response.Requested.AbsoluteUri}{redirect}: HTTP {response.Status}, " +
            $"{RawResponseName.Invariant(response.Bytes)} bytes, sha256 {response.Sha256}; retrieved at the time in imported_at (UTC); " +
            $"the raw response is kept as {raw} beside this file{series}",
            raw);
    }

    // taldau answers [] when dics is not one whole segment of the index (FORMATS.md §2.1, S6); a body with nothing at all is empty too.
    private static async Task RefuseEmptyAsync(FetchRequest request, PortalClient client, PortalResponse response, CancellationToken cancellation)
    {
        if (response.Bytes == 0)
            throw new PortalException(PortalProblem.Empty, $"{response.Requested} answered with an empty body (HTTP {response.Status}); nothing to import");
        if (request.Query is not IndexDataQuery q || response.Bytes > 4096) return;
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(response.Path, cancellation).ConfigureAwait(false)).TrimStart('\uFEFF').Trim();
        if (text.Replace(" ", "", StringComparison.Ordinal) != "[]") return;
        string segments;
        try
        {
            var list = await PortalLookup.SegmentsAsync(client, request.PortalRoot, q.Index, q.Period, cancellation).ConfigureAwait(false);
            segments = list.Count == 0
                ? $"GetSegmentList lists no segment for period {q.Period} either (kzmig data fetch --segments {q.Index} lists its period types)"
                : $"its segments for period {q.Period} (GetSegmentList): {string.Join("; ", list.Take(12))}{(list.Count > 12 ? $"; … {list.Count - 12} more" : "")} — pass one as --dics";
        }
        catch (PortalException e)
        {
            segments = $"its segments could not be listed ({e.Message}); look them up with `kzmig data fetch --segments {q.Index} --period {q.Period}`";
        }
        throw new PortalException(PortalProblem.Empty,
            $"taldau answered an empty array [] for index {q.Index} (period {q.Period}, dics {q.Dictionaries}): the portal does so when dics is not the complete set of " +
            $"dictionaries of one of the index's segments (or the index has no data for that period type); {segments}. Nothing fetched");
    }

    private static (ImportResult Read, IReadOnlyList<ImportedValue> Values) ReadResponse(FetchRequest request, PortalResponse response)
    {
        var expected = RawResponseName.ExpectedFormat(request.Query);
        OfficialFormat found;
        try
        {
            found = OfficialFileReader.Sniff(response.Path);
        }
        catch (ImportFormatException e)
        {
            throw new PortalException(PortalProblem.Shape, $"the answer of {response.Requested} is not {Expected(expected)}: {e.Problem}; the portal may have changed its format (docs/official-formats.md)", e);
        }
        if (expected is { } x && found != x)
            throw new PortalException(PortalProblem.Shape, $"the answer of {response.Requested} is {found}, not {Expected(expected)}; the portal may have changed its format (docs/official-formats.md)");
        try
        {
            return DataImport.Read(response.Path, new ImportOptions
            {
                IndicatorId = RawResponseName.PortalId(request.Query),
                PlausibleMaximum = request.PlausibleMaximum,
                CorrectScale = request.CorrectScale,
            }, request.AllLevels);
        }
        catch (ImportFormatException e)
        {
            throw new PortalException(PortalProblem.Shape,
                $"the answer of {response.Requested} does not have the shape of {Expected(expected)} (or is malformed): {e.Message}; the portal may have changed its format (docs/official-formats.md)", e);
        }
    }

    private static string Expected(OfficialFormat? format) => format switch
    {
        OfficialFormat.TaldauIndexData => "a taldau GetIndexData JSON array of slices (terms, termNames, periods)",
        OfficialFormat.StatGovDynamicTable => "a stat.gov.kz dynamic table (TAB-separated, header \"NAM\" \"DAT\" \"PERIOD\" … \"VAL\")",
        _ => "an official table",
    };

    private static bool InYears(FetchRequest request, ImportedValue v)
    {
        if (request.Years is null && request.ExcludeYears is null) return true;
        var year = request.Target is IndicatorTarget ? ImportWriter.IndicatorYear(v) ?? v.Year : v.Year;
        return (request.Years is null || request.Years.Contains(year)) && request.ExcludeYears?.Contains(year) != true;
    }

    private static string YearsText(FetchRequest request) =>
        (request.Years is null ? "" : $" for {string.Join(", ", request.Years.Order())}") +
        (request.ExcludeYears is null ? "" : $" outside {string.Join(", ", request.ExcludeYears.Order())}");

    private static string? FetchedAt(string overlay, string sourceId)
    {
        var row = ImportWriter.ReadTable(Path.Combine(overlay, DataTables.Sources.File), DataTables.Sources).FirstOrDefault(r => r[0] == sourceId);
        return row?[Array.IndexOf([.. DataTables.Sources.Header], "imported_at")];
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
