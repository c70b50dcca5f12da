using System.CommandLine;
using KzMigration.Cli.Commands;
using KzMigration.Data;
using KzMigration.Data.Import;

namespace KzMigration.Tests.Import;

public class DataImportCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = DataImportCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Reports_what_it_read_without_writing_when_no_target_is_given()
    {
        var (exit, output, _) = Run(ImportFiles.Fixture("statgov_migration_balance.csv"));
        Assert.Equal(0, exit);
        Assert.Contains("StatGovDynamicTable", output);
        Assert.Contains("region-level totals: 6 of 10", output);
        Assert.Contains("years:     2000–2024", output);
        Assert.Contains("scale:     1 values", output);
        Assert.Contains("Nothing written", output);
    }

    [Fact]
    public void Writes_migration_rows_into_the_folder()
    {
        var dir = ImportFiles.TempDirectory();
        // The fixture's 2003 value is a scale error that would contradict the bundled figure: corrected, it repeats it.
        var (exit, output, error) = Run(ImportFiles.Fixture("statgov_migration_balance.csv"), "--flow", "all", "--measure", "balance", "--into", dir,
            "--plausible-max", "1000000", "--correct-scale");
        Assert.True(exit == 0, error);
        Assert.Contains($"Wrote 4 rows (migration all balance) to {Path.Combine(dir, "migration.csv")}", output);
        Assert.True(File.Exists(Path.Combine(dir, "sources.csv")));
    }

    [Fact]
    public void Flow_without_measure_is_refused()
    {
        var (exit, _, error) = Run(ImportFiles.Fixture("statgov_migration_balance.csv"), "--flow", "interregional");
        Assert.Equal(2, exit);
        Assert.Contains("--flow and --measure go together", error);
    }

    [Fact]
    public void A_malformed_file_exits_1_with_file_and_line()
    {
        var (exit, _, error) = Run(ImportFiles.Fixture("statgov_malformed.csv"));
        Assert.Equal(2, exit); // a bad input file (README «Exit codes»)
        Assert.StartsWith("statgov_malformed.csv:4: VAL:", error);
    }

    [SampleFact]
    public void Month_tables_take_the_year_option()
    {
        var dir = ImportFiles.TempDirectory();
        var (exit, output, error) = Run(ImportFiles.Sample(ImportFiles.Arrived2024), "--year", "2024", "--flow", "internal", "--measure", "arrivals", "--into", dir);
        Assert.True(exit == 0, error);
        // 20 regions × 12 months: the tables hold Jan-Dec, so each region-year is the sum of its printed months.
        Assert.Contains("Wrote 20 rows", output);
        Assert.Contains("20 Jan-Dec rows are sums of 12 printed months (status derived)", output);
        var months = OfficialFileReader.Read(ImportFiles.Sample(ImportFiles.Arrived2024), new ImportOptions { Year = 2024 }).Values;
        var abay = months.Where(v => v.RegionName == "Abay").ToList();
        Assert.Equal(12, abay.Count);
        Assert.Contains(abay, v => v.PeriodCode == "Jan" && v.RawValue == "2636");
        // The command resolves the printed names ('Abay', 'Jetisu') to region keys.
        var lines = File.ReadAllLines(Path.Combine(dir, "migration.csv"));
        var sum = abay.Sum(v => v.Value!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(lines, l => l.StartsWith($"abai,2024,Jan-Dec,internal,arrivals,{sum},derived,2022,import-") && l.Contains("sum of the 12 monthly values"));
        Assert.Single(lines, l => l.StartsWith("zhetisu,2024,Jan-Dec,"));
    }

    [SampleTheory]
    [InlineData(ImportFiles.Arrived2024)]
    [InlineData(ImportFiles.Left2024)]
    [InlineData(ImportFiles.Net2024)]
    [InlineData(ImportFiles.UnemploymentXlsx)]
    [InlineData(ImportFiles.DoctorsXls)]
    [InlineData(ImportFiles.GrpXlsx)]
    [InlineData(ImportFiles.MigrationHead)]
    public void Every_region_name_of_the_real_samples_resolves(string sample)
    {
        var registry = KzMigration.Data.DataPackageReader.ReadRegistry(TestData.DataDirectory);
        var result = OfficialFileReader.Read(ImportFiles.Sample(sample), new ImportOptions { Year = 2024 });
        var values = result.Format == OfficialFormat.StatGovDynamicTable ? RegionTotals.Select(result.Values) : result.Values;
        var unknown = values.Select(v => v.RegionName).Distinct().Where(n => !registry.TryResolve(n, out _)).ToList();
        Assert.True(unknown.Count == 0, $"unknown: {string.Join(", ", unknown)}");
    }
}
