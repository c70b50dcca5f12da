using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>How a value relates to what its source printed (docs/status-values.md).</summary>
public enum Status
{
    /// <summary>As printed by the source (CSV <c>exact</c>, letter E).</summary>
    Exact,

    /// <summary>Plain arithmetic on printed numbers; the note says which (CSV <c>derived</c>, letter D).</summary>
    Derived,

    /// <summary>Rounded by the source, e.g. «около 32 тысяч» (CSV <c>rounded</c>, letter R).</summary>
    Rounded,

    /// <summary>A BNS estimate, e.g. figures recalculated to later boundaries (CSV <c>estimate</c>, letter S).</summary>
    Estimate,
}

/// <summary>The part of the year a value covers.</summary>
public enum Period
{
    /// <summary>The calendar year (CSV <c>Jan-Dec</c>).</summary>
    JanDec,

    /// <summary>The first half-year (CSV <c>Jan-Jun</c>), as in the ERI table for 2019 and 2020.</summary>
    JanJun,
}

/// <summary>The codes the CSV files use for enums, and the letters of the coverage matrix.</summary>
public static class Codes
{
    public static string Of(Status s) => s switch
    {
        Status.Exact => "exact", Status.Derived => "derived", Status.Rounded => "rounded", _ => "estimate",
    };

    public static char Letter(Status s) => s switch
    {
        Status.Exact => 'E', Status.Derived => 'D', Status.Rounded => 'R', _ => 'S',
    };

    public static string Of(Period p) => p == Period.JanDec ? "Jan-Dec" : "Jan-Jun";

    public static string Of(Flow f) => f switch { Flow.Interregional => "interregional", Flow.Internal => "internal", _ => "all" };

    public static string Of(Measure m) => m switch { Measure.Arrivals => "arrivals", Measure.Departures => "departures", _ => "balance" };

    public static readonly string[] Statuses = ["exact", "derived", "rounded", "estimate"];
    public static readonly string[] Periods = ["Jan-Dec", "Jan-Jun"];
    public static readonly string[] Flows = ["interregional", "internal", "all"];
    public static readonly string[] Measures = ["arrivals", "departures", "balance"];

    public static Status? ParseStatus(string s) => Array.IndexOf(Statuses, s) is var i and >= 0 ? (Status)i : null;
    public static Period? ParsePeriod(string s) => Array.IndexOf(Periods, s) is var i and >= 0 ? (Period)i : null;
    public static Flow? ParseFlow(string s) => Array.IndexOf(Flows, s) is var i and >= 0 ? (Flow)i : null;
    public static Measure? ParseMeasure(string s) => Array.IndexOf(Measures, s) is var i and >= 0 ? (Measure)i : null;
}

/// <summary>
/// Where a value comes from: the page or file it was read from (<paramref name="Url"/>), who carries it
/// (<paramref name="Carrier"/>: a GitHub repository, a news site), who published the figures
/// (<paramref name="Publisher"/>, usually the Bureau of National Statistics) and which table.
/// </summary>
public sealed record Source(string Id, string Url, string Carrier, string Publisher, string Title, string Note)
{
    /// <summary>The words that mark a source whose figures are official figures carried by a third-party compilation, not an official file.</summary>
    public const string ThirdPartyCompilation = "BNS via a third-party compilation";

    /// <summary>
    /// True when the figures are BNS figures as a third party compiled them (the publisher says
    /// «<see cref="ThirdPartyCompilation"/>», e.g. «…, checked for 2022 only»): shown as such wherever they are
    /// (docs/bundled-sources.md, docs/status-values.md).
    /// </summary>
    public bool IsThirdPartyCompilation => Publisher.Contains(ThirdPartyCompilation, StringComparison.Ordinal);

    /// <summary>
    /// What the figures of this source are, in a few words, for tables and notes: for a compilation the publisher's clause
    /// from «BNS via a third-party compilation» to the first bracket (e.g. «BNS via a third-party compilation, checked for
    /// 2022 only»), otherwise the publisher.
    /// </summary>
    public string Standing
    {
        get
        {
            var at = Publisher.IndexOf(ThirdPartyCompilation, StringComparison.Ordinal);
            if (at < 0) return Publisher;
            var clause = Publisher[at..];
            var end = clause.IndexOfAny(['(', ')']);
            return (end < 0 ? clause : clause[..end]).TrimEnd();
        }
    }

    /// <summary>For a file imported by <c>kzmig data import</c>: which file, when and as what; null for bundled sources.</summary>
    public ImportProvenance? Import { get; init; }
}

/// <summary>
/// Where imported figures came from, as recorded in the <c>file … rows</c> columns of <c>sources.csv</c>.
/// </summary>
/// <param name="File">The file's name as read.</param>
/// <param name="Sha256">SHA-256 of its bytes (lower-case hex): identifies the exact file.</param>
/// <param name="ImportedAt">When it was imported (UTC).</param>
/// <param name="Format">The official layout it was read as (<c>TaldauIndexData</c>, <c>StatGovDynamicTable</c>, <c>BnsSpreadsheet</c>).</param>
/// <param name="PortalId">The taldau index id, when known.</param>
/// <param name="Target">What the values were imported as: <c>migration internal arrivals</c>, <c>indicator grp_per_capita</c>.</param>
/// <param name="Rows">Rows written.</param>
public sealed record ImportProvenance(string File, string Sha256, DateTimeOffset ImportedAt, string Format, string? PortalId, string Target, int Rows)
{
    /// <summary>The overlay's folder of portal responses fetched by <c>kzmig data fetch</c>, kept byte for byte beside the rows.</summary>
    public const string RawFolder = "raw";

    /// <summary>
    /// For a portal response fetched by <c>kzmig data fetch</c>: the response as kept in the overlay (<c>raw/…</c>, relative
    /// to it), whose bytes must have <see cref="Sha256"/>; its <see cref="ImportedAt"/> is the retrieval time. Null for a
    /// local file imported with <c>kzmig data import</c>, which is not kept.
    /// </summary>
    public string? RawResponse => File.StartsWith(RawFolder + "/", StringComparison.Ordinal) ? File : null;
}

/// <summary>
/// How an indicator may be combined. <paramref name="Additive"/> values (counts, population) can be summed over
/// regions; ratios and per-capita values cannot (<see cref="Harmonisation"/> refuses them).
/// </summary>
public sealed record Indicator(string Id, string Label, string Unit, string Kind, bool Additive, string Description);

/// <summary>
/// One migration figure. <paramref name="Boundaries"/> is the era of the territory the figure refers to (the era
/// of the year unless the source recalculated it). <paramref name="SummedFrom"/> is set only on harmonised values
/// and lists the units added together.
/// </summary>
public sealed record MigrationObservation(
    Region Region,
    int Year,
    Period Period,
    Flow Flow,
    Measure Measure,
    double Value,
    Status Status,
    Source Source,
    string Note,
    BoundaryEra Boundaries,
    IReadOnlyList<Region>? SummedFrom = null)
{
    /// <summary>True when this value was made by summing successor units into an older boundary.</summary>
    public bool IsHarmonised => SummedFrom is not null;

    /// <summary>Where the value was read (file:line), for messages; empty for computed values.</summary>
    public string Origin { get; init; } = "";

    /// <summary>True when the value was derived from an origin–destination matrix (<see cref="FlowMatrices"/>), not read from a source.</summary>
    public bool FromMatrix { get; init; }
}

/// <summary>One socio-economic figure (see <see cref="MigrationObservation"/> for the boundary and harmonisation fields).</summary>
public sealed record IndicatorObservation(
    Region Region,
    int Year,
    Indicator Indicator,
    double Value,
    Status Status,
    Source Source,
    string Note,
    BoundaryEra Boundaries,
    IReadOnlyList<Region>? SummedFrom = null)
{
    public bool IsHarmonised => SummedFrom is not null;

    public string Origin { get; init; } = "";

    /// <summary>For a housing price (housing.csv): the city whose price the source prints, the region's administrative centre that year; null for other indicators.</summary>
    public string? City { get; init; }

    /// <summary>
    /// For a housing price: the state programme (e.g. «Nurly Zhol») whose fixed price this is, as the source's footnote
    /// says — not a market price; null for a market price and for other indicators.
    /// </summary>
    public string? Programme { get; init; }

    /// <summary>True for a state-programme price (<see cref="Programme"/> set).</summary>
    public bool IsProgrammePrice => Programme is not null;
}

/// <summary>
/// One cell of an origin–destination matrix: <paramref name="Persons"/> moved from <paramref name="Origin"/> to
/// <paramref name="Destination"/> in <paramref name="Year"/>. <paramref name="Boundaries"/> is the era of the territories
/// both regions refer to (the bundled matrices are recalculated on the 2022 units for every year).
/// </summary>
public sealed record OdFlowObservation(
    int Year,
    Period Period,
    Flow Flow,
    Region Origin,
    Region Destination,
    double Persons,
    Status Status,
    Source Source,
    string Note,
    BoundaryEra Boundaries)
{
    /// <summary>Where the value was read (file:line), for messages.</summary>
    public string Location { get; init; } = "";
}

/// <summary>
/// Population of a unit (or the country) at a date, from <c>population.csv</c> (BNS, 1 January). <paramref name="Boundaries"/>
/// is the era of the territory the figure refers to (a sum over newer units is computed where needed, see
/// <see cref="MeanPopulation"/>, never stored). Not the same series as the indicator <c>population_end_of_year</c>
/// (a first-release bulletin figure). <see cref="Origin"/> is where it was read (file:line).
/// </summary>
public sealed record PopulationObservation(Region Region, DateOnly Date, double Value, Status Status, Source Source, string Note, BoundaryEra Boundaries)
{
    public string Origin { get; init; } = "";
}

/// <summary>Something worth a look that does not stop loading (e.g. balances not summing to 0).</summary>
public sealed record DataWarning(string Rule, string Message);
