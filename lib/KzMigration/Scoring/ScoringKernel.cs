namespace KzMigration.Scoring;

/// <summary>
/// A scoring specification compiled against a panel for repeated evaluation (Monte Carlo): every ratio is
/// precomputed once per (reference choice, polarity, indicator, unit), so one evaluation is a pass over
/// dense columns with no allocation and no name lookup. A "unit" is a region present in a scored year;
/// units are ordered by year, then panel region order (as <see cref="Scorecard.Score"/> orders its cells).
/// Band assignment, ratios, references and ranking are the very routines <see cref="Scorecard"/> uses.
/// Immutable after construction, hence safe to share between threads.
/// </summary>
internal sealed class ScoringKernel
{
    public readonly int K, U;
    public readonly string[] IndicatorNames;
    public readonly int[] UnitRegion, UnitYear, UnitSlot;
    public readonly int[] SlotStart; // units of year slot s are [SlotStart[s], SlotStart[s + 1])
    public readonly ReferenceKind[] References;
    public readonly Polarity[] BasePolarity;
    public readonly double[] Weights;
    public readonly BoundaryRule Rule;
    public readonly int MaxUnitsPerYear;
    private readonly bool _mean;
    private readonly double[][] _ratios; // [((m * 2) + polarity) * K + k][unit], NaN = unscored

    public ScoringKernel(IndicatorPanel panel, ScoringSpec spec, IReadOnlyList<ReferenceKind> references)
    {
        var plan = Scorecard.Plan.Resolve(panel, spec);
        K = plan.Indicators.Length;
        IndicatorNames = plan.Names;
        BasePolarity = plan.Polarities;
        Weights = plan.Weights;
        Rule = spec.Bands.Rule;
        _mean = spec.Aggregation == Aggregation.WeightedMean;
        References = [.. references];
        int nR = panel.Regions.Count, nI = panel.Indicators.Count;

        var region = new List<int>();
        var year = new List<int>();
        var slot = new List<int>();
        SlotStart = new int[plan.Years.Length + 1];
        for (var s = 0; s < plan.Years.Length; s++)
        {
            SlotStart[s] = region.Count;
            for (var r = 0; r < nR; r++)
                if (panel.Present[plan.Years[s] * nR + r]) { region.Add(r); year.Add(plan.Years[s]); slot.Add(s); }
            MaxUnitsPerYear = Math.Max(MaxUnitsPerYear, region.Count - SlotStart[s]);
        }
        SlotStart[^1] = region.Count;
        UnitRegion = [.. region];
        UnitYear = [.. year];
        UnitSlot = [.. slot];
        U = UnitRegion.Length;

        _ratios = new double[References.Length * 2 * K][];
        for (var m = 0; m < References.Length; m++)
        {
            var refs = new double[plan.Years.Length * K];
            for (var s = 0; s < plan.Years.Length; s++)
                for (var k = 0; k < K; k++)
                {
                    ReferenceLevel.Resolve(panel, plan.Indicators[k], plan.Years[s], References[m], spec.ReferenceFallback, withProvenance: false, out var v);
                    refs[s * K + k] = v;
                }
            for (var p = 0; p < 2; p++)
                for (var k = 0; k < K; k++)
                {
                    var column = new double[U];
                    for (var u = 0; u < U; u++)
                    {
                        var value = panel.Data[(UnitYear[u] * nR + UnitRegion[u]) * nI + plan.Indicators[k]];
                        var ratio = Scorecard.Ratio(value, refs[UnitSlot[u] * K + k], (Polarity)p, out var status);
                        // The rule's rounding once here (BandScale.EffectiveRatio), so Evaluate is a plain threshold count.
                        ratio = BandScale.EffectiveRatio(ratio, Rule);
                        column[u] = status == CellStatus.Scored ? ratio : double.NaN;
                    }
                    _ratios[(m * 2 + p) * K + k] = column;
                }
        }
    }

    /// <summary>One configuration of the uncertain choices; mutable scratch owned by one worker.</summary>
    public sealed class Draw(int thresholds, int k)
    {
        public readonly double[] Thresholds = new double[thresholds];
        public readonly double[] Points = new double[thresholds + 1];
        public readonly bool[] Flip = new bool[k];
        public int Reference;
        public int Excluded = -1;
    }

    /// <summary>Per-worker buffers of one evaluation.</summary>
    public sealed class Scratch(ScoringKernel kernel)
    {
        public readonly double[] Totals = new double[kernel.U];
        public readonly double[] WeightSums = new double[kernel.U];
        public readonly int[] Counts = new int[kernel.U];
        public readonly int[] Ranks = new int[kernel.U];
        public readonly int[] RankedInSlot = new int[kernel.SlotStart.Length - 1];
        public readonly sbyte[] Bands = new sbyte[kernel.U * kernel.K]; // [k * U + u], −1 = unscored
    }

    /// <summary>Scores every unit under a draw and ranks within each year (competition ranking, 0 = unranked).</summary>
    public void Evaluate(Draw d, Scratch s, bool recordBands)
    {
        var totals = s.Totals.AsSpan();
        var wsum = s.WeightSums.AsSpan();
        var counts = s.Counts.AsSpan();
        totals.Clear();
        wsum.Clear();
        counts.Clear();
        ReadOnlySpan<double> thresholds = d.Thresholds;
        ReadOnlySpan<double> points = d.Points;
        var upper = Rule == BoundaryRule.UpperBoundInclusive;
        for (var k = 0; k < K; k++)
        {
            var bands = recordBands ? s.Bands.AsSpan(k * U, U) : default;
            if (k == d.Excluded)
            {
                if (recordBands) bands.Fill(-1);
                continue;
            }
            var polarity = (int)BasePolarity[k] ^ (d.Flip[k] ? 1 : 0);
            var column = _ratios[(d.Reference * 2 + polarity) * K + k];
            var w = Weights[k];
            for (var u = 0; u < column.Length; u++)
            {
                var ratio = column[u];
                if (double.IsNaN(ratio))
                {
                    if (recordBands) bands[u] = -1;
                    continue;
                }
                // The one band lookup (BandScale.Locate, the effective ratio precomputed above).
                var b = BandScale.CountReached(thresholds, ratio, upper);
                totals[u] += w * points[b];
                wsum[u] += w;
                counts[u]++;
                if (recordBands) bands[u] = (sbyte)b;
            }
        }
        for (var u = 0; u < U; u++)
            if (counts[u] == 0 || (_mean && wsum[u] == 0)) totals[u] = double.NaN;
            else if (_mean) totals[u] /= wsum[u];
        for (var slot = 0; slot + 1 < SlotStart.Length; slot++)
        {
            int from = SlotStart[slot], n = SlotStart[slot + 1] - from;
            Ranking.Competition(totals.Slice(from, n), s.Ranks.AsSpan(from, n));
            var ranked = 0;
            for (var u = from; u < from + n; u++) if (s.Ranks[u] > 0) ranked++;
            s.RankedInSlot[slot] = ranked;
        }
    }
}
