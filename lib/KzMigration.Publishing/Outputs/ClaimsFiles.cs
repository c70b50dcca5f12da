using KzMigration.Claims;
using KzMigration.Outputs;

namespace KzMigration.Publishing;

/// <summary>The claims ledger as a table file: the science core gives the rows and metadata, this writes them.</summary>
public static class ClaimsFiles
{
    /// <summary>Deterministic, culture-invariant CSV of the verdicts (<see cref="TableFiles.ToCsv"/>: UTF-8 text, formula-like text neutralised).</summary>
    public static string ToCsv(this ClaimsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return TableFiles.ToCsv(report.ToDataFrame(), report.Metadata);
    }
}
