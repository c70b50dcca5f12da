using System.Text;
using System.Text.RegularExpressions;
using KzMigration.Data;

namespace KzMigration.Tests.Hardening;

/// <summary>
/// Seeded, deterministic fuzzing of the bundled data: thousands of corruptions of copies of data/*.csv, each
/// loaded with <see cref="WorkbenchData.Load"/>. A corrupted folder must either load as the full data (same row
/// counts everywhere; byte-level changes a CSV reader must tolerate load identical values) or be refused with a
/// <see cref="DataFileException"/> that names a file and a line. Any other exception, or a table that loads
/// shorter, is a bug; each one found is kept below as a named regression test.
/// </summary>
public partial class DataFuzzTests
{
    private const int Seed = 20_240_601;
    private const int Cases = 3_000;

    private static readonly string[] Files =
        ["migration.csv", "socioeconomic.csv", "regions.csv", "sources.csv", "indicators.csv", "region-names.csv", "region-lineage.csv"];

    [GeneratedRegex(@"^[^\s:]+/[^\s:]+\.(csv|json):\d+: ")]
    private static partial Regex FileAndLine();

    [Fact]
    public void Corrupted_data_loads_whole_or_is_refused_with_file_and_line()
    {
        var originals = Files.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(TestData.DataDirectory, f)));
        var expected = Fingerprint.Of(TestData.Data);
        var failures = new List<string>();
        var kinds = new Dictionary<Corruption, int>();

        // Two workers (the suite shares 2 cores), each with its own copy of data/; a case's corruption depends on
        // its seed only, so the set of cases is the same whatever the scheduling.
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, worker =>
        {
            var folder = CopyOfData();
            for (var i = worker; i < Cases; i += 2)
            {
                var random = new Random(Seed + i);
                var file = Files[random.Next(Files.Length)];
                var kind = (Corruption)random.Next(Enum.GetValues<Corruption>().Length);
                var corrupted = Corrupt(originals[file], kind, random);
                var problem = Check(folder, file, corrupted, kind, expected);
                File.WriteAllBytes(Path.Combine(folder, file), originals[file]);
                lock (failures)
                {
                    kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                    if (problem is not null) failures.Add($"case {i} ({kind} of {file}): {problem}");
                }
            }
        });

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} corruptions misbehaved:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal).Take(25)));
        Assert.Equal(Enum.GetValues<Corruption>().Length, kinds.Count); // every kind was exercised
    }

    /// <summary>What loading one corrupted file gives, or null if it is acceptable.</summary>
    private static string? Check(string folder, string file, byte[] corrupted, Corruption kind, Fingerprint expected)
    {
        File.WriteAllBytes(Path.Combine(folder, file), corrupted);
        try
        {
            var data = WorkbenchData.Load(folder);
            if (data.Migration.Select(m => m.Value).Concat(data.Indicators.Select(i => i.Value)).FirstOrDefault(v => !double.IsFinite(v)) is var v && !double.IsFinite(v))
                return $"loaded a value that is not a finite number: {v}";
            var loaded = Fingerprint.Of(data);
            if (MustBeRefused(kind)) return $"loaded although it must be refused: {loaded}";
            if (IsHarmless(kind) && loaded != expected) return $"loaded different data: {loaded} instead of {expected}";
            if (!loaded.SameShape(expected)) return $"loaded silently with other row counts: {loaded} instead of {expected}";
            return null;
        }
        catch (DataFileException e)
        {
            // A well-formed edit has no line to blame: the recorded sha256 refuses it, naming the file (issue 10, item 3).
            if (e.File is not null && e.Line is null && e.Reason.Contains("differs from the sha256 recorded in", StringComparison.Ordinal)) return null;
            return FileAndLine().IsMatch(e.Message) && e.Line >= 1 ? null : $"refused without file:line: {e.Message}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    // Changes that keep every value: a CSV reader must load them as the original.
    // Corruptions a loader must always notice, whatever line they hit.
    private static bool MustBeRefused(Corruption kind) => kind is Corruption.BomMidFile or Corruption.InvalidUtf8 or Corruption.EmptyFile or Corruption.HeaderOnly or Corruption.DeletedRow;

    private static bool IsHarmless(Corruption kind) => kind is Corruption.BomAtStart or Corruption.CrlfEndings or Corruption.CrEndings or Corruption.MixedEndings;

    private static string CopyOfData()
    {
        var dir = Path.Combine(TestPaths.TempFolder("fuzz"), "data");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.EnumerateFiles(TestData.DataDirectory)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    internal enum Corruption
    {
        TruncatedLine, TruncatedFile, SemicolonDelimiter, TabDelimiter, TextInField, HugeNumber, NotANumber,
        BomAtStart, BomMidFile, CrlfEndings, CrEndings, MixedEndings, UnknownRegion, DuplicatedRow, DeletedRow,
        MergedRows, UnbalancedQuote, EmptyFile, HeaderOnly, InvalidUtf8, RandomByte,
    }

    private static readonly string[] HugeNumbers =
        ["1e308", "1e400", "99999999999999999999", "-99999999999999999999", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", new string('9', 400), "0." + new string('1', 40)];

    private static readonly string[] NotNumbers = ["NaN", "Infinity", "-Infinity", "∞", "n/a", "abc", "1,5", "", " ", "—", "1 000", "+5", "0x10"];

    private static readonly string[] Texts = ["atlantis", "Ақмола", "1e5", "<b>", "=1+1", "\"", "a\"b", "x\ny", " padded ", "\u00A0"];

    internal static byte[] Corrupt(byte[] original, Corruption kind, Random random)
    {
        var text = Encoding.UTF8.GetString(original);
        var lines = text.Split('\n').ToList(); // the last element is "" after the final newline
        var dataLines = lines.Count - 2;        // lines after the header
        int AnyDataLine() => 1 + random.Next(Math.Max(1, dataLines));
        string Joined() => string.Join('\n', lines);
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        switch (kind)
        {
            case Corruption.TruncatedLine:
            {
                var l = AnyDataLine();
                lines[l] = lines[l][..random.Next(lines[l].Length)];
                return Utf8(Joined());
            }
            case Corruption.TruncatedFile:
                return original[..random.Next(original.Length)];
            case Corruption.SemicolonDelimiter or Corruption.TabDelimiter:
            {
                var delimiter = kind == Corruption.SemicolonDelimiter ? ";" : "\t";
                if (random.Next(2) == 0) return Utf8(text.Replace(",", delimiter));
                var l = AnyDataLine();
                lines[l] = lines[l].Replace(",", delimiter);
                return Utf8(Joined());
            }
            case Corruption.TextInField or Corruption.HugeNumber or Corruption.NotANumber or Corruption.UnknownRegion:
            {
                var table = Csv.Parse(text, "fuzz");
                if (table.Records.Count == 0) return original;
                var records = table.Records.Select(r => r.Fields.ToArray()).ToList();
                var row = records[random.Next(records.Count)];
                var column = kind switch
                {
                    Corruption.UnknownRegion => Math.Max(0, IndexOfAny(table.Header, "region", "key", "predecessor", "successor")),
                    Corruption.HugeNumber or Corruption.NotANumber when table.Header.Contains("value") && random.Next(4) > 0 => IndexOfAny(table.Header, "value"),
                    _ => random.Next(row.Length),
                };
                row[column] = kind switch
                {
                    Corruption.UnknownRegion => "atlantis",
                    Corruption.HugeNumber => HugeNumbers[random.Next(HugeNumbers.Length)],
                    Corruption.NotANumber => NotNumbers[random.Next(NotNumbers.Length)],
                    _ => Texts[random.Next(Texts.Length)],
                };
                return Utf8(Csv.Format(table.Header, records));
            }
            case Corruption.BomAtStart:
                return [0xEF, 0xBB, 0xBF, .. original];
            case Corruption.BomMidFile:
            {
                var at = random.Next(2) == 0 ? LineStart(text, AnyDataLine()) : random.Next(original.Length);
                return Insert(original, ByteOffset(text, at), [0xEF, 0xBB, 0xBF]);
            }
            case Corruption.CrlfEndings:
                return Utf8(text.Replace("\n", "\r\n"));
            case Corruption.CrEndings:
                return Utf8(text.Replace("\n", "\r"));
            case Corruption.MixedEndings:
                return Utf8(string.Concat(lines.Select((l, i) => i == lines.Count - 1 ? l : l + (random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" }))));
            case Corruption.DuplicatedRow:
            {
                var l = AnyDataLine();
                lines.Insert(random.Next(2) == 0 ? l : lines.Count - 1, lines[l]);
                return Utf8(Joined());
            }
            case Corruption.DeletedRow:
                if (dataLines < 1) return original;
                lines.RemoveAt(AnyDataLine());
                return Utf8(Joined());
            case Corruption.MergedRows:
            {
                if (dataLines < 2) return original;
                var l = 1 + random.Next(dataLines - 1);
                lines[l] += lines[l + 1];
                lines.RemoveAt(l + 1);
                return Utf8(Joined());
            }
            case Corruption.UnbalancedQuote:
            {
                var l = AnyDataLine();
                var fields = lines[l].Split(',');
                var f = random.Next(fields.Length);
                fields[f] = random.Next(2) == 0 ? "\"" + fields[f] : fields[f] + "\"";
                lines[l] = string.Join(',', fields);
                return Utf8(Joined());
            }
            case Corruption.EmptyFile:
                return [];
            case Corruption.HeaderOnly:
                return Utf8(lines[0] + "\n");
            case Corruption.InvalidUtf8:
            {
                byte[][] bad = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80]];
                return Insert(original, ByteOffset(text, random.Next(text.Length + 1)), bad[random.Next(bad.Length)]);
            }
            case Corruption.RandomByte:
            {
                var copy = (byte[])original.Clone();
                if (copy.Length > 0) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                return copy;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static int IndexOfAny(IReadOnlyList<string> header, params string[] names) =>
        header.Select((h, i) => (h, i)).Where(x => names.Contains(x.h)).Select(x => x.i).DefaultIfEmpty(-1).First();

    private static int LineStart(string text, int line)
    {
        var at = 0;
        for (var l = 0; l < line && at >= 0; l++) at = text.IndexOf('\n', at) + 1;
        return Math.Max(0, at);
    }

    private static int ByteOffset(string text, int charIndex) => Encoding.UTF8.GetByteCount(text.AsSpan(0, Math.Min(charIndex, text.Length)));

    private static byte[] Insert(byte[] bytes, int at, byte[] insert) => [.. bytes[..at], .. insert, .. bytes[at..]];

    /// <summary>The shape (row counts of every table) and a digest of every value of a loaded data folder.</summary>
    private sealed record Fingerprint(int Regions, int Lineage, int Names, int Sources, int Indicators, int Migration, int Socioeconomic, string Digest)
    {
        public static Fingerprint Of(WorkbenchData d)
        {
            var all = new StringBuilder();
            foreach (var r in d.Regions.All) all.Append(r).Append('\n');
            foreach (var a in d.Regions.Aliases) all.Append(a).Append('\n');
            foreach (var s in d.Sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal)) all.Append(s).Append('\n');
            foreach (var i in d.IndicatorDefinitions.Values.OrderBy(i => i.Id, StringComparer.Ordinal)) all.Append(i).Append('\n');
            foreach (var m in d.Migration) all.Append(m.Region.Key).Append(m.Year).Append(m.Flow).Append(m.Measure).Append(m.Period).Append(DataNumber.Format(m.Value)).Append(m.Note).Append('\n');
            foreach (var m in d.Indicators) all.Append(m.Region.Key).Append(m.Year).Append(m.Indicator.Id).Append(DataNumber.Format(m.Value)).Append(m.Note).Append('\n');
            var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())))[..16];
            return new(d.Regions.All.Count, d.Regions.Lineage.Sum(l => l.Successors.Count), d.Regions.Aliases.Count, d.Sources.Count,
                d.IndicatorDefinitions.Count, d.Migration.Count, d.Indicators.Count, digest);
        }

        public bool SameShape(Fingerprint other) => this with { Digest = "" } == other with { Digest = "" };
    }
}
