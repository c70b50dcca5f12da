
namespace KzMigration.Regions;

/// <summary>
/// The regions of Kazakhstan (all units that existed since 2015, plus the country), their boundary changes and
/// every known spelling of their names. Built from <c>data/regions.csv</c>, <c>data/region-lineage.csv</c> and
/// <c>data/region-names.csv</c> (read by the data layer, <c>DataPackageReader.ReadRegistry</c>).
/// </summary>
public sealed class RegionRegistry
{
    private readonly Dictionary<string, Region> byKey;
    private readonly Dictionary<(string Core, NameMarker Marker), List<string>> byName = [];

    public RegionRegistry(IEnumerable<Region> regions, IEnumerable<RegionLineage> lineage, IEnumerable<RegionAlias> aliases)
    {
        All = [.. regions.OrderBy(r => r.Kato, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)];
        byKey = All.ToDictionary(r => r.Key, StringComparer.Ordinal);
        Lineage = [.. lineage.OrderBy(l => l.Date).ThenBy(l => l.Predecessor, StringComparer.Ordinal)];
        Aliases = [.. aliases];
        foreach (var r in All)
        {
            Add(r.Key, r.Key);
            Add(r.NameEn, r.Key);
            Add(r.NameRu, r.Key);
            if (r.NameKk.Length > 0) Add(r.NameKk, r.Key);
        }
        foreach (var a in Aliases) Add(a.Name, a.Key);
        Country = All.Single(r => r.IsCountry);
    }

    /// <summary>Every region, ordered by KATO code (the country, code 00, first).</summary>
    public IReadOnlyList<Region> All { get; }

    /// <summary>Boundary changes, oldest first.</summary>
    public IReadOnlyList<RegionLineage> Lineage { get; }

    /// <summary>
    /// <paramref name="keys"/> with the units whose territory held each of them before a boundary change placed just before
    /// it (Turkestan → South Kazakhstan, Turkestan): what a reading over years must also look at, in the order given.
    /// </summary>
    public IReadOnlyList<string> WithPredecessors(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = new List<string>();
        foreach (var key in keys)
        {
            foreach (var change in Lineage.Where(l => l.Predecessor != key && l.Successors.Contains(key)))
                if (!list.Contains(change.Predecessor)) list.Add(change.Predecessor);
            if (!list.Contains(key)) list.Add(key);
        }
        return list;
    }

    /// <summary>Known spellings of names.</summary>
    public IReadOnlyList<RegionAlias> Aliases { get; }

    /// <summary>The national row (<c>kazakhstan</c>).</summary>
    public Region Country { get; }

    /// <summary>The region with this stable key; throws naming the closest keys if there is none.</summary>
    public Region this[string key] =>
        byKey.TryGetValue(key, out var r) ? r
        : throw new KeyNotFoundException($"unknown region key '{key}'{DidYouMean(key)}");

    public bool TryGet(string key, out Region region) => byKey.TryGetValue(key, out region!);

    /// <summary>
    /// The region a name denotes, tolerant of case, «г.»/«город»/«область»/«обл.» affixes, glued footnote markers
    /// and Kazakh letters. A name that fits two units (plain «Алматы», «Almaty») is refused as ambiguous.
    /// Throws <see cref="DataFileException"/> naming <paramref name="file"/> and <paramref name="line"/> when given.
    /// </summary>
    public Region Resolve(string name, string? file = null, int? line = null, string? field = null)
    {
        var candidates = Candidates(name);
        if (candidates.Count == 1) return byKey[candidates[0]];
        var reason = candidates.Count == 0
            ? $"unknown region name '{name}'{DidYouMean(name)}"
            : $"ambiguous region name '{name}': could be {string.Join(" or ", candidates.Select(k => $"'{k}'"))}; add «г.»/«город»/«city» or «область»/«region»";
        throw new DataFileException(file, line, field, reason);
    }

    /// <summary>Every unit a name may denote (empty: unknown; more than one: ambiguous, e.g. «Almaty»).</summary>
    public IReadOnlyList<Region> CandidatesFor(string name) => [.. Candidates(name).Select(k => byKey[k])];

    /// <summary>Like <see cref="Resolve"/>, without throwing.</summary>
    public bool TryResolve(string name, out Region region)
    {
        var candidates = Candidates(name);
        region = candidates.Count == 1 ? byKey[candidates[0]] : null!;
        return candidates.Count == 1;
    }

    /// <summary>Up to three known names closest to <paramref name="name"/> (edit distance on normalised names).</summary>
    public IReadOnlyList<string> Suggest(string name, int count = 3)
    {
        var (core, _) = RegionName.Normalise(name);
        return [.. AllNames()
            .Select(n => (Name: n, Distance: RegionName.EditDistance(core, RegionName.Normalise(n).Core)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Select(x => x.Name).Distinct().Take(count)];
    }

    /// <summary>The units (without the country) whose figures exist in <paramref name="era"/>.</summary>
    public IReadOnlyList<Region> UnitsIn(BoundaryEra era) => UnitsInYear(era.RepresentativeYear);

    /// <summary>The units (without the country) that report annual figures for <paramref name="year"/> (<see cref="Region.ReportsIn"/>).</summary>
    public IReadOnlyList<Region> UnitsInYear(int year) => [.. All.Where(r => !r.IsCountry && r.ReportsIn(year))];

    /// <summary>Whether <paramref name="region"/> is a unit of <paramref name="era"/> (the country belongs to every era).</summary>
    public bool IsUnitOf(Region region, BoundaryEra era) => region.IsCountry || region.ReportsIn(era.RepresentativeYear);

    /// <summary>
    /// The units of the later era <paramref name="to"/> whose union is the territory <paramref name="unit"/> had in
    /// <paramref name="from"/>: e.g. East Kazakhstan of 2018 → East Kazakhstan and Abai of 2022. A unit untouched
    /// by any change maps to itself.
    /// </summary>
    public IReadOnlyList<Region> PartsIn(Region unit, BoundaryEra from, BoundaryEra to)
    {
        if (to.Order < from.Order) throw new ArgumentException($"{to} is older than {from}; a unit cannot be split backwards");
        var parts = new List<string> { unit.Key };
        foreach (var change in Lineage.Where(l => ChangeBetween(l, from, to)))
        {
            var i = parts.IndexOf(change.Predecessor);
            if (i < 0) continue;
            parts.RemoveAt(i);
            parts.InsertRange(i, change.Successors.Where(s => !parts.Contains(s)));
        }
        return [.. parts.Select(k => byKey[k]).OrderBy(r => r.Kato, StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="unit"/> kept its territory from <paramref name="from"/> to <paramref name="to"/> (either order).</summary>
    public bool Unchanged(Region unit, BoundaryEra from, BoundaryEra to)
    {
        var (older, newer) = from.Order <= to.Order ? (from, to) : (to, from);
        return Lineage.Where(l => ChangeBetween(l, older, newer))
            .All(l => l.Predecessor != unit.Key && !l.Successors.Contains(unit.Key));
    }

    private static bool ChangeBetween(RegionLineage change, BoundaryEra older, BoundaryEra newer) =>
        (older.To is null || change.Date > older.To.Value) && (newer.From is null || change.Date <= newer.From.Value);

    private List<string> Candidates(string name)
    {
        var (core, marker) = RegionName.Normalise(name);
        if (core.Length == 0) return [];
        IEnumerable<string> found = byName.GetValueOrDefault((core, marker)) ?? [];
        if (!found.Any() && marker != NameMarker.None)
        {
            var kind = marker == NameMarker.City ? RegionKind.City : RegionKind.Oblast;
            found = (byName.GetValueOrDefault((core, NameMarker.None)) ?? []).Where(k => byKey[k].Kind == kind);
        }
        if (!found.Any() && marker == NameMarker.None)
            found = (byName.GetValueOrDefault((core, NameMarker.City)) ?? []).Concat(byName.GetValueOrDefault((core, NameMarker.Oblast)) ?? []);
        return [.. found.Distinct().Order(StringComparer.Ordinal)];
    }

    private void Add(string name, string key)
    {
        var normalised = RegionName.Normalise(name);
        if (normalised.Core.Length == 0) return;
        if (!byName.TryGetValue(normalised, out var keys)) byName[normalised] = keys = [];
        if (!keys.Contains(key)) keys.Add(key);
    }

    private IEnumerable<string> AllNames() =>
        All.SelectMany(r => new[] { r.Key, r.NameEn, r.NameRu, r.NameKk }).Concat(Aliases.Select(a => a.Name)).Where(n => n.Length > 0);

    private string DidYouMean(string name) =>
        Suggest(name) is { Count: > 0 } s ? $"; did you mean {string.Join(", ", s.Select(n => $"'{n}'"))}?" : "";
}
