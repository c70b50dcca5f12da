namespace KzMigration.Data.Import;

/// <summary>
/// Picks one value per region and period out of the portal's mixed-level files (docs/official-formats.md §2): the
/// republic, oblasts and cities of republican significance, with every other dimension at its total
/// (<c>Всего</c>, <c>Все группы</c>). Districts (<c>… РАЙОН</c>), city administrations (<c>… Г.А.</c>) and
/// components such as <c>городская местность</c> are left out.
/// </summary>
public static class RegionTotals
{
    private static readonly HashSet<string> TotalMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Всего", "Все группы", "Барлығы", "Total",
    };

    /// <summary>Region-level totals; a second value for the same region, period and indicator is an error (as S9 treats it).</summary>
    public static IReadOnlyList<ImportedValue> Select(IEnumerable<ImportedValue> values)
    {
        var kept = new List<ImportedValue>();
        var seen = new Dictionary<(string, string?, DateOnly?, DateOnly), ImportedValue>();
        foreach (var v in values)
        {
            if (!IsRegionLevel(v.RegionName) || !IsTotal(v)) continue;
            var key = (v.RegionName.ToUpperInvariant(), v.IndicatorName, v.PeriodStart, v.PeriodEnd);
            if (seen.TryGetValue(key, out var first))
                throw new ImportFormatException(v.Location, "territory",
                    $"second region total for {v.RegionName} {v.PeriodLabel}: also at {first.Location}");
            seen[key] = v;
            kept.Add(v);
        }
        return kept;
    }

    /// <summary>True when every dimension other than the territory is at its total.</summary>
    public static bool IsTotal(ImportedValue value) =>
        value.Dimensions.All(d => d.Key == TaldauJsonReader.TermIdsKey || d.Key.StartsWith('L') || TotalMembers.Contains(d.Value));

    /// <summary>
    /// The republic, an oblast (<c>… ОБЛАСТЬ</c>, or <c>ОБЛАСТЬ …</c> for Abai, Zhetisu, Ulytau) or a city of
    /// republican significance (<c>Г.АЛМАТЫ</c>; not a city administration <c>Г.А.АЛАТАУ</c> / <c>ЭКИБАСТУЗ Г.А.</c>).
    /// </summary>
    public static bool IsRegionLevel(string name)
    {
        var n = PrintedName.Collapse(name).ToUpperInvariant();
        return n == "РЕСПУБЛИКА КАЗАХСТАН"
               || n.EndsWith(" ОБЛАСТЬ", StringComparison.Ordinal) || n.StartsWith("ОБЛАСТЬ ", StringComparison.Ordinal)
               || (n.StartsWith("Г.", StringComparison.Ordinal) && !n.StartsWith("Г.А.", StringComparison.Ordinal) && !n.EndsWith(" Г.А.", StringComparison.Ordinal));
    }
}
