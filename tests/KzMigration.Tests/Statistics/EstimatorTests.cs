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
        var options = new WildBootstrapOptions(Replications: 999, Seed: 42);
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
            var w = WildClusterBootstrap.Weights(new WildBootstrapOptions(Replications: 5000, Weights: kind, Seed: 1), 20);
            Assert.InRange(w.Average(), -0.02, 0.02);
            Assert.InRange(w.Select(v => v * v).Average(), 0.98, 1.02);
            Assert.Equal(kind == BootstrapWeights.Rademacher ? 2 : 6, w.Distinct().Count());
        }
        // More replications leave the first ones unchanged.
        var few = WildClusterBootstrap.Weights(new WildBootstrapOptions(Replications: 100, Seed: 9), 17);
        var many = WildClusterBootstrap.Weights(new WildBootstrapOptions(Replications: 999, Seed: 9), 17);
        Assert.Equal(few, many.Take(few.Length));
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
