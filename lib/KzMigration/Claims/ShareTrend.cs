using System.Globalization;
using KzMigration.Statistics;

namespace KzMigration.Claims;

/// <summary>The form of a trend fitted to a share s (0 &lt; s &lt; 1) over years.</summary>
public enum ShareTrendForm
{
    /// <summary>s = a + b·year: the share grows by the same points every year.</summary>
    LinearShare,

    /// <summary>
    /// log(s / (1 − s)) = a + b·year: the ratio of the part to the rest grows by the same percentage every year (a logistic
    /// path of the share, which stays below 1).
    /// </summary>
    LogRatio,
}

/// <summary>
/// A share's trend over one window of years, projected: its value at <see cref="At"/> with the 95 % prediction interval,
/// and the first 1 January on which the trend reaches <see cref="Threshold"/>, with the first year on which the prediction
/// interval's upper end reaches it (<see cref="EarliestYear"/>: it could be reached by then) and the first on which its lower
/// end does (<see cref="LatestYear"/>: it would almost surely be reached by then). A year is null when it falls after
/// <see cref="SearchedUntil"/>. A projection, never data.
/// </summary>
public sealed record ShareProjection(
    ShareTrendForm Form, int FirstYear, int LastYear, int Points, int At, double Projection, double Lower, double Upper,
    double Threshold, int? Year, int? EarliestYear, int? LatestYear, int SearchedUntil)
{
    /// <summary>«linear in the share, 2018–2025 (8 points): 30.4 % on 1 January 2034 (95 % prediction interval 29.9–31.0 %); one third in 2039 (2038–2041)».</summary>
    public string Describe(string thresholdName)
    {
        static string Pc(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture);
        string Y(int? y) => y?.ToString(CultureInfo.InvariantCulture) ?? $"not by {SearchedUntil.ToString(CultureInfo.InvariantCulture)}";
        var form = Form == ShareTrendForm.LinearShare ? "linear in the share" : "linear in log(share ÷ rest)";
        return string.Create(CultureInfo.InvariantCulture,
            $"{form}, {FirstYear}–{LastYear} ({Points} points): {Pc(Projection)} % on 1 January {At} (95 % prediction interval {Pc(Lower)}–{Pc(Upper)} %); " +
            $"{thresholdName} on 1 January {Y(Year)} (95 % prediction band: from {Y(EarliestYear)} at the earliest to {Y(LatestYear)})");
    }
}

/// <summary>
/// Trend projections of a share observed once a year: least-squares lines (<see cref="LinearTrend.Project"/>, the classical
/// prediction interval of Draper &amp; Smith 1998, §3.2) in the share itself or in the log of its ratio to the rest, and
/// the year in which the share would reach a threshold, found by stepping through the years (the inverse prediction read
/// off the prediction band, Draper &amp; Smith §3.2 «inverse regression»). Pure functions; the honest uncertainty is the
/// spread across forms and windows as much as each interval.
/// </summary>
public static class ShareTrend
{
    /// <summary>
    /// Fits <paramref name="form"/> to the points of <paramref name="shares"/> in [<paramref name="from"/>, <paramref name="to"/>]
    /// and projects it to <paramref name="at"/> and to <paramref name="threshold"/> (searched up to <paramref name="searchUntil"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than three points in the window, or a share outside (0, 1).</exception>
    public static ShareProjection Project(IReadOnlyList<(int Year, double Share)> shares, ShareTrendForm form, int from, int to, double threshold, int at, int searchUntil = 2100)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (threshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "a threshold share lies strictly between 0 and 1");
        var window = shares.Where(s => s.Year >= from && s.Year <= to).OrderBy(s => s.Year).ToList();
        if (window.Count < 3) throw new ArgumentException($"a trend with an interval needs at least three years in {from}–{to}; {window.Count} given");
        if (window.Any(s => s.Share is <= 0 or >= 1)) throw new ArgumentException("shares lie strictly between 0 and 1");
        double[] x = [.. window.Select(s => (double)s.Year)];
        double[] y = [.. window.Select(s => Transform(form, s.Share))];
        var target = Transform(form, threshold);
        var p = LinearTrend.Project(x, y, at);
        int? year = null, earliest = null, latest = null;
        for (var t = window[^1].Year + 1; t <= searchUntil && latest is null; t++)
        {
            var q = LinearTrend.Project(x, y, t);
            if (year is null && q.Projection >= target) year = t;
            if (earliest is null && q.Upper >= target) earliest = t;
            if (q.Lower >= target) latest = t;
        }
        return new ShareProjection(form, window[0].Year, window[^1].Year, window.Count, at,
            Back(form, p.Projection), Back(form, p.Lower), Back(form, p.Upper), threshold, year, earliest, latest, searchUntil);
    }

    private static double Transform(ShareTrendForm form, double s) => form == ShareTrendForm.LinearShare ? s : Math.Log(s / (1 - s));

    private static double Back(ShareTrendForm form, double v) => form == ShareTrendForm.LinearShare ? v : 1 / (1 + Math.Exp(-v));
}
