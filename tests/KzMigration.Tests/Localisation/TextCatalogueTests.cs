using System.Text.Json;
using System.Text.RegularExpressions;
using KzMigration.Charts;
using KzMigration.Data;
using KzMigration.Scoring;
using KzMigration.Study;
using KzMigration.Localisation;

namespace KzMigration.Tests.Localisation;

/// <summary>The one text catalogue: complete in en, ru and kk, every id used, every id used exists, and charts switch with it.</summary>
public partial class TextCatalogueTests
{
    [Fact]
    public void Every_id_has_english_russian_and_kazakh_with_the_same_placeholders()
    {
        Assert.NotEmpty(TextCatalogue.Ids);
        foreach (var id in TextCatalogue.Ids)
        {
            var e = TextCatalogue.Entry(id);
            foreach (var (language, text) in new[] { ("en", e.En), ("ru", e.Ru), ("kk", e.Kk) })
                Assert.False(string.IsNullOrWhiteSpace(text), $"{id}: no {language} text");
            var expected = TextCatalogue.Placeholders(e.En).Order().ToList();
            Assert.Equal(expected, TextCatalogue.Placeholders(e.Ru).Order().ToList());
            Assert.Equal(expected, TextCatalogue.Placeholders(e.Kk).Order().ToList());
            // A translation is not the English text again (words; «ρ = …» and the like have words too).
            Assert.True(e.Ru != e.En && e.Kk != e.En, $"{id}: a translation repeats the English text");
        }
    }

    [Fact]
    public void No_id_is_unused()
    {
        var code = UsingCode();
        // Ids the catalogue composes from a key: each names something that exists.
        var dynamicPrefixes = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["factor."] = [.. WorkbenchData.Load(TestPaths.Data).IndicatorDefinitions.Keys, .. SocioEconomicScoring.PaperFactors.Select(f => f.IndicatorId)],
            ["band."] = [.. BandScale.Paper.Bands.Select(b => b.Label.Replace(' ', '-'))],
            ["flow."] = Codes.Flows,
            ["choice."] = [.. ChoiceNames()],
        };
        var unused = new List<string>();
        foreach (var id in TextCatalogue.Ids)
        {
            if (dynamicPrefixes.FirstOrDefault(p => id.StartsWith(p.Key, StringComparison.Ordinal)) is { Key: not null } prefix)
            {
                if (!prefix.Value.Contains(id[prefix.Key.Length..]) && !code.Contains($"\"{id}\"", StringComparison.Ordinal)) unused.Add(id);
            }
            else if (!code.Contains($"\"{id}\"", StringComparison.Ordinal)) unused.Add(id);
        }
        Assert.True(unused.Count == 0, "ids used nowhere: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_id_the_code_asks_for_exists()
    {
        var asked = IdUse().Matches(UsingCode()).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(asked);
        var missing = asked.Where(id => !TextCatalogue.Ids.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "ids not in the catalogue: " + string.Join(", ", missing));
    }

    [Fact]
    public void Texts_follow_the_language_and_fill_their_placeholders()
    {
        Assert.Equal("Области", TextCatalogue.Get("chart.oblasts", "ru"));
        Assert.Equal("Облыстар", TextCatalogue.Get("chart.oblasts", "kk"));
        Assert.Equal("Net migration, all flows, 2022", TextCatalogue.Format("map.net-migration-all.title", "en", ("year", 2022)));
        Assert.Equal("2018 жылғы шекаралар (17 бірлік)", TextCatalogue.Era("2018", 17, "kk"));
        Assert.Throws<ArgumentException>(() => TextCatalogue.Format("map.net-migration-all.title", "en"));
        Assert.Throws<ArgumentException>(() => TextCatalogue.Format("chart.oblasts", "en", ("year", 2022)));
        Assert.Throws<KeyNotFoundException>(() => TextCatalogue.Get("no.such.id", "en"));
        Assert.Equal("Жан басына шаққандағы ЖӨӨ", TextCatalogue.FactorLabel("grp_per_capita", "kk", "x"));
        Assert.Equal("my own label", TextCatalogue.FactorLabel("user_indicator", "ru", "my own label"));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("RU")]
    [InlineData("")]
    public void Unknown_languages_are_refused(string language)
    {
        Assert.Throws<ArgumentException>(() => TextCatalogue.Get("chart.oblasts", language));
        Assert.Throws<ArgumentException>(() => MigrationCharts.BalanceBars(Balances, "t", "s", language: language));
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    public void A_chart_drawn_in_russian_or_kazakh_shows_none_of_its_english_words(string language)
    {
        var texts = Strings(JsonDocument.Parse(Plotly.NET.GenericChart.toFigureJson(MigrationCharts.BalanceBars(Balances, "t", "s", language: language))).RootElement);
        foreach (var id in new[] { "chart.cities", "chart.oblasts", "chart.gain", "chart.loss", "chart.gap-note", "chart.balance-axis" })
        {
            Assert.Contains(texts, t => t.Contains(TextCatalogue.Get(id, language), StringComparison.Ordinal));
            Assert.DoesNotContain(texts, t => t.Contains(TextCatalogue.Get(id, "en"), StringComparison.Ordinal));
        }
    }

    private static readonly RegionValue[] Balances =
    [
        new("astana-city", "Astana", true, 2022, 33798), new("abai", "Abai", false, 2022, -2555), new("ulytau", "Ulytau", false, 2022, null),
    ];

    /// <summary>Every string value of a JSON document (the figure's texts).</summary>
    private static List<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => [.. e.EnumerateArray().SelectMany(Strings)],
        JsonValueKind.Object => [.. e.EnumerateObject().SelectMany(p => Strings(p.Value))],
        _ => [],
    };

    /// <summary>The names of the sensitivity design's open choices, as Scoring/Sensitivity.cs adds them.</summary>
    private static IEnumerable<string> ChoiceNames() =>
        ChoiceAdd().Matches(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "lib", "KzMigration", "Scoring", "Sensitivity.cs")))
            .Select(m => m.Groups[1].Value);

    /// <summary>Every C# source and Razor page of lib/ (the catalogue's own table left out) and every notebook cell.</summary>
    private static string UsingCode()
    {
        var root = TestPaths.RepositoryRoot;
        var parts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "lib"), "*.cs", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(root, "lib"), "*.razor", SearchOption.AllDirectories)))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var text = File.ReadAllText(file);
            if (Path.GetFileName(file) == "TextCatalogue.cs") text = text[..text.IndexOf("private static readonly Dictionary<string, CatalogueText> Texts", StringComparison.Ordinal)];
            parts.Add(text);
        }
        foreach (var notebook in Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(notebook));
            foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
                parts.Add(string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString())));
        }
        return string.Join("\n", parts);
    }

    [GeneratedRegex(@"(?:TextCatalogue\.(?:Get|Format)|\bT)\(\s*""([^""]+)""")]
    private static partial Regex IdUse();

    [GeneratedRegex(@"Add\(""([a-z]+)""")]
    private static partial Regex ChoiceAdd();
}
