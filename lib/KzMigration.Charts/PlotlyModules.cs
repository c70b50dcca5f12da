using System.Text;
using System.Text.RegularExpressions;

namespace KzMigration.Charts;

/// <summary>
/// The module table of the minified plotly.js that Plotly.NET embeds (a webpack 5 bundle: <c>var t={id:function(t,e,r){…},…}</c>,
/// a small runtime, then <c>r(entry)</c>), and partial bundles cut from it: the core plus only the trace types a page draws.
/// plotly.js builds such bundles itself (<c>plotly.js-cartesian</c> and friends, by registering fewer traces in
/// <c>lib/index.js</c>); here the same cut is made on the shipped file, so the workbench needs nothing but its NuGet package.
/// The entry module registers every trace (<c>n.register([r(…),…])</c>); a partial bundle keeps the entries of the wanted
/// traces, then every module reachable from the entry by <c>require(id)</c> calls, in the original order and byte for byte.
/// Anything unexpected in the file (another bundler, a module the scan cannot delimit) makes <see cref="TryRead(string)"/> return
/// null, and callers fall back to the full bundle.
/// </summary>
internal sealed partial class PlotlyModules
{
    private readonly string source;
    private readonly int tableStart;  // just after the table's '{'
    private readonly int tableEnd;    // at the table's '}'
    private readonly List<Module> modules;
    private readonly Dictionary<string, Module> byId;
    private readonly Module entry;
    private readonly string coreId;
    private readonly IReadOnlyList<(string Id, string Name)> registered;

    private sealed record Module(string Id, int KeyStart, int Start, int End, IReadOnlyList<string> Requires)
    {
        public int Length => End - Start;
    }

    private PlotlyModules(string source, int tableStart, int tableEnd, List<Module> modules, Module entry, string coreId,
        IReadOnlyList<(string, string)> registered)
    {
        this.source = source;
        this.tableStart = tableStart;
        this.tableEnd = tableEnd;
        this.modules = modules;
        byId = modules.ToDictionary(m => m.Id, StringComparer.Ordinal);
        this.entry = entry;
        this.coreId = coreId;
        this.registered = registered;
    }

    /// <summary>The trace types the entry registers, in its order (e.g. bar, box, heatmap, …; scatter is in the core).</summary>
    public IEnumerable<string> TraceTypes => registered.Select(r => r.Name);

    /// <summary>How many modules the table holds.</summary>
    public int Count => modules.Count;

    /// <summary>Reads the module table of <paramref name="source"/>, or null when the file is not laid out as expected.</summary>
    public static PlotlyModules? TryRead(string source) => TryRead(source, out _);

    /// <summary>As <see cref="TryRead(string)"/>, saying why the file could not be read.</summary>
    public static PlotlyModules? TryRead(string source, out string? problem)
    {
        problem = null;
        // The UMD factory opens with the table: …(self,(function(){return function(){var t={
        var open = TableOpen().Match(source);
        if (!open.Success) { problem = $"no webpack module table after the UMD header"; return null; }
        var start = open.Index + open.Length;
        var modules = new List<Module>();
        var i = start;
        while (true)
        {
            var key = ModuleKey().Match(source, i);
            if (!key.Success || key.Index != i) { problem = $"no module key at {i}"; return null; }
            var valueStart = i + key.Groups["id"].Length + 1;
            var end = JavaScriptScanner.EndOfExpression(source, valueStart);
            if (end < 0) { problem = $"no end of module {key.Groups["id"].Value} at {valueStart}"; return null; }
            var text = source.AsSpan(valueStart, end - valueStart);
            if (!text.StartsWith("function(")) { problem = $"module {key.Groups["id"].Value} is not a function"; return null; }
            modules.Add(new Module(Canonical(key.Groups["id"].Value), key.Index, valueStart, end, Requires(text.ToString())));
            if (source[end] == '}') { i = end; break; }
            i = end + 1; // past ','
        }
        var tail = EntryCall().Match(source, i);
        if (!tail.Success) { problem = $"no entry call after the table at {i}"; return null; }
        var ids = modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.Count != modules.Count || !ids.Contains(Canonical(tail.Groups["id"].Value))) { problem = $"duplicate ids or entry {tail.Groups["id"].Value} missing"; return null; }
        var entry = modules.Single(m => m.Id == Canonical(tail.Groups["id"].Value));

        // The entry: "use strict";var n=r(CORE);n.register([r(A),r(B),…]),t.exports=n
        var entryText = source[entry.Start..entry.End];
        var shape = EntryBody().Match(entryText);
        if (!shape.Success) { problem = $"entry module {entry.Id} does not register traces in the expected form"; return null; }
        var partial = new PlotlyModules(source, start, i, modules, entry, Canonical(shape.Groups["core"].Value), []);
        var registered = new List<(string, string)>();
        foreach (Match r in RequireOf(shape.Groups["req"].Value).Matches(shape.Groups["list"].Value))
        {
            var name = partial.NameOf(Canonical(r.Groups[1].Value));
            if (name is null) { problem = $"registered module {r.Groups[1].Value} declares no name"; return null; }
            registered.Add((Canonical(r.Groups[1].Value), name));
        }
        if (registered.Count == 0 || !ids.Contains(partial.coreId)) { problem = $"nothing registered or core {partial.coreId} missing"; return null; }
        return new PlotlyModules(source, start, i, modules, entry, partial.coreId, registered);
    }

    /// <summary>
    /// plotly.js with the core and only <paramref name="traceTypes"/> (scatter is always there: the core has it), or null
    /// when a wanted type is not one the entry registers.
    /// </summary>
    public string? Subset(IReadOnlyCollection<string> traceTypes)
    {
        var keep = registered.Where(r => traceTypes.Contains(r.Name)).Select(r => r.Id).ToList();
        if (traceTypes.Any(t => t != "scatter" && registered.All(r => r.Name != t))) return null;
        var reachable = Reach([coreId, .. keep]);
        reachable.Add(entry.Id);
        var text = new StringBuilder(source.Length / 2);
        text.Append(source, 0, tableStart);
        var first = true;
        foreach (var module in modules)
        {
            if (!reachable.Contains(module.Id)) continue;
            if (!first) text.Append(',');
            first = false;
            text.Append(source, module.KeyStart, module.Start - module.KeyStart);
            if (module == entry)
            {
                // The same entry, registering the kept traces only.
                var body = source[module.Start..module.End];
                var shape = EntryBody().Match(body);
                var list = shape.Groups["list"];
                var require = shape.Groups["req"].Value;
                text.Append(body, 0, list.Index).Append(string.Join(",", keep.Select(id => $"{require}({id})"))).Append(body, list.Index + list.Length, body.Length - list.Index - list.Length);
            }
            else text.Append(source, module.Start, module.Length);
        }
        text.Append(source, tableEnd, source.Length - tableEnd);
        return text.ToString();
    }

    // A registered module's trace (or transform, or component) name: the first module, breadth-first along its requires,
    // that declares moduleType and name (lib/bar.js → src/traces/bar/index.js: moduleType:"trace",name:"bar").
    private string? NameOf(string id)
    {
        var queue = new Queue<string>([id]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (!seen.Add(next) || !byId.TryGetValue(next, out var module)) continue;
            if (next == coreId) continue;
            var declared = Declaration().Match(source, module.Start, module.Length);
            if (declared.Success) return declared.Groups["name"].Value;
            foreach (var r in module.Requires) queue.Enqueue(r);
        }
        return null;
    }

    private HashSet<string> Reach(IEnumerable<string> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!byId.TryGetValue(id, out var module) || !seen.Add(id)) continue;
            foreach (var r in module.Requires) stack.Push(r);
        }
        return seen;
    }

    // The ids a module requires: calls of its third parameter (webpack's __webpack_require__) with a literal id. A local
    // variable of the same name called with a number adds a module too many, never one too few.
    private static IReadOnlyList<string> Requires(string function)
    {
        var parameters = Parameters().Match(function);
        if (!parameters.Success) return [];
        var names = parameters.Groups[1].Value.Split(',');
        if (names.Length < 3) return [];
        return RequireOf(names[2]).Matches(function).Select(m => Canonical(m.Groups[1].Value)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> RequireCalls = new(StringComparer.Ordinal);

    private static Regex RequireOf(string name) =>
        RequireCalls.GetOrAdd(name, n => new Regex($@"(?<![\w$.]){Regex.Escape(n)}\((\d+(?:e\d+)?)\)", RegexOptions.CultureInvariant));

    // Minifiers write round ids in exponent form (34000 as 34e3), as keys and as arguments alike.
    private static string Canonical(string number)
    {
        var e = number.IndexOf('e');
        return e < 0 ? number : number[..e] + new string('0', int.Parse(number[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"\(self,\(function\(\)\{return function\(\)\{var [\w$]+=\{")]
    private static partial Regex TableOpen();

    [GeneratedRegex(@"(?<id>\d+(?:e\d+)?):")]
    private static partial Regex ModuleKey();

    [GeneratedRegex(@"\G\},[\s\S]*[,;]\s*[\w$]+\((?<id>\d+(?:e\d+)?)\)\}\(\)\}\)\);?\s*$")]
    private static partial Regex EntryCall();

    [GeneratedRegex(@"^function\((?<p>[\w$]+),(?<q>[\w$]+),(?<req>[\w$]+)\)\{""use strict"";var (?<n>[\w$]+)=\k<req>\((?<core>\d+(?:e\d+)?)\);\k<n>\.register\(\[(?<list>[^\]]*)\]\),\k<p>\.exports=\k<n>\}$")]
    private static partial Regex EntryBody();

    [GeneratedRegex(@"^function\(([^)]*)\)")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"moduleType\s*[:=]\s*""(?:trace|transform|component)""\s*,\s*[\w$.]*name\s*[:=]\s*""(?<name>[\w-]+)""")]
    private static partial Regex Declaration();
}

/// <summary>
/// Just enough of a JavaScript tokenizer to find where an expression of minified code ends: strings, template literals,
/// regular expressions, comments and bracket nesting. Regex versus division follows the usual rule (a '/' after an
/// operand divides, elsewhere it opens a regex), with the two refinements minifiers make necessary: a ')' that closes
/// <c>if(…)</c>, <c>while(…)</c> or <c>for(…)</c>, and a '}' that closes a block, are followed by a statement.
/// </summary>
internal static class JavaScriptScanner
{
    private enum Bracket { Paren, ControlParen, Square, Block, Object, Template }

    /// <summary>
    /// The index of the first ',' or unmatched '}' / ')' / ']' at nesting depth zero from <paramref name="start"/>, or −1 when
    /// the text ends first or the brackets do not match.
    /// </summary>
    public static int EndOfExpression(string s, int start)
    {
        var stack = new Stack<Bracket>();
        var regexAllowed = true; // after '(' or at the start of an expression
        string lastWord = "";
        var i = start;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r') { i++; continue; }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/') { i = s.IndexOf('\n', i); if (i < 0) return -1; continue; }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*') { i = s.IndexOf("*/", i + 2, StringComparison.Ordinal); if (i < 0) return -1; i += 2; continue; }
            if (stack.Count == 0 && (c == ',' || c == '}' || c == ')' || c == ']')) return i;
            switch (c)
            {
                case '"' or '\'':
                    i = EndOfString(s, i, c);
                    if (i < 0) return -1;
                    regexAllowed = false; lastWord = "";
                    continue;
                case '`':
                    i = TemplateChunk(s, i + 1, stack);
                    if (i < 0) return -1;
                    regexAllowed = false; lastWord = "";
                    continue;
                case '/':
                    if (regexAllowed)
                    {
                        i = EndOfRegex(s, i);
                        if (i < 0) return -1;
                        regexAllowed = false; lastWord = "";
                    }
                    else { i++; regexAllowed = true; lastWord = ""; }
                    continue;
                case '(':
                    stack.Push(lastWord is "if" or "while" or "for" or "with" ? Bracket.ControlParen : Bracket.Paren);
                    i++; regexAllowed = true; lastWord = "";
                    continue;
                case '[':
                    stack.Push(Bracket.Square);
                    i++; regexAllowed = true; lastWord = "";
                    continue;
                case '{':
                    stack.Push(BlockFollows(s, i, lastWord) ? Bracket.Block : Bracket.Object);
                    i++; regexAllowed = true; lastWord = "";
                    continue;
                case ')' or ']' or '}':
                {
                    if (stack.Count == 0) return -1;
                    var open = stack.Pop();
                    if (open == Bracket.Template)
                    {
                        if (c != '}') return -1;
                        i = TemplateChunk(s, i + 1, stack);
                        if (i < 0) return -1;
                        regexAllowed = false; lastWord = "";
                        continue;
                    }
                    if ((c == ')') != (open is Bracket.Paren or Bracket.ControlParen) || (c == ']') != (open == Bracket.Square)) return -1;
                    regexAllowed = open is Bracket.ControlParen or Bracket.Block;
                    i++; lastWord = "";
                    continue;
                }
            }
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > 127)
            {
                var w = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '$' || s[i] > 127 ||
                       (s[i] == '.' && char.IsAsciiDigit(s[w])))) i++;
                lastWord = s[w..i];
                // A '/' after a word divides, unless the word is a keyword that takes an expression after it.
                regexAllowed = lastWord is "return" or "typeof" or "case" or "do" or "else" or "in" or "instanceof" or "new"
                    or "delete" or "void" or "throw" or "yield" or "await" or "of";
                // A number with an exponent sign: 1e-5 is one operand.
                if (char.IsAsciiDigit(s[w]) && i < s.Length && s[i] is '+' or '-' && (s[i - 1] is 'e' or 'E')) { i++; continue; }
                continue;
            }
            // Operators and punctuation: a following '/' opens a regex, except after a postfix ++ or --.
            if ((c == '+' || c == '-') && i + 1 < s.Length && s[i + 1] == c)
            {
                i += 2;
                // Postfix when it follows an operand (regexAllowed false before it), prefix otherwise.
                continue;
            }
            i++; regexAllowed = true; lastWord = "";
        }
        return -1;
    }

    // A '{' opens a block after ')' of a statement head or function parameters, after '=>', after a block's keyword,
    // or at the start of a statement; elsewhere (after '=', '(', ',', ':', '?', 'return', …) it opens an object literal.
    private static bool BlockFollows(string s, int i, string lastWord)
    {
        if (lastWord is "else" or "do" or "try" or "finally") return true;
        if (lastWord.Length > 0) return false;
        var j = i - 1;
        while (j >= 0 && char.IsWhiteSpace(s[j])) j--;
        if (j < 0) return true;
        return s[j] switch
        {
            ')' or ';' or '{' or '}' => true,
            '>' => j > 0 && s[j - 1] == '=',
            _ => false,
        };
    }

    private static int EndOfString(string s, int i, char quote)
    {
        for (i++; i < s.Length; i++)
        {
            if (s[i] == '\\') { i++; continue; }
            if (s[i] == quote) return i + 1;
            if (s[i] == '\n') return -1;
        }
        return -1;
    }

    // From just after '`' or the '}' of a substitution: to just after the closing '`' (pushing nothing), or just after
    // '${' (pushing a Template marker, so that the matching '}' resumes the template).
    private static int TemplateChunk(string s, int i, Stack<Bracket> stack)
    {
        for (; i < s.Length; i++)
        {
            if (s[i] == '\\') { i++; continue; }
            if (s[i] == '`') return i + 1;
            if (s[i] == '$' && i + 1 < s.Length && s[i + 1] == '{') { stack.Push(Bracket.Template); return i + 2; }
        }
        return -1;
    }

    private static int EndOfRegex(string s, int i)
    {
        var inClass = false;
        for (i++; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\') { i++; continue; }
            if (c == '\n') return -1;
            if (inClass) { if (c == ']') inClass = false; continue; }
            if (c == '[') { inClass = true; continue; }
            if (c == '/')
            {
                i++;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++; // flags
                return i;
            }
        }
        return -1;
    }
}
