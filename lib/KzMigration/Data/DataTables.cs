using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>One column of a data table, as declared in <c>datapackage.json</c> (Frictionless Table Schema).</summary>
public sealed record TableField(
    string Name,
    string Type,
    string Description,
    bool Required = true,
    IReadOnlyList<string>? Enum = null,
    string? Unit = null,
    string? Pattern = null,
    int? Minimum = null,
    int? Maximum = null,
    string? Format = null);

/// <summary>A foreign key: <paramref name="Fields"/> of this table refer to <paramref name="ReferenceFields"/> of <paramref name="ReferenceResource"/>.</summary>
public sealed record TableForeignKey(IReadOnlyList<string> Fields, string ReferenceResource, IReadOnlyList<string> ReferenceFields);

/// <summary>A table of the data package: its resource name, file, columns and keys.</summary>
public sealed record TableDefinition(
    string Name,
    string File,
    string Title,
    string Description,
    IReadOnlyList<TableField> Fields,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<TableForeignKey> ForeignKeys)
{
    public IReadOnlyList<string> Header => [.. Fields.Select(f => f.Name)];
}

/// <summary>
/// The tables of <c>data/</c>: one definition used by the builder (column order), the loader (header check) and
/// <c>datapackage.json</c> (schemas), so the three cannot drift apart.
/// </summary>
public static class DataTables
{
    /// <summary>Years accepted in data files.</summary>
    public const int FirstYear = 1990, LastYear = 2100;

    private static readonly string[] Eras = [.. BoundaryEra.All.Select(e => e.Id)];

    private static TableForeignKey RegionKey(string field) => new([field], "regions", ["key"]);
    private static readonly TableForeignKey SourceKey = new(["source_id"], "sources", ["source_id"]);

    public static readonly TableDefinition Regions = new(
        "regions", "regions.csv", "Regions",
        "First-level units of Kazakhstan since 2015 and the country. Names in Kazakh and ISO codes come from the boundary files (geokz); empty where no source file gives them.",
        [
            new("key", "string", "Stable key of the unit, used by every other table", Pattern: "^[a-z]+(-[a-z]+)*$"),
            new("kato", "string", "Two-digit KATO region code (00 = Republic of Kazakhstan)", Pattern: "^[0-9]{2}$"),
            new("iso_3166_2", "string", "ISO 3166-2:KZ code as given by the boundary files; empty if none", Required: false),
            new("name_en", "string", "English name"),
            new("name_ru", "string", "Russian name as BNS tables print it"),
            new("name_kk", "string", "Kazakh name from the boundary files; empty if none", Required: false),
            new("kind", "string", "oblast, city (of republican significance) or country", Enum: ["oblast", "city", "country"]),
            new("valid_from", "date", "First day the unit existed with this key; empty = before 2015", Required: false),
            new("valid_to", "date", "Last day the unit existed; empty = still exists", Required: false),
            new("note", "string", "Where the names and codes come from", Required: false),
        ],
        ["key"], []);

    public static readonly TableDefinition Lineage = new(
        "region-lineage", "region-lineage.csv", "Boundary changes",
        "On `date` the territory of `predecessor` (as it was the day before) became the union of its `successor` rows.",
        [
            new("date", "date", "Day the new boundaries took effect"),
            new("predecessor", "string", "Unit before the change"),
            new("successor", "string", "One unit after the change (the predecessor may succeed itself with a smaller territory)"),
            new("note", "string", "What happened and where it is documented", Required: false),
        ],
        ["date", "predecessor", "successor"], [RegionKey("predecessor"), RegionKey("successor")]);

    public static readonly TableDefinition Names = new(
        "region-names", "region-names.csv", "Region name spellings",
        "Every spelling of a unit's name seen in the sources, for name resolution (case, «г.»/«область» affixes and footnote markers are handled by the resolver).",
        [
            new("name", "string", "A spelling of the name"),
            new("key", "string", "The unit it denotes"),
            new("language", "string", "Language of the spelling", Enum: ["en", "ru", "kk"]),
            new("origin", "string", "Where the spelling was seen"),
        ],
        ["name", "key"], [RegionKey("key")]);

    public static readonly TableDefinition Sources = new(
        "sources", "sources.csv", "Sources",
        "Where the figures come from: the page or file read (url), who carries it, who published it and which table. " +
        "Sources of files imported by `kzmig data import` (data/user/sources.csv) also record the file, its SHA-256, the import time, " +
        "the layout it was read as, the portal index id, the target and the rows written; bundled sources leave those columns empty.",
        [
            new("source_id", "string", "Stable identifier used by the value tables", Pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"),
            new("url", "string", "Address of the page or file the figures were read from"),
            new("carrier", "string", "Who holds the copy that was read (repository, news site, publisher)"),
            new("publisher", "string", "Who published the figures"),
            new("title", "string", "Publication, file or table"),
            new("note", "string", "How the figures were read; the carrier's own statement of its source", Required: false),
            // Provenance of imported files: all set for an imported source, all empty for a bundled one.
            new("file", "string", "Imported file: its name as read (empty for bundled sources)", Required: false),
            new("sha256", "string", "Imported file: SHA-256 of its bytes, lower-case hex", Required: false, Pattern: "^[0-9a-f]{64}$"),
            new("imported_at", "datetime", "Imported file: when it was imported (UTC, ISO 8601)", Required: false),
            new("format", "string", "Imported file: the official layout it was read as", Required: false, Enum: Enum.GetNames<OfficialFormat>()),
            new("portal_id", "string", "Imported file: portal index id (taldau GetIndexData/{id}), when known", Required: false),
            new("target", "string", "Imported file: what its values were imported as (`migration <flow> <measure>` or `indicator <id>`)", Required: false),
            new("rows", "integer", "Imported file: rows written into the value table", Required: false, Minimum: 0),
        ],
        ["source_id"], []);

    public static readonly TableDefinition Indicators = new(
        "indicators", "indicators.csv", "Socio-economic indicators",
        "Indicators of socioeconomic.csv. `additive` says whether values may be summed over regions (harmonisation refuses the others).",
        [
            new("id", "string", "Indicator identifier", Pattern: "^[a-z0-9_]+$"),
            new("label", "string", "Label"),
            new("unit", "string", "Unit of every value of the indicator"),
            new("kind", "string", "count (persons), average (amount per person or per employee), rate (percent) or ratio (per 10 000)", Enum: ["count", "average", "rate", "ratio"]),
            new("additive", "boolean", "Whether regional values may be summed"),
            new("description", "string", "What is measured, coverage and caveats"),
        ],
        ["id"], []);

    public static readonly TableDefinition Migration = new(
        "migration", "migration.csv", "Migration",
        "Migration arrivals, departures and balances by region, year and flow. Flows: interregional (between regions), internal (interregional plus moves inside a region), all (internal plus international). Missing region-years are absent rows.",
        [
            new("region", "string", "Unit key"),
            new("year", "integer", "Calendar year", Minimum: FirstYear, Maximum: LastYear),
            new("period", "string", "Part of the year covered", Enum: Codes.Periods),
            new("flow", "string", "Which moves are counted", Enum: Codes.Flows),
            new("measure", "string", "arrivals, departures or balance (= arrivals − departures)", Enum: Codes.Measures),
            new("value", "number", "Number of persons (balances may be negative)", Unit: "persons"),
            new("status", "string", "exact: as printed; derived: plain arithmetic (see note); rounded: rounded by the source; estimate: BNS estimate", Enum: Codes.Statuses),
            new("boundaries", "string", "Boundary era of the territory the value refers to", Enum: Eras),
            new("source_id", "string", "Source of the value"),
            new("note", "string", "What the source says about the value; how a derived value was derived", Required: false),
        ],
        ["region", "year", "period", "flow", "measure"], [RegionKey("region"), SourceKey]);

    public static readonly TableDefinition Socioeconomic = new(
        "socioeconomic", "socioeconomic.csv", "Socio-economic indicators by region",
        "Indicator values by region and year; the national level has region `kazakhstan`. Missing region-years are absent rows.",
        [
            new("region", "string", "Unit key"),
            new("year", "integer", "Calendar year (or the year ending on the reference date)", Minimum: FirstYear, Maximum: LastYear),
            new("indicator", "string", "Indicator id (indicators.csv)"),
            new("value", "number", "Value in `unit`"),
            new("unit", "string", "Unit (the indicator's unit)"),
            new("status", "string", "exact, derived, rounded or estimate", Enum: Codes.Statuses),
            new("boundaries", "string", "Boundary era of the territory the value refers to", Enum: Eras),
            new("source_id", "string", "Source of the value"),
            new("note", "string", "Detail from the source (method, reference date, how derived)", Required: false),
        ],
        ["region", "year", "indicator"], [RegionKey("region"), new(["indicator"], "indicators", ["id"]), SourceKey]);

    public static readonly TableDefinition Population = new(
        "population", "population.csv", "Population at 1 January",
        "Resident population of each unit and of the country at 1 January (BNS dynamic table «Численность населения на начало периода»), on the units of the date's boundary era " +
        "(1 January 2018 already on the 17 units, 1 January 2022 already on the 20 units: BNS recalculated them). From 1 January 2022 after the 2021 census; 1 January 2023 and 2024 are revised figures. " +
        "Distinct from the indicator population_end_of_year of socioeconomic.csv (the first-release bulletin of 1 January 2023): computations say which one they use. Missing region-dates are absent rows.",
        [
            new("region", "string", "Unit key"),
            new("date", "date", "Reference date (1 January)"),
            new("value", "number", "Resident population", Unit: "persons"),
            new("unit", "string", "Unit of the value", Enum: ["persons"]),
            new("status", "string", "exact, derived, rounded or estimate", Enum: Codes.Statuses),
            new("boundaries", "string", "Boundary era of the territory the value refers to", Enum: Eras),
            new("source_id", "string", "Source of the value"),
            new("note", "string", "Detail from the source (census revision, first release or revised)", Required: false),
        ],
        ["region", "date"], [RegionKey("region"), SourceKey]);

    public static readonly TableDefinition Housing = new(
        "housing", "housing.csv", "Housing prices per m² by region (price of the regional centre)",
        "BNS average price per m² of new housing and of resale apartments at the end of the year. BNS prices cities, not regions: " +
        "a region's row carries the price of its administrative centre in that year (`city`), which is the workbench's reading of what " +
        "stands for the region (the paper does not say what it used). Some new-housing prices are fixed prices of state programmes " +
        "(`programme` names it), not market prices: scoring and claims exclude or include them by a recorded choice. The national level has region `kazakhstan`.",
        [
            new("region", "string", "Unit key"),
            new("year", "integer", "Calendar year (price at the end of the year)", Minimum: FirstYear, Maximum: LastYear),
            new("indicator", "string", "Indicator id (indicators.csv): housing_price_new_per_m2 or housing_price_resale_per_m2"),
            new("value", "number", "Value in `unit`"),
            new("unit", "string", "Unit (the indicator's unit)"),
            new("status", "string", "exact, derived, rounded or estimate", Enum: Codes.Statuses),
            new("boundaries", "string", "Boundary era of the region whose centre the city is in that year", Enum: Eras),
            new("city", "string", "The city whose price the source prints: the region's administrative centre that year (the country row: Republic of Kazakhstan)"),
            new("programme", "string", "Empty for a market price; otherwise the state programme whose fixed price this is (from the source's footnote, see note)", Required: false),
            new("source_id", "string", "Source of the value"),
            new("note", "string", "The source's footnote (programme price, method change) and any qualification", Required: false),
        ],
        ["region", "year", "indicator"], [RegionKey("region"), new(["indicator"], "indicators", ["id"]), SourceKey]);

    public static readonly TableDefinition OdFlows = new(
        "od-flows", "od-flows.csv", "Origin–destination flows between regions",
        "Moves from one region (origin) to another (destination) in a period: an origin–destination matrix in long form, one row per ordered pair. " +
        "For a year, a region's interregional arrivals are the sum of its destination rows, its departures the sum of its origin rows, and its balance their difference; " +
        "the workbench derives those (status derived) and aggregates the matrix exactly to older boundaries (moves between the parts of an older unit drop out). " +
        "Bundled rows: BNS via a third-party compilation (see the source and each row's note). Missing pairs are absent rows, never zeros.",
        [
            new("year", "integer", "Calendar year", Minimum: FirstYear, Maximum: LastYear),
            new("period", "string", "Part of the year covered", Enum: Codes.Periods),
            new("flow", "string", "Which moves are counted (moves between regions only)", Enum: ["interregional"]),
            new("origin", "string", "Region the movers left (unit key)"),
            new("destination", "string", "Region the movers went to (unit key)"),
            new("persons", "number", "Number of persons who moved from origin to destination", Unit: "persons"),
            new("status", "string", "exact: as printed by the carrier; derived, rounded or estimate as for migration.csv", Enum: Codes.Statuses),
            new("boundaries", "string", "Boundary era of the territories origin and destination refer to (the bundled matrices are all on the 20 units of 2022)", Enum: Eras),
            new("source_id", "string", "Source of the value"),
            new("note", "string", "What the carrier says, and the checks done when the figures were curated", Required: false),
        ],
        ["year", "period", "flow", "origin", "destination"], [RegionKey("origin"), RegionKey("destination"), SourceKey]);

    /// <summary>All tables, in the order of <c>datapackage.json</c>.</summary>
    public static IReadOnlyList<TableDefinition> All { get; } = [Regions, Lineage, Names, Sources, Indicators, Migration, Socioeconomic, Housing, OdFlows, Population];
}
