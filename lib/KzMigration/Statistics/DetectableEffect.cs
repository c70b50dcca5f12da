using MathNet.Numerics.Distributions;

namespace KzMigration.Statistics;

/// <summary>
/// The minimum detectable effect (MDE) of an estimate: the smallest true effect that a two-sided test at level α would
/// detect with probability <c>power</c>, MDE = (t_{1−α/2} + t_{power}) · SE, with Student t quantiles on the design's
/// degrees of freedom (Bloom 1995, «Minimum detectable effects: a simple way to report the statistical power of
/// experimental designs», <i>Evaluation Review</i> 19(5):547–556, doi:10.1177/0193841X9501900504; the multiplier is
/// 2.80 for α = 0.05, power 0.80 and many degrees of freedom, Bloom's Table 1).
/// <para>Where the test's interval comes from a bootstrap, the bootstrap critical value c* takes the place of
/// t_{1−α/2} (<see cref="WithCriticalValue"/>): the MDE then describes the test whose interval the verdict reports
/// (an effect of that size gives an interval excluding zero in <c>power</c> of samples), not a t test the workbench
/// does not run. The power quantile stays Student t: the bootstrap gives the estimator's spread under the null, not its
/// distribution under the alternative, and Bloom's approximation assumes the estimate is centred on the true effect
/// with the same spread. With clustered errors the degrees of freedom are G − 1 (Cameron &amp; Miller 2015, «A
/// practitioner's guide to cluster-robust inference», <i>J. Human Resources</i> 50(2):317–372, §VI).</para>
/// </summary>
public static class DetectableEffect
{
    /// <summary>Bloom's MDE with Student t quantiles: (t_{1−α/2, df} + t_{power, df}) · SE. <paramref name="degreesOfFreedom"/> may be infinite (normal quantiles).</summary>
    public static double Minimum(double standardError, double degreesOfFreedom, double alpha = 0.05, double power = 0.80)
    {
        if (alpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie strictly between 0 and 1");
        return WithCriticalValue(standardError, Quantile(1 - alpha / 2, degreesOfFreedom), degreesOfFreedom, power);
    }

    /// <summary>
    /// The MDE with a critical value of the test actually used (e.g. a wild bootstrap's c*, or the half-width of its interval
    /// divided by the standard error) in place of t_{1−α/2}: (c + t_{power, df}) · SE.
    /// </summary>
    public static double WithCriticalValue(double standardError, double criticalValue, double degreesOfFreedom, double power = 0.80)
    {
        if (!(standardError >= 0) || double.IsInfinity(standardError)) throw new ArgumentOutOfRangeException(nameof(standardError), standardError, "a standard error is finite and not negative");
        if (!(criticalValue > 0) || double.IsInfinity(criticalValue)) throw new ArgumentOutOfRangeException(nameof(criticalValue), criticalValue, "a critical value is finite and positive");
        if (power is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(power), power, "power must lie strictly between 0 and 1");
        return (criticalValue + Quantile(power, degreesOfFreedom)) * standardError;
    }

    /// <summary>The Student t quantile at <paramref name="p"/> (normal when <paramref name="degreesOfFreedom"/> is infinite).</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom must be positive");
        return double.IsPositiveInfinity(degreesOfFreedom) ? Normal.InvCDF(0, 1, p) : StudentT.InvCDF(0, 1, degreesOfFreedom, p);
    }
}
