using KzMigration.Data;

namespace KzMigration.Tests.Data;

public class CsvTests
{
    [Fact]
    public void Reads_quoted_commas_quotes_and_line_breaks_with_line_numbers()
    {
        var t = Csv.Parse("a,b\n1,\"x, y\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\r\n4,z\n", "t.csv");
        Assert.Equal(["a", "b"], t.Header);
        Assert.Equal([2, 3, 4, 6], t.Records.Select(r => r.Line));
        Assert.Equal("x, y", t.Records[0].Fields[1]);
        Assert.Equal("say \"hi\"", t.Records[1].Fields[1]);
        Assert.Equal("two\nlines", t.Records[2].Fields[1]);
    }

    [Fact]
    public void Refuses_an_unterminated_quote_and_a_wrong_field_count()
    {
        Assert.Equal("t.csv:2: unterminated quoted field", Assert.Throws<DataFileException>(() => Csv.Parse("a,b\n1,\"x\n", "t.csv")).Message);
        Assert.Equal("t.csv:3: 3 fields, the header has 2", Assert.Throws<DataFileException>(() => Csv.Parse("a,b\n1,2\n1,2,3\n", "t.csv")).Message);
    }

    [Fact]
    public void Random_tables_read_back_field_for_field_with_the_line_each_record_starts_on()
    {
        // Fields built from the characters that matter to the reader (separators, quotes, CR, LF, spaces) and ordinary ones.
        var random = new Random(20_261_207);
        const string alphabet = "ab ,\"\r\n1é";
        for (var table = 0; table < 300; table++)
        {
            var width = random.Next(1, 5);
            var header = Enumerable.Range(0, width).Select(c => "c" + c).ToList();
            var rows = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (IReadOnlyList<string>)Enumerable.Range(0, width)
                .Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)])])).ToList()).ToList();
            // A record made of one empty field is a blank line, which the reader skips.
            if (width == 1) rows = [.. rows.Where(r => r[0].Length > 0)];
            var text = Csv.Format(header, rows);
            var read = Csv.Parse(text, "t.csv");
            Assert.Equal(header, read.Header);
            Assert.Equal(rows.Count, read.Records.Count);
            var line = 2; // a record starts on the line after the previous one's last LF
            for (var r = 0; r < rows.Count; r++)
            {
                Assert.Equal(rows[r], read.Records[r].Fields);
                Assert.Equal(line, read.Records[r].Line);
                line += Csv.Format(header, [rows[r]]).Count(c => c == '\n') - 1;
            }
        }
    }

    [Fact]
    public void Writes_minimal_quoting_and_newline_endings()
    {
        var text = Csv.Format(["a", "b"], [["1", "x, y"], ["2", "q\"q"]]);
        Assert.Equal("a,b\n1,\"x, y\"\n2,\"q\"\"q\"\n", text);
        Assert.Equal(["x, y", "q\"q"], Csv.Parse(text, "t").Records.Select(r => r.Fields[1]));
    }

    [Theory]
    [InlineData("-108 307", -108307.0)]
    [InlineData("4,9", 4.9)]
    [InlineData("937\u00A0400\u00A0000,0", 937400000.0)]
    [InlineData("1\u2009234", 1234.0)]
    public void Official_format_accepts_space_grouping_and_decimal_comma_when_asked(string text, double expected) =>
        Assert.Equal(expected, DataNumber.TryParse(text, NumberFormat.Official(',')));

    [Theory]
    [InlineData("4,9")]
    [InlineData("1 000")]
    [InlineData("1e5")]
    [InlineData("+5")]
    [InlineData("")]
    public void Invariant_format_is_strict(string text) => Assert.Null(DataNumber.TryParse(text, NumberFormat.Invariant));

    [Fact]
    public void The_invariant_format_is_optional_minus_digits_and_optional_point_and_digits_and_nothing_else()
    {
        var grammar = new System.Text.RegularExpressions.Regex(@"^-?[0-9]+(\.[0-9]+)?\z");
        var random = new Random(20_261_207);
        const string alphabet = "-.0129 \n\r+e,";
        for (var i = 0; i < 50_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 7)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.True(grammar.IsMatch(text) == DataNumber.IsInvariant(text), $"'{text}': grammar {grammar.IsMatch(text)}");
        }
        Assert.False(DataNumber.IsInvariant("12\n")); // a regex's $ would let a final line break through
    }

    [Fact]
    public void Irregular_grouping_is_refused() => Assert.Null(DataNumber.TryParse("1 2345", NumberFormat.Official(',')));
}
