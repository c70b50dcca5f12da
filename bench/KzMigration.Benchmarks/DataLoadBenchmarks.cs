using BenchmarkDotNet.Attributes;
using KzMigration.Data;
using KzMigration.Runs;

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

    // BenchmarkDotNet runs each benchmark from a build under this project's bin/ (or from the folder it was started in).
    [GlobalSetup]
    public void Setup() => _data = Workbench.DataDirectoryAbove(AppContext.BaseDirectory) ?? Workbench.DataDirectoryAbove(Environment.CurrentDirectory)
        ?? throw new DirectoryNotFoundException("run from the repository: no data/datapackage.json above " + AppContext.BaseDirectory);

    [Benchmark]
    public WorkbenchData Trusted() => WorkbenchData.LoadTrustedBundle(_data);

    [Benchmark]
    public WorkbenchData Verified() => WorkbenchData.LoadBundle(_data);
}
