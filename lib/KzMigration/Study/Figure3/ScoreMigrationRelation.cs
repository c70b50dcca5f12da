using System.Globalization;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Statistics;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>One region's socio-economic total next to its migration in the same year. Null = no figure (never 0).</summary>
/// <param name="Region">Panel region name (registry key).</param>
/// <param name="Label">Name in the chosen language.</param>
/// <param name="IsCity">City of republican significance.</param>
/// <param name="Total">Total points of the scoring.</param>
/// <param name="Rank">Rank of the total (1 = best).</param>
/// <param name="Arrivals">Arrivals of the coefficient flow (<see cref="MigrationChoices.CoefficientFlow"/>).</param>
/// <param name="Departures">Departures of the coefficient flow.</param>
/// <param name="K">The paper's attractiveness coefficient K = arrivals ÷ departures of the coefficient flow (<see cref="RegionIndices.AttractivenessCoefficient(RegionFlows)"/>).</param>
/// <param name="Balance">All-flow migration balance (internal and international), persons.</param>
/// <param name="Population">The population rates divide by (<see cref="MigrationChoices.Population"/>; default the mean population of the year).</param>
/// <param name="NetRate">Net migration rate per 1,000 = 1000 · all-flow balance ÷ population (<see cref="MigrationRates.NetRate(string, Flow, double, double)"/>).</param>
public sealed record ScoreAndMigration(
    string Region, string Label, bool IsCity, double? Total, int? Rank,
    double? Arrivals, double? Departures, double? K, double? Balance, double? Population, double? NetRate);

/// <summary>
/// The socio-economic totals of one year read against migration in that year: per region, the total and the two
/// migration measures, and Spearman's rank correlation of the total with each (bootstrap percentile interval over
/// regions; <see cref="RankCorrelation.Bootstrap"/>). Both measures read the specification the relation was computed under
/// (<see cref="Specification"/>, which its tables record): K divides the arrivals and departures of its coefficient flow
/// (<see cref="MigrationChoices.CoefficientFlow"/>), the net rate its population (<see cref="MigrationChoices.Population"/>).
/// </summary>
/// <param name="Year">Year of the scoring and of the migration figures.</param>
/// <param name="Regions">Regions in rank order.</param>
/// <param name="ScoreVsK">ρ(total, K of the coefficient flow).</param>
/// <param name="ScoreVsNetRate">ρ(total, net migration rate per 1,000, all flows).</param>
public sealed record ScoreMigrationRelation(int Year, IReadOnlyList<ScoreAndMigration> Regions, SpearmanResult ScoreVsK, SpearmanResult ScoreVsNetRate) : IStudyResult
{
    /// <summary>The specification the scores and the migration measures were computed under.</summary>
    public StudySpecification Specification { get; init; } = StudySpecification.Paper;

    private Flow Flow => Specification.Migration.CoefficientFlow;

    private string FlowCode => Codes.Of(Flow);

    /// <summary>Which flows and which population the two measures use, in words (for captions and notes).</summary>
    public string Measures =>
        $"K = {FlowCode} arrivals ÷ {FlowCode} departures ({FlowWords(Flow)}). " +
        $"Net migration rate = 1000 × all-flow balance (internal and international) ÷ {RateDenominator.DescribeWithSource(Specification.Migration.Population, Year)}.";

    // What a flow counts, for the measures' text.
    private static string FlowWords(Flow flow) => flow switch
    {
        Flow.Internal => "moves between and within regions; the only arrivals and departures bundled for 2022",
        Flow.Interregional => "moves between regions, the paper's coefficient",
        _ => "all moves: between and within regions, and international",
    };

    /// <summary>The regions (all, or those listed by key) as a table: rank, region, total, K, arrivals, departures, balance, population, net rate.</summary>
    public StudyTable ToTable(IEnumerable<string>? regions = null)
    {
        var keys = regions?.Select(IndicatorPanel.Key).ToList();
        var rows = keys is null ? Regions : [.. Regions.Where(r => keys.Contains(IndicatorPanel.Key(r.Region))).OrderBy(r => keys.IndexOf(IndicatorPanel.Key(r.Region)))];
        return new StudyTable(Specification,
            new Int32DataFrameColumn("rank", rows.Select(r => r.Rank)),
            new StringDataFrameColumn("region", rows.Select(r => r.Label)),
            new DoubleDataFrameColumn("total points", rows.Select(r => r.Total)),
            new DoubleDataFrameColumn($"K ({FlowCode})", rows.Select(r => r.K is double k ? RegionAttractiveness.RoundCoefficient(k) : (double?)null)),
            new DoubleDataFrameColumn($"{FlowCode} arrivals", rows.Select(r => r.Arrivals)),
            new DoubleDataFrameColumn($"{FlowCode} departures", rows.Select(r => r.Departures)),
            new DoubleDataFrameColumn("all-flow balance", rows.Select(r => r.Balance)),
            new DoubleDataFrameColumn("population", rows.Select(r => r.Population)),
            new DoubleDataFrameColumn("net rate per 1,000", rows.Select(r => r.NetRate is double n ? Math.Round(n, 2, MidpointRounding.AwayFromZero) : (double?)null)))
        {
            Units = Units,
        };
    }

    /// <summary>The unit of measure of each column of <see cref="ToTable"/> that has one (the table carries them).</summary>
    public IReadOnlyDictionary<string, string> Units => new Dictionary<string, string>
    {
        [$"{FlowCode} arrivals"] = "persons", [$"{FlowCode} departures"] = "persons", ["all-flow balance"] = "persons",
        ["population"] = "persons", ["net rate per 1,000"] = "per 1,000 population",
    };

    /// <summary>The notes of <see cref="ToTable"/>: which flows and population the measures use, and each correlation with its interval.</summary>
    public IReadOnlyList<string> Notes =>
        [Measures, .. Correlations.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Relation}: n = {c.Result.N}, rho = {R(c.Result.Rho)}, CI [{R(c.Result.Lower)}, {R(c.Result.Upper)}]"))];

    private (string Relation, SpearmanResult Result)[] Correlations =>
        [($"total vs K ({FlowCode} flows)", ScoreVsK), ("total vs net migration rate per 1,000 (all flows)", ScoreVsNetRate)];

    private static double? R(double? v) => v is double d ? Math.Round(d, 3, MidpointRounding.AwayFromZero) : null;

    /// <summary>The two correlations as a table (measure, n, ρ, interval, resamples, seed).</summary>
    public StudyTable CorrelationTable()
    {
        var rows = Correlations;
        return new StudyTable(Specification,
            new StringDataFrameColumn("relation", rows.Select(r => r.Item1)),
            new Int32DataFrameColumn("n regions", rows.Select(r => r.Item2.N)),
            new DoubleDataFrameColumn("Spearman rho", rows.Select(r => R(r.Item2.Rho))),
            new DoubleDataFrameColumn("CI low", rows.Select(r => R(r.Item2.Lower))),
            new DoubleDataFrameColumn("CI high", rows.Select(r => R(r.Item2.Upper))),
            new DoubleDataFrameColumn("confidence", rows.Select(r => (double?)r.Item2.Confidence)),
            new Int32DataFrameColumn("bootstrap resamples", rows.Select(r => r.Item2.Draws)),
            new StringDataFrameColumn("seed", rows.Select(r => r.Item2.Seed.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Points for <c>MigrationCharts.LabelledScatter</c>: x = total points, y = K.</summary>
    public IReadOnlyList<LabelledPoint> KPoints => [.. Regions.Select(r => new LabelledPoint(r.Region, r.Label, r.Total, r.K, r.IsCity))];

    /// <summary>Points for <c>MigrationCharts.LabelledScatter</c>: x = total points, y = net rate per 1,000.</summary>
    public IReadOnlyList<LabelledPoint> NetRatePoints => [.. Regions.Select(r => new LabelledPoint(r.Region, r.Label, r.Total, r.NetRate, r.IsCity))];

    /// <summary>
    /// Each year's ranking of the units by migration balance, most negative first (1 = largest net outflow in persons,
    /// competition ranks, units with no figure unranked), reported for <paramref name="regions"/>: for checking "the
    /// highest outflow of population is steadily from …". Columns: year, units ranked, the unit with the largest
    /// outflow, then one rank column per listed region (NA when it has no figure or did not exist).
    /// </summary>
    public static DataFrame OutflowRanks(WorkbenchData data, Flow flow, int from, int to, IEnumerable<string> regions, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(data);
        var keys = regions.ToList();
        var years = Enumerable.Range(from, to - from + 1).ToList();
        var values = MigrationSeries.Values(data, flow, Measure.Balance, Period.JanDec, years, language);
        var ranked = new List<int>();
        var largest = new List<string>();
        var ranks = keys.ToDictionary(k => k, _ => new List<int?>());
        foreach (var year in years)
        {
            var known = values.Where(v => v.Year == year && v.Value is not null).ToList();
            ranked.Add(known.Count);
            largest.Add(known.Count == 0 ? "" : known.MinBy(v => v.Value)!.Label);
            foreach (var k in keys)
            {
                var own = known.FirstOrDefault(v => v.RegionKey == k);
                ranks[k].Add(own is null ? null : 1 + known.Count(v => v.Value < own.Value));
            }
        }
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn("year", years),
            new Int32DataFrameColumn("units ranked", ranked),
            new StringDataFrameColumn("largest net outflow", largest),
        };
        foreach (var k in keys)
            columns.Add(new Int32DataFrameColumn($"{RegionLabels.Of(data.Regions[k], language)}: outflow rank", ranks[k]));
        return new DataFrame(columns);
    }

    /// <summary>
    /// Relates the totals of <paramref name="year"/> in <paramref name="result"/> (a scoring of <paramref name="panel"/>) to the
    /// migration figures of that year, under the panel's specification: K of its coefficient flow, the net rate over its
    /// population (each unit on its territory of the year). Missing migration figures stay missing (the region drops out
    /// of that correlation, and n says so). The relation records the panel's specification with the result's scoring.
    /// </summary>
    public static ScoreMigrationRelation Of(Scorecard result, SocioEconomicPanel panel, int year, string language = "en",
        int draws = RankCorrelation.DefaultDraws, ulong seed = RankCorrelation.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(panel);
        var specification = panel.Record(result.Spec);
        var flow = specification.Migration.CoefficientFlow;
        var data = panel.Data;
        var era = BoundaryEra.OfYear(year);
        var rows = new List<ScoreAndMigration>();
        foreach (var score in result.RegionsIn(year))
        {
            var region = panel.Region(score.Region);
            var flows = RegionAttractiveness.Of(data, region.Key, year, flow);
            var (arrivals, departures, k) = (flows.Arrivals, flows.Departures, flows.Coefficient);
            var balance = data.MigrationValue(region.Key, year, Flow.All, Measure.Balance);
            var population = RateDenominator.Of(data, region, year, era, specification.Migration.Population)?.Value;
            double? rate = balance is double b && population is double p && p > 0
                ? MigrationRates.NetRate(region.Key, Flow.All, b, p).Value
                : null;
            rows.Add(new ScoreAndMigration(score.Region, panel.Label(score.Region, language), region.Kind == RegionKind.City,
                score.Total, score.Rank, arrivals, departures, k, balance, population, rate));
        }
        var totals = rows.Select(r => r.Total).ToList();
        return new ScoreMigrationRelation(year, rows,
            RankCorrelation.Bootstrap(totals, [.. rows.Select(r => r.K)], draws, seed),
            RankCorrelation.Bootstrap(totals, [.. rows.Select(r => r.NetRate)], draws, seed))
        {
            Specification = specification,
        };
    }
}
