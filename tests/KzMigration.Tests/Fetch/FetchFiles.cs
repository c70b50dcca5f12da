using System.CommandLine;
using System.Runtime.CompilerServices;
using KzMigration.Tests.Import;

namespace KzMigration.Tests.Fetch;

/// <summary>The fetch tests' fixtures (Fixtures/fetch, see its README), data folders and the command line run in process.</summary>
internal static class FetchFiles
{
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "KzMigration.Tests", "Fixtures", "fetch");

    public static string Fixture(string name) => Path.Combine(Folder, name);

    public const string MigrationHead = "statgov-6567-migration-balance.head111.tsv";
    public const string TreeData = "taldau-GetIndexTreeData-701189.json";
    public const string Population = "statgov-6584-population-built.tsv";
    public const string AlteredRegions2023 = "statgov-6567-regions-2023-altered.tsv";

    public static string Interregional2019(string measure) => $"taldau-interregional-{measure}-2019-relabelled.json";

    /// <summary>A copy of the bundled data/ without a user overlay, in a fresh folder.</summary>
    public static string CopyOfBundle([CallerMemberName] string test = "") => ImportFiles.CopyOfBundle(test);

    /// <summary><c>kzmig ARGS</c> in this process: exit code, standard output, standard error.</summary>
    public static (int Exit, string Out, string Err) Kzmig(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = KzMigration.Cli.Cli.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary><c>kzmig data fetch ARGS --portal ROOT --data DATA</c>, failing fast (no retries) unless the arguments say otherwise.</summary>
    public static (int Exit, string Out, string Err) RunFetch(ReplayServer server, string data, params string[] args) =>
        Kzmig(["data", "fetch", .. args, "--portal", server.Root.ToString(), "--data", data, .. args.Contains("--retries") ? Array.Empty<string>() : ["--retries", "0"]]);

    /// <summary>Every file under a data folder (relative path → sha256, folders marked), lock file included.</summary>
    public static SortedDictionary<string, string> State(string data)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Hardening.KzmigProcess.Listing(data))
        {
            var full = Path.Combine(data, entry);
            state[entry] = System.IO.Directory.Exists(full) ? "folder" : KzMigration.Data.PackageIntegrity.Sha256(File.ReadAllBytes(full));
        }
        return state;
    }
}
