using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KzMigration.Specification;
using Microsoft.CodeAnalysis.CSharp;

namespace KzMigration.Notebooks;

/// <summary>
/// Papermill-style parameters for C# notebooks. A notebook declares its parameters with ordinary
/// declarations in one tagged cell (<c>int year = 2022;</c>); <c>kzmig run NB --param year=2023</c>
/// inserts, after that cell, a cell that assigns the new values. The assignment goes through
/// <see cref="Override{T}"/>, whose type argument C# infers from the declared variable, so the text
/// is parsed as the declared type (invariant culture) without the runner having to know it.
/// </summary>
public static partial class NotebookParameters
{
    // A declaration statement at the start of a line: [type] name = ...; (type may be var, generic, array, nullable).
    [GeneratedRegex(@"^\s*(?:const\s+)?(?:[A-Za-z_][\w.]*(?:<[^=;]*>)?(?:\[\])*\??)\s+(?<name>[A-Za-z_]\w*)\s*=", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();

    /// <summary>The names a parameters cell declares, in order.</summary>
    public static IReadOnlyList<string> DeclaredNames(string parametersCellSource) =>
        Declaration().Matches(parametersCellSource).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Parses <c>name=value</c> arguments. Throws <see cref="ArgumentException"/> on a malformed one.</summary>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in assignments)
        {
            var eq = text.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--param '{text}': expected name=value");
            var name = text[..eq].Trim();
            if (!Identifier().IsMatch(name)) throw new ArgumentException($"--param '{text}': '{name}' is not a C# identifier");
            if (!result.TryAdd(name, text[(eq + 1)..])) throw new ArgumentException($"--param '{name}' is given twice");
        }
        return result;
    }

    /// <summary>The name of a notebook parameter that receives the run's whole specification (papermill's <c>-p specification "…"</c>).</summary>
    public const string SpecificationParameter = "specification";

    /// <summary>
    /// The runner's contract for <c>kzmig run NOTEBOOK --param NAME=VALUE …</c>, before anything runs:
    /// <list type="bullet">
    /// <item>a NAME that is a path or a short name of the study's specification (<see cref="SpecificationFields"/>:
    /// <c>thresholds</c>, <c>scoring.reference</c>, <c>flow</c>, <c>lag</c>, <c>draws</c>, …), and <c>specification</c> itself
    /// (a whole text, <c>lag=no; units=stable</c>), is folded by the specification's parser into the run's
    /// <see cref="RunParameters.Specification"/> (which the notebook reads as <c>RunContext.Current.Specification</c>); a
    /// blank value keeps the paper's choice;</item>
    /// <item>a notebook that declares a <c>specification</c> parameter also receives the run's whole specification text there
    /// (papermill's convention: the same notebook run with <c>papermill -p specification "…"</c> computes the same);</item>
    /// <item>any other NAME must be a parameter the notebook declares (<c>language</c>, <c>whatIfRegion</c>, …) and is
    /// injected as before; a declared parameter that is also a specification name gets its value too;</item>
    /// <item>an unknown NAME, a repeated one, or a value the specification refuses (out of its bounds, say) is an
    /// <see cref="ArgumentException"/> naming it (and the closest name when it is unknown).</item>
    /// </list>
    /// </summary>
    /// <param name="notebookName">The notebook's name, for messages.</param>
    /// <param name="declared">The names its parameters cell declares (<see cref="DeclaredNames"/>).</param>
    /// <param name="assignments">The <c>name=value</c> arguments, as given.</param>
    public static RunParameters ForRun(string notebookName, IReadOnlyList<string> declared, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(assignments);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var notebook = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<KeyValuePair<string, string?>>();
        string? text = null;
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ArgumentException($"--param '{assignment}': expected name=value");
            var name = assignment[..eq].Trim();
            var value = assignment[(eq + 1)..];
            if (!given.TryAdd(name, value)) throw new ArgumentException($"--param '{name}' is given twice");
            var isDeclared = declared.Contains(name, StringComparer.Ordinal);
            if (name == SpecificationParameter) text = value;
            else if (SpecificationFields.Find(name) is not null) fields.Add(KeyValuePair.Create(name, (string?)value));
            else if (!isDeclared) throw Unknown(notebookName, declared, name);
            if (isDeclared && name != SpecificationParameter) notebook[name] = value;
        }
        StudySpecification specification;
        try { specification = SpecificationParser.Parse(text, StudySpecification.Paper); }
        catch (FormatException e) { throw new ArgumentException($"--param {SpecificationParameter}: {e.Message}", e); }
        try { specification = SpecificationParser.Parse(text, fields, StudySpecification.Paper); }
        catch (FormatException e) { throw new ArgumentException($"--param {e.Message}", e); }
        if ((text is not null || fields.Count > 0) && declared.Contains(SpecificationParameter, StringComparer.Ordinal))
            notebook[SpecificationParameter] = SpecificationFormatter.Format(specification);
        return new RunParameters(specification, notebook, given);
    }

    // A name that is neither the notebook's nor the specification's: the specification's own message where the name is a
    // field's name in several sections ('years'), else the closest name of either kind.
    private static ArgumentException Unknown(string notebookName, IReadOnlyList<string> declared, string name)
    {
        try { SpecificationFields.Resolve(name); }
        catch (FormatException e) when (SpecificationFields.All.Any(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            return new ArgumentException($"--param {name}: {e.Message}", e);
        }
        catch (FormatException) { }
        var field = SpecificationFields.Closest(name, SpecificationFields.All);
        var fieldDistance = field.Aliases.Append(field.Path).Append(field.Name).Min(n => Distance(name, n));
        var parameter = declared.OrderBy(d => Distance(name, d)).FirstOrDefault();
        var closest = parameter is not null && Distance(name, parameter) <= fieldDistance
            ? $"the notebook's parameter '{parameter}'"
            : $"the specification's field {(field.Aliases.Count > 0 ? $"'{field.ShortName}' ({field.Path})" : $"'{field.Path}'")}";
        var declares = declared.Count == 0 ? "it declares none" : "it declares: " + string.Join(", ", declared);
        return new ArgumentException($"{notebookName}: unknown parameter '{name}': neither a parameter of the notebook ({declares}) nor a field of the study's specification ('kzmig spec' lists them); the closest is {closest}");
    }

    private static int Distance(string a, string b) => Regions.RegionName.EditDistance(a.ToLowerInvariant(), b.ToLowerInvariant());

    /// <summary>
    /// The C# code of the injected-parameters cell. Throws <see cref="ArgumentException"/> naming the
    /// notebook's parameters when an override names one it does not declare.
    /// </summary>
    public static string InjectionCode(string notebookName, IReadOnlyList<string> declared, IReadOnlyDictionary<string, string> overrides)
    {
        var unknown = overrides.Keys.Where(k => !declared.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var known = declared.Count == 0 ? "it declares none" : "it declares: " + string.Join(", ", declared);
            throw new ArgumentException($"{notebookName}: unknown parameter {string.Join(", ", unknown.Select(u => $"'{u}'"))} ({known})");
        }
        var code = new StringBuilder("// Parameters injected by kzmig run --param\n");
        foreach (var (name, raw) in overrides.OrderBy(kv => declared.ToList().IndexOf(kv.Key)))
            code.Append(name).Append(" = ").Append(typeof(NotebookParameters).FullName).Append(".Override(")
                .Append(name).Append(", ").Append(SymbolDisplay.FormatLiteral(name, quote: true)).Append(", ")
                .Append(SymbolDisplay.FormatLiteral(raw, quote: true)).Append(");\n");
        return code.ToString();
    }

    /// <summary>
    /// Parses <paramref name="raw"/> as the type of the declared parameter (inferred from
    /// <paramref name="current"/>). Numbers use the invariant culture ('.' decimals) whatever the
    /// machine's locale; arrays are comma-separated; enums match names case-insensitively.
    /// </summary>
    public static T Override<T>(T current, string name, string raw)
    {
        _ = current;
        try
        {
            return (T)Parse(typeof(T), raw)!;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            throw new ArgumentException($"parameter '{name}' expects {Describe(typeof(T))}, got '{raw}'", e);
        }
    }

    private static object? Parse(Type type, string raw)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return raw.Length == 0 || raw.Equals("null", StringComparison.OrdinalIgnoreCase) ? null : Parse(inner, raw);
        if (type == typeof(string) || type == typeof(object)) return raw;
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var parts = raw.Length == 0 ? [] : raw.Split(',', StringSplitOptions.TrimEntries);
            var array = Array.CreateInstance(element, parts.Length);
            for (var i = 0; i < parts.Length; i++) array.SetValue(Parse(element, parts[i]), i);
            return array;
        }
        if (type.IsEnum) return Enum.Parse(type, raw.Trim(), ignoreCase: true);
        if (type == typeof(bool)) return bool.Parse(raw.Trim());
        if (type == typeof(DateOnly)) return DateOnly.ParseExact(raw.Trim(), "yyyy-MM-dd", inv);
        if (type == typeof(double)) return double.Parse(raw, NumberStyles.Float, inv);
        if (type == typeof(decimal)) return decimal.Parse(raw, NumberStyles.Number, inv);
        if (type == typeof(int)) return int.Parse(raw, NumberStyles.Integer, inv);
        if (type == typeof(long)) return long.Parse(raw, NumberStyles.Integer, inv);
        if (type == typeof(float)) return float.Parse(raw, NumberStyles.Float, inv);
        return Convert.ChangeType(raw, type, inv);
    }

    private static string Describe(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? Describe(inner) + " or null"
        : type.IsArray ? "a comma-separated list of " + Describe(type.GetElementType()!)
        : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
        : type.Name;
}

/// <summary>
/// The parameters of one run, split by the runner's contract (<see cref="NotebookParameters.ForRun"/>).
/// </summary>
/// <param name="Specification">The run's specification: the paper's with every <c>--param</c> that names a field folded in.</param>
/// <param name="Notebook">What the injected-parameters cell assigns: the notebook's own parameters (and <c>specification</c>, the whole text, where declared).</param>
/// <param name="Given">The <c>--param</c> arguments as given, name → value (what the run's record shows).</param>
public sealed record RunParameters(StudySpecification Specification, IReadOnlyDictionary<string, string> Notebook, IReadOnlyDictionary<string, string> Given);
