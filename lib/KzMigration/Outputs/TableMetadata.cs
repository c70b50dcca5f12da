namespace KzMigration.Outputs;

/// <summary>
/// What a published table says about itself, written into the run's <c>datapackage.json</c> and the XLSX
/// "about" sheet: a title, the unit of each column that has one, the sources of its values, and notes
/// (e.g. how a derived column was derived, or what is missing and why). The specification a table was computed with is
/// not metadata a notebook states: it is carried by the table itself (<see cref="StudyTable"/>).
/// </summary>
public sealed record TableMetadata(string Title)
{
    /// <summary>Unit per column name (e.g. "arrivals" → "persons").</summary>
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
}
