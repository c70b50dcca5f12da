namespace KzMigration.Data;

/// <summary>
/// Which of two figures for the same cell the workbench uses when an official figure meets a third-party compilation of
/// official figures: the official one, and a disagreement is a warning naming both values (the data rule «official
/// figures win where they overlap a compilation»). It is the rule the bundle follows for its origin–destination matrix
/// (<see cref="FlowMatrices.WithDerived"/>: the official 2023 balances win over the matrix's, docs/bundled-sources.md),
/// applied to the figures a user adds — fetched from the publisher's portal (<c>kzmig data fetch</c>) or imported from an
/// official file (<c>kzmig data import</c>) — where they meet a bundled compilation. Figures of two official sources that
/// disagree stay an error (a contradiction, never resolved silently). This is the one place the rule lives.
/// </summary>
public static class OfficialPrecedence
{
    /// <summary>
    /// Bundled sources that carry official figures as a third party altered them without being labelled a compilation
    /// in <c>sources.csv</c> (<see cref="Source.IsThirdPartyCompilation"/> covers the labelled ones), with why.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AlteredCopies { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bns-income-taldau-704447"] = "the portal's values as truncated to integers by a third party's script",
    };

    /// <summary>True for a figure fetched from the publisher's portal, its response kept and verified by hash.</summary>
    public static bool IsFetchedOfficial(Source source) => source.Import?.RawResponse is not null;

    /// <summary>Why <paramref name="source"/> is a third-party compilation (or altered copy), or null when it is not one.</summary>
    public static string? CompilationReason(Source source) =>
        source.IsThirdPartyCompilation ? source.Standing
        : AlteredCopies.TryGetValue(source.Id, out var why) ? why
        : null;

    /// <summary>
    /// Why the figure of <paramref name="candidate"/> replaces the figure of <paramref name="held"/> for the same cell
    /// (the candidate is not a compilation, the held one is), or null when it does not.
    /// </summary>
    public static string? Replaces(Source candidate, Source held) =>
        CompilationReason(candidate) is null && CompilationReason(held) is { } why ? why : null;

    /// <summary>The warning's text: both figures, where each comes from, which one is used.</summary>
    public static string Describe(string what, double official, string officialOrigin, Source officialSource, double compiled, string compiledOrigin, Source compiledSource, string why) =>
        $"{what}: the official {DataNumber.Format(official)} ({officialOrigin}, {officialSource.Id}, " +
        (IsFetchedOfficial(officialSource) ? $"fetched from {officialSource.Url}" : "imported") + ") is used; " +
        $"{compiledSource.Id} ({why}) gives {DataNumber.Format(compiled)} ({compiledOrigin})";
}
