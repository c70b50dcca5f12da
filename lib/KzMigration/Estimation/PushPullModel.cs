using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Statistics;
using Microsoft.Data.Analysis;

namespace KzMigration.Estimation;

/// <summary>
/// One push–pull factor of <see cref="PushPullModel"/>: the PPML elasticity of the flow from o to d with respect to the
/// factor's ratio x_d / x_o, its cluster-robust standard error, and its t_{G−1} inference. <see cref="StdError"/> and
/// <see cref="Critical"/> are what a minimum detectable effect needs (Bloom 1995).
/// </summary>
/// <param name="Factor">The factor as the specification names it (an indicator id, or <c>housing_price_per_m2</c>).</param>
/// <param name="Indicator">The data's indicator id it was read from (the housing choice's series for the housing factor).</param>
/// <param name="Column">The design column, <c>log_ratio_…</c>.</param>
/// <param name="Estimate">The elasticity: a 1 % higher destination/origin ratio changes the flow by about this many %.</param>
/// <param name="StdError">Cluster-robust (CR1) standard error.</param>
/// <param name="Critical">t_{G−1} quantile of (1 + confidence)/2.</param>
/// <param name="DegreesOfFreedom">G − 1.</param>
/// <param name="Lower">Estimate − critical × se.</param>
/// <param name="Upper">Estimate + critical × se.</param>
/// <param name="PValue">Two-sided p-value of a zero elasticity (t_{G−1}).</param>
/// <param name="N">Origin–destination-year observations used.</param>
/// <param name="Clusters">G.</param>
/// <param name="Years">Flow years that entered.</param>
/// <param name="StandardErrors">Which standard errors, in words (e.g. "CR1 clustered by ordered pair (G = 182)").</param>
/// <param name="Confidence">Nominal coverage of the interval.</param>
public sealed record PushPullFactor(
    string Factor, string Indicator, string Column, double Estimate, double StdError, double Critical, int DegreesOfFreedom,
    double Lower, double Upper, double PValue, int N, int Clusters, IReadOnlyList<int> Years, string StandardErrors, double Confidence)
{
    /// <summary>Whether the interval excludes zero.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}

/// <summary>The push–pull model: the fitted gravity form and one record per factor, in the specification's order.</summary>
public sealed record PushPullResult(GravityResult Model, IReadOnlyList<PushPullFactor> Factors) : IStudyResult
{
    /// <summary>The specification the model was estimated under (<see cref="GravityResult.Specification"/>).</summary>
    public StudySpecification Specification => Model.Specification;

    /// <summary>Observations used.</summary>
    public int N => Model.Ppml.Frame.N;

    /// <summary>Clusters (G).</summary>
    public int Clusters => Model.Clustering.Clusters;

    /// <summary>Flow years that entered.</summary>
    public IReadOnlyList<int> Years => Model.Years;

    /// <summary>The record of one factor (an indicator id, or <see cref="HousingChoice.FactorId"/>).</summary>
    public PushPullFactor For(string factor) =>
        Factors.FirstOrDefault(f => f.Factor == factor) ?? throw new KeyNotFoundException($"factor '{factor}' is not in the push–pull model ({string.Join(", ", Factors.Select(f => f.Factor))})");
}

/// <summary>
/// The paper's question on its own measure: do economic differences between regions move people between them? A
/// push–pull gravity model of interregional flows (the form migration economists use for «economic factors»; Beyer,
/// Schewe &amp; Lotze-Campen 2022, "Gravity models do not explain, and cannot predict, international migration dynamics",
/// Humanities and Social Sciences Communications 9:56, review the form and its limits):
/// M_odt = exp(Σ_k γ_k ln(x_k,d,t' / x_k,o,t') + β₁ ln P_o + β₂ ln P_d + β₃ ln D_od + β₄ C_od [+ β₅ H_od] + δ_t) · η_odt,
/// with x_k the factors of <see cref="EstimationSpec.PushPull"/> (income, GRP per capita, unemployment, the average
/// monthly wage, the housing price per m² of the study's <see cref="HousingChoice"/>), t' = t − 1 when the specification
/// lags, year effects δ_t, estimated by PPML (Santos Silva &amp; Tenreyro 2006, REStat 88:641–658) on every
/// origin–destination year whose factors all exist on the estimation era's units, with standard errors clustered as
/// <see cref="EstimationSpec.GravityCluster"/> says (by ordered pair by default). A ratio needs no national level, so a
/// wage observed for every region in a year enters for that year. γ_k &gt; 0: flows go where the factor is higher.
/// </summary>
public static class PushPullModel
{
    /// <summary>Estimates the model under a study specification (its estimation choices and housing choice), which the result records.</summary>
    public static PushPullResult Estimate(WorkbenchData data, StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(specification);
        return Of(GravityModel.Estimate(data, specification, GravityVariant.PushPull));
    }

    /// <summary>Estimates the model on the data with the specification's factors and the study's housing choice.</summary>
    public static PushPullResult Estimate(WorkbenchData data, EstimationSpec? spec = null, HousingChoice? housing = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        spec ??= EstimationSpec.Default;
        housing ??= HousingChoice.Default;
        return Of(GravityModel.Estimate(data, spec, GravityVariant.PushPull, housing));
    }

    /// <summary>The per-factor records of a fitted push–pull variant.</summary>
    public static PushPullResult Of(GravityResult model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Variant != GravityVariant.PushPull) throw new ArgumentException($"a {model.Variant} gravity model is not the push–pull model", nameof(model));
        var errors = model.Clustering.ToString();
        return new PushPullResult(model, [.. model.Spec.PushPull.Select(f =>
        {
            var c = model.For(GravityModel.Ratio(f));
            return new PushPullFactor(f, f == HousingChoice.FactorId ? model.Housing.IndicatorId : f, c.Column, c.Estimate, c.StdError, c.Critical,
                c.DegreesOfFreedom, c.Lower, c.Upper, c.PValue, model.Ppml.Frame.N, model.Clustering.Clusters, model.Years, errors, c.Confidence);
        })]);
    }

    /// <summary>One row per factor: the elasticity, its clustered standard error, the critical value, interval and p-value.</summary>
    public static StudyTable Table(PushPullResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var f = result.Factors;
        return new StudyTable(result.Specification,
            new StringDataFrameColumn("factor", f.Select(x => x.Factor)),
            new StringDataFrameColumn("indicator", f.Select(x => x.Indicator)),
            new DoubleDataFrameColumn("elasticity", f.Select(x => x.Estimate)),
            new DoubleDataFrameColumn("se", f.Select(x => x.StdError)),
            new DoubleDataFrameColumn("critical_t", f.Select(x => x.Critical)),
            new Int32DataFrameColumn("df", f.Select(x => x.DegreesOfFreedom)),
            new DoubleDataFrameColumn("ci_lower", f.Select(x => x.Lower)),
            new DoubleDataFrameColumn("ci_upper", f.Select(x => x.Upper)),
            new DoubleDataFrameColumn("p", f.Select(x => x.PValue)),
            new StringDataFrameColumn("interval_excludes_zero", f.Select(x => x.ExcludesZero ? "yes" : "no")),
            new Int32DataFrameColumn("n", f.Select(x => x.N)),
            new Int32DataFrameColumn("clusters", f.Select(x => x.Clusters)))
        {
            Units = new Dictionary<string, string> { ["elasticity"] = "% change of the flow per 1 % higher destination/origin ratio", ["se"] = "same as elasticity" },
        };
    }

    /// <summary>
    /// Which origin–destination years entered: per flow year, the ordered pairs, how many were used, and the commonest
    /// reason the others were not (a factor missing for that year on the era's units).
    /// </summary>
    public static StudyTable CoverageTable(PushPullResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var used = result.Model.Ppml.Frame.Labels.ToHashSet(StringComparer.Ordinal);
        var years = result.Model.Pairs.GroupBy(p => p.Year).OrderBy(g => g.Key).ToList();
        var regressors = result.Model.Regressors;
        string Why(IEnumerable<GravityPair> pairs) =>
            pairs.Where(p => !used.Contains($"{p.Year.ToString(CultureInfo.InvariantCulture)} {p.Origin}>{p.Destination}"))
                .Select(p => regressors.FirstOrDefault(r => p.Regressors.GetValueOrDefault(r) is null) is { } r ? $"missing {r}" : "")
                .Where(s => s.Length > 0).GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({g.Count()})").FirstOrDefault() ?? "";
        return new StudyTable(result.Specification,
            new Int32DataFrameColumn("flow_year", years.Select(g => g.Key)),
            new Int32DataFrameColumn("factor_year", years.Select(g => result.Model.Spec.Lag ? g.Key - 1 : g.Key)),
            new Int32DataFrameColumn("pairs", years.Select(g => g.Count())),
            new Int32DataFrameColumn("used", years.Select(g => g.Count(p => used.Contains($"{p.Year.ToString(CultureInfo.InvariantCulture)} {p.Origin}>{p.Destination}")))),
            new StringDataFrameColumn("why_not", years.Select(g => Why(g))));
    }

    /// <summary>Notes for the tables: the model, data, which standard errors and which interval.</summary>
    public static IReadOnlyList<string> Notes(PushPullResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Model;
        return
        [
            $"push–pull PPML: flows on log(destination / origin) of {string.Join(", ", m.Spec.PushPull)}{(m.Spec.Lag ? " of year t − 1" : "")}, log populations, log distance, contiguity{(m.Spec.CityHinterland ? ", city–hinterland" : "")}, year effects",
            .. GravityModel.Notes(m),
            "an elasticity: a 10 % higher destination/origin ratio multiplies the expected flow by 1.1^elasticity; an association across pairs and years, not a causal effect",
        ];
    }
}
