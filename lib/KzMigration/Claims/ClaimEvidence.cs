using KzMigration.Specification;
using System.Globalization;
using System.Runtime.CompilerServices;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;

namespace KzMigration.Claims;

/// <summary>
/// One unit's balance in a <see cref="BalanceTable"/>, with the status of the figure it comes from and, for a balance
/// derived from an origin–destination compilation, that compilation's known discrepancy with official figures
/// (<see cref="Compilation"/>), which is the figure's <see cref="Uncertainty"/>.
/// </summary>
public sealed record UnitBalance(Region Region, double Value, Status Status)
{
    /// <summary>The compilation the balance was derived from (null for a figure read from a source).</summary>
    public CompilationDiscrepancy? Compilation { get; init; }

    /// <summary>How far the figure may stand from the official one: the compilation's largest known discrepancy; 0 for a figure read from a source.</summary>
    public double Uncertainty => Compilation?.Largest ?? 0;
}

/// <summary>One cell where a balance derived from origin–destination matrices and an official figure both exist.</summary>
public sealed record CompilationCell(Region Region, int Year, double Derived, double Official, string OfficialSource)
{
    /// <summary>Derived − official.</summary>
    public double Difference => Derived - Official;
}

/// <summary>
/// The known discrepancy of a compilation of origin–destination matrices (the matrices that share one set of sources,
/// e.g. od-flows.csv, BNS via a third-party compilation) with official figures: the largest absolute difference between
/// the interregional balances derived from its matrices (<see cref="FlowMatrices.Derive"/>, on each year's own units) and
/// the official balances of the same cells (region, year, period). Official figures are those read from a source with
/// status exact; rounded ones are left out, since their own rounding is larger than what they could reveal. Computed from
/// the data, never typed: it is the uncertainty every balance derived from the compilation carries
/// (<see cref="UnitBalance.Uncertainty"/>), so that a sign claim is decided by such a figure only when its distance from the
/// threshold exceeds it (<see cref="SignClaim"/>). A compilation with no official figure for any of its cells is not checked:
/// its discrepancy is unknown, and its figures are read as they stand (the verdict says so).
/// </summary>
/// <param name="Compilation">The compilation in words: file, sources, standing.</param>
/// <param name="Cells">Every cell compared (official and derived both present).</param>
public sealed record CompilationDiscrepancy(string Compilation, IReadOnlyList<CompilationCell> Cells)
{
    /// <summary>True when at least one cell could be compared.</summary>
    public bool Checked => Cells.Count > 0;

    /// <summary>The largest |derived − official| over the compared cells (0 when none could be compared).</summary>
    public double Largest => Cells.Count == 0 ? 0 : Cells.Max(c => Math.Abs(c.Difference));

    /// <summary>«±647: the largest difference between … (Almaty region 2023: −849 derived, −202 official …)».</summary>
    public string Describe()
    {
        if (!Checked)
            return $"the balances derived from {Compilation} have no official figure for the same cells to be checked against: their discrepancy is unknown, and they are read as they stand";
        var differing = Cells.Where(c => c.Difference != 0).OrderByDescending(c => Math.Abs(c.Difference)).ThenBy(c => c.Region.Kato, StringComparer.Ordinal).ToList();
        var years = Text.Years(Cells.Select(c => c.Year));
        var cells = differing.Count == 0 ? "all agree exactly"
            : string.Join("; ", differing.Take(3).Select(c => $"{c.Region.NameEn} {c.Year}: {Text.Signed(c.Derived)} derived, {Text.Signed(c.Official)} official ({c.OfficialSource})")) +
              (differing.Count > 3 ? $"; {differing.Count - 3} more" : "");
        return $"±{Text.Count(Largest)}: the largest difference between the interregional balances derived from {Compilation} and the official balances of the same cells " +
               $"({Cells.Count} cells of {years}; {cells})";
    }
}

/// <summary>
/// Migration balances of one flow, year and period for every unit of one boundary era (2022 figures summed into
/// 2018-era units where asked), and the units that have none. <see cref="Flow"/> is the flow asked for: for
/// <see cref="Migration.Flow.Interregional"/> and <see cref="Migration.Flow.Internal"/> the balance is the same
/// number (moves inside a region add one arrival and one departure), so either series serves.
/// </summary>
public sealed record BalanceTable(Flow Flow, int Year, Period Period, BoundaryEra Boundaries, IReadOnlyList<UnitBalance> Values, IReadOnlyList<Region> Missing)
{
    /// <summary>True when every unit of the era has a balance.</summary>
    public bool Complete => Missing.Count == 0 && Values.Count > 0;

    /// <summary>Balance of a unit, or null.</summary>
    public double? this[string key] => Values.FirstOrDefault(v => v.Region.Key == key)?.Value;

    /// <summary>The units that are oblasts (not cities of republican significance).</summary>
    public IReadOnlyList<UnitBalance> Oblasts => [.. Values.Where(v => v.Region.Kind == RegionKind.Oblast)];

    public string Describe() =>
        $"{Codes.Of(Flow)} balance, {(Period == Period.JanDec ? "" : Codes.Of(Period) + " ")}{Year}, {Boundaries}" +
        (Boundaries.Order < BoundaryEra.OfYear(Year).Order ? $" (summed from {BoundaryEra.OfYear(Year).Id}-era figures)"
        : Boundaries.Order > BoundaryEra.OfYear(Year).Order ? $" (units whose territory changed since the {BoundaryEra.OfYear(Year).Id}-era boundaries read from the origin–destination matrix)"
        : "");
}

/// <summary>The queries the claim evaluators share: balances per boundary era, one region's flows, indicator levels.</summary>
public static class ClaimEvidence
{
    /// <summary>
    /// Balances of <paramref name="flow"/> for every unit of <paramref name="boundaries"/>. Per unit, the first
    /// available of: the balance of the flow, the balance of the other of interregional/internal (equal by
    /// definition), arrivals − departures of the flow. Summed into older boundaries with
    /// <see cref="Harmonisation.ToEra(IEnumerable{MigrationObservation}, BoundaryEra, RegionRegistry)"/> (a sum
    /// with a part missing is missing). On boundaries newer than the year's, a unit whose territory did not change keeps
    /// its own figure (an official figure wins), and a unit whose territory changed is read from the year's
    /// origin–destination matrix on those units (<see cref="WorkbenchData.DerivedFromMatrices"/>: exact, status derived),
    /// for interregional and internal balances (equal by definition); without a matrix it stays missing.
    /// </summary>
    public static BalanceTable Balances(WorkbenchData data, Flow flow, int year, Period period, BoundaryEra boundaries)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(boundaries);
        var candidates = new List<MigrationObservation>();
        foreach (var region in data.Regions.UnitsInYear(year))
            if (Balance(data, region.Key, year, flow, period) is { } b)
                candidates.Add(b with { Flow = flow == Flow.All ? Flow.All : Flow.Interregional });
        var harmonised = Harmonisation.ToEra(candidates, boundaries, data.Regions);
        var byKey = harmonised.Values.Where(v => !v.Region.IsCountry).ToDictionary(v => v.Region.Key);
        if (boundaries.Order > BoundaryEra.OfYear(year).Order && flow != Flow.All)
            foreach (var derived in data.DerivedFromMatrices(boundaries).Where(o => o.Year == year && o.Period == period && o.Measure == Measure.Balance))
                byKey.TryAdd(derived.Region.Key, derived);
        var units = data.Regions.UnitsIn(boundaries);
        return new BalanceTable(flow, year, period, boundaries,
            [.. units.Where(u => byKey.ContainsKey(u.Key)).Select(u => new UnitBalance(u, byKey[u.Key].Value, byKey[u.Key].Status) { Compilation = CompilationOf(data, byKey[u.Key]) })],
            [.. units.Where(u => !byKey.ContainsKey(u.Key))]);
    }

    // One comparison per loaded data set and compilation: the ledger reads many balances of the same matrices.
    private static readonly ConditionalWeakTable<WorkbenchData, Dictionary<string, CompilationDiscrepancy>> Discrepancies = new();

    /// <summary>
    /// The compilation a balance was derived from, with its known discrepancy with official figures
    /// (<see cref="CompilationDiscrepancy"/>); null for a figure read from a source.
    /// </summary>
    public static CompilationDiscrepancy? CompilationOf(WorkbenchData data, MigrationObservation observation)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(observation);
        if (!observation.FromMatrix) return null;
        var matrix = data.FlowMatrices.FirstOrDefault(m => m.Year == observation.Year && m.Period == observation.Period);
        return matrix is null ? null : Discrepancy(data, matrix);
    }

    /// <summary>The known discrepancy with official figures of the compilation <paramref name="matrix"/> belongs to (the matrices with the same sources).</summary>
    public static CompilationDiscrepancy Discrepancy(WorkbenchData data, YearFlowMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(matrix);
        var cache = Discrepancies.GetValue(data, _ => []);
        var key = SourcesOf(matrix);
        lock (cache)
        {
            if (cache.TryGetValue(key, out var known)) return known;
            var members = data.FlowMatrices.Where(m => SourcesOf(m) == key).ToList();
            var cells = new List<CompilationCell>();
            foreach (var m in members)
                foreach (var derived in FlowMatrices.Derive(m, BoundaryEra.OfYear(m.Year), data.Regions).Where(d => d.Measure == Measure.Balance))
                    if (data.Migration.FirstOrDefault(o => !o.FromMatrix && o.Status == Status.Exact && o.Measure == Measure.Balance
                            && o.Flow is Flow.Interregional or Flow.Internal && o.Year == m.Year && o.Period == m.Period && o.Region.Key == derived.Region.Key) is { } official)
                        cells.Add(new CompilationCell(derived.Region, m.Year, derived.Value, official.Value, official.Source.Id));
            var standing = members.All(m => m.ThirdPartyCompilation) ? $"; {DataPackageBuilder.OdCarrierNote}" : "";
            var files = string.Join(", ", members.Select(m => m.File).Distinct());
            return cache[key] = new CompilationDiscrepancy($"the origin–destination matrices of {files} ({key}{standing})", cells);
        }
    }

    private static string SourcesOf(YearFlowMatrix m) => string.Join(", ", m.Sources.Select(s => s.Id).Order(StringComparer.Ordinal));

    /// <summary>
    /// One region's balance of <paramref name="flow"/> on the boundaries of the year, or null. For interregional and
    /// internal flows: the interregional balance, the internal balance, interregional A − D, internal A − D (all equal
    /// by definition); for all flows: the all-flow balance or its A − D. Computed balances have status derived.
    /// </summary>
    public static MigrationObservation? Balance(WorkbenchData data, string regionKey, int year, Flow flow, Period period = Period.JanDec)
    {
        Flow[] flows = flow == Flow.All ? [Flow.All] : [flow, flow == Flow.Interregional ? Flow.Internal : Flow.Interregional];
        foreach (var f in flows)
            if (data.FindMigration(regionKey, year, f, Measure.Balance, period) is { } b) return b;
        foreach (var f in flows)
            if (Flows(data, regionKey, year, f, period) is { } a)
                return a.Arrivals with
                {
                    Measure = Measure.Balance, Value = a.Arrivals.Value - a.Departures.Value,
                    Status = a.Arrivals.Status == Status.Exact && a.Departures.Status == Status.Exact ? Status.Derived : Weakest(a.Arrivals.Status, a.Departures.Status),
                    Note = $"{Codes.Of(f)} arrivals − departures", Origin = "",
                };
        return null;
    }

    /// <summary>Arrivals and departures of one flow for one region-year, or null if either is missing.</summary>
    public static (MigrationObservation Arrivals, MigrationObservation Departures)? Flows(WorkbenchData data, string regionKey, int year, Flow flow, Period period = Period.JanDec) =>
        data.FindMigration(regionKey, year, flow, Measure.Arrivals, period) is { } a && data.FindMigration(regionKey, year, flow, Measure.Departures, period) is { } d
            ? (a, d) : null;

    /// <summary>The paper's K = A ÷ D of one region-year and flow (<see cref="RegionAttractiveness"/>), or null if A or D is missing.</summary>
    public static RegionIndex? Coefficient(WorkbenchData data, string regionKey, int year, Flow flow, Period period = Period.JanDec) =>
        RegionAttractiveness.Of(data, regionKey, year, flow, period) is { Arrivals: not null, Departures: not null } r
            ? new RegionIndex(regionKey, flow, r.Coefficient, r.Coefficient is null ? r.Missing : null)
            : null;

    /// <summary>
    /// A region's value of an indicator as a percentage of the national level (region <c>kazakhstan</c>) of the same year
    /// (<see cref="ReferenceLevel.PercentOf"/>), or null when either is missing or the national level is not positive.
    /// </summary>
    public static (double Value, double National, double Percent)? PercentOfNational(WorkbenchData data, string regionKey, int year, string indicatorId) =>
        data.FindIndicator(regionKey, year, indicatorId) is { } v && data.FindIndicator(data.Regions.Country.Key, year, indicatorId) is { } n
        && ReferenceLevel.PercentOf(v.Value, n.Value) is { } percent
            ? (v.Value, n.Value, percent) : null;

    /// <summary>
    /// The band label of a percentage of the national level under <paramref name="scale"/> (the study's scale,
    /// <see cref="ScoringSpec.Bands"/>): classified by <see cref="BandScale.Classify"/> — the one classifier the scorecard
    /// and the heatmap use too, with the scale's boundary rule (the paper's scale: below 70 % «very low», 70–95 % «low»,
    /// 95–105 % «medium», 105–150 % «high», from 150 % «very high», a value on a threshold in the band above).
    /// </summary>
    public static string Band(double percent, BandScale scale) => scale.BandOf(percent).Label;

    /// <summary>True when the percentage lies in a band above the band of the national level itself (the paper's «high»: high, very high).</summary>
    public static bool AboveNational(double percent, BandScale scale) => scale.RelativeToReference(percent) > 0;

    /// <summary>True when the percentage lies in a band below the band of the national level itself (the paper's «low»: low, very low).</summary>
    public static bool BelowNational(double percent, BandScale scale) => scale.RelativeToReference(percent) < 0;

    private static Status Weakest(Status a, Status b) =>
        a == Status.Estimate || b == Status.Estimate ? Status.Estimate : a == Status.Rounded || b == Status.Rounded ? Status.Rounded : Status.Derived;
}

/// <summary>Culture-invariant number text for verdicts.</summary>
internal static class Text
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A count with thousands separators: «72,754».</summary>
    public static string Count(double v) => v.ToString("#,0", Inv);

    /// <summary>A signed count: «+898», «−7,974».</summary>
    public static string Signed(double v) => v > 0 ? "+" + Count(v) : v < 0 ? "−" + Count(-v) : "0";

    /// <summary>K (or a distance between two K) with three decimals: «1.011», rounded as every K is (<see cref="RegionAttractiveness.RoundCoefficient"/>).</summary>
    public static string Ratio(double v) => RegionAttractiveness.RoundCoefficient(v).ToString("0.000", Inv);

    /// <summary>A percentage with one decimal: «31.6 %».</summary>
    public static string Percent(double v) => v.ToString("0.0", Inv) + " %";

    public static string Names(IEnumerable<Region> regions) => string.Join(", ", regions.Select(r => r.NameEn));

    /// <summary>«Astana +33,798, Almaty +35,302 (rounded)».</summary>
    public static string Balances(IEnumerable<UnitBalance> values) =>
        string.Join(", ", values.Select(v => $"{v.Region.NameEn} {Signed(v.Value)}{(v.Status is Status.Rounded or Status.Estimate ? $" ({Codes.Of(v.Status)})" : "")}"));

    /// <summary>Years as ranges: «2015–2020, 2022» (<see cref="YearRuns.Format"/>).</summary>
    public static string Years(IEnumerable<int> years) => YearRuns.Format(years);

    /// <summary>Which units, briefly: «all 20 units», «19 of 20 units (all except Pavlodar)», or the names.</summary>
    public static string Units(IReadOnlyCollection<Region> missing, IReadOnlyCollection<Region> all)
    {
        if (missing.Count == all.Count) return $"all {all.Count} units";
        if (missing.Count > all.Count / 2)
            return $"{missing.Count} of {all.Count} units (all except {Names(all.Where(a => !missing.Contains(a)))})";
        return Names(missing);
    }
}
