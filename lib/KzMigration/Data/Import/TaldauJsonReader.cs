using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KzMigration.Data.Import;

/// <summary>
/// Reads the BNS data portal's JSON: <c>GetIndexData</c> (an array of cube slices with <c>terms</c>,
/// <c>termNames</c>, <c>periods[{name, date, value}]</c>, docs/official-formats.md §1; stat.gov.kz iblock JSON has the same
/// shape, §3.2) and, as saved by some clients, <c>GetIndexTreeData</c> (nodes with <c>text</c> and
/// <c>y&lt;MMYYYY&gt;</c> values, §2.4). Streams the body so every value and error carries its line.
/// </summary>
public static partial class TaldauJsonReader
{
    /// <summary>Dimension key holding the slice's taldau term ids (stable region ids, docs/official-formats.md §1).</summary>
    public const string TermIdsKey = "termIds";

    public static ImportResult Read(string path, ImportOptions? options = null) =>
        Parse(File.ReadAllBytes(path), path, options ?? ImportOptions.Default);

    public static ImportResult Parse(byte[] body, string path, ImportOptions options)
    {
        var file = Path.GetFileName(path);
        var offset = body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0; // BOM tolerated (§5.6)
        // Utf8JsonReader checks the encoding only when a string is read, and then throws InvalidOperationException.
        if (!System.Text.Unicode.Utf8.IsValid(body.AsSpan(offset)))
        {
            var (line, at) = Csv.FirstInvalidUtf8(body.AsSpan(offset));
            throw new ImportFormatException(ImportFormatException.At(file, line), "encoding", $"not valid UTF-8: byte 0x{body[offset + at]:X2} at byte offset {offset + at}");
        }
        var lines = new LineIndex(body, offset);
        var reader = new Utf8JsonReader(body.AsSpan(offset), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });

        var slices = new List<Slice>();
        var nodes = new List<TreeNode>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new ImportFormatException(ImportFormatException.At(file, 1), "top level",
                    "expected a JSON array of slices (GetIndexData) or nodes (GetIndexTreeData)");
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var at = ImportFormatException.At(file, lines.Of(ref reader));
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new ImportFormatException(at, $"[{index}]", $"expected an object, found {reader.TokenType}");
                ReadElement(ref reader, lines, file, index, slices, nodes);
                index++;
            }
        }
        catch (JsonException e)
        {
            throw new ImportFormatException(ImportFormatException.At(file, (int)(e.LineNumber ?? 0) + 1), "JSON", e.Message, e);
        }

        if (slices.Count > 0 && nodes.Count > 0)
            throw new ImportFormatException(ImportFormatException.At(file, nodes[0].Line), "[element]",
                "mixes GetIndexData slices and GetIndexTreeData nodes");
        var warnings = new List<ImportWarning>();
        var values = nodes.Count > 0
            ? TreeValues(nodes, file, options, warnings)
            : SliceValues(slices, file, options, warnings);
        return new ImportResult(path, nodes.Count > 0 ? OfficialFormat.TaldauIndexTree : OfficialFormat.TaldauIndexData,
            new ImportMetadata(null, null, options.IndicatorId), values, warnings);
    }

    private sealed record Period(int Line, int Index, string? Name, string? Date, string? Value, bool ValueIsNull);

    private sealed record Slice(int Line, int Index, List<string> Terms, List<string> TermNames, List<Period> Periods);

    private sealed record TreeNode(int Line, string Text, List<(string Key, string? Value)> Values);

    private static void ReadElement(ref Utf8JsonReader reader, LineIndex lines, string file, int index,
        List<Slice> slices, List<TreeNode> nodes)
    {
        var objectLine = lines.Of(ref reader);
        List<string>? terms = null, termNames = null;
        List<Period>? periods = null;
        string? text = null;
        var treeValues = new List<(string, string?)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!.Trim(); // trailing spaces in keys have been seen (§5.6)
            var keyLine = lines.Of(ref reader);
            reader.Read();
            switch (key)
            {
                case "terms": terms = Strings(ref reader, file, keyLine, $"[{index}].terms"); break;
                case "termNames": termNames = Strings(ref reader, file, keyLine, $"[{index}].termNames"); break;
                case "periods": periods = Periods(ref reader, lines, file, $"[{index}].periods"); break;
                case "text": text = Scalar(ref reader, file, keyLine, $"[{index}].text"); break;
                default:
                    if (TreeValueKey().IsMatch(key)) treeValues.Add((key[1..], Scalar(ref reader, file, keyLine, $"[{index}].{key}")));
                    else reader.Skip(); // extra keys are tolerated (§2.1)
                    break;
            }
        }

        var at = ImportFormatException.At(file, objectLine);
        if (periods is not null || terms is not null || termNames is not null)
        {
            if (termNames is null or { Count: 0 }) throw new ImportFormatException(at, $"[{index}].termNames", "missing or empty");
            if (periods is null) throw new ImportFormatException(at, $"[{index}].periods", "missing");
            terms ??= [];
            if (terms.Count != 0 && terms.Count != termNames.Count)
                throw new ImportFormatException(at, $"[{index}].terms", $"{terms.Count} term ids for {termNames.Count} term names");
            slices.Add(new Slice(objectLine, index, terms, termNames, periods));
        }
        else if (text is not null)
            nodes.Add(new TreeNode(objectLine, text, treeValues));
        else
            throw new ImportFormatException(at, $"[{index}]",
                "neither a GetIndexData slice (terms, termNames, periods) nor a GetIndexTreeData node (text, y<MMYYYY>)");
    }

    private static List<string> Strings(ref Utf8JsonReader reader, string file, int line, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new ImportFormatException(ImportFormatException.At(file, line), field, $"expected an array, found {reader.TokenType}");
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            list.Add(Scalar(ref reader, file, line, field) ?? "");
        return list;
    }

    private static string? Scalar(ref Utf8JsonReader reader, string file, int line, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.Null => null,
        JsonTokenType.True or JsonTokenType.False => reader.GetBoolean() ? "true" : "false",
        _ => throw new ImportFormatException(ImportFormatException.At(file, line), field, $"expected a string, found {reader.TokenType}"),
    };

    private static List<Period> Periods(ref Utf8JsonReader reader, LineIndex lines, string file, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new ImportFormatException(ImportFormatException.At(file, lines.Of(ref reader)), field, $"expected an array, found {reader.TokenType}");
        var list = new List<Period>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var periodLine = lines.Of(ref reader);
            var at = $"{field}[{list.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new ImportFormatException(ImportFormatException.At(file, periodLine), at, $"expected an object, found {reader.TokenType}");
            string? name = null, date = null, value = null;
            var valueIsNull = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!.Trim();
                reader.Read();
                switch (key)
                {
                    case "name": name = Scalar(ref reader, file, lines.Of(ref reader), $"{at}.name"); break;
                    case "date": date = Scalar(ref reader, file, lines.Of(ref reader), $"{at}.date"); break;
                    case "value": value = Scalar(ref reader, file, lines.Of(ref reader), $"{at}.value"); valueIsNull = value is null; break;
                    default: reader.Skip(); break;
                }
            }
            list.Add(new Period(periodLine, list.Count, name, date, value, valueIsNull));
        }
        return list;
    }

    private static List<ImportedValue> SliceValues(List<Slice> slices, string file, ImportOptions options, List<ImportWarning> warnings)
    {
        var values = new List<ImportedValue>();
        var seen = new Dictionary<(string, DateOnly), (int Slice, ImportedValue Value)>();
        foreach (var slice in slices)
        {
            var (region, footnote) = PrintedName.Split(slice.TermNames[0]);
            var dimensions = new Dictionary<string, string>();
            for (var i = 1; i < slice.TermNames.Count; i++) dimensions[$"dic{i + 1}"] = slice.TermNames[i].Trim();
            if (slice.Terms.Count > 0) dimensions[TermIdsKey] = string.Join(",", slice.Terms);

            foreach (var p in slice.Periods)
            {
                var field = $"[{slice.Index}].periods[{p.Index}]";
                var at = ImportFormatException.At(file, p.Line);
                if (p.Date is null || !DateOnly.TryParseExact(p.Date.Trim(), "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                    throw new ImportFormatException(at, field + ".date", p.Date is null ? "missing" : $"'{p.Date}' is not dd.MM.yyyy");
                var label = p.Name?.Trim() ?? "";
                DateOnly? start = null;
                if (ReportingPeriod.Parse(label, end.Year) is { } span)
                {
                    if (span.End != end)
                        warnings.Add(new ImportWarning(at, $"period name '{label}' ends {span.End:dd.MM.yyyy} but date is {p.Date}; the date is used"));
                    else start = span.Start;
                }
                else
                    warnings.Add(new ImportWarning(at, $"period name '{label}' is not a known period label; only its end date {p.Date} is used"));

                var raw = p.Value ?? "";
                var (kind, number) = Classify(raw, at, field + ".value");
                var value = new ImportedValue(file, p.Line, field, null, region, footnote, end.Year, label, start, end,
                    options.IndicatorId, null, number, raw, kind, null, dimensions);
                values.Add(value);

                // Two slices may share termNames after a methodology break (§2.1); report overlaps that disagree.
                var key = (string.Join("|", slice.TermNames), end);
                if (seen.TryGetValue(key, out var earlier) && earlier.Slice != slice.Index && earlier.Value.RawValue != raw)
                    warnings.Add(new ImportWarning(at,
                        $"'{string.Join(" / ", slice.TermNames)}' {p.Date} is '{raw}' here and '{earlier.Value.RawValue}' in slice [{earlier.Slice}] ({earlier.Value.Location})"));
                else seen.TryAdd(key, (slice.Index, value));
            }
        }
        return values;
    }

    private static List<ImportedValue> TreeValues(List<TreeNode> nodes, string file, ImportOptions options, List<ImportWarning> warnings)
    {
        var values = new List<ImportedValue>();
        // Tree keys are MMYYYY without the period type (§2.4). Only when every key is December is the series
        // read as calendar years; otherwise the start of each period stays unknown.
        var annual = nodes.All(n => n.Values.All(v => v.Key.StartsWith("12", StringComparison.Ordinal)));
        if (annual)
            warnings.Add(new ImportWarning(file, "GetIndexTreeData keys carry no period type; all are December (12YYYY), so they are read as calendar years"));
        foreach (var node in nodes)
        {
            var (region, footnote) = PrintedName.Split(node.Text);
            foreach (var (key, raw) in node.Values.OrderBy(v => v.Key[2..]).ThenBy(v => v.Key[..2]))
            {
                var at = ImportFormatException.At(file, node.Line);
                var month = int.Parse(key[..2], CultureInfo.InvariantCulture);
                var year = int.Parse(key[2..], CultureInfo.InvariantCulture);
                if (month is < 1 or > 12) throw new ImportFormatException(at, "y" + key, "month outside 01–12");
                var end = ReportingPeriod.MonthEnd(year, month);
                var (kind, number) = Classify(raw ?? "", at, "y" + key);
                values.Add(new ImportedValue(file, node.Line, "y" + key, null, region, footnote, year, key,
                    annual ? new DateOnly(year, 1, 1) : null, end, options.IndicatorId, null, number, raw ?? "", kind, null,
                    new Dictionary<string, string>()));
            }
        }
        return values;
    }

    /// <summary>Values are strings with <c>.</c> decimals; <c>x</c> confidential; <c>-</c>, <c>""</c>, null gaps (§2.1, S6).</summary>
    private static (ValueKind, double?) Classify(string raw, string at, string field)
    {
        if (OfficialNumber.Marker(raw) is { } marker) return (marker, null);
        // S4 reports values "with commas": a lone decimal comma is accepted, grouping is not documented here.
        if (OfficialNumber.TryParse(raw, NumberSyntax.DecimalComma, out var number)) return (ValueKind.Number, number);
        throw new ImportFormatException(at, field, $"'{raw}' is neither a number nor a gap marker (x, -, empty)");
    }

    [GeneratedRegex(@"^y(0[1-9]|1[0-2])(19|20)\d{2}$")]
    private static partial Regex TreeValueKey();

    /// <summary>Byte offset → 1-based line number.</summary>
    private sealed class LineIndex(byte[] body, int offset)
    {
        private readonly int[] _newlines = Enumerable.Range(0, body.Length).Where(i => body[i] == (byte)'\n').ToArray();

        /// <summary>The line of the reader's current token.</summary>
        public int Of(ref Utf8JsonReader reader)
        {
            var i = Array.BinarySearch(_newlines, offset + (int)reader.TokenStartIndex);
            return (i < 0 ? ~i : i) + 1;
        }
    }
}
