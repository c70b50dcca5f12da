using System.Globalization;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>
/// Builds the workbench's <c>data/</c> package from the curated official figures (a maintainer's folder, <c>--from</c>)
/// (<c>regions.csv</c>, <c>migration.csv</c>, <c>socioeconomic.csv</c>, <c>wages.csv</c>, <c>housing.csv</c>, <c>od-flows.csv</c>, <c>population.csv</c>, <c>boundaries/</c>). No number is typed here:
/// values are copied with their source; the rules that change a row (a boundary era, an indicator split, a status
/// stated by a footnote) are listed in <see cref="Rules"/> and written into the row's note. The result is validated
/// by loading it before the build reports success. Output is deterministic (sorted, invariant, "\n", UTF-8 without BOM).
/// </summary>
public static class DataPackageBuilder
{
    /// <summary>Attribution to show wherever a map is drawn (the boundary files' licence, docs/boundaries.md).</summary>
    public const string BoundaryAttribution =
        "Boundaries: geokz © A. Rodionov (CC BY 4.0), based on OCHA COD-AB Kazakhstan (UNHCR/OpenStreetMap), © OpenStreetMap contributors";

    private const string Readme = "docs/boundaries.md";

    /// <summary>How a note in data/ names a file of the curated sources folder (docs/bundled-sources.md, «For maintainers»).</summary>
    private const string Curated = "curated:";
    private const string LicenceFile = "LICENSE-CC-BY-4.0.md";

    /// <summary>Boundary changes (docs/boundaries.md), each on the first day of the era it opens (<see cref="BoundaryEra"/>).</summary>
    internal static readonly IReadOnlyList<RegionLineage> Lineage =
    [
        new(BoundaryEra.Era2018.From!.Value, "south-kazakhstan", ["turkestan", "shymkent-city"],
            $"Shymkent became a city of republican significance; South Kazakhstan region was renamed Turkestan region (without Shymkent) ({Readme})"),
        new(BoundaryEra.Era2022.From!.Value, "east-kazakhstan", ["east-kazakhstan", "abai"], $"Abai region created from East Kazakhstan ({Readme})"),
        new(BoundaryEra.Era2022.From!.Value, "almaty-region", ["almaty-region", "zhetisu"], $"Zhetisu region created from Almaty region ({Readme})"),
        new(BoundaryEra.Era2022.From!.Value, "karaganda", ["karaganda", "ulytau"], $"Ulytau region created from Karaganda region ({Readme})"),
    ];

    /// <summary>Spellings seen in official files or in common use that the sources' own name columns lack.</summary>
    private static readonly (string Name, string Key, string Language, string Origin)[] CuratedNames =
    [
        ("РЕСПУБЛИКА КАЗАХСТАН", "kazakhstan", "ru", Formats), ("Kazakhstan", "kazakhstan", "en", Common),
        ("Г.АСТАНА", "astana-city", "ru", Formats), ("г.Астана", "astana-city", "ru", Formats), ("город Астана", "astana-city", "ru", Formats),
        ("Г.НУР-СУЛТАН", "astana-city", "ru", Formats), ("г. Нур-Султан", "astana-city", "ru", Common), ("Nur-Sultan", "astana-city", "en", Common),
        ("Astana", "astana-city", "en", Common), ("Астана", "astana-city", "ru", Common),
        ("Г.АЛМАТЫ", "almaty-city", "ru", Formats), ("г.Алматы", "almaty-city", "ru", Formats), ("город Алматы", "almaty-city", "ru", Formats),
        // Plain «Almaty» usually means the city, while the boundary files call the oblast «Almaty»: both entries make it ambiguous on purpose.
        ("Almaty", "almaty-city", "en", Common),
        ("Г.ШЫМКЕНТ", "shymkent-city", "ru", Formats), ("г.Шымкент", "shymkent-city", "ru", Formats), ("город Шымкент", "shymkent-city", "ru", Formats),
        ("Shimkent city", "shymkent-city", "en", Formats), ("Shymkent", "shymkent-city", "en", Common), ("Шымкент", "shymkent-city", "ru", Common),
        ("АКМОЛИНСКАЯ ОБЛАСТЬ", "akmola", "ru", Formats), ("Akmolinskaya", "akmola", "en", Formats), ("Aqmola", "akmola", "en", Formats),
        ("Aqtobe", "aktobe", "en", Common),
        ("АЛМАТИНСКАЯ ОБЛАСТЬ", "almaty-region", "ru", Common), ("Almaty oblast", "almaty-region", "en", Common),
        ("Zhambyl", "zhambyl", "en", Common),
        ("Qaraganda", "karaganda", "en", Common),
        ("Qostanay", "kostanay", "en", Common),
        ("КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ", "kyzylorda", "ru", Formats), ("Qyzylorda", "kyzylorda", "en", Common),
        ("Mangistau", "mangystau", "en", Common),
        ("ЮЖНО-КАЗАХСТАНСКАЯ ОБЛАСТЬ", "south-kazakhstan", "ru", Formats), ("ЮКО", "south-kazakhstan", "ru", Formats),
        ("ТУРКЕСТАНСКАЯ ОБЛАСТЬ", "turkestan", "ru", Formats), ("Turkestanskaya", "turkestan", "en", Formats), ("Turkistan", "turkestan", "en", Common),
        ("ВКО", "east-kazakhstan", "ru", Formats),
        ("ОБЛАСТЬ АБАЙ", "abai", "ru", Formats), ("Abay", "abai", "en", Formats),
        ("ОБЛАСТЬ ЖЕТІСУ", "zhetisu", "ru", Formats), ("Жетысу", "zhetisu", "ru", Formats), ("Жетісу", "zhetisu", "kk", Formats), ("Zhetisu", "zhetisu", "en", Formats),
        ("ОБЛАСТЬ ҰЛЫТАУ", "ulytau", "ru", Formats), ("Улытау", "ulytau", "ru", Formats), ("Ұлытау", "ulytau", "kk", Formats),
        ("Ulutay", "ulytau", "en", Formats), ("Ulutau", "ulytau", "en", Common),
        // Spellings of the real samples in the curated formats/ folder that no other source uses.
        ("Jetisu", "zhetisu", "en", KanatArrived), ("Jetisu", "zhetisu", "en", KanatLeft), ("Jetisu", "zhetisu", "en", KanatNet),
        ("Almaty_city", "almaty-city", "en", Diar), ("Astana_city", "astana-city", "en", Diar), ("Shymkent_city", "shymkent-city", "en", Diar),
        ("East_Kaz", "east-kazakhstan", "en", Diar), ("North_Kaz", "north-kazakhstan", "en", Diar), ("West_Kaz", "west-kazakhstan", "en", Diar),
        ("Zhetysu", "zhetisu", "en", Diar),
        ("Aktubinskaya", "aktobe", "en", Unemployment), ("Almatinskaya", "almaty-region", "en", Unemployment),
        ("Atyrauskaya", "atyrau", "en", Unemployment), ("Zhambylskaya", "zhambyl", "en", Unemployment),
        ("Karagandinskaya", "karaganda", "en", Unemployment), ("Kostanaiskaya", "kostanay", "en", Unemployment),
        ("Kyzylordinskaya", "kyzylorda", "en", Unemployment), ("Mangistauskaya", "mangystau", "en", Unemployment),
        ("Pavlodarskaya", "pavlodar", "en", Unemployment),
    ];

    private const string Formats = Curated + "formats/FORMATS.md (spelling in official files)";
    private const string Common = "common transliteration or usage";
    private const string KanatArrived = Curated + "formats/kanatislambekov_internal-migration-flow-kz__arrived_2024.xlsx";
    private const string KanatLeft = Curated + "formats/kanatislambekov_internal-migration-flow-kz__left_2024.xlsx";
    private const string KanatNet = Curated + "formats/kanatislambekov_internal-migration-flow-kz__net_2024.xlsx";
    private const string Diar = Curated + "formats/Diar299_kz-migration__Internal_migration.csv";
    private const string Unemployment = Curated + "formats/open-data-kazakhstan_city-unemployment-rate__unemploymentRate.xlsx";

    /// <summary>The rules the builder applies to source rows, for the record (each is also written into the affected rows' notes).</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        "Region keys are the sources' English names in lower case with hyphens (Almaty region → almaty-region).",
        "boundaries = the boundary era of the year (2015: ≤2017, 2018: 2018–2021, 2022: ≥2022) unless a rule below says otherwise.",
        "income_per_capita rows whose source unit says «2022 boundaries» (2021 BNS estimates) refer to the 2022 boundaries.",
        "unemployment_rate of Turkestan and Shymkent for 2015–2017: footnote 3 of the BNS table says «estimates based on data from SKO» → status estimate, 2018 boundaries.",
        "doctors_per_10k rows labelled «official BNS figure quoted» become indicator doctors_per_10k_bns (the other rows are derived by a different calculation; one key cannot hold both).",
        "Units: the indicator's unit; any qualification of the source's unit or label goes into the note.",
        "housing.csv: a region's price is the price of its administrative centre that year (column city; docs/bundled-sources.md «Housing prices»), the workbench's reading; the source's label is not repeated (it names the same city).",
        "housing.csv: a note «price of housing sold under the X programme, not a market price» sets programme = X (a state-programme price, kept and marked, never dropped); any other mention of a programme in a note is refused.",
        "od-flows.csv: origin and destination names become keys; «2022 units (20)» becomes boundaries 2022; every note starts «BNS via a third-party compilation». " +
        "Interregional arrivals, departures and balances are not stored: the loader derives them from complete matrices (status derived), in the boundaries of each year, and an official figure for the same cell wins.",
        "wages.csv (average monthly nominal wage 2013–2023, a third-party compilation checked against the BNS 2022 publication only) becomes indicator avg_monthly_wage of socioeconomic.csv; " +
        "every note starts «BNS via a third-party compilation, checked for 2022 only», the curators' notes (year realigned, pre-2022 territory) follow. " +
        "An official figure for the same region and year wins: the compilation's value is not stored, the official row's note says whether the compilation agrees. " +
        "A value the curators mark «checked: equals the BNS 2022 publication» must equal it, and boundaries must be the era of the year; no national figure is added.",
        "population.csv: boundaries = the era of the date's year, as the units the source lists on that date show (1 January 2018 is on the 17 units, 1 January 2022 on the 20 units, both before the change took effect: BNS recalculations); the source's indicator column (always «population») is dropped.",
    ];

    /// <summary>Files the builder writes, relative to the output folder.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        .. DataTables.All.Select(t => t.File),
        "datapackage.json",
        "README.md",
        .. BoundaryEra.All.Select(e => "boundaries/" + e.BoundaryFile),
        "boundaries/" + LicenceFile,
        "boundaries/ATTRIBUTION.md",
    ];

    /// <summary>Builds the package from <paramref name="sourcesDirectory"/> into <paramref name="intoDirectory"/>; returns the files written (relative paths).</summary>
    public static IReadOnlyList<string> Build(string sourcesDirectory, string intoDirectory)
    {
        var from = Path.GetFullPath(sourcesDirectory);
        var into = Path.GetFullPath(intoDirectory);
        var package = Assemble(from);

        // Write into a fresh staging folder, validate there, then copy: a failed build leaves the target untouched.
        var staging = Path.Combine(Path.GetTempPath(), "kzmig-build-" + Guid.NewGuid().ToString("N"));
        var stagingData = Path.Combine(staging, "data");
        try
        {
            Write(package, from, stagingData);
            WorkbenchData.Load(stagingData);
            Directory.CreateDirectory(Path.Combine(into, "boundaries"));
            // Bytes, not File.Copy: copying would carry the read-only mode of the curated sources into data/.
            foreach (var file in Files) File.WriteAllBytes(Path.Combine(into, file), File.ReadAllBytes(Path.Combine(stagingData, file)));
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return Files;
    }

    private sealed record Package(
        List<IReadOnlyList<string>> Regions,
        List<IReadOnlyList<string>> Lineage,
        List<IReadOnlyList<string>> Names,
        List<Source> Sources,
        List<IReadOnlyList<string>> Migration,
        List<IReadOnlyList<string>> Socioeconomic,
        List<IReadOnlyList<string>> Housing,
        List<IReadOnlyList<string>> OdFlows,
        List<IReadOnlyList<string>> Population);

    private static Package Assemble(string from)
    {
        var (described, keyOfName, names) = BuildRegions(from);
        var regions = described.Select(d => d.Region).ToList();
        var registry = new RegionRegistry(regions, Lineage, []);
        var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
        var migration = BuildMigration(from, keyOfName, registry, sources);
        var socio = WithWages(BuildSocioeconomic(from, keyOfName, sources), BuildWages(from, keyOfName, registry, sources));
        var housing = BuildHousing(from, keyOfName, sources);
        var od = BuildOdFlows(from, keyOfName, sources);
        var population = BuildPopulation(from, keyOfName, registry, sources);
        var regionRows = described.Select(d => (IReadOnlyList<string>)[
            d.Region.Key, d.Region.Kato, d.Region.Iso, d.Region.NameEn, d.Region.NameRu, d.Region.NameKk, d.Region.Kind.ToString().ToLowerInvariant(),
            Date(d.Region.ValidFrom), Date(d.Region.ValidTo), d.Note]).ToList();
        var lineageRows = Lineage.SelectMany(l => l.Successors.Select(s => (IReadOnlyList<string>)[Date(l.Date), l.Predecessor, s, l.Note])).ToList();
        return new Package(regionRows, lineageRows, names, [.. sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal)], migration, socio, housing, od, population);
    }

    private static (List<(Region Region, string Note)> Regions, Dictionary<string, string> KeyOfName, List<IReadOnlyList<string>> Names) BuildRegions(string from)
    {
        var csv = ReadSource(from, "regions.csv", ["region", "region_ru", "kato", "kind"]);
        var basic = new List<Region>();
        var keyOfName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in csv.Records)
        {
            var name = r.Fields[0];
            var key = name.ToLowerInvariant().Replace(' ', '-');
            var kind = r.Fields[3] switch
            {
                "oblast" => RegionKind.Oblast,
                "city" => RegionKind.City,
                "country" => RegionKind.Country,
                var k => throw new DataFileException(csv.File, r.Line, "kind", $"unknown kind '{k}'"),
            };
            // Validity from the lineage: a successor that is not its own predecessor starts on the change date; a
            // predecessor that does not succeed itself ends the day before.
            DateOnly? validFrom = Lineage.Where(l => l.Successors.Contains(key) && l.Predecessor != key).Select(l => (DateOnly?)l.Date).FirstOrDefault();
            DateOnly? validTo = Lineage.Where(l => l.Predecessor == key && !l.Successors.Contains(key)).Select(l => (DateOnly?)l.Date.AddDays(-1)).FirstOrDefault();
            basic.Add(new Region(key, r.Fields[2], "", name, r.Fields[1], "", kind, validFrom, validTo));
            keyOfName[name] = key;
        }

        var names = new SortedDictionary<(string Key, string Name), (string Language, List<string> Origins)>(
            Comparer<(string Key, string Name)>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key) is var c && c != 0 ? c : string.CompareOrdinal(a.Name, b.Name)));
        void AddName(string name, string key, string language, string origin)
        {
            if (name.Length == 0) return;
            if (names.TryGetValue((key, name), out var existing)) { if (!existing.Origins.Contains(origin)) existing.Origins.Add(origin); }
            else names[(key, name)] = (language, [origin]);
        }
        foreach (var r in basic)
        {
            AddName(r.NameEn, r.Key, "en", Curated + "regions.csv");
            AddName(r.NameRu, r.Key, "ru", Curated + "regions.csv");
        }

        // Kazakh names and ISO codes: from the boundary files, the latest era that has the unit.
        var registry = new RegionRegistry(basic, Lineage, []);
        var kk = new Dictionary<string, (string Name, string Iso, string File)>(StringComparer.Ordinal);
        foreach (var era in BoundaryEra.All)
        {
            var file = Path.Combine(from, "boundaries", era.BoundaryFile);
            var origin = Curated + "boundaries/" + era.BoundaryFile;
            var units = registry.UnitsIn(era);
            IReadOnlyList<GeoFeature> features;
            try { features = RegionGeometry.ReadFeatures(File.ReadAllBytes(file), origin); }
            catch (InvalidDataException e) { throw new DataFileException(origin, null, null, e.Message.StartsWith(origin + ": ", StringComparison.Ordinal) ? e.Message[(origin.Length + 2)..] : e.Message); }
            if (features.Count != era.UnitCount)
                throw new DataFileException(origin, null, null, $"{features.Count} features, the {era.Id} era has {era.UnitCount} units");
            foreach (var feature in features)
            {
                string Prop(string n) => feature.Property(n);
                // The one matching rule of a feature to its unit (the 2015 file keeps KATO 61 for South Kazakhstan «for joining»).
                var unit = RegionGeometry.UnitOf(feature, units)
                           ?? throw new DataFileException(origin, null, "ADM1_RU", $"feature '{Prop("ADM1_RU")}' (KATO {Prop("KATO")}) matches no {era.Id}-era unit");
                AddName(Prop("ADM1_EN"), unit.Key, "en", origin);
                AddName(Prop("ADM1_RU"), unit.Key, "ru", origin);
                AddName(Prop("ADM1_KK"), unit.Key, "kk", origin);
                kk[unit.Key] = (Prop("ADM1_KK"), Prop("ISO_3166_2"), origin);
                var country = registry.Country.Key;
                AddName(Prop("ADM0_EN"), country, "en", origin);
                AddName(Prop("ADM0_RU"), country, "ru", origin);
                AddName(Prop("ADM0_KK"), country, "kk", origin);
                kk[country] = (Prop("ADM0_KK"), "", origin);
            }
        }
        foreach (var (name, key, language, origin) in CuratedNames)
        {
            if (!keyOfName.ContainsValue(key)) throw new InvalidOperationException($"curated name '{name}' refers to unknown key '{key}'");
            // An origin that names a curated file must exist there: the record says where the spelling was seen.
            if (origin.StartsWith(Curated, StringComparison.Ordinal)
                && origin.Split(' ')[0][Curated.Length..] is var cited && !File.Exists(Path.Combine(from, cited)))
                throw new DataFileException(origin.Split(' ')[0], null, null, $"cited as the origin of '{name}' but not found in {from}");
            AddName(name, key, language, origin);
        }

        var regions = basic.Select(r =>
        {
            var found = kk.GetValueOrDefault(r.Key);
            var note = $"kato, name_en, name_ru: {Curated}regions.csv; name_kk{(r.IsCountry ? "" : ", iso_3166_2")}: {found.File} (" +
                       (r.IsCountry ? "ADM0_KK; the files give no ISO 3166-2 code for the country" : "ADM1_KK, ISO_3166_2") + ")";
            if (r.Key == "south-kazakhstan")
                note += "; the 2015 boundary file keeps KATO 61 «for joining, not an official pre-2018 code», while the curated regions.csv gives 51";
            if (r.ValidFrom is not null || r.ValidTo is not null) note += $"; validity from {Readme}";
            return (Region: r with { NameKk = found.Name ?? "", Iso = found.Iso ?? "" }, Note: note);
        }).OrderBy(x => x.Region.Kato, StringComparer.Ordinal).ThenBy(x => x.Region.Key, StringComparer.Ordinal).ToList();

        var nameRows = names.Select(n => (IReadOnlyList<string>)[n.Key.Name, n.Key.Key, n.Value.Language, string.Join("; ", n.Value.Origins)]).ToList();
        return (regions, keyOfName, nameRows);
    }

    private static List<IReadOnlyList<string>> BuildMigration(string from, Dictionary<string, string> keyOfName, RegionRegistry registry, Dictionary<string, Source> sources)
    {
        var csv = ReadSource(from, "migration.csv", ["region", "region_ru", "kato", "year", "period", "flow", "measure", "value", "status", "source_url", "note"]);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in csv.Records)
        {
            string F(int i) => r.Fields[i];
            var key = KeyOf(csv, r, F(0), keyOfName);
            if (registry[key].Kato != F(2)) throw new DataFileException(csv.File, r.Line, "kato", $"'{F(2)}' differs from regions.csv ('{registry[key].Kato}')");
            var year = int.Parse(F(3), NumberStyles.None, CultureInfo.InvariantCulture);
            CheckValue(csv, r, F(7));
            var source = SourceOf(csv, r, F(9), sources);
            rows.Add([key, F(3), F(4), F(5), F(6), F(7), F(8), BoundaryEra.OfYear(year).Id, source.Id, F(10)]);
        }
        return [.. rows.OrderBy(x => x[0], StringComparer.Ordinal).ThenBy(x => x[1], StringComparer.Ordinal)
            .ThenBy(x => x[2], StringComparer.Ordinal).ThenBy(x => x[3], StringComparer.Ordinal).ThenBy(x => x[4], StringComparer.Ordinal)];
    }

    private static List<IReadOnlyList<string>> BuildSocioeconomic(string from, Dictionary<string, string> keyOfName, Dictionary<string, Source> sources)
    {
        var csv = ReadSource(from, "socioeconomic.csv", ["region", "year", "indicator", "value", "unit", "status", "label", "source_url"]);
        var indicators = IndicatorCatalogue.All.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in csv.Records)
        {
            string F(int i) => r.Fields[i];
            var key = KeyOf(csv, r, F(0), keyOfName);
            var year = int.Parse(F(1), NumberStyles.None, CultureInfo.InvariantCulture);
            var id = F(2);
            var status = F(5);
            var era = BoundaryEra.OfYear(year).Id;
            var notes = new List<string>();
            if (id == "doctors_per_10k" && F(6).Contains("official BNS figure quoted", StringComparison.Ordinal))
                id = "doctors_per_10k_bns";
            var indicator = IndicatorOf(csv, r, id, F(3), F(4), indicators);
            var unit = F(4);
            if (F(6) != indicator.Label) notes.Add($"source label: {F(6)}");
            if (unit != indicator.Unit) notes.Add($"source unit: {unit}");
            if (id == "income_per_capita" && unit.Contains("2022 boundaries", StringComparison.Ordinal))
                era = BoundaryEra.Era2022.Id;
            if (id == "unemployment_rate" && key is "turkestan" or "shymkent-city" && year <= 2017)
            {
                era = BoundaryEra.Era2018.Id;
                if (status == "exact") status = "estimate";
                notes.Add("BNS table footnote 3): «Data for the Turkestan region and the city of Shymkent from 2010 to 2017 estimates based on data from SKO» — recorded as estimate in the 2018 boundaries (the source row said exact)");
            }
            var source = SourceOf(csv, r, F(7), sources);
            rows.Add([key, F(1), id, F(3), indicator.Unit, status, era, source.Id, string.Join("; ", notes)]);
        }
        return [.. rows.OrderBy(x => x[0], StringComparer.Ordinal).ThenBy(x => x[1], StringComparer.Ordinal).ThenBy(x => x[2], StringComparer.Ordinal)];
    }

    /// <summary>What every bundled wage row of the third-party compilation says about its standing (docs/bundled-sources.md «Wages by region»).</summary>
    public const string WageCarrierNote = OdCarrierNote + ", checked for 2022 only";

    /// <summary>The curators' mark on a compiled wage that equals the BNS 2022 publication (checked again by the build).</summary>
    private const string CheckedAgainstOfficial = "checked: equals the BNS 2022 publication";

    private const string WageIndicator = "avg_monthly_wage";

    /// <summary>One compiled wage read from the curated wages.csv: its row for socioeconomic.csv, where it was read, and the curators' check mark.</summary>
    private sealed record CompiledWage(string Key, string Year, string Value, IReadOnlyList<string> Row, string File, int? Line, bool MarkedChecked);

    // wages.csv: the row «Зарплата» of the datathon workbook, kept apart until merged with the official figures (WithWages).
    private static List<CompiledWage> BuildWages(string from, Dictionary<string, string> keyOfName, RegionRegistry registry, Dictionary<string, Source> sources)
    {
        var csv = ReadSource(from, "wages.csv", ["region", "year", "indicator", "value", "unit", "status", "boundaries", "note", "source_url"]);
        var indicators = IndicatorCatalogue.All.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var rows = new List<CompiledWage>();
        var seen = new HashSet<(string, string)>();
        foreach (var r in csv.Records)
        {
            string F(int i) => r.Fields[i];
            var key = KeyOf(csv, r, F(0), keyOfName);
            if (!int.TryParse(F(1), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < DataTables.FirstYear or > DataTables.LastYear)
                throw new DataFileException(csv.File, r.Line, "year", $"'{F(1)}' is not a year");
            if (F(2) != WageIndicator) throw new DataFileException(csv.File, r.Line, "indicator", $"'{F(2)}' is not «{WageIndicator}»");
            var indicator = IndicatorOf(csv, r, F(2), F(3), F(4), indicators);
            if (Codes.ParseStatus(F(5)) is null) throw new DataFileException(csv.File, r.Line, "status", $"'{F(5)}' is not one of {string.Join(", ", Codes.Statuses)}");
            // A wage is a per-employee average: a value is only ever on the territory its unit had that year, never summed or averaged to another era.
            var era = BoundaryEra.OfYear(year);
            if (F(6) != era.Id)
                throw new DataFileException(csv.File, r.Line, "boundaries", $"'{F(6)}' is not the {era.Id}-era boundaries of {year}: a per-employee average cannot be carried to another territory");
            if (registry[key].IsCountry)
                throw new DataFileException(csv.File, r.Line, "region", "a national wage from the compilation is not bundled (docs/bundled-sources.md «Wages by region»)");
            if (!registry.UnitsIn(era).Any(u => u.Key == key))
                throw new DataFileException(csv.File, r.Line, "region", $"'{key}' is not a unit of the {era.Id}-era boundaries of {year}");
            if (!seen.Add((key, F(1)))) throw new DataFileException(csv.File, r.Line, "region", $"a second value for {F(0)} {year}");
            var source = SourceOf(csv, r, F(8), sources);
            var note = F(7).Length == 0 ? WageCarrierNote : $"{WageCarrierNote}; {F(7)}";
            if (F(4) != indicator.Unit) note += $"; source unit: {F(4)}";
            rows.Add(new(key, F(1), F(3), [key, F(1), WageIndicator, F(3), indicator.Unit, F(5), era.Id, source.Id, note], csv.File, r.Line,
                F(7).Contains(CheckedAgainstOfficial, StringComparison.Ordinal)));
        }
        return rows;
    }

    // The compiled wages merged into the official socio-economic rows: never two values for one cell. Where an official
    // figure exists it wins and its note records whether the compilation agrees (the compilation's only independent check).
    private static List<IReadOnlyList<string>> WithWages(List<IReadOnlyList<string>> official, List<CompiledWage> compiled)
    {
        var index = new Dictionary<(string, string), int>();
        for (var i = 0; i < official.Count; i++)
            if (official[i][2] == WageIndicator) index[(official[i][0], official[i][1])] = i;
        var rows = new List<IReadOnlyList<string>>(official);
        foreach (var w in compiled)
        {
            if (!index.TryGetValue((w.Key, w.Year), out var at))
            {
                if (w.MarkedChecked)
                    throw new DataFileException(w.File, w.Line, "note",
                        $"marked «{CheckedAgainstOfficial}» but socioeconomic.csv has no official wage for {w.Key} {w.Year}");
                rows.Add(w.Row);
                continue;
            }
            var o = official[at];
            var agrees = DataNumber.TryParse(o[3], NumberFormat.Invariant) == DataNumber.TryParse(w.Value, NumberFormat.Invariant);
            if (w.MarkedChecked && !agrees)
                throw new DataFileException(w.File, w.Line, "value",
                    $"marked «{CheckedAgainstOfficial}» but {w.Value} differs from the official {o[3]} for {w.Key} {w.Year}");
            var realigned = w.Row[8].Contains("year realigned", StringComparison.Ordinal) ? " once its row is realigned by one year" : "";
            var said = agrees
                ? $"the third-party compilation ({w.Row[7]}) gives the same value{realigned}"
                : $"the third-party compilation ({w.Row[7]}) gives {w.Value}; the official figure is kept";
            rows[at] = [.. o.Take(8), o[8].Length == 0 ? said : $"{o[8]}; {said}"];
        }
        return [.. rows.OrderBy(x => x[0], StringComparer.Ordinal).ThenBy(x => x[1], StringComparer.Ordinal).ThenBy(x => x[2], StringComparer.Ordinal)];
    }

    /// <summary>Boundary labels of the curated od-flows.csv («2022 units (20)») and the era they name.</summary>
    private static readonly IReadOnlyDictionary<string, string> OdBoundaries =
        BoundaryEra.All.ToDictionary(e => $"{e.Id} units ({e.UnitCount})", e => e.Id, StringComparer.Ordinal);

    // od-flows.csv: copied cell by cell; the note gains «BNS via a third-party compilation» so it is said wherever a row is shown.
    private static List<IReadOnlyList<string>> BuildOdFlows(string from, Dictionary<string, string> keyOfName, Dictionary<string, Source> sources)
    {
        var csv = ReadSource(from, "od-flows.csv", ["year", "period", "flow", "origin", "destination", "persons", "boundaries", "status", "source_url", "note"]);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in csv.Records)
        {
            string F(int i) => r.Fields[i];
            var origin = KeyOf(csv, r, F(3), keyOfName);
            var destination = KeyOf(csv, r, F(4), keyOfName);
            if (!int.TryParse(F(0), NumberStyles.None, CultureInfo.InvariantCulture, out _)) throw new DataFileException(csv.File, r.Line, "year", $"'{F(0)}' is not a year");
            if (!DataNumber.IsInvariant(F(5))) throw new DataFileException(csv.File, r.Line, "persons", $"'{F(5)}' is not an invariant number");
            var era = OdBoundaries.TryGetValue(F(6), out var e) ? e
                : throw new DataFileException(csv.File, r.Line, "boundaries", $"'{F(6)}' is not one of {string.Join(", ", OdBoundaries.Keys)}");
            var source = SourceOf(csv, r, F(8), sources);
            var note = F(9).Length == 0 ? OdCarrierNote : $"{OdCarrierNote}; {F(9)}";
            rows.Add([F(0), F(1), F(2), origin, destination, F(5), F(7), era, source.Id, note]);
        }
        return [.. rows.OrderBy(x => x[0], StringComparer.Ordinal).ThenBy(x => x[1], StringComparer.Ordinal).ThenBy(x => x[2], StringComparer.Ordinal)
            .ThenBy(x => x[3], StringComparer.Ordinal).ThenBy(x => x[4], StringComparer.Ordinal)];
    }

    /// <summary>What every bundled origin–destination row says about its standing (docs/bundled-sources.md «The origin–destination matrix»).</summary>
    public const string OdCarrierNote = "BNS via a third-party compilation";

    private static List<IReadOnlyList<string>> BuildPopulation(string from, Dictionary<string, string> keyOfName, RegionRegistry registry, Dictionary<string, Source> sources)
    {
        var csv = ReadSource(from, "population.csv", ["region", "date", "indicator", "value", "unit", "status", "boundaries", "source_url", "note"]);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in csv.Records)
        {
            string F(int i) => r.Fields[i];
            var key = KeyOf(csv, r, F(0), keyOfName);
            if (!DateOnly.TryParseExact(F(1), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new DataFileException(csv.File, r.Line, "date", $"'{F(1)}' is not a date (yyyy-MM-dd)");
            if (F(2) != "population") throw new DataFileException(csv.File, r.Line, "indicator", $"'{F(2)}' is not «population»");
            if (F(4) != "persons") throw new DataFileException(csv.File, r.Line, "unit", $"'{F(4)}' is not «persons»");
            CheckValue(csv, r, F(3));
            if (Codes.ParseStatus(F(5)) is null) throw new DataFileException(csv.File, r.Line, "status", $"'{F(5)}' is not one of {string.Join(", ", Codes.Statuses)}");
            var era = BoundaryEra.OfYear(date.Year);
            if (!registry[key].IsCountry && !registry.UnitsIn(era).Any(u => u.Key == key))
                throw new DataFileException(csv.File, r.Line, "region", $"'{key}' is not a unit of the {era.Id}-era boundaries that {F(1)} is assigned to");
            var source = SourceOf(csv, r, F(7), sources);
            rows.Add([key, F(1), F(3), F(4), F(5), era.Id, source.Id, F(8)]);
        }
        return [.. rows.OrderBy(x => x[0], StringComparer.Ordinal).ThenBy(x => x[1], StringComparer.Ordinal)];
    }

    /// <summary>The footnote wording of a state-programme price in the curated housing.csv (the source's footnotes 3–5).</summary>
    private static readonly System.Text.RegularExpressions.Regex ProgrammeNote =
        new(@"^price of housing sold under the (?<programme>.+?) programme, not a market price", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The state programme named by a housing.csv note («… under the Nurly Zhol programme, not a market price» → Nurly Zhol), or null for a market price.</summary>
    internal static string? ProgrammeOf(string note, Func<string, Exception> refuse)
    {
        var m = ProgrammeNote.Match(note);
        if (m.Success) return m.Groups["programme"].Value;
        if (note.Contains("programme", StringComparison.OrdinalIgnoreCase))
            throw refuse($"the note mentions a programme but not in the form «price of housing sold under the X programme, not a market price»: '{note}'");
        return null;
    }

    private static List<IReadOnlyList<string>> BuildHousing(string from, Dictionary<string, string> keyOfName, Dictionary<string, Source> sources)
    {
        var csv = ReadSource(from, "housing.csv", ["region", "year", "indicator", "value", "unit", "status", "city", "label", "note", "source_url"]);
        var indicators = IndicatorCatalogue.All.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in csv.Records)
        {
            string F(int i) => r.Fields[i];
            var key = KeyOf(csv, r, F(0), keyOfName);
            var year = int.Parse(F(1), NumberStyles.None, CultureInfo.InvariantCulture);
            var id = F(2);
            if (!id.StartsWith("housing_price_", StringComparison.Ordinal))
                throw new DataFileException(csv.File, r.Line, "indicator", $"'{id}' is not a housing-price indicator");
            var indicator = IndicatorOf(csv, r, id, F(3), F(4), indicators);
            var unit = F(4);
            if (Codes.ParseStatus(F(5)) is null)
                throw new DataFileException(csv.File, r.Line, "status", $"'{F(5)}' is not one of {string.Join(", ", Codes.Statuses)}");
            if (F(6).Length == 0) throw new DataFileException(csv.File, r.Line, "city", "empty: every price is the price of a named city");
            var programme = ProgrammeOf(F(8), reason => new DataFileException(csv.File, r.Line, "note", reason));
            var notes = new List<string>();
            if (F(8).Length > 0) notes.Add(F(8));
            if (unit != indicator.Unit) notes.Add($"source unit: {unit}");
            var source = SourceOf(csv, r, F(9), sources);
            rows.Add([key, F(1), id, F(3), indicator.Unit, F(5), BoundaryEra.OfYear(year).Id, F(6), programme ?? "", source.Id, string.Join("; ", notes)]);
        }
        return [.. rows.OrderBy(x => x[0], StringComparer.Ordinal).ThenBy(x => x[1], StringComparer.Ordinal).ThenBy(x => x[2], StringComparer.Ordinal)];
    }

    private static void Write(Package p, string from, string into)
    {
        Directory.CreateDirectory(Path.Combine(into, "boundaries"));
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        void Table(TableDefinition t, IEnumerable<IReadOnlyList<string>> rows)
        {
            written[t.File] = Csv.Format(t.Header, rows);
            Csv.WriteText(Path.Combine(into, t.File), written[t.File]);
        }
        Table(DataTables.Regions, p.Regions);
        Table(DataTables.Lineage, p.Lineage);
        Table(DataTables.Names, p.Names);
        // Bundled sources were not imported: the provenance columns of imported files stay empty.
        Table(DataTables.Sources, p.Sources.Select(s => (IReadOnlyList<string>)[s.Id, s.Url, s.Carrier, s.Publisher, s.Title, s.Note, "", "", "", "", "", "", ""]));
        Table(DataTables.Indicators, IndicatorCatalogue.All.OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => (IReadOnlyList<string>)[i.Id, i.Label, i.Unit, i.Kind, i.Additive ? "true" : "false", i.Description]));
        Table(DataTables.Migration, p.Migration);
        Table(DataTables.Socioeconomic, p.Socioeconomic);
        Table(DataTables.Housing, p.Housing);
        Table(DataTables.OdFlows, p.OdFlows);
        Table(DataTables.Population, p.Population);
        foreach (var era in BoundaryEra.All)
            CopyBytes(Path.Combine(from, "boundaries", era.BoundaryFile), Path.Combine(into, "boundaries", era.BoundaryFile));
        CopyBytes(Path.Combine(from, "boundaries", LicenceFile), Path.Combine(into, "boundaries", LicenceFile));
        Csv.WriteText(Path.Combine(into, "boundaries", "ATTRIBUTION.md"),
            $"# Boundaries\n\n{BoundaryAttribution}\n\nShow this line wherever a map is drawn. Licence: {LicenceFile}.\n\n" +
            string.Join("", BoundaryEra.All.Select(e => $"- `{e.BoundaryFile}`: {e}, {Period(e)}\n")) +
            "\nThe 2015 file is derived by merging the 2018 polygons of Turkestan and Shymkent (see the file's `note` properties).\n");
        Csv.WriteText(Path.Combine(into, "datapackage.json"), DataPackageJson.Write(p.Sources, written, BoundaryAttribution, LicenceFile));
        Csv.WriteText(Path.Combine(into, "README.md"), ReadmeText());
    }

    private static void CopyBytes(string from, string to) => File.WriteAllBytes(to, File.ReadAllBytes(from));

    private static string Period(BoundaryEra e) =>
        (e.From, e.To) switch
        {
            (null, { } to) => $"until {Date(to)}",
            ({ } f, null) => $"from {Date(f)}",
            ({ } f, { } to) => $"{Date(f)} – {Date(to)}",
            _ => "",
        };

    private static string ReadmeText() =>
        "# data/ — official figures for the KzMigration workbench\n\n" +
        "Generated by `kzmig data build --from <curated sources> --into data` (KzMigration.Data.DataPackageBuilder); do not edit by hand.\n" +
        "Schemas, keys and licences: `datapackage.json` (Frictionless tabular data package). Check: `kzmig data check`.\n" +
        "Each table's `stats` there (rows, bytes, sha256) are those of the build; the loader refuses a table whose row count differs.\n\n" +
        "Every value carries a `source_id` (sources.csv), a `status` (exact, derived, rounded, estimate) and a note. Missing region-years are absent rows, never zeros.\n" +
        "`boundaries` names the boundary era of the territory a value refers to (2015, 2018, 2022).\n\n" +
        "`od-flows.csv` is an origin–destination matrix of moves between regions (BNS via a third-party compilation): rows are origins, columns destinations. " +
        "Interregional arrivals (column sums), departures (row sums) and balances are derived from it when the data are loaded (status derived, the derivation in the note), " +
        "in the boundaries of each year; an official figure for the same cell wins, and a disagreement is a warning naming both values.\n\n" +
        "User-imported figures go in `data/user/` (migration.csv and/or socioeconomic.csv in the same layout, plus sources.csv); they are loaded as an overlay and validated by the same rules. " +
        "`kzmig data import` writes them there and records each imported file in the provenance columns of sources.csv (file, sha256, imported_at, format, portal_id, target, rows), which bundled sources leave empty.\n\n" +
        "## Rules the builder applied\n\n" + string.Join("", Rules.Select(r => $"- {r}\n")) +
        "\n## Boundaries\n\n" + BoundaryAttribution + "\n";

    private static CsvTable ReadSource(string from, string file, string[] header)
    {
        return Csv.ReadFile(Path.Combine(from, file), Curated + file, header);
    }

    private static string KeyOf(CsvTable csv, CsvRecord r, string name, Dictionary<string, string> keyOfName) =>
        keyOfName.TryGetValue(name, out var key) ? key : throw new DataFileException(csv.File, r.Line, "region", $"'{name}' is not in the curated regions.csv");

    // The definition of a row's indicator, its value checked as an invariant number and its unit as the indicator's (possibly qualified).
    private static Indicator IndicatorOf(CsvTable csv, CsvRecord r, string id, string value, string unit, Dictionary<string, Indicator> indicators)
    {
        if (!indicators.TryGetValue(id, out var indicator))
            throw new DataFileException(csv.File, r.Line, "indicator", $"indicator '{id}' has no definition in IndicatorCatalogue");
        CheckValue(csv, r, value);
        if (!unit.StartsWith(indicator.Unit, StringComparison.Ordinal))
            throw new DataFileException(csv.File, r.Line, "unit", $"'{unit}' does not start with the unit of '{id}' ('{indicator.Unit}')");
        return indicator;
    }

    private static void CheckValue(CsvTable csv, CsvRecord r, string value)
    {
        if (!DataNumber.IsInvariant(value)) throw new DataFileException(csv.File, r.Line, "value", $"'{value}' is not an invariant number");
    }

    private static Source SourceOf(CsvTable csv, CsvRecord r, string text, Dictionary<string, Source> sources)
    {
        var source = SourceCatalogue.For(text) ?? throw new DataFileException(csv.File, r.Line, "source_url", $"no SourceCatalogue entry for '{text}'");
        sources[source.Id] = source;
        return source;
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
