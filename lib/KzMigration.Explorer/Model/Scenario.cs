using System.Collections.Immutable;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Scoring;
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
/// (<see cref="ScenarioText"/>), so a shared link and a command line give the same numbers.
/// </summary>
public sealed record Scenario
{
    /// <summary>The paper's study as printed: Figure 3 of 2022, interregional flows, each year on its own boundaries (a 200-draw Monte Carlo).</summary>
    public static Scenario Paper { get; } = new();

    /// <summary>The explorer's Monte Carlo: the paper's design with fewer draws, so a click in a browser answers quickly.</summary>
    public const int DefaultDraws = 200;

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
/// The one adapter between the explorer and the workbench's parameter grammar: reads and writes a <see cref="Scenario"/>
/// as <c>name=value</c> pairs, the names and value syntax of <c>kzmig run … --param</c>: the specification's paths
/// without their section (<see cref="SpecificationParser.Paths"/>: the scoring names, <c>flow</c>, <c>draws</c>,
/// <c>seed</c>), read by <see cref="SpecificationParser"/>; <c>edits</c> as <see cref="SpecificationParser.ParseEdits"/>
/// reads them; <c>year</c> and <c>language</c> as the notebooks declare them; and the explorer's own <c>era</c> (a
/// boundary era, or <c>own</c>) and <c>view</c>. Values are invariant-culture. Only values that differ from
/// <see cref="Scenario.Paper"/> are written, in a fixed order, so equal scenarios give equal links.
/// </summary>
public static class ScenarioText
{
    /// <summary>
    /// The scoring parameters, in the order they are written: the parser's scoring paths without their prefix, except
    /// <c>years</c> (the explorer scores the year it shows, <see cref="Scenario.Year"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> ScoringNames =
        [.. SpecificationParser.Paths.Where(p => p.StartsWith("scoring.", StringComparison.Ordinal)).Select(Unprefixed).Where(n => n != "years")];

    // The other specification paths a scenario sets, by their --param names.
    private static readonly string FlowPath = Known("migration.flow"), DrawsPath = Known("sensitivity.draws"), SeedPath = Known("sensitivity.seed");

    private static readonly string FlowName = Unprefixed(FlowPath), DrawsName = Unprefixed(DrawsPath), SeedName = Unprefixed(SeedPath);

    /// <summary>Every name a scenario understands.</summary>
    public static readonly IReadOnlyList<string> Names =
        [.. new[] { "view", "year" }, .. ScoringNames, "edits", FlowName, "era", DrawsName, SeedName, "language"];

    private static string Known(string path) =>
        SpecificationParser.Paths.Contains(path) ? path : throw new InvalidOperationException($"the specification has no path {path}");

    private static string Unprefixed(string path) => path[(path.IndexOf('.', StringComparison.Ordinal) + 1)..];

    // The notebooks declare camelCase C# names for two of them; --param accepts both spellings.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["programmePrices"] = "programme_prices", ["lang"] = "language", ["boundaries"] = "era",
    };

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
            var eq = part.IndexOf('=');
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
            var eq = i.IndexOf('=');
            if (eq <= 0) throw new FormatException($"'{i}' is not name=value (e.g. \"reference=median\").");
            return (i[..eq].Trim(), i[(eq + 1)..].Trim());
        }));

    private static Scenario FromParams(IEnumerable<(string Name, string Value)> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (raw, value) in pairs)
        {
            var name = Aliases.TryGetValue(raw, out var canonical) ? canonical : raw.Trim();
            if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new FormatException($"unknown parameter '{raw}'; known: {string.Join(", ", Names)}.");
            if (!values.TryAdd(name, value)) throw new FormatException($"'{name}' is given twice.");
        }
        string? Get(string n) => values.TryGetValue(n, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        // The specification's items go to its parser; draws and seed keep the explorer's bounds (a browser runs them).
        if (Get(DrawsName) is { } draws && !(int.TryParse(draws, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000))
            throw new FormatException($"draws: '{draws}' is not a whole number from 1 to 100000.");
        if (Get(SeedName) is { } seed && !ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"seed: '{seed}' is not a whole number ≥ 0.");
        var items = ScoringNames.Select(name => KeyValuePair.Create(name, Get(name)))
            .Append(KeyValuePair.Create(FlowPath, Get(FlowName))).Append(KeyValuePair.Create(DrawsPath, Get(DrawsName))).Append(KeyValuePair.Create(SeedPath, Get(SeedName)));
        var specification = SpecificationParser.Parse(items, Scenario.Paper.Specification);
        var own = true;
        if (Get("era") is { } era && !era.Equals("own", StringComparison.OrdinalIgnoreCase))
        {
            var boundaries = Regions.BoundaryEra.All.FirstOrDefault(e => e.Id == era) ?? throw new FormatException($"era: '{era}' is not a boundary era; expected own, 2015, 2018 or 2022.");
            specification = specification with { Migration = specification.Migration with { Boundaries = boundaries } };
            own = false;
        }
        var scenario = new Scenario { Specification = specification, EachYearOwnBoundaries = own, Edits = [.. SpecificationParser.ParseEdits(Get("edits"))] };
        if (Get("year") is { } year)
            scenario = scenario with { Year = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2100 ? y
                : throw new FormatException($"year: '{year}' is not a year; e.g. \"2022\".") };
        if (Get("language") is { } language)
            scenario = scenario with { Language = language.ToLowerInvariant() is "en" or "ru" or "kk" ? language.ToLowerInvariant()
                : throw new FormatException($"language: '{language}' is not one of en, ru, kk.") };
        if (Get("view") is { } view)
            scenario = scenario with { View = view.ToLowerInvariant() switch
            {
                "scoring" or "figure3" => ExplorerView.Scoring,
                "flows" => ExplorerView.Flows,
                "claims" => ExplorerView.Claims,
                _ => throw new FormatException($"view: '{view}' is not one of scoring, flows, claims."),
            } };
        return scenario;
    }

    /// <summary>The scenario as <c>name=value</c> items (only what differs from the paper), as <c>--param</c> takes them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Params(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var baseline = Scenario.Paper;
        var items = new List<KeyValuePair<string, string>>();
        void Add(string name, string value) => items.Add(new(name, value));
        if (scenario.View != baseline.View) Add("view", scenario.View.ToString().ToLowerInvariant());
        if (scenario.Year != baseline.Year) Add("year", scenario.Year.ToString(CultureInfo.InvariantCulture));
        var mine = ScoringItems(scenario.Spec);
        var paper = ScoringItems(baseline.Spec);
        foreach (var name in ScoringNames)
            if (mine.TryGetValue(name, out var value) && (!paper.TryGetValue(name, out var p) || p != value)) Add(name, value);
        if (!scenario.Edits.IsEmpty) Add("edits", string.Join("; ", scenario.Edits.Select(e => e.ToString())));
        if (scenario.Flow != baseline.Flow) Add(FlowName, Codes.Of(scenario.Flow));
        if (scenario.Era != baseline.Era) Add("era", scenario.Era ?? "own");
        if (scenario.Draws != baseline.Draws) Add(DrawsName, scenario.Draws.ToString(CultureInfo.InvariantCulture));
        if (scenario.Seed != baseline.Seed) Add(SeedName, scenario.Seed.ToString(CultureInfo.InvariantCulture));
        if (scenario.Language != baseline.Language) Add("language", scenario.Language);
        return items;
    }

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
        return scenario with { Edits = [.. SpecificationParser.ParseEdits(text)] };
    }

    /// <summary>The query string (without '?'), percent-encoded.</summary>
    public static string Format(Scenario scenario) =>
        string.Join("&", Params(scenario).Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value)));

    /// <summary>The same scenario as <c>--param</c> options of <c>kzmig run</c> (the view is the page's own, not a parameter).</summary>
    public static string CommandLine(Scenario scenario) =>
        string.Join(" ", Params(scenario).Where(kv => kv.Key != "view").Select(kv => $"--param \"{kv.Key}={kv.Value}\""));

    // SpecificationParser.Describe writes every scoring choice as "name=value; …" (housing as two items).
    private static Dictionary<string, string> ScoringItems(ScoringSpec spec)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in SpecificationFormatter.Format(spec).Split("; "))
        {
            var eq = part.IndexOf('=');
            if (eq > 0) items[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return items;
    }

    // '+' stays a plus: edits such as «+20%» are pasted from a command line; links this class writes encode it (%2B).
    private static string Decode(string s) => Uri.UnescapeDataString(s);
}
