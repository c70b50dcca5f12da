using System.Globalization;
using KzMigration.Specification;
using KzMigration.Statistics;

namespace KzMigration.Claims;

/// <summary>
/// The bands of effects the factor claims (E1–E3: «income, employment and standard of living have a significant impact»)
/// treat as negligible, as the effect of a 10 % higher indicator: on net migration, fewer than
/// <see cref="NetMigrationPer1000"/> persons per 1,000 population a year; on a flow between two regions, less than
/// <see cref="FlowPercent"/> % of it. The paper states no effect size; these are the workbench's choices, recorded in the
/// study's specification (<see cref="ClaimChoices"/>: <c>claims.negligible_net_migration_per_1000</c>,
/// <c>claims.negligible_flow_percent</c>), stated in every factor claim's numbers and changeable
/// (<c>SpecificationParser.Parse("claims.negligible_net_migration_per_1000=0.5; claims.negligible_flow_percent=2")</c>, or notebook 08's parameters). An interval inside the band contradicts «a significant impact» (an equivalence reading: Lakens 2017,
/// «Equivalence tests», <i>Social Psychological and Personality Science</i> 8(4):355–362, doi:10.1177/1948550617697177).
/// </summary>
public sealed record NegligibleEffects
{
    /// <summary>1 per 1,000 a year and 1 % of a flow, per 10 % higher indicator.</summary>
    public static NegligibleEffects Default { get; } = new();

    public NegligibleEffects() { }

    /// <summary>The bands the specification records (<see cref="StudySpecification.Claims"/>, <c>claims.negligible_*</c>).</summary>
    public static NegligibleEffects Of(StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return new(specification.Claims.NegligibleNetMigrationPer1000, specification.Claims.NegligibleFlowPercent);
    }

    public NegligibleEffects(double netMigrationPer1000, double flowPercent)
    {
        NetMigrationPer1000 = netMigrationPer1000;
        FlowPercent = flowPercent;
    }

    /// <summary>Net migration per 1,000 population a year below which the effect of a 10 % higher indicator is negligible.</summary>
    public double NetMigrationPer1000
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(NetMigrationPer1000), value, "a band of negligible effects is positive");
    } = ClaimChoices.Paper.NegligibleNetMigrationPer1000;

    /// <summary>Percent of a flow below which the effect of a 10 % higher ratio (destination ÷ origin) is negligible.</summary>
    public double FlowPercent
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(FlowPercent), value, "a band of negligible effects is positive");
    } = ClaimChoices.Paper.NegligibleFlowPercent;

    /// <summary>
    /// The band's half-width for a coefficient of log(indicator ratio) on a rate per 1,000: a 10 % higher ratio moves the rate
    /// by β · ln 1.1, so |β| ≤ <see cref="NetMigrationPer1000"/> / ln 1.1.
    /// </summary>
    public double RateCoefficient => NetMigrationPer1000 / Math.Log(1.1);

    /// <summary>
    /// The band's half-width for an elasticity of a flow with respect to a ratio (PPML or log-linear): a 10 % higher ratio
    /// multiplies the flow by 1.1^β, so |β| ≤ ln(1 + <see cref="FlowPercent"/>/100) / ln 1.1.
    /// </summary>
    public double Elasticity => Math.Log(1 + FlowPercent / 100) / Math.Log(1.1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"negligible effects: below {NetMigrationPer1000:0.###} per 1,000 net migration or {FlowPercent:0.###} % of a flow per 10 % higher indicator");
}

/// <summary>
/// One estimated model's evidence on one factor: the small record every model that judges E1–E3 gives, so a second model
/// plugs in with one line (<see cref="EstimatedClaims.FactorModels"/>).
/// </summary>
/// <param name="Model">The model, in words («net migration panel (all flows)»).</param>
/// <param name="Factor">The coefficient's name in the model («log_rel_income_per_capita»).</param>
/// <param name="Estimate">β̂.</param>
/// <param name="StdError">Its standard error (the model's clustering).</param>
/// <param name="Lower">Lower end of the interval the verdict uses.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="CriticalValue">The critical value of that interval (bootstrap c*, or its half-width ÷ SE when asymmetric; t or z otherwise); a claim of a stated sign uses the side it needs (<see cref="CriticalValueFor"/>).</param>
/// <param name="Units">What one unit of β means («per 1,000 population per unit of log ratio»).</param>
/// <param name="N">Observations.</param>
/// <param name="Clusters">Clusters G (the MDE's degrees of freedom are G − 1).</param>
/// <param name="Negligible">Half-width of the band of negligible effects in the units of β.</param>
/// <param name="NegligibleMeaning">The band in words («1 per 1,000 a year per 10 % higher indicator»).</param>
/// <param name="Inference">How the interval was made («95 % wild cluster bootstrap, Webb weights, B = 999»).</param>
public sealed record FactorEvidence(
    string Model, string Factor, double Estimate, double StdError, double Lower, double Upper, double CriticalValue,
    string Units, int N, int Clusters, double Negligible, string NegligibleMeaning, string Inference)
{
    /// <summary>
    /// Minimum detectable effect at 80 % power and 5 % (two-sided): (c + t_{0.80, G−1}) · SE, with <see cref="CriticalValue"/>
    /// in place of t_{0.975} (<see cref="DetectableEffect.WithCriticalValue"/>). For a claim of a stated sign use
    /// <see cref="MinimumDetectableFor"/>, which takes the critical value on the claimed side of an asymmetric interval.
    /// </summary>
    public double MinimumDetectable => DetectableEffect.WithCriticalValue(StdError, CriticalValue, Math.Max(1, Clusters - 1));

    /// <summary>
    /// The interval's critical value on the side a claim of sign <paramref name="sign"/> needs to clear zero: for a positive
    /// claim the lower side, c = (estimate − lower) / SE (the interval excludes zero upwards when estimate − c·SE &gt; 0); for a
    /// negative claim the upper side, c = (upper − estimate) / SE. Equal to <see cref="CriticalValue"/> for a symmetric
    /// interval; for an asymmetric one (an inverted WCR interval) the two sides differ, and the side the claim needs is the one
    /// that decides it. Falls back to <see cref="CriticalValue"/> when the estimate does not lie inside the interval.
    /// </summary>
    public double CriticalValueFor(int sign)
    {
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), sign, "the claimed sign is +1 or −1");
        var c = (sign > 0 ? Estimate - Lower : Upper - Estimate) / StdError;
        return c > 0 && double.IsFinite(c) ? c : CriticalValue;
    }

    /// <summary>
    /// Minimum detectable effect at 80 % power and 5 % for a claim of sign <paramref name="sign"/>: (c_side + t_{0.80, G−1}) · SE
    /// with the critical value on the claimed side (<see cref="CriticalValueFor"/>; Bloom 1995).
    /// </summary>
    public double MinimumDetectableFor(int sign) => DetectableEffect.WithCriticalValue(StdError, CriticalValueFor(sign), Math.Max(1, Clusters - 1));

    /// <summary>«net migration panel (all flows): log_rel_income_per_capita = 47.7 [−33.4, 179] per 1,000 …; minimum detectable effect 121 …» for a claim of sign <paramref name="sign"/>.</summary>
    public string Describe(int sign) => string.Create(CultureInfo.InvariantCulture,
        $"{Model}: {Factor} = {Number(Estimate)}, 95 % interval [{Number(Lower)}, {Number(Upper)}] {Units}; " +
        $"minimum detectable effect (80 % power, 5 %) {Number(MinimumDetectableFor(sign))}; negligible band ±{Number(Negligible)} ({NegligibleMeaning}); " +
        $"SE {Number(StdError)}, critical value {CriticalValueFor(sign):0.00} on the claimed side ({(sign > 0 ? "lower" : "upper")}) of the interval ({Inference}), N = {N}, G = {Clusters}");

    /// <summary>As <see cref="Describe(int)"/>, with <see cref="CriticalValue"/> (no claimed side).</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Model}: {Factor} = {Number(Estimate)}, 95 % interval [{Number(Lower)}, {Number(Upper)}] {Units}; " +
        $"minimum detectable effect (80 % power, 5 %) {Number(MinimumDetectable)}; negligible band ±{Number(Negligible)} ({NegligibleMeaning}); " +
        $"SE {Number(StdError)}, critical value {CriticalValue:0.00} ({Inference}), N = {N}, G = {Clusters}");

    internal static string Number(double v)
    {
        var text = Math.Abs(v) >= 100 ? v.ToString("0", CultureInfo.InvariantCulture)
            : Math.Abs(v) >= 1 ? v.ToString("0.0#", CultureInfo.InvariantCulture)
            : v.ToString("0.###", CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }
}

/// <summary>What one model gives for a factor claim: its <see cref="Evidence"/>, or why there is none (<see cref="Missing"/>).</summary>
public sealed record ModelReading(string Model, FactorEvidence? Evidence, string? Missing = null);

/// <summary>
/// A model that judges the factor claims E1–E3: its name and how it reads one factor (the claim's indicator id) from the
/// loaded data under the ledger's options.
/// </summary>
public sealed record FactorModel(string Name, Func<Data.WorkbenchData, StudySpecification, string, ModelReading> Read);
