using System.Text;
using System.Text.RegularExpressions;
using KzMigration.Data;
using KzMigration.Data.Import;
using KzMigration.Tests.Import;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// Light seeded fuzzing of the CSV reader and of the official-format importers: whatever the bytes, the only
/// refusals are <see cref="DataFileException"/> / <see cref="ImportFormatException"/> saying where.
/// </summary>
public partial class ImportFuzzTests
{
    private const int Seed = 7_2024;

    [GeneratedRegex(@"^t\.csv:\d+: ")]
    private static partial Regex CsvLocation();

    [Fact]
    public void Csv_reader_refuses_any_text_only_with_a_line()
    {
        const string sample = "region,year,value,note\nakmola,2019,-100,\"a, b\"\nabai,2022,5.2,\"say \"\"hi\"\"\"\nalmaty-city,2020,7,\"two\nlines\"\n";
        var alphabet = new[] { ",", "\"", "\n", "\r", "\r\n", "\uFEFF", ";", "\t", "x", "1", " ", "" };
        var failures = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            var random = new Random(Seed + i);
            var text = new StringBuilder(sample);
            for (var k = random.Next(1, 5); k > 0; k--)
            {
                var at = random.Next(text.Length + 1);
                if (random.Next(2) == 0 && at < text.Length) text.Remove(at, random.Next(1, Math.Min(4, text.Length - at) + 1));
                else text.Insert(at, alphabet[random.Next(alphabet.Length)]);
            }
            try { Csv.Parse(text.ToString(), "t.csv", ["region", "year", "value", "note"]); }
            catch (DataFileException e) when (CsvLocation().IsMatch(e.Message)) { }
            catch (Exception e) { failures.Add($"case {i}: {e.GetType().Name}: {e.Message}"); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    public static TheoryData<string> Samples => new()
    {
        ImportFiles.MigrationHead, ImportFiles.GrpHead, ImportFiles.AgricultureTree, ImportFiles.GrpXlsx, ImportFiles.DoctorsXls, ImportFiles.Net2024,
    };

    [SampleTheory]
    [MemberData(nameof(Samples))]
    public void Official_readers_refuse_corrupted_samples_only_with_a_location(string sample)
    {
        var original = File.ReadAllBytes(ImportFiles.Sample(sample));
        var folder = ImportFiles.TempDirectory();
        var failures = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var random = new Random(Seed + i);
            var bytes = Corrupt(original, random, out var how);
            var path = Path.Combine(folder, $"case{i}-{sample}");
            File.WriteAllBytes(path, bytes);
            try { OfficialFileReader.Read(path); }
            catch (ImportFormatException e) when (e.Location.StartsWith(Path.GetFileName(path), StringComparison.Ordinal)) { }
            catch (DataFileException e) when (e.File is not null) { }
            catch (Exception e) { failures.Add($"case {i} ({how}): {e.GetType().Name}: {e.Message}"); }
            finally { File.Delete(path); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Taldau_json_with_invalid_utf8_is_an_import_error_with_its_line()
    {
        // Found by the fuzzer: Utf8JsonReader threw InvalidOperationException on reading the string.
        var original = File.ReadAllBytes(ImportFiles.Fixture("taldau_grp_per_capita.json"));
        var secondLine = Array.IndexOf(original, (byte)'\n') + 1;
        var path = Path.Combine(ImportFiles.TempDirectory(), "broken.json");
        File.WriteAllBytes(path, [.. original[..secondLine], 0xC3, 0x28, .. original[secondLine..]]);

        var e = Assert.Throws<ImportFormatException>(() => OfficialFileReader.Read(path));
        Assert.Equal(("broken.json:2", "encoding"), (e.Location, e.Field));
    }

    private static byte[] Corrupt(byte[] original, Random random, out string how)
    {
        var copy = (byte[])original.Clone();
        switch (random.Next(6))
        {
            case 0:
                how = "truncated";
                return copy[..random.Next(copy.Length)];
            case 1:
                how = "random bytes";
                for (var k = random.Next(1, 20); k > 0; k--) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                return copy;
            case 2:
                how = "invalid UTF-8";
                var at = random.Next(copy.Length);
                return [.. copy[..at], 0xFF, 0xC3, 0x28, .. copy[at..]];
            case 3:
                how = "delimiters";
                for (var j = 0; j < copy.Length; j++) if (copy[j] == (byte)'\t') copy[j] = random.Next(2) == 0 ? (byte)';' : (byte)',';
                return copy;
            case 4:
                how = "deleted span";
                var from = random.Next(copy.Length);
                return [.. copy[..from], .. copy[Math.Min(copy.Length, from + random.Next(1, 200))..]];
            default:
                how = "empty";
                return [];
        }
    }
}
