using KzMigration.Tests.Explorer;
using KzMigration.Tests.Hardening;
using KzMigration.Tests.Import;
using KzMigration.Tests.Kernel;
using KzMigration.Tests.Notebooks;
using KzMigration.Tests.Study;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("KzMigration.Tests.LongestCollectionsFirst", "KzMigration.Tests")]

namespace KzMigration.Tests;

/// <summary>
/// The order in which the suite starts its test collections: the longest first, then the rest in xUnit's own order
/// (issue 24). xUnit runs as many collections at once as there are cores, each to its end, taking the next in this order
/// when one ends; a collection's tests run one after another. Left to xUnit's order, the shared reproduce and the two
/// collections that wait for it started after two minutes, and the suite ended with one of them running alone for about
/// a minute while the other core had nothing left to do. Started first, the long collections run beside the short
/// ones, which fill the gaps to the end (longest processing time first). Only the order changes: the same tests, the
/// same collections, nothing shared between them that was not before.
/// </summary>
/// <remarks>
/// The list holds the collections that took more than ten seconds, longest first, with their seconds as measured by
/// <c>bash bench/tests/run.sh</c> (sum of their tests' durations, 7 December 2026, this 2-core machine). A collection
/// added later runs in xUnit's order; a listed one renamed fails <c>LongestCollectionsFirstTests</c>.
/// </remarks>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    // Each test class without a [Collection] is a collection of its own, named after the class by xUnit.
    internal static string Own(Type testClass) => "Test collection for " + testClass.FullName;

    internal static readonly List<string> Longest =
    [
        RunProcessesCollection.Name,           // 150 s: warm workers, twenty kills of reproduce, run ownership, Chromium pipes
        ReproducedOutputsCollection.Name,      // 110 s, after the shared reproduce (≈ 25 s) it starts
        NotebookCollection.Name,               // 115 s; waits for the same reproduce
        nameof(ExplorerSite),                  // 58 s, after the explorer's publish (about 50 s when its inputs changed)
        Own(typeof(ImportTransactionTests)),   // 39 s
        Own(typeof(NotebookServerBrowserTests)), // 29 s
        Own(typeof(DataFuzzTests)),            // 27 s
        Own(typeof(KernelProtocolTests)),      // 26 s
        Own(typeof(ImportLimitsTests)),        // 16 s
        RecordCollection.Name,                 // 13 s
        Own(typeof(KernelSessionTests)),       // 11 s
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var all = testCollections.ToList();
        // Stable: collections not in the list keep xUnit's order among themselves, after the listed ones.
        return all.OrderBy(c => Longest.IndexOf(c.DisplayName) is var i and >= 0 ? i : Longest.Count).ToList();
    }
}
