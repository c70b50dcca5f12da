using System.CommandLine;
using System.Security.Cryptography;
using KzMigration.Data;
using KzMigration.Data.Import;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Tests.Import;

/// <summary>
/// End to end: real samples imported with <c>kzmig data import</c> into the user overlay of a copy of data/, then
/// loaded by the data layer under its own rules, queryable with their provenance, and passing <c>kzmig data check</c>.
/// </summary>
public class ImportIntoDataTests
{
    private static (int Exit, string Out, string Err) Kzmig(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = KzMigration.Cli.Cli.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A copy of the bundled data/ (without any user overlay) in a fresh temporary folder.</summary>
    private static string CopyOfData()
    {
        var copy = Path.Combine(ImportFiles.TempDirectory(), "data");
        foreach (var file in DataPackageBuilder.Files)
        {
            var to = Path.Combine(copy, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(TestData.DataDirectory, file), to);
        }
        return copy;
    }

    private static void Import(string data, string sample, params string[] options)
    {
        var (exit, _, error) = Kzmig(["data", "import", ImportFiles.Sample(sample), "--data", data, .. options]);
        Assert.True(exit == 0, $"import of {sample} failed: {error}");
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [SampleFact]
    public void Imported_samples_load_as_the_user_overlay_with_their_provenance()
    {
        var data = CopyOfData();
        Import(data, ImportFiles.MigrationHead, "--flow", "all", "--measure", "balance");
        Import(data, ImportFiles.Arrived2024, "--flow", "internal", "--measure", "arrivals", "--year", "2024");
        Import(data, ImportFiles.Left2024, "--flow", "internal", "--measure", "departures", "--year", "2024");
        // The net table as balance: loading checks balance = arrivals − departures for every region.
        Import(data, ImportFiles.Net2024, "--flow", "internal", "--measure", "balance", "--year", "2024");

        var loaded = WorkbenchData.Load(data);
        Assert.Equal([Path.Combine(data, WorkbenchData.UserFolder)], loaded.Overlays);

        // National total-flow balances: a year the bundle has is kept from the bundle (same value: a warning; a
        // different one would have stopped the import), the others come from the import; either way the printed value.
        var printed = RegionTotals.Select(OfficialFileReader.Read(ImportFiles.Sample(ImportFiles.MigrationHead)).Values);
        Assert.NotEmpty(printed);
        foreach (var v in printed)
        {
            var found = loaded.FindMigration("kazakhstan", v.Year, Flow.All, Measure.Balance);
            Assert.NotNull(found);
            Assert.Equal(v.Value, found.Value);
            if (found.Source.Import is null)
                Assert.Contains(loaded.Warnings, w => w.Rule == "overlay-repeat" && w.Message.EndsWith($"repeats {found.Origin} with the same value; the bundled row is kept", StringComparison.Ordinal));
            else
                Assert.Equal((ImportFiles.MigrationHead, "StatGovDynamicTable", "migration all balance"),
                    (found.Source.Import.File, found.Source.Import.Format, found.Source.Import.Target));
        }

        // 2024 internal arrivals: every unit of 2024, each the sum of the twelve months printed for it.
        var months = OfficialFileReader.Read(ImportFiles.Sample(ImportFiles.Arrived2024), new ImportOptions { Year = 2024 }).Values;
        var sums = months.GroupBy(v => loaded.Regions.Resolve(v.RegionName).Key).ToDictionary(g => g.Key, g => g.Sum(v => v.Value!.Value));
        var units = loaded.Regions.UnitsInYear(2024);
        Assert.Equal(units.Select(u => u.Key).Order(), sums.Keys.Order());
        foreach (var unit in units)
        {
            var arrivals = loaded.FindMigration(unit.Key, 2024, Flow.Internal, Measure.Arrivals);
            Assert.NotNull(arrivals);
            Assert.Equal(sums[unit.Key], arrivals.Value);
            Assert.Equal((Status.Derived, BoundaryEra.Era2022), (arrivals.Status, arrivals.Boundaries));
            Assert.StartsWith("sum of the 12 monthly values ", arrivals.Note);
            var provenance = arrivals.Source.Import;
            Assert.NotNull(provenance);
            Assert.Equal((ImportFiles.Arrived2024, Sha256(ImportFiles.Sample(ImportFiles.Arrived2024)), "BnsSpreadsheet", "migration internal arrivals", units.Count),
                (provenance.File, provenance.Sha256, provenance.Format, provenance.Target, provenance.Rows));
            Assert.Equal(TimeSpan.Zero, provenance.ImportedAt.Offset);
            Assert.NotNull(loaded.FindMigration(unit.Key, 2024, Flow.Internal, Measure.Departures));
        }

        // Notebooks see the provenance in the sources frame; bundled sources leave it empty.
        var frame = loaded.Sources.Values.ToDataFrame();
        var files = Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (string?)frame["file"][i]).ToList();
        Assert.Equal(4, files.Count(f => f is not null));
        Assert.Contains(ImportFiles.Net2024, files);

        var (exit, output, error) = Kzmig("data", "check", "--data", data);
        Assert.True(exit == 0, error);
        Assert.Contains("warning [overlay-repeat]", output);
        var sources = Kzmig("data", "sources", "--data", data);
        Assert.Equal(0, sources.Exit);
        Assert.Contains($"UTC from {ImportFiles.Arrived2024} (BnsSpreadsheet) as migration internal arrivals: {units.Count} rows; sha256 ", sources.Out);
    }

    [SampleFact]
    public void An_unknown_region_stops_the_import_with_file_row_and_name_and_writes_nothing()
    {
        var data = CopyOfData();
        Import(data, ImportFiles.Arrived2024, "--flow", "internal", "--measure", "arrivals", "--year", "2024");
        var user = Path.Combine(data, WorkbenchData.UserFolder);
        var before = Directory.GetFiles(user).Order().Select(File.ReadAllBytes).ToList();

        // The fixture with its first region (line 2) renamed to a region that does not exist.
        var file = Path.Combine(ImportFiles.TempDirectory(), "statgov_unknown_region.csv");
        var lines = File.ReadAllLines(ImportFiles.Fixture("statgov_migration_balance.csv"));
        lines[1] = lines[1].Replace("\"РЕСПУБЛИКА КАЗАХСТАН\"", "\"ТАРБАГАТАЙСКАЯ ОБЛАСТЬ\"", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var (exit, _, error) = Kzmig("data", "import", file, "--flow", "all", "--measure", "balance", "--data", data);
        Assert.Equal(2, exit);
        Assert.StartsWith("statgov_unknown_region.csv:2 (VAL): region: 'ТАРБАГАТАЙСКАЯ ОБЛАСТЬ' is not a known region", error);
        Assert.Equal(before, Directory.GetFiles(user).Order().Select(File.ReadAllBytes));
    }

    [SampleFact]
    public void A_value_contradicting_the_bundle_is_refused_and_the_overlay_left_as_it_was()
    {
        var data = CopyOfData();
        var bundled = TestData.Data.MigrationValues(Flow.All, Measure.Balance).First(m => m.Region.IsCountry);

        // The fixture's national row for the bundled year, with a value one person off the bundled one.
        var file = Path.Combine(ImportFiles.TempDirectory(), "statgov_contradiction.csv");
        var lines = File.ReadAllLines(ImportFiles.Fixture("statgov_migration_balance.csv"));
        var fields = lines[1].Split('\t');
        fields[1] = $"\"{bundled.Year} год\"";
        fields[2] = $"\"{bundled.Year}12\"";
        fields[^1] = $"\"{DataNumber.Format(bundled.Value + 1)}\"";
        File.WriteAllLines(file, [lines[0], string.Join('\t', fields)]);

        var (exit, _, error) = Kzmig("data", "import", file, "--flow", "all", "--measure", "balance", "--data", data);
        Assert.Equal(2, exit);
        Assert.Contains($"contradicts {bundled.Origin}", error);
        Assert.Contains("Nothing imported", error);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
        Assert.Equal(0, Kzmig("data", "check", "--data", data).Exit);
    }

    [SampleFact]
    public void A_new_indicator_is_declared_beside_its_figures_and_loads()
    {
        var data = CopyOfData();
        var grp = ImportFiles.Sample(ImportFiles.GrpXlsx);

        // Without --kind the workbench does not guess what the new indicator is: nothing is written.
        var (refused, _, why) = Kzmig("data", "import", grp, "--sheet", "тыс.тенге", "--indicator", "grp_per_capita_imported", "--data", data);
        Assert.Equal(2, refused);
        Assert.Contains("give --kind", why);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));

        Import(data, ImportFiles.GrpXlsx, "--sheet", "тыс.тенге", "--indicator", "grp_per_capita_imported", "--kind", "average");
        var loaded = WorkbenchData.Load(data);
        var definition = loaded.IndicatorDefinitions["grp_per_capita_imported"];
        Assert.Equal("thousand KZT", definition.Unit); // the file's 'тыс.тенге', in the workbench's spelling (UnitSpelling)
        Assert.False(definition.Additive); // per-capita values are never summed across regions
        Assert.Contains("kzmig data import", definition.Description);
        Assert.Equal(1671.8, loaded.FindIndicator("turkestan", 2022, "grp_per_capita_imported")!.Value); // same as the bundled figure
        Assert.Equal(0, Kzmig("data", "check", "--data", data).Exit);
    }

    [Fact]
    public void An_overlay_cannot_redefine_a_bundled_indicator()
    {
        var data = CopyOfData();
        var user = Directory.CreateDirectory(Path.Combine(data, WorkbenchData.UserFolder)).FullName;
        File.WriteAllText(Path.Combine(user, "indicators.csv"),
            "id,label,unit,kind,additive,description\ngrp_per_capita,GRP per capita,USD,average,false,redefined\n");
        var error = Assert.Throws<DataFileException>(() => WorkbenchData.Load(data));
        Assert.Contains("indicators.csv:2", error.Message);
        Assert.Contains("redefines indicator 'grp_per_capita'", error.Message);
    }
}
