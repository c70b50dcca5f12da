using KzMigration.Data.Import;

namespace KzMigration.Tests.Import;

public class ParsingTests
{
    [Theory]
    [InlineData("-108 307", NumberSyntax.GroupSeparators, -108307)]
    [InlineData("937 400 000.0", NumberSyntax.GroupSeparators, 937400000)]
    [InlineData("1\u00A0234.5", NumberSyntax.GroupSeparators, 1234.5)]
    [InlineData("1\u202F234", NumberSyntax.GroupSeparators, 1234)]
    [InlineData("4.9", NumberSyntax.GroupSeparators, 4.9)]
    [InlineData("1847084.8", NumberSyntax.Plain, 1847084.8)]
    [InlineData("0,0", NumberSyntax.DecimalComma, 0)]
    [InlineData("1 234,5", NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma, 1234.5)]
    public void Reads_numbers_in_the_documented_spellings(string raw, NumberSyntax syntax, double expected)
    {
        Assert.True(OfficialNumber.TryParse(raw, syntax, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1 234", NumberSyntax.Plain)] // grouping only where the format has it
    [InlineData("1,5", NumberSyntax.GroupSeparators)] // iblock VAL uses '.' decimals
    [InlineData("12 34", NumberSyntax.GroupSeparators)] // groups of three
    [InlineData("1.234,5", NumberSyntax.DecimalComma)]
    [InlineData("12a", NumberSyntax.GroupSeparators | NumberSyntax.DecimalComma)]
    public void Rejects_numbers_outside_the_format(string raw, NumberSyntax syntax) =>
        Assert.False(OfficialNumber.TryParse(raw, syntax, out _));

    [Theory]
    [InlineData("x", ValueKind.Confidential)]
    [InlineData("х", ValueKind.Confidential)] // Cyrillic
    [InlineData("-", ValueKind.Missing)]
    [InlineData("", ValueKind.Missing)]
    [InlineData("...", ValueKind.Missing)]
    [InlineData("…", ValueKind.Missing)]
    public void Classifies_symbols(string raw, ValueKind kind) => Assert.Equal(kind, OfficialNumber.Marker(raw));

    [Theory]
    [InlineData("Туркестанская2)", "Туркестанская", "2)")]
    [InlineData("Туркестанская**", "Туркестанская", "**")]
    [InlineData("Turkestanskaya 3)", "Turkestanskaya", "3)")]
    [InlineData("Актюбинская ", "Актюбинская", null)]
    [InlineData("г.Шымкент2)", "г.Шымкент", "2)")]
    [InlineData("9 месяцев    2019 года3)", "9 месяцев 2019 года", "3)")]
    [InlineData("2019", "2019", null)]
    public void Splits_glued_footnote_markers(string raw, string text, string? footnote) =>
        Assert.Equal((text, footnote), PrintedName.Split(raw));

    [Theory]
    [InlineData("2019 год", null, "2019-01-01", "2019-12-31")]
    [InlineData("1 квартал 2023 г.", null, "2023-01-01", "2023-03-31")]
    [InlineData("2 квартал 2023 г.", null, "2023-04-01", "2023-06-30")]
    [InlineData("I квартал         2008 года", null, "2008-01-01", "2008-03-31")]
    [InlineData("I полугодие         2022 года4) ", null, "2022-01-01", "2022-06-30")]
    [InlineData("9 месяцев 2008 года", null, "2008-01-01", "2008-09-30")]
    [InlineData("IV quarter", 2001, "2001-10-01", "2001-12-31")]
    [InlineData("year", 2001, "2001-01-01", "2001-12-31")]
    [InlineData("January", 2024, "2024-01-01", "2024-01-31")]
    [InlineData("январь-июнь 2019 г.", null, "2019-01-01", "2019-06-30")]
    [InlineData("май 2020", null, "2020-05-01", "2020-05-31")]
    [InlineData("на 1 января 2023 года", null, "2023-01-01", "2023-01-01")]
    public void Reads_period_labels(string label, int? year, string start, string end)
    {
        var span = ReportingPeriod.Parse(label, year);
        Assert.NotNull(span);
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), span.Value);
    }

    [Fact]
    public void Month_without_year_needs_one() =>
        Assert.True(ReportingPeriod.NeedsYear("December") && ReportingPeriod.Parse("December") is null);

    [Theory]
    [InlineData("2019-01-01", "2019-12-31", "Jan-Dec")]
    [InlineData("2019-01-01", "2019-06-30", "Jan-Jun")]
    [InlineData("2023-04-01", "2023-06-30", "Apr-Jun")]
    [InlineData("2024-03-01", "2024-03-31", "Mar")]
    [InlineData("2023-01-01", "2023-01-01", "1 Jan")]
    public void Period_codes_match_the_bundled_data(string start, string end, string code) =>
        Assert.Equal(code, ReportingPeriod.Code(DateOnly.Parse(start), DateOnly.Parse(end)));
}
