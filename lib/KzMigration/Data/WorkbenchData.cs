using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>
/// The workbench's data, loaded and validated: regions, sources, indicator definitions, migration figures and
/// socio-economic figures (housing prices from <c>housing.csv</c> among them). Built from <c>data/</c> plus, when present, the user overlay <c>data/user/</c> (and any
/// folders passed to <see cref="Load"/>): an overlay holds <c>migration.csv</c> and/or <c>socioeconomic.csv</c> in
/// the bundled layout and a <c>sources.csv</c> for its new sources; it is validated by the same rules.
/// Nothing is returned partially: any error throws <see cref="DataFileException"/>.
/// </summary>
public sealed class WorkbenchData
{
    /// <summary>Name of the user overlay folder inside the data folder (importers write there).</summary>
    public const string UserFolder = "user";

    private WorkbenchData(
        string directory,
        IReadOnlyList<string> overlays,
        RegionRegistry regions,
        IReadOnlyDictionary<string, Source> sources,
        IReadOnlyDictionary<string, Indicator> definitions,
        IReadOnlyList<MigrationObservation> migration,
        IReadOnlyList<IndicatorObservation> indicators,
        IReadOnlyList<OdFlowObservation> odFlows,
        IReadOnlyList<YearFlowMatrix> matrices,
        IReadOnlyList<DataWarning> warnings)
    {
        OdFlows = odFlows;
        FlowMatrices = matrices;
        Directory = directory;
        Overlays = overlays;
        Regions = regions;
        Sources = sources;
        IndicatorDefinitions = definitions;
        Migration = migration;
        Indicators = indicators;
        Warnings = warnings;
    }

    /// <summary>The data folder.</summary>
    public string Directory { get; }

    /// <summary>Overlay folders that were loaded on top of it.</summary>
    public IReadOnlyList<string> Overlays { get; }

    public RegionRegistry Regions { get; }

    /// <summary>Sources by id.</summary>
    public IReadOnlyDictionary<string, Source> Sources { get; }

    /// <summary>Indicator definitions by id (indicators.csv).</summary>
    public IReadOnlyDictionary<string, Indicator> IndicatorDefinitions { get; }

    /// <summary>All migration figures (bundled, then overlays).</summary>
    public IReadOnlyList<MigrationObservation> Migration { get; }

    /// <summary>All socio-economic figures (bundled, then overlays).</summary>
    public IReadOnlyList<IndicatorObservation> Indicators { get; }

    /// <summary>All origin–destination rows (bundled od-flows.csv, then overlays).</summary>
    public IReadOnlyList<OdFlowObservation> OdFlows { get; }

    /// <summary>The complete origin–destination matrices, one per year and period, on the boundaries their rows refer to.</summary>
    public IReadOnlyList<YearFlowMatrix> FlowMatrices { get; }

    /// <summary>
    /// Population at 1 January (<c>population.csv</c>, bundled only; empty for a folder without it). Distinct from the
    /// indicator <c>population_end_of_year</c>: rates per 1,000 use this series (see <see cref="PopulationAt"/>).
    /// </summary>
    public IReadOnlyList<PopulationObservation> Population { get; private init; } = [];

    /// <summary>The population of a unit at a date as published (its own boundaries on that date), or null (missing is missing).</summary>
    public PopulationObservation? PopulationAt(string regionKey, DateOnly date) =>
        Population.FirstOrDefault(p => p.Region.Key == regionKey && p.Date == date);

    /// <summary>Consistency warnings (balances not summing to 0 or to the national value, overlay rows repeating bundled ones).</summary>
    public IReadOnlyList<DataWarning> Warnings { get; }

    /// <summary>
    /// The area centroid (<see cref="RegionGeometry.Centroid"/>) of every unit of <paramref name="era"/>, by region key, from this data
    /// folder's boundary polygons: the one set of centroids the gravity model's distances and the flow map's lines share.
    /// </summary>
    public IReadOnlyDictionary<string, GeoPoint> Centroids(BoundaryEra era) =>
        RegionGeometry.Read(System.IO.Path.Combine(Directory, "boundaries"), era, Regions).ToDictionary(s => s.Region.Key, RegionGeometry.Centroid, StringComparer.Ordinal);

    /// <summary>Loads and validates <paramref name="dataDirectory"/>, its <c>user/</c> overlay if present, then <paramref name="overlayDirectories"/>.</summary>
    public static WorkbenchData Load(string dataDirectory, params string[] overlayDirectories) =>
        LoadCore(dataDirectory, includeUser: true, overlayDirectories);

    /// <summary>
    /// Loads and validates the bundle in <paramref name="dataDirectory"/> alone, ignoring its <c>user/</c> overlay
    /// (a user's local imports), then <paramref name="overlayDirectories"/>: what tests and comparisons with the
    /// published package need, whatever a user has imported.
    /// </summary>
    public static WorkbenchData LoadBundle(string dataDirectory, params string[] overlayDirectories) =>
        LoadCore(dataDirectory, includeUser: false, overlayDirectories);

    /// <summary>
    /// As <see cref="LoadBundle"/> for a bundle whose recorded hashes were verified when it was compiled into an app and
    /// that cannot change since (the seminar explorer checks its embedded copy with <see cref="LoadBundle"/> when it is
    /// built): the rows are read and validated as always, the bundle's sha256 are not recomputed. Overlays
    /// (<paramref name="overlayDirectories"/>, a user's files) are verified as always.
    /// </summary>
    public static WorkbenchData LoadTrustedBundle(string dataDirectory, params string[] overlayDirectories) =>
        LoadCore(dataDirectory, includeUser: false, overlayDirectories, verifyBundle: false);

    /// <summary>
    /// Loads the data as they would be with <paramref name="overlayDirectory"/> replaced by its staged copy
    /// <paramref name="staged"/> (an <see cref="ImportTransaction"/> validating before it commits).
    /// </summary>
    internal static WorkbenchData LoadStaged(string dataDirectory, string overlayDirectory, string staged)
    {
        var user = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(dataDirectory, UserFolder)));
        var isUser = string.Equals(user, Path.TrimEndingDirectorySeparator(Path.GetFullPath(overlayDirectory)), StringComparison.Ordinal);
        return LoadCore(dataDirectory, includeUser: !isUser, [staged]);
    }

    private static WorkbenchData LoadCore(string dataDirectory, bool includeUser, string[] overlayDirectories, bool verifyBundle = true)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        if (!System.IO.Directory.Exists(dataDirectory)) throw new DataFileException(dataDirectory, null, null, "data folder not found");
        // The user overlay is read under its import lock, so a load never sees half of an import's commit; an
        // import interrupted by a kill is finished or undone first (ImportTransaction).
        var userOverlay = Path.Combine(dataDirectory, UserFolder);
        using var guard = includeUser && (System.IO.Directory.Exists(userOverlay) || ImportTransaction.NeedsRecovery(userOverlay))
            ? ImportTransaction.ReadGuard(userOverlay)
            : null;
        var regions = DataPackageReader.ReadRegistry(dataDirectory);
        var sources = DataPackageReader.ReadSources(dataDirectory);
        var definitions = DataPackageReader.ReadIndicators(dataDirectory);
        var migration = DataPackageReader.ReadMigration(dataDirectory, regions, sources);
        var indicators = DataPackageReader.ReadIndicatorValues(dataDirectory, regions, sources, definitions);
        indicators.AddRange(DataPackageReader.ReadHousing(dataDirectory, regions, sources, definitions));
        var odFlows = DataPackageReader.ReadOdFlows(dataDirectory, regions, sources);
        var population = DataPackageReader.ReadPopulation(dataDirectory, regions, sources);
        var warnings = new List<DataWarning>();
        // Rows first (their errors name a line), then the recorded hashes catch a well-formed hand edit.
        if (verifyBundle) PackageIntegrity.Verify(dataDirectory, bundle: true);

        var overlays = new List<string>();
        var user = Path.Combine(dataDirectory, UserFolder);
        if (includeUser && System.IO.Directory.Exists(user)) overlays.Add(user);
        overlays.AddRange(overlayDirectories.Select(Path.GetFullPath));
        foreach (var overlay in overlays)
        {
            if (!System.IO.Directory.Exists(overlay)) throw new DataFileException(overlay, null, null, "overlay folder not found");
            if (File.Exists(Path.Combine(overlay, DataTables.Sources.File))) sources = DataPackageReader.ReadSources(overlay, sources);
            // An overlay may declare indicators the bundle lacks (e.g. housing price per m², imported by the user).
            if (File.Exists(Path.Combine(overlay, DataTables.Indicators.File))) definitions = DataPackageReader.ReadIndicators(overlay, definitions);
            if (File.Exists(Path.Combine(overlay, DataTables.Migration.File)))
                migration = Merge(migration, DataPackageReader.ReadMigration(overlay, regions, sources),
                    m => (m.Region.Key, m.Year, m.Period, m.Flow, m.Measure), m => m.Value, m => m.Origin, warnings,
                    m => (m.Source, $"{m.Region.NameEn} {m.Year} {Codes.Of(m.Period)} {Codes.Of(m.Flow)} {Codes.Of(m.Measure)}"));
            if (File.Exists(Path.Combine(overlay, DataTables.Socioeconomic.File)))
                indicators = Merge(indicators, DataPackageReader.ReadIndicatorValues(overlay, regions, sources, definitions),
                    m => (m.Region.Key, m.Year, m.Indicator.Id), m => m.Value, m => m.Origin, warnings,
                    m => (m.Source, $"{m.Region.NameEn} {m.Year} {m.Indicator.Id}"));
            if (File.Exists(Path.Combine(overlay, DataTables.OdFlows.File)))
                odFlows = Merge(odFlows, DataPackageReader.ReadOdFlows(overlay, regions, sources),
                    m => (m.Year, m.Period, m.Flow, m.Origin.Key, m.Destination.Key), m => m.Persons, m => m.Location, warnings);
            PackageIntegrity.Verify(overlay, bundle: false);
        }

        migration = DataPackageReader.CheckBalances(migration, warnings);
        // Derived after the official figures are checked: an official figure for the same cell wins (FlowMatrices.WithDerived).
        var odWarnings = new List<DataWarning>();
        var matrices = Data.FlowMatrices.Build(odFlows, regions, odWarnings);
        migration = Data.FlowMatrices.WithDerived(migration, matrices, regions, odWarnings);
        warnings.InsertRange(0, DataPackageReader.Warnings(migration, regions));
        warnings.AddRange(odWarnings);
        return new WorkbenchData(dataDirectory, overlays, regions, sources, definitions, migration, indicators, odFlows, matrices, warnings) { Population = population };
    }

    // An overlay may add figures; repeating a bundled figure with the same value is harmless (warning, bundled row
    // kept), contradicting it is an error: the workbench never silently replaces an official figure. Official figures win
    // over compilations (OfficialPrecedence): a figure that is not from a third-party compilation — fetched from the portal
    // or imported from an official file — replaces a bundled compiled one, with a warning naming both values.
    private static List<T> Merge<T, TKey>(List<T> bundled, List<T> overlay, Func<T, TKey> key, Func<T, double> value, Func<T, string> origin, List<DataWarning> warnings,
        Func<T, (Source Source, string Cell)>? described = null)
        where TKey : notnull
    {
        var known = bundled.ToDictionary(key);
        var merged = new List<T>(bundled);
        var at = bundled.Select((b, i) => (Key: key(b), i)).ToDictionary(x => x.Key, x => x.i);
        foreach (var o in overlay)
        {
            if (known.TryGetValue(key(o), out var b))
            {
                var (file, line) = DataPackageReader.SplitOrigin(origin(o));
                if (described is not null && OfficialPrecedence.Replaces(described(o).Source, described(b).Source) is { } why)
                {
                    warnings.Add(value(b) != value(o)
                        ? new("official-over-compilation", OfficialPrecedence.Describe(described(o).Cell,
                            value(o), origin(o), described(o).Source, value(b), origin(b), described(b).Source, why))
                        : new("overlay-repeat", $"{origin(o)} repeats {origin(b)} with the same value; the figure of {described(o).Source.Id} is kept, not the compilation's"));
                    merged[at[key(o)]] = o;
                    known[key(o)] = o;
                    continue;
                }
                if (value(b) != value(o))
                    throw new DataFileException(file, line, "value",
                        $"contradicts {origin(b)} ({DataNumber.Format(value(b))} there, {DataNumber.Format(value(o))} here) for the same key");
                warnings.Add(new("overlay-repeat", $"{origin(o)} repeats {origin(b)} with the same value; the bundled row is kept"));
                continue;
            }
            merged.Add(o);
        }
        return merged;
    }

    // ---- Queries --------------------------------------------------------------------------------------------

    /// <summary>
    /// The origin–destination matrix of <paramref name="year"/> on the units of <paramref name="era"/> (default: the boundaries of
    /// that year), aggregated exactly from the stored matrix; null when no complete matrix of the year exists or the era is
    /// newer than the stored matrix (a matrix cannot be split).
    /// </summary>
    public OriginDestinationMatrix? FlowMatrix(int year, BoundaryEra? era = null, Period period = Period.JanDec)
    {
        var stored = FlowMatrices.FirstOrDefault(m => m.Year == year && m.Period == period);
        var target = era ?? BoundaryEra.OfYear(year);
        if (stored is null || target.Order > stored.Boundaries.Order) return null;
        return Harmonisation.ToEra(stored.Matrix, stored.Boundaries, target, Regions);
    }

    /// <summary>Interregional arrivals, departures and balances derived from every stored matrix, on the units of <paramref name="era"/> (status derived, the derivation in the note).</summary>
    public IReadOnlyList<MigrationObservation> DerivedFromMatrices(BoundaryEra era) =>
        [.. FlowMatrices.SelectMany(m => Data.FlowMatrices.Derive(m, era, Regions))];

    /// <summary>Migration figures of one flow, measure and period (all regions and years, national row included), ordered by region then year.</summary>
    public IReadOnlyList<MigrationObservation> MigrationValues(Flow flow, Measure measure, Period period = Period.JanDec) =>
        [.. Migration.Where(m => m.Flow == flow && m.Measure == measure && m.Period == period).OrderBy(m => m.Region.Kato, StringComparer.Ordinal).ThenBy(m => m.Year)];

    /// <summary>One migration figure, or null if the source has none (missing is missing, never 0).</summary>
    public MigrationObservation? FindMigration(string regionKey, int year, Flow flow, Measure measure, Period period = Period.JanDec) =>
        Migration.FirstOrDefault(m => m.Region.Key == regionKey && m.Year == year && m.Flow == flow && m.Measure == measure && m.Period == period);

    /// <summary>The value of <see cref="FindMigration"/>, or null.</summary>
    public double? MigrationValue(string regionKey, int year, Flow flow, Measure measure, Period period = Period.JanDec) =>
        FindMigration(regionKey, year, flow, measure, period)?.Value;

    /// <summary>All values of one indicator, ordered by region then year.</summary>
    public IReadOnlyList<IndicatorObservation> IndicatorValues(string indicatorId)
    {
        Definition(indicatorId);
        return [.. Indicators.Where(i => i.Indicator.Id == indicatorId).OrderBy(i => i.Region.Kato, StringComparer.Ordinal).ThenBy(i => i.Year)];
    }

    /// <summary>
    /// The housing prices of one series (<c>housing_price_resale_per_m2</c> or <c>housing_price_new_per_m2</c>, or an
    /// imported indicator), ordered by region then year; state-programme prices (<see cref="IndicatorObservation.IsProgrammePrice"/>)
    /// only when <paramref name="includeProgrammePrices"/> (<see cref="CountsAsPrice"/>).
    /// </summary>
    public IReadOnlyList<IndicatorObservation> HousingPrices(string indicatorId, bool includeProgrammePrices) =>
        [.. IndicatorValues(indicatorId).Where(o => CountsAsPrice(o, includeProgrammePrices))];

    /// <summary>
    /// Whether a housing price counts under the programme-price choice: a market price always, a state-programme price
    /// (<see cref="IndicatorObservation.IsProgrammePrice"/>: a fixed price of Nurly Zhol, Nurly Zher or Regional Development
    /// 2020, not a market one; docs/bundled-sources.md «Housing prices») only when <paramref name="includeProgrammePrices"/>.
    /// The one place the choice is applied: <see cref="HousingPrices"/>, the scoring panel and the housing claims call it
    /// (through <c>HousingChoice.Admits</c>).
    /// </summary>
    public static bool CountsAsPrice(IndicatorObservation price, bool includeProgrammePrices)
    {
        ArgumentNullException.ThrowIfNull(price);
        return includeProgrammePrices || !price.IsProgrammePrice;
    }

    /// <summary>One indicator value, or null.</summary>
    public IndicatorObservation? FindIndicator(string regionKey, int year, string indicatorId) =>
        Indicators.FirstOrDefault(i => i.Region.Key == regionKey && i.Year == year && i.Indicator.Id == indicatorId);

    /// <summary>The national level of an indicator (region <c>kazakhstan</c>), by year.</summary>
    public IReadOnlyList<IndicatorObservation> National(string indicatorId) =>
        [.. IndicatorValues(indicatorId).Where(i => i.Region.IsCountry)];

    /// <summary>
    /// The region × year panel of several indicators: one row per region-year that has at least one of them
    /// (national rows only if <paramref name="includeCountry"/>), a cell per indicator, null where missing.
    /// </summary>
    public ObservationPanel Panel(IEnumerable<string> indicatorIds, int? fromYear = null, int? toYear = null, bool includeCountry = false)
    {
        var ids = indicatorIds.ToList();
        foreach (var id in ids) Definition(id);
        var cells = Indicators
            .Where(i => ids.Contains(i.Indicator.Id) && (includeCountry || !i.Region.IsCountry)
                        && (fromYear is null || i.Year >= fromYear) && (toYear is null || i.Year <= toYear))
            .ToLookup(i => (i.Region.Key, i.Year));
        var rows = cells
            .Select(g => g.First())
            .OrderBy(i => i.Region.Kato, StringComparer.Ordinal).ThenBy(i => i.Year)
            .Select(first => new PanelRow(first.Region, first.Year,
                [.. ids.Select(id => cells[(first.Region.Key, first.Year)].FirstOrDefault(i => i.Indicator.Id == id))]))
            .ToList();
        return new ObservationPanel([.. ids.Select(Definition)], rows);
    }

    /// <summary>Which region-years have a figure for one flow, measure and period, with the status of each.</summary>
    public Coverage Coverage(Flow flow, Measure measure, Period period = Period.JanDec) =>
        Data.Coverage.Of(MigrationValues(flow, measure, period), Regions, $"{Codes.Of(flow)} {Codes.Of(measure)} {Codes.Of(period)}");

    /// <summary>Which region-years have a value of an indicator, with the status of each.</summary>
    public Coverage IndicatorCoverage(string indicatorId) =>
        Data.Coverage.Of(IndicatorValues(indicatorId), Regions, indicatorId);

    private Indicator Definition(string id) =>
        IndicatorDefinitions.TryGetValue(id, out var d) ? d
        : throw new KeyNotFoundException($"unknown indicator '{id}'; known: {string.Join(", ", IndicatorDefinitions.Keys.Order(StringComparer.Ordinal))}");
}
