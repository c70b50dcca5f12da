using System.CommandLine;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Data.Fetch;
using KzMigration.Data.Import;

namespace KzMigration.Cli.Commands;

/// <summary>
/// <c>kzmig data fetch [SERIES]</c>: downloads one table from the BNS portals (taldau <c>GetIndexData</c>, stat.gov.kz
/// dynamic tables) and imports it like <c>data import</c> would, with the request, the retrieval time and the response
/// kept as its provenance; <c>--list</c> prints the catalogue, <c>--search</c> and <c>--segments</c> find an id.
/// </summary>
public static class DataFetchCommand
{
    private const string Help =
        "Fetch a table from the statistics portals (taldau.stat.gov.kz GetIndexData JSON, stat.gov.kz dynamic tables) and import it " +
        "like 'data import' (same readers, region matching, units, footnotes, statuses; one locked, validated, atomic commit). " +
        "The request's URL, the retrieval time (UTC), the response's sha256 and the raw response itself (data/user/raw/) are kept, " +
        "and 'data check' re-verifies the response by its hash. SERIES is a catalogue entry ('--list'); any other table: " +
        "--index ID [--period P] [--dics D] or --element ID, with --flow/--measure or --indicator. To find an id: " +
        "--search WORDS (taldau Search), then --segments ID (its period types and dictionary sets); docs/portal-catalogue.md. " +
        "Exit 2, with one line saying why and nothing written, when offline, on an HTTP error, an empty answer ([] = incomplete --dics), " +
        "a changed format, or a region that cannot be matched.";

    public static Command Create()
    {
        var series = new Argument<string?>("SERIES") { Description = "A series of the catalogue (--list): net-migration, population, unemployment-rate, grp-per-capita, income-per-capita, wages, interregional-arrivals, interregional-departures, interregional-balance, vacancies", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "Print the catalogue of the study's series: where each is on the portals, how sure the id is, where it comes from" };
        var index = new Option<string?>("--index") { Description = "taldau index id (GetIndexData/{ID}); found with --search", HelpName = "ID" };
        var period = new Option<string?>("--period") { Description = "taldau period type: 7 year (default), 4 month, 5 quarter; 8/9 are cumulative (--segments lists an index's)", HelpName = "P" };
        var dics = new Option<string?>("--dics") { Description = "taldau dictionary ids of one whole segment of the index, comma-separated (default 67 = regions; --segments lists them)", HelpName = "D" };
        var element = new Option<string?>("--element") { Description = "stat.gov.kz dynamic-table element id (api/iblock/element/{ID}/csv/file/ru/)", HelpName = "ID" };
        var portal = new Option<string?>("--portal") { Description = "Another root address for the portal: a mirror, a proxy, a replay server (default https://taldau.stat.gov.kz/ or https://stat.gov.kz/)", HelpName = "URL" };
        var search = new Option<string?>("--search") { Description = "Find taldau indices whose name contains these words (e.g. \"сальдо миграции\"), then exit", HelpName = "WORDS" };
        var segments = new Option<string?>("--segments") { Description = "List a taldau index's period types and dictionary sets (GetPeriodList, GetSegmentList), then exit", HelpName = "ID" };
        var indicator = new Option<string?>("--indicator") { Description = "Write indicator rows under this key (instead of the catalogue's target)", HelpName = "ID" };
        var flow = new Option<string?>("--flow") { Description = "Write migration rows for this flow (with --measure): interregional, internal or all (docs/migration-flows.md)" };
        flow.AcceptOnlyFromAmong("interregional", "internal", "all");
        var measure = new Option<string?>("--measure") { Description = "Write migration rows for this measure (with --flow)" };
        measure.AcceptOnlyFromAmong("arrivals", "departures", "balance");
        var kind = new Option<string?>("--kind") { Description = "A new indicator: count, average, rate or ratio (declares it)" };
        kind.AcceptOnlyFromAmong("count", "average", "rate", "ratio");
        var unit = new Option<string?>("--unit") { Description = "Indicator rows: the unit of the values (the portal's JSON states none)" };
        var dataDir = new Option<DirectoryInfo?>("--data") { Description = "Data folder (default: KZMIG_DATA or the repository's data/)", HelpName = "DIR" };
        var into = new Option<DirectoryInfo?>("--into") { Description = "User data folder to write into (default: the data folder's user/)", HelpName = "DIR" };
        var allLevels = new Option<bool>("--all-levels") { Description = "Keep districts and urban/rural components instead of region-level totals" };
        var skipEstimates = new Option<bool>("--skip-estimates") { Description = "Leave out footnoted estimates for a region before it existed" };
        var plausibleMax = new Option<double?>("--plausible-max") { Description = "Flag values above this as scale errors (docs/official-formats.md §2)", HelpName = "N" };
        var correctScale = new Option<bool>("--correct-scale") { Description = "Divide flagged values by 1000 until below --plausible-max (rows become 'derived')" };
        var years = new Option<string?>("--years") { Description = "Import only these years (comma-separated, as written: a stock on 1 January counts for the year before)", HelpName = "LIST" };
        var excludeYears = new Option<string?>("--exclude-years") { Description = "Leave these years out (e.g. 2022)", HelpName = "LIST" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Fetch, read and validate; print what would be written; write nothing" };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait while another import of the same folder runs", DefaultValueFactory = _ => ImportTransaction.DefaultWait.TotalSeconds, HelpName = "SECONDS" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one attempt may take, request to last byte", DefaultValueFactory = _ => new FetchPolicy().Timeout.TotalSeconds, HelpName = "SECONDS" };
        var retries = new Option<int>("--retries") { Description = "Retries of a transient failure (no connection, timeout, HTTP 408/429/5xx), with exponential backoff and jitter", DefaultValueFactory = _ => new FetchPolicy().Retries, HelpName = "N" };
        var maxSize = new Option<double>("--max-size") { Description = "Refuse a response larger than this many MB (taldau's largest dumps are about 8 MB)", DefaultValueFactory = _ => FetchPolicy.DefaultMaxBytes / 1048576.0, HelpName = "MB" };

        var command = new Command("fetch", Help)
        {
            series, list, index, period, dics, element, portal, search, segments, indicator, flow, measure, kind, unit, dataDir, into,
            allLevels, skipEstimates, plausibleMax, correctScale, years, excludeYears, dryRun, wait, timeout, retries, maxSize,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(list))
            {
                PrintCatalogue(output);
                return 0;
            }

            FetchPolicy policy;
            Uri? root;
            try
            {
                var seconds = parse.GetValue(wait);
                if (seconds < 0 || !double.IsFinite(seconds)) throw new ImportUsageException($"--wait must be 0 or more seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
                var megabytes = parse.GetValue(maxSize);
                if (!(megabytes > 0) || !double.IsFinite(megabytes)) throw new ImportUsageException($"--max-size {megabytes.ToString(CultureInfo.InvariantCulture)}: expected MB, more than 0");
                var attemptSeconds = parse.GetValue(timeout);
                if (!double.IsFinite(attemptSeconds) || attemptSeconds <= 0) throw new ImportUsageException($"--timeout {attemptSeconds.ToString(CultureInfo.InvariantCulture)}: expected seconds, more than 0 and at most one day");
                policy = new FetchPolicy
                {
                    Timeout = TimeSpan.FromSeconds(Math.Min(attemptSeconds, 86_400)),
                    Retries = parse.GetValue(retries),
                    MaxBytes = (long)Math.Ceiling(megabytes * 1048576),
                }.Checked();
                root = parse.GetValue(portal) is { } p ? PortalQuery.ParseRoot(p) : null;
            }
            catch (ImportUsageException e)
            {
                error.WriteLine(e.Message);
                return 2;
            }

            using var client = new PortalClient(policy, clock: DataImportCommand.ImportClock());
            if (parse.GetValue(search) is { } words) return await Search(client, root, words, output, error, cancellation);
            if (parse.GetValue(segments) is { } segmentIndex) return await Segments(client, root, segmentIndex, parse.GetValue(period), output, error, cancellation);

            FetchRequest request;
            try
            {
                request = Request(parse.GetValue(series), parse.GetValue(index), parse.GetValue(period), parse.GetValue(dics), parse.GetValue(element),
                    parse.GetValue(indicator), parse.GetValue(unit), parse.GetValue(flow), parse.GetValue(measure), parse.GetValue(kind),
                    parse.GetValue(dataDir)?.FullName ?? CommonOptions.DefaultDataDirectory()) with
                {
                    PortalRoot = root,
                    IntoDirectory = parse.GetValue(into)?.FullName,
                    AllLevels = parse.GetValue(allLevels),
                    SkipEstimates = parse.GetValue(skipEstimates),
                    PlausibleMaximum = parse.GetValue(plausibleMax),
                    CorrectScale = parse.GetValue(correctScale),
                    Years = DataImportCommand.Years(parse.GetValue(years), "--years"),
                    ExcludeYears = DataImportCommand.Years(parse.GetValue(excludeYears), "--exclude-years"),
                    DryRun = parse.GetValue(dryRun),
                    Wait = TimeSpan.FromSeconds(parse.GetValue(wait)),
                    Clock = DataImportCommand.ImportClock(),
                };
                if (request.CorrectScale && request.PlausibleMaximum is null) throw new ImportUsageException("--correct-scale needs --plausible-max");
            }
            catch (Exception e) when (e is ImportUsageException or ArgumentException or DirectoryNotFoundException)
            {
                error.WriteLine(e.Message);
                return 2;
            }

            output.WriteLine($"GET {request.Query.Address(root)}");
            FetchOutcome outcome;
            try
            {
                outcome = await PortalFetch.RunAsync(request, client, cancellation);
            }
            catch (Exception e) when (DataImport.IsInputProblem(e))
            {
                // One line: what the portal did (or which value could not be used), and that nothing changed.
                error.WriteLine($"{OneLine(e.Message)} — nothing written; {request.Overlay} is left as it was");
                return 2;
            }
            Print(output, request, outcome);
            return 0;
        });
        return command;
    }

    /// <summary>The request the options describe: a catalogue series and/or an explicit id, and the target.</summary>
    internal static FetchRequest Request(string? seriesKey, string? index, string? period, string? dics, string? element,
        string? indicator, string? unit, string? flow, string? measure, string? kind, string dataDirectory)
    {
        var series = seriesKey is null ? null : PortalCatalogue.Get(seriesKey);
        if (index is not null && element is not null) throw new ImportUsageException("give either --index (taldau) or --element (stat.gov.kz), not both");
        if (index is null && (period is not null || dics is not null)) throw new ImportUsageException("--period and --dics go with --index (a taldau index)");
        PortalQuery? query = index is not null ? IndexDataQuery.Parse(index, period ?? "7", dics ?? "67")
            : element is not null ? DynamicTableQuery.Parse(element)
            : series?.Query;
        if (query is null)
            throw new ImportUsageException(series is null
                ? "name a catalogue series (kzmig data fetch --list) or a table: --index ID [--period P] [--dics D] (taldau) or --element ID (stat.gov.kz)"
                : $"no portal id is known for '{series.Key}' ({series.Evidence}); {PortalCatalogue.LookUp(series)}");
        var target = DataImportRequest.TargetOf(indicator, unit, flow, measure);
        if (target is null && series is not null)
            target = series.Target is IndicatorTarget t && unit is not null ? t with { Unit = unit } : series.Target;
        // The catalogue's kind declares its own new indicator (grp_per_capita_kzt), not one the user names instead.
        var seriesKind = target is IndicatorTarget it && series?.Target is IndicatorTarget st && it.Indicator == st.Indicator ? series.NewIndicatorKind : null;
        return new FetchRequest(query, target, dataDirectory) { Series = series, NewIndicatorKind = kind ?? seriesKind };
    }

    private static void Print(TextWriter output, FetchRequest request, FetchOutcome outcome)
    {
        var r = outcome.Response;
        var retrieved = r.RetrievedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine($"  HTTP {r.Status}, {RawBytes(r.Bytes)}, sha256 {r.Sha256}, retrieved {retrieved} UTC" +
                         (r.Attempts > 1 ? $" (attempt {r.Attempts})" : "") + (r.Final != r.Requested ? $"; answered by {r.Final}" : ""));
        var kept = new ImportTally();
        foreach (var value in outcome.Values) kept.Add(value);
        DataImportCommand.Report(output, new SeriesImported(outcome.Read, kept, outcome.Written) { ValuesRead = outcome.Read.Values.Count });
        var raw = Path.Combine(request.Overlay, outcome.RawFile);
        switch (outcome.Result)
        {
            case FetchResult.ReadOnly:
                output.WriteLine("Nothing written (name a catalogue series, or give --indicator ID or --flow and --measure, to write).");
                break;
            case FetchResult.Unchanged:
                output.WriteLine($"Already fetched: this response (sha256 {r.Sha256[..12]}…) was fetched at {outcome.PreviouslyFetchedAt} and its {outcome.Written!.Written} rows are in " +
                                 $"{outcome.Written.DataPath} as source {outcome.Written.SourceId}; nothing changed (a no-op).");
                break;
            case FetchResult.DryRun:
                var w = outcome.Written!;
                output.WriteLine($"Dry run: would write {w.Written} rows ({request.Target}) to {w.DataPath}" + (w.Replaced > 0 ? $", replacing {w.Replaced} from an earlier fetch or import" : "") +
                                 $", record source {w.SourceId} in {w.SourcesPath} and keep the response as {raw}. Nothing written.");
                break;
            default:
                DataImportCommand.ReportWritten(output, request.Target!, outcome.Written!);
                output.WriteLine($"Kept the raw response as {raw} ('data check' re-verifies it by its sha256; 'data import' re-reads it offline)");
                break;
        }
    }

    private static void PrintCatalogue(TextWriter output)
    {
        output.WriteLine("The study's series on the BNS portals (docs/portal-catalogue.md). Nothing here was checked against the live portals by this project:");
        output.WriteLine("ids «seen with data» have a public download made with them; «seen in client code» are called by public clients, unconfirmed.");
        foreach (var s in PortalCatalogue.All)
        {
            output.WriteLine();
            output.WriteLine($"{s.Key}: {s.Title}");
            output.WriteLine($"    where:    {(s.Query is null ? "no id known" : s.Query.ToString())} — {Standing(s.Standing)}");
            if (s.Query is not null) output.WriteLine($"    address:  {s.Query.Address()}");
            output.WriteLine($"    imported as: {s.Target}{(s.NewIndicatorKind is null ? "" : $" (declared, kind {s.NewIndicatorKind})")}");
            output.WriteLine($"    source of the id: {s.Evidence}");
            foreach (var a in s.Alternatives) output.WriteLine($"    also:     {a}");
            output.WriteLine($"    study:    {s.UsedFor}");
            output.WriteLine($"    bundled:  {s.Bundled}");
            output.WriteLine($"    note:     {s.Note}");
            if (s.Query is null) output.WriteLine($"    to find it: {PortalCatalogue.LookUp(s)}");
        }
        output.WriteLine();
        output.WriteLine($"Any other table: {PortalCatalogue.LookUp()}.");
    }

    private static string Standing(IdStanding standing) => standing switch
    {
        IdStanding.SeenWithData => "seen with data",
        IdStanding.SeenInClientCode => "seen in client code, unconfirmed",
        _ => "not found",
    };

    private static async Task<int> Search(PortalClient client, Uri? root, string words, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            var found = await PortalLookup.SearchAsync(client, root, words, cancellation);
            output.WriteLine($"taldau Search «{words.Trim()}»: {found.Count} ind{(found.Count == 1 ? "ex" : "ices")}");
            foreach (var i in found) output.WriteLine($"  {i.Id}  {i.Name}{(i.Code is null ? "" : $"  (code {i.Code})")}");
            if (found.Count > 0) output.WriteLine($"Next: kzmig data fetch --segments {found[0].Id}   (its period types and dictionary sets)");
            return 0;
        }
        catch (Exception e) when (DataImport.IsInputProblem(e))
        {
            error.WriteLine(OneLine(e.Message));
            return 2;
        }
    }

    private static async Task<int> Segments(PortalClient client, Uri? root, string index, string? period, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            IReadOnlyList<PortalPeriod> periods = period is null
                ? await PortalLookup.PeriodsAsync(client, root, index, cancellation)
                : [new PortalPeriod(PortalQuery.Id(period, "--period"), "")];
            output.WriteLine($"taldau index {index}: {periods.Count} period type{(periods.Count == 1 ? "" : "s")}");
            foreach (var p in periods)
            {
                var found = await PortalLookup.SegmentsAsync(client, root, index, p.Id, cancellation);
                output.WriteLine($"  period {p.Id}{(p.Name.Length > 0 ? $" ({p.Name})" : "")}: {found.Count} segment{(found.Count == 1 ? "" : "s")}");
                foreach (var s in found) output.WriteLine($"    --period {p.Id} --dics {s.Dictionaries}   {s.Names}{(s.RootTerms.Length > 0 ? $" [{s.RootTerms}]" : "")}");
            }
            return 0;
        }
        catch (Exception e) when (DataImport.IsInputProblem(e))
        {
            error.WriteLine(OneLine(e.Message));
            return 2;
        }
    }

    private static string RawBytes(long bytes) => bytes.ToString("#,0", CultureInfo.InvariantCulture) + " bytes";

    private static string OneLine(string message) => string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
