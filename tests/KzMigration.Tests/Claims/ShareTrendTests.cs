using KzMigration.Claims;

namespace KzMigration.Tests.Claims;

/// <summary>
/// Trend projections of the three cities' share (E5's context): a hand-computed exact line, and the bundled shares against
/// an independent implementation (numpy.polyfit and scipy.stats.t with the classical prediction interval, Python 3.11,
/// over data/population.csv).
/// </summary>
public class ShareTrendTests
{
    [Fact]
    public void An_exact_line_reaches_the_threshold_in_the_year_worked_out_by_hand()
    {
        // 20 %, 21 %, 22 %, 23 % on 1 January 2018–2021: one point a year, no scatter (zero-width interval).
        // One third: 0.20 + 0.01 · (t − 2018) ≥ 1/3 ⇔ t − 2018 ≥ 13.33 ⇔ t = 2032; on 1 January 2034, 36 %.
        (int, double)[] shares = [(2018, 0.20), (2019, 0.21), (2020, 0.22), (2021, 0.23)];
        var p = ShareTrend.Project(shares, ShareTrendForm.LinearShare, 2018, 2021, 1.0 / 3, 2034);
        Assert.Equal(0.36, p.Projection, 10);
        Assert.Equal(2032, p.Year);
        Assert.Equal(2032, p.EarliestYear);
        Assert.Equal(2032, p.LatestYear);
        Assert.Equal(4, p.Points);
    }

    [Fact]
    public void A_share_that_does_not_grow_never_reaches_the_threshold_within_the_search()
    {
        (int, double)[] shares = [(2018, 0.20), (2019, 0.21), (2020, 0.20), (2021, 0.19)];
        var p = ShareTrend.Project(shares, ShareTrendForm.LogRatio, 2018, 2021, 1.0 / 3, 2034, searchUntil: 2060);
        Assert.Null(p.Year);
        Assert.Contains("not by 2060", p.Describe("one third"));
    }

    [Theory]
    // form, window, share on 1 January 2034 with its 95 % prediction interval (%), year of one third, earliest, latest (numpy/scipy)
    [InlineData(ShareTrendForm.LinearShare, 2018, 30.422, 29.862, 30.982, 2039, 2038, 2041)]
    [InlineData(ShareTrendForm.LinearShare, 2022, 29.920, 28.272, 31.568, 2041, 2037, 2047)]
    [InlineData(ShareTrendForm.LogRatio, 2018, 31.235, 30.563, 31.916, 2037, 2036, 2038)]
    [InlineData(ShareTrendForm.LogRatio, 2022, 30.363, 28.636, 32.148, 2039, 2036, 2044)]
    public void Bundled_shares_match_an_independent_implementation(ShareTrendForm form, int from, double at, double lower, double upper, int year, int earliest, int latest)
    {
        var shares = EstimatedClaims.CityShares(TestData.Data, 2018, 2025);
        Assert.Equal(8, shares.Count);
        var p = ShareTrend.Project(shares, form, from, 2025, 1.0 / 3, 2034);
        Assert.Equal(at, p.Projection * 100, 3);
        Assert.Equal(lower, p.Lower * 100, 3);
        Assert.Equal(upper, p.Upper * 100, 3);
        Assert.Equal((year, earliest, latest), (p.Year, p.EarliestYear, p.LatestYear));
    }

    [Fact]
    public void Too_few_points_or_impossible_shares_are_refused()
    {
        (int, double)[] two = [(2018, 0.2), (2019, 0.21)];
        Assert.Throws<ArgumentException>(() => ShareTrend.Project(two, ShareTrendForm.LinearShare, 2018, 2025, 1.0 / 3, 2034));
        (int, double)[] bad = [(2018, 0.2), (2019, 1.2), (2020, 0.3)];
        Assert.Throws<ArgumentException>(() => ShareTrend.Project(bad, ShareTrendForm.LogRatio, 2018, 2025, 1.0 / 3, 2034));
    }
}
