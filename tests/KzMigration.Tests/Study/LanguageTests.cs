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
}
