using KzMigration.Specification;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Scoring;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>
/// The bridge from the loaded data (<see cref="WorkbenchData"/>) to the scoring engine (<see cref="Scorecard"/>): the
/// paper's Figure 3 indicators as a scoring panel, boundary eras respected, with what is missing listed as data, built under
/// one study specification (<see cref="Specification"/>: its housing choice and analysed period build the panel, its
/// scoring scores it, its migration side relates the scores to migration), which every table built from it records.
/// Notebooks use this type and never touch the data layer's region × year table, so the two panel types of the
/// library never meet in one notebook. Build it with <see cref="SocioEconomicScoring.From(WorkbenchData, StudySpecification)"/>.
/// </summary>
public sealed class SocioEconomicPanel : IStudyResult
{
    private readonly IReadOnlyDictionary<string, Region> _regions;

    private readonly IReadOnlyDictionary<(string Region, string Indicator, int Year), IndicatorObservation> _observations;

    internal SocioEconomicPanel(WorkbenchData data, IndicatorPanel panel, IReadOnlyList<FactorStatus> factors, IReadOnlyList<ExcludedFigure> excluded,
        IReadOnlyList<(string Indicator, IndicatorObservation Observation)> scored, StudySpecification specification)
    {
        _observations = scored.ToDictionary(x => (IndicatorPanel.Key(x.Observation.Region.Key), x.Indicator, x.Observation.Year), x => x.Observation);
        Figures = scored;
        Data = data;
        Panel = panel;
        Factors = factors;
        Excluded = excluded;
        Indicators = [.. factors.Where(f => f.Available).Select(f => f.Factor.IndicatorId)];
        _regions = data.Regions.All.ToDictionary(r => IndicatorPanel.Key(r.Key), StringComparer.Ordinal);
        Specification = specification;
        Spec = Resolved(specification.Scoring);
    }

    // The same panel (data, figures, factors) under another specification of the same housing choice and period.
    private SocioEconomicPanel(SocioEconomicPanel panel, StudySpecification specification)
    {
        _observations = panel._observations;
        _regions = panel._regions;
        Figures = panel.Figures;
        Data = panel.Data;
        Panel = panel.Panel;
        Factors = panel.Factors;
        Excluded = panel.Excluded;
        Indicators = panel.Indicators;
        Specification = specification;
        Spec = Resolved(specification.Scoring);
    }

    /// <summary>
    /// The study's specification the panel was built under and its tables record (as given: <c>indicators=all</c> stays
    /// «all», the scoring resolves it in <see cref="Spec"/>).
    /// </summary>
    public StudySpecification Specification { get; }

    /// <summary>
    /// The scoring this panel scores with (<see cref="Score"/>): the specification's scoring, every indicator of the panel in
    /// the paper's order when it names none.
    /// </summary>
    public ScoringSpec Spec { get; }

    /// <summary>The recorded housing choice the panel's <see cref="HousingChoice.FactorId"/> column was built with.</summary>
    public HousingChoice Housing => Specification.Scoring.Housing;

    /// <summary>The scoring of the panel under its specification (<see cref="Scorecard.Score"/> with <see cref="Spec"/>).</summary>
    public Scorecard Score() => Scorecard.Score(Panel, Spec);

    /// <summary>
    /// The panel under another specification: this panel's data and figures when <paramref name="specification"/> records the
    /// same housing choice and analysed period, else the panel rebuilt from the same data under it.
    /// </summary>
    public SocioEconomicPanel For(StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return specification.Scoring.Housing == Housing && SamePeriod(specification.Migration, Specification.Migration)
            ? new SocioEconomicPanel(this, specification)
            : SocioEconomicScoring.From(Data, specification);
    }

    /// <summary>
    /// The panel under this specification with the scoring <paramref name="spec"/> (rebuilt from the same data when it records
    /// another housing choice): score a spec on <c>panel.For(spec).Panel</c>.
    /// </summary>
    public SocioEconomicPanel For(ScoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return For(Specification with { Scoring = spec });
    }

    /// <summary>
    /// What a result scored with <paramref name="scored"/> on this panel records: this specification with that scoring, its
    /// indicators «as given» when they are the panel's default resolution (so the paper's scoring records as the paper's).
    /// Refuses a scoring of another housing choice than the panel's (its housing column would be mislabelled).
    /// </summary>
    internal StudySpecification Record(ScoringSpec scored)
    {
        if (scored.Housing != Housing)
            throw new ArgumentException($"The result was scored with {scored.Housing} but this panel holds {Housing}; build the panel with panel.For(spec).", nameof(scored));
        var asGiven = scored.Indicators.Select(IndicatorPanel.Key).SequenceEqual(Spec.Indicators.Select(IndicatorPanel.Key))
            ? Specification.Scoring.Indicators : scored.Indicators;
        return Specification with { Scoring = scored with { Indicators = asGiven } };
    }

    /// <summary>The tables of a result scored on this panel: its columns, recording what the result was computed with.</summary>
    internal StudyTable Table(Scorecard result, params DataFrameColumn[] columns) => new(Record(result.Spec), columns);

    /// <summary>A table of the panel alone (its factors, figures, references): recording the panel's specification.</summary>
    internal StudyTable Table(params DataFrameColumn[] columns) => new(Specification, columns);

    /// <summary>Refuses a result scored with another housing choice than this panel's (its housing column would be mislabelled).</summary>
    internal void CheckSameHousing(Scorecard result) => Record(result.Spec);

    /// <summary>First and last year of the analysed period the panel holds (<see cref="MigrationChoices.FirstYear"/>–<see cref="MigrationChoices.LastYear"/>).</summary>
    public (int First, int Last) Period => (Specification.Migration.FirstYear, Specification.Migration.LastYear);

    private static bool SamePeriod(MigrationChoices a, MigrationChoices b) => a.FirstYear == b.FirstYear && a.LastYear == b.LastYear;

    // The specification's scoring on this panel: «all indicators» resolved to the panel's, in the paper's order.
    private ScoringSpec Resolved(ScoringSpec scoring) =>
        scoring.Indicators.IsEmpty ? scoring with { Indicators = [.. Indicators] } : scoring;

    /// <summary>The data the panel was built from (bundled data plus any overlay).</summary>
    public WorkbenchData Data { get; }

    /// <summary>The scoring panel: region keys (e.g. <c>almaty-city</c>) × the available factors × years, national rows as "kazakhstan", population weights from <c>population_end_of_year</c>.</summary>
    public IndicatorPanel Panel { get; }

    /// <summary>Every factor of the paper, available or not, in the paper's order.</summary>
    public IReadOnlyList<FactorStatus> Factors { get; }

    /// <summary>The factors that cannot be scored with the data at hand.</summary>
    public IReadOnlyList<FactorStatus> Missing => [.. Factors.Where(f => !f.Available)];

    /// <summary>Indicator keys scored, in the paper's order.</summary>
    public IReadOnlyList<string> Indicators { get; }

    /// <summary>Figures left out because they refer to another territory than the unit had in their year.</summary>
    public IReadOnlyList<ExcludedFigure> Excluded { get; }

    /// <summary>The figures the panel holds (national rows included), each under the factor it stands for, with its source, status and note.</summary>
    public IReadOnlyList<(string Indicator, IndicatorObservation Observation)> Figures { get; }

    /// <summary>The figure behind a panel cell (region key or name, factor, year), or null when the cell is missing.</summary>
    public IndicatorObservation? Figure(string region, string indicator, int year) =>
        _observations.TryGetValue((IndicatorPanel.Key(region), indicator, year), out var o) ? o : null;

    /// <summary>Years of the panel, ascending.</summary>
    public IReadOnlyList<int> Years => Panel.Years;

    /// <summary>The paper's scoring (<see cref="ScoringSpec.Paper"/>) of the available factors, in the paper's order.</summary>
    public ScoringSpec PaperSpec => ScoringSpec.Paper with { Indicators = [.. Indicators], Housing = Housing };

    /// <summary>The registry region of a panel region name (or any spelling of its key).</summary>
    public Region Region(string panelRegion) =>
        _regions.TryGetValue(IndicatorPanel.Key(panelRegion), out var r) ? r
        : throw new KeyNotFoundException($"'{panelRegion}' is not a region of the registry.");

    /// <summary>The name of a panel region in <paramref name="language"/> (en, ru, kk; <see cref="RegionLabels"/>).</summary>
    public string Label(string panelRegion, string language = "en") => RegionLabels.Of(Region(panelRegion), language);

    /// <summary>Labels of every region of the panel in <paramref name="language"/>, keyed by panel region name.</summary>
    public IReadOnlyDictionary<string, UnitLabel> Labels(string language = "en")
    {
        RegionLabels.Check(language);
        return Panel.Regions.ToDictionary(r => r, r => new UnitLabel(Label(r, language), Region(r).Kind == RegionKind.City), StringComparer.Ordinal);
    }

    /// <summary>Short labels of the scored indicators, keyed by indicator key (e.g. "grp_per_capita" → "GRP per capita").</summary>
    public IReadOnlyDictionary<string, string> IndicatorLabels =>
        Factors.ToDictionary(f => f.Factor.IndicatorId, f => f.Factor.ShortLabel, StringComparer.Ordinal);
}
