using System.Text.Json;
using KzMigration.Statistics;

namespace KzMigration.Tests.Statistics;

/// <summary>
/// Agreement with an independent implementation: statsmodels 0.13.5 fitted the same models on the same fixtures
/// (reference/make_reference.py; outputs committed in reference/reference.json). Coefficients and standard errors
/// must agree to 1e-6 relative.
/// </summary>
public sealed class ReferenceTests
{
    private const double Relative = 1e-6;

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var m in Reference().GetProperty("models").EnumerateArray()) data.Add(m.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Reference() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceFixture.Folder, "reference.json"))).RootElement;

    [Theory]
    [MemberData(nameof(Models))]
    public void Coefficients_and_standard_errors_match_statsmodels(string name)
    {
        var m = Reference().GetProperty("models").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        string[] Strings(string p) => [.. m.GetProperty(p).EnumerateArray().Select(e => e.GetString()!)];
        double[] Numbers(string p) => [.. m.GetProperty(p).EnumerateArray().Select(e => e.GetDouble())];
        var regressors = Strings("regressors");
        var effects = Strings("fixed_effects");
        var observations = ReferenceFixture.Read(m.GetProperty("fixture").GetString()!, m.GetProperty("outcome").GetString()!, regressors, effects);
        var frame = ModelFrame.Build(observations, regressors, effects);

        Assert.Equal(m.GetProperty("n").GetInt32(), frame.N);
        Assert.Equal(m.GetProperty("dropped").GetInt32(), frame.Dropped.Count);
        Assert.Equal(Strings("columns"), frame.Columns);

        var (coefficients, errors) = m.GetProperty("kind").GetString() switch
        {
            "ols-cluster" => Ols(frame),
            "poisson-hc0" => Poisson(frame),
            var k => throw new InvalidOperationException(k),
        };
        var (wantB, wantSe) = (Numbers("params"), Numbers("bse"));
        for (var j = 0; j < frame.K; j++)
        {
            AssertClose(wantB[j], coefficients[j], $"{name}: coefficient of {frame.Columns[j]}");
            AssertClose(wantSe[j], errors[j], $"{name}: standard error of {frame.Columns[j]}");
        }
    }

    private static (double[], double[]) Ols(ModelFrame frame)
    {
        var fit = LinearRegression.Fit(frame);
        return (fit.Coefficients.ToArray(), RobustCovariance.StandardErrors(RobustCovariance.Cr1(fit)).ToArray());
    }

    private static (double[], double[]) Poisson(ModelFrame frame)
    {
        var fit = PoissonRegression.Fit(frame);
        return (fit.Coefficients.ToArray(), fit.StandardErrors.ToArray());
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Relative * Math.Max(Math.Abs(expected), 1e-12),
            $"{what}: statsmodels {expected:R}, KzMigration {actual:R} (relative difference {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
}
