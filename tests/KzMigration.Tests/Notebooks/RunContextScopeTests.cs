using KzMigration.Outputs;
using KzMigration.Publishing;
using KzMigration.Runs;
using Microsoft.Data.Analysis;

namespace KzMigration.Tests.Notebooks;

/// <summary>
/// A run context belongs to a run, not to the process (issue #22, «Layers you can see»): two runs in one process each see
/// their own, publish into their own folder and record only their own outputs, and nothing is left behind when a run ends.
/// In no collection on purpose: these tests run beside the others, which is the point.
/// </summary>
public class RunContextScopeTests
{
    private static RunContext Run(string name, string language = "en") =>
        new(new RunOptions(TestPaths.Data, TestPaths.TempFolder("scope-" + name), language));

    private static DataFrame Table(string label) => new(new StringDataFrameColumn("run", [label]));

    [Fact]
    public async Task Two_runs_on_two_tasks_publish_into_their_own_folders_and_record_only_their_own_outputs()
    {
        var (first, second) = (Run("first", "ru"), Run("second", "kk"));
        var outside = RunContext.Current;
        // Each run waits for the other to have entered its context before it publishes, and again before it reads its record:
        // both contexts are current at once, on two flows of the same process.
        var bothEntered = new Barrier(2);
        var bothPublished = new Barrier(2);

        async Task<(string Language, IReadOnlyList<PublishedOutput> Recorded)> Publishing(RunContext run, string id)
        {
            await Task.Yield();
            using var _ = RunContext.Enter(run);
            Assert.True(bothEntered.SignalAndWait(TimeSpan.FromSeconds(30)));
            await Task.Yield(); // resumes on any thread: the context flows with the run, not with a thread
            Publish.Table(id, Table(id), new TableMetadata(id));
            Assert.True(bothPublished.SignalAndWait(TimeSpan.FromSeconds(30)));
            await Task.Delay(1);
            return (RunContext.Current.Language, RunContext.Current.Published);
        }

        var results = await Task.WhenAll(Task.Run(() => Publishing(first, "tab-first")), Task.Run(() => Publishing(second, "tab-second")));

        Assert.Equal("ru", results[0].Language);
        Assert.Equal("kk", results[1].Language);
        Assert.Equal(["tables/tab-first.csv", "tables/tab-first.xlsx"], results[0].Recorded.Select(p => p.Path));
        Assert.Equal(["tables/tab-second.csv", "tables/tab-second.xlsx"], results[1].Recorded.Select(p => p.Path));
        Assert.Equal(["tab-first.csv", "tab-first.xlsx"], Files(first.OutDirectory));
        Assert.Equal(["tab-second.csv", "tab-second.xlsx"], Files(second.OutDirectory));
        Assert.Contains("first", File.ReadAllText(Path.Combine(first.OutDirectory, "tables", "tab-first.csv")));
        Assert.Same(outside, RunContext.Current); // this flow never entered either run
    }

    [Fact]
    public void Leaving_a_run_makes_the_previous_context_current_again_and_leaves_nothing_behind()
    {
        var outside = RunContext.Current;
        var (outer, inner) = (Run("outer"), Run("inner"));
        using (RunContext.Enter(outer))
        {
            Assert.Same(outer, RunContext.Current);
            using (RunContext.Enter(inner)) Assert.Same(inner, RunContext.Current);
            Assert.Same(outer, RunContext.Current);
        }
        Assert.Same(outside, RunContext.Current);

        // Scopes left out of order: the one left first is skipped when the other is left.
        var a = RunContext.Enter(outer);
        var b = RunContext.Enter(inner);
        a.Dispose();
        Assert.Same(inner, RunContext.Current);
        b.Dispose();
        Assert.Same(outside, RunContext.Current);
    }

    [Fact]
    public async Task A_run_entered_in_a_callee_ends_with_it()
    {
        var outside = RunContext.Current;
        var run = Run("callee");
        async Task Callee()
        {
            RunContext.Enter(run); // never left: still nothing reaches the caller
            await Task.Yield();
            Assert.Same(run, RunContext.Current);
        }
        await Callee();
        Assert.Same(outside, RunContext.Current);
    }

    [Fact]
    public async Task Inside_a_run_Use_changes_that_run_alone_and_the_tasks_it_starts_see_it()
    {
        var outside = RunContext.Current;
        var (run, chosen) = (Run("use"), Run("chosen"));
        using (RunContext.Enter(run))
        {
            Assert.Same(run, await Task.Run(() => RunContext.Current)); // a task a cell starts sees the cell's run
            // A cell's Workbench.UseFolders (RunContext.Use) runs in a callee; the choice holds for the rest of its run.
            await Task.Run(() => RunContext.Use(chosen));
            Assert.Same(chosen, RunContext.Current);
            Task<RunContext> elsewhere; // a flow that did not come from this run sees the process's context
            using (ExecutionContext.SuppressFlow()) elsewhere = Task.Run(() => RunContext.Current);
            Assert.Same(outside, await elsewhere);
        }
        Assert.Same(outside, RunContext.Current); // the process's (the session's) context was never changed
    }

    private static string[] Files(string outDirectory) =>
        [.. Directory.EnumerateFiles(Path.Combine(outDirectory, "tables")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}
