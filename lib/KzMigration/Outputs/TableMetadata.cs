using Microsoft.Data.Analysis;

namespace KzMigration.Outputs;

/// <summary>
/// What a published table says about itself, written into the run's <c>datapackage.json</c> and the XLSX
/// "about" sheet: a title, the unit of each column that has one, the sources of its values, and notes
/// (e.g. how a derived column was derived, or what is missing and why). The specification a table was computed with is
/// not metadata a notebook states: it is carried by the table itself (<see cref="StudyTable"/>); nor are the units of
/// measure of a table the library built (<see cref="MeasuredTable.Units"/>, merged by <see cref="WithUnitsOf"/>).
/// </summary>
public sealed record TableMetadata(string Title)
{
    /// <summary>
    /// Unit of measure per column name (e.g. "arrivals" → "persons"), for a table built by hand; a library table carries its
    /// own (<see cref="MeasuredTable.Units"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// What a column holds, keyed by column name: the place for a formula (column names stay short and ASCII,
    /// e.g. "K" described as "attractiveness coefficient K = A / D").
    /// </summary>
    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Sources of the values (URL and publication), one per line.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Notes: derivations, gaps, boundary-era caveats.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// This metadata with the units of measure <paramref name="table"/> carries (<see cref="MeasuredTable.Units"/>, for the
    /// columns it still has) beside those stated here. A unit stated here for a column the table already gives another unit
    /// is an error: the step that computed the column says what it counts, once.
    /// </summary>
    public TableMetadata WithUnitsOf(DataFrame table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table is not MeasuredTable { Units.Count: > 0 } measured) return this;
        var units = new Dictionary<string, string>(Units, StringComparer.Ordinal);
        foreach (var (column, unit) in measured.Units)
        {
            if (table.Columns.IndexOf(column) < 0) continue; // a column removed after the table was built has no unit to record
            if (units.TryGetValue(column, out var stated) && stated != unit)
                throw new ArgumentException($"the table «{Title}» counts «{column}» in «{unit}»; its metadata says «{stated}» (leave the unit to the table)", nameof(table));
            units[column] = unit;
        }
        return this with { Units = units };
    }
}
