using System.Globalization;
using System.Text;
using KzMigration.Study;
using KzMigration.Charts;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Regions;
using Microsoft.Data.Analysis;
using Plotly.NET;
using KzMigration.Publishing;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// The library gives the same text whatever the thread's culture: ru-KZ and kk-KZ write decimal commas and
/// non-breaking-space thousands, tr-TR has the dotted/dotless i (so "I".ToLower() is "ı"). The CLI forces the
/// invariant culture, but notebooks opened in another front-end do not.
/// </summary>
public class LocaleTests
{
    public static TheoryData<string> Cultures => new() { "ru-KZ", "kk-KZ", "tr-TR", "ru-RU" };

    private static T In<T>(string culture, Func<T> produce)
    {
        var before = CultureInfo.CurrentCulture;
        var beforeUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture;
            return produce();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    private static RegionValue[] Balances(WorkbenchData data, Func<double, double> scale) =>
        [.. data.MigrationValues(Flow.Interregional, Measure.Balance).Where(m => !m.Region.IsCountry)
            .Select(m => new RegionValue(m.Region.Key, m.Region.NameEn, m.Region.Kind == RegionKind.City, m.Year, scale(m.Value)))];

    private static string Charts()
    {
        var data = WorkbenchData.Load(TestData.DataDirectory);
        var balances = Balances(data, v => v);
        var ratios = Balances(data, v => 1 + v / 123_457.0); // fractional values, printed with "0.00"
        GenericChart[] charts =
        [
            MigrationCharts.BalanceBars(balances.Where(b => b.Year >= 2021).ToList(), "Migration balance", "Interregional"),
            MigrationCharts.Heatmap(balances, "Balance", "Interregional", "persons"),
            MigrationCharts.AttractivenessBars(ratios.Where(b => b.Year >= 2021).ToList(), "K", "internal", valueFormat: "0.00"),
        ];
        var all = new StringBuilder();
        foreach (var chart in charts) all.Append(GenericChart.toFigureJson(chart)).Append(ChartHtml.Fragment(chart, "fig", includePlotlyJs: false));
        return all.ToString();
    }

    private static string Table()
    {
        var table = new DataFrame(
            new StringDataFrameColumn("region", ["Iğdır", "İstanbul", "Ақмола", null]),
            new DoubleDataFrameColumn("value", [1234567.891, -0.5, null, 1e-7]),
            new Int32DataFrameColumn("year", [2019, 2020, 2021, 2022]));
        var metadata = new TableMetadata("Title with I and i") { Units = new Dictionary<string, string> { ["value"] = "persons" }, Notes = ["1,5 vs 1.5"] };
        return TableFiles.ToCsv(table, metadata);
    }

    private static string Loaded()
    {
        var data = WorkbenchData.Load(TestData.DataDirectory);
        var all = new StringBuilder();
        foreach (var m in data.Migration) all.Append(m.Origin).Append(' ').Append(DataNumber.Format(m.Value)).Append(' ').Append(m.Boundaries).Append('\n');
        foreach (var i in data.Indicators) all.Append(i.Origin).Append(' ').Append(DataNumber.Format(i.Value)).Append('\n');
        foreach (var w in data.Warnings) all.Append(w).Append('\n');
        foreach (var r in data.Regions.All) all.Append(r).Append('\n');
        return all.ToString();
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Chart_figures_are_the_same_as_under_the_invariant_culture(string culture) =>
        Assert.Equal(In("", Charts), In(culture, Charts));

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Table_csv_is_the_same_as_under_the_invariant_culture(string culture)
    {
        var invariant = In("", Table);
        Assert.Contains("1234567.891", invariant);
        Assert.Equal(invariant, In(culture, Table));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Loaded_data_is_the_same_as_under_the_invariant_culture(string culture) =>
        Assert.Equal(In("", Loaded), In(culture, Loaded));
}
