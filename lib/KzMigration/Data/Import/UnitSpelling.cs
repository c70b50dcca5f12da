namespace KzMigration.Data.Import;

/// <summary>
/// The spellings official files print for the units of the workbench's indicators, in English, Russian and Kazakh
/// (BNS tables: «in percent», «thousands persons», «тыс.тенге», «на конец года, человек», «адам»). One classifier:
/// a printed unit is read as a unit only through <see cref="Canonical"/>; the importer never rescales (a file in
/// thousands of persons is not a file in persons).
/// </summary>
public static class UnitSpelling
{
    // Canonical spelling → the same unit as printed, lower case, spaces collapsed; the canonical one first.
    private static readonly (string Canonical, string[] Printed)[] Units =
    [
        ("%", ["%", "in percent", "percent", "per cent", "in per cent", "в процентах", "процентов", "процент", "%-ах", "пайызбен", "пайыз"]),
        ("thousand persons", ["thousand persons", "thousands persons", "thousands of persons", "thousand people", "тыс. человек", "тыс.человек", "тысяч человек", "мың адам"]),
        ("persons", ["persons", "people", "человек", "чел", "адам"]),
        ("thousand KZT", ["thousand kzt", "thousand tenge", "thousands tenge", "тыс. тенге", "тыс.тенге", "тысяч тенге", "мың теңге"]),
        ("KZT", ["kzt", "tenge", "тенге", "теңге"]),
        ("USD", ["usd", "us dollars", "долл. сша", "долларов сша", "долл.сша", "aқш доллары", "ақш доллары"]),
        ("KZT per month", ["kzt per month", "tenge per month", "тенге в месяц"]),
        ("KZT per m²", ["kzt per m²", "in tenge per 1 square meter", "tenge per 1 square meter", "kzt per square meter", "tenge per square meter", "tenge per sq. m", "тенге за кв. м", "тенге за 1 кв. м", "тенге за кв.м"]),
    ];

    // Family of units that only differ in what they are a share or amount of («% of labour force» is a %).
    private static readonly (string Prefix, string Canonical)[] Qualified =
    [
        ("% of ", "%"),
        ("persons ", "persons"),
        ("kzt per month", "KZT per month"),
    ];

    /// <summary>The canonical spelling of a printed unit, or null when the spelling is not known.</summary>
    public static string? Canonical(string? printed)
    {
        if (printed is null) return null;
        var t = Normalise(printed);
        if (t.Length == 0) return null;
        foreach (var (canonical, spellings) in Units)
            if (spellings.Contains(t)) return canonical;
        foreach (var (prefix, canonical) in Qualified)
            if (t.StartsWith(prefix, StringComparison.Ordinal)) return canonical;
        return null;
    }

    /// <summary>
    /// The unit to write for a value printed in <paramref name="printed"/> under an indicator whose unit is
    /// <paramref name="indicatorUnit"/>: the indicator's own spelling when both are the same unit, else null.
    /// </summary>
    public static string? Match(string? printed, string indicatorUnit)
    {
        if (printed is null) return null;
        if (Normalise(printed) == Normalise(indicatorUnit)) return indicatorUnit;
        var a = Canonical(printed);
        return a is not null && a == Canonical(indicatorUnit) ? indicatorUnit : null;
    }

    // «на конец года, человек» (a period, then the unit), « тыс.тенге» (leading space): the unit is the last part.
    private static string Normalise(string printed)
    {
        var t = PrintedName.Collapse(printed.Replace('\n', ' ')).ToLowerInvariant().TrimEnd('.', ':', ';', ' ');
        var comma = t.LastIndexOf(',');
        if (comma >= 0 && Units.Any(u => u.Printed.Contains(t[(comma + 1)..].Trim()))) t = t[(comma + 1)..].Trim();
        return t;
    }
}
