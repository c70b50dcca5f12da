using System.Collections.Concurrent;
using KzMigration.Cli.Commands;

namespace KzMigration.Tests.Kernel;

/// <summary>
/// The repository's notebooks executed by nbconvert (nbclient, which papermill also uses) through the kernel, each once
/// per test run and in a kernel of its own, as a front-end runs them: the comparison with <c>kzmig</c> and the
/// notebook-server test read the same execution of notebook 04 instead of paying for it twice (issue 24).
/// </summary>
internal static class NbconvertRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Executed = new(StringComparer.Ordinal);

    /// <summary>The executed copy of <c>notebooks/<paramref name="name"/></c> (read it, never change it: copy it first).</summary>
    public static Task<string> OfRepositoryNotebookAsync(string name) =>
        Executed.GetOrAdd(name, n => new Lazy<Task<string>>(() => ExecuteRepositoryNotebookAsync(n))).Value;

    private static async Task<string> ExecuteRepositoryNotebookAsync(string name)
    {
        var jupyter = await Jupyter.InstanceAsync();
        var executed = TestPaths.TempFolder("nbconvert");
        await ExecuteAsync(jupyter, Path.Combine(TestPaths.Notebooks, name), executed, TestPaths.TempFolder("nbconvert-out"));
        return Path.Combine(executed, name);
    }

    /// <summary>Executes <paramref name="notebook"/> into <paramref name="outputDir"/>; its outputs are published into <paramref name="publishOut"/>.</summary>
    public static async Task ExecuteAsync(Jupyter jupyter, string notebook, string outputDir, string publishOut, string? data = null)
    {
        var environment = new Dictionary<string, string> { [CommonOptions.OutVariable] = publishOut };
        if (data is not null) environment[CommonOptions.DataVariable] = data;
        var (exit, output) = await jupyter.RunAsync(
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--output-dir", outputDir, notebook],
            Path.GetDirectoryName(notebook)!, environment, TimeSpan.FromMinutes(15));
        Assert.True(exit == 0, $"nbconvert --execute {Path.GetFileName(notebook)} failed:\n{output}");
    }
}
