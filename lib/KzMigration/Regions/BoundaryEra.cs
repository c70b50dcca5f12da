namespace KzMigration.Regions;

/// <summary>
/// A period during which the first-level boundaries did not change, with the GeoJSON that draws them
/// (data/boundaries). Dates and decrees: docs/boundaries.md. The one place of the eras' ids, dates, files and unit
/// counts: the data build's lineage dates, the data tables' list of eras and the labels of the curated matrices derive from it.
/// <list type="bullet">
/// <item><c>2015</c>: 16 units, before 19 June 2018 (South Kazakhstan still includes Shymkent).</item>
/// <item><c>2018</c>: 17 units, 19 June 2018 – 7 June 2022 (Turkestan region and Shymkent city).</item>
/// <item><c>2022</c>: 20 units, from 8 June 2022 (Abai, Zhetisu and Ulytau).</item>
/// </list>
/// For annual and half-year figures the era of a year follows <see cref="Region.ReportsIn"/>: the year of a
/// change already belongs to the new era (2018 → <c>2018</c>, 2022 → <c>2022</c>).
/// </summary>
public sealed record BoundaryEra(string Id, DateOnly? From, DateOnly? To, string BoundaryFile, int UnitCount)
{
    public static readonly BoundaryEra Era2015 = new("2015", null, new DateOnly(2018, 6, 18), "adm1-2015-16-units.geojson", 16);
    public static readonly BoundaryEra Era2018 = new("2018", new DateOnly(2018, 6, 19), new DateOnly(2022, 6, 7), "adm1-2018-17-units.geojson", 17);
    public static readonly BoundaryEra Era2022 = new("2022", new DateOnly(2022, 6, 8), null, "adm1-2022-20-units.geojson", 20);

    /// <summary>All eras, oldest first.</summary>
    public static IReadOnlyList<BoundaryEra> All { get; } = [Era2015, Era2018, Era2022];

    /// <summary>Position in <see cref="All"/> (0 = oldest), for comparing eras; an era not in <see cref="All"/> counts as the newest.</summary>
    public int Order
    {
        get
        {
            for (var i = 0; i < All.Count; i++) if (All[i].Id == Id) return i;
            return All.Count - 1;
        }
    }

    /// <summary>A year whose annual figures are published in this era's boundaries.</summary>
    public int RepresentativeYear => From?.Year ?? To!.Value.Year - 1;

    /// <summary>The era whose boundaries annual figures of <paramref name="year"/> use (see <see cref="Region.ReportsIn"/>).</summary>
    public static BoundaryEra OfYear(int year) =>
        All.Last(e => e.From is null || e.From.Value.Year <= year);

    /// <summary>The era with this id (<c>2015</c>, <c>2018</c>, <c>2022</c>).</summary>
    public static BoundaryEra Parse(string id) =>
        TryParse(id.Trim(), out var era) ? era
        : throw new ArgumentException($"unknown boundary era '{id}'; expected one of {string.Join(", ", All.Select(e => e.Id))}");

    /// <summary>The era whose id is exactly <paramref name="id"/>, if there is one: the one lookup of an era by its id.</summary>
    public static bool TryParse(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BoundaryEra? era)
    {
        era = All.FirstOrDefault(e => e.Id == id);
        return era is not null;
    }

    public override string ToString() => $"{Id}-era boundaries ({UnitCount} units)";
}
