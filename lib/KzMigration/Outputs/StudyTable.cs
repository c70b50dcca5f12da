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
/// A table a study step built from its result: a <see cref="DataFrame"/> (it shows and publishes as one) that carries the
/// specification its numbers were computed with. <c>Publish.Table</c> records <see cref="Specification"/> in the run's
/// <c>datapackage.json</c> and the XLSX «about» sheet; recomputing the table under the recorded text gives the same table.
/// </summary>
public sealed class StudyTable : DataFrame, IStudyResult
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

    /// <inheritdoc/>
    public StudySpecification Specification { get; }
}
