using KzMigration.Data;
using KzMigration.Migration;

namespace KzMigration.Data;

/// <summary>
/// One region-year of the paper's Figure 2: arrivals A and departures D of one flow, as the loaded data hold them, and
/// what follows from them — balance N = A − D, the attractiveness coefficient K = A / D (Bokayev &amp; Akhmetova, Results,
/// Figure 2) and the effectiveness ratio E = 100·(A − D)/(A + D) (Bell et al. 2002, doi:10.1111/1467-985X.t01-1-00247),
/// by <see cref="RegionIndices"/>. When A or D is missing, N, K and E are missing (never 0) and <see cref="Missing"/>
/// says which input is; when K or E is undefined (D = 0, A + D = 0), it says why.
/// The one place of this row: Figure 2's table, the claims, the score–migration relation and the explorer call it.
/// </summary>
/// <param name="Region">Region key.</param>
/// <param name="Year">Year.</param>
/// <param name="Flow">Flow A and D count.</param>
/// <param name="Arrivals">A, or null when missing.</param>
/// <param name="Departures">D, or null when missing.</param>
/// <param name="Balance">N = A − D, or null when A or D is missing.</param>
/// <param name="Coefficient">K = A / D, or null when missing or undefined.</param>
/// <param name="Effectiveness">E, or null when missing or undefined.</param>
/// <param name="Missing">Why K or E is missing or undefined; null when both are defined.</param>
public sealed record RegionAttractiveness(
    string Region, int Year, Flow Flow, double? Arrivals, double? Departures,
    double? Balance, double? Coefficient, double? Effectiveness, string? Missing)
{
    /// <summary>Where the figures were looked for, as the default reason says: «no interregional arrivals in the loaded data».</summary>
    public const string InLoadedData = "in the loaded data";

    /// <summary>
    /// The row of <paramref name="region"/> from arrivals and departures that may be missing; <paramref name="where"/> ends
    /// the reason for a missing input («no internal departures <paramref name="where"/>»).
    /// </summary>
    public static RegionAttractiveness Of(string region, int year, Flow flow, double? arrivals, double? departures, string where = InLoadedData)
    {
        if (arrivals is not double a || departures is not double d)
        {
            var missing = (arrivals, departures) switch
            {
                (null, null) => "arrivals and departures",
                (null, _) => "arrivals",
                _ => "departures",
            };
            return new RegionAttractiveness(region, year, flow, arrivals, departures, null, null, null, $"no {Codes.Of(flow)} {missing} {where}");
        }
        var flows = new RegionFlows(region, flow, a, d);
        var k = RegionIndices.AttractivenessCoefficient(flows);
        var e = RegionIndices.EffectivenessRatio(flows);
        return new RegionAttractiveness(region, year, flow, a, d, RegionIndices.Balance(flows).Value, k.Value, e.Value, k.UndefinedBecause ?? e.UndefinedBecause);
    }

    /// <summary>The row of <paramref name="region"/> from the arrivals and departures of <paramref name="flow"/> in <paramref name="data"/>.</summary>
    public static RegionAttractiveness Of(WorkbenchData data, string region, int year, Flow flow, Period period = Period.JanDec)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Of(region, year, flow,
            data.MigrationValue(region, year, flow, Measure.Arrivals, period), data.MigrationValue(region, year, flow, Measure.Departures, period));
    }

    /// <summary>
    /// K as the workbench prints it, in tables and in the claims' texts alike: three decimals, half away from zero, the
    /// convention of statistical tables (BNS, and the paper's printed K). Why not half-to-even (.NET's default, once used for
    /// Figure 2's table while the score–migration table used this rule): K = A/D with whole A and D lands on a half often
    /// enough — 2001/2000 = 1.0005 prints 1.001 here, 1.000 half-to-even — and one region-year must not show two K.
    /// </summary>
    public static double RoundCoefficient(double coefficient) => Math.Round(coefficient, 3, MidpointRounding.AwayFromZero);

    /// <summary>E as tables print it: two decimals, half away from zero (as <see cref="RoundCoefficient"/>).</summary>
    public static double RoundEffectiveness(double effectiveness) => Math.Round(effectiveness, 2, MidpointRounding.AwayFromZero);
}
