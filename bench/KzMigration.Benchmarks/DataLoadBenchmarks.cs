using BenchmarkDotNet.Attributes;
using KzMigration.Data;

namespace KzMigration.Benchmarks;

/// <summary>
/// Loading the bundled data package (every table read and validated, the origin–destination matrices built): what each
/// notebook, each import's validation and the explorer's first paint pay, the last in WebAssembly's interpreter, where the
/// same code runs tens of times slower (bench/README.md, issue 24). <c>Trusted</c> skips the bundle's sha256, as the
/// explorer does for its compiled-in copy; <c>Verified</c> is what the desktop loads.
/// </summary>
[MemoryDiagnoser]
public class DataLoad
{
    private string _data = null!;

    [GlobalSetup]
    public void Setup() => _data = Path.Combine(RepositoryRoot(), "data");

    [Benchmark]
    public WorkbenchData Trusted() => WorkbenchData.LoadTrustedBundle(_data);

    [Benchmark]
    public WorkbenchData Verified() => WorkbenchData.LoadBundle(_data);

    // BenchmarkDotNet runs each benchmark from a build under this project's bin/ (or from the folder it was started in).
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "global.json")) && Directory.Exists(Path.Combine(dir.FullName, "data")))
                    return dir.FullName;
        throw new DirectoryNotFoundException("run from the repository: no folder with global.json and data/ above " + AppContext.BaseDirectory);
    }
}
