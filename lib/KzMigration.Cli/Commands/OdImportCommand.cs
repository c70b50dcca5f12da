using System.Globalization;
using KzMigration.Data;
using KzMigration.Data.Import;

namespace KzMigration.Cli.Commands;

/// <summary>
/// The origin–destination branch of <c>kzmig data import</c>: an OD table (long or wide) goes to the user folder's
/// <c>od-flows.csv</c>, all or nothing (<see cref="OdFlowImport"/>). Exit 0 imported, 2 refused (bad command line or input file).
/// </summary>
internal static class OdImportCommand
{
    public static int Run(string path, string? dataDir, string? into, string? years, string? excludeYears, int? year, TextWriter output, TextWriter error)
    {
        IReadOnlySet<int>? only, without;
        try
        {
            only = Years(years, "--years");
            without = Years(excludeYears, "--exclude-years");
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        var dataFolder = dataDir ?? Workbench.DataDirectory;
        var folder = into ?? Path.Combine(dataFolder, WorkbenchData.UserFolder);
        try
        {
            var s = OdFlowImport.Import(path, dataFolder, folder, new OdImportOptions(only, without, year));
            output.WriteLine($"{Path.GetFileName(path)}: origin–destination table ({s.Format}), years {string.Join(", ", s.Years)}" +
                             (s.LeftOut.Count > 0 ? $"; left out {string.Join(", ", s.LeftOut)}" : ""));
            foreach (var note in s.Notes) output.WriteLine($"  note: {note}");
            output.WriteLine($"Wrote {s.Written} moves to {s.DataPath}" + (s.AlreadyHeld > 0 ? $" ({s.AlreadyHeld} moves already in the data were not repeated)" : ""));
            output.WriteLine($"Recorded source {s.SourceId} in {s.SourcesPath}");
            return 0;
        }
        catch (Exception e) when (e is DataFileException or ImportFormatException or IOException)
        {
            error.WriteLine($"{e.Message}\nNothing imported: {folder} is left as it was.");
            return 2;
        }
    }

    private static IReadOnlySet<int>? Years(string? list, string option)
    {
        if (list is null) return null;
        var result = new HashSet<int>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            result.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= DataTables.FirstYear and <= DataTables.LastYear
                ? y : throw new ArgumentException($"{option}: '{part}' is not a year"));
        return result.Count > 0 ? result : throw new ArgumentException($"{option}: no years given");
    }
}
