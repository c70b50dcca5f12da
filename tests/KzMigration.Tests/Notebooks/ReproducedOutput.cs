using KzMigration.Cli;

namespace KzMigration.Tests.Notebooks;

/// <summary>
/// One `kzmig reproduce` of the repository's notebooks into a temporary out/ folder, shared by the
/// tests that inspect its outputs (report, figures, tables, browser checks), so the notebooks run
/// once per test run rather than once per test.
/// </summary>
public sealed class ReproducedOutput : IAsyncLifetime
{
    public string OutDir { get; } = TestPaths.TempFolder("reproduced");

    public int ExitCode { get; private set; } = -1;

    public async Task InitializeAsync() =>
        ExitCode = await Cli.Cli.InvokeAsync(["reproduce", "--out", OutDir, "--notebooks", TestPaths.Notebooks]);

    public Task DisposeAsync() => Task.CompletedTask;

    public string PathOf(params string[] parts) => Path.Combine([OutDir, .. parts]);
}
