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

    // The --param names of specification fields a notebook once declared and mapped onto the specification by hand.
    private static readonly string[] SpecificationFields =
    [
        "reference", "referenceFallback", "thresholds", "points", "labels", "boundary", "invert", "indicators", "weights", "aggregation",
        "housing", "programmePrices", "flow", "fromYear", "toYear", "draws", "seed", "thresholdJitter", "pointJitter", "bootstrapDraws",
    ];

    /// <summary>
    /// The study notebooks (02–08) read one specification — a <c>string specification</c> parameter read on top of the run's
    /// (<c>SpecificationParser.Parse(specification, run.Specification)</c>) — declare none of its fields as parameters of their
    /// own, and load no data of their own (the run's, loaded once).
    /// </summary>
    [Theory]
    [InlineData("02-figure-1-migration-balance.ipynb")]
    [InlineData("03-figure-2-attractiveness.ipynb")]
    [InlineData("04-figure-3-socioeconomic-scoring.ipynb")]
    [InlineData("05-what-if-and-sensitivity.ipynb")]
    [InlineData("06-economic-factors-estimated.ipynb")]
    [InlineData("07-origin-destination-flows.ipynb")]
    [InlineData("08-claims-ledger.ipynb")]
    public void A_study_notebook_reads_one_specification_and_the_runs_data(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Notebooks, notebook)));
        var code = json.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToList();
        static string Source(JsonElement cell) => string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
        var parameters = Source(code.Single(c => c.GetProperty("metadata").TryGetProperty("tags", out var t) && t.EnumerateArray().Any(x => x.GetString() == "parameters")));
        var declared = System.Text.RegularExpressions.Regex.Matches(parameters, @"^\s*[A-Za-z.]+\s+(\w+)\s*=", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("specification", declared);
        Assert.Empty(declared.Intersect(SpecificationFields));
        var body = string.Join("\n", code.Select(Source));
        Assert.Contains("SpecificationParser.Parse(specification, run.Specification)", body);
        Assert.DoesNotContain("LoadDefault()", body);
        Assert.DoesNotContain("SocioEconomicScoring.Load(", body);
        Assert.DoesNotContain("new Dictionary<string, string?>", body); // no hand-written mapping of parameters onto the specification
    }

    /// <summary>
    /// No notebook types a unit of measure: a table the library builds carries its columns' units
    /// (<c>MeasuredTable.Units</c>) and <c>Publish.Table</c> takes them from it, so a notebook neither restates one (which
    /// could disagree, or name a column the table does not have) nor computes one (<c>RateDenominator.RateUnit</c>).
    /// </summary>
    [Theory]
    [MemberData(nameof(CommittedNotebooks))]
    public void A_notebook_types_no_unit_of_measure(string relativePath)
    {
        if (!relativePath.StartsWith("notebooks", StringComparison.Ordinal)) return; // the tests' own notebooks exercise Publish itself
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, relativePath)));
        var code = string.Join("\n", json.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString()))));
        Assert.DoesNotMatch(@"\bUnits\s*=", code);
        Assert.DoesNotContain("RateUnit(", code);
    }
}
