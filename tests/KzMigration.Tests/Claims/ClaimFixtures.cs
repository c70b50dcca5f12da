using System.Globalization;
using System.Text;
using KzMigration.Data;

namespace KzMigration.Tests.Claims;

/// <summary>Small data folders for claim evaluators: bundled reference tables, hand-written figures.</summary>
internal static class ClaimFixtures
{
    private const string Source = "datathon-everything";

    /// <summary>The 20 units of 2022 (17 of 2018–2021, 16 of 2015–2017).</summary>
    public static IReadOnlyList<string> Units(int year) => [.. TestData.Data.Regions.UnitsInYear(year).Select(r => r.Key)];

    /// <summary>One migration row (flow interregional|internal|all, measure arrivals|departures|balance).</summary>
    public static string Row(string region, int year, string flow, string measure, double value, string period = "Jan-Dec", string status = "exact") =>
        string.Create(CultureInfo.InvariantCulture, $"{region},{year},{period},{flow},{measure},{value},{status},,{Source},\n");

    /// <summary>
    /// Interregional balances of every unit of <paramref name="year"/>: the given values, −100 for every other oblast
    /// and +1,000 for every other city (they need not sum to 0: that is only a load warning).
    /// </summary>
    public static string Balances(int year, IReadOnlyDictionary<string, double>? values = null, string period = "Jan-Dec", params string[] omit)
    {
        var rows = new StringBuilder();
        foreach (var r in TestData.Data.Regions.UnitsInYear(year).Where(r => !omit.Contains(r.Key)))
        {
            var v = values is not null && values.TryGetValue(r.Key, out var x) ? x : r.Kind == KzMigration.Regions.RegionKind.City ? 1000 : -100;
            rows.Append(Row(r.Key, year, "interregional", "balance", v, period));
        }
        return rows.ToString();
    }

    /// <summary>One indicator row in the indicator's unit.</summary>
    public static string Indicator(string region, int year, string indicator, double value) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{region},{year},{indicator},{value},{TestData.Data.IndicatorDefinitions[indicator].Unit},exact,,{Source},\n");

    public static WorkbenchData Load(string migration = "", string socioeconomic = "", string odFlows = "")
    {
        var dir = TestData.Fixture(migration, socioeconomic);
        if (odFlows.Length > 0) File.WriteAllText(Path.Combine(dir, DataTables.OdFlows.File), string.Join(",", DataTables.OdFlows.Header) + "\n" + odFlows);
        return WorkbenchData.Load(dir);
    }

    /// <summary>
    /// A complete origin–destination block of <paramref name="year"/> on the 20 units of 2022 (as od-flows.csv holds every
    /// year) whose interregional balances are <paramref name="balances"/> (0 for every other unit) and Astana's the rest:
    /// 100 moves each way between every pair, plus a unit's deficit moved to Astana or its surplus moved from Astana.
    /// </summary>
    public static string OdYear(int year, IReadOnlyDictionary<string, double> balances)
    {
        const string sink = "astana-city";
        var units = TestData.Data.Regions.UnitsInYear(2022).Select(r => r.Key).ToList();
        var rows = new StringBuilder();
        foreach (var o in units)
            foreach (var d in units.Where(d => d != o))
            {
                var extra = o != sink && d == sink && balances.TryGetValue(o, out var bo) && bo < 0 ? -bo
                    : o == sink && d != sink && balances.TryGetValue(d, out var bd) && bd > 0 ? bd : 0;
                rows.Append(string.Create(CultureInfo.InvariantCulture, $"{year},Jan-Dec,interregional,{o},{d},{100 + extra},exact,2022,diar299-od-flows,\n"));
            }
        return rows.ToString();
    }

    public static Dictionary<string, double> Values(params (string Key, double Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);
}
