using KzMigration.Specification;
using Microsoft.Data.Analysis;

namespace KzMigration.Outputs;

/// <summary>
/// A result of a study step: it carries the specification it was computed with, so that what publishes it records that
/// specification and no other (COINr's lesson: the step that computes writes the record, <c>write_log</c>).
/// </summary>
public interface IStudyResult
{
    /// <summary>The study's specification this result was computed with, as the step was given it.</summary>
    StudySpecification Specification { get; }
}

/// <summary>
/// A table whose columns carry their units of measure: the step that built the columns knows what they count, so it says
/// so (COINr keeps an indicator's unit in its one metadata table, not in the caller). <c>Publish.Table</c> records
/// <see cref="Units"/> in the run's <c>datapackage.json</c> (each field's <c>unit</c>) and the XLSX headers and «about» sheet;
/// a notebook states none of them again (<see cref="TableMetadata.WithUnitsOf"/>).
/// </summary>
public class MeasuredTable : DataFrame
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>A table of <paramref name="columns"/>; <see cref="Units"/> says what each column is counted in.</summary>
    public MeasuredTable(IEnumerable<DataFrameColumn> columns) : base(columns)
    {
    }

    /// <summary>A table of <paramref name="columns"/>; <see cref="Units"/> says what each column is counted in.</summary>
    public MeasuredTable(params DataFrameColumn[] columns) : this((IEnumerable<DataFrameColumn>)columns)
    {
    }

    /// <summary>
    /// The unit of measure of each column that has one, keyed by column name (e.g. «arrivals» → «persons»). Every key must
    /// name a column of the table: a unit for a column it does not have is an error, not a silent no-op.
    /// </summary>
    public IReadOnlyDictionary<string, string> Units { get; init => field = Checked(value); } = None;

    private IReadOnlyDictionary<string, string> Checked(IReadOnlyDictionary<string, string>? units)
    {
        if (units is null) return None;
        foreach (var (column, unit) in units)
        {
            if (Columns.IndexOf(column) < 0)
                throw new ArgumentException($"unit of measure «{unit}» for «{column}», which is not a column of the table (columns: {string.Join(", ", Columns.Select(c => c.Name))})", nameof(Units));
            if (string.IsNullOrWhiteSpace(unit)) throw new ArgumentException($"the unit of measure of «{column}» is empty", nameof(Units));
        }
        return new Dictionary<string, string>(units, StringComparer.Ordinal);
    }
}

/// <summary>
/// A table a study step built from its result: a <see cref="DataFrame"/> (it shows and publishes as one) that carries the
/// specification its numbers were computed with, and the units of measure of its columns (<see cref="MeasuredTable.Units"/>).
/// <c>Publish.Table</c> records <see cref="Specification"/> in the run's <c>datapackage.json</c> and the XLSX «about» sheet;
/// recomputing the table under the recorded text gives the same table.
/// </summary>
public sealed class StudyTable : MeasuredTable, IStudyResult
{
    /// <summary>A table of <paramref name="columns"/> computed under <paramref name="specification"/>.</summary>
    public StudyTable(StudySpecification specification, IEnumerable<DataFrameColumn> columns) : base(columns)
    {
        ArgumentNullException.ThrowIfNull(specification);
        Specification = specification;
    }

    /// <summary>A table of <paramref name="columns"/> computed under <paramref name="specification"/>.</summary>
    public StudyTable(StudySpecification specification, params DataFrameColumn[] columns) : this(specification, (IEnumerable<DataFrameColumn>)columns)
    {
    }

    /// <summary>
    /// <paramref name="table"/>'s columns and units of measure, computed under <paramref name="specification"/>: a step that
    /// builds its table with a lower-level builder records the specification it was given.
    /// </summary>
    public StudyTable(StudySpecification specification, MeasuredTable table) : this(specification, (table ?? throw new ArgumentNullException(nameof(table))).Columns)
    {
        Units = table.Units;
    }

    /// <inheritdoc/>
    public StudySpecification Specification { get; }
}
