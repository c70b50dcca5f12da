using System.IO.Compression;
using System.Xml;

namespace KzMigration.Data.Import;

/// <summary>
/// Finds formula cells in an OOXML workbook (.xlsx). A formula cell stores its formula and the result Excel last
/// computed; a spreadsheet library returns that cached result as if it were a typed value, so
/// <c>=HYPERLINK("http://…",47.2)</c> cached as 999 would be imported as an exact official 999. The worksheets'
/// XML is read forward (no cell is kept), stopping at the first <c>&lt;f&gt;</c> element (ECMA-376 Part 1, §18.3.1.40).
/// .xls (BIFF8) files are not examined: docs/official-formats.md §3 says what that means.
/// </summary>
public static class SpreadsheetFormulas
{
    /// <summary>A formula cell: its sheet, 1-based row, 0-based column and formula text.</summary>
    public sealed record FormulaCell(string Sheet, int Row, int Column, string Text);

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The first formula cell of the workbook at <paramref name="path"/>, or null (none, or not an OOXML file).</summary>
    public static FormulaCell? First(string path)
    {
        ZipArchive zip;
        try
        {
            var head = new byte[4];
            using (var probe = File.OpenRead(path))
                if (probe.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || OfficialFileReader.ContainerOf(head) != OfficialFileReader.Container.Ooxml) return null;
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException) { return null; } // not a readable ZIP: the reader says so with its own message
        using (zip)
        {
            try
            {
                foreach (var (sheet, part) in Sheets(zip))
                    if (zip.GetEntry(part) is { } entry && FirstIn(entry, sheet) is { } cell) return cell;
            }
            catch (Exception e) when (e is XmlException or InvalidDataException) { } // a broken part: the reader reports it
            return null;
        }
    }

    /// <summary>Sheet names and their parts, in workbook order (xl/workbook.xml and its relationships).</summary>
    private static List<(string Sheet, string Part)> Sheets(ZipArchive zip)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
        {
            using var reader = XmlReader.Create(rels.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (reader.Read())
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                    targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        }
        var sheets = new List<(string, string)>();
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook) return sheets;
        using (var reader = XmlReader.Create(workbook.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
            while (reader.Read())
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "sheet" } && reader.GetAttribute("name") is { } name
                    && reader.GetAttribute("id", RelationshipNamespace) is { } rid && targets.TryGetValue(rid, out var part))
                    sheets.Add((name, part));
        return sheets;
    }

    private static FormulaCell? FirstIn(ZipArchiveEntry part, string sheet)
    {
        using var reader = XmlReader.Create(part.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        string? cell = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNamespace) continue;
            if (reader.LocalName == "c") cell = reader.GetAttribute("r");
            else if (reader.LocalName == "f" && cell is not null)
            {
                var (row, column) = Reference(cell);
                var text = reader.IsEmptyElement ? "" : reader.ReadElementContentAsString();
                if (text.Length > 80) text = text[..80] + "…";
                return new FormulaCell(sheet, row, column, text.Length > 0 ? text : "(shared formula)");
            }
        }
        return null;
    }

    // "AB12" → (12, 27).
    private static (int Row, int Column) Reference(string cell)
    {
        var i = 0;
        var column = 0;
        while (i < cell.Length && char.IsAsciiLetterUpper(cell[i])) column = column * 26 + (cell[i++] - 'A' + 1);
        _ = int.TryParse(cell.AsSpan(i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row);
        return (row, column - 1);
    }
}
