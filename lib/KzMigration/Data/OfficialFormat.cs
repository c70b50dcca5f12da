namespace KzMigration.Data;

/// <summary>The official file layouts the importers understand.</summary>
public enum OfficialFormat
{
    /// <summary>taldau.stat.gov.kz <c>GetIndexData</c> JSON (docs/official-formats.md §1), or the same shape from stat.gov.kz iblock JSON (§2).</summary>
    TaldauIndexData,

    /// <summary>taldau.stat.gov.kz <c>GetIndexTreeData</c> JSON (docs/official-formats.md §1).</summary>
    TaldauIndexTree,

    /// <summary>stat.gov.kz dynamic-table export: TAB-separated, quoted, <c>NAM DAT PERIOD … VAL</c> (docs/official-formats.md §2).</summary>
    StatGovDynamicTable,

    /// <summary>BNS bulletin spreadsheet, .xlsx (OOXML) or .xls (BIFF8), wide layout (docs/official-formats.md §3).</summary>
    BnsSpreadsheet,

    /// <summary>Origin–destination moves, long layout: one row per move (year, origin, destination, count; docs/official-formats.md §4).</summary>
    OdLong,

    /// <summary>Origin–destination moves, wide layout: the BNS bulletin's origin × destination table of moves by direction.</summary>
    OdMatrix,
}
