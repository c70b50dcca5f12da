using System.Text;
using System.Text.RegularExpressions;

namespace KzMigration.Regions;

/// <summary>What a name's affixes say about the unit: «г.»/«город»/«(city)» mark a city, «область»/«облысы»/«region» an oblast.</summary>
public enum NameMarker
{
    None,
    City,
    Oblast,
}

/// <summary>
/// Normalises the spellings of region names found in official files (docs/official-formats.md §3,
/// §5): case, «г.»/«город»/«область»/«обл.» affixes, footnote markers glued on («Туркестанская2)»,
/// «Туркестанская**», «Shimkent city 3)»), Kazakh letters (Ұлытау = Улытау), and Latin «i» typed inside
/// Cyrillic words (the boundary files' «Солтүстiк»).
/// </summary>
public static partial class RegionName
{
    /// <summary>The comparable core of <paramref name="name"/> and what its affixes say.</summary>
    public static (string Core, NameMarker Marker) Normalise(string name)
    {
        var s = name.Normalize(NormalizationForm.FormC);
        s = Spaces().Replace(s, " ").Trim();
        s = Footnote().Replace(s, "");
        s = s.ToLowerInvariant().Replace('ё', 'е');
        if (s.Any(c => c is >= 'а' and <= 'я' || "әғқңөұүһі".Contains(c))) s = s.Replace('i', 'і');
        s = FoldKazakh(s);
        s = Dashes().Replace(s, "-");
        s = Regex.Replace(s, @"\s*-\s*", "-");
        s = Regex.Replace(s, @"\.\s*", ". ").Trim();

        var marker = NameMarker.None;
        foreach (var (pattern, m) in Affixes)
        {
            var stripped = Regex.Replace(s, pattern, "").Trim();
            if (stripped.Length > 0 && stripped != s)
            {
                s = stripped;
                marker = m;
                break;
            }
        }
        s = s.Replace(". ", ".").Replace(" .", ".").Trim(' ', '.', ',');
        s = Regex.Replace(s, @"\s+", " ");
        return (s, marker);
    }

    /// <summary>Levenshtein distance, for «did you mean» suggestions.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    // Kazakh letters folded to the Russian letters that transliterate them in BNS Russian tables.
    private static string FoldKazakh(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            chars[i] = chars[i] switch
            {
                'ә' => 'а', 'ғ' => 'г', 'қ' => 'к', 'ң' => 'н', 'ө' => 'о',
                'ұ' => 'у', 'ү' => 'у', 'һ' => 'х', 'і' => 'и',
                _ => chars[i],
            };
        return new string(chars);
    }

    // Applied after lower-casing, folding and «. » spacing; first match wins.
    private static readonly (string Pattern, NameMarker Marker)[] Affixes =
    [
        (@"^(г\. |город |г )", NameMarker.City),
        (@"\s*\((city|кала)\)$", NameMarker.City),
        (@"\s+(city|каласы|к\.)$", NameMarker.City),
        (@"^(область |обл\. )", NameMarker.Oblast),
        (@"\s+(область|обл\.|обл|облысы|region|oblast|oblysy)$", NameMarker.Oblast),
        (@"\s*\((region|oblast)\)$", NameMarker.Oblast),
    ];

    [GeneratedRegex(@"[\s\u00A0\u2007\u2009\u202F]+")]
    private static partial Regex Spaces();

    // «2)», « 3)», «**», «(1)» glued to the end of a name: FootnoteMark's marks, and a number in parentheses.
    [GeneratedRegex(@"(\s*(" + FootnoteMark.NumberedPattern + @"|\(" + FootnoteMark.NumberPattern + @"\)|" + FootnoteMark.AsteriskPattern + @"))+$")]
    private static partial Regex Footnote();

    [GeneratedRegex(@"[\u2010-\u2015\u2212]")]
    private static partial Regex Dashes();
}
