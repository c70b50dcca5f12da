using System.Text.RegularExpressions;

namespace KzMigration.Outputs;

/// <summary>
/// Names of published figures and tables. They become file names under the output folder, so they
/// are restricted to lower-case letters, digits and hyphens: no separators, no "..", nothing that
/// could write outside the folder the user named with --out.
/// </summary>
public static partial class OutputName
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,79}$")]
    private static partial Regex Valid();

    /// <summary>Returns <paramref name="id"/> if it is a valid output name, else throws naming the rule.</summary>
    public static string Check(string id) =>
        Valid().IsMatch(id) ? id : throw new ArgumentException($"output name '{id}' must be 1-80 lower-case letters, digits or hyphens (e.g. 'fig1-balance-2022')", nameof(id));

    /// <summary>The path of <paramref name="id"/> + <paramref name="extension"/> inside <paramref name="folder"/>, verified to stay inside it.</summary>
    public static string PathIn(string folder, string id, string extension)
    {
        var root = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(root, Check(id) + extension));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"output '{id}{extension}' would be written outside {root}");
        return path;
    }
}
