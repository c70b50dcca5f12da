using System.Globalization;

namespace KzMigration;

/// <summary>Years written as runs of consecutive years, as tables, notes and verdicts print them.</summary>
public static class YearRuns
{
    /// <summary>«2015–2021», «2013–2021, 2023», «2015, 2017»: distinct years in order, consecutive ones joined by an en dash.</summary>
    public static string Format(IEnumerable<int> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var y = years.Distinct().Order().ToList();
        var runs = new List<string>();
        for (var start = 0; start < y.Count;)
        {
            var end = start;
            while (end + 1 < y.Count && y[end + 1] == y[end] + 1) end++;
            runs.Add(end > start ? string.Create(CultureInfo.InvariantCulture, $"{y[start]}–{y[end]}") : y[start].ToString(CultureInfo.InvariantCulture));
            start = end + 1;
        }
        return string.Join(", ", runs);
    }
}
