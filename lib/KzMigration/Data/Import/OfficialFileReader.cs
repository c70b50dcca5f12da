using System.Text;

namespace KzMigration.Data.Import;

/// <summary>
/// Chooses the reader by the file's content, not its name (iblock exports are TAB-separated ".csv" files):
/// a JSON array → taldau; a <c>"NAM"</c> TAB header → stat.gov.kz dynamic table; a ZIP (OOXML) or OLE2 (BIFF8)
/// container → BNS spreadsheet.
/// </summary>
public static class OfficialFileReader
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Reads every value of the file (at most <see cref="ImportStream.MaxValues"/>).</summary>
    public static ImportResult Read(string path, ImportOptions? options = null) => Open(path, options).ToResult();

    /// <summary>
    /// Opens the file for import: its values as a stream. BNS spreadsheets are read one row at a time as the values are
    /// asked for (<see cref="BnsSpreadsheetReader.Open"/>); portal JSON and stat.gov.kz tables are read whole.
    /// </summary>
    public static ImportStream Open(string path, ImportOptions? options = null)
    {
        options ??= ImportOptions.Default;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        return Sniff(path) switch
        {
            OfficialFormat.TaldauIndexData or OfficialFormat.TaldauIndexTree => ImportStream.Of(TaldauJsonReader.Read(path, options)),
            OfficialFormat.StatGovDynamicTable => ImportStream.Of(StatGovDynamicTableReader.Read(path, options)),
            _ => BnsSpreadsheetReader.Open(path, options),
        };
    }

    /// <summary>The container a spreadsheet is in, told by its first bytes (magic numbers), never by its name.</summary>
    public enum Container { None, Ooxml, Biff }

    /// <summary>ZIP (OOXML .xlsx) or OLE2 compound file (BIFF8 .xls) by the magic bytes at the start of a file.</summary>
    public static Container ContainerOf(ReadOnlySpan<byte> head) =>
        head.StartsWith(Zip) ? Container.Ooxml : head.StartsWith(Ole2) ? Container.Biff : Container.None;

    /// <summary>The format of the file at <paramref name="path"/>, or an <see cref="ImportFormatException"/> saying what it looks like instead.</summary>
    public static OfficialFormat Sniff(string path)
    {
        var head = new byte[512];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith(Zip)) return OfficialFormat.BnsSpreadsheet;
        if (bytes.StartsWith(Ole2)) return OfficialFormat.BnsSpreadsheet;

        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').TrimStart();
        if (text.StartsWith('[')) return text.Contains("\"periods\"") || !text.Contains("\"text\"") ? OfficialFormat.TaldauIndexData : OfficialFormat.TaldauIndexTree;
        if (text.StartsWith("\"NAM\"\t", StringComparison.Ordinal) || text.StartsWith("NAM\t", StringComparison.Ordinal))
            return OfficialFormat.StatGovDynamicTable;

        var file = Path.GetFileName(path);
        var firstLine = text.Split('\n')[0].TrimEnd('\r');
        if (firstLine.Length > 80) firstLine = firstLine[..80] + "…";
        var looksLike = text.StartsWith('{') ? "a JSON object (a saved manifest or a single node?), not an array"
            : read == 0 ? "an empty file"
            : firstLine.Contains(',') && !firstLine.Contains('\t') ? $"comma-separated text starting '{firstLine}' (a re-processed file, not an official export)"
            : $"text starting '{firstLine}'";
        throw new ImportFormatException(ImportFormatException.At(file, 1), "format",
            $"not an official file format: expected a taldau JSON array (GetIndexData), a stat.gov.kz dynamic table " +
            $"(TAB-separated, header \"NAM\" \"DAT\" \"PERIOD\" … \"VAL\") or a BNS .xlsx/.xls; found {looksLike}");
    }
}
