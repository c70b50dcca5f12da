using System.CommandLine;
using KzMigration.Cli.Commands;
using KzMigration.Data;
using KzMigration.Data.Import;
using KzMigration.Migration;
using KzMigration.Regions;

namespace KzMigration.Tests.Import;

/// <summary>
/// <c>kzmig data import</c> of origin–destination tables: the raw long sample (refused as a whole because of its 2022 block,
/// accepted without it) and a wide bulletin-style matrix.
/// </summary>
public class OdFlowImportTests
{
    private static string RawSample => Path.Combine(TestData.SharedSources, "formats", "Diar299_kz-migration__Internal_migration.csv");

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = DataImportCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    // A copy of the bundled data/ (without any user overlay) to import into.
    private static string CopyOfData()
    {
        var dir = Path.Combine(TestPaths.TempFolder("od-import"), "data");
        Directory.CreateDirectory(Path.Combine(dir, "boundaries"));
        foreach (var f in Directory.EnumerateFiles(TestData.DataDirectory)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestData.DataDirectory, "boundaries"))) File.Copy(f, Path.Combine(dir, "boundaries", Path.GetFileName(f)));
        return dir;
    }

    [NeedsSharedSourcesFact]
    public void The_raw_sample_is_refused_as_a_whole_naming_file_a_2022_line_and_the_official_balance()
    {
        var data = CopyOfData();
        var (exit, _, error) = Run(RawSample, "--data", data);
        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)), "nothing may be written to data/user");
        Assert.Contains("Diar299_kz-migration__Internal_migration.csv:", error);
        Assert.Contains("the 2022 block contradicts the official 2022 interregional balances in 20 of 20 units", error);
        Assert.Contains("official +33798", error); // Astana city 2022, README «Origin–destination flows»
        Assert.Contains("-25543", error);
        // The line named is a row of the 2022 block.
        var line = int.Parse(System.Text.RegularExpressions.Regex.Match(error, @"\.csv:(\d+):").Groups[1].Value);
        Assert.StartsWith("2022,", File.ReadLines(RawSample).ElementAt(line - 1));
    }

    [NeedsSharedSourcesFact]
    public void Without_2022_it_imports_and_its_other_years_reach_the_data()
    {
        var data = CopyOfData();
        var (exit, output, error) = Run(RawSample, "--data", data, "--exclude-years", "2022");
        Assert.True(exit == 0, error);
        Assert.Contains("left out 2022", output);
        Assert.Contains("'Almaty' read as Almaty region", output);
        Assert.Contains("2280 moves already in the data were not repeated", output);
        var loaded = WorkbenchData.Load(data);
        var m2025 = loaded.FlowMatrix(2025);
        Assert.NotNull(m2025);
        Assert.Equal(36729, m2025!["almaty-region", "almaty-city"]); // first line of the raw sample
        var balance = loaded.FindMigration("astana-city", 2025, Flow.Interregional, Measure.Balance)!;
        Assert.Equal(Status.Derived, balance.Status);
        Assert.Equal(m2025.Balance("astana-city"), balance.Value);

        // --years picks years the same way; repeating bundled years writes nothing new.
        var again = CopyOfData();
        var (exit2, output2, error2) = Run(RawSample, "--data", again, "--years", "2015,2020");
        Assert.True(exit2 == 0, error2);
        Assert.Contains("Wrote 0 moves", output2);
    }

    [Fact]
    public void A_wide_bulletin_matrix_imports_on_its_own_boundaries()
    {
        // Fixture: the 2021 block of data/od-flows.csv aggregated to the 17 units of 2021 (Fixtures/import/README.md).
        var fixture = ImportFiles.Fixture("od_matrix_2021_17_units.csv");
        Assert.True(OdFlowTableReader.Recognises(fixture));
        var table = OdFlowTableReader.Read(fixture);
        Assert.Equal(OfficialFormat.OdMatrix, table.Format);
        Assert.Equal(17 * 16, table.Moves.Count);
        Assert.All(table.Moves, m => Assert.Equal(2021, m.Year));

        var data = TestData.Fixture(); // no bundled od-flows: the import is the only matrix
        var into = Path.Combine(data, WorkbenchData.UserFolder);
        var (exit, output, error) = Run(fixture, "--data", data);
        Assert.True(exit == 0, error);
        Assert.Contains("(OdMatrix), years 2021", output);
        var loaded = WorkbenchData.Load(data);
        var imported = loaded.FlowMatrix(2021)!;
        var bundled = TestData.Data.FlowMatrix(2021)!;
        Assert.Equal(bundled.Regions, imported.Regions);
        foreach (var o in bundled.Regions)
            foreach (var d in bundled.Regions.Where(d => d != o))
                Assert.Equal(bundled[o, d], imported[o, d]);
        Assert.Equal(BoundaryEra.Era2018, loaded.FlowMatrices.Single().Boundaries);
        Assert.True(File.Exists(Path.Combine(into, "od-flows.csv")));
    }

    [Fact]
    public void A_wide_matrix_with_a_missing_cell_is_refused_naming_line_and_column()
    {
        var lines = File.ReadAllLines(ImportFiles.Fixture("od_matrix_2021_17_units.csv"));
        var cells = lines[3].Split(';');
        cells[5] = "…";
        lines[3] = string.Join(';', cells);
        var path = Path.Combine(ImportFiles.TempDirectory(), "od_missing.csv");
        File.WriteAllLines(path, lines);
        var data = TestData.Fixture();
        var (exit, _, error) = Run(path, "--data", data);
        Assert.Equal(2, exit);
        Assert.Contains("od_missing.csv:4: column F", error);
        Assert.Contains("missing move is not 0", error);
        Assert.False(Directory.Exists(Path.Combine(data, WorkbenchData.UserFolder)));
    }

    [Fact]
    public void Years_options_are_checked()
    {
        var (exit, _, error) = Run(ImportFiles.Fixture("od_matrix_2021_17_units.csv"), "--years", "twenty");
        Assert.Equal(2, exit);
        Assert.Contains("--years: 'twenty' is not a year", error);
    }
}
