namespace KzMigration.Scoring;

/// <summary>
/// The paper's scoring of regions by socio-economic indicators (Bokayev &amp; Akhmetova, "Economic factors of
/// internal migration in the Republic of Kazakhstan", paragraph before Figure 3): for each indicator and year
/// a reference ("average national level") is formed, each region's value is expressed as a percentage of it,
/// the percentage falls in a band (very low … very high) worth points, and the points add up to the region's
/// total. Every choice the paper leaves open is a field of <see cref="ScoringSpec"/>.
/// </summary>
public sealed partial record Scorecard
{
    /// <summary>Absolute tolerance under which two totals count as tied for ranking.</summary>
    public const double TieTolerance = 1e-9;

    /// <summary>
    /// Scores a panel under a specification. For each year y, indicator i and region r present that year:
    /// ratio = 100 · v(r,i,y) / ref(i,y) (or 100 · ref / v for lower-is-better), band = the band of the ratio
    /// under <see cref="BandScale.Rule"/>, points = that band's points; total(r,y) aggregates the points of the
    /// scored cells (<see cref="Aggregation"/>); rank = competition rank of the total within the year.
    /// References are computed once per (indicator, year); where <see cref="ScoringSpec.Reference"/> cannot be formed (no
    /// published national figure that year) the indicator's reference is <see cref="ScoringSpec.ReferenceFallback"/>, recorded
    /// in <see cref="References"/> (<see cref="ReferenceLevel.InsteadOf"/>), or the cells stay unscored when it is none.
    /// Pure: same inputs, same result.
    /// </summary>
    /// <exception cref="ArgumentException">The specification names an indicator or year the panel lacks, or its bands or weights are invalid.</exception>
    public static Scorecard Score(IndicatorPanel panel, ScoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        var plan = Plan.Resolve(panel, spec);
        int nR = panel.Regions.Count, nI = panel.Indicators.Count, K = plan.Indicators.Length;
        var thresholds = spec.Bands.Thresholds.AsSpan();
        var bands = spec.Bands.Bands;
        var rule = spec.Bands.Rule;

        var references = new ReferenceLevel[plan.Years.Length * K];
        var refValue = new double[references.Length];
        for (var yy = 0; yy < plan.Years.Length; yy++)
            for (var k = 0; k < K; k++)
            {
                var level = ReferenceLevel.Resolve(panel, plan.Indicators[k], plan.Years[yy], spec.Reference, spec.ReferenceFallback, withProvenance: true, out var v)!;
                references[yy * K + k] = level;
                refValue[yy * K + k] = v;
            }

        var cellCount = 0;
        foreach (var y in plan.Years)
            for (var r = 0; r < nR; r++)
                if (panel.Present[y * nR + r]) cellCount += K;
        var cells = new ScoredCell[cellCount];
        var scores = new List<RegionScore>(cellCount / Math.Max(K, 1));
        var totals = new double[nR];
        var ranks = new int[nR];
        var scored = new int[nR];
        var c = 0;
        for (var yy = 0; yy < plan.Years.Length; yy++)
        {
            var y = plan.Years[yy];
            var year = panel.Years[y];
            for (var r = 0; r < nR; r++)
            {
                totals[r] = double.NaN;
                scored[r] = 0;
                if (!panel.Present[y * nR + r]) continue;
                double sum = 0, weightSum = 0;
                var region = panel.Regions[r];
                for (var k = 0; k < K; k++)
                {
                    var i = plan.Indicators[k];
                    var value = panel.Data[(y * nR + r) * nI + i];
                    var reference = refValue[yy * K + k];
                    var polarity = plan.Polarities[k];
                    var ratio = Ratio(value, reference, polarity, out var status);
                    if (status != CellStatus.Scored)
                    {
                        cells[c++] = new ScoredCell(region, plan.Names[k], year, Nullable(value), Nullable(reference), null,
                            null, null, null, null, null, polarity, status);
                        continue;
                    }
                    var band = BandScale.Locate(thresholds, ratio, rule);
                    var (edge, at) = BandScale.NearestEdge(thresholds, ratio, rule);
                    var points = bands[band].Points;
                    cells[c++] = new ScoredCell(region, plan.Names[k], year, value, reference, ratio,
                        band, bands[band].Label, points, double.IsInfinity(edge) ? null : edge, double.IsNaN(at) ? null : at, polarity, status);
                    sum += plan.Weights[k] * points;
                    weightSum += plan.Weights[k];
                    scored[r]++;
                }
                if (scored[r] > 0)
                    totals[r] = spec.Aggregation == Aggregation.WeightedMean ? (weightSum == 0 ? double.NaN : sum / weightSum) : sum;
            }
            Ranking.Competition(totals, ranks);
            var order = Ranking.Order(totals, ranks, panel.Present.AsSpan(y * nR, nR));
            foreach (var r in order)
                scores.Add(new RegionScore(panel.Regions[r], year, Nullable(totals[r]), ranks[r] > 0 ? ranks[r] : null, scored[r], K - scored[r]));
        }

        return new Scorecard(spec, plan.Names, [.. plan.Years.Select(y => panel.Years[y])], cells, scores, references);
    }

    // Ratio in percent, or a reason for not scoring. Shared with the Monte Carlo kernel.
    internal static double Ratio(double value, double reference, Polarity polarity, out CellStatus status)
    {
        if (double.IsNaN(value)) { status = CellStatus.MissingValue; return double.NaN; }
        if (double.IsNaN(reference)) { status = CellStatus.MissingReference; return double.NaN; }
        if (reference <= 0) { status = CellStatus.NonPositiveReference; return double.NaN; }
        if (polarity == Polarity.HigherIsBetter) { status = CellStatus.Scored; return ReferenceLevel.Percent(value, reference); }
        if (value <= 0) { status = CellStatus.NonPositiveValue; return double.NaN; }
        status = CellStatus.Scored;
        return ReferenceLevel.Percent(reference, value);
    }

    private static double? Nullable(double v) => double.IsNaN(v) ? null : v;

    /// <summary>A specification resolved against a panel: indicator and year indices, polarity and weight per indicator.</summary>
    internal sealed record Plan(int[] Indicators, string[] Names, int[] Years, Polarity[] Polarities, double[] Weights)
    {
        public static Plan Resolve(IndicatorPanel panel, ScoringSpec spec)
        {
            spec.Bands.Validate();
            if (spec.ReferenceFallback == ReferenceKind.PublishedNational)
                throw new ArgumentException("Scoring: the reference fallback cannot be the published national figure, the level that is missing; use median, mean, weighted or none.", nameof(spec));
            int[] indicators;
            if (spec.Indicators.IsEmpty) indicators = [.. Enumerable.Range(0, panel.Indicators.Count)];
            else
            {
                indicators = new int[spec.Indicators.Length];
                for (var k = 0; k < indicators.Length; k++)
                {
                    indicators[k] = panel.IndicatorIndex(spec.Indicators[k]);
                    if (indicators[k] < 0)
                        throw new ArgumentException($"Scoring: indicator '{spec.Indicators[k]}' is not in the panel; it has: {string.Join(", ", panel.Indicators)}.", nameof(spec));
                    if (Array.IndexOf(indicators, indicators[k], 0, k) >= 0)
                        throw new ArgumentException($"Scoring: indicator '{spec.Indicators[k]}' is listed twice.", nameof(spec));
                }
            }
            int[] years;
            if (spec.Years.IsEmpty) years = [.. Enumerable.Range(0, panel.Years.Count)];
            else
            {
                years = new int[spec.Years.Length];
                for (var k = 0; k < years.Length; k++)
                    years[k] = panel.YearIndex(spec.Years[k]) is >= 0 and var y ? y
                        : throw new ArgumentException($"Scoring: year {spec.Years[k]} is not in the panel; it has: {string.Join(", ", panel.Years)}.", nameof(spec));
                years = [.. years.Distinct().Order()];
            }
            foreach (var name in spec.Inverted.Concat(spec.Weights.Keys))
                if (panel.IndicatorIndex(name) < 0)
                    throw new ArgumentException($"Scoring: indicator '{name}' (inverted or weighted) is not in the panel; it has: {string.Join(", ", panel.Indicators)}.", nameof(spec));
            foreach (var (name, w) in spec.Weights)
                if (!double.IsFinite(w) || w < 0)
                    throw new ArgumentException($"Scoring: weight of '{name}' is {w}; weights must be finite and ≥ 0.", nameof(spec));
            var names = indicators.Select(i => panel.Indicators[i]).ToArray();
            return new Plan(indicators, names, years,
                [.. names.Select(spec.PolarityOf)], [.. names.Select(spec.WeightOf)]);
        }
    }
}

/// <summary>Competition ("1224") ranking, allocation-free for the Monte Carlo kernel.</summary>
internal static class Ranking
{
    /// <summary>
    /// ranks[r] = 1 + number of totals t' with t' − totals[r] &gt; <see cref="Scorecard.TieTolerance"/>; 0 for NaN (unranked).
    /// Up to 32 totals (a year of 17–20 regions) by direct counting, which beats sorting; above that by sorting
    /// and binary search with the same predicate, so both paths give identical ranks and cost stays O(n log n).
    /// </summary>
    public static void Competition(ReadOnlySpan<double> totals, Span<int> ranks)
    {
        if (totals.Length <= 32) CompetitionByCounting(totals, ranks);
        else CompetitionBySorting(totals, ranks);
    }

    internal static void CompetitionByCounting(ReadOnlySpan<double> totals, Span<int> ranks)
    {
        for (var r = 0; r < totals.Length; r++)
        {
            var t = totals[r];
            if (double.IsNaN(t)) { ranks[r] = 0; continue; }
            var above = 0;
            for (var s = 0; s < totals.Length; s++)
                above += totals[s] - t > Scorecard.TieTolerance ? 1 : 0; // NaN compares false; branch-free for random totals
            ranks[r] = above + 1;
        }
    }

    internal static void CompetitionBySorting(ReadOnlySpan<double> totals, Span<int> ranks)
    {
        var rented = System.Buffers.ArrayPool<double>.Shared.Rent(totals.Length);
        try
        {
            var n = 0;
            foreach (var t in totals) if (!double.IsNaN(t)) rented[n++] = t;
            var sorted = rented.AsSpan(0, n);
            sorted.Sort();
            for (var r = 0; r < totals.Length; r++)
            {
                var t = totals[r];
                if (double.IsNaN(t)) { ranks[r] = 0; continue; }
                // First index whose value exceeds t by more than the tolerance (x − t is monotone in x).
                int lo = 0, hi = n;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (sorted[mid] - t > Scorecard.TieTolerance) hi = mid; else lo = mid + 1;
                }
                ranks[r] = n - lo + 1;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Region indices present, ordered by rank (unranked last), then by index.</summary>
    public static int[] Order(double[] totals, int[] ranks, ReadOnlySpan<bool> present)
    {
        var list = new List<int>();
        for (var r = 0; r < totals.Length; r++) if (present[r]) list.Add(r);
        list.Sort((a, b) =>
        {
            int ra = ranks[a] == 0 ? int.MaxValue : ranks[a], rb = ranks[b] == 0 ? int.MaxValue : ranks[b];
            return ra != rb ? ra.CompareTo(rb) : a.CompareTo(b);
        });
        return [.. list];
    }
}
