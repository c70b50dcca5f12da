using System.CommandLine;
using KzMigration.Data;
using KzMigration.Regions;
using System.Globalization;
using KzMigration.Data.Import;
using KzMigration.Migration;

namespace KzMigration.Cli.Commands;

/// <summary>
/// <c>kzmig data import FILE</c>: reads an official file (taldau JSON, stat.gov.kz dynamic table, BNS
/// .xlsx/.xls), prints what it found and, given a target, writes tidy CSV into a user data folder.
/// </summary>
public static class DataImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Official file: taldau GetIndexData JSON, stat.gov.kz dynamic-table export (.csv, TAB-separated), or BNS .xlsx/.xls; layouts and pitfalls: docs/official-formats.md" };
        var indicator = new Option<string?>("--indicator") { Description = "Write indicator rows under this indicator key (e.g. grp_per_capita, unemployment_rate)", HelpName = "ID" };
        var flow = new Option<string?>("--flow") { Description = "Write migration rows for this flow (with --measure): interregional, internal or all — never mixed (docs/migration-flows.md)" };
        flow.AcceptOnlyFromAmong("interregional", "internal", "all");
        var measure = new Option<string?>("--measure") { Description = "Write migration rows for this measure (with --flow)" };
        measure.AcceptOnlyFromAmong("arrivals", "departures", "balance");
        var into = new Option<DirectoryInfo?>("--into") { Description = "User data folder to write into (default: the data folder's user/ overlay, which reproduce reads)", HelpName = "DIR" };
        var dataDir = new Option<DirectoryInfo?>("--data") { Description = "Data folder whose region registry resolves names and whose user/ overlay is the default target (default: the repository's data/)", HelpName = "DIR" };
        var portalId = new Option<string?>("--portal-id") { Description = "Portal index id from the download URL (GetIndexData/{id}), recorded as provenance", HelpName = "ID" };
        var sheet = new Option<string?>("--sheet") { Description = "Spreadsheets: read only this worksheet" };
        var year = new Option<int?>("--year") { Description = "Spreadsheets whose header names months but no year: the year" };
        var unit = new Option<string?>("--unit") { Description = "Indicator rows: unit to write instead of the one printed in the file" };
        var plausibleMax = new Option<double?>("--plausible-max") { Description = "Flag values above this as scale errors (docs/official-formats.md §2)", HelpName = "N" };
        var correctScale = new Option<bool>("--correct-scale") { Description = "Divide flagged values by 1000 until below --plausible-max (rows become 'derived')" };
        var kind = new Option<string?>("--kind") { Description = "A new indicator (not in data/indicators.csv): count, average, rate or ratio; declares it in the user folder's indicators.csv" };
        kind.AcceptOnlyFromAmong("count", "average", "rate", "ratio");
        var allLevels = new Option<bool>("--all-levels") { Description = "Portal files: keep districts and urban/rural components instead of region-level totals" };
        var skipEstimates = new Option<bool>("--skip-estimates") { Description = "Leave out values for a region in a year before it existed that the file footnotes as estimates (default: import them with status 'estimate' and the footnote as note)" };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait while another import of the same folder runs (0: fail at once)", DefaultValueFactory = _ => ImportTransaction.DefaultWait.TotalSeconds, HelpName = "SECONDS" };
        var years = new Option<string?>("--years") { Description = "Origin–destination tables: import only these years (comma-separated, e.g. 2010,2015,2020)", HelpName = "LIST" };
        var excludeYears = new Option<string?>("--exclude-years") { Description = "Origin–destination tables: leave these years out (e.g. 2022)", HelpName = "LIST" };

        var command = new Command("import", "Read an official statistics file and write it as tidy CSV")
        {
            file, indicator, flow, measure, into, dataDir, kind, portalId, sheet, year, unit, plausibleMax, correctScale, allLevels, skipEstimates, wait, years, excludeYears,
        };
        command.SetAction(parse =>
        {
            // The report and the errors quote the input file: shown, never sent to the terminal as control characters.
            var output = Terminal.PrintableWriter.Over(parse.InvocationConfiguration.Output);
            var error = Terminal.PrintableWriter.Over(parse.InvocationConfiguration.Error);
            var seconds = parse.GetValue(wait);
            if (seconds < 0 || !double.IsFinite(seconds))
            {
                error.WriteLine($"--wait must be 0 or more seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
                return 2;
            }
            if (parse.GetValue(correctScale) && parse.GetValue(plausibleMax) is null)
            {
                error.WriteLine("--correct-scale needs --plausible-max");
                return 2;
            }
            DataImportRequest request;
            try
            {
                var dataFolder = parse.GetValue(dataDir)?.FullName ?? CommonOptions.DefaultDataDirectory();
                request = new DataImportRequest(parse.GetValue(file)!.FullName, dataFolder)
                {
                    Target = DataImportRequest.TargetOf(parse.GetValue(indicator), parse.GetValue(unit), parse.GetValue(flow), parse.GetValue(measure)),
                    IntoDirectory = parse.GetValue(into)?.FullName,
                    ReadOptions = new ImportOptions
                    {
                        IndicatorId = parse.GetValue(portalId),
                        Sheet = parse.GetValue(sheet),
                        Year = parse.GetValue(year),
                        PlausibleMaximum = parse.GetValue(plausibleMax),
                        CorrectScale = parse.GetValue(correctScale),
                    },
                    AllLevels = parse.GetValue(allLevels),
                    NewIndicatorKind = parse.GetValue(kind),
                    SkipEstimates = parse.GetValue(skipEstimates),
                    OdOptions = new OdImportOptions(Years(parse.GetValue(years), "--years"), Years(parse.GetValue(excludeYears), "--exclude-years"), parse.GetValue(year)),
                    Wait = TimeSpan.FromSeconds(seconds),
                    Clock = ImportClock(),
                };
            }
            catch (Exception e) when (e is ImportUsageException or ArgumentException or DirectoryNotFoundException)
            {
                error.WriteLine(e.Message);
                return 2;
            }

            // The whole import is one library call (Data/Import/DataImport): read, keep region totals, and write as one
            // transaction — locked, staged, validated with the bundle, swapped in — or leave the folder as it was.
            DataImportOutcome outcome;
            try
            {
                outcome = DataImport.Run(request);
            }
            catch (Exception e) when (DataImport.IsInputProblem(e))
            {
                // Exit 2 with the file, line and field and why (README «Exit codes»); a write never began or was rolled back.
                error.WriteLine(request.Target is null && !OdFlowTableReader.Recognises(request.FilePath)
                    ? e.Message
                    : $"{e.Message}\nNothing imported: {request.Overlay} is left as it was.");
                return 2;
            }
            switch (outcome)
            {
                case FlowsImported flows:
                    ReportFlows(output, request.FilePath, flows.Summary);
                    break;
                case SeriesImported { Written: null } series:
                    Report(output, series);
                    output.WriteLine("Nothing written (give --indicator ID, or --flow and --measure, to write).");
                    break;
                case SeriesImported series:
                    Report(output, series);
                    ReportWritten(output, request.Target!, series.Written!);
                    break;
            }
            return 0;
        });
        return command;
    }

    internal static void ReportWritten(TextWriter output, ImportTarget target, ImportWriteSummary summary)
    {
        output.WriteLine($"Wrote {summary.Written} rows ({target}) to {summary.DataPath}" +
                         (summary.Replaced > 0 ? $", replacing {summary.Replaced} from an earlier import" : "") +
                         (summary.Superseded.Count > 0 ? $" (an earlier fetch of the same table: {string.Join(", ", summary.Superseded)})" : ""));
        if (summary.SkippedGaps > 0) output.WriteLine($"  skipped {summary.SkippedGaps} missing or confidential cells");
        if (summary.Estimates > 0) output.WriteLine($"  {summary.Estimates} rows are footnoted estimates for a region before it existed (status estimate; --skip-estimates leaves them out)");
        if (summary.SkippedEstimates > 0) output.WriteLine($"  skipped {summary.SkippedEstimates} footnoted estimates for a region before it existed (--skip-estimates)");
        if (summary.YearsFromMonths > 0) output.WriteLine($"  {summary.YearsFromMonths} Jan-Dec rows are sums of 12 printed months (status derived)");
        if (summary.SkippedPeriods > 0)
            output.WriteLine($"  skipped {summary.SkippedPeriods} values for periods the data tables do not hold " +
                             (target is IndicatorTarget ? "(indicator rows are annual)" : "(migration rows are Jan-Dec or Jan-Jun)"));
        output.WriteLine($"Recorded source {summary.SourceId} in {summary.SourcesPath}");
    }

    private static void ReportFlows(TextWriter output, string path, OdImportSummary s)
    {
        output.WriteLine($"{Path.GetFileName(path)}: origin–destination table ({s.Format}), years {string.Join(", ", s.Years)}" +
                         (s.LeftOut.Count > 0 ? $"; left out {string.Join(", ", s.LeftOut)}" : ""));
        foreach (var note in s.Notes) output.WriteLine($"  note: {note}");
        output.WriteLine($"Wrote {s.Written} moves to {s.DataPath}" + (s.AlreadyHeld > 0 ? $" ({s.AlreadyHeld} moves already in the data were not repeated)" : ""));
        output.WriteLine($"Recorded source {s.SourceId} in {s.SourcesPath}");
    }

    // --years / --exclude-years: a comma-separated list of years the data tables can hold.
    internal static IReadOnlySet<int>? Years(string? list, string option)
    {
        if (list is null) return null;
        var result = new HashSet<int>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            result.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= DataTables.FirstYear and <= DataTables.LastYear
                ? y : throw new ArgumentException($"{option}: '{part}' is not a year"));
        return result.Count > 0 ? result : throw new ArgumentException($"{option}: no years given");
    }

    // SOURCE_DATE_EPOCH (reproducible-builds.org) fixes the recorded import time, so two imports of the same file
    // write the same bytes; otherwise the clock.
    internal static TimeProvider? ImportClock() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? new FixedClock(DateTimeOffset.FromUnixTimeSeconds(epoch))
            : null;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>What a file held (the values kept, counted), as <c>data import</c> and <c>data fetch</c> print it.</summary>
    internal static void Report(TextWriter output, SeriesImported series)
    {
        var (result, values) = (series.Read, series.Values);
        var m = result.Metadata;
        output.WriteLine($"{result.FileName}: {result.Format}");
        if (m.Title is not null) output.WriteLine($"  title:     {m.Title}");
        if (m.Unit is not null) output.WriteLine($"  unit:      {m.Unit}");
        if (m.IndicatorId is not null) output.WriteLine($"  portal id: {m.IndicatorId}");
        var kept = values.Count == series.ValuesRead ? "" : $" (region-level totals: {values.Count} of {series.ValuesRead}; --all-levels keeps all)";
        output.WriteLine($"  values:    {values.Numbers} numbers, {values.Missing} missing, {values.Confidential} confidential{kept}");
        if (values.Count > 0)
        {
            output.WriteLine($"  years:     {values.FirstYear}–{values.LastYear}; periods: {string.Join(", ", values.Periods.Take(8))}");
            var regions = values.Regions;
            output.WriteLine($"  regions:   {regions.Count}{(values.MoreRegions ? "+" : "")}: {string.Join(", ", regions.Take(25))}{(regions.Count > 25 ? ", …" : "")}");
        }
        if (values.ScaleSuspects > 0)
            output.WriteLine($"  scale:     {values.ScaleSuspects} values look like scale errors (docs/official-formats.md §2)");
        foreach (var w in result.Warnings.Take(20)) output.WriteLine($"  warning:   {w}");
        if (result.Warnings.Count > 20) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {result.Warnings.Count - 20} more warnings"));
    }
}
