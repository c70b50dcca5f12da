using System.Text.Json;

namespace KzMigration.Tests.Notebooks;

/// <summary>Notebooks are committed clean: executed copies belong in out/, never in git.</summary>
public class CommittedNotebookTests
{
    public static TheoryData<string> CommittedNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.Notebooks, "*.ipynb")
                     .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "tests"), "*.ipynb", SearchOption.AllDirectories)
                         .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))))
            data.Add(Path.GetRelativePath(TestPaths.RepositoryRoot, path));
        return data;
    }

    [Theory]
    [MemberData(nameof(CommittedNotebooks))]
    public void Committed_notebook_has_no_outputs_or_execution_counts(string relativePath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, relativePath)));
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.TryGetProperty("outputs", out var outputs)) Assert.Equal(0, outputs.GetArrayLength());
            if (cell.TryGetProperty("execution_count", out var count)) Assert.Equal(JsonValueKind.Null, count.ValueKind);
        }
    }

    [Fact]
    public void There_are_study_notebooks() => Assert.NotEmpty(CommittedNotebooks());
}
