using System.CommandLine;
using System.Globalization;
using KzMigration.Cli.Commands;

namespace KzMigration.Cli;

/// <summary>Exit codes of <c>kzmig</c>.</summary>
public static class ExitCodes
{
    /// <summary>Everything ran.</summary>
    public const int Success = 0;

    /// <summary>A notebook failed, timed out or ended its process, or data validation found errors.</summary>
    public const int Failed = 1;

    /// <summary>
    /// The command line, an input file or the environment is wrong (unknown option, unreadable notebook,
    /// unknown parameter, an unusable --out, a file or folder that cannot be read or written).
    /// </summary>
    public const int InvalidInput = 2;
}

/// <summary>The <c>kzmig</c> root command.</summary>
public static class Cli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("kzmig: reproduce Bokayev & Akhmetova's study of internal migration in Kazakhstan from official data.");
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(SpecCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(NotebookWorkerCommand.Create());
        root.Subcommands.Add(KernelCommand.Create());
        root.Subcommands.Add(KernelCommand.CreateSession());
        root.Subcommands.Add(KernelCommand.CreateJupyter());
        root.Subcommands.Add(ExploreCommand.Create());
        return root;
    }

    /// <summary>Whether <paramref name="args"/> run notebooks (<c>run</c>, <c>reproduce</c>; not their help).</summary>
    internal static bool StartsNotebooks(string[] args) =>
        args is ["run" or "reproduce", ..] && !args.Any(a => a is "--help" or "-h" or "-?");

    private static bool stderrEscaped;

    public static async Task<int> InvokeAsync(string[] args)
    {
        // Results never depend on the machine's locale (users run ru-KZ and kk-KZ with decimal commas).
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        // Messages can quote input files; their control characters are shown, never sent to the terminal.
        if (!stderrEscaped)
        {
            Console.SetError(Terminal.PrintableWriter.Over(Console.Error));
            stderrEscaped = true;
        }

        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine("kzmig: " + error.Message);
            Console.Error.WriteLine("Try 'kzmig --help'.");
            return ExitCodes.InvalidInput;
        }
        // The CLI's edge: whatever a command did not handle becomes one line and a documented exit code, never a stack trace.
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Publishing.InvalidOutputFolderException)
        {
            Console.Error.WriteLine("kzmig: error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("kzmig: cancelled");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"kzmig: internal error ({e.GetType().Name}): {e.Message.Split('\n')[0].Trim()}");
            return ExitCodes.Failed;
        }
    }
}
