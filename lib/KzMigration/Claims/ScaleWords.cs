using KzMigration.Specification;
using System.Globalization;
using KzMigration.Scoring;

namespace KzMigration.Claims;

/// <summary>
/// How the claims about Figure 3 name the band scale in their texts: the edges of the band of the national level itself and
/// the bands below and above it, as the specification's scale states them (<see cref="ScoringSpec.Bands"/>). Under the
/// paper's scale (Results, before Figure 3): «relatively low» is below 95 % (bands low, very low), «high» is ≥ 105 % (bands
/// high, very high). A verdict under another scale prints that scale's edges and labels, never the paper's.
/// </summary>
internal sealed record ScaleWords(BandScale Scale)
{
    /// <summary>The words of <paramref name="options"/>' scale.</summary>
    public static ScaleWords Of(StudySpecification options) => new(options.Scoring.Bands);

    // The band of the national level itself (100 %).
    private int Reference => Scale.Classify(100);

    /// <summary>The lower edge of the national level's band: «95 %» (a value below it is «relatively low»).</summary>
    public string Low => Edge(Reference - 1);

    /// <summary>The upper edge of the national level's band: «105 %» (a value at or above it is «high»).</summary>
    public string High => Edge(Reference);

    /// <summary>The bands below the national level's, nearest first: «low or very low».</summary>
    public string LowBands => string.Join(" or ", Below);

    /// <summary>The same, each in guillemets: «low» or «very low».</summary>
    public string LowBandsQuoted => string.Join(" or ", Below.Select(b => $"«{b}»"));

    /// <summary>The same as a list: «low, very low».</summary>
    public string LowBandsList => string.Join(", ", Below);

    /// <summary>The bands above the national level's, nearest first, as a list: «high, very high».</summary>
    public string HighBands => string.Join(", ", Enumerable.Range(Reference + 1, Math.Max(0, Scale.Bands.Length - Reference - 1)).Select(k => Scale.Bands[k].Label));

    /// <summary>Whose bands these are: «the paper's bands», or «the specification's bands (scoring.thresholds)».</summary>
    public string Owner => Scale.Equals(BandScale.Paper) ? "the paper's bands" : "the specification's bands (scoring.thresholds)";

    /// <summary>The scale, for a verdict's basis: «bands of the paper (Results, before Figure 3)», or the specification's.</summary>
    public string Source => Scale.Equals(BandScale.Paper) ? "bands of the paper (Results, before Figure 3)" : "bands of the specification's scale (scoring.thresholds)";

    /// <summary>The first band above the national level's: «high».</summary>
    public string HighBand => Reference + 1 < Scale.Bands.Length ? Scale.Bands[Reference + 1].Label : "above the national level's band";

    /// <summary>What the tolerance of a band claim is: the edges of the paper's scale, or of the specification's.</summary>
    public string Edges => Scale.Equals(BandScale.Paper) ? "band edges of the paper" : "band edges of the specification's scale (scoring.thresholds)";

    private IEnumerable<string> Below => Enumerable.Range(0, Reference).Reverse().Select(k => Scale.Bands[k].Label);

    // A threshold as the texts print it: «95 %»; beyond the scale's ends, the end itself.
    private string Edge(int k) =>
        k < 0 ? "−∞ %" : k >= Scale.Thresholds.Length ? "+∞ %" : Scale.Thresholds[k].ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
