using System.Text;
using System.Text.RegularExpressions;

namespace KzMigration.Data.Import;

/// <summary>
/// Reads a stat.gov.kz dynamic-table export (<c>/api/iblock/element/{id}/csv/file/ru/</c>, docs/official-formats.md §2):
/// TAB-separated despite the .csv name, UTF-8 with or without BOM, every field double-quoted, header
/// <c>NAM DAT PERIOD &lt;X LX&gt;… VAL</c>. All rows are kept (republic, regions, districts, urban/rural); use
/// <see cref="RegionTotals.Select"/> for one region-level value per period.
/// </summary>
public static partial class StatGovDynamicTableReader
{
    public static ImportResult Read(string path, ImportOptions? options = null) =>
        Parse(File.ReadAllBytes(path), path, options ?? ImportOptions.Default);

    public static ImportResult Parse(byte[] body, string path, ImportOptions options)
    {
        var file = Path.GetFileName(path);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFormatException(ImportFormatException.At(file, 1), "encoding", "not valid UTF-8 (§3.1 exports are UTF-8)", e);
        }
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var lines = text.Split('\n');
        var last = lines.Length;
        while (last > 0 && lines[last - 1].TrimEnd('\r').Length == 0) last--; // the file ends with a newline

        if (last == 0) throw new ImportFormatException(ImportFormatException.At(file, 1), "header", "empty file");
        var header = Fields(lines[0].TrimEnd('\r'), file, 1).Select(h => h.Trim()).ToArray(); // "ГОКЭД(по разделу)02 " has a trailing space
        var dimensions = Header(header, file);
        var territory = dimensions.FindIndex(d => d.StartsWith("КАТО", StringComparison.Ordinal));
        if (territory < 0)
            throw new ImportFormatException(ImportFormatException.At(file, 1), "header", "no territory column КАТО(по каталогу)");

        var values = new List<ImportedValue>();
        var warnings = new List<ImportWarning>();
        string? title = null, unit = null;
        for (var i = 1; i < last; i++)
        {
            var lineNo = i + 1;
            var at = ImportFormatException.At(file, lineNo);
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) throw new ImportFormatException(at, "line", "blank line inside the table");
            var fields = Fields(line, file, lineNo);
            if (fields.Count != header.Length)
                throw new ImportFormatException(at, "line", $"expected {header.Length} TAB-separated fields as in the header, found {fields.Count}");

            var (name, rowUnit) = SplitUnit(fields[0].Trim());
            if (title is null) (title, unit) = (name, rowUnit);
            else if (name != title || rowUnit != unit)
                warnings.Add(new ImportWarning(at, $"NAM '{fields[0]}' differs from the first row's"));

            var label = fields[1].Trim();
            var period = fields[2].Trim();
            var pm = PeriodKey().Match(period);
            if (!pm.Success || int.Parse(pm.Groups["m"].Value) is < 1 or > 12)
                throw new ImportFormatException(at, "PERIOD", $"'{period}' is not YYYYMM");
            var end = ReportingPeriod.MonthEnd(int.Parse(pm.Groups["y"].Value), int.Parse(pm.Groups["m"].Value));
            DateOnly? start = null;
            if (ReportingPeriod.Parse(label, end.Year) is { } span)
            {
                if (span.End != end)
                    throw new ImportFormatException(at, "DAT", $"'{label}' ends {span.End:yyyy-MM} but PERIOD is {period} (the last month of the period)");
                start = span.Start;
            }
            else warnings.Add(new ImportWarning(at, $"DAT '{label}' is not a known period label; only PERIOD {period} is used"));

            var members = new Dictionary<string, string>();
            string region = "";
            string? footnote = null;
            for (var d = 0; d < dimensions.Count; d++)
            {
                var member = fields[3 + 2 * d].Trim();
                var level = fields[4 + 2 * d].Trim();
                if (d == territory) (region, footnote) = PrintedName.Split(member);
                else members[dimensions[d]] = member;
                if (level != "0") members["L" + dimensions[d]] = level; // always "0" so far (§3.1); kept if not
            }
            if (region.Length == 0) throw new ImportFormatException(at, dimensions[territory], "empty territory");

            var raw = fields[^1];
            ValueKind kind;
            double? number = null;
            string? valueFootnote = null;
            if (OfficialNumber.Marker(raw) is { } marker) kind = marker;
            else if (OfficialNumber.TryParse(raw, NumberSyntax.GroupSeparators, out var v)) (kind, number) = (ValueKind.Number, v);
            else if (OfficialNumber.TryParseFootnoted(raw, NumberSyntax.GroupSeparators, [], out v, out valueFootnote)) (kind, number) = (ValueKind.Number, v);
            else throw new ImportFormatException(at, "VAL", $"'{raw}' is not a number with space-grouped thousands and '.' decimals, nor a gap marker");

            values.Add(new ImportedValue(file, lineNo, "VAL", null, region, footnote, end.Year, label, start, end,
                options.IndicatorId, name, number, raw, kind, rowUnit, members) { ValueFootnote = valueFootnote });
        }

        values = ScaleCheck.Apply(values, options, warnings);
        return new ImportResult(path, OfficialFormat.StatGovDynamicTable, new ImportMetadata(title, unit, options.IndicatorId), values, warnings);
    }

    /// <summary>Validates the header and returns the dimension names (the X of each X / LX pair).</summary>
    private static List<string> Header(string[] header, string file)
    {
        var at = ImportFormatException.At(file, 1);
        if (header.Length < 6 || header[0] != "NAM" || header[1] != "DAT" || header[2] != "PERIOD" || header[^1] != "VAL")
            throw new ImportFormatException(at, "header", $"expected NAM, DAT, PERIOD, dimension pairs, VAL; found {string.Join(", ", header)}");
        if ((header.Length - 4) % 2 != 0)
            throw new ImportFormatException(at, "header", "dimension columns do not come in X / LX pairs");
        var dimensions = new List<string>();
        for (var i = 3; i < header.Length - 1; i += 2)
        {
            if (header[i + 1] != "L" + header[i])
                throw new ImportFormatException(at, $"header column {i + 2}", $"expected 'L{header[i]}' after '{header[i]}', found '{header[i + 1]}'");
            dimensions.Add(header[i]);
        }
        return dimensions;
    }

    /// <summary>Splits a TAB-separated line whose fields are double-quoted ("" escapes a quote).</summary>
    private static List<string> Fields(string line, string file, int lineNo)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new ImportFormatException(ImportFormatException.At(file, lineNo), $"field {fields.Count + 1}", "unterminated quote");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                fields.Add(sb.ToString());
                if (i < line.Length && line[i] != '\t')
                    throw new ImportFormatException(ImportFormatException.At(file, lineNo), $"field {fields.Count}", "text after the closing quote");
            }
            else
            {
                var tab = line.IndexOf('\t', i);
                fields.Add(tab < 0 ? line[i..] : line[i..tab]);
                i = tab < 0 ? line.Length : tab;
            }
            if (i >= line.Length) return fields;
            i++; // the TAB
        }
    }

    /// <summary><c>Сальдо миграции по всем потокам(Человек)</c> → name and unit (§3.1: the unit is glued on in parentheses).</summary>
    private static (string Name, string? Unit) SplitUnit(string nam)
    {
        var m = NamUnit().Match(nam);
        return m.Success ? (m.Groups["name"].Value.Trim(), m.Groups["unit"].Value.Trim()) : (nam, null);
    }

    [GeneratedRegex(@"^(?<y>(19|20)\d{2})(?<m>\d{2})$")]
    private static partial Regex PeriodKey();

    [GeneratedRegex(@"^(?<name>.*\S)\s*\((?<unit>[^()]+)\)$")]
    private static partial Regex NamUnit();
}
