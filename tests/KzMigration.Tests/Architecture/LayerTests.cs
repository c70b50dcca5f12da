using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using KzMigration.Runs;

namespace KzMigration.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md, kept by a test rather than by memory (issue 22, «Layers you can see»): the science
/// core's namespaces depend on each other one way only (no cycle, and every use points down the layers the page lists), no
/// namespace is declared by two libraries of lib/, and the core writes no HTML. Everything is read from the compiled assemblies' metadata and IL (<see cref="AssemblyScan"/>), so what
/// counts is what the compiler kept, not what a <c>using</c> line says; the whole test reads a few assemblies (well under a second).
/// </summary>
public partial class LayerTests
{
    private static readonly Lazy<AssemblyScan> Core = new(() => AssemblyScan.Of(typeof(Workbench).Assembly.Location));

    private static bool Own(string ns) => ns == "KzMigration" || ns.StartsWith("KzMigration.", StringComparison.Ordinal);

    [Fact]
    public void The_cores_namespaces_form_no_cycle()
    {
        var graph = Core.Value.NamespaceGraph(Own);
        var cycles = Cycles(graph);
        Assert.True(cycles.Count == 0, "The core's namespaces must depend on each other one way (docs/architecture.md); cycles:\n" + string.Join("\n", cycles));
    }

    /// <summary>The layers of docs/architecture.md (its <c>layers</c> block): one line per layer, bottom first; namespaces on one line are peers.</summary>
    internal static IReadOnlyDictionary<string, int> DocumentedLayers(string markdown)
    {
        var block = Regex.Match(markdown, "```layers\\r?\\n(?<lines>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "docs/architecture.md has no ```layers block");
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        var level = 0;
        foreach (var line in block.Groups["lines"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var ns in line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) layers.Add(ns, level);
            level++;
        }
        return layers;
    }

    [Fact]
    public void Every_use_points_down_the_documented_layers()
    {
        var layers = DocumentedLayers(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "architecture.md")));
        var graph = Core.Value.NamespaceGraph(Own);
        var unplaced = graph.Keys.Where(ns => !layers.ContainsKey(ns)).ToList();
        Assert.True(unplaced.Count == 0, "Namespaces of the core not placed in docs/architecture.md's layers: " + string.Join(", ", unplaced));
        var upward = graph.SelectMany(p => p.Value.Where(e => layers[e.Key] >= layers[p.Key]).Select(e => $"{p.Key} → {e.Key} ({e.Value})")).ToList();
        Assert.True(upward.Count == 0, "Uses that do not point down the layers of docs/architecture.md:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path()
    {
        // The detector itself, on a hand-made graph: a → b → c → a and d → a (d is not on the cycle), e alone.
        var graph = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["a"] = new Dictionary<string, string> { ["b"] = "A1 → B1" },
            ["b"] = new Dictionary<string, string> { ["c"] = "B1 → C1" },
            ["c"] = new Dictionary<string, string> { ["a"] = "C1 → A1" },
            ["d"] = new Dictionary<string, string> { ["a"] = "D1 → A1" },
            ["e"] = new Dictionary<string, string>(),
        };
        var cycle = Assert.Single(Cycles(graph));
        Assert.StartsWith("a → b → c → a", cycle, StringComparison.Ordinal);
        Assert.Contains("C1 → A1", cycle, StringComparison.Ordinal);
        Assert.Empty(Cycles(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["a"] = new Dictionary<string, string> { ["b"] = "x" },
            ["b"] = new Dictionary<string, string>(),
        }));
    }

    [Fact]
    public void No_namespace_is_declared_in_two_libraries()
    {
        var declared = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (library, namespaces) in NamespacesOfLibraries())
            foreach (var ns in namespaces.Where(Own))
            {
                if (!declared.TryGetValue(ns, out var libraries)) declared[ns] = libraries = new(StringComparer.Ordinal);
                libraries.Add(library);
            }
        var shared = declared.Where(p => p.Value.Count > 1).Select(p => $"{p.Key}: {string.Join(", ", p.Value)}").ToList();
        Assert.True(shared.Count == 0, "A namespace belongs to one library of lib/; declared in several:\n" + string.Join("\n", shared));
        Assert.Contains("KzMigration.Publishing", declared.Keys); // the scan saw the libraries at all
        Assert.Contains("KzMigration.Explorer.Model", declared.Keys);
    }

    /// <summary>
    /// Markup in a string literal of the core: an HTML start or end tag of an element a page uses (<c>&lt;div</c>,
    /// <c>&lt;/td&gt;</c>, <c>&lt;img</c>…, followed by a space, <c>&gt;</c>, <c>/</c> or the end of the literal, as a
    /// builder appends a tag in pieces), or a <c>class="</c> / <c>data-kz-</c> attribute. A comparison such as
    /// <c>p &lt; 0.05</c> or <c>&lt;NA&gt;</c> is not a tag. Doc comments are not in the assembly, so they may show markup.
    /// One exception, by its syntax: a Plotly hover template (the chart texts of the localisation catalogue end with Plotly's
    /// <c>&lt;extra&gt;…&lt;/extra&gt;</c>) may break its line with <c>&lt;br&gt;</c> — chart label syntax, not a page.
    /// </summary>
    internal static readonly Regex Markup = new(
        """<\/?(a|b|br|caption|code|col|details|div|em|figcaption|figure|h[1-6]|hr|i|img|li|ol|p|pre|section|small|span|strong|style|sub|summary|sup|script|svg|table|tbody|td|tfoot|th|thead|tr|ul)(?=[\s>/]|$)|\bclass\s*=\s*["']|data-kz-""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    internal static bool IsMarkup(string literal) =>
        Markup.IsMatch(literal.Contains("<extra>", StringComparison.Ordinal) && literal.EndsWith("</extra>", StringComparison.Ordinal)
            ? literal.Replace("<br>", " ", StringComparison.Ordinal)
            : literal);

    [Fact]
    public void The_core_writes_no_html()
    {
        var offending = Core.Value.Literals
            .Where(p => Own(Core.Value.NamespaceOfType[p.Key])) // not the regex source generator's helpers (a pattern's (?<b>…) is no tag)
            .SelectMany(p => p.Value.Where(IsMarkup).Distinct().Select(l => $"{p.Key}: \"{Shorten(l)}\""))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(offending.Count == 0,
            "The science core returns data; KzMigration.Publishing renders it (docs/architecture.md). Markup in the core:\n" + string.Join("\n", offending));
    }

    [Theory]
    [InlineData("<div class=\"kz-findings\">", true)]
    [InlineData("</td>", true)]
    [InlineData("<td", true)]
    [InlineData("<img data-kz-figure=\"", true)]
    [InlineData(" class=\"num\"", true)]
    [InlineData("<TABLE>", true)]
    [InlineData("p < 0.05", false)]
    [InlineData("<NA>", false)]
    [InlineData("a<bc", false)]
    [InlineData("K<0", false)]
    [InlineData("<tdx>", false)]
    [InlineData("%{y}: rank %{x}<br>%{text}<extra></extra>", false)]
    [InlineData("<div>%{y}<extra></extra>", true)]
    [InlineData("a<br>b", true)]
    public void Markup_is_recognised_and_comparisons_are_not(string literal, bool markup) =>
        Assert.Equal(markup, IsMarkup(literal));

    /// <summary>Each library of lib/ (its folder name) with the namespaces it declares: from its compiled assembly
    /// beside the tests where there is one, and from its sources (<c>namespace</c> lines, Razor <c>@namespace</c>) always,
    /// so a library the tests do not reference (the explorer) is seen too.</summary>
    private static IEnumerable<(string Library, IReadOnlySet<string> Namespaces)> NamespacesOfLibraries()
    {
        foreach (var project in Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "lib"), "*.csproj", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(project)!;
            var library = Path.GetFileName(folder);
            var namespaces = new HashSet<string>(StringComparer.Ordinal);
            var assemblyName = XDocument.Load(project).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value ?? library;
            var compiled = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
            if (File.Exists(compiled)) namespaces.UnionWith(AssemblyScan.Of(compiled).Namespaces);
            foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)) continue;
                if (file.EndsWith(".cs", StringComparison.Ordinal))
                    namespaces.UnionWith(SourceNamespace().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));
                else if (file.EndsWith(".razor", StringComparison.Ordinal))
                    namespaces.UnionWith(RazorNamespace().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));
            }
            yield return (library, namespaces);
        }
    }

    /// <summary>
    /// The cycles of a namespace graph: one per strongly connected component of more than one namespace (Tarjan 1972),
    /// written as a path <c>a → b → … → a</c> followed by one type-level example of each step.
    /// </summary>
    internal static List<string> Cycles(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();
        IEnumerable<string> Next(string n) => graph.TryGetValue(n, out var e) ? e.Keys.Where(graph.ContainsKey).Order(StringComparer.Ordinal) : [];
        void Visit(string n)
        {
            index[n] = low[n] = index.Count;
            stack.Push(n); onStack.Add(n);
            foreach (var m in Next(n))
            {
                if (!index.ContainsKey(m)) { Visit(m); low[n] = Math.Min(low[n], low[m]); }
                else if (onStack.Contains(m)) low[n] = Math.Min(low[n], index[m]);
            }
            if (low[n] != index[n]) return;
            var component = new List<string>();
            string top;
            do { top = stack.Pop(); onStack.Remove(top); component.Add(top); } while (top != n);
            if (component.Count > 1) components.Add(component);
        }
        foreach (var n in graph.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(n)) Visit(n);

        var cycles = new List<string>();
        foreach (var component in components)
        {
            var members = component.ToHashSet(StringComparer.Ordinal);
            var start = component.Min(StringComparer.Ordinal)!;
            // The shortest way back to start within the component (breadth first), so the path shown is a real cycle.
            var previous = new Dictionary<string, string>(StringComparer.Ordinal);
            var queue = new Queue<string>([start]);
            string? last = null;
            while (queue.Count > 0 && last is null)
            {
                var n = queue.Dequeue();
                foreach (var m in Next(n).Where(members.Contains))
                {
                    if (m == start) { last = n; break; }
                    if (previous.TryAdd(m, n)) queue.Enqueue(m);
                }
            }
            var path = new List<string> { start };
            for (var n = last!; n != start; n = previous[n]) path.Insert(1, n);
            path.Add(start);
            var text = new StringBuilder(string.Join(" → ", path));
            for (var i = 0; i + 1 < path.Count; i++) text.Append("\n    ").Append(graph[path[i]][path[i + 1]]);
            if (component.Count > path.Count - 1)
                text.Append("\n    (the same knot also holds ").Append(string.Join(", ", component.Except(path).Order(StringComparer.Ordinal))).Append(')');
            cycles.Add(text.ToString());
        }
        return cycles;
    }

    private static string Shorten(string literal) => literal.Length <= 80 ? literal : literal[..77] + "…";

    [GeneratedRegex(@"^\s*namespace\s+([A-Za-z_][\w.]*)", RegexOptions.Multiline)]
    private static partial Regex SourceNamespace();

    [GeneratedRegex(@"^@namespace\s+([A-Za-z_][\w.]*)", RegexOptions.Multiline)]
    private static partial Regex RazorNamespace();
}
