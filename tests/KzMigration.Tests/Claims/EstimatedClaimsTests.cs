using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Statistics;
using KzMigration.Specification;

namespace KzMigration.Tests.Claims;

/// <summary>The claims judged by the estimated models (EstimatedClaims, issues 15 and 21).</summary>
public sealed class EstimatedClaimsTests
{
    private static ClaimVerdict Run(string id, WorkbenchData data, StudySpecification? options = null) => PaperClaims.Get(id).Evaluate(data, options ?? StudySpecification.Paper);

    [Fact]
    public void Linear_trend_projection_matches_the_hand_computed_interval()
    {
        // y = 1, 3, 2, 5 on x = 0..3: b = 1.1, a = 1.1, ŷ(4) = 5.5; s² = 2.7 / 2 = 1.35, Sxx = 5, x̄ = 1.5;
        // half-width = t(2; 0.975) · √(1.35 · (1 + 1/4 + 6.25/5)) = 4.3026527 · 1.8371173 = 7.9044780.
        var t = LinearTrend.Project([0, 1, 2, 3], [1, 3, 2, 5], 4);
        Assert.Equal(1.1, t.Slope, 12);
        Assert.Equal(5.5, t.Projection, 12);
        Assert.Equal(5.5 - 7.904478, t.Lower, 5);
        Assert.Equal(5.5 + 7.904478, t.Upper, 5);
    }

    [Fact]
    public void Every_estimated_claim_is_in_the_ledger_and_has_a_verdict_with_evidence()
    {
        foreach (var claim in EstimatedClaims.All)
        {
            Assert.Same(claim, PaperClaims.Get(claim.Id));
            var v = claim.Evaluate(TestData.Data, StudySpecification.Paper);
            Assert.NotEqual("", v.Found);
            Assert.NotEqual("", v.FullEvidence);
        }
    }

    /// <summary>
    /// E1–E3 on the bundled panel follow the written rule (EffectRule) on the panel's own numbers, and state the minimum
    /// detectable effect: (c + t(0.80; G − 1)) · SE with c the critical value on the claimed side of the (asymmetric, WCR)
    /// interval — (estimate − lower) ÷ SE for a positive claim, (upper − estimate) ÷ SE for a negative one.
    /// </summary>
    [Fact]
    public void Factor_claims_follow_the_written_rule_on_the_bundled_panel_and_state_the_detectable_effect()
    {
        var panel = KzMigration.Estimation.NetMigrationPanel.Estimate(TestData.Data);
        var band = NegligibleEffects.Of(StudySpecification.Paper).RateCoefficient;
        foreach (var (id, indicator, sign) in new[] { ("E1", "income_per_capita", 1), ("E2", "unemployment_rate", -1), ("E3", "grp_per_capita", 1) })
        {
            var r = panel.For(indicator);
            var toward = sign > 0 ? r.Upper : -r.Lower;
            var expected = r.Lower >= -band && r.Upper <= band ? ClaimOutcome.Contradicted
                : r.ExcludesZero ? (Math.Sign(r.Estimate) == sign ? ClaimOutcome.Reproduced : ClaimOutcome.Contradicted)
                : toward <= band ? ClaimOutcome.Contradicted : ClaimOutcome.Inconclusive;
            var v = Run(id, TestData.Data);
            Assert.Equal(expected, v.Outcome);
            Assert.Contains("95 % interval", v.Found);
            var c = sign > 0 ? (r.Estimate - r.Lower) / r.StdError : (r.Upper - r.Estimate) / r.StdError;
            var mde = (c + DetectableEffect.Quantile(0.80, r.Clusters - 1)) * r.StdError;
            Assert.Contains("minimum detectable effect (80 % power, 5 %) " + FactorEvidence.Number(mde), v.Found);
            Assert.Contains("negligible band ±10.49", v.Found); // 1 per 1,000 per 10 %: 1 / ln 1.1 = 10.49
            Assert.NotEqual(ClaimOutcome.NotTestable, v.Outcome);
        }
        // Income: 47.7 per 1,000, interval [−33.4, 179]: zero and large effects both inside → inconclusive; the claimed (lower)
        // side gives an MDE of about 121 (not 146, the mean of both sides); unemployment, the upper side, about 103 (not 148).
        Assert.Equal(ClaimOutcome.Inconclusive, Run("E1", TestData.Data).Outcome);
        var income = panel.For("income_per_capita");
        var unemployment = panel.For("unemployment_rate");
        Assert.InRange(((income.Estimate - income.Lower) / income.StdError + DetectableEffect.Quantile(0.80, 16)) * income.StdError, 115, 125);
        Assert.InRange(((unemployment.Upper - unemployment.Estimate) / unemployment.StdError + DetectableEffect.Quantile(0.80, 16)) * unemployment.StdError, 98, 108);
    }

    /// <summary>
    /// E1–E3 carry, as context and never as a second verdict, the push–pull model with two-way errors by origin and destination
    /// (its factors vary only by region and year), its SE and MDE against the pair-clustered ones, and whether the claim's
    /// verdict would change — computed here from the model itself; and say that the panel's outcome includes international moves.
    /// </summary>
    [Fact]
    public void Factor_claims_show_the_two_way_clustered_push_pull_model_as_context_and_the_panels_weaker_reading()
    {
        var spec = StudySpecification.Paper.Estimation;
        var pair = KzMigration.Estimation.PushPullModel.Estimate(TestData.Data, spec);
        var twoWay = KzMigration.Estimation.PushPullModel.Estimate(TestData.Data, spec with { GravityCluster = KzMigration.Specification.GravityClustering.OriginDestination });
        foreach (var (id, indicator) in new[] { ("E1", "income_per_capita"), ("E2", "unemployment_rate"), ("E3", "grp_per_capita") })
        {
            var v = Run(id, TestData.Data);
            var (p, t) = (pair.For(indicator), twoWay.For(indicator));
            Assert.True(t.StdError > p.StdError, $"{indicator}: two-way SE {t.StdError} should exceed the pair-clustered {p.StdError}");
            Assert.Equal(16, t.DegreesOfFreedom);
            Assert.Contains($"Context, not a second verdict: the push–pull model's factors vary only by region and year", v.Evidence);
            Assert.Contains($"SE {FactorEvidence.Number(t.StdError)} (against {FactorEvidence.Number(p.StdError)})", v.Evidence);
            Assert.Contains($"95 % interval [{FactorEvidence.Number(t.Lower)}, {FactorEvidence.Number(t.Upper)}]", v.Evidence);
            // Both intervals hold zero and effects the claim needs: the verdict stays inconclusive, and says so.
            Assert.Contains("The claim's verdict does not change (inconclusive).", v.Evidence);
            Assert.Contains("the panel's outcome is net migration of all flows (international moves included), a weaker reading", v.Evidence);
            Assert.Equal(ClaimOutcome.Inconclusive, v.Outcome);
        }
    }

    [Fact]
    public void The_band_of_negligible_effects_is_recorded_in_the_specification_and_changes_the_verdict_it_decides()
    {
        Assert.Equal(1 / Math.Log(1.1), NegligibleEffects.Default.RateCoefficient, 12);
        Assert.Equal(Math.Log(1.01) / Math.Log(1.1), NegligibleEffects.Default.Elasticity, 12);
        Assert.Contains("negligible effects: below 1 per 1,000 net migration or 1 % of a flow per 10 % higher indicator", ClaimsLedger.Describe(StudySpecification.Paper));
        // A band wide enough to hold GRP's whole interval makes «a significant impact» contradicted, and says so.
        var wide = SpecificationParser.Parse("claims.negligible_net_migration_per_1000=5; claims.negligible_flow_percent=1");
        var v = Run("E3", TestData.Data, wide);
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("negligible band ±52.46 (5 per 1,000 a year per 10 % higher indicator)", v.Found);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NegligibleEffects(0, 1));
    }

    [Fact]
    public void E4_is_not_testable_the_measures_are_policy_measures_and_the_coefficients_are_context()
    {
        var v = Run("E4", TestData.Data);
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("policy measures", v.Missing);
        Assert.Contains("Context, not evidence", v.Evidence);
        Assert.Contains("log_rel_income_per_capita", v.Evidence);
        // The push–pull model as context: housing is the only factor whose interval excludes zero by pair, none two-way.
        var spec = StudySpecification.Paper.Estimation;
        var pair = KzMigration.Estimation.PushPullModel.Estimate(TestData.Data, spec);
        var twoWay = KzMigration.Estimation.PushPullModel.Estimate(TestData.Data, spec with { GravityCluster = KzMigration.Specification.GravityClustering.OriginDestination });
        Assert.Equal(["housing_price_per_m2"], pair.Factors.Where(f => f.ExcludesZero).Select(f => f.Factor));
        Assert.DoesNotContain(twoWay.Factors, f => f.ExcludesZero);
        Assert.Contains("the push–pull model of interregional flows", v.Evidence);
        Assert.Contains("Intervals excluding zero by ordered pair: housing_price_per_m2; two-way by origin and destination: none.", v.Evidence);
    }

    [Fact]
    public void E5_is_not_testable_with_the_observed_shares_and_labelled_projections_as_context()
    {
        var v = Run("E5", TestData.Data);
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("not named", v.Missing);
        // 1 January 2025: (Astana + Almaty + Shymkent) / Kazakhstan, by hand from the data.
        var d = TestData.Data;
        var date = new DateOnly(2025, 1, 1);
        var share = new[] { "astana-city", "almaty-city", "shymkent-city" }.Sum(k => d.PopulationAt(k, date)!.Value) / d.PopulationAt("kazakhstan", date)!.Value;
        Assert.Equal($"observed share on 1 January 2025: {share * 100:0.0} %".Replace(',', '.'), v.Found);
        Assert.Contains("PROJECTIONS (the workbench's own trends; not data, not evidence", v.Evidence);
        foreach (var text in new[] { "linear in the share, 2018–2025", "linear in the share, 2022–2025", "linear in log(share ÷ rest), 2018–2025", "linear in log(share ÷ rest), 2022–2025" })
            Assert.Contains(text, v.Evidence);
        Assert.Contains("one third on 1 January 2039 (95 % prediction band: from 2038 at the earliest to 2041)", v.Evidence);
        // Its two assumptions, stated.
        Assert.Contains("«in the next ten years» ends on 1 January 2034", v.Evidence);
        Assert.Contains("not their agglomerations", v.Evidence);
    }

    [Fact]
    public void E5_is_decided_by_observed_shares_once_they_exist()
    {
        // Population at 1 January of the three cities and the country: 2034 below a third → contradicted; a third reached → reproduced.
        static string Rows(int year, double cities, double country) =>
            string.Concat(new[] { ("astana-city", cities / 3), ("almaty-city", cities / 3), ("shymkent-city", cities / 3), ("kazakhstan", country) }
                .Select(x => FormattableString.Invariant($"{x.Item1},{year}-01-01,{x.Item2},persons,exact,2022,bns-iblock-6584-population,\n")));
        WorkbenchData With(string rows)
        {
            var dir = TestData.Fixture();
            File.WriteAllText(Path.Combine(dir, DataTables.Population.File), string.Join(",", DataTables.Population.Header) + "\n" + rows);
            return WorkbenchData.Load(dir);
        }
        Assert.Equal(ClaimOutcome.Contradicted, Run("E5", With(Rows(2033, 300, 1000) + Rows(2034, 330, 1000))).Outcome);
        var reached = Run("E5", With(Rows(2030, 345, 1000)));
        Assert.Equal(ClaimOutcome.Reproduced, reached.Outcome);
        Assert.Equal("observed share on 1 January 2030: 34.5 %", reached.Found);
    }

    [Fact]
    public void Without_the_data_the_claims_are_not_testable_and_say_what_is_missing()
    {
        var empty = WorkbenchData.Load(TestData.Fixture());
        var e5 = Run("E5", empty);
        Assert.Equal(ClaimOutcome.NotTestable, e5.Outcome);
        Assert.Contains("population", e5.Missing);
        var e1 = Run("E1", empty);
        Assert.Equal(ClaimOutcome.NotTestable, e1.Outcome);
        Assert.Contains("income_per_capita", e1.Missing);
    }
}
