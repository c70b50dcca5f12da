using KzMigration.Specification;
using System.Globalization;
using System.Text.RegularExpressions;
using KzMigration.Claims;

namespace KzMigration.Tests.Claims;

/// <summary>
/// docs/verdicts.md and the README quote numbers of the ledger on the bundled data; each quoted number is rebuilt here from
/// the ledger itself, so the docs cannot go stale without a test failing.
/// </summary>
public class VerdictsDocTests
{
    private static readonly Lazy<ClaimsReport> Bundled = new(() => ClaimsLedger.Evaluate(TestData.Data));

    // The text with every run of white space (line breaks and a list item's indentation) as one space.
    private static string Doc(params string[] path) => Regex.Replace(File.ReadAllText(Path.Combine([TestPaths.RepositoryRoot, .. path])), @"\s+", " ");

    private static string Signed(double v) => (v < 0 ? "−" : "+") + Math.Abs(v).ToString("#,0", CultureInfo.InvariantCulture);

    [Fact]
    public void The_summary_line_of_the_docs_and_the_README_is_the_ledgers()
    {
        var summary = $"`{Bundled.Value.Summary}`";
        Assert.Contains(summary, Doc("docs", "verdicts.md"));
        Assert.Contains(summary, Doc("README.md"));
    }

    [Fact]
    public void The_detectable_effects_and_the_band_quoted_in_the_docs_are_the_ledgers()
    {
        var doc = Doc("docs", "verdicts.md");
        foreach (var (indicator, sign, name) in new[] { ("income_per_capita", 1, "income"), ("unemployment_rate", -1, "unemployment"), ("grp_per_capita", 1, "GRP per capita") })
        {
            var e = EstimatedClaims.PanelReading(TestData.Data, StudySpecification.Paper, indicator).Evidence!;
            var quoted = $"{name} {FactorEvidence.Number(e.Estimate)}, interval [{FactorEvidence.Number(e.Lower)}, {FactorEvidence.Number(e.Upper)}], " +
                         $"minimum detectable effect {FactorEvidence.Number(e.MinimumDetectableFor(sign))} ({(sign > 0 ? "lower" : "upper")} side)";
            Assert.True(doc.Contains(quoted, StringComparison.Ordinal), $"docs/verdicts.md should quote «{quoted}»");
        }
        // E3's band: how wide it would have to be for the panel's interval to contradict the claim.
        var grp = EstimatedClaims.PanelReading(TestData.Data, StudySpecification.Paper, "grp_per_capita").Evidence!;
        var band = string.Create(CultureInfo.InvariantCulture, $"±{FactorEvidence.Number(grp.Upper)}, {grp.Upper / grp.Negligible:0.00} times the default");
        Assert.Contains(band, doc);
        Assert.Contains(band.Split(',')[0], Bundled.Value["E3"].Evidence);
        Assert.DoesNotContain("plugs in with one line", doc); // the push–pull model is one of the ledger's models
    }

    [Fact]
    public void The_compilations_discrepancy_quoted_in_the_docs_is_the_ledgers()
    {
        var matrix = TestData.Data.FlowMatrices.First(m => m.ThirdPartyCompilation);
        var d = ClaimEvidence.Discrepancy(TestData.Data, matrix);
        var doc = Doc("docs", "verdicts.md");
        Assert.Contains($"today ±{d.Largest.ToString("#,0", CultureInfo.InvariantCulture)}", doc);
        var worst = d.Cells.MaxBy(c => Math.Abs(c.Difference))!;
        Assert.Contains($"{worst.Region.NameEn} {worst.Year}, {Signed(worst.Derived)} derived against {Signed(worst.Official)} official", doc);
        Assert.Contains($"below −{d.Largest.ToString("#,0", CultureInfo.InvariantCulture)} to agree", doc);
    }
}
