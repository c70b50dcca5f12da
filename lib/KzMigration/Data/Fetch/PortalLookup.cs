using System.Text.Json;

namespace KzMigration.Data.Fetch;

/// <summary>A period type an index is published for (GetPeriodList): 7 «Год», 4 «Месяц», …</summary>
public sealed record PortalPeriod(string Id, string Name);

/// <summary>
/// One segment of an index (GetSegmentList): a complete set of dictionaries the index is published in, which is
/// what <c>GetIndexData</c>'s <c>dics</c> must be (a partial set answers <c>[]</c>).
/// </summary>
/// <param name="Dictionaries">The <c>dics</c> value, comma-separated (<c>67,749</c>).</param>
/// <param name="Names">The dictionaries' names (<c>Регионы + Тип местности</c>).</param>
/// <param name="RootTerms">The root term of each dictionary (<c>РЕСПУБЛИКА КАЗАХСТАН + Всего</c>).</param>
public sealed record PortalSegment(string Dictionaries, string Names, string RootTerms)
{
    public override string ToString() => $"dics={Dictionaries} ({Names})";
}

/// <summary>An index found by the portal's search (<c>Search?keyword=</c>).</summary>
public sealed record PortalIndex(string Id, string Name, string? Code);

/// <summary>
/// The taldau calls that find what to fetch (docs/portal-catalogue.md, «Finding an index that is not listed»):
/// <c>Search</c> for an index by words of its name, <c>GetPeriodList</c> for its period types, <c>GetSegmentList</c> for
/// its dictionary sets. The response shapes are those documented by public clients (FORMATS.md §2.2–2.5, S4, S5): keys
/// are matched without regard to case or surrounding spaces, a byte-order mark is tolerated.
/// </summary>
public static class PortalLookup
{
    public static async Task<IReadOnlyList<PortalPeriod>> PeriodsAsync(PortalClient client, Uri? root, string index, CancellationToken cancellation = default)
    {
        var query = new PeriodListQuery(PortalQuery.Id(index, "--index"));
        return ParsePeriods(await GetAsync(client, query.Address(root), cancellation).ConfigureAwait(false), query.Address(root));
    }

    public static async Task<IReadOnlyList<PortalSegment>> SegmentsAsync(PortalClient client, Uri? root, string index, string period, CancellationToken cancellation = default)
    {
        var query = new SegmentListQuery(PortalQuery.Id(index, "--index"), PortalQuery.Id(period, "--period"));
        return ParseSegments(await GetAsync(client, query.Address(root), cancellation).ConfigureAwait(false), query.Address(root));
    }

    public static async Task<IReadOnlyList<PortalIndex>> SearchAsync(PortalClient client, Uri? root, string keyword, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(keyword)) throw new Import.ImportUsageException("--search needs words of an index's name (e.g. «сальдо миграции»)");
        var query = new SearchQuery(keyword.Trim());
        return ParseSearch(await GetAsync(client, query.Address(root), cancellation).ConfigureAwait(false), query.Address(root));
    }

    /// <summary><c>[{"id":7,"name":"Год"}, …]</c>.</summary>
    public static IReadOnlyList<PortalPeriod> ParsePeriods(byte[] body, Uri from) =>
        [.. Elements(body, from).Select(e => new PortalPeriod(Text(e, "id") ?? "", Text(e, "name") ?? "")).Where(p => p.Id.Length > 0)];

    /// <summary><c>[{"dicId":"67 + 749","names":"Регионы + Тип местности","termNames":" РЕСПУБЛИКА КАЗАХСТАН + Всего ", …}, …]</c>.</summary>
    public static IReadOnlyList<PortalSegment> ParseSegments(byte[] body, Uri from) =>
        [.. Elements(body, from).Select(e => new PortalSegment(
                string.Join(",", (Text(e, "dicId") ?? "").Split(['+', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
                Collapse(Text(e, "names")), Collapse(Text(e, "termNames"))))
            .Where(s => s.Dictionaries.Length > 0)];

    /// <summary><c>{"total":"1","results":[{"id":3768962,"Name":"…","Code":"66210808"}]}</c> (or the array alone).</summary>
    public static IReadOnlyList<PortalIndex> ParseSearch(byte[] body, Uri from)
    {
        using var document = Parse(body, from);
        var root = document.RootElement;
        var results = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && Property(root, "results") is { ValueKind: JsonValueKind.Array } r ? r
            : throw Shape(from, "expected an object with a «results» array");
        return [.. results.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => new PortalIndex(Text(e, "id") ?? "", Collapse(Text(e, "name")), Text(e, "code")))
            .Where(i => i.Id.Length > 0)];
    }

    private static async Task<byte[]> GetAsync(PortalClient client, Uri address, CancellationToken cancellation)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"kzmig-lookup-{Guid.NewGuid():N}.json");
        try
        {
            await client.DownloadAsync(address, temp, cancellation).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(temp, cancellation).ConfigureAwait(false);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static List<JsonElement> Elements(byte[] body, Uri from)
    {
        using var document = Parse(body, from);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw Shape(from, "expected a JSON array");
        return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => e.Clone())];
    }

    private static JsonDocument Parse(byte[] body, Uri from)
    {
        var span = body.AsMemory();
        if (span.Span.StartsWith("\uFEFF"u8)) span = span[3..];
        try
        {
            return JsonDocument.Parse(span);
        }
        catch (JsonException e)
        {
            throw Shape(from, $"not valid JSON ({e.Message})");
        }
    }

    private static PortalException Shape(Uri from, string what) =>
        new(PortalProblem.Shape, $"the answer of {from} is not in the shape public clients document (FORMATS.md §2): {what}");

    // Keys may differ in case (Name/name) and carry trailing spaces (S4).
    private static JsonElement? Property(JsonElement e, string name)
    {
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static string? Text(JsonElement e, string name) => Property(e, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Trim(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static string Collapse(string? text) => string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
