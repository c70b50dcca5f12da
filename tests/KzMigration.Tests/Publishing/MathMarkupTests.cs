using KzMigration.Publishing;

namespace KzMigration.Tests.Publishing;

public class MathMarkupTests
{
    [Fact]
    public void Attractiveness_formula_becomes_mathml_fractions()
    {
        var ml = MathMarkup.ToMathMl(@"K = \frac{A}{D} = \frac{\text{arrivals}}{\text{departures}}", display: true);
        Assert.StartsWith("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">", ml);
        Assert.Contains("<mi>K</mi><mo>=</mo><mfrac><mrow><mi>A</mi></mrow><mrow><mi>D</mi></mrow></mfrac>", ml);
        Assert.Contains("<mtext>arrivals</mtext>", ml);
        Assert.DoesNotContain("\\", ml);
    }

    [Fact]
    public void Scripts_symbols_and_unknown_commands()
    {
        var ml = MathMarkup.ToMathMl(@"E = 100 \cdot \frac{A - D}{A + D}, x_i^2 \le \alpha \foo", display: false);
        Assert.Contains("<mn>100</mn><mo>⋅</mo>", ml);
        Assert.Contains("<mo>−</mo>", ml);
        Assert.Contains("<msubsup><mi>x</mi><mrow><mi>i</mi></mrow><mrow><mn>2</mn></mrow></msubsup>", ml);
        Assert.Contains("<mo>≤</mo><mi>α</mi>", ml);
        Assert.Contains("<mtext>\\foo</mtext>", ml); // shown as written, not dropped
        Assert.DoesNotContain("display=", ml);
    }

    [Fact]
    public void Text_is_encoded()
    {
        var ml = MathMarkup.ToMathMl(@"\text{<script>} < 1", display: false);
        Assert.DoesNotContain("<script>", ml);
        Assert.Contains("&lt;script&gt;", ml);
    }
}
