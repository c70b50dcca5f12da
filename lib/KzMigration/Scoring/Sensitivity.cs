using KzMigration.Statistics;
using System.Collections.Immutable;

namespace KzMigration.Scoring;

/// <summary>
/// The input of the Monte Carlo kernel (<see cref="Sensitivity.Run"/>), not a section of the specification: the study's
/// <c>SensitivityDesign</c> makes one with its <c>Around</c>. The uncertain choices of a run around a base specification. Each active choice is one factor
/// ("group") of the variance-based sensitivity analysis:
/// <list type="bullet">
/// <item><c>thresholds</c> — each threshold shifted by U(−<see cref="ThresholdJitter"/>, +<see cref="ThresholdJitter"/>) percentage points, then sorted so they stay ordered (active when jitter &gt; 0).</item>
/// <item><c>points</c> — each band's points shifted by U(−<see cref="PointJitter"/>, +<see cref="PointJitter"/>), sorted when the base points are non-decreasing (active when jitter &gt; 0; off by default).</item>
/// <item><c>reference</c> — one of <see cref="References"/>, uniformly (active when more than one).</item>
/// <item><c>polarity</c> — each scored indicator of <see cref="PolarityCandidates"/> keeps or flips its base polarity with probability ½.</item>
/// <item><c>polarity of X</c> — one factor per scored indicator X of <see cref="SeparatePolarities"/> (default the housing price:
/// attractive or a cost), flipped with probability ½, so that its own sensitivity indices show what that reading moves.</item>
/// <item><c>inclusion</c> — uniformly one of {keep all, drop candidate 1, …, drop candidate C} (COINr-style leave-one-out; active when <see cref="ExcludeOneIndicator"/> and at least two indicators are scored).</item>
/// </list>
/// </summary>
public sealed record SensitivityInput
{
    /// <summary>The default specification: ranks shift relative to it.</summary>
    public ScoringSpec Base { get; init; } = ScoringSpec.Paper;

    /// <summary>N, the number of base rows of the A and B sample matrices. Uncertainty statistics use the 2N
    /// evaluations of A and B; sensitivity indices also evaluate N rows of each A_B^(g), so a run costs N(G + 2) scorings.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Master seed. Draws are generated in fixed chunks of <see cref="Sensitivity.ChunkSize"/> base rows, each from its
    /// own xoshiro256** stream derived from this seed and the chunk index, so the result does not depend on the thread count.</summary>
    public ulong Seed { get; init; } = 20240607;

    /// <summary>Half-width of the uniform shift of every threshold, in percentage points. Default 5.</summary>
    public double ThresholdJitter { get; init; } = 5;

    /// <summary>Half-width of the uniform shift of every band's points. Default 0 (off).</summary>
    public double PointJitter { get; init; }

    /// <summary>References sampled among. Empty (default) = every reference the panel supports (population-weighted only with population weights).</summary>
    public ImmutableArray<ReferenceKind> References { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Indicators whose polarity is contestable; those scored are flipped at random. Default: unemployment_rate, job_seekers, poverty_rate.</summary>
    public ImmutableArray<string> PolarityCandidates { get; init => field = value.IsDefault ? [] : value; } =
        ["unemployment_rate", "job_seekers", "poverty_rate"];

    /// <summary>
    /// Indicators whose polarity is contestable and sampled as a factor of its own (flip with probability ½). Default:
    /// <see cref="HousingChoice.FactorId"/> — a high housing price may be read as a sign of attractiveness (the paper:
    /// «Cities and regions with high housing prices … are characterized by a positive migration balance») or as a cost
    /// that deters movers. An indicator listed here is not also part of the <c>polarity</c> group.
    /// </summary>
    public ImmutableArray<string> SeparatePolarities { get; init => field = value.IsDefault ? [] : value; } = [HousingChoice.FactorId];

    /// <summary>Whether one indicator may be dropped per draw (leave-one-out). Default true.</summary>
    public bool ExcludeOneIndicator { get; init; } = true;

    /// <summary>Indicators that may be dropped; empty (default) = every scored indicator.</summary>
    public ImmutableArray<string> ExclusionCandidates { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>A run with nothing uncertain: every draw is the base specification.</summary>
    public static SensitivityInput Fixed(ScoringSpec spec) => new()
    {
        Base = spec, ThresholdJitter = 0, PointJitter = 0, References = [spec.Reference], PolarityCandidates = [], SeparatePolarities = [], ExcludeOneIndicator = false,
    };
}

/// <summary>One uncertain choice as sampled: its name, what it samples, how many uniform inputs it uses.</summary>
public sealed record SensitivityFactor(string Name, string Description, int Dimensions);

/// <summary>
/// A region's rank across the draws (2N evaluations of A and B). Percentiles are nearest-rank (the smallest rank
/// whose cumulative share reaches p; <see cref="Statistics.Quantiles.NearestRank"/>, Hyndman &amp; Fan 1996 type 1: a rank
/// that occurred) over the draws in which the region was ranked; null when it never was.
/// </summary>
public sealed record RankInterval(
    string Region, int Year, int? DefaultRank, int? Min, int? P5, int? Median, int? P95, int? Max,
    double? MeanRank, double MeanAbsoluteShift, double UnrankedShare);

/// <summary>How often a cell fell in each band (indexed as the base scale's bands) across the 2N draws; <see cref="UnscoredShare"/> covers draws where it was dropped or unscored.</summary>
public sealed record BandProbability(string Region, string Indicator, int Year, int? DefaultBand, ImmutableArray<double> Probabilities, double UnscoredShare);

/// <summary>
/// Variance-based sensitivity of one output to one factor (group). <paramref name="FirstOrder"/>: share of the output
/// variance explained by the factor alone (Saltelli et al. 2010 estimator); <paramref name="Total"/>: share including
/// its interactions (Jansen 1999 estimator). NaN when the output does not vary. Monte Carlo error is O(1/√N), so small
/// negative values or values slightly above 1 are noise.
/// </summary>
/// <param name="Factor">Factor name (<see cref="SensitivityFactor.Name"/>).</param>
/// <param name="Output">"mean_abs_rank_shift" (the scalar) or "rank" (one region-year).</param>
/// <param name="Region">Region for a rank output, null for the scalar.</param>
/// <param name="Year">Year for a rank output, null for the scalar.</param>
/// <param name="FirstOrder">S = V[E(Y|X)] / V(Y).</param>
/// <param name="Total">ST = E[V(Y|X~)] / V(Y).</param>
public sealed record SensitivityIndex(string Factor, string Output, string? Region, int? Year, double FirstOrder, double Total);

/// <summary>The outcome of <see cref="Sensitivity.Run"/>, carrying its specification and the default scoring.</summary>
/// <param name="Spec">The run's specification.</param>
/// <param name="Default">The base specification's scoring.</param>
/// <param name="Evaluations">Scorings performed: N(G + 2), or 2N without factors.</param>
/// <param name="Factors">The active factors, in sampling order.</param>
/// <param name="Ranks">Per region-year rank distribution, ordered by year then panel region order.</param>
/// <param name="Bands">Per cell band distribution, ordered by year, region, indicator.</param>
/// <param name="MeanAbsoluteRankShift">Mean over draws and ranked region-years of |rank − default rank|.</param>
/// <param name="Indices">First-order and total indices for the scalar output, then for each region-year's rank.</param>
public sealed record SensitivityResult(
    SensitivityInput Spec, Scorecard Default, int Evaluations, IReadOnlyList<SensitivityFactor> Factors,
    IReadOnlyList<RankInterval> Ranks, IReadOnlyList<BandProbability> Bands, double MeanAbsoluteRankShift,
    IReadOnlyList<SensitivityIndex> Indices);

/// <summary>
/// Uncertainty and sensitivity analysis of the scoring (OECD/JRC, Handbook on Constructing Composite Indicators,
/// 2008, ch. 1.7 and 2.7; COINr's get_sensitivity): sample the open choices, rescore, and see how far ranks move
/// and which choice moves them.
/// <para>Sampling: two independent N × d matrices A and B of U(0,1) inputs (d = all factor dimensions), and for each
/// factor g the matrix A_B^(g) = A with g's columns taken from B (Saltelli et al. 2010, "Variance based sensitivity
/// analysis of model output", Comput. Phys. Commun. 181:259). Outputs Y: (1) each region-year's rank, a region unranked
/// in a draw counting as (number ranked that year + 1); (2) the scalar mean over default-ranked region-years of
/// |rank − default rank|.</para>
/// <para>Estimators, with V = variance of f(A) ∪ f(B): S_g = (1/N) Σ (f(B)ⱼ − mean f(B)) (f(A_B^g)ⱼ − f(A)ⱼ) / V
/// (Saltelli 2010, centred); ST_g = (1/2N) Σ (f(A)ⱼ − f(A_B^g)ⱼ)² / V (Jansen).</para>
/// <para>Determinism: each chunk of <see cref="ChunkSize"/> base rows draws from its own generator seeded by
/// (seed, chunk index); every accumulated quantity is an integer (ranks, their products, band counts), summed exactly,
/// so neither the thread count nor the order chunks finish in can change a single bit of the result.</para>
/// </summary>
public static class Sensitivity
{
    /// <summary>Base rows per chunk (fixed; part of the definition of the random stream).</summary>
    public const int ChunkSize = 64;

    /// <summary>The most draws (N) a run takes (a run costs N × (choices + 2) scorings).</summary>
    public const int MaxDraws = 10_000_000;

    /// <summary>Runs the analysis. <paramref name="maxDegreeOfParallelism"/> (−1 = all cores) changes speed only, never the result.</summary>
    /// <exception cref="ArgumentException">Invalid draws or jitter, unknown candidate indicator, or a reference the panel cannot form.</exception>
    public static SensitivityResult Run(IndicatorPanel panel, SensitivityInput spec, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Draws is < 1 or > MaxDraws) throw new ArgumentException($"Sensitivity: Draws = {spec.Draws}; expected 1 … 10,000,000.", nameof(spec));
        if (!double.IsFinite(spec.ThresholdJitter) || spec.ThresholdJitter < 0 || !double.IsFinite(spec.PointJitter) || spec.PointJitter < 0)
            throw new ArgumentException("Sensitivity: jitters must be finite and ≥ 0.", nameof(spec));

        var baseResult = Scorecard.Score(panel, spec.Base);
        ReferenceKind[] references = spec.References.IsEmpty
            ? [.. Enum.GetValues<ReferenceKind>().Where(k => k != ReferenceKind.PopulationWeightedMean || panel.HasPopulation)]
            : [.. spec.References.Distinct()];
        if (references.Contains(ReferenceKind.PopulationWeightedMean) && !panel.HasPopulation)
            throw new ArgumentException("Sensitivity: PopulationWeightedMean is sampled but the panel has no population weights.", nameof(spec));
        var kernel = new ScoringKernel(panel, spec.Base, references);
        var design = new Design(kernel, spec, Index(kernel, spec.Base.Reference, references));

        // Default ranks by the kernel itself (identical to baseResult's by construction; a test checks it).
        var scratch = new ScoringKernel.Scratch(kernel);
        kernel.Evaluate(design.BaseDraw(), scratch, recordBands: true);
        var defaultRank = (int[])scratch.Ranks.Clone();
        var defaultBands = (sbyte[])scratch.Bands.Clone();
        var defaultRanked = defaultRank.Count(r => r > 0);

        int U = kernel.U, G = design.Factors.Count, O = U + 1, N = spec.Draws;
        long maxY = (long)U * (kernel.MaxUnitsPerYear + 1);
        if ((double)maxY * maxY * N > 4e18)
            throw new ArgumentException($"Sensitivity: {U} region-years × {N} draws would overflow exact accumulation; reduce Draws.", nameof(spec));

        var chunks = (N + ChunkSize - 1) / ChunkSize;
        var total = new Accumulator(kernel, G);
        var gate = new object();
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => new Worker(kernel, design, defaultRank, G),
            (c, _, w) => { w.RunChunk(spec.Seed, c, Math.Min(ChunkSize, N - c * ChunkSize)); return w; },
            w => { lock (gate) total.Add(w.Acc); });

        // Uncertainty: rank intervals and band probabilities over the 2N A/B evaluations.
        var twoN = 2.0 * N;
        var hist = kernel.MaxUnitsPerYear + 1;
        var ranks = new RankInterval[U];
        for (var u = 0; u < U; u++)
        {
            var h = total.Histogram.AsSpan(u * hist, hist);
            long ranked = 2L * N - h[0], weighted = 0;
            int? min = null, max = null;
            for (var r = 1; r < hist; r++)
                if (h[r] > 0) { min ??= r; max = r; weighted += (long)r * h[r]; }
            ranks[u] = new RankInterval(panel.Regions[kernel.UnitRegion[u]], panel.Years[kernel.UnitYear[u]],
                defaultRank[u] > 0 ? defaultRank[u] : null, min, Quantiles.NearestRank(h, ranked, 0.05), Quantiles.NearestRank(h, ranked, 0.5), Quantiles.NearestRank(h, ranked, 0.95), max,
                ranked > 0 ? (double)weighted / ranked : null, total.AbsShift[u] / twoN, h[0] / twoN);
        }
        int K = kernel.K, nb = spec.Base.Bands.Bands.Length;
        var bands = new BandProbability[U * K];
        for (var u = 0; u < U; u++)
            for (var k = 0; k < K; k++)
            {
                var at = (k * U + u) * (nb + 1);
                var p = new double[nb];
                for (var b = 0; b < nb; b++) p[b] = total.BandCounts[at + b + 1] / twoN;
                var db = defaultBands[k * U + u];
                bands[u * K + k] = new BandProbability(panel.Regions[kernel.UnitRegion[u]], kernel.IndicatorNames[k], panel.Years[kernel.UnitYear[u]],
                    db >= 0 ? db : null, [.. p], total.BandCounts[at] / twoN);
            }

        // Sensitivity indices from exact integer sums.
        var indices = new List<SensitivityIndex>(O * G);
        for (var o = 0; o < O; o++)
        {
            var (output, region, year) = o == 0 ? ("mean_abs_rank_shift", (string?)null, (int?)null)
                : ("rank", panel.Regions[kernel.UnitRegion[o - 1]], panel.Years[kernel.UnitYear[o - 1]]);
            double sumA = total.SumA[o], sumB = total.SumB[o];
            var mean = (sumA + sumB) / twoN;
            var variance = ((double)total.SumA2[o] + total.SumB2[o]) / twoN - mean * mean;
            for (var g = 0; g < G; g++)
            {
                double s1 = double.NaN, st = double.NaN;
                if (variance > 1e-12)
                {
                    var at = g * O + o;
                    s1 = ((double)total.CrossB[at] - sumB / N * total.DiffAB[at]) / N / variance;
                    st = (double)total.SquaredDiff[at] / twoN / variance;
                }
                indices.Add(new SensitivityIndex(design.Factors[g].Name, output, region, year, s1, st));
            }
        }

        return new SensitivityResult(spec, baseResult, G == 0 ? 2 * N : N * (G + 2), design.Factors, ranks, bands,
            defaultRanked == 0 ? 0 : total.SumShift / (twoN * defaultRanked), indices);
    }

    private static int Index(ScoringKernel kernel, ReferenceKind kind, ReferenceKind[] references)
    {
        var m = Array.IndexOf(references, kind);
        return m >= 0 ? m : throw new ArgumentException($"Sensitivity: the base reference {kind} must be among the sampled references ({string.Join(", ", references)}).");
    }

    /// <summary>Factor layout and the map from a row of U(0,1) inputs to a draw.</summary>
    private sealed class Design
    {
        public readonly List<SensitivityFactor> Factors = [];
        public readonly int Dimensions;
        private readonly List<(int From, int Count)> _columns = [];
        private readonly ScoringKernel _kernel;
        private readonly double[] _thresholds, _points;
        private readonly bool _sortPoints;
        private readonly int _baseReference;
        private readonly double _thresholdJitter, _pointJitter;
        private readonly int[] _polarity, _exclusion, _separate;
        private readonly List<int> _separateAt = [];
        private readonly int _thresholdAt = -1, _pointAt = -1, _referenceAt = -1, _polarityAt = -1, _exclusionAt = -1;

        public Design(ScoringKernel kernel, SensitivityInput spec, int baseReference)
        {
            _kernel = kernel;
            _thresholds = [.. spec.Base.Bands.Thresholds];
            _points = [.. spec.Base.Bands.Bands.Select(b => b.Points)];
            _sortPoints = _points.Zip(_points.Skip(1)).All(p => p.First <= p.Second);
            _baseReference = baseReference;
            _thresholdJitter = spec.ThresholdJitter;
            _pointJitter = spec.PointJitter;
            _separate = [.. Resolve(kernel, spec.SeparatePolarities, strict: false).Distinct()];
            _polarity = [.. Resolve(kernel, spec.PolarityCandidates, strict: false).Distinct().Where(k => !_separate.Contains(k))];
            _exclusion = spec.ExcludeOneIndicator && kernel.K >= 2
                ? spec.ExclusionCandidates.IsEmpty ? [.. Enumerable.Range(0, kernel.K)] : [.. Resolve(kernel, spec.ExclusionCandidates, strict: true)]
                : [];
            var d = 0;
            int Add(string name, string description, int count)
            {
                Factors.Add(new SensitivityFactor(name, description, count));
                _columns.Add((d, count));
                d += count;
                return d - count;
            }
            if (_thresholdJitter > 0 && _thresholds.Length > 0)
                _thresholdAt = Add("thresholds", $"each threshold ± U({_thresholdJitter.ToString(System.Globalization.CultureInfo.InvariantCulture)}) pp, sorted", _thresholds.Length);
            if (_pointJitter > 0)
                _pointAt = Add("points", $"each band's points ± U({_pointJitter.ToString(System.Globalization.CultureInfo.InvariantCulture)}){(_sortPoints ? ", sorted" : "")}", _points.Length);
            if (kernel.References.Length > 1)
                _referenceAt = Add("reference", $"uniform over {string.Join(", ", kernel.References)}", 1);
            if (_polarity.Length > 0)
                _polarityAt = Add("polarity", $"flip with probability ½: {string.Join(", ", _polarity.Select(k => kernel.IndicatorNames[k]))}", _polarity.Length);
            foreach (var k in _separate)
                _separateAt.Add(Add($"polarity of {kernel.IndicatorNames[k]}", $"flip with probability ½: {kernel.IndicatorNames[k]} higher-is-better or lower-is-better", 1));
            if (_exclusion.Length > 0)
                _exclusionAt = Add("inclusion", $"uniform over keep all or drop one of {string.Join(", ", _exclusion.Select(k => kernel.IndicatorNames[k]))}", 1);
            Dimensions = d;
        }

        private static IEnumerable<int> Resolve(ScoringKernel kernel, ImmutableArray<string> names, bool strict)
        {
            foreach (var name in names)
            {
                var k = Array.FindIndex(kernel.IndicatorNames, n => IndicatorPanel.Key(n) == IndicatorPanel.Key(name));
                if (k >= 0) yield return k;
                else if (strict) throw new ArgumentException($"Sensitivity: candidate indicator '{name}' is not scored; scored: {string.Join(", ", kernel.IndicatorNames)}.");
            }
        }

        public (int From, int Count) Columns(int g) => _columns[g];

        public ScoringKernel.Draw BaseDraw()
        {
            var draw = new ScoringKernel.Draw(_thresholds.Length, _kernel.K);
            _thresholds.CopyTo(draw.Thresholds, 0);
            _points.CopyTo(draw.Points, 0);
            draw.Reference = _baseReference;
            return draw;
        }

        public void Decode(ReadOnlySpan<double> u, ScoringKernel.Draw draw)
        {
            var t = draw.Thresholds.AsSpan();
            _thresholds.CopyTo(t);
            if (_thresholdAt >= 0)
            {
                for (var i = 0; i < t.Length; i++) t[i] += (2 * u[_thresholdAt + i] - 1) * _thresholdJitter;
                t.Sort();
            }
            var p = draw.Points.AsSpan();
            _points.CopyTo(p);
            if (_pointAt >= 0)
            {
                for (var i = 0; i < p.Length; i++) p[i] += (2 * u[_pointAt + i] - 1) * _pointJitter;
                if (_sortPoints) p.Sort();
            }
            draw.Reference = _referenceAt >= 0 ? Math.Min((int)(u[_referenceAt] * _kernel.References.Length), _kernel.References.Length - 1) : _baseReference;
            Array.Clear(draw.Flip);
            for (var i = 0; i < _polarity.Length; i++) draw.Flip[_polarity[i]] = u[_polarityAt + i] < 0.5;
            for (var i = 0; i < _separate.Length; i++) draw.Flip[_separate[i]] = u[_separateAt[i]] < 0.5;
            draw.Excluded = -1;
            if (_exclusionAt >= 0)
            {
                var e = Math.Min((int)(u[_exclusionAt] * (_exclusion.Length + 1)), _exclusion.Length);
                draw.Excluded = e == 0 ? -1 : _exclusion[e - 1];
            }
        }
    }

    /// <summary>Exact integer sums; adding two accumulators is associative and commutative.</summary>
    private sealed class Accumulator(ScoringKernel kernel, int g)
    {
        public readonly long[] SumA = new long[kernel.U + 1], SumB = new long[kernel.U + 1], SumA2 = new long[kernel.U + 1], SumB2 = new long[kernel.U + 1];
        public readonly long[] CrossB = new long[g * (kernel.U + 1)], DiffAB = new long[g * (kernel.U + 1)], SquaredDiff = new long[g * (kernel.U + 1)];
        public readonly long[] Histogram = new long[kernel.U * (kernel.MaxUnitsPerYear + 1)];
        public readonly long[] AbsShift = new long[kernel.U];
        public long[] BandCounts = [];
        public long SumShift;

        public void Add(Accumulator other)
        {
            static void Sum(long[] into, long[] from) { for (var i = 0; i < into.Length; i++) into[i] += from[i]; }
            Sum(SumA, other.SumA); Sum(SumB, other.SumB); Sum(SumA2, other.SumA2); Sum(SumB2, other.SumB2);
            Sum(CrossB, other.CrossB); Sum(DiffAB, other.DiffAB); Sum(SquaredDiff, other.SquaredDiff);
            Sum(Histogram, other.Histogram); Sum(AbsShift, other.AbsShift);
            if (BandCounts.Length == 0) BandCounts = new long[other.BandCounts.Length];
            Sum(BandCounts, other.BandCounts);
            SumShift += other.SumShift;
        }
    }

    /// <summary>One worker's buffers and accumulator; runs whole chunks.</summary>
    private sealed class Worker
    {
        public readonly Accumulator Acc;
        private readonly ScoringKernel _kernel;
        private readonly Design _design;
        private readonly int[] _default;
        private readonly int _g, _nb;
        private readonly ScoringKernel.Scratch _scratch;
        private readonly ScoringKernel.Draw _draw;
        private readonly double[] _a, _b, _ab;
        private readonly long[] _yA, _yB, _yAB;

        public Worker(ScoringKernel kernel, Design design, int[] defaultRank, int g)
        {
            _kernel = kernel;
            _design = design;
            _default = defaultRank;
            _g = g;
            Acc = new Accumulator(kernel, g);
            _draw = design.BaseDraw();
            _nb = _draw.Points.Length;
            Acc.BandCounts = new long[kernel.U * kernel.K * (_nb + 1)];
            _scratch = new ScoringKernel.Scratch(kernel);
            _a = new double[design.Dimensions];
            _b = new double[design.Dimensions];
            _ab = new double[design.Dimensions];
            _yA = new long[kernel.U + 1];
            _yB = new long[kernel.U + 1];
            _yAB = new long[kernel.U + 1];
        }

        public void RunChunk(ulong seed, int chunk, int rows)
        {
            var rng = Xoshiro256.ForChunk(seed, chunk);
            int O = _kernel.U + 1;
            for (var j = 0; j < rows; j++)
            {
                for (var i = 0; i < _a.Length; i++) _a[i] = rng.NextDouble();
                for (var i = 0; i < _b.Length; i++) _b[i] = rng.NextDouble();
                Evaluate(_a, _yA, uncertainty: true);
                Evaluate(_b, _yB, uncertainty: true);
                for (var o = 0; o < O; o++)
                {
                    long ya = _yA[o], yb = _yB[o];
                    Acc.SumA[o] += ya; Acc.SumB[o] += yb; Acc.SumA2[o] += ya * ya; Acc.SumB2[o] += yb * yb;
                }
                for (var g = 0; g < _g; g++)
                {
                    _a.CopyTo(_ab, 0);
                    var (from, count) = _design.Columns(g);
                    Array.Copy(_b, from, _ab, from, count);
                    Evaluate(_ab, _yAB, uncertainty: false);
                    var at = g * O;
                    for (var o = 0; o < O; o++)
                    {
                        var diff = _yAB[o] - _yA[o];
                        Acc.CrossB[at + o] += _yB[o] * diff;
                        Acc.DiffAB[at + o] += diff;
                        Acc.SquaredDiff[at + o] += diff * diff;
                    }
                }
            }
        }

        // Y[0] = Σ |rank − default| over default-ranked units (the scalar × its fixed denominator); Y[1 + u] = rank of unit u.
        private void Evaluate(double[] u, long[] y, bool uncertainty)
        {
            _design.Decode(u, _draw);
            _kernel.Evaluate(_draw, _scratch, recordBands: uncertainty);
            int U = _kernel.U, hist = _kernel.MaxUnitsPerYear + 1;
            long shift = 0;
            for (var k = 0; k < U; k++)
            {
                var rank = _scratch.Ranks[k];
                var effective = rank > 0 ? rank : _scratch.RankedInSlot[_kernel.UnitSlot[k]] + 1;
                y[1 + k] = effective;
                if (_default[k] > 0)
                {
                    var d = Math.Abs(effective - _default[k]);
                    shift += d;
                    if (uncertainty) Acc.AbsShift[k] += d;
                }
                if (uncertainty) Acc.Histogram[k * hist + rank]++;
            }
            y[0] = shift;
            if (!uncertainty) return;
            Acc.SumShift += shift;
            var bands = _scratch.Bands;
            var counts = Acc.BandCounts;
            for (var c = 0; c < bands.Length; c++) counts[c * (_nb + 1) + bands[c] + 1]++;
        }
    }
}
