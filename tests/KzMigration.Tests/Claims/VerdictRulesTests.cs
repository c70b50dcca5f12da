using KzMigration.Specification;
using System.Text.RegularExpressions;
using KzMigration.Claims;
using KzMigration.Migration;

namespace KzMigration.Tests.Claims;

/// <summary>
/// Each verdict rule on hand-made evidence: a quantity inside or outside its tolerance; an interval that excludes zero
/// either way, lies inside the band of negligible effects, holds zero but no effect the claim needs, or holds both zero
/// and the effects the claim needs (inconclusive, with the minimum detectable effect); two models that disagree.
/// </summary>
public class VerdictRulesTests
{
    // SE 10 and critical value 2 on 17 clusters: MDE = (2 + t(0.80; 16)) · 10 = (2 + 0.864667001798292) · 10 = 28.64667.
    private static ModelReading Model(double lower, double upper, string name = "model A", double band = 5) =>
        new(name, new FactorEvidence(name, "x", (lower + upper) / 2, 10, lower, upper, 2, "units", 100, 17, band, "a stated band", "hand-made"));

    private static ModelFinding Judge(double lower, double upper, int sign = +1) => EffectRule.Judge(Model(lower, upper), sign);

    [Theory]
    [InlineData(1.020, ClaimOutcome.Reproduced)]
    [InlineData(1.025, ClaimOutcome.Reproduced)] // on the edge of ±0.005: the paper's two decimals cover it
    [InlineData(1.015, ClaimOutcome.Reproduced)]
    [InlineData(1.0251, ClaimOutcome.Contradicted)]
    [InlineData(1.011, ClaimOutcome.Contradicted)]
    public void A_quantity_inside_its_tolerance_is_reproduced_outside_contradicted(double found, ClaimOutcome outcome) =>
        Assert.Equal(outcome, QuantityRule.Judge(found, 1.02, 0.005));

    [Fact]
    public void An_interval_excluding_zero_with_the_claimed_sign_reproduces_and_with_the_opposite_sign_contradicts()
    {
        Assert.Equal(ClaimOutcome.Reproduced, Judge(8, 40).Outcome);
        Assert.Equal(ClaimOutcome.Reproduced, Judge(-40, -8, sign: -1).Outcome);
        var opposite = Judge(-40, -8);
        Assert.Equal(ClaimOutcome.Contradicted, opposite.Outcome);
        Assert.Contains("excludes zero with the opposite sign", opposite.Reason);
        Assert.Equal(ClaimOutcome.Contradicted, Judge(8, 40, sign: -1).Outcome);
    }

    [Fact]
    public void An_interval_inside_the_band_of_negligible_effects_contradicts_even_when_it_excludes_zero()
    {
        var inside = Judge(-4, 4.9);
        Assert.Equal(ClaimOutcome.Contradicted, inside.Outcome);
        Assert.Contains("inside the band of negligible effects ±5", inside.Reason);
        Assert.Equal(ClaimOutcome.Contradicted, Judge(1, 4).Outcome); // significant, but negligible
        Assert.Equal(ClaimOutcome.Contradicted, Judge(-5, 5).Outcome); // the band's edges belong to it
    }

    [Fact]
    public void An_interval_spanning_zero_and_the_effects_the_claim_needs_is_inconclusive_and_states_the_detectable_effect()
    {
        // [−25, 35] around 5 with SE 10: symmetric, c = 3 on either side; MDE = (3 + t(0.80; 16)) · 10.
        var f = Judge(-25, 35);
        Assert.Equal(ClaimOutcome.Inconclusive, f.Outcome);
        Assert.Contains("holds both zero and positive effects beyond the band ±5", f.Reason);
        Assert.Contains("could have detected a true effect of 38.65 units", f.Reason);
        Assert.Equal((3 + 0.864667001798292) * 10, Model(-25, 35).Evidence!.MinimumDetectableFor(+1), 9);
        Assert.Equal((2 + 0.864667001798292) * 10, Model(-25, 35).Evidence!.MinimumDetectable, 9); // the stated critical value, no side
        Assert.Equal(ClaimOutcome.Inconclusive, Judge(-30, 20, sign: -1).Outcome);
    }

    /// <summary>
    /// An asymmetric interval (an inverted WCR interval): the MDE uses the critical value on the side the claim needs to clear
    /// zero — the lower side for a positive claim, c = (estimate − lower)/SE; the upper side for a negative one — never the
    /// mean of the two. Estimate 10, SE 10, interval [−20, 60]: c = 3 below, 5 above (their mean, 4, is neither).
    /// </summary>
    [Fact]
    public void The_detectable_effect_of_an_asymmetric_interval_uses_the_critical_value_on_the_claimed_side()
    {
        var e = new FactorEvidence("model A", "x", 10, 10, -20, 60, 4, "units", 100, 17, 1, "a stated band", "hand-made");
        const double tPower = 0.864667001798292; // t(0.80; 16)
        Assert.Equal(3, e.CriticalValueFor(+1), 12);
        Assert.Equal(5, e.CriticalValueFor(-1), 12);
        Assert.Equal((3 + tPower) * 10, e.MinimumDetectableFor(+1), 9);
        Assert.Equal((5 + tPower) * 10, e.MinimumDetectableFor(-1), 9);
        Assert.Contains("could have detected a true effect of 38.65 units", EffectRule.Judge(new ModelReading("model A", e), +1).Reason);
        Assert.Contains("could have detected a true effect of 58.65 units", EffectRule.Judge(new ModelReading("model A", e with { Estimate = 10 }), -1).Reason);
        Assert.Contains("critical value 3.00 on the claimed side (lower)", e.Describe(+1));
        Assert.Contains("critical value 5.00 on the claimed side (upper)", e.Describe(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => e.CriticalValueFor(0));
    }

    [Fact]
    public void An_interval_holding_zero_but_no_effect_the_claim_needs_contradicts()
    {
        // Every positive effect beyond the band lies outside [−30, 4]: the data rule out the claim's effects.
        var f = Judge(-30, 4);
        Assert.Equal(ClaimOutcome.Contradicted, f.Outcome);
        Assert.Contains("holds no positive effect beyond the band", f.Reason);
        Assert.Equal(ClaimOutcome.Contradicted, Judge(-4, 30, sign: -1).Outcome);
    }

    [Fact]
    public void A_model_without_evidence_does_not_vote_and_none_leaves_the_claim_not_testable()
    {
        var none = EffectRule.Decide("x", +1, [new ModelReading("model A", null, "x by region")], "");
        Assert.Equal(ClaimOutcome.NotTestable, none.Outcome);
        Assert.Contains("x by region", none.Missing);
        var one = EffectRule.Decide("x", +1, [new ModelReading("model A", null, "x by region"), Model(8, 40, "model B")], "");
        Assert.Equal(ClaimOutcome.Reproduced, one.Outcome);
    }

    [Fact]
    public void Two_models_that_disagree_reproduced_against_contradicted_are_inconclusive_and_say_so()
    {
        var v = EffectRule.Decide("x", +1, [Model(8, 40, "panel"), Model(-40, -8, "push–pull")], "");
        Assert.Equal(ClaimOutcome.Inconclusive, v.Outcome);
        Assert.Contains("THE MODELS DISAGREE", v.Evidence);
        Assert.Contains("panel reproduce(s) the claim, push–pull contradict(s) it", v.Evidence);
        Assert.Contains("panel: x = 24", v.Found);
        Assert.Contains("push–pull: x = −24", v.Found);
    }

    [Fact]
    public void Two_models_one_deciding_one_inconclusive_follow_the_one_that_decides_and_say_so()
    {
        var v = EffectRule.Decide("x", +1, [Model(-20, 30, "panel"), Model(8, 40, "push–pull")], "");
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Contains("THE MODELS DISAGREE: push–pull decide(s) (reproduced), panel cannot decide", v.Evidence);
        Assert.Contains("could have detected", v.Evidence); // the inconclusive model's detectable effect stays in the evidence
        var against = EffectRule.Decide("x", +1, [Model(-20, 30, "panel"), Model(-40, -8, "push–pull")], "");
        Assert.Equal(ClaimOutcome.Contradicted, against.Outcome);
        var agree = EffectRule.Decide("x", +1, [Model(-20, 30, "panel"), Model(-10, 25, "push–pull")], "");
        Assert.Equal(ClaimOutcome.Inconclusive, agree.Outcome);
        Assert.Contains("The models agree", agree.Evidence);
    }

    [Fact]
    public void The_factor_claims_plug_a_second_model_into_the_same_rule()
    {
        // The factor claims are judged by the models in EstimatedClaims.FactorModels, each giving one FactorEvidence;
        // the push–pull model is added there (one line) once it exists.
        Assert.Contains(EstimatedClaims.FactorModels, m => m.Name == EstimatedClaims.PanelModel);
        var reading = EstimatedClaims.FactorModels[0].Read(TestData.Data, StudySpecification.Paper, "income_per_capita");
        Assert.NotNull(reading.Evidence);
        var twoModels = EffectRule.Decide("income_per_capita", +1, [reading, Model(8, 40, "push–pull (hand-made)")], "");
        Assert.Contains("push–pull (hand-made)", twoModels.Found);
        Assert.Contains(EstimatedClaims.PanelModel, twoModels.Found);
    }

    [Fact]
    public void Every_claim_states_its_rule_for_each_of_the_four_verdicts_and_its_verdict_is_one_its_rule_allows()
    {
        var report = ClaimsLedger.Evaluate(TestData.Data);
        foreach (var (claim, verdict) in report.Results)
        {
            foreach (var outcome in ClaimsReport.Outcomes)
                Assert.False(string.IsNullOrWhiteSpace(claim.Rule.For(outcome)) || claim.Rule.For(outcome) == "—", $"{claim.Id}: no rule for {outcome}");
            Assert.False(claim.Rule.For(verdict.Outcome).StartsWith(VerdictRule.CannotOccur, StringComparison.Ordinal),
                $"{claim.Id}: {verdict.Outcome}, which its rule says cannot occur");
        }
    }

    [Fact]
    public void The_ledger_counts_four_verdicts_and_claims_csv_holds_exactly_those_words()
    {
        static Claim Fake(string id, ClaimVerdict v) =>
            new(id, "q", "nowhere", "nothing", new DataNeed("none", 2022, 2022), new Expectation("x", "—"), (_, _) => v);
        var report = ClaimsLedger.Evaluate(TestData.Data, claims:
        [
            Fake("X1", ClaimVerdict.Reproduced("1", "b", "", null)),
            Fake("X2", ClaimVerdict.Contradicted("2", "b", "", null)),
            Fake("X3", ClaimVerdict.Inconclusive("3", "b", "", null)),
            Fake("X4", ClaimVerdict.Inconclusive("4", "b", "", null)),
            Fake("X5", ClaimVerdict.NotTestable("everything", "—", "b", "", Flow.Interregional)),
        ]);
        Assert.Equal("claims: 1 reproduced, 1 contradicted, 2 inconclusive, 1 not testable", report.Summary);
        Assert.Equal(["reproduced", "contradicted", "inconclusive", "inconclusive", "not testable"], report.ToDataFrame()["verdict"].Cast<string>());
        Assert.Equal(["reproduced", "contradicted", "inconclusive", "not testable"], ClaimsReport.Outcomes.Select(ClaimsReport.Label));
        Assert.False(report.Results.Single(r => r.Claim.Id == "X3").Verdict.IsReproduced);
        var bundled = ClaimsLedger.Evaluate(TestData.Data);
        Assert.Matches(new Regex(@"^claims: \d+ reproduced, \d+ contradicted, \d+ inconclusive, \d+ not testable$"), bundled.Summary);
        Assert.Equal(bundled.Results.Count, bundled.Reproduced + bundled.Contradicted + bundled.Inconclusive + bundled.NotTestable);
        Assert.All(bundled.ToDataFrame()["verdict"].Cast<string>(), v => Assert.Contains(v, new[] { "reproduced", "contradicted", "inconclusive", "not testable" }));
    }
}
