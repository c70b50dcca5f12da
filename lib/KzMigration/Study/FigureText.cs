namespace KzMigration.Study;

/// <summary>
/// Figure titles in the three languages the paper is published in. Notebooks keep the three
/// versions side by side where the figure is drawn, so a reader can check a translation where it
/// is used. Russian follows BNS's own terms («сальдо миграции», «прибывшие», «выбывшие»); the
/// Kazakh texts follow BNS's Kazakh terms as far as the authors know them and await review by a
/// native speaker.
/// </summary>
public static class FigureText
{
    /// <summary>The text for <paramref name="language"/> ("en", "ru" or "kk").</summary>
    public static string Pick(string language, string en, string ru, string kk) => RegionLabels.Check(language) switch
    {
        "ru" => ru,
        "kk" => kk,
        _ => en,
    };
}
