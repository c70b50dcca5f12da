using KzMigration.Specification;
using KzMigration.Runs;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Regions;
using KzMigration.Scoring;

namespace KzMigration.Study;

/// <summary>
/// The paper's Figure 3 (Bokayev &amp; Akhmetova, Results): socio-economic indicators of each region as a percentage of
/// the national level, banded and scored (<see cref="Scorecard"/>), read against migration. This class builds the
/// scoring panel from the workbench data and turns results into the tables the notebooks show.
/// </summary>
public static partial class SocioEconomicScoring
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


    internal static string LabelOf(SocioEconomicPanel panel, string indicator) =>
        panel.IndicatorLabels.TryGetValue(indicator, out var l) ? l : indicator;

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static double? Round(double? v, int digits) => v is double d ? Math.Round(d, digits, MidpointRounding.AwayFromZero) : null;
}
