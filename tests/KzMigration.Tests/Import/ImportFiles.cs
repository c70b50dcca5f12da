using System.Runtime.CompilerServices;

namespace KzMigration.Tests.Import;

/// <summary>Where the importer tests find the real samples (shared/sources/formats, next to the repository) and their own fixtures.</summary>
internal static class ImportFiles
{
    public static string RepositoryRoot => TestPaths.RepositoryRoot;

    /// <summary>The real official samples, resolved from the repository root as ../shared/sources/formats.</summary>
    public static string SamplesDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "sources", "formats"));

    public static string FixturesDirectory => Path.Combine(RepositoryRoot, "tests", "KzMigration.Tests", "Fixtures", "import");

    public static string Sample(string name) => Path.Combine(SamplesDirectory, name);

    public static string Fixture(string name) => Path.Combine(FixturesDirectory, name);

    public const string MigrationHead = "armanbostybayev-maker_kaz-Data__migration_balance_2026-09-30.head111.csv";
    public const string GrpHead = "armanbostybayev-maker_kaz-Data__grp_per_capita_2026-09-30.head41.csv";
    public const string UnemploymentHead = "armanbostybayev-maker_kaz-Data__unemployment_rate_2026-09-30.head21.csv";
    public const string AgricultureTree = "makenerzhan-gif_kazakhstan-economic-data__bns_agriculture_output_2026-08-31.json";
    public const string AgricultureManifest = "makenerzhan-gif_kazakhstan-economic-data__bns_agriculture_output_2026-08-31.manifest.json";
    public const string GrpXlsx = "open-data-kazakhstan_city-gdp-per-capita__grp-per-capita.xlsx";
    public const string UnemploymentXlsx = "open-data-kazakhstan_city-unemployment-rate__unemploymentRate.xlsx";
    public const string DoctorsXls = "open-data-kazakhstan_doctors-by-region__doctors-all-specialties.xls";
    public const string PopulationXlsx = "open-data-kazakhstan_city-population__source.xlsx";
    public const string Arrived2024 = "kanatislambekov_internal-migration-flow-kz__arrived_2024.xlsx";
    public const string Left2024 = "kanatislambekov_internal-migration-flow-kz__left_2024.xlsx";
    public const string Net2024 = "kanatislambekov_internal-migration-flow-kz__net_2024.xlsx";
    public const string FlattenedIncome = "open-data-kazakhstan_average-per-capita-nominal-cash-income__output.csv";
    public const string FlattenedGrp = "open-data-kazakhstan_average-per-capita-nominal-cash-income__output.dea4d0e.csv";

    /// <summary>A fresh temporary folder for one test.</summary>
    public static string TempDirectory([CallerMemberName] string test = "")
    {
        var dir = Path.Combine(Path.GetTempPath(), "kzmig-import-tests", test + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A copy of the bundled data/ (without any user overlay) in a fresh temporary folder.</summary>
    public static string CopyOfBundle([CallerMemberName] string test = "") =>
        TestPaths.CopyOfBundle(TestPaths.Data, Path.Combine(TempDirectory(test), "data"));

    /// <summary>Two regions of the real taldau fixture: a small input that imports in well under a second (the whole
    /// file holds a region twice, which an import refuses).</summary>
    public static string SmallTaldauInput([CallerMemberName] string test = "")
    {
        var all = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("taldau_grp_per_capita.json")))!.AsArray();
        var path = Path.Combine(TempDirectory(test), "small.json");
        File.WriteAllText(path, new System.Text.Json.Nodes.JsonArray(all[0]!.DeepClone(), all[1]!.DeepClone()).ToJsonString());
        return path;
    }
}

/// <summary>A test on the real official samples; skipped, saying why, when ../shared/sources/formats is absent (CI has it).</summary>
public sealed class SampleFactAttribute : FactAttribute
{
    public SampleFactAttribute()
    {
        if (!Directory.Exists(ImportFiles.SamplesDirectory))
            Skip = $"real samples not found at {ImportFiles.SamplesDirectory} (shared/sources/formats next to the repository)";
    }
}

/// <summary>Theory variant of <see cref="SampleFactAttribute"/>.</summary>
public sealed class SampleTheoryAttribute : TheoryAttribute
{
    public SampleTheoryAttribute()
    {
        if (!Directory.Exists(ImportFiles.SamplesDirectory))
            Skip = $"real samples not found at {ImportFiles.SamplesDirectory} (shared/sources/formats next to the repository)";
    }
}
