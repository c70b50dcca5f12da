using KzMigration.Claims;
using KzMigration.Scoring;
using KzMigration.Specification;

namespace KzMigration.Tests.Claims;

/// <summary>
/// The claims print the specification's band scale and analysed period (issue #22): no «95 %» or «2015–2022» typed in a claim
/// text when the ledger runs under another scale or period; under the paper's specification the texts are the paper's.
/// </summary>
public class StatedClaimsTests
{
    private static StudySpecification Under(string specification) => SpecificationParser.Parse(specification);

    [Fact]
    public void Under_the_papers_specification_the_claims_are_the_catalogue()
    {
        var stated = PaperClaims.Under(StudySpecification.Paper);
        Assert.Equal(PaperClaims.All.Select(c => c.Id), stated.Select(c => c.Id));
        foreach (var (a, b) in PaperClaims.All.Zip(stated))
            Assert.Equal((a.Computation, a.Expected, a.Needs, a.Rule.ToString()), (b.Computation, b.Expected, b.Needs, b.Rule.ToString()));
        Assert.Equal("< 95 % of the national level (band low or very low) and below the median unit, for all five", PaperClaims.Get("C12").Expected.Value);
        Assert.Contains("both ≥ 105 % of the national level (band «high» or above)", PaperClaims.Get("C9").Computation);
    }

    [Fact]
    public void Another_scale_states_its_own_edges_and_labels_in_every_band_claim()
    {
        var options = Under("scoring.thresholds=60,90,110,140; scoring.labels=far below,below,about,above,far above");
        var claims = PaperClaims.Under(options).ToDictionary(c => c.Id);
        Assert.Equal("< 90 % of the national level (band below or far below) and below the median unit, for all five", claims["C12"].Expected.Value);
        Assert.Equal("band edges of the specification's scale (scoring.thresholds); the median unit", claims["C12"].Expected.Tolerance);
        Assert.Contains("both ≥ 110 % of the national level (band «above» or above)", claims["C9"].Computation);
        Assert.Contains("both below 90 % of the national level (bands below, far below)", claims["C13"].Rule.ToString());
        foreach (var claim in claims.Values.Where(c => c.Location.Contains("Figure 3", StringComparison.Ordinal)))
        {
            var text = string.Join(" ", claim.Computation, claim.Expected.Value, claim.Expected.Tolerance, claim.Rule.ToString());
            Assert.DoesNotContain("95 %", text);
            Assert.DoesNotContain("105 %", text);
        }

        // The ledger states the paper's claims so, also when a notebook passes a subset of the catalogue, and its verdicts print the same edge.
        var ledger = ClaimsLedger.Evaluate(TestData.Data, options, PaperClaims.All.Where(c => c.Id is "C12" or "C13"));
        Assert.Equal(claims["C12"].Expected, ledger.Results.Single(r => r.Claim.Id == "C12").Claim.Expected);
        Assert.All(ledger.Results, r => Assert.DoesNotContain("95 %", r.Verdict.FullEvidence));
        Assert.All(ledger.Results, r => Assert.DoesNotContain("95 %", ClaimsReport.Statement(r.Claim)));
    }

    [Fact]
    public void Another_period_states_its_years()
    {
        var claims = PaperClaims.Under(Under("migration.years=2016-2021")).ToDictionary(c => c.Id);
        Assert.Contains("in every year 2016–2021", claims["C7"].Computation);
        Assert.Equal((2016, 2021), (claims["C7"].Needs.FirstYear, claims["C7"].Needs.LastYear));
        Assert.Contains("(2016–2020)", claims["C6"].Computation);
        Assert.Equal("< 0 in every year 2016–2020", claims["C6"].Expected.Value);
        Assert.Equal((2021, 2021), (claims["C12"].Needs.FirstYear, claims["C12"].Needs.LastYear));
        Assert.All(claims.Values, c => Assert.DoesNotContain("2015–2022", c.Computation + c.Expected.Value));
    }

    [Fact]
    public void A_claim_that_is_not_the_papers_is_taken_as_given()
    {
        var own = PaperClaims.Get("C13") with { Computation = "my own reading" };
        var ledger = ClaimsLedger.Evaluate(TestData.Data, Under("scoring.thresholds=60,90,110,140"), [own]);
        Assert.Same(own, Assert.Single(ledger.Results).Claim);
    }
}
