using System.CommandLine;
using KzMigration.Cli.Terminal;
using KzMigration.Notebooks;
using KzMigration.Publishing;

namespace KzMigration.Cli.Commands;

/// <summary><c>kzmig run NOTEBOOK [--param name=value]...</c>: one notebook, optionally with its parameters changed (what-if runs).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var notebook = new Argument<FileInfo>("notebook") { Description = "The .ipynb or .dib notebook to execute." };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "Override a parameter declared in the notebook's 'parameters' cell: name=value (repeatable). Numbers use '.' as the decimal mark.",
            AllowMultipleArgumentsPerToken = false,
        };
        var data = CommonOptions.Data();
        var output = CommonOptions.Out();
        var timeout = CommonOptions.Timeout();
        var command = new Command("run", "Execute one notebook and write the executed copy to out/notebooks/.")
        {
            notebook, parameters, data, output, timeout,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(notebook)!, parse.GetValue(parameters) ?? [], parse.GetValue(data), parse.GetValue(output), parse.GetValue(timeout), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo notebook, string[] parameters, DirectoryInfo? data, DirectoryInfo? output, double timeoutSeconds, CancellationToken ct)
    {
        var console = new RunConsole();
        try
        {
            var (_, outDir) = CommonOptions.Apply(data, output);
            var options = new NotebookRunOptions
            {
                OutputDirectory = Path.Combine(outDir, "notebooks"),
                Parameters = NotebookParameters.ParseAssignments(parameters),
                CellTimeout = TimeSpan.FromSeconds(timeoutSeconds),
                Progress = console.Progress,
            };
            NotebookRunResult result;
            await using (var supervisor = new NotebookSupervisor(NotebookWorkerCommand.Launch()))
                result = await supervisor.RunAsync(notebook.FullName, options, ct).ConfigureAwait(false);
            console.NotebookFinished(result);
            console.Summary([result], outDir);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        }
        catch (Exception e) when (e is NotebookFormatException or ArgumentException or DirectoryNotFoundException or InvalidOutputFolderException)
        {
            console.Error(e.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
