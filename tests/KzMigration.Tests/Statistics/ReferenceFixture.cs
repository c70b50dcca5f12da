using System.Globalization;
using KzMigration.Statistics;

namespace KzMigration.Tests.Statistics;

/// <summary>Reads the reference fixtures of Statistics/reference (plain CSV: label, cluster, then named columns; empty = missing).</summary>
internal static class ReferenceFixture
{
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "KzMigration.Tests", "Statistics", "reference");

    /// <summary>
    /// The committed fixture <paramref name="file"/> must equal <paramref name="text"/> (a fresh export of the bundled data);
    /// KZMIG_WRITE_REFERENCE=1 rewrites it, after which make_reference.py regenerates reference.json.
    /// </summary>
    public static void AssertCurrent(string file, string text)
    {
        var path = Path.Combine(Folder, file);
        if (Environment.GetEnvironmentVariable("KZMIG_WRITE_REFERENCE") == "1") File.WriteAllText(path, text);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == text,
            $"Statistics/reference/{file} differs from the bundled data: rerun with KZMIG_WRITE_REFERENCE=1, then /usr/bin/python3 make_reference.py in that folder");
    }

    /// <summary>One column of a fixture by row label (e.g. the second cluster dimension of a two-way design).</summary>
    public static IReadOnlyDictionary<string, string> Column(string file, string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        var header = lines[0].Split(',');
        var (label, column) = (Array.IndexOf(header, "label"), Array.IndexOf(header, name));
        if (column < 0) throw new KeyNotFoundException(name);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToDictionary(f => f[label], f => f[column], StringComparer.Ordinal);
    }

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
