using MathNet.Numerics.LinearAlgebra;

namespace KzMigration.Statistics;

/// <summary>
/// One observation for a regression: an outcome, named regressors and fixed-effect group labels, any of which may be
/// missing (null). <paramref name="Cluster"/> is the cluster for robust standard errors (e.g. the region).
/// </summary>
public sealed record ModelObservation(
    string Label,
    double? Outcome,
    IReadOnlyDictionary<string, double?> Regressors,
    IReadOnlyDictionary<string, string> Groups,
    string Cluster);

/// <summary>
/// The numeric form of a regression: outcome <see cref="Y"/>, design matrix <see cref="X"/> (intercept, regressors, then
/// one dummy per level of each fixed effect except the first), the cluster of each row, and the observations left out
/// because a value was missing (counted and listed, never filled with zero).
/// </summary>
public sealed record ModelFrame(
    Vector<double> Y,
    Matrix<double> X,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Clusters,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Dropped)
{
    /// <summary>Observations used.</summary>
    public int N => Y.Count;

    /// <summary>Columns of <see cref="X"/> (parameters, fixed-effect dummies included).</summary>
    public int K => X.ColumnCount;

    /// <summary>Number of distinct clusters among the rows used.</summary>
    public int ClusterCount => Clusters.Distinct(StringComparer.Ordinal).Count();

    /// <summary>Index of a named column.</summary>
    public int Column(string name)
    {
        for (var j = 0; j < Columns.Count; j++) if (Columns[j] == name) return j;
        throw new KeyNotFoundException($"no column '{name}'; columns: {string.Join(", ", Columns)}");
    }

    /// <summary>Name of the intercept column.</summary>
    public const string Intercept = "(intercept)";

    /// <summary>
    /// Builds the frame. Fixed effects enter as dummies (least-squares dummy variables, equivalent to the within
    /// transform for the slope coefficients; Wooldridge 2010, <i>Econometric Analysis of Cross Section and Panel Data</i>,
    /// §10.5.3): levels are sorted ordinally and the first level of each effect is the reference, named
    /// <c>effect=level</c>. An observation with a missing outcome, regressor or group is dropped and listed in
    /// <see cref="Dropped"/> (with the missing field).
    /// </summary>
    public static ModelFrame Build(IEnumerable<ModelObservation> observations, IReadOnlyList<string> regressors, IReadOnlyList<string> fixedEffects, bool intercept = true)
    {
        var used = new List<ModelObservation>();
        var dropped = new List<string>();
        foreach (var o in observations)
        {
            var missing = o.Outcome is null || !double.IsFinite(o.Outcome.Value) ? "outcome"
                : regressors.FirstOrDefault(r => !o.Regressors.TryGetValue(r, out var v) || v is null || !double.IsFinite(v.Value))
                  ?? fixedEffects.FirstOrDefault(f => !o.Groups.TryGetValue(f, out var g) || string.IsNullOrEmpty(g));
            if (missing is null) used.Add(o);
            else dropped.Add($"{o.Label} (missing {missing})");
        }
        if (used.Count == 0) throw new EstimationException($"no complete observation: all {dropped.Count} have a missing value");

        var columns = new List<string>();
        if (intercept) columns.Add(Intercept);
        columns.AddRange(regressors);
        var levels = fixedEffects.Select(f => used.Select(o => o.Groups[f]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()).ToList();
        for (var e = 0; e < fixedEffects.Count; e++)
            // Without an intercept the first effect keeps all its levels (it plays the intercept's part).
            foreach (var level in levels[e].Skip(intercept || e > 0 ? 1 : 0)) columns.Add($"{fixedEffects[e]}={level}");

        var x = Matrix<double>.Build.Dense(used.Count, columns.Count);
        var y = Vector<double>.Build.Dense(used.Count);
        var index = columns.Select((c, j) => (c, j)).ToDictionary(p => p.c, p => p.j, StringComparer.Ordinal);
        for (var i = 0; i < used.Count; i++)
        {
            var o = used[i];
            y[i] = o.Outcome!.Value;
            if (intercept) x[i, 0] = 1;
            for (var r = 0; r < regressors.Count; r++) x[i, (intercept ? 1 : 0) + r] = o.Regressors[regressors[r]]!.Value;
            foreach (var f in fixedEffects)
                if (index.TryGetValue($"{f}={o.Groups[f]}", out var j)) x[i, j] = 1;
        }
        return new ModelFrame(y, x, columns, [.. used.Select(o => o.Cluster)], [.. used.Select(o => o.Label)], dropped);
    }

    /// <summary>The frame with only the rows where <paramref name="keep"/> holds (e.g. positive flows for OLS on logs); the others join <see cref="Dropped"/> with <paramref name="why"/>.</summary>
    public ModelFrame Where(Func<int, bool> keep, string why)
    {
        var rows = Enumerable.Range(0, N).Where(keep).ToArray();
        var gone = Enumerable.Range(0, N).Where(i => !keep(i)).Select(i => $"{Labels[i]} ({why})");
        if (rows.Length == 0) throw new EstimationException($"no observation left once those with {why} are dropped");
        var x = Matrix<double>.Build.DenseOfRowVectors(rows.Select(i => X.Row(i)));
        // A fixed-effect level whose rows all went has nothing left to estimate: its dummy goes too.
        var keepColumns = Enumerable.Range(0, K).Where(j => !Columns[j].Contains('=') || x.Column(j).AbsoluteMaximum() > 0).ToList();
        // If the reference level's rows all went, the remaining dummies of that effect sum to one in every row (collinear
        // with the intercept, or with the first effect when there is none): the first remaining level becomes the reference.
        var effects = keepColumns.Where(j => Columns[j].Contains('=')).GroupBy(j => Columns[j][..Columns[j].IndexOf('=')]).ToList();
        var hasIntercept = Columns.Count > 0 && Columns[0] == Intercept;
        for (var e = 0; e < effects.Count; e++)
        {
            if (!hasIntercept && e == 0) continue;
            var dummies = effects[e].ToList();
            if (Enumerable.Range(0, rows.Length).All(r => dummies.Any(j => x[r, j] != 0))) keepColumns.Remove(dummies[0]);
        }
        return new ModelFrame(
            Vector<double>.Build.DenseOfEnumerable(rows.Select(i => Y[i])),
            Matrix<double>.Build.DenseOfColumnVectors(keepColumns.Select(j => x.Column(j))),
            [.. keepColumns.Select(j => Columns[j])], [.. rows.Select(i => Clusters[i])], [.. rows.Select(i => Labels[i])], [.. Dropped, .. gone]);
    }

    /// <summary>The frame with the outcome replaced (same rows), e.g. log of a positive outcome.</summary>
    public ModelFrame WithOutcome(Func<double, double> transform) => this with { Y = Y.Map(transform) };
}
