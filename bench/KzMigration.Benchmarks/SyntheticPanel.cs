using KzMigration.Scoring;

namespace KzMigration.Benchmarks;

/// <summary>
/// Deterministic synthetic panels (fixed seed): log-uniform values between 45 % and 220 % of a national figure of
/// 100, about 2 % missing, a population per region. Indicator names reuse the bundled ones where they exist so the
/// default polarity candidates (unemployment_rate, job_seekers) are active.
/// </summary>
public static class SyntheticPanel
{
    private static readonly string[] Bundled = ["grp_per_capita", "income_per_capita", "unemployment_rate", "doctors_per_10k", "avg_monthly_wage", "job_seekers"];

    public static IndicatorPanel Create(int regions, int years, int indicators, int seed = 2024)
    {
        var rows = new List<IndicatorValue>((regions + 1) * years * indicators);
        var population = new List<RegionPopulation>(regions * years);
        var rng = new Random(seed);
        var regionNames = Enumerable.Range(0, regions).Select(r => $"unit{r:0000}").ToArray();
        var indicatorNames = Enumerable.Range(0, indicators).Select(i => i < Bundled.Length ? Bundled[i] : $"indicator{i:00}").ToArray();
        for (var y = 0; y < years; y++)
        {
            var year = 2000 + y;
            foreach (var name in indicatorNames) rows.Add(new IndicatorValue("Kazakhstan", name, year, 100));
            for (var r = 0; r < regions; r++)
            {
                population.Add(new RegionPopulation(regionNames[r], year, 20_000 + 1_000 * r));
                foreach (var name in indicatorNames)
                    rows.Add(new IndicatorValue(regionNames[r], name, year,
                        rng.NextDouble() < 0.02 ? null : 100 * Math.Exp(Math.Log(0.45) + rng.NextDouble() * Math.Log(220.0 / 45))));
            }
        }
        return IndicatorPanel.Create(rows, population);
    }
}
