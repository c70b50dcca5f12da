namespace KzMigration.Data.Import;

/// <summary>
/// A stat.gov.kz dynamic table whose indicator is a stock «на начало периода» (at the start of the period; element 6584,
/// «Численность населения на начало периода») labels each row with the period it opens: «2017 год» / PERIOD 201712 is
/// the population on 1 January 2017 (the bundled population.csv reads the same file so: 17,918,214 on 1 January 2017).
/// Read as a calendar-year value it would land a year late; this reads it as a stock on the period's first day, which
/// <see cref="ImportWriter.IndicatorYear"/> then dates as the end of the previous year, as the bundle dates
/// <c>population_end_of_year</c>.
/// </summary>
public static class PeriodStock
{
    /// <summary>The words of an indicator name that make its values stocks at the start of the period.</summary>
    public const string AtStart = "на начало периода";

    /// <summary>
    /// <paramref name="opened"/> with every value of a start-of-period stock re-dated (<see cref="AtStartWhereStated(ImportResult)"/>).
    /// Only stat.gov.kz dynamic tables state it, and those are read whole, so the stream is kept as it is for every other format.
    /// </summary>
    public static ImportStream AtStartWhereStated(ImportStream opened) =>
        opened.Header.Format == OfficialFormat.StatGovDynamicTable ? ImportStream.Of(AtStartWhereStated(opened.ToResult())) : opened;

    /// <summary><paramref name="result"/> with every value of a start-of-period stock re-dated to the period's first day; other files unchanged.</summary>
    public static ImportResult AtStartWhereStated(ImportResult result)
    {
        if (result.Format != OfficialFormat.StatGovDynamicTable) return result;
        var changed = 0;
        var values = result.Values.Select(v =>
        {
            if (v.IndicatorName?.Contains(AtStart, StringComparison.OrdinalIgnoreCase) != true || v.PeriodStart is not { } start || start == v.PeriodEnd) return v;
            changed++;
            return v with { PeriodStart = start, PeriodEnd = start, Year = start.Year };
        }).ToList();
        if (changed == 0) return result;
        return result with
        {
            Values = values,
            Warnings = [.. result.Warnings, new ImportWarning(result.FileName,
                $"the indicator is a stock «{AtStart}»: {changed} values are read as on the first day of the period they label (a row «2017 год» is on 1 January 2017)")],
        };
    }
}
