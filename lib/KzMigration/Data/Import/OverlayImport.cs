using KzMigration.Regions;

namespace KzMigration.Data.Import;

/// <summary>A command-line choice the import needs and the file cannot supply (a new indicator's kind, a unit the file spells otherwise).</summary>
public sealed class ImportUsageException(string message) : Exception(message);

/// <summary>What to import where.</summary>
/// <param name="Result">What a reader returned (filtered as wanted, e.g. <see cref="RegionTotals.Select"/>).</param>
/// <param name="Target">Migration flow and measure, or the indicator.</param>
/// <param name="DataDirectory">The data folder whose registry resolves names and whose bundle the rows must agree with.</param>
public sealed record OverlayImportRequest(ImportResult Result, ImportTarget Target, string DataDirectory)
{
    /// <summary>The overlay folder written; default the data folder's <c>user/</c>.</summary>
    public string? IntoDirectory { get; init; }

    /// <summary>For an indicator the data do not define: its kind (count, average, rate, ratio), which declares it.</summary>
    public string? NewIndicatorKind { get; init; }

    /// <inheritdoc cref="ImportWriteOptions.SkipEstimates"/>
    public bool SkipEstimates { get; init; }

    /// <summary>How long to wait for another import of the same folder (default <see cref="ImportTransaction.DefaultWait"/>).</summary>
    public TimeSpan? Wait { get; init; }

    public TimeProvider? Clock { get; init; }

    /// <summary>The file's values as a stream (<see cref="ImportStream"/>), read one at a time; null: <see cref="Result"/>'s values.</summary>
    public IEnumerable<ImportedValue>? Values { get; init; }

    /// <summary>The units the file prints and the sheets they apply to; null: those of <see cref="Result"/>'s values.</summary>
    public IReadOnlyList<(string? Unit, string? Sheet)>? PrintedUnits { get; init; }

    /// <summary>Files that go into the overlay in the same commit as the rows (a fetched raw response, kept beside them).</summary>
    public IReadOnlyList<OverlayAttachment> Attachments { get; init; } = [];

    /// <inheritdoc cref="ImportWriteOptions.Provenance"/>
    public SourceProvenance? Provenance { get; init; }

    /// <summary>
    /// Do everything but the commit, on a copy outside the data folder: the rows are built, written and validated with
    /// the bundle, and nothing in the data folder changes (no lock file either). The summary says what would be written.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Leave the folder as it is when it already holds exactly what this import would write (the same response fetched
    /// again): <see cref="ImportWriteSummary.Unchanged"/> is set and nothing is committed.
    /// </summary>
    public bool SkipUnchanged { get; init; }
}

/// <summary>A file copied into the overlay by the import's commit.</summary>
/// <param name="RelativePath">Where it goes, relative to the overlay folder (<c>raw/…</c>, forward slashes).</param>
/// <param name="SourcePath">The file to copy.</param>
public sealed record OverlayAttachment(string RelativePath, string SourcePath);

/// <summary>
/// Imports one file's values into an overlay folder as one <see cref="ImportTransaction"/>: under the folder's lock,
/// the rows, the new indicator's declaration and the overlay's recorded hashes are written to the staged copy,
/// the staged folder is loaded with the bundle under the data layer's rules, and only then swapped in. A refusal
/// names the input file, sheet and cell; nothing is written.
/// </summary>
public static class OverlayImport
{
    public static ImportWriteSummary Run(OverlayImportRequest request)
    {
        var data = Path.GetFullPath(request.DataDirectory);
        var into = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.IntoDirectory ?? Path.Combine(data, WorkbenchData.UserFolder)));
        if (!Directory.Exists(data)) throw new DataFileException(data, null, null, "data folder not found");
        var result = request.Result;
        var registry = DataPackageReader.ReadRegistry(data);
        using var transaction = request.DryRun ? null : ImportTransaction.Begin(into, request.Wait);
        var preview = request.DryRun ? Preview(into, request.Wait) : null;
        try
        {
            var staging = transaction?.Staging ?? preview!;
            string? unit = null;
            if (request.Target is IndicatorTarget indicator)
            {
                var current = WorkbenchData.LoadStaged(data, into, staging);
                if (current.IndicatorDefinitions.TryGetValue(indicator.Indicator, out var definition))
                    unit = UnitOf(result, request.PrintedUnits ?? ImportStream.Of(result).PrintedUnits, indicator, definition);
                else
                {
                    var declared = Declaration(result, indicator, request.NewIndicatorKind, data);
                    IndicatorDeclaration.Write(staging, declared);
                    unit = declared.Unit;
                }
            }

            var summary = ImportWriter.Write(result, request.Values ?? result.Values, request.Target, staging,
                new ImportWriteOptions { Regions = registry, SkipEstimates = request.SkipEstimates, Unit = unit, Clock = request.Clock, Provenance = request.Provenance });
            foreach (var attachment in request.Attachments)
            {
                var to = Path.Combine(staging, attachment.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(attachment.SourcePath, to, overwrite: true);
            }
            summary = summary with
            {
                DataPath = Path.Combine(into, Path.GetFileName(summary.DataPath)),
                SourcesPath = Path.Combine(into, Path.GetFileName(summary.SourcesPath)),
                Unchanged = summary.Unchanged && request.Attachments.All(a => SameBytes(Path.Combine(into, a.RelativePath), a.SourcePath)),
            };
            if (summary.Unchanged && request.SkipUnchanged) return summary; // the stage is dropped: nothing changes

            void Validate(string staged)
            {
                try
                {
                    WorkbenchData.LoadStaged(data, into, staged);
                }
                catch (DataFileException e) when (InputCell(e, summary, into) is { } cell)
                {
                    // The row the import would write is refused: say which cell of the input it came from.
                    throw new ImportFormatException(cell, e.Field ?? "row", $"{e.Reason} (as {e.File}:{e.Line} it would be written)", e);
                }
            }
            if (transaction is not null) transaction.Commit(Validate);
            else
            {
                PackageIntegrity.WriteOverlayDescriptor(staging);
                Validate(staging);
            }
            return summary;
        }
        finally
        {
            if (preview is not null) Directory.Delete(Path.GetDirectoryName(preview)!, recursive: true);
        }
    }

    // A dry run's copy of the overlay, outside the data folder (read under the folder's lock, if an import ever took it).
    private static string Preview(string into, TimeSpan? wait)
    {
        var copy = Path.Combine(Path.GetTempPath(), "kzmig-dry-run-" + Guid.NewGuid().ToString("N")[..12], Path.GetFileName(into));
        Directory.CreateDirectory(copy);
        using (ImportTransaction.ReadGuard(into, wait))
        {
            if (Directory.Exists(into))
                foreach (var file in Directory.EnumerateFiles(into, "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(copy, Path.GetRelativePath(into, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
        }
        return copy;
    }

    private static bool SameBytes(string a, string b) =>
        File.Exists(a) && File.Exists(b) && new FileInfo(a).Length == new FileInfo(b).Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));

    private static string? InputCell(DataFileException e, ImportWriteSummary summary, string into) =>
        e.File == DataPackageReader.DisplayName(into, Path.GetFileName(summary.DataPath)) && e.Line is { } line
        && summary.RowOrigins.TryGetValue(line, out var cell) ? cell : null;

    // The unit the rows of a defined indicator are written in: the indicator's, when the file prints it in a known
    // spelling of the same unit (or --unit says so); otherwise the user is told the exact option to pass.
    private static string UnitOf(ImportResult result, IReadOnlyList<(string? Unit, string? Sheet)> printed, IndicatorTarget target, Indicator definition)
    {
        if (target.Unit is { } given)
            return UnitSpelling.Match(given, definition.Unit)
                   ?? throw new ImportUsageException($"--unit '{given}' is not the unit of '{definition.Id}' ('{definition.Unit}'); the importer does not convert units");
        if (printed.Count == 0) printed = [(result.Metadata.Unit, null)];
        foreach (var (unit, sheet) in printed)
        {
            var where = sheet is null ? result.FileName : $"{result.FileName}[{sheet}]";
            if (unit is null)
                throw new ImportUsageException($"{where} states no unit: if its values are in '{definition.Unit}' (the unit of '{definition.Id}'), pass --unit '{definition.Unit}'");
            if (UnitSpelling.Match(unit, definition.Unit) is null)
                throw new ImportUsageException(UnitSpelling.Canonical(unit) is { } other && UnitSpelling.Canonical(definition.Unit) is not null
                    ? $"{where} is in '{unit}' ({other}), but '{definition.Id}' is in '{definition.Unit}': a different unit; the importer does not convert units — import it as another indicator"
                    : $"{where} prints the unit '{unit}', not a known spelling of '{definition.Unit}' (the unit of '{definition.Id}'); if it is the same unit, pass --unit '{definition.Unit}'");
        }
        return definition.Unit;
    }

    private static Indicator Declaration(ImportResult result, IndicatorTarget target, string? kind, string data)
    {
        var printed = result.Metadata.Unit;
        var unit = target.Unit ?? UnitSpelling.Canonical(printed) ?? printed;
        if (kind is null || unit is not { Length: > 0 })
            throw new ImportUsageException($"'{target.Indicator}' is not an indicator of {data}: to add it, give --kind (count, average, rate or ratio)" +
                                           (unit is { Length: > 0 } ? "" : " and, as the file states no unit, --unit"));
        // The file's title names the indicator; the declaration says where it came from.
        return new Indicator(target.Indicator, result.Metadata.Title ?? target.Indicator, unit, kind, kind == "count",
            $"Declared by kzmig data import from {result.FileName} ({result.Format}); not part of the bundled data.");
    }
}
