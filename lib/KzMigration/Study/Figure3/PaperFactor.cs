using KzMigration.Runs;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Outputs;
using KzMigration.Regions;
using Microsoft.Data.Analysis;

namespace KzMigration.Study;

/// <summary>
/// One socio-economic factor of the paper's Figure 3 (Bokayev &amp; Akhmetova, Results, Figure 3 and the paragraph
/// after it) and the workbench indicator that measures it.
/// </summary>
/// <param name="Name">The factor in the paper's words, e.g. "GRP per capita".</param>
/// <param name="IndicatorId">Indicator key the workbench reads (data/indicators.csv, or a user overlay).</param>
/// <param name="ShortLabel">Column label for tables and charts.</param>
/// <param name="PaperWording">Where the paper names it (quoted).</param>
/// <param name="Reading">How the workbench reads the factor, and what differs from the paper.</param>
/// <param name="Kind">What the indicator measures (indicators.csv kinds: count, average, rate, ratio); declared on import when the bundle lacks it.</param>
public sealed record PaperFactor(string Name, string IndicatorId, string ShortLabel, string PaperWording, string Reading, string Kind = "average");

/// <summary>Whether the data at hand can score one factor, and with what.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Available">True when the indicator is defined and has at least one regional value.</param>
/// <param name="Years">Years with at least one regional value, ascending.</param>
/// <param name="UnitsInLatestYear">Units (oblasts and cities) with a value in the latest of <paramref name="Years"/>; 0 when unavailable.</param>
/// <param name="Note">What the data hold (or lack) for this factor, in words.</param>
public sealed record FactorStatus(PaperFactor Factor, bool Available, IReadOnlyList<int> Years, int UnitsInLatestYear, string Note)
{
    /// <summary>The command that imports the factor's official series into the user overlay (<c>data/user/</c>).</summary>
    public string ImportCommand => $"kzmig data import FILE --indicator {Factor.IndicatorId} --kind {Factor.Kind}";

    /// <summary>E.g. "scored: GRP per capita (grp_per_capita), 2015–2022" or "not bundled: housing price per m² — import with kzmig data import FILE --indicator housing_price_per_m2".</summary>
    public string Message => Available
        ? $"scored: {Factor.Name} ({Factor.IndicatorId}), {Span(Years)}"
        : $"not bundled: {Factor.Name} — import with {ImportCommand}";

    private static string Span(IReadOnlyList<int> years) => years.Count == 0 ? "no years" : YearRuns.Format(years);
}

/// <summary>A figure left out of the scoring panel because its territory is not the unit's territory in that year.</summary>
public sealed record ExcludedFigure(string Region, string Indicator, int Year, string Boundaries, string Reason);

/// <summary>A unit left out of a comparison between two years, and why.</summary>
public sealed record ExcludedUnit(string Region, string Label, string Reason);

/// <summary>
/// The units whose figures can be compared between two years: units that report in both years and whose territory
/// did not change between the two years' boundary eras (<see cref="RegionRegistry.Unchanged"/>).
/// </summary>
public sealed record YearComparability(int From, int To, IReadOnlyList<Region> Comparable, IReadOnlyList<ExcludedUnit> Excluded)
{
    /// <summary>E.g. "2021 → 2022: 14 comparable units; excluded: Abai (…), …".</summary>
    public override string ToString() =>
        $"{From} → {To}: {Comparable.Count} comparable units" +
        (Excluded.Count == 0 ? "" : "; excluded: " + string.Join("; ", Excluded.Select(e => $"{e.Label} ({e.Reason})")));
}
