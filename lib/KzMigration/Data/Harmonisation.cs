using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>A region-year that harmonisation could not express in the target era, and why.</summary>
public sealed record HarmonisationGap(Region Region, int Year, string Series, string Reason);

/// <summary>Values expressed in <paramref name="Era"/>'s boundaries, and the region-years that could not be.</summary>
public sealed record HarmonisedSeries<T>(BoundaryEra Era, IReadOnlyList<T> Values, IReadOnlyList<HarmonisationGap> Gaps);

/// <summary>Thrown when asked to sum values that cannot be summed over regions (ratios, per-capita values, rates).</summary>
public sealed class NotAdditiveException(string message) : InvalidOperationException(message);

/// <summary>
/// Expresses additive series in one boundary era by summing the successors of a split unit into its
/// predecessor: Abai + East Kazakhstan (2022) = East Kazakhstan of 2018–2021; Turkestan + Shymkent (2018) = South
/// Kazakhstan of 2015–2017. Rule (docs/boundaries.md, «What may be added across a change»): summing a new region into its parent gives the
/// old boundary for additive measures (counts, balances), never for ratios or per-capita values.
/// <list type="bullet">
/// <item>Every summed value has <c>SummedFrom</c> set, status <c>derived</c> (or the weakest status of its parts:
/// rounded, estimate) and a note naming the parts and their sources.</item>
/// <item>A sum with a part missing is missing (reported in <c>Gaps</c>), never a partial sum.</item>
/// <item>Older figures cannot be split into newer units: a changed unit's value from an older era is a gap
/// («not comparable»); unchanged units pass through.</item>
/// <item>Interregional arrivals and departures are not additive across a split (moves between Abai and East
/// Kazakhstan are interregional in 2022 but were internal to the old East Kazakhstan), so they are gaps too.
/// Interregional balances are additive (those moves cancel), as are internal and total flows.</item>
/// </list>
/// </summary>
public static class Harmonisation
{
    /// <summary>Migration values in <paramref name="era"/>'s boundaries.</summary>
    public static HarmonisedSeries<MigrationObservation> ToEra(IEnumerable<MigrationObservation> values, BoundaryEra era, RegionRegistry regions)
    {
        var result = Harmonise(
            values,
            era,
            regions,
            o => $"{Codes.Of(o.Flow)} {Codes.Of(o.Measure)} {Codes.Of(o.Period)}",
            o => new Point(o.Region, o.Year, o.Boundaries, o.Value, o.Status, o.Source),
            o => o.Flow == Flow.Interregional && o.Measure != Measure.Balance
                ? "interregional arrivals/departures of the successors include moves between them, which were internal to the old unit"
                : null,
            (first, sum) => first with
            {
                Region = sum.Region, Value = sum.Value, Status = sum.Status, Source = sum.Source, Note = sum.Note,
                Boundaries = era, SummedFrom = sum.Parts, Origin = "",
            });
        return result;
    }

    /// <summary>
    /// Migration values in <paramref name="era"/>'s boundaries, with the interregional arrivals and departures of a merged
    /// unit taken exactly from the origin–destination matrix of the year aggregated to <paramref name="era"/>
    /// (<see cref="WorkbenchData.FlowMatrix"/>, via <see cref="WorkbenchData.DerivedFromMatrices"/>): summing the parts'
    /// figures would count the moves between the parts, which the matrix drops. Where no matrix of the year exists they
    /// stay gaps, as in <see cref="ToEra(IEnumerable{MigrationObservation}, BoundaryEra, RegionRegistry)"/>.
    /// </summary>
    public static HarmonisedSeries<MigrationObservation> ToEra(IEnumerable<MigrationObservation> values, BoundaryEra era, WorkbenchData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var summed = ToEra(values, era, data.Regions);
        static string Series(MigrationObservation o) => $"{Codes.Of(o.Flow)} {Codes.Of(o.Measure)} {Codes.Of(o.Period)}";
        var flowGaps = summed.Gaps.Where(g => g.Series.StartsWith(Codes.Of(Flow.Interregional) + " ", StringComparison.Ordinal)).ToList();
        if (flowGaps.Count == 0) return summed;
        var exact = data.DerivedFromMatrices(era).Where(o => o.Measure != Measure.Balance)
            .GroupBy(o => (o.Region.Key, o.Year, Series(o))).ToDictionary(g => g.Key, g => g.First());
        var filled = flowGaps.Where(g => exact.ContainsKey((g.Region.Key, g.Year, g.Series))).ToHashSet();
        return new HarmonisedSeries<MigrationObservation>(era,
            [.. summed.Values, .. filled.Select(g => exact[(g.Region.Key, g.Year, g.Series)])],
            [.. summed.Gaps.Where(g => !filled.Contains(g))]);
    }

    /// <summary>
    /// An origin–destination matrix on <paramref name="from"/>'s units (keys) expressed exactly on the older or same
    /// <paramref name="to"/> era: each unit of <paramref name="to"/> is the union of its parts in <paramref name="from"/>
    /// (<see cref="RegionRegistry.PartsIn"/>, i.e. the lineage in region-lineage.csv), and moves between those parts drop
    /// out (<see cref="OriginDestinationMatrix.Aggregate"/>). Units come in KATO order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is newer than <paramref name="from"/> (a matrix cannot be split), or the
    /// matrix's regions are not exactly the units of <paramref name="from"/>.</exception>
    public static OriginDestinationMatrix ToEra(OriginDestinationMatrix matrix, BoundaryEra from, BoundaryEra to, RegionRegistry regions)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (to.Order > from.Order)
            throw new ArgumentException($"a matrix on the {from.Id}-era units cannot be split into the newer {to.Id}-era units; aggregation goes from newer to older boundaries only");
        var expected = regions.UnitsIn(from).Select(u => u.Key).Order(StringComparer.Ordinal).ToList();
        if (!matrix.Regions.Order(StringComparer.Ordinal).SequenceEqual(expected))
            throw new ArgumentException($"the matrix's regions ({string.Join(", ", matrix.Regions)}) are not the {from.UnitCount} units of the {from.Id}-era boundaries");
        var unitOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var unit in regions.UnitsIn(to).OrderBy(u => u.Kato, StringComparer.Ordinal))
        {
            order.Add(unit.Key);
            // Same era: every unit is its own part (PartsIn looks at the changes between two different eras).
            if (to.Order < from.Order)
                foreach (var part in regions.PartsIn(unit, to, from)) unitOf[part.Key] = unit.Key;
        }
        var merged = matrix.Aggregate(unitOf);
        // Re-order to KATO order of the target era so every era's matrix reads the same way.
        var m = new double[order.Count, order.Count];
        for (var i = 0; i < order.Count; i++)
            for (var j = 0; j < order.Count; j++)
                if (i != j) m[i, j] = merged[order[i], order[j]];
        return new OriginDestinationMatrix(order, m);
    }

    /// <summary>
    /// The parts (keys of <paramref name="from"/>'s units) of each unit of <paramref name="to"/> made of more than one part: the
    /// units whose arrivals lose the moves between their parts when a matrix is aggregated.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> MergedUnits(BoundaryEra from, BoundaryEra to, RegionRegistry regions) =>
        to.Order >= from.Order ? new Dictionary<string, IReadOnlyList<string>>()
        : regions.UnitsIn(to).Select(u => (u.Key, Parts: regions.PartsIn(u, to, from)))
            .Where(x => x.Parts.Count > 1)
            .ToDictionary(x => x.Key, x => (IReadOnlyList<string>)[.. x.Parts.Select(p => p.Key)], StringComparer.Ordinal);

    /// <summary>Indicator values in <paramref name="era"/>'s boundaries; throws <see cref="NotAdditiveException"/> for ratios and per-capita indicators.</summary>
    public static HarmonisedSeries<IndicatorObservation> ToEra(IEnumerable<IndicatorObservation> values, BoundaryEra era, RegionRegistry regions)
    {
        var list = values.ToList();
        if (list.FirstOrDefault(o => !o.Indicator.Additive) is { } bad)
            throw new NotAdditiveException(
                $"'{bad.Indicator.Id}' ({bad.Indicator.Unit}, {bad.Indicator.Kind}) is not additive: a ratio or per-capita value of a split region " +
                "cannot be rebuilt by summing its parts; compare it only for regions whose boundaries did not change, or harmonise its numerator and denominator separately");
        return Harmonise(
            list,
            era,
            regions,
            o => o.Indicator.Id,
            o => new Point(o.Region, o.Year, o.Boundaries, o.Value, o.Status, o.Source),
            _ => null,
            (first, sum) => first with
            {
                Region = sum.Region, Value = sum.Value, Status = sum.Status, Source = sum.Source, Note = sum.Note,
                Boundaries = era, SummedFrom = sum.Parts, Origin = "",
            });
    }

    /// <summary>
    /// The units of <paramref name="published"/> whose figures make up <paramref name="unit"/> on its
    /// <paramref name="era"/> territory — the rule of docs/boundaries.md («What may be added across a change») in one place:
    /// <list type="bullet">
    /// <item>the country, or figures published on <paramref name="era"/>'s own units: the unit itself;</item>
    /// <item>figures published on newer units: the successors that split off the unit since (<see cref="RegionRegistry.PartsIn"/>;
    /// Turkestan + Shymkent for South Kazakhstan of 2015–2017), or the unit itself when no change touched it;</item>
    /// <item>figures published on older units: the unit itself when it existed then with the same territory; otherwise null,
    /// since an older figure cannot be split into newer units.</item>
    /// </list>
    /// A value on the unit's territory is then the sum over the parts of an additive measure (<see cref="SumOfParts"/>).
    /// </summary>
    /// <example>East Kazakhstan, era 2018, published 2022 → East Kazakhstan + Abai; Abai, era 2022, published 2018 → null.</example>
    public static IReadOnlyList<Region>? PartsOf(Region unit, BoundaryEra era, BoundaryEra published, RegionRegistry regions)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(regions);
        if (unit.IsCountry || published.Order == era.Order) return [unit];
        if (published.Order < era.Order)
            return regions.IsUnitOf(unit, published) && regions.Unchanged(unit, published, era) ? [unit] : null;
        return regions.PartsIn(unit, era, published);
    }

    /// <summary>
    /// The sum of an additive measure over <paramref name="parts"/> (<see cref="PartsOf"/>), in their order; null when any
    /// part has no value: a sum with a part missing is missing, never a partial sum.
    /// </summary>
    public static double? SumOfParts(IReadOnlyList<Region> parts, Func<Region, double?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(valueOf);
        var sum = 0.0;
        foreach (var part in parts)
        {
            if (valueOf(part) is not double v) return null;
            sum += v;
        }
        return sum;
    }

    private sealed record Point(Region Region, int Year, BoundaryEra Boundaries, double Value, Status Status, Source Source);

    private sealed record Sum(Region Region, double Value, Status Status, Source Source, string Note, IReadOnlyList<Region> Parts);

    private static HarmonisedSeries<T> Harmonise<T>(
        IEnumerable<T> values,
        BoundaryEra era,
        RegionRegistry regions,
        Func<T, string> series,
        Func<T, Point> point,
        Func<T, string?> notSummable,
        Func<T, Sum, T> summed)
    {
        var output = new List<T>();
        var gaps = new List<HarmonisationGap>();
        var groups = values.GroupBy(v => (Series: series(v), point(v).Year, point(v).Boundaries.Id))
            .OrderBy(g => g.Key.Series, StringComparer.Ordinal).ThenBy(g => g.Key.Year).ThenBy(g => g.Key.Id, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var source = BoundaryEra.Parse(group.Key.Id);
            var byRegion = group.ToDictionary(v => point(v).Region.Key, StringComparer.Ordinal);
            foreach (var v in group.Where(v => point(v).Region.IsCountry)) output.Add(v);

            if (source.Order == era.Order)
            {
                output.AddRange(group.Where(v => !point(v).Region.IsCountry));
            }
            else if (source.Order < era.Order)
            {
                // Older figures: pass unchanged units through; a changed unit cannot be split.
                foreach (var v in group.Where(v => !point(v).Region.IsCountry))
                {
                    var p = point(v);
                    if (regions.IsUnitOf(p.Region, era) && PartsOf(p.Region, era, source, regions) is not null) output.Add(v);
                    else gaps.Add(new(p.Region, p.Year, group.Key.Series,
                        $"not comparable: {p.Region.NameEn} in the {source.Id}-era boundaries cannot be split into {era.Id}-era units"));
                }
            }
            else
            {
                foreach (var unit in regions.UnitsIn(era))
                {
                    var parts = PartsOf(unit, era, source, regions)!; // newer figures: never null
                    if (parts is [var only] && only.Key == unit.Key)
                    {
                        if (byRegion.TryGetValue(unit.Key, out var same)) output.Add(same);
                        continue;
                    }
                    var present = parts.Where(p => byRegion.ContainsKey(p.Key)).Select(p => byRegion[p.Key]).ToList();
                    if (present.Count == 0) continue;
                    if (present.Count < parts.Count)
                    {
                        var missing = parts.Where(p => !byRegion.ContainsKey(p.Key)).Select(p => p.NameEn);
                        gaps.Add(new(unit, group.Key.Year, group.Key.Series,
                            $"missing: {unit.NameEn} ({era.Id} boundaries) needs {string.Join(" + ", parts.Select(p => p.NameEn))}; no value for {string.Join(", ", missing)}"));
                        continue;
                    }
                    if (notSummable(present[0]) is { } why)
                    {
                        gaps.Add(new(unit, group.Key.Year, group.Key.Series, $"not comparable: {why}"));
                        continue;
                    }
                    var points = present.Select(point).ToList();
                    var status = points.Select(p => p.Status).Contains(Status.Estimate) ? Status.Estimate
                        : points.Select(p => p.Status).Contains(Status.Rounded) ? Status.Rounded
                        : Status.Derived;
                    var note = $"harmonised to the {era.Id}-era boundaries: sum of " +
                               string.Join(" + ", points.Select(p => $"{p.Region.NameEn} {DataNumber.Format(p.Value)} [{p.Source.Id}]"));
                    var sum = SumOfParts(parts, r => byRegion.TryGetValue(r.Key, out var v) ? point(v).Value : null)!.Value;
                    output.Add(summed(present[0], new Sum(unit, sum, status, points[0].Source, note, parts)));
                }
            }
        }
        return new HarmonisedSeries<T>(era, output, gaps);
    }
}
