using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Claims;

/// <summary>
/// The boundaries on which a claim reads regions: which units, and on which territory every year is read. One layout per
/// claim, stated with it (<see cref="Claim.Layout"/>) and chosen as the paper's statement needs it; the other layouts are
/// shown beside the verdict as context, never as evidence. Additive measures only are moved between layouts, by the data
/// layer's own rules: 2022 balances summed into older units (<see cref="Harmonisation"/>), older years read on newer units
/// from the origin–destination matrix, which the bundle holds on the 20 units of 2022 for every year
/// (<see cref="WorkbenchData.DerivedFromMatrices"/>, docs/boundaries.md). Why <see cref="PaperNames"/> is the paper's
/// layout: docs/verdicts.md, «Boundaries».
/// </summary>
/// <param name="Id">Short id («paper-names»).</param>
/// <param name="Short">The layout in a few words, as a verdict's basis names it.</param>
/// <param name="Description">What the layout is, in words, as printed with each verdict.</param>
/// <param name="Territory">The era whose territories every year is read on; null: each year on its own boundaries.</param>
/// <param name="PaperListOnly">True when the units are the paper's list only (the units of 2018–2021, without the three regions created in 2022).</param>
public sealed record BoundaryLayout(string Id, string Short, string Description, BoundaryEra? Territory, bool PaperListOnly)
{
    /// <summary>
    /// The paper's layout: its one list of names across 2015–2022 — 14 oblasts (Turkestan among them) and Astana, Almaty,
    /// Shymkent, the 17 units of the 2018 list — each on its 2022 territory (Almaty region without Zhetisu, East Kazakhstan
    /// without Abai, Karaganda without Ulytau), in every year; Abai, Zhetisu and Ulytau, created in 2022, are not in the
    /// paper's list. The paper names Turkestan and Shymkent in statements about 2015–2022, never the three new regions;
    /// «13 regions» below 1 plus Almaty region above it are its 14 oblasts; and Almaty region's 1.02 of 2022 exists only on
    /// its 2022 territory (with Zhetisu the 2022 balance is negative).
    /// </summary>
    public static BoundaryLayout PaperNames { get; } = new("paper-names", "the paper's 17 units on their 2022 territory",
        "the paper's list of 17 units (14 oblasts with Turkestan, Astana, Almaty, Shymkent), each on its 2022 territory in every year " +
        "(Almaty region without Zhetisu, East Kazakhstan without Abai, Karaganda without Ulytau; years before 2022 from the origin–destination matrix on those territories); " +
        "Abai, Zhetisu and Ulytau, created in 2022, are not in the paper's list",
        BoundaryEra.Era2022, true);

    /// <summary>The 20 units of 2022, each on its 2022 territory in every year.</summary>
    public static BoundaryLayout Units2022 { get; } = new("units-2022", "the 20 units of 2022",
        "the 20 units of 2022, each on its 2022 territory in every year (years before 2022 from the origin–destination matrix)", BoundaryEra.Era2022, false);

    /// <summary>The 17 units of 2018–2021 on their territory of those years (2022 balances summed into them).</summary>
    public static BoundaryLayout Units2018 { get; } = new("units-2018", "the 17 units of 2018–2021 on their territory of those years",
        "the 17 units of 2018–2021 on their territory of those years (Almaty region with Zhetisu, …; 2022 balances summed into them, 2015 from the origin–destination matrix)",
        BoundaryEra.Era2018, false);

    /// <summary>Each year on its own boundaries, as BNS published it.</summary>
    public static BoundaryLayout OwnBoundaries { get; } = new("own-boundaries", "each year's own boundaries, as published",
        "each year on its own boundaries, as BNS published it (16 units to 2017 with South Kazakhstan, 17 in 2018–2021, 20 from 2022)", null, false);

    /// <summary>The units of an estimated model (notebook 06): the claim reads coefficients, not named regions.</summary>
    public static BoundaryLayout ModelUnits { get; } = new("model", "the models' own units",
        "the estimated models' own units and territories (notebook 06); the claim names no region", null, false);

    /// <summary>Every regional layout, the paper's first: the context a verdict shows beside its own.</summary>
    public static IReadOnlyList<BoundaryLayout> Regional { get; } = [PaperNames, Units2022, Units2018, OwnBoundaries];

    /// <summary>The era whose territories figures of <paramref name="year"/> are read on.</summary>
    public BoundaryEra EraOf(int year) => Territory ?? BoundaryEra.OfYear(year);

    /// <summary>The units of the layout in <paramref name="year"/>, in KATO order.</summary>
    public IReadOnlyList<Region> Units(RegionRegistry registry, int year)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var units = registry.UnitsIn(EraOf(year));
        return PaperListOnly ? [.. units.Where(u => registry.IsUnitOf(u, BoundaryEra.Era2018))] : units;
    }

    /// <summary>
    /// Balances of <paramref name="flow"/> in <paramref name="year"/> for the layout's units
    /// (<see cref="ClaimEvidence.Balances"/> on <see cref="EraOf"/>, restricted to <see cref="Units"/>).
    /// </summary>
    public BalanceTable Balances(WorkbenchData data, Flow flow, int year, Period period = Period.JanDec)
    {
        ArgumentNullException.ThrowIfNull(data);
        var table = ClaimEvidence.Balances(data, flow, year, period, EraOf(year));
        if (!PaperListOnly) return table;
        var keep = Units(data.Regions, year).Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
        return table with { Values = [.. table.Values.Where(v => keep.Contains(v.Region.Key))], Missing = [.. table.Missing.Where(r => keep.Contains(r.Key))] };
    }

    /// <summary>The figures of <paramref name="table"/> as reads of a verdict.</summary>
    public static IEnumerable<UnitRead> ReadsOf(BalanceTable table, IEnumerable<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var keys = only?.ToHashSet(StringComparer.Ordinal);
        return table.Values.Where(v => keys is null || keys.Contains(v.Region.Key)).Select(v => new UnitRead(v.Region, table.Boundaries, table.Year));
    }

    /// <summary>
    /// The reads of <paramref name="verdict"/> that take a region <paramref name="claim"/> names on a territory it does not
    /// mean: a figure of the named region, or of a unit that held it before a boundary change (South Kazakhstan for
    /// Turkestan), must be the named region itself on a territory equal to the one <see cref="Claim.Layout"/> gives that
    /// year. Empty when every named region was read as the claim states.
    /// </summary>
    public static IReadOnlyList<string> Misreadings(Claim claim, ClaimVerdict verdict, RegionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(registry);
        var problems = new List<string>();
        foreach (var key in claim.Names)
        {
            var named = registry[key];
            var standIns = Predecessors(registry, key);
            foreach (var read in verdict.Reads.Where(r => r.Unit.Key == key || standIns.Contains(r.Unit.Key)))
            {
                var meant = claim.Layout.EraOf(read.Year);
                if (read.Unit.Key != key)
                    problems.Add($"{claim.Id}: {named.NameEn} read as {read.Unit.NameEn} in {read.Year} ({read.Territory.Id}-era territory); the claim means {named.NameEn} on the {meant.Id}-era territory");
                else if (!registry.IsUnitOf(named, read.Territory) || (read.Territory != meant && !registry.Unchanged(named, read.Territory, meant)))
                    problems.Add($"{claim.Id}: {named.NameEn} read on its {read.Territory.Id}-era territory in {read.Year}; the claim means its {meant.Id}-era territory");
            }
        }
        return problems;
    }

    // The units that held region `key` before a boundary change (transitively): South Kazakhstan for Turkestan and Shymkent.
    private static HashSet<string> Predecessors(RegionRegistry registry, string key)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([key]);
        while (queue.Count > 0)
        {
            var k = queue.Dequeue();
            foreach (var l in registry.Lineage.Where(l => l.Successors.Contains(k) && l.Predecessor != k))
                if (found.Add(l.Predecessor)) queue.Enqueue(l.Predecessor);
        }
        return found;
    }

    public override string ToString() => Description;
}
