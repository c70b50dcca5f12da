using KzMigration.Charts;
using KzMigration.Data;
using KzMigration.Study;

namespace KzMigration.Tests.Study;

public class LanguageTests
{
    [Fact]
    public void Region_labels_follow_the_language()
    {
        var data = WorkbenchData.Load(TestPaths.Data);
        var turkestan = data.Regions["turkestan"];
        Assert.Equal("Turkestan", RegionLabels.Of(turkestan, "en"));
        Assert.Equal("Туркестанская", RegionLabels.Of(turkestan, "ru"));
        Assert.Equal("Түркістан", RegionLabels.Of(turkestan, "kk"));
    }

    [Fact]
    public void Figure_texts_and_chart_words_follow_the_language()
    {
        Assert.Equal("b", FigureText.Pick("ru", "a", "b", "c"));
        Assert.Equal("c", FigureText.Pick("kk", "a", "b", "c"));
        Assert.Equal("Области", ChartWords.For("ru").Oblasts);
        Assert.Equal(ChartWords.English, ChartWords.For("en"));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("RU")]
    [InlineData("")]
    public void Unknown_languages_are_refused(string language)
    {
        Assert.Throws<ArgumentException>(() => FigureText.Pick(language, "a", "b", "c"));
        Assert.Throws<ArgumentException>(() => ChartWords.For(language));
    }
}
