using KzMigration.Notebooks;

namespace KzMigration.Tests.Notebooks;

/// <summary>
/// Issue 24: the notebooks' kernels of one process share their compiler references (the first kernel pays for reading
/// the assemblies' metadata, the next ones do not), and nothing else: each notebook's variables stay its own.
/// </summary>
[Collection(NotebookCollection.Name)]
public class NotebookReferencesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public void The_pinned_kernel_lets_its_references_be_shared()
    {
        // A new .NET Interactive would make every kernel read its references again: this says so, rather than a slower run.
        Assert.True(NotebookReferences.Active, "CSharpKernel's script options cannot be given: kernels read their references anew");
    }

    [Fact]
    public async Task Kernels_share_references_but_not_variables()
    {
        using (var first = NotebookKernel.Create())
        {
            var defined = await first.SubmitAsync("var kzShared = KzMigration.Runs.Workbench.Version; kzShared", Patience, StreamCap.DefaultBytes, CancellationToken.None);
            Assert.Equal(SubmissionOutcome.Succeeded, defined.Outcome);
        }
        using var second = NotebookKernel.Create();
        var workbench = await second.SubmitAsync("typeof(KzMigration.Charts.PlotlyJs).Assembly.GetName().Name", Patience, StreamCap.DefaultBytes, CancellationToken.None);
        Assert.Equal(SubmissionOutcome.Succeeded, workbench.Outcome);
        var earlier = await second.SubmitAsync("kzShared", Patience, StreamCap.DefaultBytes, CancellationToken.None);
        Assert.Equal(SubmissionOutcome.Failed, earlier.Outcome);
        Assert.Contains("CS0103", earlier.Error);
    }

    [Fact]
    public async Task A_cell_references_a_library_by_a_path_relative_to_its_notebook()
    {
        // As in Jupyter, `#r "x.dll"` is relative to the current folder (the runner's: the notebook's), not the process's start.
        var folder = TestPaths.TempFolder("relative-reference");
        File.Copy(typeof(Assert).Assembly.Location, Path.Combine(folder, "CopyOfAssert.dll"));
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder);
        try
        {
            using var kernel = NotebookKernel.Create();
            var referenced = await kernel.SubmitAsync("#r \"CopyOfAssert.dll\"\n1 + 1", Patience, StreamCap.DefaultBytes, CancellationToken.None);
            Assert.True(referenced.Outcome == SubmissionOutcome.Succeeded, referenced.Error);
            var missing = await kernel.SubmitAsync("#r \"NoSuchLibrary.dll\"", Patience, StreamCap.DefaultBytes, CancellationToken.None);
            Assert.Equal(SubmissionOutcome.Failed, missing.Outcome);
        }
        finally { Directory.SetCurrentDirectory(previous); }
    }
}
