namespace KzMigration.Tests.Notebooks;

/// <summary>
/// Tests that execute notebooks share one collection: .NET Interactive's formatters and console
/// capture are process-wide, and the runner serialises runs anyway, so running them side by side
/// would only make them slower and their timings meaningless.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection : ICollectionFixture<ReproducedOutput>
{
    public const string Name = "notebooks";
}
