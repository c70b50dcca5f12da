namespace KzMigration.Data;

/// <summary>
/// Descriptions of the sources cited by the curated figures (column <c>source_url</c>), keyed by that exact text. The
/// builder refuses a source text that is not described here, so every value in <c>data/</c> has a source record.
/// Carrier and publisher are taken from the files' own notes and the curators' notes (docs/bundled-sources.md); where a title was not
/// recorded, the URL slug is given instead of an invented title.
/// </summary>
internal static class SourceCatalogue
{
    private const string Bns = "Bureau of National Statistics of the Republic of Kazakhstan (BNS)";

    public sealed record Entry(string Id, string Carrier, string Publisher, string Title);

    public static readonly IReadOnlyDictionary<string, Entry> ByText = new Dictionary<string, Entry>(StringComparer.Ordinal)
    {
        ["https://github.com/kanatislambekov/internal-migration-flow-kz/blob/f3ddb5898473ddc876533b13c35cecb942f0b5d0/data/internal_migration_2022.csv"] =
            new("kanatislambekov-internal-migration-2022", "GitHub: kanatislambekov/internal-migration-flow-kz", "BNS via a third-party compilation (the carrier names no source)", "internal_migration_2022.csv: internal arrivals and departures by region, 2022"),
        ["https://github.com/kanatislambekov/internal-migration-flow-kz/blob/f3ddb5898473ddc876533b13c35cecb942f0b5d0/data/internal_migration_2023.csv"] =
            new("kanatislambekov-internal-migration-2023", "GitHub: kanatislambekov/internal-migration-flow-kz", "BNS via a third-party compilation (the carrier names no source)", "internal_migration_2023.csv: internal arrivals and departures by region, 2023"),
        ["https://liter.kz/skolko-kazakhstantsev-uekhali-iz-strany-v-2022-godu-1676002468/amp"] =
            new("literkz-bns-release-2022", "liter.kz (news site)", Bns + ", annual release for 2022, as quoted", "news item, slug «skolko-kazakhstantsev-uekhali-iz-strany-v-2022-godu»"),
        ["https://eri.kz/en/Novosti_instituta/id=2121/arch=2023_10"] =
            new("eri-pandemic-migration", "eri.kz", "Economic Research Institute (Kazakhstan)", "table «Migration processes in the regions of Kazakhstan in the context of a pandemic»"),
        ["https://pavlodarnews.kz/pavlodar-oblisinda-khaliқ-sani-artti"] =
            new("pavlodarnews-2022", "pavlodarnews.kz (news site)", "Pavlodar regional statistics department, as quoted", "news item, slug «pavlodar-oblisinda-khaliқ-sani-artti»"),
        ["https://smarttop.kz/archives/4749"] =
            new("smarttop-turkestan-2021", "smarttop.kz (news site)", "Turkestan regional statistics department, as quoted", "news item archives/4749"),
        ["https://avtoradio.kz/bolee-32-tysjach-chelovek-pokinuli-kazahstan-za-2021-god"] =
            new("avtoradio-bns-release-2021", "avtoradio.kz (news site)", Bns + ", release quoted and rounded by the news item", "news item, slug «bolee-32-tysjach-chelovek-pokinuli-kazahstan-za-2021-god»"),
        ["https://github.com/xuzzu/datathon-case/blob/c907c24e/everything.xlsx"] =
            new("datathon-everything", "GitHub: xuzzu/datathon-case (a workbook compiled for a data competition; it names no source)",
                "BNS via a third-party compilation (the regional values sum to the national BNS total in every year)", "everything.xlsx, row «Сальдо миграции»"),
        ["https://github.com/xuzzu/datathon-case/blob/c907c24ed2e83c3b2e7a83012072b5a60dd8f30a/everything.xlsx (row «Зарплата»; a third-party compilation of BNS figures, no source named in the file)"] =
            new("datathon-wages", "GitHub: xuzzu/datathon-case (a workbook compiled for a data competition; it names no source)",
                "BNS via a third-party compilation, checked for 2022 only (its 2022 values equal the BNS 2022 wage publication for all 20 units once Karaganda and Ulytau are realigned; earlier years have no independent check)",
                "everything.xlsx, row «Зарплата»: average monthly nominal wage by region, 2013–2023"),
        ["https://github.com/armanbostybayev-maker/kaz-Data (raw BNS CSV from https://stat.gov.kz/api/iblock/element/6567/csv/file/ru/)"] =
            new("bns-iblock-6567-net-migration", "GitHub: armanbostybayev-maker/kaz-Data (raw copy)", Bns, "dynamic table «Сальдо миграции по всем потокам» (stat.gov.kz iblock element 6567)"),
        ["https://github.com/open-data-kazakhstan/city-avg-salary/blob/f8a82ac323d48199177d81109b2e74c141d6dd59/archive/pg16%20optRK2022.xlsx (BNS publication https://stat.gov.kz/ru/industries/labor-and-income/stat-wags/publications/57024/)"] =
            new("bns-wages-2022", "GitHub: open-data-kazakhstan/city-avg-salary", Bns, "pg16 optRK2022.xlsx: average monthly nominal wage by region, 2022 (BNS publication 57024)"),
        ["https://github.com/open-data-kazakhstan/doctors-by-region/blob/79b899e06d36550d136fbbd2c75491727ee7a252/archive/%D0%A7%D0%B8%D1%81%D0%BB%D0%B5%D0%BD%D0%BD%D0%BE%D1%81%D1%82%D1%8C%20%D0%B2%D1%80%D0%B0%D1%87%D0%B5%D0%B9%20%D0%B2%D1%81%D0%B5%D1%85%20%D1%81%D0%BF%D0%B5%D1%86%D0%B8%D0%B0%D0%BB%D1%8C%D0%BD%D0%BE%D1%81%D1%82%D0%B5%D0%B9.xls"] =
            new("bns-doctors", "GitHub: open-data-kazakhstan/doctors-by-region", Bns, "«Численность врачей всех специальностей» (.xls), at end of year"),
        ["derived from https://github.com/open-data-kazakhstan/doctors-by-region/blob/79b899e06d36550d136fbbd2c75491727ee7a252 and https://github.com/open-data-kazakhstan/city-population/blob/46e8393c47645ef114b6417a39b45502f62c17bf/archive/source.xlsx"] =
            new("derived-doctors-per-10k-2022", "curated figures (computed from two BNS tables)", Bns + " (inputs)", "doctors at end of 2022 ÷ population on 1 January 2023 × 10 000"),
        ["https://zakon.kz/obshestvo/6405882-gde-v-kazakhstane-ne-khvataet-vrachey-rasskazali-statistiki.html"] =
            new("zakonkz-doctors-2022", "zakon.kz (news site)", Bns + ", as quoted", "news item 6405882, slug «gde-v-kazakhstane-ne-khvataet-vrachey-rasskazali-statistiki»"),
        ["https://github.com/open-data-kazakhstan/city-gdp-per-capita/blob/659fb639048bf7897462e6f9d4db1b057cce42b5/arhive/6.%20%D0%92%D0%A0%D0%9F%20%D0%BD%D0%B0%20%D0%B4%D1%83%D1%88%D1%83%20%D0%BD%D0%B0%D1%81%D0%B5%D0%BB%D0%B5%D0%BD%D0%B8%D1%8F.xlsx"] =
            new("bns-grp-per-capita", "GitHub: open-data-kazakhstan/city-gdp-per-capita", Bns, "«6. ВРП на душу населения.xlsx»: gross regional product per capita"),
        ["https://new.stat.gov.kz/en/industries/labor-and-income/stat-life/publications/92903/"] =
            new("bns-income-publication-92903", "stat.gov.kz", Bns, "publication 92903: per-capita nominal money income by region (2022, with 2021 in 2022 boundaries)"),
        ["https://github.com/open-data-kazakhstan/average-per-capita-nominal-cash-income/blob/495278c8f40fd82b0a56bfb369f7c66393fc449e/data/output.csv (from taldau.stat.gov.kz index 704447)"] =
            new("bns-income-taldau-704447", "GitHub: open-data-kazakhstan/average-per-capita-nominal-cash-income", Bns, "output.csv: per-capita nominal money income (taldau index 704447)"),
        ["https://github.com/open-data-kazakhstan/people-applied-employment-authorities/blob/d54711d5be7c6dd8c3f7f39f7846cc62740ed6ec/archive/raw.xlsx (source stated: https://gender.stat.gov.kz/ru/category/7)"] =
            new("bns-job-seekers", "GitHub: open-data-kazakhstan/people-applied-employment-authorities", Bns + " (gender statistics portal, as stated by the carrier)", "raw.xlsx: persons who applied to employment authorities"),
        ["https://github.com/open-data-kazakhstan/city-population/blob/46e8393c47645ef114b6417a39b45502f62c17bf/archive/source.xlsx (BNS bulletin 'Численность населения РК по полу и типу местности на 1 января 2023 г.', sheet 01)"] =
            new("bns-population-2023-01-01", "GitHub: open-data-kazakhstan/city-population", Bns, "bulletin «Численность населения РК по полу и типу местности на 1 января 2023 г.», sheet 01"),
        ["https://github.com/armanbostybayev-maker/kaz-Data/blob/778ae3c8268a8bde86f1532585f27e11e22cfe21/data/raw/stat/demography/population_yearly_2026-08-11.csv (BNS «Численность населения на начало периода», stat.gov.kz/api/iblock/element/6584)"] =
            new("bns-iblock-6584-population", "GitHub: armanbostybayev-maker/kaz-Data (raw copy)", Bns, "dynamic table «Численность населения на начало периода» (stat.gov.kz iblock element 6584), population at 1 January"),
        ["https://new.stat.gov.kz/ru/industries/labor-and-income/stat-life/publications/6448/"] =
            new("bns-poverty-publication-6448", "stat.gov.kz", Bns, "publication 6448: share of population with income below the subsistence minimum"),
        ["https://github.com/Diar299/kz-migration/blob/ce5aa56edb23d56aacede5db0cbeb81e83d5e36f/data/Internal_migration.csv"] =
            new("diar299-od-flows", "GitHub: Diar299/kz-migration (a third-party compilation)", Bns + ", as stated by the carrier (BNS via a third-party compilation)",
                "data/Internal_migration.csv: origin–destination moves between regions, recalculated on the 20 units of 2022"),
        ["https://github.com/open-data-kazakhstan/city-unemployment-rate/blob/2daa097cb5c73f5d4102426786464ac6d14324e7/archive/unemploymentRate.xlsx"] =
            new("bns-unemployment-rate", "GitHub: open-data-kazakhstan/city-unemployment-rate", Bns, "unemploymentRate.xlsx: «Unemployment rate», sheet Regions_quarter (English BNS table)"),
        ["https://github.com/Harakirigi/statGovParser/blob/fe5777f98e76061e95bc3f3466c83f93f3cf84f0/downloads/Dynamic%20table%20Housing_market_prices.xlsx (BNS dynamic table «Housing market prices», stat.gov.kz)"] =
            new("bns-housing-market-prices", "GitHub: Harakirigi/statGovParser", Bns, "dynamic table «Housing market prices»: average price per m² of new housing and of resale apartments by city, end of year"),
    };

    /// <summary>The source record for a <c>source_url</c> text: the first address is the URL, the full text is kept in the note.</summary>
    public static Source? For(string text)
    {
        if (!ByText.TryGetValue(text, out var e)) return null;
        var url = text.Split(' ').FirstOrDefault(t => t.StartsWith("http", StringComparison.Ordinal)) ?? text;
        var note = text == url ? "" : $"source as cited by the curated figures: {text}";
        return new Source(e.Id, url, e.Carrier, e.Publisher, e.Title, note);
    }
}

/// <summary>
/// Definitions of the indicators found in the curated socioeconomic.csv and housing.csv (labels and units as printed there;
/// descriptions from the curators' notes). <c>additive</c> follows the rule of docs/boundaries.md: counts may be summed over
/// regions, ratios and per-capita values may not.
/// </summary>
internal static class IndicatorCatalogue
{
    public static readonly IReadOnlyList<Indicator> All =
    [
        new("avg_monthly_wage", "Average monthly nominal wage", "KZT per month", "average", false,
            "Average monthly nominal wage per employee (BNS). 2022: the BNS publication, national level included. 2013–2021 and 2023: BNS via a third-party compilation, checked for 2022 only " +
            "(source datathon-wages; Karaganda and Ulytau realigned by one year; South Kazakhstan 2013–2017 missing); values to 2021 of Almaty region, East Kazakhstan and Karaganda are the pre-2022 territories. " +
            "No national figure before 2022. A per-employee average: never summed or averaged across units."),
        new("doctors", "Doctors of all specialties (count at end of year)", "persons", "count", true,
            "Doctors of all specialties at the end of the year (BNS). 2015–2022."),
        new("doctors_per_10k", "Doctors per 10000 population (derived)", "per 10000", "ratio", false,
            "Derived by the curators for every unit: doctors at the end of 2022 ÷ population on 1 January 2023 × 10 000. 2022 only. The four official BNS figures are doctors_per_10k_bns."),
        new("doctors_per_10k_bns", "Doctors per 10000 population (official BNS figure)", "per 10000", "ratio", false,
            "Official BNS figure quoted by the press, 2022, four units. Kept apart from doctors_per_10k, whose values are derived by a different calculation."),
        new("grp_per_capita", "GRP per capita", "thousand KZT", "average", false,
            "Gross regional product per capita, thousand tenge (BNS). 2015–2022."),
        new("income_per_capita", "Per-capita nominal money income", "KZT per month", "average", false,
            "Per-capita nominal money income, monthly, annual average (BNS). 2015–2020 from taldau index 704447 (truncated to integers by the carrier's script); 2021–2022 BNS estimates, 2021 recalculated to the 2022 boundaries."),
        new("job_seekers", "Persons who applied to employment authorities (job seekers; count per year)", "persons", "count", true,
            "Persons who applied to employment authorities during the year (BNS). 2015–2021."),
        new("population_end_of_year", "Population at the end of the year", "persons", "count", true,
            "Population on 1 January of the next year (BNS bulletin, first release). The bundle has the end of 2022 (1 January 2023) only. The series population.csv (1 January 2010–2025) holds revised figures that differ slightly; computations say which they use."),
        new("poverty_rate", "Poverty rate (share of population with income below subsistence minimum)", "%", "rate", false,
            "Share of the population with income below the subsistence minimum (BNS). 2022, four units."),
        new("housing_price_new_per_m2", "Average selling price of new housing per m2, end of year (regional centre)", "KZT per m2", "average", false,
            "BNS «Housing market prices»: price of the region's administrative centre (housing.csv, column city), end of year, 2015–2024. Some values are fixed prices of state programmes (Regional Development 2020, Nurly Zhol, Nurly Zher), marked in housing.csv (column programme); 2022: 18 of 20 units (Konaev and Zhezkazgan print «…»)."),
        new("housing_price_resale_per_m2", "Average resale price of apartments per m2, end of year (regional centre)", "KZT per m2", "average", false,
            "BNS «Housing market prices»: price of the region's administrative centre (housing.csv, column city), end of year, 2015–2024; no programme prices. 2022: all 20 units. The national figure is a weighted average from January 2022 (method change)."),
        new("unemployment_rate", "Unemployment rate (ILO definition; LFS)", "% of labour force", "rate", false,
            "Unemployment rate, ILO definition, labour force survey (BNS). 2015–2022; Turkestan and Shymkent 2015–2017 are BNS estimates in the 2018 boundaries."),
    ];
}
