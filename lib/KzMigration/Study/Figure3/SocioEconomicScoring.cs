using KzMigration.Specification;
using KzMigration.Runs;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Scoring;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>
/// One socio-economic factor of the paper's Figure 3 (Bokayev &amp; Akhmetova, Results, Figure 3 and the paragraph
/// after it) and the workbench indicator that measures it.
/// </summary>
/// <param name="Name">The factor in the paper's words, e.g. "GRP per capita".</param>
/// <param name="IndicatorId">Indicator key the workbench reads (data/indicators.csv, or a user overlay).</param>
/// <param name="ShortLabel">Column label for tables and charts.</param>
/// <param name="PaperWording">Where the paper names it (quoted).</param>
/// <param name="Reading">How the workbench reads the factor, and what differs from the paper.</param>
/// <param name="Kind">What the indicator measures (indicators.csv kinds: count, average, rate, ratio); declared on import when the bundle lacks it.</param>
public sealed record PaperFactor(string Name, string IndicatorId, string ShortLabel, string PaperWording, string Reading, string Kind = "average");

/// <summary>Whether the data at hand can score one factor, and with what.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Available">True when the indicator is defined and has at least one regional value.</param>
/// <param name="Years">Years with at least one regional value, ascending.</param>
/// <param name="UnitsInLatestYear">Units (oblasts and cities) with a value in the latest of <paramref name="Years"/>; 0 when unavailable.</param>
/// <param name="Note">What the data hold (or lack) for this factor, in words.</param>
public sealed record FactorStatus(PaperFactor Factor, bool Available, IReadOnlyList<int> Years, int UnitsInLatestYear, string Note)
{
    /// <summary>The command that imports the factor's official series into the user overlay (<c>data/user/</c>).</summary>
    public string ImportCommand => $"kzmig data import FILE --indicator {Factor.IndicatorId} --kind {Factor.Kind}";

    /// <summary>E.g. "scored: GRP per capita (grp_per_capita), 2015–2022" or "not bundled: housing price per m² — import with kzmig data import FILE --indicator housing_price_per_m2".</summary>
    public string Message => Available
        ? $"scored: {Factor.Name} ({Factor.IndicatorId}), {Span(Years)}"
        : $"not bundled: {Factor.Name} — import with {ImportCommand}";

    private static string Span(IReadOnlyList<int> years) => years.Count == 0 ? "no years" : SocioEconomicScoring.YearSpan(years);
}

/// <summary>A figure left out of the scoring panel because its territory is not the unit's territory in that year.</summary>
public sealed record ExcludedFigure(string Region, string Indicator, int Year, string Boundaries, string Reason);

/// <summary>A unit left out of a comparison between two years, and why.</summary>
public sealed record ExcludedUnit(string Region, string Label, string Reason);

/// <summary>
/// The units whose figures can be compared between two years: units that report in both years and whose territory
/// did not change between the two years' boundary eras (<see cref="RegionRegistry.Unchanged"/>).
/// </summary>
public sealed record YearComparability(int From, int To, IReadOnlyList<Region> Comparable, IReadOnlyList<ExcludedUnit> Excluded)
{
    /// <summary>E.g. "2021 → 2022: 14 comparable units; excluded: Abai (…), …".</summary>
    public override string ToString() =>
        $"{From} → {To}: {Comparable.Count} comparable units" +
        (Excluded.Count == 0 ? "" : "; excluded: " + string.Join("; ", Excluded.Select(e => $"{e.Label} ({e.Reason})")));
}

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

/// <summary>
/// The paper's Figure 3 (Bokayev &amp; Akhmetova, Results): socio-economic indicators of each region as a percentage of
/// the national level, banded and scored (<see cref="Scorecard"/>), read against migration. This class builds the
/// scoring panel from the workbench data and turns results into the tables the notebooks show.
/// </summary>
public static class SocioEconomicScoring
{
    /// <summary>Indicator key of the population weights (population on 1 January of the next year).</summary>
    public const string PopulationIndicator = "population_end_of_year";

    // The years Figure 3 is scored for: the analysed period of the specification (migration.years, the paper's 2015–2022).
    // Housing prices run to 2024 in data/housing.csv and wages from 2013 to 2023; the years outside are not scored, since
    // the other Figure 3 factors have no figures then and a total over one indicator is no Figure 3 (the factor's note says so).
    private static bool InPeriod(int year, (int First, int Last) period) => year >= period.First && year <= period.Last;

    /// <summary>Official doctors per 10,000 (a different calculation than the derived <c>doctors_per_10k</c>).</summary>
    public const string OfficialDoctorsIndicator = "doctors_per_10k_bns";

    /// <summary>
    /// The factors the paper's Figure 3 scores, in the paper's order, as the workbench reads them. The paper names
    /// "income" and "wages" separately in its reading of Figure 3, so both are listed (the figure itself is an image
    /// whose columns cannot be read off); the <c>indicators</c> parameter of the scoring drops either.
    /// </summary>
    public static IReadOnlyList<PaperFactor> PaperFactors { get; } =
    [
        new("GRP per capita", "grp_per_capita", "GRP per capita",
            "\"a high per capita GDP\"; \"low level of gross regional product per capita\"",
            "Gross regional product per capita, thousand KZT (BNS), 2015–2022."),
        new("per-capita money income", "income_per_capita", "Income per capita",
            "\"Regions with low levels of migration have average unemployment and high income\"",
            "Per-capita nominal money income, KZT per month (BNS); 2021–2022 are BNS estimates in the 2022 boundaries."),
        new("average monthly wage", "avg_monthly_wage", "Average wage",
            "\"low wages\"",
            "Average monthly nominal wage per employee, KZT. 2022: the BNS publication, with the national level. 2015–2021: BNS via a third-party compilation, checked for 2022 only " +
            "(data/sources.csv, datathon-wages), with no national level: those years are scored against the reference_fallback of the scoring specification (default: the median of the year's units), the workbench's reading; " +
            "South Kazakhstan 2015–2017 has no figure."),
        new("unemployment rate", "unemployment_rate", "Unemployment rate",
            "\"average unemployment\"",
            "Unemployment rate, ILO definition, % (BNS labour force survey). The paper does not say whether high unemployment scores high or low; the scale as printed scores it like every other indicator (invert=unemployment_rate reverses it)."),
        new("doctors per 10,000 population", "doctors_per_10k", "Doctors per 10,000",
            "\"These regions have low health worker availability\"",
            "Doctors of all specialties at the end of 2022 ÷ population on 1 January 2023 × 10,000, derived for every unit; the official BNS figure (doctors_per_10k_bns) is a different calculation and covers only a few units, so it is shown, not scored."),
        new("housing price per m²", HousingChoice.FactorId, "Housing price per m²",
            "\"Cities and regions with high housing prices ... are characterized by a positive migration balance\"; \"These regions have relatively low housing costs\"",
            "BNS average price per m² at the end of the year (data/housing.csv), of the region's administrative centre standing for the region (the workbench's reading; the paper does not say). " +
            "Which price (resale or new housing) and whether state-programme prices are scored is the recorded choice ScoringSpec.Housing (default: resale, programme prices excluded). " +
            "Scored higher-is-better like every indicator of the printed scale (a high price goes with inflow in the paper's reading); invert=housing_price_per_m2 scores it as a cost.", Kind: "average"),
        new("labour demand/supply ratio", "labour_demand_supply_ratio", "Labour demand/supply",
            "\"labour force exceeding supply\"; \"the ratio of demand and supply in the labour market\"",
            "Vacancies declared to employment authorities ÷ job seekers (BNS). Not bundled (docs/bundled-sources.md, «Known gaps»); job_seekers alone is not the ratio and is not substituted.", Kind: "ratio"),
    ];

    /// <summary>Loads the default data folder (<see cref="RunContext.Current"/>) and builds the panel.</summary>
    public static SocioEconomicPanel Load() => From(RunContext.Current.Data);

    /// <summary>Loads the default data folder and builds the panel with the housing choice of <paramref name="spec"/>.</summary>
    public static SocioEconomicPanel Load(ScoringSpec spec) => From(RunContext.Current.Data, spec?.Housing);

    /// <summary>The panel of <paramref name="data"/> under the paper's specification with the housing choice <paramref name="housing"/> (default resale).</summary>
    public static SocioEconomicPanel From(WorkbenchData data, HousingChoice? housing = null) =>
        From(data, StudySpecification.Paper with { Scoring = ScoringSpec.Paper with { Housing = housing ?? HousingChoice.Default } });

    /// <summary>
    /// Builds the scoring panel of the paper's factors from <paramref name="data"/> under <paramref name="specification"/>,
    /// which the panel carries and its tables record.
    /// <list type="bullet">
    /// <item>Years: the analysed period (<see cref="MigrationChoices.FirstYear"/>–<see cref="MigrationChoices.LastYear"/>, the
    /// paper's 2015–2022); figures outside it are not scored (the factor's note says which are bundled).</item>
    /// <item>A factor is scored when its indicator is defined and has regional values (bundled or from an overlay);
    /// otherwise it is listed in <see cref="SocioEconomicPanel.Missing"/> with the command that imports it.</item>
    /// <item>Boundary eras: a figure of year Y enters only if its unit reports in Y and the figure refers to the unit's
    /// territory in Y — its boundary era is Y's era, or the unit did not change between the two eras. E.g. 2021 incomes
    /// recalculated to the 2022 boundaries enter for Atyrau (unchanged) but not for East Kazakhstan (without Abai from
    /// 2022); 2015–2017 unemployment of Turkestan and Shymkent (2018 boundaries) does not enter (the units did not exist).
    /// Everything left out is listed in <see cref="SocioEconomicPanel.Excluded"/>.</item>
    /// <item>National rows (region <c>kazakhstan</c>) are the published national figures.</item>
    /// <item>Population weights: <see cref="PopulationIndicator"/> (1 January 2023, filed under 2022).</item>
    /// <item>Housing (<see cref="HousingChoice.FactorId"/>): the series of the specification's housing choice (<see cref="ScoringSpec.Housing"/>; default
    /// <see cref="HousingChoice.Default"/>: resale); state-programme prices excluded by that choice are listed in
    /// <see cref="SocioEconomicPanel.Excluded"/>, the cell stays missing. A user overlay that defines
    /// <c>housing_price_per_m2</c> itself is scored as imported (the factor's note says so).</item>
    /// </list>
    /// </summary>
    public static SocioEconomicPanel From(WorkbenchData data, StudySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(specification);
        var housing = specification.Scoring.Housing;
        var period = (specification.Migration.FirstYear, specification.Migration.LastYear);
        var factors = PaperFactors.Select(f => Status(data, f, housing, period)).ToList();
        var rows = new List<IndicatorValue>();
        var scored = new List<(string, IndicatorObservation)>();
        var excluded = new List<ExcludedFigure>();
        foreach (var factor in factors.Where(f => f.Available))
        {
            var id = factor.Factor.IndicatorId;
            var chosen = HousingSeries(data, id, housing);
            var values = chosen is null ? data.IndicatorValues(id) : data.HousingPrices(chosen, includeProgrammePrices: true);
            foreach (var o in values.Where(o => InPeriod(o.Year, period)))
            {
                if (!housing.Admits(o))
                    excluded.Add(new ExcludedFigure(o.Region.Key, id, o.Year, o.Boundaries.Id,
                        $"price of the {o.Programme} state programme in {o.City}, not a market price: excluded by programme_prices=excluded"));
                else if (BoundaryPolicy.WhyNotOwnTerritory(data.Regions, o.Region, o.Year, o.Boundaries) is { } reason)
                    excluded.Add(new ExcludedFigure(o.Region.Key, id, o.Year, o.Boundaries.Id, reason));
                else
                {
                    rows.Add(new IndicatorValue(o.Region.Key, id, o.Year, o.Value));
                    scored.Add((id, o));
                }
            }
        }
        var population = data.IndicatorDefinitions.ContainsKey(PopulationIndicator)
            ? data.IndicatorValues(PopulationIndicator)
                .Where(o => !o.Region.IsCountry && BoundaryPolicy.WhyNotOwnTerritory(data.Regions, o.Region, o.Year, o.Boundaries) is null)
                .Select(o => new RegionPopulation(o.Region.Key, o.Year, o.Value)).ToList()
            : [];
        return new SocioEconomicPanel(data, IndicatorPanel.Create(rows, population), factors, excluded, scored, specification);
    }

    // The data series that stands for a factor under the housing choice: null for every factor but housing, and for a
    // housing series the user imported under the factor's own key.
    private static string Span((int First, int Last) period) => string.Create(CultureInfo.InvariantCulture, $"{period.First}–{period.Last}");

    private static string? HousingSeries(WorkbenchData data, string factorId, HousingChoice housing) =>
        factorId == HousingChoice.FactorId && !data.IndicatorDefinitions.ContainsKey(HousingChoice.FactorId) ? housing.IndicatorId : null;

    private static FactorStatus Status(WorkbenchData data, PaperFactor factor, HousingChoice housing, (int First, int Last) period)
    {
        if (HousingSeries(data, factor.IndicatorId, housing) is { } series) return HousingStatus(data, factor, housing, series, period);
        var id = factor.IndicatorId;
        if (!data.IndicatorDefinitions.ContainsKey(id))
            return new FactorStatus(factor, false, [], 0,
                $"'{id}' is not defined in data/indicators.csv and no figures are bundled. {factor.Reading}");
        var all = data.IndicatorValues(id).Where(o => !o.Region.IsCountry).ToList();
        var values = all.Where(o => InPeriod(o.Year, period)).ToList();
        if (values.Count == 0)
            return new FactorStatus(factor, false, [], 0, $"'{id}' is defined but has no regional figures in {Span(period)}. {factor.Reading}");
        var years = values.Select(v => v.Year).Distinct().Order().ToList();
        var units = values.Count(v => v.Year == years[^1]);
        var outside = all.Select(o => o.Year).Where(y => !InPeriod(y, period)).Distinct().Order().ToList();
        var note = $"{factor.Reading} {units} units in {years[^1]}." +
                   (outside.Count > 0 ? $" Figures of {string.Join(", ", outside)} are bundled but lie outside the paper's period ({Span(period)}) and are not scored." : "");
        if (id == HousingChoice.FactorId)
            note += " Scored as imported into data/user (the bundled BNS series and the housing choice do not apply).";
        if (id == "doctors_per_10k" && data.IndicatorDefinitions.ContainsKey(OfficialDoctorsIndicator))
        {
            var official = data.IndicatorValues(OfficialDoctorsIndicator).Where(o => !o.Region.IsCountry).ToList();
            if (official.Count > 0)
                note += $" The official BNS figure ({OfficialDoctorsIndicator}) exists for {official.Count} units only: " +
                        string.Join(", ", official.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Region.NameEn} {o.Year} {o.Value:0.#}"))) + ".";
        }
        return new FactorStatus(factor, true, years, units, note);
    }

    private static FactorStatus HousingStatus(WorkbenchData data, PaperFactor factor, HousingChoice housing, string series, (int First, int Last) period)
    {
        if (!data.IndicatorDefinitions.ContainsKey(series))
            return new FactorStatus(factor, false, [], 0, $"'{series}' is not defined in the loaded data. {factor.Reading}");
        var inSeries = data.HousingPrices(series, includeProgrammePrices: true).Where(o => !o.Region.IsCountry).ToList();
        var later = inSeries.Where(o => !InPeriod(o.Year, period)).Select(o => o.Year).Distinct().Order().ToList();
        var all = inSeries.Where(o => InPeriod(o.Year, period)).ToList();
        var scored = all.Where(housing.Admits).ToList();
        if (scored.Count == 0)
            return new FactorStatus(factor, false, [], 0, $"'{series}' has no regional figures. {factor.Reading}");
        var years = scored.Select(v => v.Year).Distinct().Order().ToList();
        var units = scored.Count(v => v.Year == years[^1]);
        var programme = all.Count(o => o.IsProgrammePrice);
        var note = $"Scored: {housing.Describe()}. {units} units in {years[^1]}" +
                   (programme == 0 ? "; the series has no programme prices."
                       : $"; {programme} state-programme prices in the series are {(housing.IncludesProgrammePrices ? "scored like market prices" : "left out (missing, listed among the excluded figures)")}.") +
                   (later.Count > 0 ? $" Figures of {string.Join(", ", later)} are bundled but lie outside the paper's period ({Span(period)}) and are not scored." : "") +
                   $" {factor.Reading}";
        return new FactorStatus(factor, true, years, units, note);
    }

    /// <summary>
    /// The housing prices of one year side by side: each unit's city (its administrative centre, whose price stands for
    /// it), the resale and new-housing price per m², the state programme of a new-housing price that is a programme
    /// price, and the value the panel scores under its housing choice (NA where missing or excluded). National row first.
    /// </summary>
    public static StudyTable HousingPricesTable(SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        var data = panel.Data;
        IndicatorObservation? Find(Region r, string id) => data.IndicatorDefinitions.ContainsKey(id) ? data.FindIndicator(r.Key, year, id) : null;
        var units = new[] { data.Regions.Country }.Concat(data.Regions.UnitsInYear(year).Where(r => !r.IsCountry)).ToList();
        var rows = units.Select(r => (Region: r, Resale: Find(r, "housing_price_resale_per_m2"), New: Find(r, "housing_price_new_per_m2"))).ToList();
        return panel.Table(
            new StringDataFrameColumn("region", rows.Select(x => RegionLabels.Of(x.Region, language))),
            new StringDataFrameColumn("city", rows.Select(x => x.Resale?.City ?? x.New?.City ?? "")),
            new DoubleDataFrameColumn("resale, KZT per m²", rows.Select(x => x.Resale?.Value)),
            new DoubleDataFrameColumn("new housing, KZT per m²", rows.Select(x => x.New?.Value)),
            new StringDataFrameColumn("new-housing price is a programme price of", rows.Select(x => x.New?.Programme ?? "")),
            new DoubleDataFrameColumn($"scored ({panel.Housing})", rows.Select(x =>
                x.Region.IsCountry ? panel.Panel.National(HousingChoice.FactorId, year) : panel.Panel.Value(x.Region.Key, HousingChoice.FactorId, year))));
    }

    /// <summary>The factors as a table: factor, indicator key, scored or not, years, units in the latest year, what the paper says, note.</summary>
    public static StudyTable FactorsTable(SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var f = panel.Factors;
        return panel.Table(
            new StringDataFrameColumn("factor", f.Select(s => s.Factor.Name)),
            new StringDataFrameColumn("indicator", f.Select(s => s.Factor.IndicatorId)),
            new StringDataFrameColumn("status", f.Select(s => s.Available ? "scored" : "not bundled")),
            new StringDataFrameColumn("years", f.Select(s => s.Available ? string.Join(", ", s.Years) : "")),
            new Int32DataFrameColumn("units in latest year", f.Select(s => s.Available ? s.UnitsInLatestYear : (int?)null)),
            new StringDataFrameColumn("paper", f.Select(s => s.Factor.PaperWording)),
            new StringDataFrameColumn("note / how to import", f.Select(s => s.Available ? s.Note : $"{s.Note} Import: {s.ImportCommand}")));
    }

    /// <summary>The factors that cannot be scored with the data at hand: factor, indicator key, and the command that imports it.</summary>
    public static StudyTable MissingTable(SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var m = panel.Missing;
        return panel.Table(
            new StringDataFrameColumn("not bundled", m.Select(x => x.Factor.Name)),
            new StringDataFrameColumn("indicator key", m.Select(x => x.Factor.IndicatorId)),
            new StringDataFrameColumn("import with", m.Select(x => x.ImportCommand)));
    }

    /// <summary>Comparisons between years: from, to, number of comparable units, and the units excluded with the reason.</summary>
    public static DataFrame ComparabilityTable(IEnumerable<YearComparability> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var c = comparisons.ToList();
        return new DataFrame(
            new Int32DataFrameColumn("from", c.Select(x => x.From)),
            new Int32DataFrameColumn("to", c.Select(x => x.To)),
            new Int32DataFrameColumn("comparable units", c.Select(x => x.Comparable.Count)),
            new StringDataFrameColumn("excluded (reason)", c.Select(x => string.Join("; ", x.Excluded.Select(e => $"{e.Label} ({e.Reason})")))));
    }

    /// <summary>
    /// The candidate references of every scored factor in one year side by side: the published national figure (empty where
    /// there is none, as for the wage before 2022), the median, the unweighted and the population-weighted mean of the
    /// regions, and the median as % of the national figure — in 2022, where both exist, how far the fallback reference
    /// (<see cref="ScoringSpec.ReferenceFallback"/>) lies from the level the paper scores against.
    /// </summary>
    public static StudyTable ReferenceLevelsTable(SocioEconomicPanel panel, int year)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var p = panel.Panel;
        var rows = panel.Indicators.Where(i => p.Indicators.Contains(i)).Select(i =>
        {
            double? Of(ReferenceKind k) => ReferenceLevel.Compute(p, i, year, k).Value;
            var (national, median) = (Of(ReferenceKind.PublishedNational), Of(ReferenceKind.Median));
            return (Indicator: i, National: national, Median: median, Mean: Of(ReferenceKind.UnweightedMeanOfRegions),
                Weighted: p.HasPopulation ? Of(ReferenceKind.PopulationWeightedMean) : null,
                Share: Round(ReferenceLevel.PercentOf(median, national), 1));
        }).ToList();
        return panel.Table(
            new StringDataFrameColumn("indicator", rows.Select(r => LabelOf(panel, r.Indicator))),
            new DoubleDataFrameColumn("published national", rows.Select(r => r.National)),
            new DoubleDataFrameColumn("median of the regions", rows.Select(r => r.Median)),
            new DoubleDataFrameColumn("unweighted mean of the regions", rows.Select(r => r.Mean)),
            new DoubleDataFrameColumn("population-weighted mean", rows.Select(r => r.Weighted)),
            new DoubleDataFrameColumn("median, % of national", rows.Select(r => r.Share)),
            new StringDataFrameColumn("unit", rows.Select(r => UnitOf(panel.Data, r.Indicator))));
    }

    /// <summary>A reference kind in words, for captions: e.g. "published national figure".</summary>
    public static string Describe(ReferenceKind reference) => reference switch
    {
        ReferenceKind.PublishedNational => "published national figure",
        ReferenceKind.UnweightedMeanOfRegions => "unweighted mean of the regions",
        ReferenceKind.PopulationWeightedMean => "population-weighted mean of the regions",
        _ => "median of the regions",
    };

    /// <summary>The figures left out of the panel (region, indicator, year, boundaries, reason).</summary>
    public static StudyTable ExcludedTable(SocioEconomicPanel panel, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        var e = panel.Excluded;
        return panel.Table(
            new StringDataFrameColumn("region", e.Select(x => panel.Label(x.Region, language))),
            new StringDataFrameColumn("indicator", e.Select(x => x.Indicator)),
            new Int32DataFrameColumn("year", e.Select(x => x.Year)),
            new StringDataFrameColumn("boundaries", e.Select(x => x.Boundaries)),
            new StringDataFrameColumn("reason", e.Select(x => x.Reason)));
    }

    /// <summary>
    /// The units comparable between <paramref name="from"/> and <paramref name="to"/>: reporting in both years, territory
    /// unchanged between the two eras. E.g. 2021 → 2022 excludes East Kazakhstan, Almaty region and Karaganda (each lost
    /// territory to a new region on 8 June 2022) and Abai, Zhetisu and Ulytau (new); 2017 → 2018 excludes South
    /// Kazakhstan, Turkestan and Shymkent.
    /// </summary>
    public static YearComparability ComparableUnits(RegionRegistry regions, int from, int to, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(regions);
        var units = BoundaryPolicy.Comparability(regions, from, to);
        var comparable = units.Where(u => u.WhyNot is null).Select(u => u.Region).ToList();
        var excluded = units.Where(u => u.WhyNot is not null).Select(u => new ExcludedUnit(u.Region.Key, RegionLabels.Of(u.Region, language), u.WhyNot!)).ToList();
        return new YearComparability(from, to, comparable, excluded);
    }

    /// <summary>
    /// Region × indicator table of one year: each cell is the region's value as a percentage of the reference
    /// (<see cref="ScoredCell.Ratio"/>), NA where unscored; regions in rank order; plus the total and rank.
    /// </summary>
    public static StudyTable PercentOfReferenceTable(Scorecard result, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var regions = result.RegionsIn(year);
        var cells = result.Cells.Where(c => c.Year == year).ToDictionary(c => (c.Region, c.Indicator));
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("region", regions.Select(r => panel.Label(r.Region, language))),
        };
        foreach (var i in result.Indicators)
            columns.Add(new DoubleDataFrameColumn($"{LabelOf(panel, i)}, %", regions.Select(r => Round(cells[(r.Region, i)].Ratio, 1))));
        columns.Add(new DoubleDataFrameColumn("total points", regions.Select(r => r.Total)));
        columns.Add(new Int32DataFrameColumn("rank", regions.Select(r => r.Rank)));
        return panel.Table(result, [.. columns]);
    }

    /// <summary>
    /// Every cell of every scored year: year, region, indicator, the region's value, the reference, the ratio in %, the band
    /// and the points; unscored cells keep their status (missing value, missing reference …) and NA elsewhere.
    /// </summary>
    public static StudyTable CellsTable(Scorecard result, SocioEconomicPanel panel, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var c = result.Cells;
        return panel.Table(result,
            new Int32DataFrameColumn("year", c.Select(x => x.Year)),
            new StringDataFrameColumn("region", c.Select(x => panel.Label(x.Region, language))),
            new StringDataFrameColumn("indicator", c.Select(x => x.Indicator)),
            new DoubleDataFrameColumn("value", c.Select(x => x.Value)),
            new DoubleDataFrameColumn("reference", c.Select(x => x.Reference)),
            new DoubleDataFrameColumn("% of reference", c.Select(x => Round(x.Ratio, 1))),
            new StringDataFrameColumn("band", c.Select(x => x.Band ?? "")),
            new DoubleDataFrameColumn("points", c.Select(x => x.Points)),
            new StringDataFrameColumn("status", c.Select(x => x.Status.ToString())),
            // One unit per column: value and reference are in the indicator's own unit, which differs row to row
            // (last, so that the columns before keep their places).
            new StringDataFrameColumn("unit", c.Select(x => UnitOf(panel.Data, x.Indicator))),
            // Which reference the cell was scored against (a fallback says so), and the source of the value.
            new StringDataFrameColumn("reference used", c.Select(x => ReferenceOf(result, x.Indicator, x.Year) is { } r ? ReferenceCode(r) : "")),
            new StringDataFrameColumn("source", c.Select(x => panel.Figure(x.Region, x.Indicator, x.Year)?.Source.Id ?? "")));
    }

    private static ReferenceLevel? ReferenceOf(Scorecard result, string indicator, int year) =>
        result.References.FirstOrDefault(r => r.Indicator == indicator && r.Year == year);

    // E.g. "published", or "median (fallback: no published national figure)".
    private static string ReferenceCode(ReferenceLevel r) =>
        SpecificationFormatter.Reference(r.Kind) + (r.InsteadOf is { } asked ? $" (fallback: no {Describe(asked)})" : "");

    /// <summary>
    /// The notes every Figure 3 table of <paramref name="result"/> carries (of <paramref name="year"/> only, when given): the
    /// specification's text form; for each indicator scored against <see cref="ScoringSpec.ReferenceFallback"/> because its
    /// <see cref="ScoringSpec.Reference"/> could not be formed, which years and which reference (the workbench's reading: the
    /// paper scores 2022 against the national level); the years left unscored for want of any reference; and the figures
    /// that are BNS via a third-party compilation, with their source. E.g. «Average wage, 2015–2021: no published national
    /// figure; scored against the median of the regions (reference_fallback=median), the workbench's reading».
    /// </summary>
    public static IReadOnlyList<string> TableNotes(Scorecard result, SocioEconomicPanel panel, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var notes = new List<string> { SpecificationFormatter.Format(result.Spec) };
        var references = result.References.Where(r => year is null || r.Year == year).ToList();
        foreach (var group in references.Where(r => r.IsFallback).GroupBy(r => (r.Indicator, r.Kind, Asked: r.InsteadOf!.Value)))
            notes.Add($"{LabelOf(panel, group.Key.Indicator)}, {YearSpan(group.Select(r => r.Year))}: no {Describe(group.Key.Asked)}; scored against the {Describe(group.Key.Kind)} " +
                      $"of the year (reference_fallback={SpecificationFormatter.Reference(group.Key.Kind)}), the workbench's reading, not the paper's.");
        var unscored = references.Where(r => r.Value is null && result.Cells.Any(c => c.Year == r.Year && c.Indicator == r.Indicator && c.Value is not null)).ToList();
        foreach (var group in unscored.GroupBy(r => r.Indicator))
            notes.Add($"{LabelOf(panel, group.Key)}, {YearSpan(group.Select(r => r.Year))}: no reference could be formed ({group.First().Method}; " +
                      $"reference_fallback={(result.Spec.ReferenceFallback is { } f ? SpecificationFormatter.Reference(f) : "none")}): not scored.");
        var years = result.Years.Where(y => year is null || y == year).ToHashSet();
        var compiled = panel.Figures.Where(f => years.Contains(f.Observation.Year) && f.Observation.Source.IsThirdPartyCompilation && result.Indicators.Contains(f.Indicator));
        foreach (var group in compiled.GroupBy(f => (f.Indicator, f.Observation.Source)))
        {
            notes.Add($"{LabelOf(panel, group.Key.Indicator)}, {YearSpan(group.Select(f => f.Observation.Year))}: {group.Key.Source.Standing} (source {group.Key.Source.Id}).");
        }
        return notes;
    }

    // Years as runs: "2015–2021", "2013–2021, 2023", "2015, 2017".
    internal static string YearSpan(IEnumerable<int> years)
    {
        var y = years.Distinct().Order().ToList();
        var runs = new List<string>();
        for (var start = 0; start < y.Count;)
        {
            var end = start;
            while (end + 1 < y.Count && y[end + 1] == y[end] + 1) end++;
            runs.Add(end > start ? string.Create(CultureInfo.InvariantCulture, $"{y[start]}–{y[end]}") : y[start].ToString(CultureInfo.InvariantCulture));
            start = end + 1;
        }
        return string.Join(", ", runs);
    }

    /// <summary>
    /// The unit of an indicator's values; the housing factor (<see cref="HousingChoice.FactorId"/>) takes the unit of the
    /// price series it is scored from (resale and new prices are both KZT per m²). Null when the indicator is not defined.
    /// </summary>
    private static string? UnitOf(WorkbenchData data, string indicator) =>
        data.IndicatorDefinitions.TryGetValue(indicator, out var d) ? d.Unit
        : indicator == HousingChoice.FactorId && data.IndicatorDefinitions.TryGetValue(HousingChoice.Default.IndicatorId, out var h) ? h.Unit
        : null;

    /// <summary>Ranks and totals of one year with the points of every indicator (NA where unscored), best first.</summary>
    public static StudyTable ScoresTable(Scorecard result, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var regions = result.RegionsIn(year);
        var cells = result.Cells.Where(c => c.Year == year).ToDictionary(c => (c.Region, c.Indicator));
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn("rank", regions.Select(r => r.Rank)),
            new StringDataFrameColumn("region", regions.Select(r => panel.Label(r.Region, language))),
        };
        foreach (var i in result.Indicators)
            columns.Add(new DoubleDataFrameColumn(LabelOf(panel, i), regions.Select(r => cells[(r.Region, i)].Points)));
        columns.Add(new DoubleDataFrameColumn("total points", regions.Select(r => r.Total)));
        columns.Add(new Int32DataFrameColumn("indicators scored", regions.Select(r => r.Scored)));
        return panel.Table(result, [.. columns]);
    }

    /// <summary>
    /// Totals of the comparable units (<see cref="ComparableUnits"/>) in two scored years over the indicators scored in
    /// both years against the same kind of reference (so that the totals count the same things), with the change. Units outside the comparison are left out
    /// (listed by <see cref="YearComparability.Excluded"/>).
    /// </summary>
    public static StudyTable YearChangeTable(Scorecard result, SocioEconomicPanel panel, int from, int to, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        var (common, rows) = YearChanges(result, panel, from, to);
        string f = from.ToString(CultureInfo.InvariantCulture), t = to.ToString(CultureInfo.InvariantCulture);
        return panel.Table(result,
            new StringDataFrameColumn("region", rows.Select(r => panel.Label(r.Region, language))),
            new DoubleDataFrameColumn($"total {f}", rows.Select(r => r.From)),
            new DoubleDataFrameColumn($"total {t}", rows.Select(r => r.To)),
            new DoubleDataFrameColumn("change", rows.Select(r => r.To - r.From)),
            new StringDataFrameColumn("indicators compared", rows.Select(_ => string.Join(", ", common))));
    }

    /// <summary>Totals over the indicators scored in both years, for the comparable units (see <see cref="YearChangeTable"/>).</summary>
    public static (IReadOnlyList<string> Indicators, IReadOnlyList<(string Region, double? From, double? To)> Rows) YearChanges(
        Scorecard result, SocioEconomicPanel panel, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        var comparable = ComparableUnits(panel.Data.Regions, from, to).Comparable.Select(r => IndicatorPanel.Key(r.Key)).ToHashSet();
        // Scored in both years and against the same kind of reference: a wage scored against the median of 2021 and the
        // national level of 2022 would change its points with the reference, not with the region.
        var common = result.Indicators.Where(i =>
            result.Cells.Any(c => c.Year == from && c.Indicator == i && c.Points is not null) &&
            result.Cells.Any(c => c.Year == to && c.Indicator == i && c.Points is not null) &&
            ReferenceOf(result, i, from)?.Kind == ReferenceOf(result, i, to)?.Kind).ToList();
        double? Total(string region, int year)
        {
            var points = result.Cells.Where(c => c.Year == year && c.Region == region && common.Contains(c.Indicator)).Select(c => c.Points).ToList();
            return points.Count == 0 || points.Any(p => p is null) ? null : points.Sum(p => p!.Value);
        }
        var rows = result.RegionsIn(to).Where(r => comparable.Contains(IndicatorPanel.Key(r.Region)))
            .Select(r => (r.Region, Total(r.Region, from), Total(r.Region, to))).ToList();
        return (common, rows);
    }

    /// <summary>
    /// A few regions' cells in one year (value as % of the reference, band, points), to check a reading of the paper
    /// against the data, e.g. Turkestan and Zhambyl.
    /// </summary>
    /// <param name="result">A scoring.</param>
    /// <param name="panel">The panel it scored.</param>
    /// <param name="year">Year.</param>
    /// <param name="regions">Region keys or names, in the order wanted.</param>
    /// <param name="language">Label language.</param>
    /// <param name="indicators">Only these indicators (keys); null = all scored.</param>
    public static StudyTable ProfileTable(Scorecard result, SocioEconomicPanel panel, int year, IEnumerable<string> regions, string language = "en",
        IEnumerable<string>? indicators = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var keys = regions.Select(IndicatorPanel.Key).ToList();
        var only = indicators?.Select(IndicatorPanel.Key).ToHashSet();
        var cells = result.Cells.Where(c => c.Year == year && keys.Contains(IndicatorPanel.Key(c.Region)) && (only is null || only.Contains(IndicatorPanel.Key(c.Indicator))))
            .OrderBy(c => keys.IndexOf(IndicatorPanel.Key(c.Region))).ToList();
        return panel.Table(result,
            new StringDataFrameColumn("region", cells.Select(c => panel.Label(c.Region, language))),
            new StringDataFrameColumn("indicator", cells.Select(c => LabelOf(panel, c.Indicator))),
            new DoubleDataFrameColumn("% of reference", cells.Select(c => Round(c.Ratio, 1))),
            new StringDataFrameColumn("band", cells.Select(c => c.Band ?? "not scored")),
            new DoubleDataFrameColumn("points", cells.Select(c => c.Points)));
    }

    /// <summary>The references ("average national level") of one year: indicator, kind, value and how it was formed.</summary>
    public static StudyTable ReferencesTable(Scorecard result, SocioEconomicPanel panel, int year)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        panel.CheckSameHousing(result);
        var r = result.References.Where(x => x.Year == year).ToList();
        var units = panel.Data.IndicatorDefinitions;
        return panel.Table(result,
            new StringDataFrameColumn("indicator", r.Select(x => LabelOf(panel, x.Indicator))),
            new DoubleDataFrameColumn("reference", r.Select(x => x.Value)),
            new StringDataFrameColumn("unit", r.Select(x => units.TryGetValue(x.Indicator, out var d) ? d.Unit : "")),
            new StringDataFrameColumn("how it was formed", r.Select(x => x.Method)));
    }

    /// <summary>
    /// The choices the paper leaves open, one alternative at a time, in <see cref="Specification.SpecificationParser"/> syntax: the other
    /// references, no fallback reference where a year has no national figure (when the panel has such years), the other
    /// boundary rules for the printed gaps (94–95 %, 104–105 %), 0 instead of +0.5 for "medium",
    /// unemployment scored lower-is-better, the other housing price, programme prices flipped, housing scored as a cost,
    /// and leaving out each scored indicator in turn.
    /// </summary>
    public static IReadOnlyList<(string Choice, string Parameters)> Alternatives(SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var list = new List<(string, string)>
        {
            ("reference: median of the regions", "reference=median"),
            ("reference: unweighted mean of the regions", "reference=mean"),
            ("reference: population-weighted mean", "reference=weighted"),
            ("gaps: a value on a threshold stays below", "boundary=upper"),
            ("gaps: round to a whole percent first", "boundary=rounded"),
            ("medium scores 0 instead of +0.5", "points=-2,-1,0,1,2"),
            ("unemployment: lower is better", "invert=unemployment_rate"),
        };
        // Where a year has no published national figure for an indicator that has regional figures (the wage before 2022),
        // the fallback reference is an open choice too: leaving those cells unscored is the alternative.
        var p = panel.Panel;
        if (p.Indicators.Any(i => p.Years.Any(y => p.National(i, y) is null && p.Regions.Any(r => p.Value(r, i, y) is not null))))
            list.Add(("no national figure: leave the cells unscored instead of the median", "reference_fallback=none"));
        if (panel.Indicators.Contains(HousingChoice.FactorId))
        {
            // The housing choice (ScoringSpec.Housing) and the housing polarity are open choices too.
            var other = panel.Housing with { Price = panel.Housing.Price == HousingPrice.Resale ? HousingPrice.New : HousingPrice.Resale };
            list.Add(($"housing: {other.PriceCode} prices instead of {panel.Housing.PriceCode}", $"housing={other.PriceCode}"));
            var flip = panel.Housing.IncludesProgrammePrices ? "excluded" : "included";
            list.Add(($"housing: new-housing prices with state-programme prices {flip}", $"housing=new; programme_prices={flip}"));
            list.Add(("housing: a cost (lower price is better)", "invert=" + HousingChoice.FactorId));
        }
        foreach (var drop in panel.Indicators)
            list.Add(($"leave out {LabelOf(panel, drop)}", "indicators=" + string.Join(",", panel.Indicators.Where(i => i != drop))));
        return list;
    }

    /// <summary>
    /// <see cref="OneAtATimeTable(SocioEconomicPanel, ScoringSpec, int, string)"/> around the panel's own scoring
    /// (<see cref="SocioEconomicPanel.Spec"/>): each open choice alone against the specification the panel was built under.
    /// </summary>
    public static StudyTable OneAtATimeTable(SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        return OneAtATimeTable(panel, panel.Spec, year, language);
    }

    /// <summary>
    /// One-at-a-time what-if: each alternative of <see cref="Alternatives"/> applied alone to <paramref name="baseline"/>,
    /// scored for <paramref name="year"/> and compared with the baseline: cells that change band (among indicators scored
    /// in both), regions whose rank changes, the mean |rank shift| over regions ranked in both, and the largest move.
    /// The table records the panel's specification with <paramref name="baseline"/> as its scoring.
    /// </summary>
    public static StudyTable OneAtATimeTable(SocioEconomicPanel panel, ScoringSpec baseline, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(baseline);
        var before = Scorecard.Score(panel.For(baseline).Panel, baseline with { Years = [year] });
        var rows = new List<(string Choice, string Parameters, int Bands, int Ranks, double? Mean, string Largest)>();
        foreach (var (choice, parameters) in Alternatives(panel))
        {
            var spec = SpecificationParser.ParseScoring(parameters, baseline) with { Years = [year] };
            if (!panel.Panel.HasPopulation && spec.Reference == ReferenceKind.PopulationWeightedMean) continue;
            var cmp = WhatIf.Compare(before, Scorecard.Score(panel.For(spec).Panel, spec));
            var bands = cmp.BandChanges.Count(b => b.BandBefore is not null && b.BandAfter is not null);
            var ranked = cmp.Regions.Where(r => r.RankShift is not null).ToList();
            var moved = ranked.Where(r => r.RankShift != 0).ToList();
            var top = moved.OrderByDescending(r => Math.Abs(r.RankShift!.Value)).ThenBy(r => r.RankAfter).FirstOrDefault();
            rows.Add((choice, parameters, bands, moved.Count,
                ranked.Count == 0 ? null : Math.Round(ranked.Average(r => Math.Abs(r.RankShift!.Value)), 2, MidpointRounding.AwayFromZero),
                top is null ? "" : $"{panel.Label(top.Region, language)} {top.RankBefore} → {top.RankAfter}"));
        }
        return new StudyTable(panel.Record(baseline),
            new StringDataFrameColumn("choice", rows.Select(r => r.Choice)),
            new StringDataFrameColumn("parameters", rows.Select(r => r.Parameters)),
            new Int32DataFrameColumn("cells changing band", rows.Select(r => r.Bands)),
            new Int32DataFrameColumn("regions changing rank", rows.Select(r => r.Ranks)),
            new DoubleDataFrameColumn("mean |rank shift|", rows.Select(r => r.Mean)),
            new StringDataFrameColumn("largest move (rank before -> after)", rows.Select(r => r.Largest)));
    }

    /// <summary>
    /// What-if: scores <paramref name="before"/> on its own panel and the edited panel of <paramref name="after"/> under its
    /// specification, and compares (<see cref="WhatIf.Compare"/>). Each side keeps its own housing choice and analysed period,
    /// so «the paper's scoring» before is the paper's even when the run's period or housing choice differ; with one panel on
    /// both sides it is <see cref="WhatIf.Run"/>.
    /// </summary>
    public static ScoringComparison RunWhatIf(SocioEconomicPanel before, IEnumerable<ValueEdit> edits, SocioEconomicPanel after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return KzMigration.Scoring.WhatIf.Compare(before.Score(), Scorecard.Score(ValueEdit.Apply(after.Panel, edits), after.Spec));
    }

    /// <summary>What-if: every cell an edit touches in <paramref name="year"/>, before and after (value, % of reference, band, points), whether or not its band changed.</summary>
    public static StudyTable EditedCellsTable(ScoringComparison comparison, IEnumerable<ValueEdit> edits, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(panel);
        var touched = edits.Where(e => e.Year is null || e.Year == year)
            .Select(e => (IndicatorPanel.Key(e.Region), IndicatorPanel.Key(e.Indicator))).Distinct().ToList();
        ScoredCell? Find(Scorecard r, (string Region, string Indicator) key) =>
            r.Cells.Where(c => c.Year == year && IndicatorPanel.Key(c.Region) == key.Region && IndicatorPanel.Key(c.Indicator) == key.Indicator)
                .Select(c => (ScoredCell?)c).FirstOrDefault();
        var rows = touched.Select(k => (Before: Find(comparison.Before, k), After: Find(comparison.After, k))).Where(p => p.After is not null).ToList();
        return panel.Table(comparison.After,
            new StringDataFrameColumn("region", rows.Select(p => panel.Label(p.After!.Value.Region, language))),
            new StringDataFrameColumn("indicator", rows.Select(p => LabelOf(panel, p.After!.Value.Indicator))),
            new DoubleDataFrameColumn("value before", rows.Select(p => p.Before?.Value)),
            new DoubleDataFrameColumn("value after", rows.Select(p => p.After!.Value.Value)),
            new DoubleDataFrameColumn("% before", rows.Select(p => Round(p.Before?.Ratio, 1))),
            new DoubleDataFrameColumn("% after", rows.Select(p => Round(p.After!.Value.Ratio, 1))),
            new StringDataFrameColumn("band before", rows.Select(p => p.Before?.Band ?? "not scored")),
            new StringDataFrameColumn("band after", rows.Select(p => p.After!.Value.Band ?? "not scored")));
    }

    /// <summary>A short two-column table (item, value) for a run's settings and headline numbers.</summary>
    public static DataFrame SummaryTable(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        return new DataFrame(
            new StringDataFrameColumn("item", list.Select(i => i.Key)),
            new StringDataFrameColumn("value", list.Select(i => i.Value)));
    }

    /// <summary>What-if: the cells whose band changed (region, indicator, year, % and band before and after); only <paramref name="year"/> when given.</summary>
    public static StudyTable BandChangesTable(ScoringComparison comparison, SocioEconomicPanel panel, string language = "en", int? year = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(panel);
        var b = comparison.BandChanges.Where(x => year is null || x.Year == year).ToList();
        return panel.Table(comparison.After,
            new Int32DataFrameColumn("year", b.Select(x => x.Year)),
            new StringDataFrameColumn("region", b.Select(x => panel.Label(x.Region, language))),
            new StringDataFrameColumn("indicator", b.Select(x => LabelOf(panel, x.Indicator))),
            new DoubleDataFrameColumn("% before", b.Select(x => Round(x.RatioBefore, 1))),
            new DoubleDataFrameColumn("% after", b.Select(x => Round(x.RatioAfter, 1))),
            new StringDataFrameColumn("band before", b.Select(x => x.BandBefore ?? "not scored")),
            new StringDataFrameColumn("band after", b.Select(x => x.BandAfter ?? "not scored")),
            new DoubleDataFrameColumn("points before", b.Select(x => x.PointsBefore)),
            new DoubleDataFrameColumn("points after", b.Select(x => x.PointsAfter)));
    }

    /// <summary>What-if: totals and ranks of one year before and after, best (after) first; shift &gt; 0 = moved up.</summary>
    public static StudyTable RankChangesTable(ScoringComparison comparison, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(panel);
        var r = comparison.Regions.Where(x => x.Year == year).ToList();
        return panel.Table(comparison.After,
            new StringDataFrameColumn("region", r.Select(x => panel.Label(x.Region, language))),
            new DoubleDataFrameColumn("total before", r.Select(x => x.TotalBefore)),
            new DoubleDataFrameColumn("total after", r.Select(x => x.TotalAfter)),
            new Int32DataFrameColumn("rank before", r.Select(x => x.RankBefore)),
            new Int32DataFrameColumn("rank after", r.Select(x => x.RankAfter)),
            new Int32DataFrameColumn("rank shift", r.Select(x => x.RankShift)));
    }

    /// <summary>
    /// The Monte Carlo of the open choices for one year, as the panel's specification designs it: its sensitivity design
    /// (<see cref="StudySpecification.Sensitivity"/>: which paths vary, draws, seed, jitters) around its scoring of
    /// <paramref name="year"/> (<see cref="Scoring.Sensitivity.Run"/>). Its tables record that specification, with
    /// <c>scoring.years</c> the year the draws rescored.
    /// </summary>
    public static SensitivityResult RunSensitivity(SocioEconomicPanel panel, int year)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return KzMigration.Scoring.Sensitivity.Run(panel.Panel, panel.Specification.Sensitivity.Around(panel.Spec with { Years = [year] }));
    }

    // What a Monte Carlo result records: the panel's specification with the scoring it varied around, provided its design
    // is the specification's (a run with another design cannot be recorded as this specification's).
    private static StudySpecification Record(SensitivityResult sensitivity, SocioEconomicPanel panel)
    {
        var run = sensitivity.Spec;
        var design = panel.Specification.Sensitivity.Around(run.Base);
        if (run.Draws != design.Draws || run.Seed != design.Seed || !run.ThresholdJitter.Equals(design.ThresholdJitter) || !run.PointJitter.Equals(design.PointJitter)
            || !run.References.SequenceEqual(design.References) || !run.PolarityCandidates.SequenceEqual(design.PolarityCandidates)
            || !run.SeparatePolarities.SequenceEqual(design.SeparatePolarities) || run.ExcludeOneIndicator != design.ExcludeOneIndicator
            || !run.ExclusionCandidates.SequenceEqual(design.ExclusionCandidates))
            throw new ArgumentException("The Monte Carlo was run with another design than the panel's specification (sensitivity.*); run it with SocioEconomicScoring.RunSensitivity(panel, year).", nameof(sensitivity));
        return panel.Record(run.Base);
    }

    /// <summary>Sensitivity: each region's rank under the default choices and across the draws (min, 5th, median, 95th percentile, max, mean |shift|).</summary>
    public static StudyTable RankIntervalsTable(SensitivityResult sensitivity, SocioEconomicPanel panel, int year, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        ArgumentNullException.ThrowIfNull(panel);
        var r = sensitivity.Ranks.Where(x => x.Year == year).OrderBy(x => x.DefaultRank ?? int.MaxValue).ThenBy(x => x.Median ?? int.MaxValue).ToList();
        return new StudyTable(Record(sensitivity, panel),
            new StringDataFrameColumn("region", r.Select(x => panel.Label(x.Region, language))),
            new Int32DataFrameColumn("default rank", r.Select(x => x.DefaultRank)),
            new Int32DataFrameColumn("best", r.Select(x => x.Min)),
            new Int32DataFrameColumn("5 %", r.Select(x => x.P5)),
            new Int32DataFrameColumn("median", r.Select(x => x.Median)),
            new Int32DataFrameColumn("95 %", r.Select(x => x.P95)),
            new Int32DataFrameColumn("worst", r.Select(x => x.Max)),
            new DoubleDataFrameColumn("mean |rank shift|", r.Select(x => Round(x.MeanAbsoluteShift, 2))));
    }

    /// <summary>Sensitivity: first-order and total indices of each choice for the scalar output (mean absolute rank shift).</summary>
    public static DataFrame IndicesTable(SensitivityResult sensitivity)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        return new DataFrame(IndicesColumns(sensitivity));
    }

    /// <summary><see cref="IndicesTable(SensitivityResult)"/> of a Monte Carlo run on <paramref name="panel"/> (<see cref="RunSensitivity"/>), recording its specification.</summary>
    public static StudyTable IndicesTable(SensitivityResult sensitivity, SocioEconomicPanel panel)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        ArgumentNullException.ThrowIfNull(panel);
        return new StudyTable(Record(sensitivity, panel), IndicesColumns(sensitivity));
    }

    private static DataFrameColumn[] IndicesColumns(SensitivityResult sensitivity)
    {
        var s = sensitivity.Indices.Where(i => i.Output == "mean_abs_rank_shift").ToList();
        var described = sensitivity.Factors.ToDictionary(f => f.Name, f => f.Description);
        return
        [
            new StringDataFrameColumn("choice", s.Select(i => i.Factor)),
            new StringDataFrameColumn("what is sampled", s.Select(i => described.GetValueOrDefault(i.Factor, ""))),
            new DoubleDataFrameColumn("first-order index", s.Select(i => Round(Finite(i.FirstOrder), 3))),
            new DoubleDataFrameColumn("total index", s.Select(i => Round(Finite(i.Total), 3))),
        ];
    }

    internal static string LabelOf(SocioEconomicPanel panel, string indicator) =>
        panel.IndicatorLabels.TryGetValue(indicator, out var l) ? l : indicator;

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static double? Round(double? v, int digits) => v is double d ? Math.Round(d, digits, MidpointRounding.AwayFromZero) : null;
}
