namespace KzMigration.Explorer.Model;

/// <summary>
/// The explorer's own words (page titles, control labels) in English, Russian and Kazakh. Region names come from the
/// registry (<see cref="KzMigration.Study.RegionLabels"/>), indicator and band labels from the specification. The Kazakh
/// texts await review by a native speaker, as the workbench's other Kazakh texts do.
/// </summary>
public static class PageText
{
    private static readonly Dictionary<string, (string En, string Ru, string Kk)> Words = new(StringComparer.Ordinal)
    {
        ["title"] = ("Migration and regional attractiveness: seminar explorer", "Миграция и привлекательность регионов: семинарский обозреватель", "Көші-қон және өңірлердің тартымдылығы: семинар шолушысы"),
        ["scoring"] = ("Figure 3: scoring", "Рисунок 3: балльная оценка", "3-сурет: балдық бағалау"),
        ["flows"] = ("Flows and K", "Потоки и K", "Ағындар және K"),
        ["claims"] = ("Claims", "Утверждения", "Тұжырымдар"),
        ["year"] = ("Year", "Год", "Жыл"),
        ["thresholds"] = ("Thresholds, % of reference", "Пороги, % от базы", "Шектер, базадан %"),
        ["points"] = ("Points per band", "Баллы по диапазонам", "Диапазон ұпайлары"),
        ["boundary"] = ("Boundary rule", "Правило границ", "Шекара ережесі"),
        ["reference"] = ("Reference level", "Базовый уровень", "Базалық деңгей"),
        ["aggregation"] = ("Aggregation", "Агрегирование", "Біріктіру"),
        ["housing"] = ("Housing price", "Цена жилья", "Тұрғын үй бағасы"),
        ["programme"] = ("State-programme prices", "Цены госпрограмм", "Мемлекеттік бағдарлама бағалары"),
        ["indicator"] = ("Indicator", "Показатель", "Көрсеткіш"),
        ["included"] = ("scored", "учитывается", "есептеледі"),
        ["inverted"] = ("lower is better", "меньше — лучше", "аз болса — жақсы"),
        ["weight"] = ("weight", "вес", "салмақ"),
        ["edits"] = ("Edits of the data", "Изменения данных", "Деректерді өзгерту"),
        ["apply"] = ("Apply", "Применить", "Қолдану"),
        ["reset"] = ("Paper's baseline", "Базовый вариант статьи", "Мақаланың базалық нұсқасы"),
        ["region"] = ("Region", "Регион", "Өңір"),
        ["total"] = ("Total", "Итого", "Жиыны"),
        ["rank"] = ("Rank", "Место", "Орны"),
        ["baseline"] = ("paper", "статья", "мақала"),
        ["changed"] = ("cells changed band against the paper's baseline (marked ●)", "ячеек сменили диапазон относительно статьи (отмечены ●)", "ұяшық мақаламен салыстырғанда диапазонын өзгертті (● белгісі)"),
        ["montecarlo"] = ("Monte Carlo: rank intervals", "Монте-Карло: интервалы мест", "Монте-Карло: орын аралықтары"),
        ["draws"] = ("draws", "испытаний", "сынақ"),
        ["flow"] = ("Coefficient's flow", "Поток для коэффициента", "Коэффициент ағыны"),
        ["era"] = ("Boundaries", "Границы", "Шекаралар"),
        ["own"] = ("each year its own", "каждый год свои", "әр жылдың өзінікі"),
        ["balance"] = ("Balance", "Сальдо", "Сальдо"),
        ["sources"] = ("Which sources this year rests on", "На каких источниках основан год", "Жыл қандай дереккөздерге негізделген"),
        ["verdict"] = ("Verdict", "Вывод", "Қорытынды"),
        ["share"] = ("Link to this scenario", "Ссылка на этот сценарий", "Осы сценарийге сілтеме"),
        ["command"] = ("The same on the command line", "То же в командной строке", "Пәрмен жолында дәл осы"),
        ["overlay"] = ("Load an imported overlay (CSV files of data/user)", "Загрузить импортированные данные (CSV из data/user)", "Импортталған деректерді жүктеу (data/user CSV)"),
        ["loading"] = ("Loading the data package…", "Загрузка пакета данных…", "Деректер жүктелуде…"),
        ["error"] = ("Cannot apply", "Не удалось применить", "Қолдану мүмкін емес"),
    };

    /// <summary>The word for <paramref name="key"/> in <paramref name="language"/> (en, ru, kk); the key itself when unknown.</summary>
    public static string Get(string key, string language) =>
        Words.TryGetValue(key, out var w) ? language switch { "ru" => w.Ru, "kk" => w.Kk, _ => w.En } : key;
}
