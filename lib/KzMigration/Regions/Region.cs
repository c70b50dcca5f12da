namespace KzMigration.Regions;

/// <summary>What kind of territorial unit a region is.</summary>
public enum RegionKind
{
    /// <summary>An oblast (region).</summary>
    Oblast,

    /// <summary>A city of republican significance (Astana, Almaty, Shymkent), reported like an oblast.</summary>
    City,

    /// <summary>The Republic of Kazakhstan as a whole (national totals).</summary>
    Country,
}

/// <summary>
/// A first-level territorial unit of Kazakhstan as the Bureau of National Statistics reports it.
/// <paramref name="Key"/> is the workbench's stable identifier (e.g. <c>almaty-region</c>, <c>kazakhstan</c>);
/// <paramref name="Kato"/> the two-digit KATO region code; <paramref name="Iso"/> the ISO 3166-2:KZ code as the
/// boundary files carry it (empty when no source gives one). A unit whose territory changed keeps its key
/// (East Kazakhstan before and after 8 June 2022); <see cref="RegionLineage"/> records the change.
/// </summary>
public sealed record Region(
    string Key,
    string Kato,
    string Iso,
    string NameEn,
    string NameRu,
    string NameKk,
    RegionKind Kind,
    DateOnly? ValidFrom,
    DateOnly? ValidTo)
{
    /// <summary>
    /// Whether annual (and half-year) figures exist for this unit in <paramref name="year"/>.
    /// Rule for a boundary change in the middle of a year: a unit created during year Y reports for the whole
    /// of Y (BNS publishes Turkestan and Shymkent from 2018, Abai, Zhetisu and Ulytau from 2022); a unit
    /// abolished during year Y reports last for Y − 1 (South Kazakhstan until 2017). Source of the rule:
    /// docs/boundaries.md («figures for 2022 are on the new 20 units, figures for 2021 and earlier on the old ones») and
    /// the BNS GRP table (docs/official-formats.md §3: Turkestan and Shymkent from I полугодие 2018).
    /// </summary>
    public bool ReportsIn(int year) =>
        (ValidFrom is null || ValidFrom.Value.Year <= year) && (ValidTo is null || year < ValidTo.Value.Year);

    /// <summary>True for the national row (<c>kazakhstan</c>).</summary>
    public bool IsCountry => Kind == RegionKind.Country;

    public override string ToString() => NameEn;
}

/// <summary>
/// One boundary change: on <paramref name="Date"/> the territory of <paramref name="Predecessor"/> (as it was
/// the day before) became the union of <paramref name="Successors"/>. The predecessor may be among its own
/// successors with a smaller territory (East Kazakhstan → East Kazakhstan + Abai).
/// </summary>
public sealed record RegionLineage(DateOnly Date, string Predecessor, IReadOnlyList<string> Successors, string Note);

/// <summary>A spelling of a region's name seen in a source, with the language and where it was found.</summary>
public sealed record RegionAlias(string Name, string Key, string Language, string Origin);
