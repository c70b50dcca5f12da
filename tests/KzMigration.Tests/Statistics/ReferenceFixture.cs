using System.Globalization;
using KzMigration.Statistics;

namespace KzMigration.Tests.Statistics;

/// <summary>Reads the reference fixtures of Statistics/reference (plain CSV: label, cluster, then named columns; empty = missing).</summary>
internal static class ReferenceFixture
{
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "KzMigration.Tests", "Statistics", "reference");

    public static IReadOnlyList<ModelObservation> Read(string file, string outcome, IReadOnlyList<string> regressors, IReadOnlyList<string> fixedEffects)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new KeyNotFoundException(name);
        double? Num(string[] f, string name) => f[Col(name)] is { Length: > 0 } s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new ModelObservation(
            f[Col("label")], Num(f, outcome),
            regressors.ToDictionary(r => r, r => Num(f, r)),
            fixedEffects.ToDictionary(e => e, e => f[Col(e)]),
            f[Col("cluster")]))];
    }
}
