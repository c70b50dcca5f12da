using System.Globalization;
using KzMigration.Scoring;
using KzMigration.Statistics;

namespace KzMigration.Localisation;

/// <summary>One text of the catalogue in the three languages the paper is published in.</summary>
/// <param name="En">English.</param>
/// <param name="Ru">Russian, in BNS's own terms («сальдо миграции», «прибывшие», «выбывшие»).</param>
/// <param name="Kk">Kazakh, in BNS's Kazakh terms as far as the authors know them; awaiting review by a native speaker.</param>
public sealed record CatalogueText(string En, string Ru, string Kk)
{
    /// <summary>The text in <paramref name="language"/> ("en", "ru" or "kk").</summary>
    public string In(string language) => TextCatalogue.CheckLanguage(language) switch
    {
        "ru" => Ru,
        "kk" => Kk,
        _ => En,
    };
}

/// <summary>
/// The one catalogue of the words every figure shows — titles, subtitles, legends, axis and colour-bar titles, notes and
/// unit words — in English, Russian and Kazakh, keyed by stable ids. Charts, notebooks and front-ends (the kernel, a
/// browser explorer) take their words from here, so <c>--lang ru|kk</c> switches every figure and a translation is
/// checked in one place. Region names are not here: they belong to the region registry (<c>data/regions.csv</c>).
/// <para>
/// A text may hold named placeholders, <c>{year}</c>, filled by <see cref="Format"/> with invariant-culture values; the
/// three languages of an id hold the same placeholders (a test checks it, and that every id is used somewhere).
/// </para>
/// </summary>
public static class TextCatalogue
{
    /// <summary>The languages of the catalogue.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "ru", "kk"];

    /// <summary><paramref name="language"/> if it is "en", "ru" or "kk"; otherwise an <see cref="ArgumentException"/>.</summary>
    public static string CheckLanguage(string language) =>
        language is "en" or "ru" or "kk"
            ? language
            : throw new ArgumentException($"language '{language}' is not one of en, ru, kk", nameof(language));

    /// <summary>The text with id <paramref name="id"/> in <paramref name="language"/>.</summary>
    /// <exception cref="KeyNotFoundException">No text has that id.</exception>
    public static string Get(string id, string language) => Entry(id).In(language);

    /// <summary>
    /// The text with id <paramref name="id"/> in <paramref name="language"/>, its placeholders (<c>{name}</c>) replaced by
    /// <paramref name="values"/> formatted in the invariant culture. A placeholder without a value, or a value without a
    /// placeholder, is an error: a figure never shows «{year}».
    /// </summary>
    public static string Format(string id, string language, params (string Name, object? Value)[] values)
    {
        var text = Get(id, language);
        foreach (var (name, value) in values)
        {
            var key = "{" + name + "}";
            if (!text.Contains(key, StringComparison.Ordinal))
                throw new ArgumentException($"text '{id}' has no placeholder {key}", nameof(values));
            text = text.Replace(key, Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (Placeholders(text).FirstOrDefault() is { } missing)
            throw new ArgumentException($"text '{id}' needs a value for {{{missing}}}", nameof(values));
        return text;
    }

    /// <summary>The entry with id <paramref name="id"/>.</summary>
    public static CatalogueText Entry(string id) =>
        Texts.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"no text with id '{id}' in the text catalogue");

    /// <summary>Every id, in catalogue order.</summary>
    public static IReadOnlyCollection<string> Ids => Texts.Keys;

    /// <summary>The placeholder names in <paramref name="text"/>, e.g. «year» for «Net migration, {year}».</summary>
    public static IEnumerable<string> Placeholders(string text)
    {
        for (var i = text.IndexOf('{'); i >= 0; i = text.IndexOf('{', i + 1))
        {
            var end = text.IndexOf('}', i);
            if (end > i + 1 && text[(i + 1)..end].All(c => char.IsAsciiLetterLower(c) || c == '-'))
                yield return text[(i + 1)..end];
        }
    }

    /// <summary>
    /// The short label of a Figure 3 factor (indicator key, e.g. <c>grp_per_capita</c>) in <paramref name="language"/>;
    /// <paramref name="fallback"/> for an indicator the catalogue does not name (e.g. one a user imported with its own label).
    /// </summary>
    public static string FactorLabel(string indicator, string language, string fallback) =>
        Texts.TryGetValue("factor." + indicator, out var t) ? t.In(language) : fallback;

    /// <summary>A band's label (e.g. «very low») in <paramref name="language"/>; the label itself for a band of a user's own scale.</summary>
    public static string BandLabel(string label, string language) =>
        Texts.TryGetValue("band." + label.Replace(' ', '-'), out var t) ? t.In(language) : label;

    /// <summary>The name of an open choice of the sensitivity design (e.g. «thresholds», «polarity of unemployment_rate»).</summary>
    public static string ChoiceName(string name, string language, Func<string, string>? indicatorLabel = null)
    {
        const string polarityOf = "polarity of ";
        if (name.StartsWith(polarityOf, StringComparison.Ordinal))
        {
            var indicator = name[polarityOf.Length..];
            return Format("choice.polarity-of", language, ("indicator", indicatorLabel?.Invoke(indicator) ?? FactorLabel(indicator, language, indicator)));
        }
        return Texts.TryGetValue("choice." + name, out var t) ? t.In(language) : name;
    }

    /// <summary>The reference level of Figure 3 in words, e.g. «published national figure», in <paramref name="language"/>.</summary>
    public static string Reference(ReferenceKind reference, string language) => Get(reference switch
    {
        ReferenceKind.PublishedNational => "reference.published",
        ReferenceKind.UnweightedMeanOfRegions => "reference.mean",
        ReferenceKind.PopulationWeightedMean => "reference.weighted",
        _ => "reference.median",
    }, language);

    /// <summary>A flow's name (<c>interregional</c>, <c>internal</c>, <c>all</c>) in <paramref name="language"/>.</summary>
    public static string FlowName(string flowCode, string language) => Get("flow." + flowCode, language);

    /// <summary>A boundary era in words, e.g. «2018-era boundaries (17 units)».</summary>
    public static string Era(string eraId, int units, string language) =>
        Format("era.boundaries", language, ("era", eraId), ("units", units));

    /// <summary>A rank correlation in words, e.g. «ρ = 0.42, 95 % CI [0.01, 0.74], n = 20», in <paramref name="language"/>.</summary>
    public static string Spearman(SpearmanResult r, string language)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        if (r.Rho is not double rho) return Format("stat.spearman-undefined", language, ("n", r.N));
        return r.Lower is double lo && r.Upper is double hi
            ? Format("stat.spearman", language, ("rho", rho.ToString("0.00", c)), ("level", (r.Confidence * 100).ToString("0.#", c)),
                ("lower", lo.ToString("0.00", c)), ("upper", hi.ToString("0.00", c)), ("n", r.N))
            : Format("stat.spearman-no-interval", language, ("rho", rho.ToString("0.00", c)), ("n", r.N));
    }

    // The catalogue. Russian follows BNS («сальдо миграции», «прибывшие», «выбывшие», «города республиканского значения»);
    // Kazakh follows BNS's Kazakh releases («көші-қон сальдосы», «келгендер», «кеткендер», «республикалық маңызы бар
    // қалалар») and awaits review by a native speaker (README). БНС / ҰСБ: Bureau of National Statistics.
    private static readonly Dictionary<string, CatalogueText> Texts = new(StringComparer.Ordinal)
    {
        // Words shared by the charts.
        ["chart.cities"] = new("Cities of republican significance", "Города республиканского значения", "Республикалық маңызы бар қалалар"),
        ["chart.oblasts"] = new("Oblasts", "Области", "Облыстар"),
        ["chart.gain"] = new("gain", "прирост", "өсім"),
        ["chart.loss"] = new("loss", "убыль", "кему"),
        ["chart.no-data"] = new("no data", "нет данных", "деректер жоқ"),
        ["chart.gap-note"] = new("Empty row or cell: no data for that year (not zero).",
            "Пустая строка или ячейка: нет данных за этот год (не ноль).",
            "Бос жол немесе ұяшық: осы жылға деректер жоқ (нөл емес)."),
        ["chart.k-reference"] = new("K = 1: arrivals = departures", "K = 1: прибывшие = выбывшие", "K = 1: келгендер = кеткендер"),
        ["chart.k-axis"] = new("K = arrivals ÷ departures", "K = прибывшие ÷ выбывшие", "K = келгендер ÷ кеткендер"),
        ["chart.balance-axis"] = new("Migration balance, persons", "Сальдо миграции, человек", "Көші-қон сальдосы, адам"),
        ["unit.persons"] = new("persons", "человек", "адам"),
        ["unit.persons-bns"] = new("persons; BNS", "человек; БНС", "адам; ҰСБ"),
        ["map.attribution"] = new(
            "Boundaries: geokz © A. Rodionov (CC BY 4.0), based on OCHA COD-AB Kazakhstan (UNHCR/OpenStreetMap), © OpenStreetMap contributors",
            "Границы: geokz © A. Rodionov (CC BY 4.0), на основе OCHA COD-AB Kazakhstan (UNHCR/OpenStreetMap), © участники OpenStreetMap",
            "Шекаралар: geokz © A. Rodionov (CC BY 4.0), OCHA COD-AB Kazakhstan (UNHCR/OpenStreetMap) негізінде, © OpenStreetMap қатысушылары"),
        ["era.boundaries"] = new("{era}-era boundaries ({units} units)", "границы {era} года ({units} единиц)", "{era} жылғы шекаралар ({units} бірлік)"),
        ["flow.interregional"] = new("interregional", "межрегиональные", "өңіраралық"),
        ["flow.internal"] = new("internal", "внутренние", "ішкі"),
        ["flow.all"] = new("all flows", "все потоки", "барлық ағындар"),
        ["stat.spearman"] = new("ρ = {rho}, {level} % CI [{lower}, {upper}], n = {n}", "ρ = {rho}, {level} % ДИ [{lower}, {upper}], n = {n}",
            "ρ = {rho}, {level} % СА [{lower}, {upper}], n = {n}"),
        ["stat.spearman-no-interval"] = new("ρ = {rho}, no interval, n = {n}", "ρ = {rho}, без интервала, n = {n}", "ρ = {rho}, аралықсыз, n = {n}"),
        ["stat.spearman-undefined"] = new("ρ undefined, n = {n}", "ρ не определён, n = {n}", "ρ анықталмаған, n = {n}"),

        // Notebook 00: the setup check's chart of the paper's scale.
        ["setup.bands.title"] = new("Points per band, as printed (Bokayev & Akhmetova, Figure 3 scale)",
            "Баллы по диапазонам, как в статье (Бокаев и Ахметова, шкала рисунка 3)",
            "Диапазондар бойынша ұпайлар, мақаладағыдай (Бокаев пен Ахметова, 3-сурет шкаласы)"),
        ["setup.band"] = new("band", "диапазон", "диапазон"),
        ["setup.points"] = new("points", "баллы", "ұпай"),

        // Notebook 01: maps of net migration.
        ["map.net-migration-all.title"] = new("Net migration, all flows, {year}", "Сальдо миграции по всем потокам, {year}",
            "Барлық ағындар бойынша көші-қон сальдосы, {year}"),

        // Figure 1 (notebook 02).
        ["fig1.2022.title"] = new("Interregional migration balance by region, 2022", "Сальдо межрегиональной миграции по регионам, 2022",
            "Өңірлер бойынша өңіраралық көші-қон сальдосы, 2022"),
        ["fig1.2022.subtitle"] = new("interregional balance, Jan–Dec 2022 (BNS)", "межрегиональное сальдо, январь–декабрь 2022 (БНС)",
            "өңіраралық сальдо, қаңтар–желтоқсан 2022 (ҰСБ)"),
        ["fig1.by-year.title"] = new("Interregional migration balance by region, each year on its own boundaries",
            "Сальдо межрегиональной миграции по регионам, каждый год в своих границах",
            "Өңірлер бойынша өңіраралық көші-қон сальдосы, әр жыл өз шекарасында"),
        ["fig1.by-year.subtitle"] = new("2022: BNS; 2015, 2020, 2021: derived from the origin–destination matrix (BNS via a third-party compilation)",
            "2022: БНС; 2015, 2020, 2021: по матрице «откуда–куда» (БНС, сторонняя компиляция)",
            "2022: ҰСБ; 2015, 2020, 2021: «қайдан–қайда» матрицасы бойынша (ҰСБ, үшінші тарап жинағы)"),
        ["fig1.after-2022.title"] = new("Interregional migration balance by region after the paper's period",
            "Сальдо межрегиональной миграции после периода статьи", "Мақала кезеңінен кейінгі өңіраралық көші-қон сальдосы"),
        ["fig1.after-2022.subtitle"] = new(
            "context, not the paper's period; 2023: BNS; later years: derived from the origin–destination matrix (BNS via a third-party compilation)",
            "контекст вне периода статьи; 2023: БНС; последующие годы: по матрице «откуда–куда» (БНС, сторонняя компиляция)",
            "мақала кезеңінен тыс контекст; 2023: ҰСБ; кейінгі жылдар: «қайдан–қайда» матрицасы бойынша (ҰСБ, үшінші тарап жинағы)"),
        ["fig1.half-year.title"] = new("Interregional migration balance by region, January–June",
            "Сальдо межрегиональной миграции по регионам, январь–июнь", "Өңірлер бойынша өңіраралық көші-қон сальдосы, қаңтар–маусым"),
        ["fig1.half-year.subtitle"] = new("interregional balance, Jan–Jun (BNS via ERI)", "межрегиональное сальдо, январь–июнь (БНС, по данным ИЭИ)",
            "өңіраралық сальдо, қаңтар–маусым (ҰСБ, ЭЗИ деректері бойынша)"),
        ["fig1.all-flows.title"] = new("Net migration by region (all flows), {from}–{to}", "Сальдо миграции по регионам (все потоки), {from}–{to}",
            "Өңірлер бойынша көші-қон сальдосы (барлық ағындар), {from}–{to}"),
        ["fig1.all-flows.subtitle"] = new("net migration, all flows incl. international (BNS) — not the interregional balance",
            "сальдо миграции по всем потокам, включая международную (БНС) — не межрегиональное сальдо",
            "барлық ағындар бойынша көші-қон сальдосы, халықаралықты қоса (ҰСБ) — өңіраралық сальдо емес"),
        ["fig1.all-flows-heatmap.title"] = new("Net migration by region and year (all flows)", "Сальдо миграции по регионам и годам (все потоки)",
            "Өңірлер мен жылдар бойынша көші-қон сальдосы (барлық ағындар)"),
        ["fig1.all-flows-heatmap.subtitle"] = new("persons; grey: no figure (unit did not exist)", "человек; серым: нет данных (единица не существовала)",
            "адам; сұр: деректер жоқ (бірлік болмаған)"),
        ["fig1.map-2022.title"] = new("Interregional migration balance, 2022", "Сальдо межрегиональной миграции, 2022", "Өңіраралық көші-қон сальдосы, 2022"),

        // Figure 2 (notebook 03).
        ["fig2.title"] = new("Attractiveness coefficient K = arrivals ÷ departures, {flow}",
            "Коэффициент миграционной привлекательности K = прибывшие ÷ выбывшие, {flow}",
            "Көші-қон тартымдылығының коэффициенті K = келгендер ÷ кеткендер, {flow}"),
        ["fig2.interregional.subtitle"] = new(
            "interregional flows derived from the origin–destination matrix (BNS via a third-party compilation); each year on its own boundaries",
            "межрегиональные потоки по матрице «откуда–куда» (БНС, сторонняя компиляция); каждый год в своих границах",
            "өңіраралық ағындар «қайдан–қайда» матрицасы бойынша (ҰСБ, үшінші тарап жинағы); әр жыл өз шекарасында"),
        ["fig2.internal.subtitle"] = new("internal flows (incl. moves inside regions), BNS", "внутренние потоки (включая перемещения внутри регионов), БНС",
            "ішкі ағындар (өңір ішіндегі көшуді қоса), ҰСБ"),
        ["fig2.internal-years.subtitle"] = new("internal flows (incl. moves inside regions), BNS; {years}",
            "внутренние потоки (включая перемещения внутри регионов), БНС; {years}", "ішкі ағындар (өңір ішіндегі көшуді қоса), ҰСБ; {years}"),

        // Figure 3 (notebook 04) and the what-if (notebook 05).
        ["fig3.heatmap.title"] = new("Socio-economic indicators of the regions relative to the national level, {year}",
            "Социально-экономические показатели регионов относительно среднего по стране, {year}",
            "Өңірлердің әлеуметтік-экономикалық көрсеткіштері ел деңгейіне қатысты, {year}"),
        ["fig3.heatmap.subtitle"] = new("Bands and points of the paper's scale; reference: {reference}; {units} units; not bundled: {missing}",
            "Диапазоны и баллы шкалы статьи; база сравнения: {reference}; единиц: {units}; нет в данных: {missing}",
            "Мақала шкаласының диапазондары мен ұпайлары; салыстыру негізі: {reference}; бірлік саны: {units}; деректерде жоқ: {missing}"),
        ["fig3.heatmap.colour-bar"] = new("band (points)", "диапазон (баллы)", "диапазон (ұпай)"),
        ["fig3.heatmap.rows"] = new("region (total points), best first", "регион (сумма баллов), лучшие сверху", "өңір (ұпай жиыны), ең жоғарысы басында"),
        ["fig3.heatmap.note"] = new("Cell text: points of the band. Grey cell: no figure for that region and year (not scored, not zero).",
            "Текст в ячейке: баллы диапазона. Серая ячейка: нет данных по региону за год (не оценено, не ноль).",
            "Ұяшықтағы мәтін: диапазон ұпайы. Сұр ұяшық: өңір бойынша осы жылға деректер жоқ (бағаланбаған, нөл емес)."),
        ["fig3.heatmap.hover"] = new("{ratio} % of reference: {band}, {points} points", "{ratio} % от базы: {band}, баллов: {points}",
            "негіздің {ratio} %: {band}, ұпай: {points}"),
        ["fig3.not-scored"] = new("not scored (no figure)", "не оценено (нет данных)", "бағаланбаған (деректер жоқ)"),
        ["fig3.totals.title"] = new("Total socio-economic score per region, {year}", "Сумма социально-экономических баллов по регионам, {year}",
            "Өңірлер бойынша әлеуметтік-экономикалық ұпайлар жиыны, {year}"),
        ["fig3.totals.subtitle"] = new("Sum of points over {indicators}", "Сумма баллов по показателям: {indicators}", "Көрсеткіштер бойынша ұпайлар жиыны: {indicators}"),
        ["fig3.totals.axis"] = new("total points", "сумма баллов", "ұпайлар жиыны"),
        ["fig3.totals.bar-text"] = new("{total}  (rank {rank})", "{total}  ({rank} место)", "{total}  ({rank} орын)"),
        ["fig3.totals.hover"] = new("%{y}: %{x} points<extra></extra>", "%{y}: %{x} баллов<extra></extra>", "%{y}: %{x} ұпай<extra></extra>"),
        ["fig3.score-vs-k.title"] = new("Socio-economic total and attractiveness coefficient K, {year}",
            "Сумма социально-экономических баллов и коэффициент привлекательности K, {year}",
            "Әлеуметтік-экономикалық ұпайлар жиыны және тартымдылық коэффициенті K, {year}"),
        ["fig3.score-vs-k.subtitle"] = new("K from internal arrivals and departures; Spearman {spearman}",
            "K по внутренним прибывшим и выбывшим; Спирмен {spearman}", "K ішкі келгендер мен кеткендер бойынша; Спирмен {spearman}"),
        ["fig3.score-vs-k.y-axis"] = new("K = internal arrivals ÷ internal departures", "K = прибывшие ÷ выбывшие (внутренняя миграция)",
            "K = ішкі келгендер ÷ ішкі кеткендер"),
        ["fig3.score-vs-rate.title"] = new("Socio-economic total and net migration rate, {year}",
            "Сумма социально-экономических баллов и коэффициент миграционного прироста, {year}",
            "Әлеуметтік-экономикалық ұпайлар жиыны және көші-қон сальдосының коэффициенті, {year}"),
        ["fig3.score-vs-rate.subtitle"] = new("All-flow balance per 1,000 population (1 January of the next year); Spearman {spearman}",
            "Сальдо по всем потокам на 1 000 жителей (на 1 января следующего года); Спирмен {spearman}",
            "Барлық ағындар сальдосы 1 000 тұрғынға (келесі жылдың 1 қаңтарындағы); Спирмен {spearman}"),
        ["fig3.score-vs-rate.y-axis"] = new("net migration per 1,000 population", "сальдо миграции на 1 000 жителей", "1 000 тұрғынға шаққандағы көші-қон сальдосы"),
        ["fig3.score.x-axis"] = new("total socio-economic points", "сумма социально-экономических баллов", "әлеуметтік-экономикалық ұпайлар жиыны"),
        ["fig5.ranks.title"] = new("What-if: ranks before and after, {year}", "Что если: места до и после, {year}", "Егер былай болса: бұрынғы және кейінгі орындар, {year}"),
        ["fig5.ranks.subtitle"] = new("Edits: {edits}; choices changed: {after}", "Изменения: {edits}; изменённые параметры: {after}", "Өзгерістер: {edits}; өзгертілген параметрлер: {after}"),
        ["fig5.no-edits"] = new("none", "нет", "жоқ"),
        ["fig5.ranks.axis"] = new("rank (1 = highest total)", "место (1 = наибольшая сумма)", "орын (1 = ең үлкен жиын)"),
        ["fig5.rank-before"] = new("rank before", "место до", "бұрынғы орны"),
        ["fig5.rank-after"] = new("rank after (green: up, red: down)", "место после (зелёный: выше, красный: ниже)", "кейінгі орны (жасыл: жоғарылады, қызыл: төмендеді)"),
        ["fig5.total"] = new("total {total}", "сумма {total}", "жиыны {total}"),
        ["fig5.rank-before.hover"] = new("%{y}: rank %{x} before (%{text})<extra></extra>", "%{y}: место %{x} до (%{text})<extra></extra>",
            "%{y}: бұрынғы орны %{x} (%{text})<extra></extra>"),
        ["fig5.rank-after.hover"] = new("%{y}: rank %{x} after (%{text})<extra></extra>", "%{y}: место %{x} после (%{text})<extra></extra>",
            "%{y}: кейінгі орны %{x} (%{text})<extra></extra>"),
        ["fig5.after-heatmap.title"] = new("After the what-if: bands and points, {year}", "После изменения: диапазоны и баллы, {year}",
            "Өзгерістен кейін: диапазондар мен ұпайлар, {year}"),
        ["fig5.after-heatmap.subtitle"] = new("Edits: {edits}; reference: {reference}", "Изменения: {edits}; база сравнения: {reference}",
            "Өзгерістер: {edits}; салыстыру негізі: {reference}"),
        ["fig5.intervals.title"] = new("How far each region's rank moves with the open choices, {year}",
            "Насколько место региона зависит от открытых допущений, {year}", "Ашық таңдаулар өңір орнын қаншалықты жылжытады, {year}"),
        ["fig5.intervals.subtitle"] = new(
            "{draws} Monte Carlo draws × 2 (seed {seed}); thresholds ± {jitter} pp, reference, polarity of unemployment, polarity of housing, one indicator left out",
            "{draws} прогонов Монте-Карло × 2 (seed {seed}); пороги ± {jitter} п. п., база сравнения, направление безработицы, направление цены жилья, исключение одного показателя",
            "{draws} Монте-Карло сынамасы × 2 (seed {seed}); шектер ± {jitter} п. т., салыстыру негізі, жұмыссыздық бағыты, тұрғын үй бағасының бағыты, бір көрсеткішті алып тастау"),
        ["fig5.intervals.range"] = new("best – worst rank in any draw", "лучшее – худшее место среди всех прогонов", "барлық сынамадағы ең жақсы – ең нашар орын"),
        ["fig5.intervals.inner"] = new("5th – 95th percentile of the draws", "5-й – 95-й процентиль прогонов", "сынамалардың 5-ші – 95-ші процентилі"),
        ["fig5.intervals.median"] = new("median rank", "медианное место", "медианалық орын"),
        ["fig5.intervals.default"] = new("rank under the default choices", "место при допущениях по умолчанию", "әдепкі таңдаулардағы орны"),
        ["fig5.intervals.median.hover"] = new("%{y}: median rank %{x}<extra></extra>", "%{y}: медианное место %{x}<extra></extra>",
            "%{y}: медианалық орын %{x}<extra></extra>"),
        ["fig5.intervals.default.hover"] = new("%{y}: default rank %{x}<br>%{text}<extra></extra>", "%{y}: место по умолчанию %{x}<br>%{text}<extra></extra>",
            "%{y}: әдепкі орны %{x}<br>%{text}<extra></extra>"),
        ["fig5.intervals.detail"] = new("best {best}, 5 % {p5}, median {median}, 95 % {p95}, worst {worst}; mean |shift| {shift}",
            "лучшее {best}, 5 % {p5}, медиана {median}, 95 % {p95}, худшее {worst}; среднее |сдвиг| {shift}",
            "ең жақсы {best}, 5 % {p5}, медиана {median}, 95 % {p95}, ең нашар {worst}; орташа |ығысу| {shift}"),
        ["fig5.stability.title"] = new("How often each cell keeps its band, {year}", "Как часто ячейка сохраняет свой диапазон, {year}",
            "Әр ұяшық өз диапазонын қаншалықты жиі сақтайды, {year}"),
        ["fig5.stability.subtitle"] = new("{draws} Monte Carlo draws × 2 (seed {seed})", "{draws} прогонов Монте-Карло × 2 (seed {seed})",
            "{draws} Монте-Карло сынамасы × 2 (seed {seed})"),
        ["fig5.stability.colour-bar"] = new("share of draws in the default band", "доля прогонов в диапазоне по умолчанию", "әдепкі диапазондағы сынамалар үлесі"),
        ["fig5.stability.hover"] = new("%{y} · %{x}: stays in its default band in %{text} of draws<extra></extra>",
            "%{y} · %{x}: остаётся в своём диапазоне в %{text} прогонов<extra></extra>",
            "%{y} · %{x}: сынамалардың %{text} бөлігінде өз диапазонында қалады<extra></extra>"),
        ["fig5.stability.note"] = new(
            "Share among the draws that score the cell (draws leaving its indicator out are not counted). Grey cell: not scored under the default choices.",
            "Доля среди прогонов, в которых ячейка оценивается (прогоны без её показателя не учитываются). Серая ячейка: не оценивается при допущениях по умолчанию.",
            "Ұяшық бағаланатын сынамалар ішіндегі үлес (оның көрсеткішін алып тастаған сынамалар есептелмейді). Сұр ұяшық: әдепкі таңдауларда бағаланбайды."),
        ["fig5.indices.title"] = new("Which open choice moves the ranking, {year}", "Какое открытое допущение меняет рейтинг, {year}",
            "Қай ашық таңдау рейтингті өзгертеді, {year}"),
        ["fig5.indices.subtitle"] = new("Variance-based indices of the mean |rank shift|; {draws} draws (seed {seed})",
            "Индексы чувствительности по дисперсии среднего |сдвига места|; {draws} прогонов (seed {seed})",
            "Орташа |орын ығысуының| дисперсиясына негізделген индекстер; {draws} сынама (seed {seed})"),
        ["fig5.indices.first-order"] = new("first-order index (alone)", "индекс первого порядка (по отдельности)", "бірінші ретті индекс (жеке)"),
        ["fig5.indices.total"] = new("total index (with interactions)", "полный индекс (с взаимодействиями)", "толық индекс (өзара әсермен)"),
        ["fig5.indices.x-axis"] = new("open choice", "открытое допущение", "ашық таңдау"),
        ["fig5.indices.y-axis"] = new("share of the variance of the mean |rank shift|", "доля дисперсии среднего |сдвига места|",
            "орташа |орын ығысуы| дисперсиясының үлесі"),

        // The open choices of the sensitivity design (Scoring/Sensitivity), as the indices chart names them.
        ["choice.thresholds"] = new("thresholds", "пороги", "шектер"),
        ["choice.points"] = new("points", "баллы", "ұпайлар"),
        ["choice.reference"] = new("reference", "база сравнения", "салыстыру негізі"),
        ["choice.polarity"] = new("polarity", "направление", "бағыт"),
        ["choice.polarity-of"] = new("polarity of {indicator}", "направление: {indicator}", "бағыты: {indicator}"),
        ["choice.inclusion"] = new("inclusion", "состав показателей", "көрсеткіштер құрамы"),

        // The paper's bands (Scoring.BandScale.Paper), by label.
        ["band.very-low"] = new("very low", "очень низкий", "өте төмен"),
        ["band.low"] = new("low", "низкий", "төмен"),
        ["band.medium"] = new("medium", "средний", "орташа"),
        ["band.high"] = new("high", "высокий", "жоғары"),
        ["band.very-high"] = new("very high", "очень высокий", "өте жоғары"),

        // The reference level of Figure 3 (Scoring.ReferenceKind).
        ["reference.published"] = new("published national figure", "опубликованное значение по стране", "жарияланған ел бойынша мән"),
        ["reference.mean"] = new("unweighted mean of the regions", "невзвешенное среднее регионов", "өңірлердің салмақталмаған орташасы"),
        ["reference.weighted"] = new("population-weighted mean of the regions", "среднее регионов, взвешенное по населению",
            "халық санымен салмақталған өңірлер орташасы"),
        ["reference.median"] = new("median of the regions", "медиана регионов", "өңірлер медианасы"),

        // Figure 3 factors, short labels (indicator keys of data/indicators.csv and the housing factor).
        ["factor.grp_per_capita"] = new("GRP per capita", "ВРП на душу населения", "Жан басына шаққандағы ЖӨӨ"),
        ["factor.income_per_capita"] = new("Income per capita", "Доходы на душу населения", "Жан басына шаққандағы табыс"),
        ["factor.avg_monthly_wage"] = new("Average wage", "Средняя заработная плата", "Орташа жалақы"),
        ["factor.unemployment_rate"] = new("Unemployment rate", "Уровень безработицы", "Жұмыссыздық деңгейі"),
        ["factor.doctors_per_10k"] = new("Doctors per 10,000", "Врачей на 10 000 населения", "10 000 тұрғынға шаққандағы дәрігерлер"),
        ["factor.housing_price_per_m2"] = new("Housing price per m²", "Цена жилья за м²", "Тұрғын үйдің 1 м² бағасы"),
        ["factor.labour_demand_supply_ratio"] = new("Labour demand/supply", "Спрос/предложение труда", "Еңбекке сұраныс/ұсыныс"),

        // Notebook 06: the economic factors estimated.
        ["fig6.panel.title"] = new("Net migration and economic conditions: panel estimates", "Сальдо миграции и экономические условия: панельные оценки",
            "Көші-қон сальдосы және экономикалық жағдай: панельдік бағалау"),
        ["fig6.panel.subtitle"] = new("within: region and year effects; between: year effects only; {n} region-years, {clusters} regions; 95 % {interval}",
            "внутри: эффекты регионов и лет; между: только эффекты лет; {n} регион-лет, {clusters} регионов; 95 % {interval}",
            "ішінде: өңір және жыл әсерлері; арасында: тек жыл әсерлері; {n} өңір-жыл, {clusters} өңір; 95 % {interval}"),
        ["fig6.interval.wcr"] = new("WCR, the restricted wild bootstrap test inverted", "WCR, обращённый ограниченный тест дикого бутстрепа",
            "WCR, жабайы бутстрептің шектелген сынағын кері айналдыру"),
        ["fig6.interval.wcu"] = new("WCU, wild bootstrap percentile-t", "WCU, процентиль-t дикого бутстрепа", "WCU, жабайы бутстрептің процентиль-t аралығы"),
        ["fig6.effects.within"] = new("{factor}, within regions", "{factor}, внутри регионов", "{factor}, өңір ішінде"),
        ["fig6.effects.between"] = new("{factor}, between regions", "{factor}, между регионами", "{factor}, өңірлер арасында"),
        ["fig6.loo.title"] = new("Panel coefficients without each region in turn", "Коэффициенты панели без каждого региона по очереди",
            "Әр өңірді кезекпен алып тастағандағы панель коэффициенттері"),
        ["fig6.loo.subtitle"] = new("{clusters} regions, each left out once; 95 % intervals: {interval}; dashed: all regions",
            "{clusters} регионов, каждый исключён по разу; 95 % интервалы: {interval}; пунктир: все регионы",
            "{clusters} өңір, әрқайсысы бір рет алынып тасталды; 95 % аралықтар: {interval}; үзік сызық: барлық өңірлер"),
        ["fig6.loo.all"] = new("all regions", "все регионы", "барлық өңірлер"),
        ["fig6.loo.axis"] = new("per 1,000 per log unit", "на 1 000 на единицу логарифма", "логарифм бірлігіне 1 000 тұрғынға"),
        ["fig6.pushpull.title"] = new("Push–pull model: interregional flows and destination/origin differences",
            "Модель притяжения–выталкивания: межрегиональные потоки и различия регионов прибытия и выбытия",
            "Тарту–итеру моделі: өңіраралық ағындар және келу/кету өңірлерінің айырмашылығы"),
        ["fig6.pushpull.subtitle"] = new("PPML, {n} origin–destination pairs, flow years {years}; {errors}; 95 % t intervals",
            "PPML, {n} пар регионов, годы потоков {years}; {errors}; 95 % t-интервалы",
            "PPML, {n} өңір жұбы, ағын жылдары {years}; {errors}; 95 % t-аралықтары"),
        ["fig6.pushpull.axis"] = new("elasticity of the flow to the destination/origin ratio", "эластичность потока по отношению регион прибытия / регион выбытия",
            "ағынның келу/кету өңірлері қатынасы бойынша икемділігі"),
        ["fig6.errors.pair"] = new("errors clustered by ordered pair (G = {clusters})", "ошибки кластеризованы по упорядоченным парам (G = {clusters})",
            "қателер реттелген жұптар бойынша кластерленген (G = {clusters})"),
        ["fig6.errors.origin-destination"] = new("errors clustered two-way by origin and destination (G = {clusters})",
            "ошибки с двусторонней кластеризацией по регионам выбытия и прибытия (G = {clusters})",
            "қателер кету және келу өңірлері бойынша екі жақты кластерленген (G = {clusters})"),
        ["fig6.panel.axis"] = new("change in net migration per 1,000 per unit of log(indicator / national)",
            "изменение сальдо миграции на 1 000 жителей на единицу log(показатель / по стране)",
            "log(көрсеткіш / ел бойынша) бірлігіне 1 000 тұрғынға шаққандағы көші-қон сальдосының өзгерісі"),
        ["fig6.interval"] = new("interval", "интервал", "аралық"),
        ["fig6.estimate"] = new("estimate", "оценка", "бағалау"),
        ["fig6.gravity.pair"] = new("pair", "пара регионов", "өңірлер жұбы"),
        ["fig6.gravity.diagonal"] = new("observed = predicted", "наблюдаемые = предсказанные", "байқалған = болжанған"),
        ["fig6.gravity.hover"] = new("%{text}: observed %{y:,.0f}, predicted %{x:,.0f}<extra></extra>",
            "%{text}: наблюдаемые %{y:,.0f}, предсказанные %{x:,.0f}<extra></extra>", "%{text}: байқалған %{y:,.0f}, болжанған %{x:,.0f}<extra></extra>"),
        ["fig6.gravity.title"] = new("Interregional flows: observed and predicted by the structural PPML gravity model",
            "Межрегиональные потоки: наблюдаемые и предсказанные структурной гравитационной моделью PPML",
            "Өңіраралық ағындар: байқалған және құрылымдық PPML гравитациялық моделімен болжанған"),
        ["fig6.gravity.subtitle"] = new("{n} region pairs, years {years}, {era}", "{n} пар регионов, годы {years}, {era}", "{n} өңір жұбы, жылдар {years}, {era}"),
        ["fig6.gravity.x-axis"] = new("predicted moves (PPML)", "предсказанные переезды (PPML)", "болжанған көшулер (PPML)"),
        ["fig6.gravity.y-axis"] = new("observed moves", "наблюдаемые переезды", "байқалған көшулер"),

        // Notebook 07: origin–destination flows.
        ["fig7.subtitle"] = new("{corridors} largest corridors, {year}; BNS via a third-party compilation; {era}",
            "{corridors} крупнейших направлений, {year}; БНС, сторонняя компиляция; {era}",
            "{corridors} ірі бағыт, {year}; ҰСБ, үшінші тарап жинағы; {era}"),
        ["fig7.map.title"] = new("Moves between regions: the largest corridors", "Межрегиональные перемещения: крупнейшие направления",
            "Өңіраралық көшу: ірі бағыттар"),
        ["fig7.sankey.title"] = new("Moves between regions (origin → destination)", "Межрегиональные перемещения (откуда → куда)",
            "Өңіраралық көшу (қайдан → қайда)"),

        // The seminar explorer (lib/KzMigration.Explorer): page titles and control labels. Region names come from the registry,
        // indicator and band labels from the entries above.
        ["explorer.title"] = new("Migration and regional attractiveness: seminar explorer", "Миграция и привлекательность регионов: семинарский обозреватель",
            "Көші-қон және өңірлердің тартымдылығы: семинар шолушысы"),
        ["explorer.scoring"] = new("Figure 3: scoring", "Рисунок 3: балльная оценка", "3-сурет: балдық бағалау"),
        ["explorer.flows"] = new("Flows and K", "Потоки и K", "Ағындар және K"),
        ["explorer.claims"] = new("Claims", "Утверждения", "Тұжырымдар"),
        ["explorer.year"] = new("Year", "Год", "Жыл"),
        ["explorer.thresholds"] = new("Thresholds, % of reference", "Пороги, % от базы", "Шектер, базадан %"),
        ["explorer.points"] = new("Points per band", "Баллы по диапазонам", "Диапазон ұпайлары"),
        ["explorer.boundary"] = new("Boundary rule", "Правило границ", "Шекара ережесі"),
        ["explorer.reference"] = new("Reference level", "Базовый уровень", "Базалық деңгей"),
        ["explorer.aggregation"] = new("Aggregation", "Агрегирование", "Біріктіру"),
        ["explorer.housing"] = new("Housing price", "Цена жилья", "Тұрғын үй бағасы"),
        ["explorer.programme"] = new("State-programme prices", "Цены госпрограмм", "Мемлекеттік бағдарлама бағалары"),
        ["explorer.indicator"] = new("Indicator", "Показатель", "Көрсеткіш"),
        ["explorer.included"] = new("scored", "учитывается", "есептеледі"),
        ["explorer.inverted"] = new("lower is better", "меньше — лучше", "аз болса — жақсы"),
        ["explorer.weight"] = new("weight", "вес", "салмақ"),
        ["explorer.edits"] = new("Edits of the data", "Изменения данных", "Деректерді өзгерту"),
        ["explorer.reset"] = new("Paper's baseline", "Базовый вариант статьи", "Мақаланың базалық нұсқасы"),
        ["explorer.region"] = new("Region", "Регион", "Өңір"),
        ["explorer.total"] = new("Total", "Итого", "Жиыны"),
        ["explorer.rank"] = new("Rank", "Место", "Орны"),
        ["explorer.baseline"] = new("paper", "статья", "мақала"),
        ["explorer.changed"] = new("cells changed band against the paper's baseline (marked ●)", "ячеек сменили диапазон относительно статьи (отмечены ●)",
            "ұяшық мақаламен салыстырғанда диапазонын өзгертті (● белгісі)"),
        ["explorer.montecarlo"] = new("Monte Carlo: rank intervals", "Монте-Карло: интервалы мест", "Монте-Карло: орын аралықтары"),
        ["explorer.draws"] = new("draws", "испытаний", "сынақ"),
        ["explorer.flow"] = new("Coefficient's flow", "Поток для коэффициента", "Коэффициент ағыны"),
        ["explorer.era"] = new("Boundaries", "Границы", "Шекаралар"),
        ["explorer.own"] = new("each year its own", "каждый год свои", "әр жылдың өзінікі"),
        ["explorer.balance"] = new("Balance", "Сальдо", "Сальдо"),
        ["explorer.sources"] = new("Which sources this year rests on", "На каких источниках основан год", "Жыл қандай дереккөздерге негізделген"),
        ["explorer.verdict"] = new("Verdict", "Вывод", "Қорытынды"),
        // The four verdicts of the claims ledger (ClaimsReport.TextId), wherever a verdict is shown in another language.
        ["verdict.reproduced"] = new("reproduced", "воспроизведено", "қайталанды"),
        ["verdict.contradicted"] = new("contradicted", "опровергнуто", "теріске шығарылды"),
        ["verdict.inconclusive"] = new("inconclusive", "данные не позволяют решить", "деректер шешуге мүмкіндік бермейді"),
        ["verdict.not-testable"] = new("not testable", "непроверяемо", "тексеруге болмайды"),
        ["explorer.share"] = new("Link to this scenario", "Ссылка на этот сценарий", "Осы сценарийге сілтеме"),
        ["explorer.command"] = new("The same on the command line", "То же в командной строке", "Пәрмен жолында дәл осы"),
        ["explorer.overlay"] = new("Load an imported overlay (CSV files of data/user)", "Загрузить импортированные данные (CSV из data/user)",
            "Импортталған деректерді жүктеу (data/user CSV)"),
        ["explorer.loading"] = new("Loading the data package…", "Загрузка пакета данных…", "Деректер жүктелуде…"),
        ["explorer.error"] = new("Cannot apply", "Не удалось применить", "Қолдану мүмкін емес"),
    };
}
