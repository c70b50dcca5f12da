using KzMigration.Kernel;
using KzMigration.Scoring;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace KzMigration.Tests.Kernel;

/// <summary>
/// Completion of the kernel's C# session (issue 24): Roslyn's completion service on a workspace that mirrors the session's
/// submissions. The scripts here are compiled, never run: completion needs their compilations only.
/// </summary>
public class CompletionWorkspaceTests
{
    private static readonly ScriptOptions Options = ScriptOptions.Default.AddReferences(typeof(Scorecard).Assembly).AddImports("System");

    private static async Task<Completions> Complete(CompletionWorkspace workspace, string code) =>
        await workspace.CompleteAsync(code, code.Length) ?? throw new InvalidOperationException("no completion before Update");

    [Fact]
    public async Task Completion_sees_the_variables_and_usings_of_every_mirrored_submission()
    {
        var first = CSharpScript.Create("var regions = 20;", Options);
        var second = first.ContinueWith("using KzMigration.Scoring;\nvar threshold = 70.5;");
        using var workspace = new CompletionWorkspace();
        Assert.True(workspace.Update(second));
        Assert.Equal(2, workspace.Submissions);

        var names = await Complete(workspace, "var x = re");
        Assert.Contains("regions", names.Matches);
        Assert.Contains("threshold", (await Complete(workspace, "var y = th")).Matches);
        // The using directive of the second submission reaches the text being completed.
        var members = await Complete(workspace, "var card = Scorecard.");
        Assert.Contains("Score", members.Matches);
        Assert.Equal("Method", members.Items.Single(i => i.Text == "Score").Kind);
        Assert.Equal(members.Matches.Count, members.Matches.Distinct().Count());
    }

    [Fact]
    public async Task The_replaced_range_is_the_name_being_typed()
    {
        var script = CSharpScript.Create("using KzMigration.Scoring;", Options);
        using var workspace = new CompletionWorkspace();
        workspace.Update(script);
        const string code = "var q = Scorecard.Sc";
        var found = await Complete(workspace, code);
        Assert.Contains("Score", found.Matches);
        Assert.Equal(code.Length - 2, found.Start);
        Assert.Equal(code.Length, found.End);

        // After a dot nothing is replaced: the range is empty at the cursor. A cursor inside the text completes there.
        const string dotted = "var r = Scorecard.";
        var afterDot = await Complete(workspace, dotted);
        Assert.Equal((dotted.Length, dotted.Length), (afterDot.Start, afterDot.End));
        var inside = await workspace.CompleteAsync(dotted + "\nvar s = 1;", dotted.Length);
        Assert.Contains("Score", inside!.Matches);
    }

    [Fact]
    public async Task A_new_submission_is_added_once_and_seen_only_after_the_update()
    {
        var first = CSharpScript.Create("var early = 1;", Options);
        using var workspace = new CompletionWorkspace();
        workspace.Update(first);
        var second = first.ContinueWith("var later = early + 1;");
        Assert.DoesNotContain("later", (await Complete(workspace, "var z = lat")).Matches);

        Assert.True(workspace.Update(second));
        Assert.Equal(2, workspace.Submissions);
        Assert.Contains("later", (await Complete(workspace, "var z = lat")).Matches);
        // Asking again, or updating to the same script, adds nothing: the workspace is built once per submission.
        Assert.True(workspace.Update(second));
        await Complete(workspace, "var z = ea");
        Assert.Equal(2, workspace.Submissions);
        var third = second.ContinueWith("var last = later;").ContinueWith("var final = last;");
        workspace.Update(third);
        Assert.Equal(4, workspace.Submissions);
        Assert.Contains("final", (await Complete(workspace, "fin")).Matches);
    }

    [Fact]
    public async Task A_chain_that_does_not_continue_the_mirrored_one_replaces_it()
    {
        using var workspace = new CompletionWorkspace();
        workspace.Update(CSharpScript.Create("var fromTheOldSession = 1;", Options).ContinueWith("var more = 2;"));
        var other = CSharpScript.Create("var fromTheNewSession = 1;", Options);
        workspace.Update(other);
        Assert.Equal(1, workspace.Submissions);
        var found = await Complete(workspace, "var x = from");
        Assert.Contains("fromTheNewSession", found.Matches);
        Assert.DoesNotContain("fromTheOldSession", found.Matches);
    }

    [Fact]
    public async Task Nothing_to_complete_against_before_the_first_submission()
    {
        using var workspace = new CompletionWorkspace();
        Assert.False(workspace.Update(null));
        Assert.Null(await workspace.CompleteAsync("Sys", 3));
        Assert.Equal(0, workspace.Submissions);
    }

    [Fact]
    public async Task The_session_completes_from_its_cells_and_a_cell_that_did_not_compile_adds_nothing()
    {
        using var session = new CSharpSession();
        Assert.Equal(ExecutionStatus.Ok, (await session.ExecuteAsync("using KzMigration.Scoring;\nvar total = 41;", _ => { })).Status);
        await session.Warming;
        var mirrored = session.CompletionSubmissions;
        Assert.True(mirrored >= 1);
        Assert.Equal(ExecutionStatus.Error, (await session.ExecuteAsync("var broken = ;", _ => { })).Status);
        await session.Warming;

        Assert.Contains("Score", (await session.CompleteAsync("Scorecard.", "Scorecard.".Length)).Matches);
        var names = await session.CompleteAsync("var next = tot", "var next = tot".Length);
        Assert.Contains("total", names.Matches);
        Assert.DoesNotContain("broken", (await session.CompleteAsync("var next = brok", "var next = brok".Length)).Matches);
        Assert.Equal(mirrored, session.CompletionSubmissions);
    }
}
