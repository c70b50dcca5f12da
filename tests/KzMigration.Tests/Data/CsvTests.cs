using System.Text;
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
    public void Any_text_reads_as_the_character_by_character_reader_read_it_records_lines_and_errors_alike()
    {
        // The reader before it searched for runs (1025aa6), kept here as the reference; texts of the characters that
        // matter to either (separators, quotes, CR, LF, BOM, spaces), well-formed or not.
        var random = new Random(20_261_207);
        const string alphabet = "a,\"\r\n\uFEFF ";
        for (var i = 0; i < 200_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 14)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.Equal(Outcome(() => CharacterByCharacter(text, "t.csv")), Outcome(() => Csv.Parse(text, "t.csv")));
        }

        static string Outcome(Func<CsvTable> read)
        {
            try
            {
                var table = read();
                return string.Join("|", table.Header) + " / " + string.Join(" / ", table.Records.Select(r => r.Line + ":" + string.Join("|", r.Fields)));
            }
            catch (DataFileException e) { return "refused: " + e.Message; }
        }
    }

    private static CsvTable CharacterByCharacter(string text, string displayName, IReadOnlyList<string>? expectedHeader = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var atFieldStart = true;
        var recordHasContent = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new DataFileException(displayName, quoteLine, null, "unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    if (text[i] == '\uFEFF') throw new DataFileException(displayName, line, null, "byte order mark inside the file (were files joined together?)");
                    field.Append(text[i]);
                    i++;
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    throw new DataFileException(displayName, line, null, "characters after a closing quote (a quote inside a field must be doubled)");
                atFieldStart = false;
                recordHasContent = true;
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    recordHasContent = true;
                    i++;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    i++;
                    if (recordHasContent || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        rows.Add(new CsvRecord(recordLine, [.. fields]));
                    }
                    fields.Clear();
                    field.Clear();
                    atFieldStart = true;
                    recordHasContent = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (c == '"') throw new DataFileException(displayName, line, null, "quote inside an unquoted field");
                    // A byte order mark after the start means files were joined together; it would hide inside a value.
                    if (c == '\uFEFF') throw new DataFileException(displayName, line, null, "byte order mark inside the file (were files joined together?)");
                    field.Append(c);
                    atFieldStart = false;
                    recordHasContent = true;
                    i++;
                    break;
            }
        }
        if (recordHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            rows.Add(new CsvRecord(recordLine, [.. fields]));
        }
        if (rows.Count == 0) throw new DataFileException(displayName, 1, null, "empty file: no header");
        var header = rows[0].Fields;
        if (expectedHeader is not null && !header.SequenceEqual(expectedHeader))
            throw new DataFileException(displayName, 1, null, $"header is '{string.Join(",", header)}', expected '{string.Join(",", expectedHeader)}'");
        foreach (var r in rows.Skip(1))
            if (r.Fields.Count != header.Count)
                throw new DataFileException(displayName, r.Line, null, $"{r.Fields.Count} fields, the header has {header.Count}");
        return new CsvTable(displayName, header, rows.Skip(1).ToList());
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
