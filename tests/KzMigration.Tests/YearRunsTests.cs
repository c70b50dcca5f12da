using KzMigration;

namespace KzMigration.Tests;

/// <summary>Years as runs, the one rule tables, notes and verdicts print years by.</summary>
public class YearRunsTests
{
    [Theory]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 2022 }, "2022")]
    [InlineData(new[] { 2015, 2016, 2017, 2018, 2019, 2020, 2021 }, "2015–2021")]
    [InlineData(new[] { 2023, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2021 }, "2013–2021, 2023")]
    [InlineData(new[] { 2017, 2015 }, "2015, 2017")]
    [InlineData(new[] { 2015, 2016, 2018, 2020, 2021, 2022 }, "2015–2016, 2018, 2020–2022")]
    public void Consecutive_years_join_by_an_en_dash_in_order_without_repeats(int[] years, string expected) =>
        Assert.Equal(expected, YearRuns.Format(years));
}
