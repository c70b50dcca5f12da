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
        var file = new Argument<FileInfo>("FILE") { Description = "Official file: taldau GetIndexData JSON, stat.gov.kz dynamic-table export (.csv, TAB-separated), or BNS .xlsx/.xls" };
        var indicator = new Option<string?>("--indicator") { Description = "Write indicator rows under this indicator key (e.g. grp_per_capita, unemployment_rate)", HelpName = "ID" };
        var flow = new Option<string?>("--flow") { Description = "Write migration rows for this flow (with --measure)" };
        flow.AcceptOnlyFromAmong("interregional", "internal", "all");
        var measure = new Option<string?>("--measure") { Description = "Write migration rows for this measure (with --flow)" };
        measure.AcceptOnlyFromAmong("arrivals", "departures", "balance");
        var into = new Option<DirectoryInfo?>("--into") { Description = "User data folder to write into (default: the data folder's user/ overlay, which reproduce reads)", HelpName = "DIR" };
        var dataDir = new Option<DirectoryInfo?>("--data") { Description = "Data folder whose region registry resolves names and whose user/ overlay is the default target (default: the repository's data/)", HelpName = "DIR" };
        var portalId = new Option<string?>("--portal-id") { Description = "Portal index id from the download URL (GetIndexData/{id}), recorded as provenance", HelpName = "ID" };
        var sheet = new Option<string?>("--sheet") { Description = "Spreadsheets: read only this worksheet" };
        var year = new Option<int?>("--year") { Description = "Spreadsheets whose header names months but no year: the year" };
        var unit = new Option<string?>("--unit") { Description = "Indicator rows: unit to write instead of the one printed in the file" };
        var plausibleMax = new Option<double?>("--plausible-max") { Description = "Flag values above this as scale errors (FORMATS.md §3.1)", HelpName = "N" };
        var correctScale = new Option<bool>("--correct-scale") { Description = "Divide flagged values by 1000 until below --plausible-max (rows become 'derived')" };
        var kind = new Option<string?>("--kind") { Description = "A new indicator (not in data/indicators.csv): count, average, rate or ratio; declares it in the user folder's indicators.csv" };
        kind.AcceptOnlyFromAmong("count", "average", "rate", "ratio");
        var allLevels = new Option<bool>("--all-levels") { Description = "Portal files: keep districts and urban/rural components instead of region-level totals" };
        var years = new Option<string?>("--years") { Description = "Origin–destination tables: import only these years (comma-separated, e.g. 2010,2015,2020)", HelpName = "LIST" };
        var excludeYears = new Option<string?>("--exclude-years") { Description = "Origin–destination tables: leave these years out (e.g. 2022)", HelpName = "LIST" };

        var command = new Command("import", "Read an official statistics file and write it as tidy CSV")
        {
            file, indicator, flow, measure, into, dataDir, kind, portalId, sheet, year, unit, plausibleMax, correctScale, allLevels, years, excludeYears,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            ImportTarget? target;
            try
            {
                target = Target(parse.GetValue(indicator), parse.GetValue(unit), parse.GetValue(flow), parse.GetValue(measure));
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return 2;
            }
            if (parse.GetValue(correctScale) && parse.GetValue(plausibleMax) is null)
            {
                error.WriteLine("--correct-scale needs --plausible-max");
                return 2;
            }

            var options = new ImportOptions
            {
                IndicatorId = parse.GetValue(portalId),
                Sheet = parse.GetValue(sheet),
                Year = parse.GetValue(year),
                PlausibleMaximum = parse.GetValue(plausibleMax),
                CorrectScale = parse.GetValue(correctScale),
            };
            var path = parse.GetValue(file)!.FullName;
            if (OdFlowTableReader.Recognises(path))
                return OdImportCommand.Run(path, parse.GetValue(dataDir)?.FullName, parse.GetValue(into)?.FullName,
                    parse.GetValue(years), parse.GetValue(excludeYears), parse.GetValue(year), output, error);
            try
            {
                var result = OfficialFileReader.Read(path, options);
                var values = result.Values;
                if (!parse.GetValue(allLevels) && result.Format is OfficialFormat.StatGovDynamicTable or OfficialFormat.TaldauIndexData)
                    values = RegionTotals.Select(values);
                Report(output, result, values);

                if (target is null)
                {
                    output.WriteLine("Nothing written (give --indicator ID, or --flow and --measure, to write).");
                    return 0;
                }
                var dataFolder = parse.GetValue(dataDir)?.FullName ?? Workbench.DataDirectory;
                var folder = parse.GetValue(into)?.FullName ?? Path.Combine(dataFolder, WorkbenchData.UserFolder);
                // Region names resolve through the registry (every spelling the sources use); an unknown
                // one stops the import before anything is written, naming the file, row and value.
                var registry = RegionRegistry.Load(dataFolder);
                var existed = Directory.Exists(folder);
                var before = Snapshot(folder);
                if (target is IndicatorTarget newIndicator && !WorkbenchData.Load(dataFolder).IndicatorDefinitions.ContainsKey(newIndicator.Indicator))
                {
                    // The bundle does not define this indicator (e.g. housing price per m², not bundled):
                    // declare it beside the figures, with the file it came from, so they validate like bundled ones.
                    if (parse.GetValue(kind) is not { } indicatorKind || (newIndicator.Unit ?? result.Metadata.Unit) is not { Length: > 0 } indicatorUnit)
                    {
                        error.WriteLine($"'{newIndicator.Indicator}' is not an indicator of {dataFolder}: to add it, give --kind (count, average, rate or ratio) and, if the file states none, --unit");
                        return 2;
                    }
                    IndicatorDeclaration.Write(folder, new Indicator(newIndicator.Indicator, result.Metadata.Title ?? newIndicator.Indicator, indicatorUnit,
                        indicatorKind, indicatorKind == "count", $"Declared by kzmig data import from {Path.GetFileName(path)} ({result.Format}); not part of the bundled data."));
                }
                var summary = ImportWriter.Write(result with { Values = values }, target, folder, name => registry.Resolve(name, path).Key);
                // The overlay must load with the bundle under the data layer's rules (a value contradicting a bundled
                // one is an error there); if it does not, the folder is put back as it was.
                try
                {
                    var user = Path.GetFullPath(Path.Combine(dataFolder, WorkbenchData.UserFolder));
                    WorkbenchData.Load(dataFolder, Path.GetFullPath(folder) == user ? [] : [folder]);
                }
                catch (DataFileException e)
                {
                    Restore(before);
                    if (!existed && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
                    error.WriteLine($"{e.Message}\nNothing imported: {folder} is left as it was.");
                    return 1;
                }
                output.WriteLine($"Wrote {summary.Written} rows ({target}) to {summary.DataPath}" +
                                 (summary.Replaced > 0 ? $", replacing {summary.Replaced} from an earlier import" : ""));
                if (summary.SkippedGaps > 0) output.WriteLine($"  skipped {summary.SkippedGaps} missing or confidential cells");
                if (summary.YearsFromMonths > 0) output.WriteLine($"  {summary.YearsFromMonths} Jan-Dec rows are sums of 12 printed months (status derived)");
                if (summary.SkippedPeriods > 0)
                    output.WriteLine($"  skipped {summary.SkippedPeriods} values for periods the data tables do not hold " +
                                     (target is IndicatorTarget ? "(indicator rows are annual)" : "(migration rows are Jan-Dec or Jan-Jun)"));
                output.WriteLine($"Recorded source {summary.SourceId} in {summary.SourcesPath}");
                return 0;
            }
            catch (DataFileException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
            catch (ImportFormatException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
            catch (IOException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    // The files an import may change, with their bytes (null: absent), so a failed check can undo the write.
    private static Dictionary<string, byte[]?> Snapshot(string folder) =>
        new[] { ImportWriter.MigrationFile, ImportWriter.IndicatorFile, ImportWriter.SourcesFile, DataTables.Indicators.File }
            .Select(f => Path.Combine(folder, f))
            .ToDictionary(p => p, p => File.Exists(p) ? File.ReadAllBytes(p) : null);

    private static void Restore(Dictionary<string, byte[]?> snapshot)
    {
        foreach (var (path, bytes) in snapshot)
        {
            if (bytes is null) File.Delete(path);
            else File.WriteAllBytes(path, bytes);
        }
    }

    internal static ImportTarget? Target(string? indicator, string? unit, string? flow, string? measure)
    {
        if (indicator is not null && (flow is not null || measure is not null))
            throw new ArgumentException("give either --indicator or --flow/--measure, not both");
        if ((flow is null) != (measure is null))
            throw new ArgumentException("--flow and --measure go together: migration rows need both (see README, 'Definitions you must keep apart')");
        if (flow is not null)
            return new MigrationTarget(Enum.Parse<Flow>(flow, ignoreCase: true), Enum.Parse<Measure>(measure!, ignoreCase: true));
        return indicator is null ? null : new IndicatorTarget(indicator, unit);
    }

    private static void Report(TextWriter output, ImportResult result, IReadOnlyList<ImportedValue> values)
    {
        var m = result.Metadata;
        output.WriteLine($"{result.FileName}: {result.Format}");
        if (m.Title is not null) output.WriteLine($"  title:     {m.Title}");
        if (m.Unit is not null) output.WriteLine($"  unit:      {m.Unit}");
        if (m.IndicatorId is not null) output.WriteLine($"  portal id: {m.IndicatorId}");
        var kept = values.Count == result.Values.Count ? "" : $" (region-level totals: {values.Count} of {result.Values.Count}; --all-levels keeps all)";
        output.WriteLine($"  values:    {values.Count(v => v.Kind == ValueKind.Number)} numbers, {values.Count(v => v.Kind == ValueKind.Missing)} missing, " +
                         $"{values.Count(v => v.Kind == ValueKind.Confidential)} confidential{kept}");
        if (values.Count > 0)
        {
            output.WriteLine($"  years:     {values.Min(v => v.Year)}–{values.Max(v => v.Year)}; periods: {string.Join(", ", values.Select(v => v.PeriodCode).Distinct().Take(8))}");
            var regions = values.Select(v => v.RegionName).Distinct().ToList();
            output.WriteLine($"  regions:   {regions.Count}: {string.Join(", ", regions.Take(25))}{(regions.Count > 25 ? ", …" : "")}");
        }
        if (values.Any(v => v.ScaleSuspect))
            output.WriteLine($"  scale:     {values.Count(v => v.ScaleSuspect)} values look like scale errors (FORMATS.md §3.1)");
        foreach (var w in result.Warnings.Take(20)) output.WriteLine($"  warning:   {w}");
        if (result.Warnings.Count > 20) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {result.Warnings.Count - 20} more warnings"));
    }
}
