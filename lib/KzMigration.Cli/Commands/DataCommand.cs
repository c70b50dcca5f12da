using System.Globalization;
using System.CommandLine;
using KzMigration.Data;
using KzMigration.Migration;

namespace KzMigration.Cli.Commands;

/// <summary><c>kzmig data</c>: check the data folder, list its sources, and (maintainers) build it from the curated official figures.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Official data: check, list sources, import official files, fetch tables from the statistics portals; build (maintainers)");

        var dataOption = new Option<string?>("--data") { Description = "Data folder (default: KZMIG_DATA or the repository's data/)" };
        var check = new Command("check", "Validate the data folder and print coverage matrices and warnings") { dataOption };
        check.SetAction(parse => Check(parse.GetValue(dataOption), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        data.Add(check);

        var sourcesData = new Option<string?>("--data") { Description = "Data folder (default: KZMIG_DATA or the repository's data/)" };
        var sources = new Command("sources", "List the sources of the figures") { sourcesData };
        sources.SetAction(parse => Sources(parse.GetValue(sourcesData), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        data.Add(sources);

        var fromOption = new Option<string>("--from") { Description = "Maintainers: folder of the curated official figures the bundled data/ is built from", Required = true };
        var intoOption = new Option<string?>("--into") { Description = "Output folder (default: the data folder)" };
        var build = new Command("build", "Maintainers: rebuild the bundled data package from the curated official figures (users import with 'data import')") { fromOption, intoOption };
        build.SetAction(parse => Build(parse.GetValue(fromOption)!, parse.GetValue(intoOption), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        data.Add(build);

        data.Add(DataImportCommand.Create());
        data.Add(DataFetchCommand.Create());
        return data;
    }

    internal static int Check(string? dataDirectory, TextWriter output, TextWriter error)
    {
        WorkbenchData data;
        try
        {
            data = WorkbenchData.Load(dataDirectory ?? CommonOptions.DefaultDataDirectory());
        }
        catch (Exception e) when (IsInputProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        output.WriteLine($"data: {data.Directory}{(data.Overlays.Count > 0 ? $" + {string.Join(", ", data.Overlays)}" : "")}");
        foreach (var overlay in data.Overlays.Where(o => !File.Exists(Path.Combine(o, "datapackage.json"))))
            output.WriteLine($"note: {overlay} has no datapackage.json: its files are not protected by recorded hashes (written by hand, or by an older kzmig)");
        // Loading re-hashed every kept response of an overlay with its descriptor against its recorded sha256 (PackageIntegrity).
        var fetched = data.Sources.Values.Where(s => s.Import?.RawResponse is not null).ToList();
        if (fetched.Count > 0)
            output.WriteLine($"fetched responses: {fetched.Select(s => s.Import!.RawResponse).Distinct().Count()} raw responses of {fetched.Count} fetched sources, " +
                             (data.Overlays.All(o => File.Exists(Path.Combine(o, "datapackage.json"))) ? "each verified against its recorded sha256" : "not verified (see the note above)"));
        output.WriteLine($"{data.Migration.Count} migration figures ({data.Migration.Count(m => m.FromMatrix)} derived from origin–destination matrices), {data.Indicators.Count} indicator figures, {data.Sources.Count} sources, {data.Regions.All.Count} regions");
        foreach (var m in data.FlowMatrices)
            output.WriteLine($"origin–destination matrix {m.Year} {Codes.Of(m.Period)}: {m.Matrix.Regions.Count} units ({m.Boundaries.Id}-era), {m.Matrix.Total:0} moves, {string.Join(", ", m.Sources.Select(s => s.Id))}" +
                             (m.ThirdPartyCompilation ? " (BNS via a third-party compilation)" : ""));
        output.WriteLine();
        foreach (var flow in Enum.GetValues<Flow>())
        foreach (var measure in Enum.GetValues<Measure>())
        foreach (var period in Enum.GetValues<Period>())
        {
            var coverage = data.Coverage(flow, measure, period);
            if (coverage.Count == 0) continue;
            output.Write(coverage.Render());
            output.WriteLine();
        }
        foreach (var id in data.IndicatorDefinitions.Keys.Order(StringComparer.Ordinal))
        {
            output.Write(data.IndicatorCoverage(id).Render());
            output.WriteLine();
        }
        // Programme prices look like any exact figure in the matrix above; say which they are.
        var programme = data.Indicators.Where(i => i.IsProgrammePrice).GroupBy(i => (i.Indicator.Id, i.Region.NameEn, i.Programme))
            .Select(g => $"{g.Key.NameEn} {string.Join(",", g.Select(i => i.Year).Order())} ({g.Key.Programme})").ToList();
        if (programme.Count > 0)
        {
            output.WriteLine($"state-programme housing prices (not market prices; scored only with programme_prices=included): {programme.Count} region series, " +
                             $"{data.Indicators.Count(i => i.IsProgrammePrice)} values: {string.Join("; ", programme)}");
            output.WriteLine();
        }
        if (data.Warnings.Count == 0) output.WriteLine("no warnings");
        foreach (var w in data.Warnings) output.WriteLine($"warning [{w.Rule}]: {w.Message}");
        return 0;
    }

    internal static int Sources(string? dataDirectory, TextWriter output, TextWriter error)
    {
        try
        {
            var data = WorkbenchData.Load(dataDirectory ?? CommonOptions.DefaultDataDirectory());
            foreach (var s in data.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                var migration = data.Migration.Count(m => m.Source.Id == s.Id);
                var indicators = data.Indicators.Count(i => i.Source.Id == s.Id);
                output.WriteLine($"{s.Id}  ({migration + indicators} values)");
                output.WriteLine($"    {s.Title}");
                output.WriteLine($"    publisher: {s.Publisher}; carrier: {s.Carrier}");
                output.WriteLine($"    {s.Url}");
                if (s.Note.Length > 0) output.WriteLine($"    {s.Note}");
                if (s.Import is { RawResponse: { } raw } f)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    fetched {f.ImportedAt:yyyy-MM-dd HH:mm:ss} UTC from {s.Url} ({f.Format}{(f.PortalId is null ? "" : $", portal id {f.PortalId}")}) as {f.Target}: {f.Rows} rows; raw response {raw}, sha256 {f.Sha256}"));
                else if (s.Import is { } i)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    imported {i.ImportedAt:yyyy-MM-dd HH:mm:ss} UTC from {i.File} ({i.Format}{(i.PortalId is null ? "" : $", portal id {i.PortalId}")}) as {i.Target}: {i.Rows} rows; sha256 {i.Sha256}"));
            }
            return 0;
        }
        catch (Exception e) when (IsInputProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// A data folder or input file the command cannot use (refused, missing, unreadable): exit 2 with its message,
    /// never a stack trace (README, «Exit codes»).
    /// </summary>
    internal static bool IsInputProblem(Exception e) => KzMigration.Data.Import.DataImport.IsInputProblem(e);

    internal static int Build(string from, string? into, TextWriter output, TextWriter error)
    {
        try
        {
            into ??= CommonOptions.DefaultDataDirectory();
            var files = DataPackageBuilder.Build(from, into);
            foreach (var f in files) output.WriteLine($"wrote {Path.Combine(into, f)}");
            return 0;
        }
        catch (Exception e) when (IsInputProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
