using System.Runtime.CompilerServices;
using KzMigration.Cli.Commands;
using KzMigration.Runs;

namespace KzMigration.Tests;

/// <summary>
/// Points every default data lookup of the test process at the bundle-only copy <see cref="TestPaths.Data"/>, so what
/// a user has imported into their checkout's git-ignored data/user/ never reaches a test: the library's (its run
/// context: <c>RunContext.Current.Data</c>, notebooks run in-process) and the command line's (<c>KZMIG_DATA</c>:
/// <c>kzmig</c> without <c>--data</c>, in-process or in the worker processes it starts); and keeps no notebook worker warm
/// between runs (<c>KZMIG_KEEP_WARM=0</c>).
/// </summary>
internal static class BundleOnly
{
#pragma warning disable CA2255 // a test assembly's one process-wide setting, made before any test runs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseTheBundleCopy()
    {
        Environment.SetEnvironmentVariable(CommonOptions.DataVariable, TestPaths.Data);
        // Every run of the CLI in a test (in-process, or a child inheriting this environment) starts its own worker and
        // leaves none warm: a test sees one run's behaviour, and no worker outlives the suite. WarmWorkerTests turn it on.
        Environment.SetEnvironmentVariable(KzMigration.Notebooks.WarmWorker.Variable, "0");
        RunContext.Use(Context);
    }

    /// <summary>
    /// The test process's context (the bundle copy, and an output folder of its own); a test that changes the context
    /// restores this. Not the repository's out/: a notebook a test runs without run options of its own publishes here,
    /// and must never change the files of a user's last run (out/ holds what its manifest.json lists, and nothing else).
    /// </summary>
    internal static RunContext Context { get; } = new(new RunOptions(TestPaths.Data, OutDirectory: TestPaths.TempFolder("published")));
}
