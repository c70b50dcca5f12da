using KzMigration.Statistics;

namespace KzMigration.Tests.Statistics;

/// <summary>Least squares, PPML and the wild cluster bootstrap: hand-computed values, recovery of known parameters, errors.</summary>
public sealed class EstimatorTests
{
    private static ModelObservation Obs(string label, double? y, double? x1, double? x2 = 0, string cluster = "c", string? group = null) =>
        new(label, y, new Dictionary<string, double?> { ["x1"] = x1, ["x2"] = x2 }, group is null ? new Dictionary<string, string>() : new() { ["g"] = group }, cluster);

    [Fact]
    public void Ols_matches_the_hand_computed_line()
    {
        // y = 1, 3, 2, 5 on x = 0, 1, 2, 3: x̄ = 1.5, ȳ = 2.75, Sxy = 5.5, Sxx = 5 → slope 1.1, intercept 1.1.
        var frame = ModelFrame.Build([Obs("a", 1, 0), Obs("b", 3, 1), Obs("c", 2, 2), Obs("d", 5, 3)], ["x1"], []);
        var fit = LinearRegression.Fit(frame);
        Assert.Equal(1.1, fit["x1"], 12);
        Assert.Equal(1.1, fit[ModelFrame.Intercept], 12);
    }

    [Fact]
    public void Ols_recovers_known_parameters_at_large_n_within_its_standard_error()
    {
        var rng = new Random(7);
        var rows = new List<ModelObservation>();
        for (var i = 0; i < 20_000; i++)
        {
            double x1 = Normal(rng), x2 = Normal(rng);
            rows.Add(Obs($"r{i}", 1 + 2 * x1 - 0.5 * x2 + Normal(rng) * (1 + Math.Abs(x1)), x1, x2, cluster: $"c{i % 200}"));
        }
        var fit = LinearRegression.Fit(ModelFrame.Build(rows, ["x1", "x2"], []));
        var se = RobustCovariance.StandardErrors(RobustCovariance.Cr1(fit));
        Assert.InRange(fit["x1"], 2 - 3 * se[1], 2 + 3 * se[1]);
        Assert.InRange(fit["x2"], -0.5 - 3 * se[2], -0.5 + 3 * se[2]);
        Assert.InRange(se[1], 0.005, 0.05);
    }

    [Fact]
    public void Ppml_recovers_known_parameters_at_large_n_with_zeros_and_heteroskedasticity()
    {
        var rng = new Random(11);
        var rows = new List<ModelObservation>();
        for (var i = 0; i < 20_000; i++)
        {
            double x1 = Normal(rng), x2 = rng.NextDouble();
            var mean = Math.Exp(0.3 + 0.8 * x1 - 1.0 * x2);
            // Gamma-mixed Poisson (negative binomial): E[y|x] is right, the variance is not Poisson's, zeros are common.
            rows.Add(Obs($"r{i}", Poisson(rng, mean * Gamma2(rng)), x1, x2));
        }
        var fit = PoissonRegression.Fit(ModelFrame.Build(rows, ["x1", "x2"], []));
        var se = fit.StandardErrors;
        Assert.InRange(fit["x1"], 0.8 - 3 * se[1], 0.8 + 3 * se[1]);
        Assert.InRange(fit["x2"], -1.0 - 3 * se[2], -1.0 + 3 * se[2]);
        Assert.Contains(rows, r => r.Outcome == 0);
    }

    [Fact]
    public void Perfect_collinearity_is_an_error_naming_the_variable()
    {
        var rows = Enumerable.Range(0, 10).Select(i => Obs($"r{i}", i % 3, i, 2.0 * i + 1)).ToList();
        var e = Assert.Throws<CollinearityException>(() => LinearRegression.Fit(ModelFrame.Build(rows, ["x1", "x2"], [])));
        Assert.Equal("x2", e.Variable);
        Assert.Contains("'x2'", e.Message);
        Assert.Contains("collinear", e.Message);
    }

    [Fact]
    public void A_regressor_constant_within_fixed_effects_is_collinear_with_them()
    {
        // x1 is a function of the group: absorbed by the group dummies.
        var rows = Enumerable.Range(0, 12).Select(i => Obs($"r{i}", i * 0.7 % 2, i % 3 * 5.0, i * 0.1, group: $"g{i % 3}")).ToList();
        var e = Assert.Throws<CollinearityException>(() => LinearRegression.Fit(ModelFrame.Build(rows, ["x2", "x1"], ["g"])));
        Assert.Contains("g=", e.Variable);
        var e2 = Assert.Throws<CollinearityException>(() => PoissonRegression.Fit(ModelFrame.Build(rows, ["x2", "x1"], ["g"])));
        Assert.Contains("g=", e2.Variable);
    }

    [Fact]
    public void Separation_in_ppml_is_an_error_naming_the_variable()
    {
        // Group g2 has only zero outcomes: its dummy's coefficient is −∞.
        var rows = Enumerable.Range(0, 12).Select(i => Obs($"r{i}", i % 3 == 2 ? 0 : 1 + i % 4, i * 0.3, 0, group: $"g{i % 3}")).ToList();
        var e = Assert.Throws<SeparationException>(() => PoissonRegression.Fit(ModelFrame.Build(rows, ["x1"], ["g"])));
        Assert.Equal("g=g2", e.Variable);
        Assert.Contains("separation", e.Message);
    }

    [Fact]
    public void Missing_values_are_dropped_and_counted_never_zero_filled()
    {
        var rows = new List<ModelObservation> { Obs("a", 1, 0), Obs("b", 3, 1), Obs("gap-x", 100, null), Obs("gap-y", null, 7), Obs("c", 2, 2), Obs("d", 5, 3) };
        var frame = ModelFrame.Build(rows, ["x1"], []);
        Assert.Equal(4, frame.N);
        Assert.Equal(["gap-x (missing x1)", "gap-y (missing outcome)"], frame.Dropped);
        // Same slope as without the gaps: a zero-filled x would have changed it.
        Assert.Equal(1.1, LinearRegression.Fit(frame)["x1"], 12);
    }

    [Fact]
    public void Dropping_zero_outcomes_for_log_ols_counts_them_and_drops_empty_dummies()
    {
        var rows = Enumerable.Range(0, 12).Select(i => Obs($"r{i}", i % 3 == 2 ? 0 : 1 + i % 4, i * 0.3, 0, group: $"g{i % 3}")).ToList();
        var frame = ModelFrame.Build(rows, ["x1"], ["g"]);
        var positive = frame.Where(i => frame.Y[i] > 0, "zero outcome").WithOutcome(Math.Log);
        Assert.Equal(8, positive.N);
        Assert.Equal(4, positive.Dropped.Count);
        Assert.DoesNotContain("g=g2", positive.Columns);
        LinearRegression.Fit(positive);
    }

    [Fact]
    public void Wild_bootstrap_is_deterministic_and_detects_a_strong_effect_but_not_a_null_one()
    {
        var frame = Panel(seed: 3, effect: 1.0);
        var fit = LinearRegression.Fit(frame);
        var options = new WildBootstrapChoices(Replications: 999, Seed: 42);
        var a = WildClusterBootstrap.Test(fit, "x1", options);
        var b = WildClusterBootstrap.Test(fit, "x1", options);
        Assert.Equal(a, b);
        Assert.True(a.ExcludesZero);
        Assert.True(a.PValue < 0.01);
        Assert.InRange(a.Estimate, a.Lower, a.Upper);
        var se = RobustCovariance.StandardErrors(RobustCovariance.Cr1(fit));
        Assert.Equal(se[frame.Column("x1")], a.StdError, 12);

        var none = WildClusterBootstrap.Test(fit, "x2", options);
        Assert.True(none.PValue > 0.05, $"p = {none.PValue}");
        Assert.False(none.ExcludesZero);
        var rademacher = WildClusterBootstrap.Test(fit, "x2", options with { Weights = BootstrapWeights.Rademacher });
        Assert.NotEqual(none.PValue, rademacher.PValue);
    }

    [Fact]
    public void Bootstrap_weights_have_mean_zero_and_variance_one_and_each_replication_its_own_stream()
    {
        foreach (var kind in new[] { BootstrapWeights.Rademacher, BootstrapWeights.Webb })
        {
            var w = WildClusterBootstrap.Weights(new WildBootstrapChoices(Replications: 5000, Weights: kind, Seed: 1), 20);
            Assert.InRange(w.Average(), -0.02, 0.02);
            Assert.InRange(w.Select(v => v * v).Average(), 0.98, 1.02);
            Assert.Equal(kind == BootstrapWeights.Rademacher ? 2 : 6, w.Distinct().Count());
        }
        // More replications leave the first ones unchanged.
        var few = WildClusterBootstrap.Weights(new WildBootstrapChoices(Replications: 100, Seed: 9), 17);
        var many = WildClusterBootstrap.Weights(new WildBootstrapChoices(Replications: 999, Seed: 9), 17);
        Assert.Equal(few, many.Take(few.Length));
    }

    [Fact]
    public void Two_way_clustering_matches_the_hand_computed_value()
    {
        // Intercept only, y = 1, 2, 3, 6: ȳ = 3, û = −2, −1, 0, 3, bread 1/N = 1/4. Clusters a a b b and x y x y.
        // By the first: sums −3, 3 → meat 18, CR1 factor 2/1 · 3/3 = 2 → V₁ = 2 · 18/16 = 2.25. By the second: −2, 2 →
        // meat 8 → V₂ = 1. By the intersection (four singletons): meat 4 + 1 + 0 + 9 = 14, factor 4/3 → V₁₂ = 7/6.
        // V = V₁ + V₂ − V₁₂ = 25/12 (Cameron, Gelbach & Miller 2011, eq. 2.11).
        var rows = new[] { 1.0, 2, 3, 6 }.Select((y, i) => Obs($"r{i}", y, 0, 0, cluster: i < 2 ? "a" : "b")).ToList();
        var fit = LinearRegression.Fit(ModelFrame.Build(rows, [], []));
        var scores = RobustCovariance.Scores(fit.Frame.X, fit.Residuals);
        Assert.Equal(2.25, RobustCovariance.Clustered(fit.XtXInverse, scores, ["a", "a", "b", "b"])[0, 0], 12);
        Assert.Equal(1.0, RobustCovariance.Clustered(fit.XtXInverse, scores, ["x", "y", "x", "y"])[0, 0], 12);
        Assert.Equal(25.0 / 12, RobustCovariance.TwoWay(fit.XtXInverse, scores, ["a", "a", "b", "b"], ["x", "y", "x", "y"])[0, 0], 12);
        var clustering = new Clustering("a and x", ["a", "a", "b", "b"], ["x", "y", "x", "y"]);
        Assert.Equal((2, 2, 2, 1), (clustering.FirstCount, clustering.SecondCount, clustering.Clusters, clustering.DegreesOfFreedom));
        Assert.Equal(25.0 / 12, clustering.Covariance(fit.XtXInverse, scores)[0, 0], 12);
        // One-way clustering equals CR1 of the fit.
        Assert.Equal(2.25, RobustCovariance.Cr1(fit)[0, 0], 12);
    }

    [Fact]
    public void A_covariance_that_is_not_positive_semidefinite_gets_its_negative_eigenvalues_set_to_zero()
    {
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1 (eigenvectors (1, 1)/√2 and (1, −1)/√2): 3 · vv' = 1.5 everywhere.
        var (fixedMatrix, adjusted) = RobustCovariance.PositiveSemidefinite(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 1 } }));
        Assert.True(adjusted);
        foreach (var v in fixedMatrix.Enumerate()) Assert.Equal(1.5, v, 12);
        var psd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal((psd, false), RobustCovariance.PositiveSemidefinite(psd));
    }

    [Fact]
    public void Clustered_coefficient_uses_t_with_g_minus_1_degrees_of_freedom()
    {
        var c = new ClusteredCoefficient("x", 1.0, 0.25, 16);
        Assert.Equal(2.119905299, c.Critical, 8);   // t₁₆, 0.975 (tables)
        Assert.Equal(4, c.T, 12);
        Assert.Equal(1 - 2.119905299 * 0.25, c.Lower, 8);
        Assert.True(c.ExcludesZero);
        Assert.InRange(c.PValue, 0.001, 0.0011);      // two-sided p of t = 4 on 16 df: 0.00103
    }

    [Fact]
    public void Wcr_p_value_from_the_fast_form_equals_refitting_every_replication()
    {
        // An independent brute force: for β₀ ≠ 0 impose it, draw the same weights, refit each bootstrap sample by QR and
        // recompute its CR1 standard error.
        var frame = Panel(seed: 5, effect: 0.4);
        var fit = LinearRegression.Fit(frame);
        var options = new WildBootstrapChoices(Replications: 199, Seed: 3);
        var j = frame.Column("x1");
        foreach (var beta0 in new[] { 0.0, 0.25, 0.9, -0.3 })
        {
            var others = Enumerable.Range(0, frame.K).Where(m => m != j).ToArray();
            var restricted = LinearRegression.Fit(frame with
            {
                Y = frame.Y - beta0 * frame.X.Column(j),
                X = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfColumnVectors(others.Select(m => frame.X.Column(m))),
                Columns = [.. others.Select(m => frame.Columns[m])],
            });
            var fitted = frame.Y - restricted.Residuals;
            var clusters = RobustCovariance.GroupRows(frame.Clusters);
            var weights = WildClusterBootstrap.Weights(options, clusters.Count);
            var se = Math.Sqrt(RobustCovariance.Cr1(fit)[j, j]);
            var t = Math.Abs((fit.Coefficients[j] - beta0) / se);
            var count = 0;
            for (var b = 0; b < options.Replications; b++)
            {
                var y = fitted.Clone();
                for (var g = 0; g < clusters.Count; g++)
                    foreach (var i in clusters[g]) y[i] += weights[b * clusters.Count + g] * restricted.Residuals[i];
                var star = LinearRegression.Fit(frame with { Y = y });
                if (Math.Abs((star.Coefficients[j] - beta0) / Math.Sqrt(RobustCovariance.Cr1(star)[j, j])) >= t) count++;
            }
            Assert.Equal(count / 199.0, WildClusterBootstrap.PValue(fit, "x1", beta0, options), 12);
        }
    }

    [Fact]
    public void Inverted_interval_ends_are_where_the_p_value_crosses_alpha()
    {
        var frame = Panel(seed: 8, effect: 0.5);
        var fit = LinearRegression.Fit(frame);
        var options = new WildBootstrapChoices(Replications: 4999, Seed: 11);
        var r = WildClusterBootstrap.Test(fit, "x1", options);
        Assert.Equal(BootstrapInterval.Wcr, r.Interval);
        Assert.True(r.Lower < r.Estimate && r.Estimate < r.Upper);
        foreach (var (end, outward) in new[] { (r.Lower, -1.0), (r.Upper, 1.0) })
        {
            var step = 1e-7 * Math.Max(1, Math.Abs(end));
            Assert.True(WildClusterBootstrap.PValue(fit, "x1", end, options) >= 0.05);
            Assert.True(WildClusterBootstrap.PValue(fit, "x1", end + outward * step, options) < 0.05);
            // With B large the p-value at an end is α, up to the granularity 1/B.
            Assert.InRange(WildClusterBootstrap.PValue(fit, "x1", end, options), 0.05, 0.05 + 2.0 / options.Replications);
        }
        // Duality: zero is outside the interval exactly when the test of zero rejects.
        Assert.Equal(r.PValue < 0.05, r.ExcludesZero);
        Assert.Equal(WildClusterBootstrap.PValue(fit, "x1", 0, options), r.PValue);
        // The WCU option reports the percentile-t interval and keeps the WCR one alongside.
        var u = WildClusterBootstrap.Test(fit, "x1", options with { Interval = BootstrapInterval.Wcu });
        Assert.Equal((u.UnrestrictedLower, u.UnrestrictedUpper), (u.Lower, u.Upper));
        Assert.Equal((r.RestrictedLower, r.RestrictedUpper), (u.RestrictedLower, u.RestrictedUpper));
        Assert.Equal(u.Estimate - u.Critical * u.StdError, u.Lower, 12);
    }

    [Fact]
    public void Dfbeta_is_the_change_of_the_coefficient_when_the_observation_is_left_out()
    {
        var frame = Panel(seed: 4, effect: 0.7);
        var fit = LinearRegression.Fit(frame);
        var influence = Influence.DfBeta(fit, "x1");
        Assert.Equal(frame.N, influence.Count);
        Assert.True(Math.Abs(influence[0].DfBeta) >= Math.Abs(influence[^1].DfBeta));
        foreach (var x in influence.Take(3))
        {
            var without = LinearRegression.Fit(frame.Where(i => frame.Labels[i] != x.Label, "left out"));
            Assert.Equal(without["x1"], x.WithoutIt, 9);
        }
    }

    [Fact]
    public void Leaving_out_the_reference_level_of_a_fixed_effect_keeps_the_model_identified()
    {
        var frame = Panel(seed: 4, effect: 0.7);
        var fit = LinearRegression.Fit(frame);
        var reference = frame.Clusters[0];    // "g00": the unit effect's reference level
        Assert.DoesNotContain($"unit={reference}", frame.Columns);
        var without = frame.Where(i => frame.Clusters[i] != reference, "left out");
        Assert.DoesNotContain("unit=g01", without.Columns);   // the next level is the reference now
        Assert.Equal(frame.K - 1, without.K);
        var deletions = Influence.LeaveOneClusterOut(fit, ["x1"], new WildBootstrapChoices(Replications: 99));
        Assert.Equal(frame.ClusterCount, deletions.Count);
        Assert.All(deletions, d => Assert.Null(d.Why));
        Assert.Equal(LinearRegression.Fit(without)["x1"], deletions[0].Result!.Estimate, 12);
        Assert.Equal(frame.ClusterCount - 1, deletions[0].Result!.Clusters);
    }

    // 18 clusters × 8 periods with cluster and period effects, x1 with the given effect and x2 none; errors correlated within clusters.
    internal static ModelFrame Panel(int seed, double effect)
    {
        var rng = new Random(seed);
        var rows = new List<ModelObservation>();
        for (var g = 0; g < 18; g++)
        {
            var a = Normal(rng);
            var shock = Normal(rng);
            for (var t = 0; t < 8; t++)
            {
                double x1 = Normal(rng) + 0.5 * a, x2 = Normal(rng);
                var y = a + 0.2 * t + effect * x1 + 0.5 * shock * Normal(rng) + 0.3 * Normal(rng);
                rows.Add(new ModelObservation($"g{g}-{t}", y, new Dictionary<string, double?> { ["x1"] = x1, ["x2"] = x2 },
                    new Dictionary<string, string> { ["unit"] = $"g{g:00}", ["year"] = $"{2015 + t}" }, $"g{g:00}"));
            }
        }
        return ModelFrame.Build(rows, ["x1", "x2"], ["unit", "year"]);
    }

    internal static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double Gamma2(Random rng) => (-Math.Log(1 - rng.NextDouble()) - Math.Log(1 - rng.NextDouble())) / 2; // Gamma(2, ½): mean 1

    private static double Poisson(Random rng, double mean)
    {
        // Knuth's method; means here stay small.
        var (l, k, p) = (Math.Exp(-mean), 0, 1.0);
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }
}
