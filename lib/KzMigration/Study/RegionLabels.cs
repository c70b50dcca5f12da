using KzMigration.Regions;

namespace KzMigration.Study;

/// <summary>
/// Region names in the language of a figure: English (default), Russian or Kazakh, as the registry
/// records them (data/regions.csv; Kazakh names from the boundary files' ADM1_KK, docs/bundled-sources.md). The paper is
/// published in all three languages.
/// </summary>
public static class RegionLabels
{
    /// <summary>The languages figures can be labelled in.</summary>
    public static readonly string[] Languages = ["en", "ru", "kk"];

    /// <summary>The name of <paramref name="region"/> in <paramref name="language"/> ("en", "ru" or "kk").</summary>
    public static string Of(Region region, string language) => Check(language) switch
    {
        "ru" => Nonempty(region.NameRu, region),
        "kk" => Nonempty(region.NameKk, region),
        _ => region.NameEn,
    };

    /// <summary>Returns <paramref name="language"/> if it is one of <see cref="Languages"/>, else throws naming the choices.</summary>
    public static string Check(string language) =>
        Languages.Contains(language) ? language : throw new ArgumentException($"language '{language}' is not one of {string.Join(", ", Languages)}", nameof(language));

    private static string Nonempty(string name, Region region) => name.Length > 0 ? name : region.NameEn;
}
