using System.Collections.Immutable;
using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Data;

namespace KzMigration.Specification;

/// <summary>
/// Every open choice of the study in one immutable record (the COINr idea of a recorded, regenerable analysis,
/// carried from the scoring to the whole study): the panel and the scoring of Figure 3 (<see cref="Scoring"/>: which
/// indicators, housing series, weights, bands, boundary rule, points, reference level, polarity), the migration side of
/// Figures 1–2 and the claims (<see cref="Migration"/>), the estimated models (<see cref="Estimation"/>), the
/// sensitivity design (<see cref="Sensitivity"/>) and the claims ledger's own choices (<see cref="Claims"/>). What-if is
/// <c>spec with { … }</c>; the text form is <see cref="SpecificationFormatter.Format(StudySpecification)"/> and
/// <see cref="SpecificationParser.Parse(string?, StudySpecification?)"/>, in the grammar of <c>kzmig run --param</c>:
/// <c>path=value</c> items separated by ';', each path naming one field (<c>scoring.thresholds</c>, <c>migration.flow</c>,
/// <c>estimation.lag</c>, <c>sensitivity.draws</c>, …), the fields declared once in <see cref="SpecificationFields"/>.
/// </summary>
public sealed record StudySpecification
{
    /// <summary>The paper's study as the workbench reads it: every section at its default.</summary>
    public static StudySpecification Paper { get; } = new();

    /// <summary>Figure 3's panel and scoring, including the housing series (<see cref="ScoringSpec.Housing"/>). Paths <c>scoring.*</c>.</summary>
    public ScoringSpec Scoring { get; init => field = value ?? ScoringSpec.Paper; } = ScoringSpec.Paper;

    /// <summary>The migration side: whose flows K divides, the boundaries counts are read on, the analysed period, the population rates divide by. Paths <c>migration.*</c>.</summary>
    public MigrationChoices Migration { get; init => field = value ?? MigrationChoices.Paper; } = MigrationChoices.Paper;

    /// <summary>The estimated models (net migration panel, gravity model). Paths <c>estimation.*</c>.</summary>
    public EstimationSpec Estimation { get; init => field = value ?? EstimationSpec.Default; } = EstimationSpec.Default;

    /// <summary>Which choices the Monte Carlo varies and how. Paths <c>sensitivity.*</c>.</summary>
    public SensitivityDesign Sensitivity { get; init => field = value ?? SensitivityDesign.Default; } = SensitivityDesign.Default;

    /// <summary>The claims ledger's recorded choices: the band of negligible effects of E1–E3. Paths <c>claims.*</c>.</summary>
    public ClaimChoices Claims { get; init => field = value ?? ClaimChoices.Paper; } = ClaimChoices.Paper;

    /// <summary>The Monte Carlo's kernel input (<see cref="Sensitivity"/>): this design around <see cref="Scoring"/>.</summary>
    public SensitivityInput SensitivityInput => Sensitivity.Around(Scoring);

    /// <summary>The text form (<see cref="SpecificationFormatter.Format(StudySpecification)"/>).</summary>
    public override string ToString() => SpecificationFormatter.Format(this);
}

/// <summary>
/// The migration side of the study: the choices the paper leaves open about Figures 1–2 and the statements about them.
/// </summary>
public sealed record MigrationChoices
{
    /// <summary>Interregional flows, counted on the 2018-era boundaries, 2015–2022, rates per mean population of the year.</summary>
    public static MigrationChoices Paper { get; } = new();

    /// <summary>
    /// Whose arrivals and departures the attractiveness coefficient K = A ÷ D divides. The paper does not say; default
    /// <see cref="Flow.Interregional"/> (moves between regions). <see cref="Flow.Internal"/> adds moves inside a region to
    /// both and pulls K towards 1. Path <c>migration.flow</c> (alias <c>flow</c>).
    /// </summary>
    public Flow CoefficientFlow { get; init; } = Flow.Interregional;

    /// <summary>
    /// Boundaries on which regions are counted and ranked. Default <see cref="BoundaryEra.Era2018"/> (17 units: 14
    /// oblasts and 3 cities), the most plausible layout of the paper's Figures 1–2; 2022 figures are summed into it
    /// (Abai + East Kazakhstan, Zhetisu + Almaty region, Ulytau + Karaganda) — additive measures only. Path <c>migration.boundaries</c>.
    /// </summary>
    public BoundaryEra Boundaries { get; init => field = value ?? BoundaryEra.Era2018; } = BoundaryEra.Era2018;

    /// <summary>First year of «the analyzed period» (Figures 1–2: 2015–2022). Path <c>migration.years</c>.</summary>
    public int FirstYear { get; init; } = 2015;

    /// <summary>Last year of the analysed period, the year of the paper's 2022 statements.</summary>
    public int LastYear { get; init; } = 2022;

    /// <summary>
    /// The population every rate divides by (<see cref="PopulationBasis"/>): the net migration rate beside Figure 3's scores,
    /// the system indices beside K (CMI, ANMR), the net migration panel and ACMI alike. The paper states no rate; default
    /// <see cref="PopulationBasis.MeanOfYear"/>, the demographers' denominator of a year's rate. Path <c>migration.population</c>
    /// (<c>mean</c>, <c>start</c>, <c>end</c>).
    /// </summary>
    public PopulationBasis Population { get; init; } = PopulationBasis.MeanOfYear;
}

/// <summary>
/// The claims ledger's recorded choices (the ledger reads the rest of the specification too): the bands of effects the
/// factor claims E1–E3 («income, employment and standard of living have a significant impact») treat as negligible, as the
/// effect of a 10 % higher indicator. The paper states no effect size; these are the workbench's choices, stated in every
/// factor claim's numbers (<c>Claims.NegligibleEffects</c> reads them and says how they are used).
/// </summary>
public sealed record ClaimChoices
{
    /// <summary>1 per 1,000 a year and 1 % of a flow.</summary>
    public static ClaimChoices Paper { get; } = new();

    /// <summary>Net migration per 1,000 population a year below which an effect is negligible. Path <c>claims.negligible_net_migration_per_1000</c>.</summary>
    public double NegligibleNetMigrationPer1000 { get; init; } = 1.0;

    /// <summary>Percent of a flow between two regions below which an effect is negligible. Path <c>claims.negligible_flow_percent</c>.</summary>
    public double NegligibleFlowPercent { get; init; } = 1.0;
}

/// <summary>
/// The sensitivity design: which open choices of the scoring the Monte Carlo varies, each addressed by the path of the
/// specification field it varies (as COINr's <c>SA_specs</c> address the fields of its log), and how.
/// <list type="bullet">
/// <item><c>scoring.thresholds</c>: every threshold shifted by U(−<see cref="ThresholdJitter"/>, +<see cref="ThresholdJitter"/>) pp.</item>
/// <item><c>scoring.points</c>: every band's points shifted by U(−<see cref="PointJitter"/>, +<see cref="PointJitter"/>).</item>
/// <item><c>scoring.reference</c>: one of <see cref="References"/> (empty = every reference the panel supports).</item>
/// <item><c>scoring.invert</c>: the polarity of each of <see cref="Invert"/> flipped with probability ½ (one factor), and of each of
/// <see cref="InvertSeparately"/> (one factor each).</item>
/// <item><c>scoring.indicators</c>: one of <see cref="LeaveOut"/> (empty = every scored indicator) left out, or none.</item>
/// </list>
/// A path not in <see cref="Vary"/> stays at the base specification's value.
/// </summary>
public sealed record SensitivityDesign
{
    /// <summary>The paths a design may vary.</summary>
    public static ImmutableArray<string> VariablePaths { get; } =
        ["scoring.thresholds", "scoring.points", "scoring.reference", "scoring.invert", "scoring.indicators"];

    /// <summary>Every variable path, thresholds ± 5 pp, points fixed (jitter 0), 2,000 draws (notebook 05's), seed 20240607.</summary>
    public static SensitivityDesign Default { get; } = new();

    /// <summary>The varied paths (a subset of <see cref="VariablePaths"/>), in that order. Path <c>sensitivity.vary</c>.</summary>
    public ImmutableArray<string> Vary { get; init => field = value.IsDefault ? [] : value; } = VariablePaths;

    /// <summary>N, the base rows of the sample matrices (<see cref="Scoring.SensitivityInput.Draws"/>). Path <c>sensitivity.draws</c>.</summary>
    public int Draws { get; init; } = 2000;

    /// <summary>Master seed. Path <c>sensitivity.seed</c>.</summary>
    public ulong Seed { get; init; } = 20240607;

    /// <summary>Half-width of the threshold shift, pp. Path <c>sensitivity.threshold_jitter</c>.</summary>
    public double ThresholdJitter { get; init; } = 5;

    /// <summary>Half-width of the points shift. Path <c>sensitivity.point_jitter</c>.</summary>
    public double PointJitter { get; init; }

    /// <summary>References sampled among; empty = every reference the panel supports. Path <c>sensitivity.references</c>.</summary>
    public ImmutableArray<ReferenceKind> References { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Indicators whose polarity is flipped together as one factor. Path <c>sensitivity.invert</c>.</summary>
    public ImmutableArray<string> Invert { get; init => field = value.IsDefault ? [] : value; } = ["unemployment_rate", "job_seekers", "poverty_rate"];

    /// <summary>Indicators whose polarity is a factor of its own (default the housing price: attractive or a cost). Path <c>sensitivity.invert_separately</c>.</summary>
    public ImmutableArray<string> InvertSeparately { get; init => field = value.IsDefault ? [] : value; } = [HousingChoice.FactorId];

    /// <summary>Indicators that may be left out; empty = every scored indicator. Path <c>sensitivity.leave_out</c>.</summary>
    public ImmutableArray<string> LeaveOut { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>True when the design varies the field at <paramref name="path"/>.</summary>
    public bool Varies(string path) => Vary.Contains(path, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Monte Carlo's kernel input: this design around <paramref name="scoring"/>.</summary>
    public SensitivityInput Around(ScoringSpec scoring) => new()
    {
        Base = scoring,
        Draws = Draws,
        Seed = Seed,
        ThresholdJitter = Varies("scoring.thresholds") ? ThresholdJitter : 0,
        PointJitter = Varies("scoring.points") ? PointJitter : 0,
        References = Varies("scoring.reference") ? References : [scoring.Reference],
        PolarityCandidates = Varies("scoring.invert") ? Invert : [],
        SeparatePolarities = Varies("scoring.invert") ? InvertSeparately : [],
        ExcludeOneIndicator = Varies("scoring.indicators"),
        ExclusionCandidates = LeaveOut,
    };

    /// <summary>Content equality.</summary>
    public bool Equals(SensitivityDesign? other) =>
        other is not null && Vary.SequenceEqual(other.Vary) && Draws == other.Draws && Seed == other.Seed
        && ThresholdJitter.Equals(other.ThresholdJitter) && PointJitter.Equals(other.PointJitter)
        && References.SequenceEqual(other.References) && Invert.SequenceEqual(other.Invert)
        && InvertSeparately.SequenceEqual(other.InvertSeparately) && LeaveOut.SequenceEqual(other.LeaveOut);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Vary.Length, Draws, Seed, ThresholdJitter, PointJitter, References.Length, Invert.Length, LeaveOut.Length);
}
