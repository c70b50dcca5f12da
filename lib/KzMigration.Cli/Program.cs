using KzMigration.Cli;
using KzMigration.Cli.Commands;
using KzMigration.Notebooks;

// A run's notebook worker starts now (bench/README.md, issue 24), so that its process start and the C# compiler's warm-up
// run on the other core while this process parses its arguments, checks its inputs and takes the output folder. It is
// this run's own worker: the run's first supervisor takes it, and one nobody takes ends with this process. When an earlier
// run left a worker warm for this build (KZMIG_KEEP_WARM), that one is taken instead, and nothing is started.
StepLog.Write("kzmig", "main");
if (Cli.StartsNotebooks(args)) NotebookSupervisor.Prestart(NotebookWorkerCommand.Launch(), NotebookWorkerCommand.KeepWarmOrNone());

var exitCode = await Cli.InvokeAsync(args);
StepLog.Write("kzmig", "exit");
return exitCode;
