using System.Runtime.CompilerServices;

namespace KzMigration.Tests;

/// <summary>
/// Points every default data lookup of the test process (<c>WorkbenchData.LoadDefault</c>, <c>kzmig</c> without
/// <c>--data</c>, notebooks run in-process) at the bundle-only copy <see cref="TestPaths.Data"/>, so what a user
/// has imported into their checkout's git-ignored data/user/ never reaches a test.
/// </summary>
internal static class BundleOnly
{
#pragma warning disable CA2255 // a test assembly's one process-wide setting, made before any test runs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseTheBundleCopy() => Environment.SetEnvironmentVariable(Workbench.DataVariable, TestPaths.Data);
}
