using System.CommandLine;

namespace KzMigration.Tests.Data;

/// <summary>
/// The data commands follow the README's exit codes (issue 10, item 9): 0 ok, 2 a bad command line or input file
/// (named, with the reason, never a stack trace). 1 is reserved for a failed notebook, which data commands never run.
/// </summary>
public class DataExitCodeTests
{
    private static (int Exit, string Out, string Err) Kzmig(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = KzMigration.Cli.Cli.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static void AssertExit2Naming(string what, (int Exit, string Out, string Err) run)
    {
        Assert.True(run.Exit == 2, $"exit {run.Exit}: {run.Err}");
        Assert.Contains(what, run.Err);
        Assert.DoesNotContain("   at ", run.Err); // no stack trace
    }

    private static string Input => Path.Combine(TestPaths.RepositoryRoot, "tests", "KzMigration.Tests", "Fixtures", "import", "statgov_migration_balance.csv");

    private static string Missing => Path.Combine(TestPaths.TempFolder("missing"), "nonexistent");

    [Fact]
    public void Check_of_a_nonexistent_data_folder_exits_2_naming_it()
    {
        var missing = Missing;
        AssertExit2Naming($"{missing}: data folder not found", Kzmig("data", "check", "--data", missing));
    }

    [Fact]
    public void Sources_of_a_nonexistent_data_folder_exits_2_naming_it()
    {
        var missing = Missing;
        AssertExit2Naming($"{missing}: data folder not found", Kzmig("data", "sources", "--data", missing));
    }

    [Fact]
    public void Build_from_a_nonexistent_folder_exits_2()
    {
        var missing = Missing;
        AssertExit2Naming("nonexistent", Kzmig("data", "build", "--from", missing, "--into", TestPaths.TempFolder("build")));
    }

    [Fact]
    public void Import_of_an_unreadable_spreadsheet_exits_2_naming_the_file()
    {
        // ZIP magic bytes, then nothing a spreadsheet reader can use.
        var file = Path.Combine(TestPaths.TempFolder("unreadable"), "broken.xlsx");
        File.WriteAllBytes(file, [0x50, 0x4B, 0x03, 0x04, .. new byte[200]]);
        AssertExit2Naming("broken.xlsx: workbook: cannot read the spreadsheet", Kzmig("data", "import", file));
    }

    [Fact]
    public void Import_of_a_missing_file_exits_2_naming_it()
    {
        var missing = Missing + ".json";
        AssertExit2Naming(missing, Kzmig("data", "import", missing));
    }

    [Fact]
    public void Import_into_a_nonexistent_data_folder_exits_2_naming_it()
    {
        var missing = Missing;
        AssertExit2Naming("data folder not found",
            Kzmig("data", "import", Input, "--flow", "all", "--measure", "balance", "--data", missing));
    }

    [Fact]
    public void A_negative_wait_is_a_bad_command_line()
    {
        var run = Kzmig("data", "import", Input, "--flow", "all", "--measure", "balance", "--data", TestPaths.Data, "--wait", "-1");
        AssertExit2Naming("--wait must be 0 or more seconds", run);
    }
}
