using System.Text;
using KzMigration.Data;

namespace KzMigration.Tests.Hardening;

/// <summary>The corruptions <see cref="DataFuzzTests"/> found slipping through, each kept as a named case.</summary>
public class DataRegressionTests
{
    /// <summary>A copy of the bundled data/ folder (with its datapackage.json) to break.</summary>
    private static string CopyOfData()
    {
        var dir = Path.Combine(TestPaths.TempFolder("regression"), "data");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.EnumerateFiles(TestData.DataDirectory)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    private static DataFileException Refused(string data) => Assert.Throws<DataFileException>(() => WorkbenchData.Load(data));

    private static void Edit(string data, string file, Func<List<string>, IEnumerable<string>> edit)
    {
        var path = Path.Combine(data, file);
        File.WriteAllText(path, string.Join('\n', edit(File.ReadAllText(path).Split('\n').ToList())));
    }

    [Fact]
    public void Invalid_utf8_names_the_line()
    {
        var data = CopyOfData();
        var path = Path.Combine(data, "regions.csv");
        var lines = File.ReadAllBytes(path);
        var third = Array.IndexOf(lines, (byte)'\n', Array.IndexOf(lines, (byte)'\n') + 1) + 1;
        File.WriteAllBytes(path, [.. lines[..third], 0xC3, 0x28, .. lines[third..]]);

        var e = Refused(data);
        Assert.Equal(("data/regions.csv", 3), (e.File, e.Line));
        Assert.StartsWith("data/regions.csv:3: not valid UTF-8: byte 0xC3", e.Message);
    }

    [Fact]
    public void A_byte_order_mark_inside_a_file_is_refused_not_kept_in_a_value()
    {
        var data = CopyOfData();
        Edit(data, "sources.csv", lines => lines.Select((l, i) => i == 4 ? "\uFEFF" + l : l));
        Assert.Equal("data/sources.csv:5: byte order mark inside the file (were files joined together?)", Refused(data).Message);
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_is_accepted()
    {
        var data = CopyOfData();
        var path = Path.Combine(data, "migration.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);
        Assert.Equal(TestData.Data.Migration.Count, WorkbenchData.Load(data).Migration.Count);
    }

    [Theory]
    [InlineData("migration.csv")]
    [InlineData("region-names.csv")]
    [InlineData("region-lineage.csv")]
    public void A_deleted_row_is_refused_by_the_recorded_row_count(string file)
    {
        var data = CopyOfData();
        Edit(data, file, lines => lines.Where((_, i) => i != 2));
        var e = Refused(data);
        Assert.Equal($"data/{file}", e.File);
        Assert.Matches($@"^data/{file}:\d+: \d+ rows, but data/datapackage.json records \d+ \(stats.rows\): rows were deleted, merged or added", e.Message);
    }

    [Fact]
    public void A_header_only_table_is_refused()
    {
        var data = CopyOfData();
        Edit(data, "socioeconomic.csv", lines => [lines[0], ""]);
        Assert.StartsWith("data/socioeconomic.csv:2: 0 rows, but data/datapackage.json records", Refused(data).Message);
    }

    [Fact]
    public void Row_counts_are_only_checked_where_a_datapackage_records_them()
    {
        // Overlays and hand-made folders have no datapackage.json: their tables may have any length.
        var data = CopyOfData();
        File.Delete(Path.Combine(data, "datapackage.json"));
        Edit(data, "region-names.csv", lines => lines.Where((_, i) => i != 2));
        Assert.Equal(TestData.Data.Regions.Aliases.Count - 1, WorkbenchData.Load(data).Regions.Aliases.Count);
    }

    [Fact]
    public void A_broken_datapackage_json_names_its_line()
    {
        var data = CopyOfData();
        File.WriteAllText(Path.Combine(data, "datapackage.json"), "{\n  \"resources\": [\n    {,\n");
        var e = Refused(data);
        Assert.Equal(("data/datapackage.json", 3), (e.File, e.Line));
    }

    [Theory]
    [InlineData("socioeconomic.csv", "value", "99999999999999999999")] // loses its last digits as a double
    [InlineData("socioeconomic.csv", "value", "0.1111111111111111111111111")]
    [InlineData("migration.csv", "value", "<400 nines>")] // parsed as infinity
    [InlineData("socioeconomic.csv", "value", "<400 nines>")]
    public void A_number_a_double_cannot_hold_exactly_is_refused(string file, string field, string text)
    {
        if (text == "<400 nines>") text = new string('9', 400);
        var data = CopyOfData();
        var path = Path.Combine(data, file);
        var table = Csv.Parse(File.ReadAllText(path), file);
        var column = table.Column(field);
        var rows = table.Records.Select((r, i) => (IReadOnlyList<string>)r.Fields.Select((f, c) => i == 0 && c == column ? text : f).ToList());
        File.WriteAllText(path, Csv.Format(table.Header, rows), new UTF8Encoding(false));

        var e = Refused(data);
        Assert.Equal(($"data/{file}", 2, field), (e.File, e.Line, e.Field));
        Assert.Contains("cannot be held exactly as a number", e.Message);
    }

    [Theory]
    [InlineData("5.2")]
    [InlineData("-2848")]
    [InlineData("44.28571428571429")] // a derived value as the builder writes it (shortest round trip)
    public void Numbers_a_double_holds_exactly_are_accepted(string text) =>
        Assert.True(DataNumber.IsExact(text, DataNumber.TryParse(text, NumberFormat.Invariant)!.Value));

    [Fact]
    public void Whether_a_number_is_held_exactly_agrees_with_comparing_its_decimal_and_its_round_trip_text()
    {
        // The reference: the written decimal against the decimal of the double's shortest round-trip text, for numbers
        // of 1 to 20 digits (IsExact answers up to 15 digits without that comparison).
        var random = new Random(20_261_207);
        for (var i = 0; i < 100_000; i++)
        {
            var digits = new string([.. Enumerable.Range(0, random.Next(1, 21)).Select(_ => (char)('0' + random.Next(10)))]);
            var point = random.Next(0, digits.Length);
            var text = (random.Next(2) == 0 ? "-" : "") + (point == 0 ? digits : digits[..point] + "." + digits[point..]);
            var value = DataNumber.TryParse(text, NumberFormat.Invariant)!.Value;
            var expected = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
                == decimal.Parse(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(expected == DataNumber.IsExact(text, value), $"{text}: held exactly {expected}, IsExact says {!expected}");
        }
    }
}
