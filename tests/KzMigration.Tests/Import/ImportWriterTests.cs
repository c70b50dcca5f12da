using KzMigration.Data.Import;
using KzMigration.Migration;

namespace KzMigration.Tests.Import;

public class ImportWriterTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 10, 1, 8, 30, 0, TimeSpan.Zero));

    [Fact]
    public void Writes_migration_rows_and_a_sources_row()
    {
        var dir = ImportFiles.TempDirectory();
        var result = StatGovDynamicTableReader.Read(ImportFiles.Fixture("statgov_migration_balance.csv"));
        var totals = result with { Values = RegionTotals.Select(result.Values) };
        var summary = ImportWriter.Write(totals, new MigrationTarget(Flow.All, Measure.Balance), dir, clock: Clock);

        Assert.Equal((4, 2, 0), (summary.Written, summary.SkippedGaps, summary.Replaced));
        var lines = File.ReadAllLines(Path.Combine(dir, "migration.csv"));
        Assert.Equal("region,year,period,flow,measure,value,status,boundaries,source_id,note", lines[0]);
        Assert.Equal($"РЕСПУБЛИКА КАЗАХСТАН,2000,Jan-Dec,all,balance,-108307,exact,2015,{summary.SourceId},imported from statgov_migration_balance.csv:2 (VAL)", lines[1]);
        Assert.Contains("suspected scale error", lines[4]);

        var sources = File.ReadAllLines(Path.Combine(dir, "sources.csv"));
        // One sources layout for bundled and imported sources; the provenance columns are the imported file's.
        Assert.Equal("source_id,url,carrier,publisher,title,note,file,sha256,imported_at,format,portal_id,target,rows", sources[0]);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ImportFiles.Fixture("statgov_migration_balance.csv"))));
        Assert.Equal($"import-{sha[..12]}-all-balance", summary.SourceId);
        Assert.Equal($"{summary.SourceId},statgov_migration_balance.csv,local file imported with kzmig data import," +
                     "\"Bureau of National Statistics of the Republic of Kazakhstan (BNS), stat.gov.kz dynamic-table export format\",Сальдо миграции по всем потокам," +
                     "imported by kzmig data import; each row's note names its cell; unit printed in the file: Человек," +
                     $"statgov_migration_balance.csv,{sha},2026-10-01T08:30:00Z,StatGovDynamicTable,,migration all balance,4", sources[1]);
    }

    [Fact]
    public void Re_importing_replaces_earlier_rows_of_the_same_file_and_target()
    {
        var dir = ImportFiles.TempDirectory();
        var result = TaldauJsonReader.Read(ImportFiles.Fixture("taldau_grp_per_capita.json"), new ImportOptions { IndicatorId = "2709380" });
        var target = new IndicatorTarget("grp_per_capita", "KZT");
        ImportWriter.Write(result, target, dir, clock: Clock);
        var again = ImportWriter.Write(result, target, dir, clock: Clock);
        Assert.Equal((7, 7, 3), (again.Written, again.Replaced, again.SkippedGaps));
        Assert.Equal(8, File.ReadAllLines(Path.Combine(dir, "socioeconomic.csv")).Length);
        var sources = File.ReadAllLines(Path.Combine(dir, "sources.csv"));
        Assert.Equal(2, sources.Length);
        Assert.Contains("https://taldau.stat.gov.kz/ru/Api/GetIndexData/2709380,", sources[1]);
        Assert.Contains(",TaldauIndexData,2709380,indicator grp_per_capita,7", sources[1]);
    }

    [Fact]
    public void Uses_the_resolver_and_fails_before_writing_on_an_unknown_region()
    {
        var dir = ImportFiles.TempDirectory();
        var result = TaldauJsonReader.Read(ImportFiles.Fixture("taldau_grp_per_capita.json"));
        var keys = new Dictionary<string, string> { ["РЕСПУБЛИКА КАЗАХСТАН"] = "Kazakhstan", ["КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ"] = "Kyzylorda" };
        string Resolve(string name) => keys.TryGetValue(name, out var key) ? key : throw new KeyNotFoundException($"no region '{name}'");

        var e = Assert.Throws<ImportFormatException>(() => ImportWriter.Write(result, new IndicatorTarget("grp_per_capita"), dir, Resolve, Clock));
        Assert.Equal(("taldau_grp_per_capita.json:26 ([2].periods[0])", "region"), (e.Location, e.Field));
        Assert.Empty(Directory.GetFiles(dir));

        var known = result with { Values = result.Values.Where(v => keys.ContainsKey(v.RegionName)).ToList() };
        ImportWriter.Write(known, new IndicatorTarget("grp_per_capita"), dir, Resolve, Clock);
        var lines = File.ReadAllLines(Path.Combine(dir, "socioeconomic.csv"));
        Assert.Equal("region,year,indicator,value,unit,status,boundaries,source_id,note", lines[0]);
        Assert.StartsWith("Kazakhstan,2019,grp_per_capita,3755700,,exact,2018,", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("Kyzylorda,2008,grp_per_capita,1075900,"));
    }

    [SampleFact]
    public void Indicator_rows_are_annual_and_a_stock_on_1_January_belongs_to_the_previous_year()
    {
        var dir = ImportFiles.TempDirectory();
        var population = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.PopulationXlsx), new ImportOptions { Sheet = "01" });
        var total = population with { Values = population.Values.Where(v => v.Column == "B").ToList() };
        ImportWriter.Write(total, new IndicatorTarget("population_end_of_year", "persons"), dir, clock: Clock);
        var abai = File.ReadAllLines(Path.Combine(dir, "socioeconomic.csv")).Single(l => l.StartsWith("Абай,"));
        Assert.StartsWith("Абай,2022,population_end_of_year,610189,persons,exact,", abai);
        Assert.Contains("on 1 Jan 2023 (end of 2022)", abai);

        var grp = BnsSpreadsheetReader.Read(ImportFiles.Sample(ImportFiles.GrpXlsx), new ImportOptions { Sheet = "тыс.тенге" });
        var summary = ImportWriter.Write(grp, new IndicatorTarget("grp_per_capita", "thousand KZT"), dir, clock: Clock);
        Assert.True(summary.SkippedPeriods > 0);
        var rows = File.ReadAllLines(Path.Combine(dir, "socioeconomic.csv")).Where(l => l.Contains(",grp_per_capita,")).ToList();
        Assert.Contains(rows, l => l.StartsWith("Абай,2022,grp_per_capita,3901.1,thousand KZT,exact,"));
        Assert.Contains(rows, l => l.StartsWith("Туркестанская,2019,") && l.Contains("footnote 2) in the source"));
    }

    [SampleFact]
    public void Scale_corrected_values_are_derived_with_the_printed_text_in_the_note()
    {
        var dir = ImportFiles.TempDirectory();
        var result = StatGovDynamicTableReader.Read(ImportFiles.Sample(ImportFiles.GrpHead), new ImportOptions { PlausibleMaximum = 50_000, CorrectScale = true });
        ImportWriter.Write(result, new IndicatorTarget("grp_per_capita", "thousand KZT"), dir, clock: Clock);
        var row = File.ReadAllLines(Path.Combine(dir, "socioeconomic.csv")).Single(l => l.StartsWith("КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ,2023,"));
        Assert.StartsWith("КЫЗЫЛОРДИНСКАЯ ОБЛАСТЬ,2023,grp_per_capita,3071.8,thousand KZT,derived,", row);
        Assert.Contains("printed '3 071 800 000 000.0' divided by 1000000000", row);
    }

    [Fact]
    public void Refuses_to_overwrite_a_file_of_another_layout()
    {
        var dir = ImportFiles.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "migration.csv"), "region,region_ru,kato,year\n");
        var result = StatGovDynamicTableReader.Read(ImportFiles.Fixture("statgov_migration_balance.csv"));
        var e = Assert.Throws<ImportFormatException>(() => ImportWriter.Write(result, new MigrationTarget(Flow.All, Measure.Balance), dir, clock: Clock));
        Assert.Equal("header", e.Field);
    }
}
