using System.Text.Json;
using KzMigration.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Tests.Statistics;

/// <summary>
/// Agreement with independent implementations: statsmodels 0.13.5 fitted the same models on the same fixtures, and a
/// numpy brute-force wild cluster bootstrap (with the project's random stream re-implemented) inverted the same tests
/// (reference/make_reference.py; outputs committed in reference/reference.json). Everything must agree to 1e-6
/// relative: coefficients, standard errors (HC0, CR1 one-way and two-way), t_{G−1} intervals, WCR-inverted and WCU
/// intervals, bootstrap p-values, DFBETA and DFBETAS.
/// </summary>
public sealed class ReferenceTests
{
    private const double Relative = 1e-6;

    private static readonly Lazy<JsonElement> Json = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceFixture.Folder, "reference.json"))).RootElement);

    private static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var m in Json.Value.GetProperty(section).EnumerateArray()) data.Add(m.GetProperty("name").GetString()!);
        return data;
    }

    public static TheoryData<string> Models() => Names("models");

    public static TheoryData<string> Bootstraps() => Names("bootstraps");

    private static JsonElement Entry(string section, string name) =>
        Json.Value.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    private static string[] Strings(JsonElement m, string p) => [.. m.GetProperty(p).EnumerateArray().Select(e => e.GetString()!)];

    private static double[] Numbers(JsonElement m, string p) => [.. m.GetProperty(p).EnumerateArray().Select(e => e.GetDouble())];

    private static ModelFrame Frame(JsonElement m)
    {
        var observations = ReferenceFixture.Read(m.GetProperty("fixture").GetString()!, m.GetProperty("outcome").GetString()!,
            Strings(m, "regressors"), Strings(m, "fixed_effects"));
        return ModelFrame.Build(observations, Strings(m, "regressors"), Strings(m, "fixed_effects"));
    }

    [Fact]
    public void Every_estimator_and_clustering_is_covered()
    {
        var kinds = Json.Value.GetProperty("models").EnumerateArray().Select(m => (m.GetProperty("kind").GetString(), m.GetProperty("groups").GetArrayLength())).ToHashSet();
        foreach (var k in new[] { ("ols-cluster", 1), ("ols-cluster", 2), ("poisson-hc0", 1), ("poisson-cluster", 1), ("poisson-cluster", 2), ("ols-log-cluster", 1), ("ols-log-cluster", 2) })
            Assert.Contains(k, kinds);
        Assert.NotEmpty(Json.Value.GetProperty("bootstraps").EnumerateArray());
        Assert.NotEmpty(Json.Value.GetProperty("influence").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Coefficients_standard_errors_and_intervals_match_statsmodels(string name)
    {
        var m = Entry("models", name);
        var kind = m.GetProperty("kind").GetString()!;
        var frame = Frame(m);
        if (kind == "ols-log-cluster") frame = frame.Where(i => frame.Y[i] > 0, "outcome not positive").WithOutcome(Math.Log);

        Assert.Equal(m.GetProperty("n").GetInt32(), frame.N);
        Assert.Equal(m.GetProperty("dropped").GetInt32(), frame.Dropped.Count);
        Assert.Equal(Strings(m, "columns"), frame.Columns);

        var groups = Strings(m, "groups");
        var fixture = m.GetProperty("fixture").GetString()!;
        var second = groups.Length == 2 ? ReferenceFixture.Column(fixture, groups[1]) : null;
        var firstColumn = groups[0] == "cluster" ? null : ReferenceFixture.Column(fixture, groups[0]);
        var clustering = new Clustering(string.Join(" and ", groups),
            [.. frame.Labels.Select((l, i) => firstColumn is null ? frame.Clusters[i] : firstColumn[l])],
            second is null ? null : [.. frame.Labels.Select(l => second[l])]);
        Assert.Equal(Numbers(m, "clusters").Select(c => (int)c), second is null ? [clustering.FirstCount] : [clustering.FirstCount, clustering.SecondCount]);

        var (coefficients, covariance) = kind switch
        {
            "ols-cluster" or "ols-log-cluster" => Ols(frame, clustering),
            "poisson-hc0" => PoissonHc0(frame),
            "poisson-cluster" => PoissonClustered(frame, clustering),
            var k => throw new InvalidOperationException(k),
        };
        var (wantB, wantVariance) = (Numbers(m, "params"), Numbers(m, "variance"));
        var wantSe = m.GetProperty("bse").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : e.GetDouble()).ToArray();
        for (var j = 0; j < frame.K; j++)
        {
            AssertClose(wantB[j], coefficients[j], $"{name}: coefficient of {frame.Columns[j]}");
            // The raw diagonal, negative where a two-way covariance is not positive semi-definite (fixed-effect dummies only).
            AssertClose(wantVariance[j], covariance[j, j], $"{name}: variance of {frame.Columns[j]}");
            if (wantSe[j] is double se) AssertClose(se, Math.Sqrt(covariance[j, j]), $"{name}: standard error of {frame.Columns[j]}");
            else Assert.True(covariance[j, j] < 0, $"{name}: {frame.Columns[j]} has a negative two-way variance in statsmodels");
        }
        if (!m.TryGetProperty("conf_int", out var conf)) return;
        Assert.Equal(m.GetProperty("df").GetInt32(), clustering.DegreesOfFreedom);
        var intervals = conf.EnumerateArray().ToArray();
        for (var j = 0; j < frame.K; j++)
        {
            if (wantSe[j] is null) continue;
            var c = new ClusteredCoefficient(frame.Columns[j], coefficients[j], Math.Sqrt(covariance[j, j]), clustering.DegreesOfFreedom);
            AssertClose(intervals[j][0].GetDouble(), c.Lower, $"{name}: lower end for {frame.Columns[j]}");
            AssertClose(intervals[j][1].GetDouble(), c.Upper, $"{name}: upper end for {frame.Columns[j]}");
        }
        // The regressors (not the dummies) always have a positive variance here.
        Assert.All(Strings(m, "regressors"), r => Assert.NotNull(wantSe[frame.Column(r)]));
    }

    [Theory]
    [MemberData(nameof(Bootstraps))]
    public void Wild_bootstrap_intervals_and_p_values_match_a_brute_force_implementation(string name)
    {
        var m = Entry("bootstraps", name);
        var frame = Frame(m);
        Assert.Equal(m.GetProperty("n").GetInt32(), frame.N);
        Assert.Equal(m.GetProperty("clusters").GetInt32(), frame.ClusterCount);
        var fit = LinearRegression.Fit(frame);
        var options = new WildBootstrapChoices(m.GetProperty("replications").GetInt32(),
            m.GetProperty("weights").GetString() == "webb" ? BootstrapWeights.Webb : BootstrapWeights.Rademacher,
            m.GetProperty("seed").GetUInt64(), m.GetProperty("confidence").GetDouble());
        foreach (var c in m.GetProperty("coefficients").EnumerateArray())
        {
            var column = c.GetProperty("column").GetString()!;
            var r = WildClusterBootstrap.Test(fit, column, options);
            AssertClose(c.GetProperty("estimate").GetDouble(), r.Estimate, $"{name}/{column}: estimate");
            AssertClose(c.GetProperty("se").GetDouble(), r.StdError, $"{name}/{column}: CR1 standard error");
            Assert.Equal(c.GetProperty("p_value").GetDouble(), r.PValue, 12);
            AssertClose(c.GetProperty("wcr_lower").GetDouble(), r.RestrictedLower, $"{name}/{column}: WCR lower end");
            AssertClose(c.GetProperty("wcr_upper").GetDouble(), r.RestrictedUpper, $"{name}/{column}: WCR upper end");
            AssertClose(c.GetProperty("critical").GetDouble(), r.Critical, $"{name}/{column}: WCU critical value");
            AssertClose(c.GetProperty("wcu_lower").GetDouble(), r.UnrestrictedLower, $"{name}/{column}: WCU lower end");
            AssertClose(c.GetProperty("wcu_upper").GetDouble(), r.UnrestrictedUpper, $"{name}/{column}: WCU upper end");
            Assert.Equal((r.RestrictedLower, r.RestrictedUpper), (r.Lower, r.Upper));
        }
    }

    [Fact]
    public void Dfbeta_and_dfbetas_match_statsmodels_leave_one_out_refits()
    {
        foreach (var m in Json.Value.GetProperty("influence").EnumerateArray())
        {
            var fit = LinearRegression.Fit(Frame(m));
            var labels = Strings(m, "labels");
            Assert.Equal(labels, fit.Frame.Labels);
            foreach (var column in Strings(m, "regressors"))
            {
                var mine = Influence.DfBeta(fit, column).ToDictionary(x => x.Label);
                var (dfbeta, dfbetas) = (Numbers(m.GetProperty("dfbeta"), column), Numbers(m.GetProperty("dfbetas"), column));
                Assert.Equal(labels.Length, mine.Count);
                for (var i = 0; i < labels.Length; i++)
                {
                    AssertClose(dfbeta[i], mine[labels[i]].DfBeta, $"DFBETA of {labels[i]} on {column}", absolute: 1e-9);
                    AssertClose(dfbetas[i], mine[labels[i]].DfBetas, $"DFBETAS of {labels[i]} on {column}", absolute: 1e-9);
                }
            }
        }
    }

    private static (double[], Matrix<double>) Ols(ModelFrame frame, Clustering clustering)
    {
        var fit = LinearRegression.Fit(frame);
        return (fit.Coefficients.ToArray(), clustering.Covariance(fit.XtXInverse, RobustCovariance.Scores(frame.X, fit.Residuals)));
    }

    private static (double[], Matrix<double>) PoissonHc0(ModelFrame frame)
    {
        var fit = PoissonRegression.Fit(frame);
        return (fit.Coefficients.ToArray(), fit.Covariance);
    }

    private static (double[], Matrix<double>) PoissonClustered(ModelFrame frame, Clustering clustering)
    {
        var fit = PoissonRegression.Fit(frame);
        return (fit.Coefficients.ToArray(), PoissonRegression.ClusterCovariance(fit, clustering));
    }

    // Relative agreement; `absolute` for values that are zero in exact arithmetic (a DFBETA of a row with a zero residual).
    private static void AssertClose(double expected, double actual, string what, double absolute = 0) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Max(Relative * Math.Abs(expected), absolute) || (double.IsInfinity(expected) && expected == actual),
            $"{what}: reference {expected:R}, KzMigration {actual:R} (relative difference {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
}
