using System.Globalization;
using System.Text.RegularExpressions;
using KzMigration.Data.Import;

namespace KzMigration.Data.Fetch;

/// <summary>The two official portals of the Bureau of National Statistics (BNS) the workbench fetches from.</summary>
public enum Portal
{
    /// <summary>taldau.stat.gov.kz, the BNS data portal (its <c>/ru/Api/</c> JSON endpoints, docs/official-formats.md §1).</summary>
    Taldau,

    /// <summary>stat.gov.kz, whose «dynamic tables» are served as files (<c>/api/iblock/element/{id}/…</c>, §2).</summary>
    StatGov,
}

/// <summary>
/// One request to a portal, as a path and query relative to the portal's root, so the same request can go to the
/// portal itself, a mirror, a proxy or the tests' replay server (<c>--portal URL</c>). The addresses are the ones
/// public clients use (docs/official-formats.md §1–2; /work/shared/sources/formats/FORMATS.md §2).
/// </summary>
public abstract partial record PortalQuery
{
    /// <summary>The portal that answers this request.</summary>
    public abstract Portal Portal { get; }

    /// <summary>Path and query relative to the portal's root, without a leading slash.</summary>
    public abstract string RelativeAddress { get; }

    /// <summary>The root of a portal when no <c>--portal</c> is given.</summary>
    public static Uri DefaultRoot(Portal portal) => portal switch
    {
        Portal.Taldau => new Uri("https://taldau.stat.gov.kz/"),
        _ => new Uri("https://stat.gov.kz/"),
    };

    /// <summary>
    /// The full address: <see cref="RelativeAddress"/> under <paramref name="root"/> (default <see cref="DefaultRoot"/>).
    /// A root with a path (<c>https://proxy.example/bns</c>) keeps it: the request goes to <c>…/bns/ru/Api/…</c>.
    /// </summary>
    public Uri Address(Uri? root = null)
    {
        root ??= DefaultRoot(Portal);
        var text = root.AbsoluteUri;
        if (!text.EndsWith('/')) text += "/";
        return new Uri(new Uri(text), RelativeAddress);
    }

    /// <summary>
    /// Checks a <c>--portal</c> value: an absolute http(s) address without query or fragment.
    /// </summary>
    /// <exception cref="ImportUsageException">Anything else.</exception>
    public static Uri ParseRoot(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new ImportUsageException($"--portal '{text}' is not an http(s) address of a portal root (e.g. https://taldau.stat.gov.kz/ or a mirror's root)");
        return uri;
    }

    /// <summary>A portal id (index, period, element): digits only.</summary>
    /// <exception cref="ImportUsageException">Not digits.</exception>
    public static string Id(string? text, string option)
    {
        var t = text?.Trim() ?? "";
        if (!Digits().IsMatch(t)) throw new ImportUsageException($"{option} '{text}' is not a portal id (digits only, e.g. 703831)");
        return t;
    }

    /// <summary>
    /// A dictionary list: ids separated by commas, or by <c> + </c> as GetSegmentList prints them (<c>67 + 749</c>);
    /// returned comma-separated, the way <c>GetIndexData</c> takes it.
    /// </summary>
    /// <exception cref="ImportUsageException">Not a list of ids.</exception>
    internal static string DictionaryList(string? text)
    {
        var parts = (text ?? "").Split([',', '+'], StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Any(p => !Digits().IsMatch(p)))
            throw new ImportUsageException($"--dics '{text}' is not a list of dictionary ids (e.g. 67 or 67,749,576,1433: one whole segment of the index, see --segments)");
        return string.Join(",", parts);
    }

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex Digits();
}

/// <summary>
/// taldau <c>GetIndexData/{index}?period={period}&amp;dics={dics}</c>: every value of an index for one period type and
/// one segment (a set of dictionaries), as a JSON array of slices (docs/official-formats.md §1). The portal answers
/// <c>[]</c> when <paramref name="Dictionaries"/> is not the complete set of one of the index's segments.
/// </summary>
/// <param name="Index">The index id (e.g. 703831, population).</param>
/// <param name="Period">The period type: 7 year, 4 month, 5 quarter; 8 and 9 are cumulative (year-to-date).</param>
/// <param name="Dictionaries">Comma-separated dictionary ids of one segment, in the segment's order (67 = regions).</param>
public sealed record IndexDataQuery(string Index, string Period, string Dictionaries) : PortalQuery
{
    public override Portal Portal => Portal.Taldau;

    public override string RelativeAddress => $"ru/Api/GetIndexData/{Index}?period={Period}&dics={Dictionaries}";

    /// <summary>From the command line's <c>--index</c>, <c>--period</c> and <c>--dics</c>, checked.</summary>
    public static IndexDataQuery Parse(string? index, string? period, string? dics) =>
        new(Id(index, "--index"), Id(period, "--period"), DictionaryList(dics));

    public override string ToString() => $"taldau index {Index} (period {Period}, dics {Dictionaries})";
}

/// <summary>
/// stat.gov.kz <c>api/iblock/element/{element}/csv/file/ru/</c>: a «dynamic table» as a TAB-separated file, UTF-8 with a
/// byte-order mark, behind a 302 redirect to the file (docs/official-formats.md §2).
/// </summary>
public sealed record DynamicTableQuery(string Element) : PortalQuery
{
    public override Portal Portal => Portal.StatGov;

    public override string RelativeAddress => $"api/iblock/element/{Element}/csv/file/ru/";

    public static DynamicTableQuery Parse(string? element) => new(Id(element, "--element"));

    public override string ToString() => $"stat.gov.kz dynamic table {Element}";
}

/// <summary>taldau <c>GetPeriodList?indexId=</c>: the period types an index is published for (<c>[{"id":7,"name":"Год"}]</c>).</summary>
public sealed record PeriodListQuery(string Index) : PortalQuery
{
    public override Portal Portal => Portal.Taldau;

    public override string RelativeAddress => $"ru/Api/GetPeriodList?indexId={Index}";
}

/// <summary>taldau <c>GetSegmentList?indexId=&amp;periodId=</c>: the dictionary sets (segments) an index is published in for a period type.</summary>
public sealed record SegmentListQuery(string Index, string Period) : PortalQuery
{
    public override Portal Portal => Portal.Taldau;

    public override string RelativeAddress => $"ru/Api/GetSegmentList?indexId={Index}&periodId={Period}";
}

/// <summary>taldau <c>Search?keyword=</c>: indices whose name matches (<c>{"total":"1","results":[{"id":…,"Name":…,"Code":…}]}</c>).</summary>
public sealed record SearchQuery(string Keyword) : PortalQuery
{
    public override Portal Portal => Portal.Taldau;

    public override string RelativeAddress => $"ru/Api/Search?keyword={Uri.EscapeDataString(Keyword)}";
}

/// <summary>How a fetched response is named when it is kept beside the overlay (<c>raw/…</c>).</summary>
public static class RawResponseName
{
    /// <summary>The overlay's folder of raw responses, relative to the overlay (<c>data/user/raw/</c>).</summary>
    public const string Folder = ImportProvenance.RawFolder;

    /// <summary>
    /// <c>raw/taldau-703831-p7-d67-749-0a1b2c3d4e5f.json</c> or <c>raw/statgov-6567-0a1b2c3d4e5f.tsv</c>: the request and
    /// the first 12 hex digits of the response's sha256, so the same response always gets the same name.
    /// </summary>
    public static string Of(PortalQuery query, string sha256) => query switch
    {
        IndexDataQuery q => $"{Folder}/taldau-{q.Index}-p{q.Period}-d{q.Dictionaries.Replace(',', '-')}-{sha256[..12]}.json",
        DynamicTableQuery q => $"{Folder}/statgov-{q.Element}-{sha256[..12]}.tsv",
        _ => $"{Folder}/{query.Portal.ToString().ToLowerInvariant()}-{sha256[..12]}.txt",
    };

    /// <summary>The portal id recorded in <c>sources.csv</c>'s <c>portal_id</c>.</summary>
    public static string? PortalId(PortalQuery query) => query switch
    {
        IndexDataQuery q => q.Index,
        DynamicTableQuery q => q.Element,
        _ => null,
    };

    /// <summary>The layout the portal answers this request in.</summary>
    public static OfficialFormat? ExpectedFormat(PortalQuery query) => query switch
    {
        IndexDataQuery => OfficialFormat.TaldauIndexData,
        DynamicTableQuery => OfficialFormat.StatGovDynamicTable,
        _ => null,
    };

    internal static string Invariant(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
