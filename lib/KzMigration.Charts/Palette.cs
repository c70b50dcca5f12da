namespace KzMigration.Charts;

/// <summary>
/// Colour-blind-safe colours of the workbench's charts. Categories (years, series) use the Okabe–Ito palette
/// (Okabe &amp; Ito 2008, «Color Universal Design»); diverging and sequential scales are ColorBrewer schemes
/// checked for colour-vision deficiency (RdBu, Blues); gain/loss pairs of cities and oblasts are ColorBrewer PuOr/Paired.
/// </summary>
public static class Palette
{
    /// <summary>Okabe–Ito: blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black.</summary>
    public static readonly string[] OkabeIto = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>What chart notes and the README say about the colours.</summary>
    public const string Statement = "Colours: Okabe–Ito palette for categories and ColorBrewer RdBu/Blues for scales, both readable with colour-vision deficiency.";
}
