namespace KzMigration.Data;

/// <summary>
/// Which of two figures for the same cell the workbench uses when an official figure meets a third-party compilation of
/// official figures: the official one, and the disagreement is a warning naming both values. It is the rule the bundle
/// follows for its origin–destination matrix (<see cref="FlowMatrices.WithDerived"/>: the official 2023 balances win over
/// the matrix's, docs/bundled-sources.md), applied to the figures a user fetches from the publisher's own portal
/// (<c>kzmig data fetch</c>) where they meet a bundled compilation. Figures of two official sources that disagree stay an
/// error (a contradiction, never resolved silently); so does a local file imported with <c>kzmig data import</c>, whose
/// origin the workbench cannot see.
/// </summary>
public static class OfficialPrecedence
{
    /// <summary>
    /// The bundled sources that are compilations of BNS figures by a third party rather than BNS's own files or releases
    /// (docs/bundled-sources.md), with why.
    /// </summary>
    public static IReadOnlyDictionary<string, string> BundledCompilations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["diar299-od-flows"] = "BNS via a third-party compilation (origin–destination matrix)",
        ["datathon-everything"] = "BNS figures in a workbook compiled for a data competition (a third-party compilation)",
        ["kanatislambekov-internal-migration-2022"] = "a third-party file whose carrier names no source",
        ["kanatislambekov-internal-migration-2023"] = "a third-party file whose carrier names no source",
        ["bns-income-taldau-704447"] = "the portal's values as truncated to integers by a third party's script",
    };

    /// <summary>True for a figure fetched from the publisher's portal, its response kept and verified by hash.</summary>
    public static bool IsFetchedOfficial(Source source) => source.Import?.RawResponse is not null;

    /// <summary>Why <paramref name="source"/> is a third-party compilation, or null when it is not one.</summary>
    public static string? CompilationReason(Source source) =>
        BundledCompilations.TryGetValue(source.Id, out var why) ? why
        : source.Import is null && source.Carrier.Contains("third-party compilation", StringComparison.OrdinalIgnoreCase) ? "a third-party compilation"
        : null;

    /// <summary>
    /// Why the figure of <paramref name="candidate"/> replaces the figure of <paramref name="held"/> for the same cell
    /// (the candidate is fetched from the publisher's portal, the held one a third-party compilation), or null when it
    /// does not.
    /// </summary>
    public static string? Replaces(Source candidate, Source held) =>
        IsFetchedOfficial(candidate) && CompilationReason(held) is { } why ? why : null;

    /// <summary>The warning's text: both figures, where each comes from, which one is used.</summary>
    public static string Describe(string what, double official, string officialOrigin, Source officialSource, double compiled, string compiledOrigin, Source compiledSource, string why) =>
        $"{what}: the official {DataNumber.Format(official)} ({officialOrigin}, {officialSource.Id}, fetched from {officialSource.Url}) is used; " +
        $"{compiledSource.Id} ({why}) gives {DataNumber.Format(compiled)} ({compiledOrigin})";
}
