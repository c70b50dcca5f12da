using KzMigration.Data;
using KzMigration.Data.Import;
using KzMigration.Regions;

namespace KzMigration.Tests.Import;

/// <summary>
/// BNS footnote marks have one grammar (<see cref="FootnoteMark"/>: N) with N = 1–99, or asterisks), used for labels,
/// numbers and footnote lines; official numbers are read by the one number grammar (<see cref="DataNumber.TryParse"/> with
/// <see cref="NumberFormat.Official"/>) (issue 22, «One place per rule»).
/// </summary>
public class FootnoteMarkTests
{
    [Theory]
    [InlineData("3) Data for the Turkestan region", "3)")]
    [InlineData("12) Примечание", "12)")]
    [InlineData("** Данные за 2003-2017 гг.", "**")]
    [InlineData("0) not a footnote", null)]      // footnotes are numbered from 1
    [InlineData("123) a number", null)]
    [InlineData("Актюбинская", null)]
    public void A_footnote_line_opens_with_one_mark(string line, string? mark) => Assert.Equal(mark, FootnoteMark.Leading(line));

    [Theory]
    [InlineData("4)", true)]
    [InlineData("71)", true)]
    [InlineData("0)", false)]
    [InlineData("05)", false)]
    [InlineData("100)", false)]
    [InlineData("**", false)]
    public void A_numbered_mark_is_one_or_two_digits_from_1(string text, bool numbered) => Assert.Equal(numbered, FootnoteMark.IsNumbered(text));

    [Theory]
    [InlineData("Region 10)", "Region", "10)")]
    [InlineData("Region 0)", "Region 0)", null)]   // the same grammar as lines and numbers: no mark 0)
    [InlineData("Туркестанская2)3)", "Туркестанская", "2)3)")]
    public void Labels_split_off_the_same_marks(string raw, string text, string? mark) => Assert.Equal((text, mark), PrintedName.Split(raw));

    [Theory]
    [InlineData("-108 307", NumberSyntax.GroupSeparators)]
    [InlineData("937\u00A0400\u00A0000,0", NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma)]
    [InlineData("1\u202F234", NumberSyntax.GroupSeparators)]
    [InlineData("1\u2009234", NumberSyntax.GroupSeparators)]
    [InlineData("1 2345", NumberSyntax.GroupSeparators)]
    [InlineData("4,9", NumberSyntax.DecimalComma)]
    [InlineData("4,9", NumberSyntax.GroupSeparators)]
    [InlineData("4.9", NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma)]
    [InlineData("1,2,3", NumberSyntax.DecimalComma)]
    [InlineData("1e5", NumberSyntax.Plain)]
    [InlineData("", NumberSyntax.Plain)]
    public void Official_numbers_are_read_by_the_one_number_grammar(string raw, NumberSyntax syntax)
    {
        var comma = syntax.HasFlag(NumberSyntax.DecimalComma) && !raw.Contains('.');
        var format = syntax.HasFlag(NumberSyntax.GroupSeparators) ? NumberFormat.Official(comma ? ',' : '.')
            : comma ? NumberFormat.Invariant with { DecimalSeparator = ',' } : NumberFormat.Invariant;
        var expected = DataNumber.TryParse(raw, format);
        Assert.Equal(expected is not null, OfficialNumber.TryParse(raw, syntax, out var value));
        if (expected is not null) Assert.Equal(expected.Value, value);
    }

    [Theory]
    [InlineData("1\u2009234", 1234.0)]   // thin space, as NumberFormat.Official always allowed
    [InlineData("1 234,5", 1234.5)]
    public void By_hand(string raw, double expected)
    {
        Assert.True(OfficialNumber.TryParse(raw, NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma, out var value));
        Assert.Equal(expected, value);
        Assert.False(OfficialNumber.TryParse("1 2345", NumberSyntax.GroupSeparators, out _));
    }
}
