using KzMigration.Data.Import;
using KzMigration.Migration;

namespace KzMigration.Data.Fetch;

/// <summary>How far an id in the catalogue is established. Nothing here was checked against the live portals by this project.</summary>
public enum IdStanding
{
    /// <summary>A public repository holds data downloaded with this id (a raw file, or a client's output of it).</summary>
    SeenWithData,

    /// <summary>Public client code calls this id (a URL in its source), but no saved response was found: unconfirmed.</summary>
    SeenInClientCode,

    /// <summary>No id was found in any public client or in the curated notes: look it up (<see cref="PortalCatalogue.LookUp"/>).</summary>
    NotFound,
}

/// <summary>
/// One series of the study in the catalogue: where the portals hold it, how sure that is, and what its values are
/// imported as.
/// </summary>
/// <param name="Key">The name on the command line (<c>kzmig data fetch net-migration</c>).</param>
/// <param name="Title">What is measured, in the study's words.</param>
/// <param name="UsedFor">Where the study uses it.</param>
/// <param name="Bundled">What <c>data/</c> already holds of it.</param>
/// <param name="Query">The request for it; null when no id is known (<see cref="IdStanding.NotFound"/>).</param>
/// <param name="Standing">How the id is established.</param>
/// <param name="Evidence">Where the id comes from (repository, file, commit) — or where it was looked for.</param>
/// <param name="Target">What the values are imported as.</param>
/// <param name="NewIndicatorKind">For an indicator the bundle does not define: its kind, which declares it.</param>
/// <param name="Note">What a user must know before using the values.</param>
/// <param name="SearchWords">Words to look the series up with (<c>--search</c>), in Russian as the portal names indices.</param>
/// <param name="Alternatives">Other known ids for the same series, with their standing.</param>
public sealed record CatalogueSeries(
    string Key,
    string Title,
    string UsedFor,
    string Bundled,
    PortalQuery? Query,
    IdStanding Standing,
    string Evidence,
    ImportTarget Target,
    string? NewIndicatorKind,
    string Note,
    IReadOnlyList<string> SearchWords,
    IReadOnlyList<string> Alternatives);

/// <summary>
/// The catalogue of the study's series on the BNS portals: which taldau index or stat.gov.kz dynamic-table element holds
/// each indicator the study uses or misses, with the ids that public clients and the curated notes document
/// (/work/shared/sources/formats/FORMATS.md §1 and §2.7 name the repositories; docs/portal-catalogue.md is the same list
/// for readers). An id that could not be confirmed says so; none is invented: where none was found the entry says how
/// to look it up, and <c>kzmig data fetch KEY --index ID</c> uses the entry's target with the id the user found.
/// </summary>
public static class PortalCatalogue
{
    private const string KazData = "GitHub armanbostybayev-maker/kaz-Data";
    private const string NotInClients =
        "not found: no public client and none of the curated notes give a taldau index or stat.gov.kz element for it (FORMATS.md §2.7); " +
        "kaz-Data's notes (etl/sources/registry.py @ 4d78fe7) say gross migration flows are published only as XLSX on the demography «dynamic tables» page";

    /// <summary>Every series, in the order the study meets them.</summary>
    public static IReadOnlyList<CatalogueSeries> All { get; } =
    [
        new("net-migration",
            "Net migration by all flows («Сальдо миграции по всем потокам»), persons",
            "Figure 1's context (notebook 02, total net migration), the estimated net-migration panel (notebook 06)",
            "every region 2013–2023 from a third-party compilation (datathon-everything); the national series 2000–2024 from this element via kaz-Data",
            new DynamicTableQuery("6567"), IdStanding.SeenWithData,
            $"{KazData}: data/catalog/stat_gov_kz_sources.json and the raw download data/raw/stat/demography/migration_balance_2026-09-30.csv @ 4d78fe7 " +
            "(its head is in shared/sources/formats; the bundled national series is read from it)",
            new MigrationTarget(Flow.All, Measure.Balance), null,
            "Regional rows exist only for 2023–2024 (the national row from 2000). Where a fetched figure differs from the compilation's, the official one is used and `data check` names both.",
            ["сальдо миграции"], []),
        new("population",
            "Population at 1 January («Численность населения на начало периода»), persons",
            "rates per 1,000 (notebook 06) and ACMI (notebook 07) divide by the bundled population.csv; a fetch adds the indicator population_end_of_year",
            "population.csv holds this element for 1 January 2010–2025 (via kaz-Data); socioeconomic.csv holds the first release of 1 January 2023 as population_end_of_year",
            new DynamicTableQuery("6584"), IdStanding.SeenWithData,
            $"{KazData}: data/raw/stat/demography/population_yearly_2026-08-11.csv @ 778ae3c (the bundled population.csv is read from it)",
            new IndicatorTarget("population_end_of_year", "persons"), null,
            "A row «2017 год» is the population on 1 January 2017 («на начало периода»): it is imported as a stock on that date, i.e. population_end_of_year 2016. " +
            "1 January 2018 and 2022 are already on the new units (BNS recalculated them), which the end of 2017 and 2021 did not have, and 1 January 2023 is the revised figure " +
            "(Abai 610,198), which contradicts the bundled first release (610,189): fetch with --exclude-years 2017,2021,2022.",
            ["численность населения"],
            ["taldau index 703831, period 7, dics 67,749,576,1433 (seen in client code: GitHub DANK-Z/taldau-project dags/taldau_elt/sql/011_indicator_registry_sources.sql @ 27e782c, and an automation script of the stored index, FORMATS.md S15)"]),
        new("unemployment-rate",
            "Unemployment rate (ILO definition, labour force survey), % of the labour force",
            "Figure 3 (a scored factor, notebook 04), the estimated panel (notebook 06)",
            "every region 2015–2022 (BNS table «Unemployment rate» via open-data-kazakhstan)",
            new IndexDataQuery("702944", "7", "67,749,576,1773,1793"), IdStanding.SeenInClientCode,
            "a Python automation script of the stored index (FORMATS.md S15, index file id 9309864493) calls GetIndexData/702944 with period 7 and these dics (region, locality type, sex, education, age); no saved response",
            new IndicatorTarget("unemployment_rate", "% of labour force"), null,
            "Region-level totals are kept (every other dictionary at «Всего»).",
            ["уровень безработицы"],
            ["stat.gov.kz element 102790, quarterly from 2023 (seen with data: kaz-Data data/raw/stat/labor/unemployment_rate_2026-09-30.csv; indicator rows are annual, so its quarters are not imported)"]),
        new("grp-per-capita",
            "Gross regional product per capita, tenge",
            "Figure 3 (a scored factor), the estimated panel",
            "grp_per_capita 2015–2022 in thousand tenge (BNS table «ВРП на душу населения» via open-data-kazakhstan)",
            new IndexDataQuery("2709380", "7", "67"), IdStanding.SeenWithData,
            "GitHub open-data-kazakhstan/average-per-capita-nominal-cash-income, data/output.csv @ dea4d0e (a flattening of GetIndexData/2709380?period=7&dics=67; its values equal the BNS spreadsheet × 1000); named «Валовый региональный продукт на душу населения» in FORMATS.md S15",
            new IndicatorTarget("grp_per_capita_kzt", "KZT"), "average",
            "The index is in tenge; the bundled grp_per_capita is in thousand tenge and the importer never rescales, so the values go to a declared indicator grp_per_capita_kzt (Figure 3 scores grp_per_capita).",
            ["валовой региональный продукт на душу населения"],
            ["stat.gov.kz element 5930 (thousand tenge, but printed ×10⁶ and ×10⁹ too large: needs --plausible-max and --correct-scale, docs/official-formats.md §2)"]),
        new("income-per-capita",
            "Per-capita nominal money income, tenge per month",
            "Figure 3 (a scored factor), the estimated panel",
            "income_per_capita 2015–2022: 2015–2020 from this index as truncated to integers by a carrier's script, 2021–2022 from BNS publication 92903",
            new IndexDataQuery("704447", "7", "67"), IdStanding.SeenWithData,
            "GitHub open-data-kazakhstan/average-per-capita-nominal-cash-income, scripts/process.py and data/output.csv @ 495278c (GetIndexData/704447?period=7&dics=67)",
            new IndicatorTarget("income_per_capita", "KZT per month"), null,
            "The portal's values keep their decimals; where they differ from the carrier's truncated copy in the bundle, the official ones are used and `data check` names both.",
            ["среднедушевые номинальные денежные доходы"],
            ["stat.gov.kz element 19298 (seen with data: kaz-Data catalogue)"]),
        new("wages",
            "Average monthly nominal wage, tenge",
            "Figure 3 (a scored factor, claim C14), the estimated panel",
            "avg_monthly_wage 2022 only (BNS publication 57024)",
            new IndexDataQuery("702972", "7", "68,859,776,2813,576"), IdStanding.SeenInClientCode,
            "GitHub DANK-Z/taldau-project (dags/taldau_elt/sql/011_indicator_registry_sources.sql @ 27e782c) and two scripts of the stored index (FORMATS.md S11, S14) call index 702972; dics from S11 (regions as reported, activity, locality, enterprise size, sex); no saved response",
            new IndicatorTarget("avg_monthly_wage", "KZT per month"), null,
            "Dictionary 68 is «regions as reported», with the same term ids as 67. Region-level totals are kept.",
            ["среднемесячная номинальная заработная плата"], []),
        new("interregional-arrivals",
            "Interregional arrivals by region (moves into a region from the other regions), persons",
            "Figure 2 (K = arrivals ÷ departures, notebook 03), claim C1",
            "derived from the origin–destination matrices of 2015, 2020, 2021, 2023, 2024 (BNS via a third-party compilation); official for Turkestan 2021 and Pavlodar 2022 only",
            null, IdStanding.NotFound, NotInClients,
            new MigrationTarget(Flow.Interregional, Measure.Arrivals), null,
            "Not the internal arrivals (which add moves inside a region, docs/migration-flows.md): check the index's name before fetching.",
            ["прибывшие межрегиональная миграция", "прибывшие"], []),
        new("interregional-departures",
            "Interregional departures by region (moves out of a region to the other regions), persons",
            "Figure 2 (K = arrivals ÷ departures)",
            "derived from the origin–destination matrices of 2015, 2020, 2021, 2023, 2024 (BNS via a third-party compilation); official for Pavlodar 2022 only",
            null, IdStanding.NotFound, NotInClients,
            new MigrationTarget(Flow.Interregional, Measure.Departures), null,
            "Not the internal departures: check the index's name before fetching.",
            ["выбывшие межрегиональная миграция", "выбывшие"], []),
        new("interregional-balance",
            "Interregional migration balance by region (arrivals − departures), persons",
            "Figure 1 (notebook 02), claims C2–C8, C11",
            "2022 and 2023 for every unit, January–June 2019 and 2020, the three cities 2021; 2015, 2020, 2021 derived from the origin–destination matrices",
            null, IdStanding.NotFound, NotInClients,
            new MigrationTarget(Flow.Interregional, Measure.Balance), null,
            "Figure 1 draws a year when every unit has a balance; fetch the balance beside the arrivals and departures.",
            ["сальдо межрегиональной миграции", "межрегиональная миграция"], []),
        new("vacancies",
            "Vacancies (labour demand) by region",
            "Figure 3's labour demand/supply ratio (claim C15), a known gap",
            "nothing (docs/bundled-sources.md «Known gaps»)",
            null, IdStanding.NotFound,
            "not found: no regional vacancy series in any public client or in the curated notes (shared/sources/README.md «Known gaps»)",
            new IndicatorTarget("vacancies"), "count",
            "Declared as a new count indicator; give --unit as the table prints it. The ratio to labour supply is not computed by the fetch.",
            ["вакансии", "потребность в работниках"], []),
    ];

    /// <summary>The series named <paramref name="key"/>.</summary>
    /// <exception cref="ImportUsageException">No such series.</exception>
    public static CatalogueSeries Get(string key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ImportUsageException($"'{key}' is not in the catalogue; known: {string.Join(", ", All.Select(s => s.Key))} (kzmig data fetch --list)");

    /// <summary>How to find an id the catalogue does not have (the steps of docs/portal-catalogue.md).</summary>
    public static string LookUp(CatalogueSeries? series = null)
    {
        var words = series?.SearchWords.FirstOrDefault() ?? "сальдо миграции";
        return $"find the index with `kzmig data fetch --search \"{words}\"` (taldau Search), then its period types and dictionary sets with " +
               "`kzmig data fetch --segments ID` (GetPeriodList, GetSegmentList), then fetch it with " +
               $"`kzmig data fetch {series?.Key ?? "--flow … --measure …"} --index ID --period 7 --dics 67` (docs/portal-catalogue.md)";
    }
}
