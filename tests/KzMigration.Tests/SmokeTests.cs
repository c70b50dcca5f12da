namespace KzMigration.Tests;

public class SmokeTests
{
    [Fact]
    public void Plotly_js_is_embedded() => Assert.Contains("plotly", KzMigration.Charts.PlotlyJs.Source[..2000], StringComparison.OrdinalIgnoreCase);
}
