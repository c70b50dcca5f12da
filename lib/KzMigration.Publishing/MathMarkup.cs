using System.Net;
using System.Text;

namespace KzMigration.Publishing;

/// <summary>
/// The small subset of LaTeX the notebooks write between <c>$…$</c> / <c>$$…$$</c>, as MathML (which browsers
/// render natively: MathML Core, Chromium 109+, Firefox, Safari), so the report typesets formulas offline with no
/// math library: letters, numbers, operators, <c>\frac</c>, <c>\sqrt</c>, <c>\text</c>/<c>\mathrm</c>, sub- and
/// superscripts, Greek letters and common relation symbols. Anything else is shown as written, never dropped.
/// </summary>
public static class MathMarkup
{
    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["times"] = "×", ["cdot"] = "⋅", ["div"] = "÷", ["le"] = "≤", ["leq"] = "≤", ["ge"] = "≥", ["geq"] = "≥",
        ["ne"] = "≠", ["neq"] = "≠", ["approx"] = "≈", ["pm"] = "±", ["sum"] = "∑", ["prod"] = "∏", ["to"] = "→",
        ["rightarrow"] = "→", ["Leftrightarrow"] = "⇔", ["iff"] = "⇔", ["Rightarrow"] = "⇒", ["ldots"] = "…", ["cdots"] = "⋯",
        ["in"] = "∈", ["mid"] = "∣", ["lvert"] = "|", ["rvert"] = "|", ["%"] = "%", ["{"] = "{", ["}"] = "}",
    };

    private static readonly Dictionary<string, string> Identifiers = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["Delta"] = "Δ", ["epsilon"] = "ε", ["varepsilon"] = "ε",
        ["theta"] = "θ", ["lambda"] = "λ", ["mu"] = "μ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["Sigma"] = "Σ",
        ["tau"] = "τ", ["phi"] = "φ", ["chi"] = "χ", ["omega"] = "ω", ["infty"] = "∞",
    };

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal) { "ln", "log", "exp", "max", "min", "sin", "cos" };

    /// <summary>A <c>&lt;math&gt;</c> element for <paramref name="tex"/> (block when <paramref name="display"/>).</summary>
    public static string ToMathMl(string tex, bool display)
    {
        ArgumentNullException.ThrowIfNull(tex);
        var parser = new Parser(tex);
        var body = parser.Sequence(stopAtBrace: false);
        return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"" + (display ? " display=\"block\"" : "") + "><mrow>" + body + "</mrow></math>";
    }

    private sealed class Parser(string tex)
    {
        private int at;

        public string Sequence(bool stopAtBrace)
        {
            var sb = new StringBuilder();
            while (at < tex.Length)
            {
                if (tex[at] == '}' && stopAtBrace) { at++; break; }
                var atom = Atom();
                if (atom is null) continue;
                sb.Append(Scripts(atom));
            }
            return sb.ToString();
        }

        private string Scripts(string baseAtom)
        {
            string? sub = null, sup = null;
            while (at < tex.Length && tex[at] is '_' or '^')
            {
                var kind = tex[at++];
                var arg = Argument();
                if (kind == '_') sub = arg; else sup = arg;
            }
            return (sub, sup) switch
            {
                (null, null) => baseAtom,
                (not null, null) => $"<msub>{baseAtom}<mrow>{sub}</mrow></msub>",
                (null, not null) => $"<msup>{baseAtom}<mrow>{sup}</mrow></msup>",
                _ => $"<msubsup>{baseAtom}<mrow>{sub}</mrow><mrow>{sup}</mrow></msubsup>",
            };
        }

        private string Argument()
        {
            SkipSpace();
            if (at >= tex.Length) return "";
            if (tex[at] == '{') { at++; return Sequence(stopAtBrace: true); }
            return Atom() ?? "";
        }

        private string RawGroup()
        {
            SkipSpace();
            if (at >= tex.Length || tex[at] != '{') return "";
            var depth = 0;
            var start = ++at;
            while (at < tex.Length && !(tex[at] == '}' && depth == 0))
            {
                if (tex[at] == '{') depth++;
                else if (tex[at] == '}') depth--;
                at++;
            }
            var text = tex[start..Math.Min(at, tex.Length)];
            if (at < tex.Length) at++;
            return text;
        }

        private void SkipSpace() { while (at < tex.Length && char.IsWhiteSpace(tex[at])) at++; }

        private string? Atom()
        {
            var c = tex[at];
            if (char.IsWhiteSpace(c)) { at++; return null; }
            if (c == '{') { at++; return "<mrow>" + Sequence(stopAtBrace: true) + "</mrow>"; }
            if (c == '}') { at++; return null; }
            if (char.IsAsciiDigit(c) || (c == '.' && at + 1 < tex.Length && char.IsAsciiDigit(tex[at + 1])))
            {
                var start = at;
                while (at < tex.Length && (char.IsAsciiDigit(tex[at]) || tex[at] == '.' || (tex[at] == ',' && at + 1 < tex.Length && char.IsAsciiDigit(tex[at + 1])))) at++;
                return "<mn>" + E(tex[start..at]) + "</mn>";
            }
            if (char.IsLetter(c)) { at++; return "<mi>" + E(c.ToString()) + "</mi>"; }
            if (c == '\\') return Command();
            at++;
            return "<mo>" + E(c == '-' ? "−" : c.ToString()) + "</mo>";
        }

        private string? Command()
        {
            at++;
            if (at >= tex.Length) return null;
            var start = at;
            if (char.IsAsciiLetter(tex[at])) while (at < tex.Length && char.IsAsciiLetter(tex[at])) at++;
            else at++;
            var name = tex[start..at];
            switch (name)
            {
                case "frac":
                case "dfrac":
                case "tfrac":
                    var num = Argument();
                    var den = Argument();
                    return $"<mfrac><mrow>{num}</mrow><mrow>{den}</mrow></mfrac>";
                case "sqrt":
                    return $"<msqrt><mrow>{Argument()}</mrow></msqrt>";
                case "text":
                case "mathrm":
                case "textrm":
                case "operatorname":
                    return "<mtext>" + E(RawGroup()) + "</mtext>";
                case "left":
                case "right":
                    return null; // the delimiter that follows is an ordinary operator
                case ",":
                case ";":
                case ":":
                case " ":
                case "quad":
                case "qquad":
                    return "<mspace width=\"" + (name is "quad" ? "1em" : name is "qquad" ? "2em" : "0.25em") + "\"></mspace>";
            }
            if (Operators.TryGetValue(name, out var op)) return "<mo>" + E(op) + "</mo>";
            if (Identifiers.TryGetValue(name, out var id)) return "<mi>" + E(id) + "</mi>";
            if (Functions.Contains(name)) return "<mi>" + name + "</mi>";
            return "<mtext>\\" + E(name) + "</mtext>";
        }

        private static string E(string s) => WebUtility.HtmlEncode(s);
    }
}
