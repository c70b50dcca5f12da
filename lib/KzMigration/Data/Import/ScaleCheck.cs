namespace KzMigration.Data.Import;

/// <summary>
/// The iblock exports carry scale errors (docs/official-formats.md §2: GRP per capita ×10⁶, and 2023 another ×1000).
/// They are flagged, never silently fixed. §3.1 gives one rule, S9's: while |v| exceeds a per-indicator
/// plausible maximum, divide by 1000. It is applied only when the caller supplies that maximum and asks for it.
/// </summary>
public static class ScaleCheck
{
    /// <summary>A value this many times the median of its own series is reported as a likely scale error.</summary>
    public const double OutlierRatio = 100;

    public static List<ImportedValue> Apply(List<ImportedValue> values, ImportOptions options, List<ImportWarning> warnings)
    {
        var suspects = new HashSet<ImportedValue>(ReferenceEqualityComparer.Instance);
        // A series: same indicator, territory and dimension members, over time.
        foreach (var series in values.Where(v => v.Value is not null).GroupBy(SeriesKey))
        {
            var sizes = series.Select(v => Math.Abs(v.Value!.Value)).Order().ToArray();
            if (sizes.Length < 3) continue;
            var median = Statistics.Quantiles.Median(sizes);
            if (median <= 0) continue;
            foreach (var v in series.Where(v => Math.Abs(v.Value!.Value) >= OutlierRatio * median))
            {
                suspects.Add(v);
                warnings.Add(new ImportWarning(v.Location,
                    $"VAL '{v.RawValue}' is {Math.Abs(v.Value!.Value) / median:0}× the median of {v.RegionName}'s series: likely a scale error (docs/official-formats.md §2)"));
            }
        }

        if (options.PlausibleMaximum is { } max)
            foreach (var v in values.Where(v => v.Value is { } x && Math.Abs(x) > max && !suspects.Contains(v)))
            {
                suspects.Add(v);
                warnings.Add(new ImportWarning(v.Location, $"VAL '{v.RawValue}' exceeds the plausible maximum {max:G}: likely a scale error (docs/official-formats.md §2)"));
            }

        return values.Select(v =>
        {
            if (!suspects.Contains(v)) return v;
            var flagged = v with { ScaleSuspect = true };
            if (!options.CorrectScale || options.PlausibleMaximum is not { } limit) return flagged;
            var (x, divisor) = (v.Value!.Value, 1.0);
            while (Math.Abs(x) > limit) (x, divisor) = (x / 1000, divisor * 1000);
            return flagged with { Value = x, ScaleDivisor = divisor };
        }).ToList();
    }

    private static string SeriesKey(ImportedValue v) =>
        $"{v.IndicatorName}|{v.RegionName}|{v.PeriodCode}|" + string.Join("|", v.Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
}
