using System.Globalization;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>
/// Reads and validates the tables of a data folder (and of user overlay folders in the same layout). Every
/// problem that makes a value untrustworthy throws <see cref="DataFileException"/> with file, line and field;
/// consistency checks that official data may legitimately fail are returned as <see cref="DataWarning"/>s.
/// </summary>
internal static class DataPackageReader
{
    /// <summary>The short name used in messages: the folder's name and the file («data/migration.csv»).</summary>
    public static string DisplayName(string directory, string file) =>
        $"{new DirectoryInfo(Path.GetFullPath(directory)).Name}/{file}";

    public static CsvTable ReadTable(string directory, TableDefinition table)
    {
        var path = Path.Combine(directory, table.File);
        var name = DisplayName(directory, table.File);
        if (!File.Exists(path)) throw new DataFileException(name, null, null, "file not found");
        var csv = Csv.ReadFile(path, name, table.Header);
        CheckRowCount(directory, table, csv);
        return csv;
    }

    // A deleted, merged or added row can leave a table that is valid line by line; the row count the builder
    // recorded in datapackage.json (stats.rows) catches it with a line to look at. Hand-made overlay folders have no
    // datapackage.json. The recorded sha256 is checked once the rows validate (PackageIntegrity.Verify).
    private static void CheckRowCount(string directory, TableDefinition table, CsvTable csv)
    {
        var name = DisplayName(directory, PackageIntegrity.Descriptor);
        if (PackageIntegrity.Read(directory) is not { } recorded || !recorded.TryGetValue(table.File, out var stats) || stats.Rows is not { } want
            || csv.Records.Count == want) return;
        var line = csv.Records.Count > want ? csv.Records[want].Line : (csv.Records.Count > 0 ? csv.Records[^1].Line + 1 : 2);
        throw new DataFileException(csv.File, line, null,
            $"{csv.Records.Count} rows, but {name} records {want} ({DataPackageJson.Stats}.rows): rows were deleted, merged or added after `kzmig data build`; rebuild the package or restore the file");
    }

    public static RegionRegistry ReadRegistry(string directory)
    {
        var regionsCsv = ReadTable(directory, DataTables.Regions);
        var regions = new List<Region>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in regionsCsv.Records)
        {
            var f = new Fields(regionsCsv, r);
            var key = f.Required("key");
            if (seen.TryGetValue(key, out var first)) throw f.Error("key", $"duplicated key '{key}' (first at line {first})");
            seen[key] = r.Line;
            var kind = f.Required("kind") switch
            {
                "oblast" => RegionKind.Oblast,
                "city" => RegionKind.City,
                "country" => RegionKind.Country,
                var k => throw f.Error("kind", $"'{k}' is not one of oblast, city, country"),
            };
            regions.Add(new Region(key, f.Required("kato"), f["iso_3166_2"], f.Required("name_en"), f.Required("name_ru"), f["name_kk"], kind,
                f.Date("valid_from"), f.Date("valid_to")));
        }

        var lineageCsv = ReadTable(directory, DataTables.Lineage);
        var rows = new List<(DateOnly Date, string Predecessor, string Successor, string Note)>();
        foreach (var r in lineageCsv.Records)
        {
            var f = new Fields(lineageCsv, r);
            var date = f.Date("date") ?? throw f.Error("date", "missing value");
            rows.Add((date, KnownKey(f, "predecessor", seen), KnownKey(f, "successor", seen), f["note"]));
        }
        var lineage = rows.GroupBy(x => (x.Date, x.Predecessor))
            .Select(g => new RegionLineage(g.Key.Date, g.Key.Predecessor, [.. g.Select(x => x.Successor)], g.First().Note)).ToList();
        // Validity and lineage must tell the same story: which units exist in an era decides how matrices are aggregated.
        foreach (var change in lineage)
        {
            foreach (var successor in change.Successors.Where(s => s != change.Predecessor))
                if (regions.First(r => r.Key == successor).ValidFrom != change.Date)
                    throw new DataFileException(regionsCsv.File, seen[successor], "valid_from",
                        $"'{successor}' is created on {change.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} by {lineageCsv.File}, so its valid_from must be that date");
            if (!change.Successors.Contains(change.Predecessor) && regions.First(r => r.Key == change.Predecessor).ValidTo != change.Date.AddDays(-1))
                throw new DataFileException(regionsCsv.File, seen[change.Predecessor], "valid_to",
                    $"'{change.Predecessor}' ends on {change.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} by {lineageCsv.File}, so its valid_to must be the day before");
        }

        var namesCsv = ReadTable(directory, DataTables.Names);
        var aliases = new List<RegionAlias>();
        foreach (var r in namesCsv.Records)
        {
            var f = new Fields(namesCsv, r);
            aliases.Add(new RegionAlias(f.Required("name"), KnownKey(f, "key", seen), f.Required("language"), f.Required("origin")));
        }
        return new RegionRegistry(regions, lineage, aliases);
    }

    public static Dictionary<string, Source> ReadSources(string directory, Dictionary<string, Source>? existing = null)
    {
        var csv = ReadTable(directory, DataTables.Sources);
        var sources = existing is null ? new Dictionary<string, Source>(StringComparer.Ordinal) : new(existing, StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in csv.Records)
        {
            var f = new Fields(csv, r);
            var source = new Source(f.Required("source_id"), f.Required("url"), f.Required("carrier"), f.Required("publisher"), f.Required("title"), f["note"])
            {
                Import = ImportProvenanceOf(f),
            };
            if (lines.TryGetValue(source.Id, out var first)) throw f.Error("source_id", $"duplicated key '{source.Id}' (first at line {first})");
            lines[source.Id] = r.Line;
            if (sources.TryGetValue(source.Id, out var known) && known != source)
                throw f.Error("source_id", $"source '{source.Id}' is already defined differently by the bundled data; use a new id");
            sources[source.Id] = source;
        }
        return sources;
    }

    private static readonly string[] ProvenanceFields = ["file", "sha256", "imported_at", "format", "portal_id", "target", "rows"];

    // All provenance columns empty: a bundled source. Any set: an imported file, whose provenance must be complete.
    private static ImportProvenance? ImportProvenanceOf(Fields f)
    {
        if (ProvenanceFields.All(n => f[n].Length == 0)) return null;
        var sha = f.Required("sha256");
        if (sha.Length != 64 || !sha.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')) throw f.Error("sha256", $"'{sha}' is not a lower-case hex SHA-256");
        var at = f.Required("imported_at");
        if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var importedAt) || !at.Contains('T'))
            throw f.Error("imported_at", $"'{at}' is not an ISO 8601 date and time (yyyy-MM-ddTHH:mm:ssZ)");
        var format = f.Required("format");
        if (!Enum.GetNames<OfficialFormat>().Contains(format))
            throw f.Error("format", $"'{format}' is not one of {string.Join(", ", Enum.GetNames<OfficialFormat>())}");
        var rowsText = f.Required("rows");
        if (!int.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out var rows)) throw f.Error("rows", $"'{rowsText}' is not a count of rows");
        return new ImportProvenance(f.Required("file"), sha, importedAt, format, f["portal_id"] is { Length: > 0 } id ? id : null, f.Required("target"), rows);
    }

    /// <summary>
    /// Indicator definitions. With <paramref name="existing"/> (an overlay's <c>indicators.csv</c>), new
    /// indicators are added; repeating a known one is allowed only word for word, so an overlay can never
    /// redefine a bundled indicator's unit or meaning.
    /// </summary>
    public static Dictionary<string, Indicator> ReadIndicators(string directory, IReadOnlyDictionary<string, Indicator>? existing = null)
    {
        var csv = ReadTable(directory, DataTables.Indicators);
        var result = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        var known = existing ?? new Dictionary<string, Indicator>();
        foreach (var r in csv.Records)
        {
            var f = new Fields(csv, r);
            var id = f.Required("id");
            if (result.ContainsKey(id)) throw f.Error("id", $"duplicated key '{id}'");
            var additive = f.Required("additive") switch
            {
                "true" => true,
                "false" => false,
                var a => throw f.Error("additive", $"'{a}' is not true or false"),
            };
            var kind = f.Required("kind");
            if (!DataTables.Indicators.Fields.Single(x => x.Name == "kind").Enum!.Contains(kind)) throw f.Error("kind", $"unknown kind '{kind}'");
            // docs/boundaries.md: only counts add up over a territory; an average (a wage per employee), a rate or a ratio never does.
            if (additive && kind != "count")
                throw f.Error("additive", $"kind '{kind}' is not additive: only counts may be summed over regions (docs/boundaries.md)");
            var indicator = new Indicator(id, f.Required("label"), f.Required("unit"), kind, additive, f.Required("description"));
            if (known.TryGetValue(id, out var bundled) && bundled != indicator)
                throw f.Error("id", $"redefines indicator '{id}' (unit '{bundled.Unit}', kind {bundled.Kind}); an overlay may add indicators, not change them");
            result[id] = indicator;
        }
        foreach (var (id, indicator) in known) result.TryAdd(id, indicator);
        return result;
    }

    public static List<MigrationObservation> ReadMigration(string directory, RegionRegistry regions, IReadOnlyDictionary<string, Source> sources)
    {
        var csv = ReadTable(directory, DataTables.Migration);
        var result = new List<MigrationObservation>();
        var keys = new Dictionary<(string, int, Period, Flow, Measure), int>();
        foreach (var r in csv.Records)
        {
            var f = new Fields(csv, r);
            var region = RegionOf(f, regions);
            var year = f.Year();
            var period = Codes.ParsePeriod(f.Required("period")) ?? throw f.Error("period", $"'{f["period"]}' is not one of {string.Join(", ", Codes.Periods)}");
            var flow = Codes.ParseFlow(f.Required("flow")) ?? throw f.Error("flow", $"'{f["flow"]}' is not one of {string.Join(", ", Codes.Flows)}");
            var measure = Codes.ParseMeasure(f.Required("measure")) ?? throw f.Error("measure", $"'{f["measure"]}' is not one of {string.Join(", ", Codes.Measures)}");
            var value = f.Number("value");
            if (value != Math.Floor(value)) throw f.Error("value", $"'{f["value"]}' is not a whole number of persons");
            if (measure != Measure.Balance && value < 0) throw f.Error("value", $"{Codes.Of(measure)} cannot be negative ({f["value"]}); only balances can");
            var status = StatusOf(f);
            var era = EraOf(f, region, year);
            var source = SourceOf(f, sources);
            var key = (region.Key, year, period, flow, measure);
            if (keys.TryGetValue(key, out var first))
                throw f.Error(null, $"duplicated key ({region.Key}, {year}, {Codes.Of(period)}, {Codes.Of(flow)}, {Codes.Of(measure)}); first at line {first}");
            keys[key] = r.Line;
            result.Add(new MigrationObservation(region, year, period, flow, measure, value, status, source, f["note"], era) { Origin = $"{csv.File}:{r.Line}" });
        }
        return result;
    }

    public static List<IndicatorObservation> ReadIndicatorValues(string directory, RegionRegistry regions, IReadOnlyDictionary<string, Source> sources, IReadOnlyDictionary<string, Indicator> indicators) =>
        ReadIndicatorRows(ReadTable(directory, DataTables.Socioeconomic), regions, sources, indicators, housing: false);

    /// <summary>
    /// Housing prices (<c>housing.csv</c>) as indicator figures that also carry the <see cref="IndicatorObservation.City"/>
    /// whose price stands for the region and, for a state-programme price, the <see cref="IndicatorObservation.Programme"/>.
    /// The table is optional in folders without <c>datapackage.json</c> (overlays, test fixtures); a package that lists
    /// it must have it.
    /// </summary>
    public static List<IndicatorObservation> ReadHousing(string directory, RegionRegistry regions, IReadOnlyDictionary<string, Source> sources, IReadOnlyDictionary<string, Indicator> indicators)
    {
        if (!File.Exists(Path.Combine(directory, DataTables.Housing.File)) && !File.Exists(Path.Combine(directory, "datapackage.json"))) return [];
        return ReadIndicatorRows(ReadTable(directory, DataTables.Housing), regions, sources, indicators, housing: true);
    }

    // socioeconomic.csv and housing.csv share the value columns; housing rows add a city and a programme and must be prices.
    private static List<IndicatorObservation> ReadIndicatorRows(CsvTable csv, RegionRegistry regions, IReadOnlyDictionary<string, Source> sources,
        IReadOnlyDictionary<string, Indicator> indicators, bool housing)
    {
        var result = new List<IndicatorObservation>();
        var keys = new Dictionary<(string, int, string), int>();
        foreach (var r in csv.Records)
        {
            var f = new Fields(csv, r);
            var region = RegionOf(f, regions);
            var year = f.Year();
            var id = f.Required("indicator");
            if (!indicators.TryGetValue(id, out var indicator))
                throw f.Error("indicator", $"unknown indicator '{id}'; known: {string.Join(", ", indicators.Keys.Order(StringComparer.Ordinal))}");
            if (housing && !id.StartsWith("housing_price_", StringComparison.Ordinal))
                throw f.Error("indicator", $"'{id}' is not a housing-price indicator (housing_price_new_per_m2, housing_price_resale_per_m2)");
            var value = f.Number("value");
            if (value < 0 || (housing && value == 0)) throw f.Error("value", $"'{id}' ({indicator.Kind}) cannot be {(value == 0 ? "zero" : "negative")} ({f["value"]})");
            if (f["unit"] != indicator.Unit) throw f.Error("unit", $"'{f["unit"]}' differs from the unit of '{id}' in indicators.csv ('{indicator.Unit}')");
            var status = StatusOf(f);
            var era = EraOf(f, region, year);
            var source = SourceOf(f, sources);
            var city = housing ? f.Required("city") : null;
            var key = (region.Key, year, id);
            if (keys.TryGetValue(key, out var first)) throw f.Error(null, $"duplicated key ({region.Key}, {year}, {id}); first at line {first}");
            keys[key] = r.Line;
            result.Add(new IndicatorObservation(region, year, indicator, value, status, source, f["note"], era)
            {
                Origin = $"{csv.File}:{r.Line}", City = city, Programme = housing && f["programme"] is { Length: > 0 } p ? p : null,
            });
        }
        return result;
    }

    /// <summary>
    /// Origin–destination rows (od-flows.csv). Required in a built package (one with datapackage.json), optional in an
    /// overlay or a test folder. Origin and destination must differ, be units of the row's boundary era, and the count be a
    /// whole number ≥ 0.
    /// </summary>
    public static List<OdFlowObservation> ReadOdFlows(string directory, RegionRegistry regions, IReadOnlyDictionary<string, Source> sources)
    {
        if (!File.Exists(Path.Combine(directory, DataTables.OdFlows.File)) && !File.Exists(Path.Combine(directory, "datapackage.json"))) return [];
        var csv = ReadTable(directory, DataTables.OdFlows);
        var result = new List<OdFlowObservation>();
        var keys = new Dictionary<(int, Period, Flow, string, string), int>();
        foreach (var r in csv.Records)
        {
            var f = new Fields(csv, r);
            var year = f.Year();
            var period = Codes.ParsePeriod(f.Required("period")) ?? throw f.Error("period", $"'{f["period"]}' is not one of {string.Join(", ", Codes.Periods)}");
            var flow = Codes.ParseFlow(f.Required("flow")) ?? throw f.Error("flow", $"'{f["flow"]}' is not one of {string.Join(", ", Codes.Flows)}");
            if (flow != Flow.Interregional) throw f.Error("flow", $"'{f["flow"]}': an origin–destination row counts moves between regions, so its flow is interregional");
            var era = f["boundaries"].Length == 0 ? BoundaryEra.OfYear(year)
                : BoundaryEra.TryParse(f["boundaries"], out var named) ? named : throw f.Error("boundaries", $"'{f["boundaries"]}' is not one of {string.Join(", ", BoundaryEra.All.Select(e => e.Id))}");
            if (era.Order < BoundaryEra.OfYear(year).Order)
                throw f.Error("boundaries", $"{year} figures cannot refer to the older {era.Id}-era boundaries; aggregated matrices are computed, not stored");
            var origin = UnitOf(f, "origin", regions, era);
            var destination = UnitOf(f, "destination", regions, era);
            if (origin.Key == destination.Key) throw f.Error("destination", $"origin and destination are both '{origin.Key}'; moves inside a region are not interregional");
            var persons = f.Number("persons");
            if (persons < 0 || persons != Math.Floor(persons)) throw f.Error("persons", $"'{f["persons"]}' is not a whole number of persons ≥ 0");
            var status = StatusOf(f);
            var source = SourceOf(f, sources);
            var key = (year, period, flow, origin.Key, destination.Key);
            if (keys.TryGetValue(key, out var first))
                throw f.Error(null, $"duplicated key ({year}, {Codes.Of(period)}, {origin.Key} → {destination.Key}); first at line {first}");
            keys[key] = r.Line;
            result.Add(new OdFlowObservation(year, period, flow, origin, destination, persons, status, source, f["note"], era) { Location = $"{csv.File}:{r.Line}" });
        }
        return result;
    }

    private static Region UnitOf(Fields f, string field, RegionRegistry regions, BoundaryEra era)
    {
        var key = f.Required(field);
        if (!regions.TryGet(key, out var region))
        {
            var hint = regions.TryResolve(key, out var named) ? $"; the name resolves to key '{named.Key}' — data files use keys" : "";
            throw f.Error(field, $"unknown region '{key}'{hint}");
        }
        if (region.IsCountry || !regions.IsUnitOf(region, era))
            throw f.Error(field, $"'{key}' is not a unit of the {era.Id}-era boundaries ({string.Join(", ", regions.UnitsIn(era).Select(u => u.Key))})");
        return region;
    }

    /// <summary>
    /// Reads <c>population.csv</c>. A folder without it and without a <c>datapackage.json</c> (a test fixture, an overlay)
    /// has no population figures; a package that lists the table must have it.
    /// </summary>
    public static List<PopulationObservation> ReadPopulation(string directory, RegionRegistry regions, IReadOnlyDictionary<string, Source> sources)
    {
        if (!File.Exists(Path.Combine(directory, DataTables.Population.File)) && !File.Exists(Path.Combine(directory, "datapackage.json"))) return [];
        var csv = ReadTable(directory, DataTables.Population);
        var result = new List<PopulationObservation>();
        var keys = new Dictionary<(string, DateOnly), int>();
        foreach (var r in csv.Records)
        {
            var f = new Fields(csv, r);
            var region = RegionOf(f, regions);
            var date = f.Date("date") ?? throw f.Error("date", "missing value");
            if (date.Year is < DataTables.FirstYear or > DataTables.LastYear) throw f.Error("date", $"{date.Year} is outside {DataTables.FirstYear}–{DataTables.LastYear}");
            var value = f.Number("value");
            if (value <= 0) throw f.Error("value", $"a population must be positive ({f["value"]})");
            if (f["unit"] != "persons") throw f.Error("unit", $"'{f["unit"]}' is not «persons»");
            var status = StatusOf(f);
            var era = EraOf(f, region, date.Year);
            var source = SourceOf(f, sources);
            if (keys.TryGetValue((region.Key, date), out var first)) throw f.Error(null, $"duplicated key ({region.Key}, {f["date"]}); first at line {first}");
            keys[(region.Key, date)] = r.Line;
            result.Add(new PopulationObservation(region, date, value, status, source, f["note"], era) { Origin = $"{csv.File}:{r.Line}" });
        }
        return result;
    }

    /// <summary>Balance = arrivals − departures wherever all three are present for one region, year, period and flow (error).</summary>
    public static List<MigrationObservation> CheckBalances(IReadOnlyList<MigrationObservation> values, List<DataWarning> warnings)
    {
        var result = values.ToList();
        foreach (var g in values.GroupBy(v => (v.Region.Key, v.Year, v.Period, v.Flow)))
        {
            var a = g.FirstOrDefault(v => v.Measure == Measure.Arrivals);
            var d = g.FirstOrDefault(v => v.Measure == Measure.Departures);
            var b = g.FirstOrDefault(v => v.Measure == Measure.Balance);
            if (a is null || d is null || b is null) continue;
            // A rounded or estimated figure need not match to the person.
            if (new[] { a, d, b }.Any(v => v.Status is Status.Rounded or Status.Estimate)) continue;
            if (b.Value == a.Value - d.Value) continue;
            // Official arrivals and departures (fetched from the portal or imported) against a compilation's balance: the
            // official figures win (OfficialPrecedence), the balance used is their difference, and the warning names both.
            if (OfficialPrecedence.Replaces(a.Source, b.Source) is { } why && OfficialPrecedence.CompilationReason(d.Source) is null)
            {
                var cell = $"{b.Region.NameEn} {b.Year} {Codes.Of(b.Period)} {Codes.Of(b.Flow)} balance";
                var official = a.Value - d.Value;
                var derived = b with
                {
                    Value = official,
                    Status = Status.Derived,
                    Source = a.Source,
                    Note = $"derived: arrivals {DataNumber.Format(a.Value)} ({a.Origin}) − departures {DataNumber.Format(d.Value)} ({d.Origin}), official figures; " +
                           $"{b.Source.Id} ({why}) gives {DataNumber.Format(b.Value)} ({b.Origin}), not used",
                    Origin = $"{a.Origin} − {d.Origin}",
                };
                warnings.Add(new("official-over-compilation", OfficialPrecedence.Describe(cell, official, derived.Origin, a.Source, b.Value, b.Origin, b.Source, why)));
                result[result.IndexOf(b)] = derived;
                continue;
            }
            var (file, line) = SplitOrigin(b.Origin);
            throw new DataFileException(file, line, "value",
                $"balance {DataNumber.Format(b.Value)} ≠ arrivals {DataNumber.Format(a.Value)} ({a.Origin}) − departures {DataNumber.Format(d.Value)} ({d.Origin}) = {DataNumber.Format(a.Value - d.Value)}");
        }
        return result;
    }

    /// <summary>
    /// Warnings: interregional balances of a year with every unit present should sum to 0 (README «Definitions»);
    /// regional total-flow balances should sum to the national value.
    /// </summary>
    public static List<DataWarning> Warnings(IEnumerable<MigrationObservation> values, RegionRegistry regions)
    {
        var warnings = new List<DataWarning>();
        var balances = values.Where(v => v.Measure == Measure.Balance).ToList();
        foreach (var g in balances.Where(v => v.Flow == Flow.Interregional && !v.Region.IsCountry)
                     .GroupBy(v => (v.Year, v.Period, v.Boundaries)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Period))
        {
            if (!Complete(g, regions, g.Key.Boundaries)) continue;
            // Figures rounded by their source (2021: the three cities «about 32 thousand») need not sum to 0 to the person.
            if (g.Any(v => v.Status is Status.Rounded or Status.Estimate)) continue;
            var sum = g.Sum(v => v.Value);
            if (sum != 0)
                warnings.Add(new("interregional-sum", $"interregional balances {g.Key.Year} {Codes.Of(g.Key.Period)} of all {g.Count()} units sum to {DataNumber.Format(sum)}, not 0"));
        }
        foreach (var g in balances.Where(v => v.Flow == Flow.All).GroupBy(v => (v.Year, v.Period)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Period))
        {
            var national = g.FirstOrDefault(v => v.Region.IsCountry);
            var regional = g.Where(v => !v.Region.IsCountry).ToList();
            if (national is null || regional.Count == 0) continue;
            var era = regional[0].Boundaries;
            if (regional.Any(v => v.Boundaries != era) || !Complete(regional, regions, era)) continue;
            var sum = regional.Sum(v => v.Value);
            if (sum != national.Value)
                warnings.Add(new("national-sum", $"total-flow balances {g.Key.Year} {Codes.Of(g.Key.Period)}: the {regional.Count} regions sum to {DataNumber.Format(sum)}, the national value is {DataNumber.Format(national.Value)} ({national.Origin})"));
        }
        return warnings;
    }

    private static bool Complete(IEnumerable<MigrationObservation> group, RegionRegistry regions, BoundaryEra era) =>
        regions.UnitsIn(era).Select(r => r.Key).Order(StringComparer.Ordinal)
            .SequenceEqual(group.Select(v => v.Region.Key).Distinct().Order(StringComparer.Ordinal));

    public static (string? File, int? Line) SplitOrigin(string origin)
    {
        var i = origin.LastIndexOf(':');
        return i > 0 && int.TryParse(origin[(i + 1)..], CultureInfo.InvariantCulture, out var line) ? (origin[..i], line) : (null, null);
    }

    private static string KnownKey(Fields f, string field, Dictionary<string, int> keys)
    {
        var key = f.Required(field);
        return keys.ContainsKey(key) ? key : throw f.Error(field, $"unknown region '{key}'");
    }

    private static Region RegionOf(Fields f, RegionRegistry regions)
    {
        var key = f.Required("region");
        if (regions.TryGet(key, out var region)) return region;
        var hint = regions.TryResolve(key, out var named)
            ? $"; the name resolves to key '{named.Key}' — data files use keys"
            : regions.Suggest(key) is { Count: > 0 } s ? $"; did you mean {string.Join(", ", s.Select(n => $"'{n}'"))}?" : "";
        throw f.Error("region", $"unknown region '{key}'{hint}");
    }

    private static Status StatusOf(Fields f) =>
        Codes.ParseStatus(f.Required("status")) ?? throw f.Error("status", $"'{f["status"]}' is not one of {string.Join(", ", Codes.Statuses)}");

    private static Source SourceOf(Fields f, IReadOnlyDictionary<string, Source> sources)
    {
        var id = f["source_id"];
        if (id.Length == 0) throw f.Error("source_id", "missing source: every value needs a source_id from sources.csv");
        return sources.TryGetValue(id, out var s) ? s : throw f.Error("source_id", $"unknown source '{id}': not in sources.csv");
    }

    // The territory a value refers to: the era of its year unless the row names a later era (a BNS recalculation).
    private static BoundaryEra EraOf(Fields f, Region region, int year)
    {
        var ofYear = BoundaryEra.OfYear(year);
        var era = ofYear;
        if (f["boundaries"].Length > 0)
        {
            era = BoundaryEra.TryParse(f["boundaries"], out var named) ? named
                  : throw f.Error("boundaries", $"'{f["boundaries"]}' is not one of {string.Join(", ", BoundaryEra.All.Select(e => e.Id))}");
            if (era.Order < ofYear.Order)
                throw f.Error("boundaries", $"{year} figures cannot refer to the older {era.Id}-era boundaries; harmonised values are computed, not stored");
        }
        if (region.IsCountry || region.ReportsIn(era.RepresentativeYear) && (era != ofYear || region.ReportsIn(year))) return era;
        var validity = $"valid {region.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"} to {region.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"}";
        throw f.Error("region", $"'{region.Key}' has no figures for {year} in the {era.Id}-era boundaries ({validity}); a value recalculated to later boundaries must say so in 'boundaries'");
    }

    /// <summary>Field access with file/line-aware errors.</summary>
    private readonly struct Fields(CsvTable table, CsvRecord record)
    {
        public string this[string name] => record.Fields[table.Column(name)];

        public string Required(string name) => this[name] is { Length: > 0 } v ? v : throw Error(name, "missing value");

        public DataFileException Error(string? field, string reason) => new(table.File, record.Line, field, reason);

        public int Year()
        {
            var text = Required("year");
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)) throw Error("year", $"'{text}' is not a year");
            if (year is < DataTables.FirstYear or > DataTables.LastYear) throw Error("year", $"{year} is outside {DataTables.FirstYear}–{DataTables.LastYear}");
            return year;
        }

        public double Number(string name)
        {
            var text = Required(name);
            if (!DataNumber.IsInvariant(text))
                throw Error(name, $"'{text}' is not a number in the bundled format (digits, optional '-' and '.'; no spaces or decimal commas)");
            var value = DataNumber.TryParse(text, NumberFormat.Invariant)!.Value;
            // 400 digits parse as infinity and 20 digits lose the last ones: a stored figure must be the figure written.
            return DataNumber.IsExact(text, value) ? value
                : throw Error(name, $"'{text}' cannot be held exactly as a number (too large, or more digits than a double holds)");
        }

        public DateOnly? Date(string name)
        {
            var text = this[name];
            if (text.Length == 0) return null;
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw Error(name, $"'{text}' is not a date (yyyy-MM-dd)");
        }
    }
}
