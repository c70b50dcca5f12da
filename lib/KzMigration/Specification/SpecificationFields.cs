using System.Collections.Immutable;
using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Statistics;

namespace KzMigration.Specification;

/// <summary>
/// Every field of the study's specification (<see cref="StudySpecification"/>), each declared once with its path, the short
/// names it answers to, what it means, its values and bounds (its <see cref="ValueCodec{T}"/>) and where it lives in the
/// record — in the spirit of NodaTime's pattern builders, one declaration per field. The text form is made from this
/// table alone: <see cref="SpecificationFormatter"/> writes each field in table order, <see cref="SpecificationParser"/>
/// reads each item through the field it names, the explorer's links and <c>kzmig spec</c> list the same fields. A new
/// field is one more entry here (and its property in the record); nothing else needs to know it.
/// <para><b>Short names.</b> A field answers to its path and to its aliases, and an alias belongs to one field only. Where
/// several sections have a field of the same name, the name without section belongs to the one the study's
/// <c>--param</c> names have always meant — Figure 3's scoring for <c>indicators</c>, <c>weights</c> and <c>invert</c>
/// (the README's, the explorer's and notebooks 04–05's), the Monte Carlo for <c>seed</c> (the explorer's and notebook
/// 05's) — and the others are written with their section: <c>estimation.indicators</c>, <c>estimation.weights</c>,
/// <c>estimation.seed</c>, <c>sensitivity.invert</c>. <c>years</c> belongs to none (Figure 3's years, the analysed period
/// and the panel's years are equally likely meanings): it is refused, naming <c>scoring.years</c>,
/// <c>migration.years</c> and <c>estimation.years</c>. A value refused by the field its short name belongs to but taken by
/// a namesake (<c>weights=webb</c>) is refused with the path that takes it.</para>
/// </summary>
public static class SpecificationFields
{
    // ==== Codes that the text form alone defines ===============================================================

    /// <summary>The code of a reference level: published, mean, weighted, median.</summary>
    public static string ReferenceCode(ReferenceKind reference) => ReferenceLevel.Code(reference);

    private static readonly ValueCodec<ReferenceKind> References = ValueCodec.Choice("a reference", Enum.GetValues<ReferenceKind>(), ReferenceCode,
        [
            ("national", ReferenceKind.PublishedNational), ("published_national", ReferenceKind.PublishedNational),
            ("unweighted", ReferenceKind.UnweightedMeanOfRegions), ("unweighted_mean", ReferenceKind.UnweightedMeanOfRegions),
            ("unweighted_mean_of_regions", ReferenceKind.UnweightedMeanOfRegions),
            ("population", ReferenceKind.PopulationWeightedMean), ("population_weighted", ReferenceKind.PopulationWeightedMean),
            ("population_weighted_mean", ReferenceKind.PopulationWeightedMean),
        ], loose: true);

    // The fallback: a reference computed from the units' figures, or none; never the published figure whose absence it replaces.
    private static readonly ValueCodec<ReferenceKind?> Fallbacks = ValueCodec.Of<ReferenceKind?>(s =>
    {
        const string expected = "expected median, mean, weighted or none.";
        if (s.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        ReferenceKind kind;
        try { kind = References.Parse(s); }
        catch (FormatException) { throw new FormatException($"'{s}' is not a fallback reference; {expected}"); }
        return kind == ReferenceKind.PublishedNational
            ? throw new FormatException($"'{s}' is the published national figure, the level whose absence the fallback replaces; {expected}")
            : kind;
    }, ScoringText.Fallback, "median, mean, weighted or none");

    private static readonly ValueCodec<BoundaryEra> Eras = ValueCodec.Era();

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    // ==== The table =============================================================================================

    private static StudySpecification InScoring(StudySpecification s, Func<ScoringSpec, ScoringSpec> change) => s with { Scoring = change(s.Scoring) };

    private static StudySpecification InEstimation(StudySpecification s, Func<EstimationSpec, EstimationSpec> change) => s with { Estimation = change(s.Estimation) };

    private static StudySpecification InSensitivity(StudySpecification s, Func<SensitivityDesign, SensitivityDesign> change) => s with { Sensitivity = change(s.Sensitivity) };

    private static StudySpecification InMigration(StudySpecification s, Func<MigrationChoices, MigrationChoices> change) => s with { Migration = change(s.Migration) };

    private static StudySpecification InClaims(StudySpecification s, Func<ClaimChoices, ClaimChoices> change) => s with { Claims = change(s.Claims) };

    private static SpecificationField<T> Field<T>(string path, string[] aliases, string help, ValueCodec<T> codec,
        Func<StudySpecification, T> get, Func<StudySpecification, T, StudySpecification> set, FieldGroup? group = null) =>
        new(path, aliases, help, codec, get, set) { Group = group };

    // The band scale's thresholds, points and labels: given together or alone, they must agree in number.
    private static readonly FieldGroup Scale = new(ApplyScale);

    /// <summary>What «the average national level» is: the published national figure (the paper's reading), or the mean, population-weighted mean or median of the regions.</summary>
    public static readonly SpecificationField<ReferenceKind> ScoringReference = Field("scoring.reference", ["reference"],
        "What «the average national level» is: the published national figure (the paper's reading), or the unweighted mean, the population-weighted mean or the median of the year's regions.",
        References, s => s.Scoring.Reference, (s, v) => InScoring(s, x => x with { Reference = v }));

    /// <summary>The reference of an indicator in a year without its reference (no published national figure, e.g. the wage before 2022).</summary>
    public static readonly SpecificationField<ReferenceKind?> ScoringReferenceFallback = Field("scoring.reference_fallback", ["reference_fallback", "referenceFallback"],
        "The reference of an indicator in a year whose reference cannot be formed (no published national figure, e.g. the average wage before 2022); none leaves those cells unscored.",
        Fallbacks, s => s.Scoring.ReferenceFallback, (s, v) => InScoring(s, x => x with { ReferenceFallback = v }));

    /// <summary>The band thresholds in percent of the reference.</summary>
    public static readonly SpecificationField<ImmutableArray<double>> ScoringThresholds = Field("scoring.thresholds", ["thresholds"],
        "Band thresholds in percent of the reference (the paper: <70, 70–94, 95–104, 105–149, ≥150); none: one band. A different number of thresholds needs points (and labels) to match.",
        ValueCodec.Numbers("70,95,105,150", none: "none", increasing: true), s => s.Scoring.Bands.Thresholds, (s, v) => ApplyScale(s, new Dictionary<SpecificationField, object> { [ScoringThresholds!] = v }), Scale);

    /// <summary>The points of each band, lowest first.</summary>
    public static readonly SpecificationField<ImmutableArray<double>> ScoringPoints = Field("scoring.points", ["points"],
        "Points of each band, lowest first: one more than the thresholds (the paper: −2, −1, 0.5, 1, 2).",
        ValueCodec.Numbers("-2,-1,0.5,1,2"), s => [.. s.Scoring.Bands.Bands.Select(b => b.Points)],
        (s, v) => ApplyScale(s, new Dictionary<SpecificationField, object> { [ScoringPoints!] = v }), Scale);

    /// <summary>The label of each band, lowest first.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> ScoringLabels = Field("scoring.labels", ["labels"],
        "Label of each band, lowest first, one per band.",
        ValueCodec.Labels(), s => [.. s.Scoring.Bands.Bands.Select(b => b.Label)],
        (s, v) => ApplyScale(s, new Dictionary<SpecificationField, object> { [ScoringLabels!] = v }), Scale);

    /// <summary>Which band a value on a threshold belongs to.</summary>
    public static readonly SpecificationField<BoundaryRule> ScoringBoundary = Field("scoring.boundary", ["boundary"],
        "Which band a value on a threshold belongs to: lower (the band whose lower bound it reaches), upper (the band below), rounded (the ratio rounded to a whole percent first, as printed).",
        ValueCodec.Choice("a boundary rule", Enum.GetValues<BoundaryRule>(), ScoringText.Code,
            [
                ("lower_bound", BoundaryRule.LowerBoundInclusive), ("lower_bound_inclusive", BoundaryRule.LowerBoundInclusive),
                ("upper_bound", BoundaryRule.UpperBoundInclusive), ("upper_bound_inclusive", BoundaryRule.UpperBoundInclusive),
                ("printed", BoundaryRule.WholePercentRounded), ("whole_percent_rounded", BoundaryRule.WholePercentRounded),
            ], loose: true),
        s => s.Scoring.Bands.Rule, (s, v) => InScoring(s, x => x with { Bands = x.Bands with { Rule = v } }));

    /// <summary>Indicators scored lower-is-better.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> ScoringInvert = Field("scoring.invert", ["invert"],
        "Indicators scored lower-is-better (ratio = reference ÷ value); none: every indicator higher-is-better, as the paper scores them.",
        ValueCodec.Names("none"), s => s.Scoring.Inverted, (s, v) => InScoring(s, x => x with { Inverted = v }));

    /// <summary>The indicators scored.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> ScoringIndicators = Field("scoring.indicators", ["indicators"],
        "Indicators scored, in display order; all: every indicator of the panel.",
        ValueCodec.Names("all"), s => s.Scoring.Indicators, (s, v) => InScoring(s, x => x with { Indicators = v }));

    /// <summary>Indicator weights of the weighted aggregations.</summary>
    public static readonly SpecificationField<ImmutableDictionary<string, double>> ScoringWeights = Field("scoring.weights", ["weights"],
        "Indicator weights of weighted_sum and weighted_mean (unlisted indicators weigh 1); none: every weight 1.",
        ValueCodec.Weights(), s => s.Scoring.Weights, (s, v) => InScoring(s, x => x with { Weights = v }));

    /// <summary>How a region's points add up.</summary>
    public static readonly SpecificationField<Aggregation> ScoringAggregation = Field("scoring.aggregation", ["aggregation"],
        "How a region's points add up: sum (the paper), weighted_sum, weighted_mean.",
        ValueCodec.Choice("an aggregation", Enum.GetValues<Aggregation>(), ScoringText.Code, [("mean", Aggregation.WeightedMean)], loose: true),
        s => s.Scoring.Aggregation, (s, v) => InScoring(s, x => x with { Aggregation = v }));

    /// <summary>The years Figure 3 scores.</summary>
    public static readonly SpecificationField<ImmutableArray<int>> ScoringYears = Field("scoring.years", [],
        "Years Figure 3 scores; all: every year of the panel.",
        ValueCodec.YearSet(), s => s.Scoring.Years, (s, v) => InScoring(s, x => x with { Years = v }));

    /// <summary>Which BNS price per m² is the factor «housing prices».</summary>
    public static readonly SpecificationField<HousingPrice> ScoringHousing = Field("scoring.housing", ["housing"],
        "Which BNS price per m² is Figure 3's factor «housing prices»: resale apartments (all 20 units in 2022, no programme prices) or new housing.",
        ValueCodec.Choice("a housing price", Enum.GetValues<HousingPrice>(), p => (HousingChoice.Default with { Price = p }).PriceCode,
            [("secondary", HousingPrice.Resale), ("primary", HousingPrice.New)]),
        s => s.Scoring.Housing.Price, (s, v) => InScoring(s, x => x with { Housing = x.Housing with { Price = v } }));

    /// <summary>Whether the fixed prices of state housing programmes are scored.</summary>
    public static readonly SpecificationField<ProgrammePrices> ScoringProgrammePrices = Field("scoring.programme_prices", ["programme_prices", "programmePrices"],
        "Whether the fixed prices of state housing programmes (new housing only) are scored: excluded (they stay missing) or included.",
        ValueCodec.Choice("a choice", Enum.GetValues<ProgrammePrices>(), p => (HousingChoice.Default with { Programme = p }).ProgrammeCode,
            [("exclude", ProgrammePrices.Excluded), ("no", ProgrammePrices.Excluded), ("include", ProgrammePrices.Included), ("yes", ProgrammePrices.Included)]),
        s => s.Scoring.Housing.Programme, (s, v) => InScoring(s, x => x with { Housing = x.Housing with { Programme = v } }));

    /// <summary>Whose arrivals and departures K = A ÷ D divides.</summary>
    public static readonly SpecificationField<Flow> MigrationFlow = Field("migration.flow", ["flow"],
        "Whose arrivals and departures the attractiveness coefficient K = A ÷ D divides: interregional (moves between regions), internal (with moves inside a region) or all (with international moves).",
        ValueCodec.Choice("a flow", Enum.GetValues<Flow>(), Codes.Of), s => s.Migration.CoefficientFlow, (s, v) => InMigration(s, x => x with { CoefficientFlow = v }));

    /// <summary>The boundaries regions are counted and ranked on.</summary>
    public static readonly SpecificationField<BoundaryEra> MigrationBoundaries = Field("migration.boundaries", ["boundaries"],
        "Boundaries regions are counted and ranked on: 2015 (16 units), 2018 (17 units) or 2022 (20 units).",
        Eras, s => s.Migration.Boundaries, (s, v) => InMigration(s, x => x with { Boundaries = v }));

    /// <summary>«The analysed period» of Figures 1–2 and the paper's statements.</summary>
    public static readonly SpecificationField<(int From, int To)> MigrationYears = Field<(int From, int To)>("migration.years", [],
        "«The analysed period» of Figures 1–2 and the paper's statements about them (its last year is the year of the 2022 statements).",
        ValueCodec.YearRange(), s => (s.Migration.FirstYear, s.Migration.LastYear), (s, v) => InMigration(s, x => x with { FirstYear = v.From, LastYear = v.To }));

    /// <summary>The population every migration rate divides by (rates, K's context tables, the panel, ACMI).</summary>
    public static readonly SpecificationField<PopulationBasis> MigrationPopulation = Field("migration.population", ["population"],
        "Population every migration rate divides by: mean (of 1 January of the year and of the next), start (1 January of the year) or end (1 January of the next).",
        ValueCodec.Choice("a population basis", Enum.GetValues<PopulationBasis>(), RateDenominator.Code), s => s.Migration.Population, (s, v) => InMigration(s, x => x with { Population = v }));

    /// <summary>The net migration panel's indicators.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> EstimationIndicators = Field("estimation.indicators", [],
        "Indicators of the net migration panel, each entering as log(value ÷ national value).",
        ValueCodec.Names(null), s => [.. s.Estimation.Indicators], (s, v) => InEstimation(s, x => x with { Indicators = v }));

    /// <summary>Whether the panel's regressors are lagged one year.</summary>
    public static readonly SpecificationField<bool> EstimationLag = Field("estimation.lag", ["lag"],
        "Whether the panel's regressors are those of the year before the outcome (the paper: migration responds «with a certain lag»).",
        ValueCodec.YesNo(), s => s.Estimation.Lag, (s, v) => InEstimation(s, x => x with { Lag = v }));

    /// <summary>The panel's outcome years.</summary>
    public static readonly SpecificationField<(int From, int To)> EstimationYears = Field<(int From, int To)>("estimation.years", [],
        "Outcome years of the net migration panel.",
        ValueCodec.YearRange(), s => (s.Estimation.FromYear, s.Estimation.ToYear), (s, v) => InEstimation(s, x => x with { FromYear = v.From, ToYear = v.To }));

    /// <summary>How the panel's units are formed across boundary changes.</summary>
    public static readonly SpecificationField<PanelUnits> EstimationUnits = Field("estimation.units", ["units"],
        "How the panel's units are formed across the boundary changes: territory (a changed territory is a new unit) or stable (only the units that never changed).",
        ValueCodec.Choice("a way of forming panel units", Enum.GetValues<PanelUnits>(), Lower), s => s.Estimation.Units, (s, v) => InEstimation(s, x => x with { Units = v }));

    /// <summary>The wild cluster bootstrap's weights.</summary>
    public static readonly SpecificationField<BootstrapWeights> EstimationWeights = Field("estimation.weights", [],
        "Weights of the wild cluster bootstrap: webb (six points, for few clusters) or rademacher (±1).",
        ValueCodec.Choice("a kind of bootstrap weights", Enum.GetValues<BootstrapWeights>(), Lower), s => s.Estimation.Weights, (s, v) => InEstimation(s, x => x with { Weights = v }));

    /// <summary>Bootstrap replications B.</summary>
    public static readonly SpecificationField<int> EstimationReplications = Field("estimation.replications", ["replications"],
        "Replications B of the wild cluster bootstrap (time and memory grow with B).",
        ValueCodec.WholeNumber(WildBootstrapChoices.MinReplications, 1_000_000), s => s.Estimation.Replications, (s, v) => InEstimation(s, x => x with { Replications = v }));

    /// <summary>The bootstrap's seed.</summary>
    public static readonly SpecificationField<ulong> EstimationSeed = Field("estimation.seed", [],
        "Seed of the wild cluster bootstrap.",
        ValueCodec.Seed(), s => s.Estimation.Seed, (s, v) => InEstimation(s, x => x with { Seed = v }));

    /// <summary>The intervals' nominal coverage.</summary>
    public static readonly SpecificationField<double> EstimationConfidence = Field("estimation.confidence", ["confidence"],
        "Nominal coverage of the panel's intervals.",
        ValueCodec.Number(0, 1, ValueCodec.Bounds.Open), s => s.Estimation.Confidence, (s, v) => InEstimation(s, x => x with { Confidence = v }));

    /// <summary>The gravity model's flow years.</summary>
    public static readonly SpecificationField<ImmutableArray<int>> EstimationGravityYears = Field("estimation.gravity_years", ["gravity_years"],
        "Flow years of the gravity models (years of the origin–destination matrix).",
        ValueCodec.YearList(), s => [.. s.Estimation.GravityYears], (s, v) => InEstimation(s, x => x with { GravityYears = v }));

    /// <summary>The boundary era the gravity model is estimated on.</summary>
    public static readonly SpecificationField<string> EstimationGravityEra = Field("estimation.gravity_era", ["gravity_era"],
        "Boundary era the gravity models are estimated on (flows are aggregated to it; its indicators must exist): 2015, 2018 or 2022.",
        ValueCodec.Of(s => Eras.Parse(s).Id, id => id, Eras.Values), s => s.Estimation.GravityEra, (s, v) => InEstimation(s, x => x with { GravityEra = v }));

    /// <summary>The panel's reported interval.</summary>
    public static readonly SpecificationField<BootstrapInterval> EstimationInterval = Field("estimation.interval", ["interval"],
        "The panel's reported interval: wcr (the restricted wild bootstrap test inverted, boottest's default) or wcu (the unrestricted percentile-t interval).",
        ValueCodec.Choice("an interval", Enum.GetValues<BootstrapInterval>(), Lower), s => s.Estimation.Interval, (s, v) => InEstimation(s, x => x with { Interval = v }));

    /// <summary>How the gravity models' errors are clustered.</summary>
    public static readonly SpecificationField<GravityClustering> EstimationGravityCluster = Field("estimation.gravity_cluster", ["gravity_cluster"],
        "How the gravity models' errors are clustered: pair (by ordered region pair) or origin-destination (two-way, by origin and by destination).",
        ValueCodec.Choice("a clustering", Enum.GetValues<GravityClustering>(), c => c == GravityClustering.Pair ? "pair" : "origin-destination"),
        s => s.Estimation.GravityCluster, (s, v) => InEstimation(s, x => x with { GravityCluster = v }));

    /// <summary>Whether the gravity models carry a city–hinterland dummy.</summary>
    public static readonly SpecificationField<bool> EstimationCityHinterland = Field("estimation.city_hinterland", ["city_hinterland"],
        "Whether the gravity models carry a dummy for the flows between a city of republican significance and the region around it.",
        ValueCodec.YesNo(), s => s.Estimation.CityHinterland, (s, v) => InEstimation(s, x => x with { CityHinterland = v }));

    /// <summary>The push–pull model's factors.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> EstimationPushPull = Field("estimation.push_pull", ["push_pull"],
        "Factors of the push–pull model, each entering as log(destination ÷ origin); housing_price_per_m2 is the study's housing choice.",
        ValueCodec.Names(null, distinct: true), s => [.. s.Estimation.PushPull], (s, v) => InEstimation(s, x => x with { PushPull = v }));

    /// <summary>The paths the Monte Carlo varies.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> SensitivityVary = Field("sensitivity.vary", ["vary"],
        $"Paths of the scoring the Monte Carlo varies ({ValueCodec.Alternatives(SensitivityDesign.VariablePaths)}); none: it varies nothing.",
        VaryCodec(), s => s.Sensitivity.Vary, (s, v) => InSensitivity(s, x => x with { Vary = v }));

    /// <summary>Monte Carlo draws N.</summary>
    public static readonly SpecificationField<int> SensitivityDraws = Field("sensitivity.draws", ["draws"],
        "Monte Carlo draws N (a run costs N × (choices + 2) scorings).",
        ValueCodec.WholeNumber(1, KzMigration.Scoring.Sensitivity.MaxDraws), s => s.Sensitivity.Draws, (s, v) => InSensitivity(s, x => x with { Draws = v }));

    /// <summary>The Monte Carlo's seed.</summary>
    public static readonly SpecificationField<ulong> SensitivitySeed = Field("sensitivity.seed", ["seed"],
        "Seed of the Monte Carlo.",
        ValueCodec.Seed(), s => s.Sensitivity.Seed, (s, v) => InSensitivity(s, x => x with { Seed = v }));

    /// <summary>Half-width of the thresholds' shift.</summary>
    public static readonly SpecificationField<double> SensitivityThresholdJitter = Field("sensitivity.threshold_jitter", ["threshold_jitter", "thresholdJitter"],
        "Half-width of the uniform shift of every threshold, percentage points.",
        ValueCodec.Number(0, 1000), s => s.Sensitivity.ThresholdJitter, (s, v) => InSensitivity(s, x => x with { ThresholdJitter = v }));

    /// <summary>Half-width of the points' shift.</summary>
    public static readonly SpecificationField<double> SensitivityPointJitter = Field("sensitivity.point_jitter", ["point_jitter", "pointJitter"],
        "Half-width of the uniform shift of every band's points.",
        ValueCodec.Number(0, 1000), s => s.Sensitivity.PointJitter, (s, v) => InSensitivity(s, x => x with { PointJitter = v }));

    /// <summary>The references the Monte Carlo samples among.</summary>
    public static readonly SpecificationField<ImmutableArray<ReferenceKind>> SensitivityReferences = Field("sensitivity.references", ["references"],
        "References the Monte Carlo samples among; all: every reference the panel supports.",
        ValueCodec.Of<ImmutableArray<ReferenceKind>>(
            s => s.Equals("all", StringComparison.OrdinalIgnoreCase) ? [] : [.. s.Split(',', StringSplitOptions.TrimEntries).Select(References.Parse).Distinct()],
            r => r.IsEmpty ? "all" : string.Join(",", r.Select(ReferenceCode)), $"references separated by commas ({References.Values}), or all"),
        s => s.Sensitivity.References, (s, v) => InSensitivity(s, x => x with { References = v }));

    /// <summary>Indicators whose polarity the Monte Carlo flips together.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> SensitivityInvert = Field("sensitivity.invert", [],
        "Indicators whose polarity the Monte Carlo flips together, as one choice; none: no such choice.",
        ValueCodec.Names("none"), s => s.Sensitivity.Invert, (s, v) => InSensitivity(s, x => x with { Invert = v }));

    /// <summary>Indicators whose polarity is a choice of its own.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> SensitivityInvertSeparately = Field("sensitivity.invert_separately", ["invert_separately"],
        "Indicators whose polarity the Monte Carlo flips each on its own (the housing price: attractive or a cost).",
        ValueCodec.Names("none"), s => s.Sensitivity.InvertSeparately, (s, v) => InSensitivity(s, x => x with { InvertSeparately = v }));

    /// <summary>Indicators the Monte Carlo may leave out.</summary>
    public static readonly SpecificationField<ImmutableArray<string>> SensitivityLeaveOut = Field("sensitivity.leave_out", ["leave_out"],
        "Indicators the Monte Carlo may leave out, one at a time; all: every scored indicator.",
        ValueCodec.Names("all"), s => s.Sensitivity.LeaveOut, (s, v) => InSensitivity(s, x => x with { LeaveOut = v }));

    /// <summary>The band of negligible effects on net migration (claims E1–E3).</summary>
    public static readonly SpecificationField<double> ClaimsNegligibleNetMigration = Field("claims.negligible_net_migration_per_1000",
        ["negligible_net_migration_per_1000", "negligibleNetMigrationPer1000"],
        "Band of negligible effects of the factor claims E1–E3 on net migration: persons per 1,000 population a year, per 10 % higher indicator (the workbench's choice, not the paper's).",
        ValueCodec.Number(0, 1000, ValueCodec.Bounds.LowerOpen), s => s.Claims.NegligibleNetMigrationPer1000, (s, v) => InClaims(s, x => x with { NegligibleNetMigrationPer1000 = v }));

    /// <summary>The band of negligible effects on a flow (claims E1–E3).</summary>
    public static readonly SpecificationField<double> ClaimsNegligibleFlow = Field("claims.negligible_flow_percent", ["negligible_flow_percent", "negligibleFlowPercent"],
        "Band of negligible effects of the factor claims E1–E3 on a flow between two regions: percent of the flow, per 10 % higher ratio (the workbench's choice, not the paper's).",
        ValueCodec.Number(0, 1000, ValueCodec.Bounds.LowerOpen), s => s.Claims.NegligibleFlowPercent, (s, v) => InClaims(s, x => x with { NegligibleFlowPercent = v }));

    /// <summary>Every field, in the order the text form writes them (section by section).</summary>
    public static IReadOnlyList<SpecificationField> All { get; } =
    [
        ScoringReference, ScoringReferenceFallback, ScoringThresholds, ScoringPoints, ScoringLabels, ScoringBoundary, ScoringInvert,
        ScoringIndicators, ScoringWeights, ScoringAggregation, ScoringYears, ScoringHousing, ScoringProgrammePrices,
        MigrationFlow, MigrationBoundaries, MigrationYears, MigrationPopulation,
        EstimationIndicators, EstimationLag, EstimationYears, EstimationUnits, EstimationWeights, EstimationReplications, EstimationSeed,
        EstimationConfidence, EstimationGravityYears, EstimationGravityEra, EstimationInterval, EstimationGravityCluster,
        EstimationCityHinterland, EstimationPushPull,
        SensitivityVary, SensitivityDraws, SensitivitySeed, SensitivityThresholdJitter, SensitivityPointJitter, SensitivityReferences,
        SensitivityInvert, SensitivityInvertSeparately, SensitivityLeaveOut,
        ClaimsNegligibleNetMigration, ClaimsNegligibleFlow,
    ];

    /// <summary>The sections, in order: scoring, migration, estimation, sensitivity, claims.</summary>
    public static IReadOnlyList<string> Sections { get; } = [.. All.Select(f => f.Section).Distinct()];

    // Every name a field answers to (path or alias, case-insensitive); built once, refusing a name given to two fields.
    private static readonly Dictionary<string, SpecificationField> ByName = Index();

    private static Dictionary<string, SpecificationField> Index()
    {
        var index = new Dictionary<string, SpecificationField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in All)
            foreach (var name in field.Aliases.Prepend(field.Path))
                if (!index.TryAdd(name, field))
                    throw new InvalidOperationException($"the specification's name '{name}' is given to both {index[name].Path} and {field.Path}");
        return index;
    }

    /// <summary>The field a name means (its path or one of its aliases, any case), or null.</summary>
    public static SpecificationField? Find(string name) => ByName.GetValueOrDefault((name ?? "").Trim());

    /// <summary>The fields of other sections with the same name within their section (<c>estimation.years</c> for <c>scoring.years</c>).</summary>
    public static IReadOnlyList<SpecificationField> Namesakes(SpecificationField field) =>
        [.. All.Where(f => f != field && f.Name.Equals(field.Name, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// The field <paramref name="name"/> means, as <see cref="Find"/>; a name that several sections' fields share and none
    /// owns (<c>years</c>) throws <see cref="FormatException"/> naming them all; any other unknown name throws naming the
    /// closest field. <paramref name="reader"/> starts the message (e.g. «Specification»).
    /// </summary>
    public static SpecificationField Resolve(string name, string reader = "Specification")
    {
        if (Find(name) is { } field) return field;
        var written = (name ?? "").Trim();
        var shared = All.Where(f => f.Name.Equals(written, StringComparison.OrdinalIgnoreCase)).ToList();
        if (shared.Count > 0)
            throw new FormatException($"{reader}: '{written}' names a field of {(shared.Count == 2 ? "two sections" : "several sections")}: " +
                string.Join("; ", shared.Select(f => $"{f.Path} ({Lowered(f.Help)})")) +
                $"; write the one you mean with its section, e.g. \"{shared[^1].Path}={shared[^1].Default}\".");
        throw new FormatException($"{reader}: unknown path '{written}'; the closest field is {Describe(Closest(written, All))} ('kzmig spec' lists every field).");
    }

    private static string Lowered(string help) => help.Length == 0 ? help : char.ToLowerInvariant(help[0]) + help[1..].TrimEnd('.');

    /// <summary>«'thresholds' (scoring.thresholds)», or «'estimation.years'» for a field without alias.</summary>
    internal static string Describe(SpecificationField field) => field.Aliases.Count > 0 ? $"'{field.ShortName}' ({field.Path})" : $"'{field.Path}'";

    /// <summary>
    /// The field among <paramref name="candidates"/> whose path, name or alias is closest to <paramref name="name"/> (edit
    /// distance, <see cref="RegionName.EditDistance"/>; the first in table order on a tie).
    /// </summary>
    public static SpecificationField Closest(string name, IEnumerable<SpecificationField> candidates)
    {
        var key = (name ?? "").Trim().ToLowerInvariant();
        return candidates
            .Select((f, order) => (Field: f, Order: order, Distance: f.Aliases.Append(f.Path).Append(f.Name).Min(n => RegionName.EditDistance(key, n.ToLowerInvariant()))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Order).First().Field;
    }

    // sensitivity.vary: paths the design can vary, each once, kept in the design's order; none for the empty list.
    private static ValueCodec<ImmutableArray<string>> VaryCodec()
    {
        var values = $"paths separated by commas ({ValueCodec.Alternatives(SensitivityDesign.VariablePaths)}), each once, or none";
        return ValueCodec.Of<ImmutableArray<string>>(s =>
        {
            if (s.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
            var paths = s.Split(',', StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToList();
            if (paths.FirstOrDefault(p => !SensitivityDesign.VariablePaths.Contains(p)) is { } unknown)
                throw new FormatException($"'{unknown}' is not a path the design can vary; expected {values}.");
            if (paths.Distinct().Count() != paths.Count) throw new FormatException($"'{s}' names a path twice; expected {values}.");
            return [.. SensitivityDesign.VariablePaths.Where(paths.Contains)];
        }, vary => vary.IsEmpty ? "none" : string.Join(",", vary), values);
    }

    // The band scale from the given thresholds, points and labels: the others kept where they still fit (labels become
    // «band k» when the number of bands changes and none are given), a count that cannot fit refused naming the field (the
    // parser puts the field's name and text in front of the reason).
    private static StudySpecification ApplyScale(StudySpecification spec, IReadOnlyDictionary<SpecificationField, object> given)
    {
        var baseline = spec.Scoring.Bands;
        var thresholds = given.TryGetValue(ScoringThresholds, out var t) ? (ImmutableArray<double>)t : baseline.Thresholds;
        var n = thresholds.Length + 1;
        ImmutableArray<double> points;
        if (given.TryGetValue(ScoringPoints, out var p))
        {
            points = (ImmutableArray<double>)p;
            if (points.Length != n)
                throw new FieldException(ScoringPoints, $"has {points.Length} values; {thresholds.Length} thresholds make {n} bands, one value each, lowest first.");
        }
        else if (baseline.Bands.Length == n) points = [.. baseline.Bands.Select(b => b.Points)];
        else throw new FieldException(ScoringThresholds, $"makes {n} bands ({thresholds.Length} thresholds), so points needs {n} values too (e.g. points=\"…\").");
        ImmutableArray<string> labels;
        if (given.TryGetValue(ScoringLabels, out var l))
        {
            labels = (ImmutableArray<string>)l;
            if (labels.Length != n) throw new FieldException(ScoringLabels, $"has {labels.Length} labels; the scale has {n} bands.");
        }
        else labels = baseline.Bands.Length == n ? [.. baseline.Bands.Select(b => b.Label)] : [.. Enumerable.Range(1, n).Select(k => $"band {k}")];
        return InScoring(spec, x => x with { Bands = new BandScale(thresholds, points.Select((v, k) => new Band(labels[k], v)), baseline.Rule) });
    }
}
