namespace KzMigration.Tests.Notebooks;

/// <summary>
/// One `kzmig reproduce` of the repository's notebooks into a temporary out/ folder, shared by the
/// tests that inspect its outputs (report, figures, tables, browser checks), so the notebooks run
/// once per test run rather than once per test — and once for every collection that reads them: the
/// run is the process's, each collection's fixture only waits for it.
/// </summary>
public sealed class ReproducedOutput : IAsyncLifetime
{
    private sealed record Reproduced(string OutDir, Task<int> Exit);

    private static readonly Lazy<Reproduced> Run = new(() =>
    {
        var outDir = TestPaths.TempFolder("reproduced");
        return new Reproduced(outDir, Cli.Cli.InvokeAsync(["reproduce", "--out", outDir, "--notebooks", TestPaths.Notebooks]));
    });

    public string OutDir => Run.Value.OutDir;

    public int ExitCode { get; private set; } = -1;

    public async Task InitializeAsync() => ExitCode = await Run.Value.Exit;

    public Task DisposeAsync() => Task.CompletedTask;

    public string PathOf(params string[] parts) => Path.Combine([OutDir, .. parts]);
}
