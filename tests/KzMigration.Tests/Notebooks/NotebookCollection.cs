namespace KzMigration.Tests.Notebooks;

/// <summary>
/// Tests that execute notebooks in this process, or change what is still process-wide (the current directory, .NET
/// Interactive's formatters and console capture), share one collection and run one after the other. The run context is
/// not among them: it belongs to a run (<see cref="KzMigration.Runs.RunContext.Enter"/>), so a test that publishes in-process
/// enters its own and may run anywhere (<see cref="RunContextScopeTests"/>). The collection runs beside the others
/// (issue 24): no test outside it reads that process-wide state (those that do belong here) — its tests in child processes
/// and readers of the shared run's outputs (<see cref="ReproducedOutputsCollection"/>) do not.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotebookCollection : ICollectionFixture<ReproducedOutput>
{
    public const string Name = "notebooks";
}

/// <summary>
/// Tests that only read the shared reproduce's outputs (files, pages opened in Chromium; its report opened once,
/// <see cref="KzMigration.Tests.Publishing.ReportInBrowser"/>): they run beside the notebook collection, once the run both
/// wait for has finished.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReproducedOutputsCollection : ICollectionFixture<ReproducedOutput>, ICollectionFixture<KzMigration.Tests.Publishing.ReportInBrowser>
{
    public const string Name = "reproduced outputs";
}
