using KzMigration.Charts;

namespace KzMigration.Tests.Charts;

public class PlotlyModulesTests
{
    [Fact]
    public void Scratch_dump()
    {
        var modules = PlotlyModules.TryRead(PlotlyJs.Source, out var problem);
        Assert.True(modules is not null, problem);
        Assert.NotNull(modules);
        File.WriteAllText("/tmp/pj/cs-traces.txt", string.Join("\n", modules!.TraceTypes) + "\ncount " + modules.Count);
        File.WriteAllText("/tmp/pj/cs-lean.js", modules.Subset(["scatter", "bar", "heatmap", "sankey"])!);
    }
}
