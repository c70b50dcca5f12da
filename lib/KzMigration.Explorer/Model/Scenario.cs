using System.Collections.Immutable;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Scoring;
using KzMigration.Regions;
using KzMigration.Specification;

namespace KzMigration.Explorer.Model;

/// <summary>Which page of the explorer is shown.</summary>
public enum ExplorerView
{
    /// <summary>Figure 3: bands, totals and ranks under the scenario's scoring.</summary>
    Scoring,

    /// <summary>Figures 1–2: balances and the attractiveness coefficient K.</summary>
    Flows,

    /// <summary>The claims ledger under the scenario.</summary>
    Claims,
}

/// <summary>
/// Everything a class sees in the explorer, as one immutable value: the study's specification (<see cref="Specification"/>:
/// the scoring, the coefficient's flow, the boundaries, the Monte Carlo design) and the page's own state that is no part of
/// it: the edits of the data, the year shown, whether each year keeps its own boundaries, the language and the page.
/// Its text form is the query string of the page, in the grammar of <c>kzmig run … --param name=value</c>
/// (<see cref="ScenarioText"/>: the specification's fields by their <c>--param</c> names, from the one table of fields,
/// <see cref="SpecificationFields"/>, and the page's own few), so a shared link and a command line give the same numbers.
/// </summary>
public sealed record Scenario
{
    /// <summary>The paper's study as printed: Figure 3 of 2022, interregional flows, each year on its own boundaries (a 200-draw Monte Carlo).</summary>
    public static Scenario Paper { get; } = new();

    /// <summary>The explorer's Monte Carlo: the paper's design with fewer draws, so a click in a browser answers quickly.</summary>
    public const int DefaultDraws = 200;

    /// <summary>The most draws the explorer runs (in a browser); <c>kzmig run</c> takes up to <see cref="Scoring.Sensitivity.MaxDraws"/>.</summary>
    public const int MaxDraws = 100_000;

    /// <summary>The study's specification: the scoring, the migration side (flow, boundaries) and the sensitivity design (draws, seed).</summary>
    public StudySpecification Specification { get; init => field = value ?? StudySpecification.Paper; } =
        StudySpecification.Paper with { Sensitivity = StudySpecification.Paper.Sensitivity with { Draws = DefaultDraws } };

    /// <summary>Edits of the data («Turkestan average wage × 1.2»), applied in order before scoring.</summary>
    public ImmutableArray<ValueEdit> Edits { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The year shown and scored (Figure 3: 2022).</summary>
    public int Year { get; init; } = 2022;

    /// <summary>
    /// Whether the flows page shows each year on its own boundaries (the paper's figures), rather than recounted on the
    /// specification's boundaries (<see cref="MigrationChoices.Boundaries"/>, which the claims always read).
    /// </summary>
    public bool EachYearOwnBoundaries { get; init; } = true;

    /// <summary>Language of region names and page text: en, ru or kk.</summary>
    public string Language { get; init; } = "en";

    /// <summary>The page shown.</summary>
    public ExplorerView View { get; init; } = ExplorerView.Scoring;

    /// <summary>The scoring choices (<see cref="StudySpecification.Scoring"/>).</summary>
    public ScoringSpec Spec => Specification.Scoring;

    /// <summary>Whose arrivals and departures K = A ÷ D divides (<see cref="MigrationChoices.CoefficientFlow"/>).</summary>
    public Flow Flow => Specification.Migration.CoefficientFlow;

    /// <summary>The boundaries the flows page counts on: null = each year on its own; else the specification's era id.</summary>
    public string? Era => EachYearOwnBoundaries ? null : Specification.Migration.Boundaries.Id;

    /// <summary>Monte Carlo draws (N) of the sensitivity button (<see cref="SensitivityDesign.Draws"/>).</summary>
    public int Draws => Specification.Sensitivity.Draws;

    /// <summary>Seed of the Monte Carlo run (<see cref="SensitivityDesign.Seed"/>).</summary>
    public ulong Seed => Specification.Sensitivity.Seed;

    /// <summary>The scenario with other scoring choices.</summary>
    public Scenario With(ScoringSpec scoring) => this with { Specification = Specification with { Scoring = scoring } };

    /// <summary>The scenario with another number of Monte Carlo draws.</summary>
    public Scenario WithDraws(int draws) => this with { Specification = Specification with { Sensitivity = Specification.Sensitivity with { Draws = draws } } };

    /// <summary>Content equality (the specification and edits compared by value).</summary>
    public bool Equals(Scenario? other) =>
        other is not null && Specification.Equals(other.Specification) && Edits.SequenceEqual(other.Edits) && Year == other.Year
        && EachYearOwnBoundaries == other.EachYearOwnBoundaries && Language == other.Language && View == other.View;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Specification, Edits.Length, Year, EachYearOwnBoundaries, Language);

    /// <summary>The scenario as its query string.</summary>
    public override string ToString() => ScenarioText.Format(this);
}

/// <summary>
/// The explorer's query string, and the command line that gives the same numbers, made from the specification's table of
/// fields (<see cref="SpecificationFields"/>: every field by its <c>--param</c> name, read and written by its own codec) and
/// the page's own state (<c>view</c>, <c>year</c>, <c>edits</c>, <c>era</c>: each year on its own boundaries or one era's,
/// <c>language</c>). Values are invariant-culture. Only values that differ from <see cref="Scenario.Paper"/> are written, in
/// a fixed order (the page's, then the specification's in table order), so equal scenarios give equal links.
/// </summary>
public static class ScenarioText
{
    /// <summary>The notebook whose <c>kzmig run</c> gives the numbers of a scenario (it declares <c>year</c>, <c>edits</c> and <c>language</c>).</summary>
    public const string CommandNotebook = "notebooks/05-what-if-and-sensitivity.ipynb";

    private const string Own = "own";

    // The page's state, in the order a link writes it: a name (and other spellings), how it is written (null: as the paper's
    // scenario), how it is read. None is a field of the study's specification.
    private sealed record PageField(string Name, string[] Aliases, Func<Scenario, string?> Write, Func<Scenario, string, Scenario> Read);

    private static readonly ValueCodec<ExplorerView> Views = ValueCodec.Choice("a page", Enum.GetValues<ExplorerView>(),
        v => v.ToString().ToLowerInvariant(), [("figure3", ExplorerView.Scoring)]);

    private static readonly ValueCodec<int> Years = ValueCodec.Year();

    private static readonly ValueCodec<string> Languages = ValueCodec.Choice("a language", ["en", "ru", "kk"], l => l);

    private static readonly ValueCodec<ImmutableArray<ValueEdit>> EditLists = ValueCodec.Of<ImmutableArray<ValueEdit>>(
        s => [.. SpecificationParser.ParseEdits(s)], edits => string.Join("; ", edits.Select(e => e.ToString())),
        "edits region:indicator[@year] then *factor, =value, +pct% or -pct%, separated by ';'");

    private static readonly ValueCodec<string?> EraChoices = ValueCodec.Of<string?>(
        s => s.Equals(Own, StringComparison.OrdinalIgnoreCase) ? null : SpecificationFields.MigrationBoundaries.Codec.Parse(s).Id,
        era => era ?? Own, $"{Own} (each year on its own boundaries) or a boundary era ({SpecificationFields.MigrationBoundaries.Values})");

    private static string? Differs<T>(ValueCodec<T> codec, T mine, T paper) => codec.Format(mine) is var text && text != codec.Format(paper) ? text : null;

    private static readonly PageField[] Before =
    [
        new("view", [], s => Differs(Views, s.View, Scenario.Paper.View), (s, v) => s with { View = Views.Parse(v) }),
        new("year", [], s => Differs(Years, s.Year, Scenario.Paper.Year), (s, v) => s with { Year = Years.Parse(v) }),
    ];

    private static readonly PageField[] After =
    [
        new("edits", [], s => s.Edits.IsEmpty ? null : EditLists.Format(s.Edits), (s, v) => s with { Edits = EditLists.Parse(v) }),
        new("era", [], s => Differs(EraChoices, s.Era, Scenario.Paper.Era), ReadEra),
        new("language", ["lang"], s => Differs(Languages, s.Language, Scenario.Paper.Language), (s, v) => s with { Language = Languages.Parse(v) }),
    ];

    private static readonly PageField[] Page = [.. Before, .. After];

    /// <summary>The scoring fields' <c>--param</c> names, in table order (the explorer scores the year it shows, so not <c>scoring.years</c>).</summary>
    public static readonly IReadOnlyList<string> ScoringNames =
        [.. SpecificationFields.All.Where(f => f.Section == "scoring" && f != SpecificationFields.ScoringYears).Select(f => f.ShortName)];

    /// <summary>Every name a scenario's link understands: the page's, and every field of the specification by its short name.</summary>
    public static readonly IReadOnlyList<string> Names = [.. Before.Select(p => p.Name), .. SpecificationFields.All.Select(f => f.ShortName), .. After.Select(p => p.Name)];

    /// <summary>
    /// Reads a query string (with or without the leading '?', percent-encoded or not). Throws <see cref="FormatException"/>
    /// naming the parameter and what is expected; the page shows that message and keeps the paper's scenario.
    /// </summary>
    public static Scenario Parse(string? query)
    {
        var pairs = new List<(string Name, string Value)>();
        var text = (query ?? "").TrimStart('?');
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            pairs.Add((name, value));
        }
        return FromParams(pairs);
    }

    /// <summary>Reads <c>name=value</c> items, as given to <c>--param</c> one by one.</summary>
    public static Scenario FromParams(IEnumerable<string> items) =>
        FromParams(items.Select(i =>
        {
            var eq = i.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"'{i}' is not name=value (e.g. \"reference=median\").");
            return (i[..eq].Trim(), i[(eq + 1)..].Trim());
        }));

    private static Scenario FromParams(IEnumerable<(string Name, string Value)> pairs)
    {
        var page = new Dictionary<PageField, string>();
        var fields = new List<KeyValuePair<string, string?>>();
        foreach (var (raw, value) in pairs)
        {
            var name = raw.Trim();
            if (Page.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase)) is { } field)
            {
                if (!page.TryAdd(field, value)) throw new FormatException($"'{field.Name}' is given twice.");
            }
            else if (SpecificationFields.Find(name) is not null) fields.Add(KeyValuePair.Create(name, (string?)value));
            else throw Unknown(name);
        }
        var scenario = new Scenario { Specification = SpecificationParser.Parse(fields, Scenario.Paper.Specification) };
        if (scenario.Draws > Scenario.MaxDraws)
            throw new FormatException($"draws: '{scenario.Draws}' is more than the explorer runs in a browser; expected a whole number from 1 to {Scenario.MaxDraws} (kzmig run takes more).");
        foreach (var field in Page)
        {
            if (!page.TryGetValue(field, out var value) || string.IsNullOrWhiteSpace(value)) continue;
            if (field.Name == "era" && fields.Any(f => SpecificationFields.Find(f.Key) == SpecificationFields.MigrationBoundaries && !string.IsNullOrWhiteSpace(f.Value))
                && !value.Trim().Equals(Own, StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"era: '{value}' and boundaries both set the boundaries; give one of them.");
            try { scenario = field.Read(scenario, value.Trim()); }
            catch (FormatException e) when (!e.Message.StartsWith(field.Name + ":", StringComparison.Ordinal)) { throw new FormatException($"{field.Name}: {e.Message}", e); }
        }
        return scenario;
    }

    // era=own: each year on its own boundaries; era=ID: every year on that era's, which is then the specification's.
    private static Scenario ReadEra(Scenario scenario, string text) => EraChoices.Parse(text) is { } era
        ? scenario with { EachYearOwnBoundaries = false, Specification = SpecificationFields.MigrationBoundaries.With(scenario.Specification, BoundaryEra.Parse(era)) }
        : scenario with { EachYearOwnBoundaries = true };

    // Neither the page's nor the specification's: the specification's own word where a name is shared by sections ('years'),
    // else the closest name of either.
    private static FormatException Unknown(string name)
    {
        if (SpecificationFields.All.Any(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            try { SpecificationFields.Resolve(name, "link"); }
            catch (FormatException e) { return e; }
        }
        var candidates = Names.Select(n => (Name: n, Distance: Regions.RegionName.EditDistance(name.ToLowerInvariant(), n.ToLowerInvariant())));
        return new FormatException($"unknown parameter '{name}'; the closest is '{candidates.MinBy(c => c.Distance).Name}' ('kzmig spec' lists the specification's fields).");
    }

    /// <summary>The scenario as <c>name=value</c> items (only what differs from the paper), as <c>--param</c> takes them, plus the page's own.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Params(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var items = new List<KeyValuePair<string, string>>();
        foreach (var field in Before) if (field.Write(scenario) is { } text) items.Add(new(field.Name, text));
        // A scenario on one era writes it as era=, which sets the specification's boundaries too.
        items.AddRange(Changed(scenario.Specification, Scenario.Paper.Specification,
            f => f != SpecificationFields.MigrationBoundaries || scenario.EachYearOwnBoundaries));
        foreach (var field in After) if (field.Write(scenario) is { } text) items.Add(new(field.Name, text));
        return items;
    }

    // The fields of a specification that differ from a baseline, by their short names, in table order.
    private static IEnumerable<KeyValuePair<string, string>> Changed(StudySpecification spec, StudySpecification baseline, Func<SpecificationField, bool> include) =>
        SpecificationFields.All.Where(include).Select(f => (Field: f, Text: f.Format(spec)))
            .Where(x => x.Text != x.Field.Format(baseline)).Select(x => KeyValuePair.Create(x.Field.ShortName, x.Text));

    /// <summary>The scenario with scoring choices changed by their text (a control of the page), parsed by the workbench's parser.</summary>
    public static Scenario WithScoring(Scenario scenario, string? thresholds = null, string? points = null, string? boundary = null, string? reference = null,
        string? aggregation = null, string? housing = null, string? programmePrices = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.With(SpecificationParser.ApplyScoring(scenario.Spec, thresholds, points, null, boundary, reference, null, null, null, aggregation, null, housing, programmePrices));
    }

    /// <summary>The scenario with its edits replaced by <paramref name="text"/> (the <c>edits</c> grammar).</summary>
    public static Scenario WithEdits(Scenario scenario, string? text)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario with { Edits = string.IsNullOrWhiteSpace(text) ? [] : EditLists.Parse(text) };
    }

    /// <summary>The scenario on the boundaries <paramref name="text"/> names: <c>own</c> (each year on its own) or an era id.</summary>
    public static Scenario WithEra(Scenario scenario, string text)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        try { return ReadEra(scenario, (text ?? "").Trim()); }
        catch (FormatException e) { throw new FormatException($"era: {e.Message}", e); }
    }

    /// <summary>The query string (without '?'), percent-encoded.</summary>
    public static string Format(Scenario scenario) =>
        string.Join("&", Params(scenario).Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value)));

    /// <summary>
    /// The command line that gives the scenario's numbers: <c>kzmig run</c> of <see cref="CommandNotebook"/> with the
    /// specification's fields that differ from the paper's (<c>kzmig run</c>'s baseline, so the explorer's lighter Monte Carlo
    /// shows as <c>draws</c>) and the notebook's page parameters (<c>year</c>, <c>language</c>, and <c>edits</c> always, since the
    /// notebook's own example edit is not the explorer's). Every argument is quoted for POSIX shells (single quotes, a quote
    /// inside written <c>'\''</c>), so a shared link's text can never become a command; nothing is printed that
    /// <c>kzmig run</c> does not take (the page's <c>view</c> and <c>era=own</c> are no parameters).
    /// </summary>
    public static string CommandLine(Scenario scenario) =>
        $"kzmig run {CommandNotebook}" + string.Concat(CommandParams(scenario).Select(item => " --param " + ShellQuoted(item)));

    /// <summary>The <c>name=value</c> arguments of <see cref="CommandLine"/>, unquoted: what <c>kzmig run</c> receives.</summary>
    public static IReadOnlyList<string> CommandParams(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var items = new List<KeyValuePair<string, string>>();
        if (Differs(Years, scenario.Year, Scenario.Paper.Year) is { } year) items.Add(new("year", year));
        items.AddRange(Changed(scenario.Specification, StudySpecification.Paper, _ => true));
        items.Add(new("edits", EditLists.Format(scenario.Edits)));
        if (Differs(Languages, scenario.Language, Scenario.Paper.Language) is { } language) items.Add(new("language", language));
        return [.. items.Select(kv => $"{kv.Key}={kv.Value}")];
    }

    /// <summary>A word for POSIX shells: in single quotes, where nothing is special, each quote inside closed, escaped and reopened (<c>'\''</c>).</summary>
    public static string ShellQuoted(string word) => "'" + (word ?? "").Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // '+' stays a plus: edits such as «+20%» are pasted from a command line; links this class writes encode it (%2B).
    private static string Decode(string s) => Uri.UnescapeDataString(s);
}
