using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
