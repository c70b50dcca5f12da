namespace KzMigration.Specification;

/// <summary>
/// The study's text form: <c>path=value</c> items separated by ';' (or new lines), in the invariant culture — the
/// grammar of <c>kzmig run --param</c>. A path names one field of <see cref="StudySpecification"/>, as declared in
/// <see cref="SpecificationFields"/> (sections <c>scoring.*</c>, <c>migration.*</c>, <c>estimation.*</c>,
/// <c>sensitivity.*</c>, <c>claims.*</c>); a field also answers to its short names, its aliases (<c>thresholds</c>,
/// <c>flow</c>, <c>lag</c>, <c>draws</c>, <c>programmePrices</c>, …). A short name belongs to one field only: where two
/// sections have a field of the same name, <see cref="SpecificationFields"/> says which one the short name means, and the
/// other is written with its section (<c>estimation.years</c>); <c>years</c> alone is refused, naming every candidate.
/// Unknown names, repeated fields and bad values throw <see cref="FormatException"/> naming the field (and, for an unknown
/// name, the closest field).
/// </summary>
public static partial class SpecificationParser
{
    private const string ScoringSection = "scoring", EstimationSection = "estimation";

    /// <summary>Every path the study's text form knows, canonical (prefixed) form, in the order it writes them.</summary>
    public static IReadOnlyList<string> Paths { get; } = [.. SpecificationFields.All.Select(f => f.Path)];

    /// <summary>
    /// Reads a study specification: <c>path=value; …</c> applied to <paramref name="baseline"/> (default
    /// <see cref="StudySpecification.Paper"/>); blank text keeps it. Reads what
    /// <see cref="SpecificationFormatter.Format(StudySpecification)"/> writes, and every field's short names
    /// (<c>thresholds</c>, <c>housing</c>, <c>flow</c>, <c>lag</c>, <c>draws</c>, …).
    /// </summary>
    public static StudySpecification Parse(string? text, StudySpecification? baseline = null)
    {
        var spec = baseline ?? StudySpecification.Paper;
        if (string.IsNullOrWhiteSpace(text)) return spec;
        return Apply(spec, Items(text, "Specification", "scoring.reference=median"), "Specification", null);
    }

    /// <summary>
    /// Applies named values to a specification: each key is a path or a short name (as in
    /// <see cref="Parse(string?, StudySpecification?)"/>), each value its text; blank values keep the baseline. E.g.
    /// <c>Parse(new Dictionary&lt;string, string?&gt; { ["thresholds"] = thresholds, ["reference"] = reference }, spec)</c>.
    /// </summary>
    public static StudySpecification Parse(IEnumerable<KeyValuePair<string, string?>> parameters, StudySpecification? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var items = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => (p.Key, p.Value!.Trim())).ToList();
        return Apply(baseline ?? StudySpecification.Paper, items, "Specification", null);
    }

    /// <summary>
    /// Reads a text and named values as one specification (a run's <c>--param specification=TEXT</c> beside its
    /// <c>--param NAME=VALUE</c>): a field given in both is refused as given twice; blank named values keep the baseline.
    /// </summary>
    public static StudySpecification Parse(string? text, IEnumerable<KeyValuePair<string, string?>> parameters, StudySpecification? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var items = string.IsNullOrWhiteSpace(text) ? [] : Items(text, "Specification", "scoring.reference=median");
        var named = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => (p.Key, p.Value!.Trim()));
        return Apply(baseline ?? StudySpecification.Paper, [.. items, .. named], "Specification", null);
    }

    /// <summary>
    /// Applies one <c>--param name=value</c> to a specification (the same paths and short names as
    /// <see cref="Parse(string?, StudySpecification?)"/>), e.g. <c>With(spec, "thresholds", "75,95,105,140")</c>. Blank
    /// values keep the specification.
    /// </summary>
    public static StudySpecification With(StudySpecification spec, string path, string? value) =>
        Parse([KeyValuePair.Create(path, value)], spec);

    /// <summary>
    /// The one reading of named values: each name resolved to its field (within <paramref name="section"/> when given, where
    /// fields also answer to their names without section), each value read by its field's codec, then the fields set in the
    /// table's order (fields of one group, the band scale's, at once). Every refusal is a <see cref="FormatException"/> that
    /// starts with the name as written.
    /// </summary>
    private static StudySpecification Apply(StudySpecification baseline, IEnumerable<(string Name, string Value)> items, string reader, string? section)
    {
        var given = new Dictionary<SpecificationField, (string Name, string Text, object Value)>();
        foreach (var (raw, text) in items)
        {
            var name = raw.Trim();
            var field = section is null ? SpecificationFields.Resolve(name, reader) : InSection(name, reader, section);
            if (given.TryGetValue(field, out var first))
                throw new FormatException(first.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                    ? $"{reader}: '{name}' is given twice."
                    : $"{reader}: '{field.Path}' is given twice (as '{first.Name}' and '{name}').");
            given.Add(field, (name, text, Read(field, name, text, section)));
        }
        var spec = baseline;
        var applied = new HashSet<FieldGroup>();
        foreach (var field in SpecificationFields.All)
        {
            if (field.Group is { } group)
            {
                if (!applied.Add(group)) continue;
                var members = given.Where(g => g.Key.Group == group).ToDictionary(g => g.Key, g => g.Value.Value);
                if (members.Count == 0) continue;
                try { spec = group.Apply(spec, members); }
                catch (FieldException e)
                {
                    throw new FormatException(given.TryGetValue(e.Field, out var g)
                        ? $"{Named(e.Field, g.Name, section)}: '{g.Text}' {e.Message}"
                        : $"{Named(e.Field, e.Field.ShortName, section)}: {e.Message}");
                }
            }
            else if (given.TryGetValue(field, out var g)) spec = field.Set(spec, g.Value);
        }
        return spec;
    }

    // A value read by its field; a refusal names the field as written. A short name's value that a namesake of another
    // section would take (weights=webb) says which path takes it.
    private static object Read(SpecificationField field, string name, string text, string? section)
    {
        try
        {
            if (text.Contains(';') || text.Contains('\n')) throw new FormatException($"'{text}' contains ';' or a line break, which separate the items of a specification.");
            return field.Read(text);
        }
        catch (FormatException e)
        {
            var hint = "";
            if (section is null && !name.Contains('.'))
                foreach (var other in SpecificationFields.Namesakes(field))
                {
                    try
                    {
                        other.Read(text);
                        hint = $" {other.Path} takes it: write \"{other.Path}={text}\".";
                        break;
                    }
                    catch (FormatException) { }
                }
            throw new FormatException($"{Named(field, name, section)}: {e.Message}{hint}");
        }
    }

    // The field as the user wrote it, and its path where the name alone does not say it (in a whole specification).
    private static string Named(SpecificationField field, string name, string? section) =>
        section is not null || name.Equals(field.Path, StringComparison.OrdinalIgnoreCase) ? name : $"{name} ({field.Path})";

    // A name within one section: the section's paths, its fields' names and their aliases.
    private static SpecificationField InSection(string name, string reader, string section)
    {
        var fields = SpecificationFields.All.Where(f => f.Section == section).ToList();
        var unprefixed = name.StartsWith(section + ".", StringComparison.OrdinalIgnoreCase) ? name[(section.Length + 1)..] : name;
        return fields.FirstOrDefault(f => f.Name.Equals(unprefixed, StringComparison.OrdinalIgnoreCase))
            ?? fields.FirstOrDefault(f => f.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase))
            ?? throw new FormatException($"{reader}: unknown parameter '{name}'; the closest is '{SpecificationFields.Closest(unprefixed, fields).Name}' " +
                $"(known: {string.Join(", ", fields.Select(f => f.Name))}).");
    }

    // "path=value" items separated by ';' or new lines; a malformed item names the reader and an example.
    private static IEnumerable<(string Name, string Value)> Items(string text, string reader, string example)
    {
        var items = new List<(string, string)>();
        foreach (var part in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"{reader}: '{part}' is not name=value (e.g. \"{example}\").");
            items.Add((part[..eq].Trim(), part[(eq + 1)..].Trim()));
        }
        return items;
    }
}
