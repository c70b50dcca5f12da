using System.CommandLine;
using KzMigration.Kernel;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Cli.Commands;

/// <summary>
/// <c>kzmig kernel --connection-file FILE</c>: serve as a Jupyter kernel (started by a front-end
/// through the kernel spec that <c>kzmig jupyter install</c> writes), and
/// <c>kzmig jupyter install|remove</c>: add or remove that kernel spec.
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--connection-file", "-f")
        {
            Description = "The connection file the Jupyter front-end wrote (ports and signing key).",
            Required = true,
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = $"Data folder of the kernel's sessions (default: {CommonOptions.DataVariable}, else the repository's data/ found from the notebook's folder, " +
                          "else the data/ of the checkout this kernel was built from).",
        };
        var output = new Option<DirectoryInfo?>("--out") { Description = $"Output folder for Publish.* in the kernel's sessions (default: {CommonOptions.OutVariable}, else out/ in the repository)." };
        var allowUnsigned = new Option<bool>("--allow-unsigned")
        {
            Description = "Start even when the connection file has no signing key (then anyone who can reach the kernel's ports can run code as you).",
        };
        var grace = new Option<double>("--interrupt-grace")
        {
            Description = "Seconds an interrupted cell may take to stop before the C# session is restarted (its state lost).",
            DefaultValueFactory = _ => JupyterKernel.DefaultInterruptGrace.TotalSeconds,
            HelpName = "SECONDS",
        };
        grace.Validators.Add(result =>
        {
            double seconds;
            try { seconds = result.GetValueOrDefault<double>(); }
            catch (InvalidOperationException) { return; } // not a number: the parser reports it
            if (!(seconds > 0 && seconds <= 3600)) result.AddError("--interrupt-grace: expected seconds, more than 0 and at most 3600");
        });
        var command = new Command("kernel", "Run as a Jupyter kernel (started by Jupyter front-ends; see 'kzmig jupyter install').") { file, data, output, allowUnsigned, grace };
        command.SetAction(async (parse, _) =>
        {
            var log = Console.Error;
            var path = parse.GetValue(file)!.FullName;
            ConnectionFile connection;
            try { connection = ConnectionFile.Load(path); }
            catch (ConnectionFileException e)
            {
                log.WriteLine("kzmig kernel: " + e.Message);
                return ExitCodes.InvalidInput;
            }
            if (!connection.Signed)
            {
                if (!parse.GetValue(allowUnsigned))
                {
                    log.WriteLine($"kzmig kernel: {path}: field 'key': missing or empty, so messages would not be signed and anyone who can reach " +
                                  $"the kernel's ports ({connection.Ip}) could run code as you. Not starting. Let the front-end write a key (Jupyter does by default), " +
                                  "or, knowingly, start the kernel with --allow-unsigned.");
                    return ExitCodes.InvalidInput;
                }
                log.WriteLine($"kzmig kernel: WARNING: {path} has no signing key and --allow-unsigned was given: messages are NOT signed or checked; " +
                              $"anyone who can reach {connection.Ip} on the kernel's ports can run code as you.");
            }

            // The session's folders, as the spec's options (or the front-end's environment) give them, become its run
            // context before the first cell; none given: the defaults, found from the notebook's folder.
            var dataDir = parse.GetValue(data)?.FullName ?? CommonOptions.FolderFromEnvironment(CommonOptions.DataVariable);
            var outDir = parse.GetValue(output)?.FullName ?? CommonOptions.FolderFromEnvironment(CommonOptions.OutVariable);
            if (dataDir is not null && !Directory.Exists(dataDir))
            {
                log.WriteLine($"kzmig kernel: data folder {dataDir}: no such folder");
                return ExitCodes.InvalidInput;
            }
            string? notice = null;
            if (dataDir is null && Workbench.DataDirectoryAbove(Directory.GetCurrentDirectory()) is null
                && Workbench.DataDirectoryAbove(AppContext.BaseDirectory) is { } ofThisBuild)
            {
                // A notebook outside any checkout (copied elsewhere, run by nbconvert there): the data of the checkout whose
                // build the kernel spec names, said in the first output so the user knows which data the cells read.
                dataDir = ofThisBuild;
                notice = $"kzmig: this notebook's folder is not inside a KzMigration checkout, so the session reads the data of the checkout " +
                         $"this kernel was built from ({Workbench.ShownPath(ofThisBuild)}); Publish.* writes to " +
                         $"{(outDir is null ? "out/ in the notebook's folder" : Workbench.ShownPath(outDir))}. Choose other folders with " +
                         "'kzmig jupyter install --data DIR', KZMIG_DATA, or Workbench.UseFolders(data: …) in a first cell.";
            }
            List<string> folders = [];
            if (dataDir is not null) folders.AddRange(["--data", dataDir]);
            if (outDir is not null) folders.AddRange(["--out", outDir]);
            var session = NotebookWorkerCommand.LaunchOf(SessionName, folders);

            using var kernel = new JupyterKernel(connection, session, TimeSpan.FromSeconds(parse.GetValue(grace)), log, notice);
            try
            {
                await kernel.RunAsync().ConfigureAwait(false);
            }
            catch (NetMQ.NetMQException e)
            {
                log.WriteLine($"kzmig kernel: cannot bind the channels of {path}: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The hidden command that runs a kernel's C# session in its own process.</summary>
    public const string SessionName = "kernel-session";

    /// <summary>
    /// <c>kzmig kernel-session</c> (hidden): the C# session of <c>kzmig kernel</c>, in a child process the kernel can end and
    /// replace when a cell will not stop (<see cref="SessionServer"/>'s JSON lines on stdin/stdout).
    /// </summary>
    public static Command CreateSession()
    {
        var parent = new Option<int?>("--parent") { Description = "Process id of the kernel; the session ends when it does." };
        var slug = new Option<string>("--slug") { Description = "Names the session's charts.", DefaultValueFactory = _ => "session" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "The session's data folder." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "The session's output folder." };
        var command = new Command(SessionName, "Internal: the C# session of a Jupyter kernel (JSON lines on stdin/stdout).") { parent, slug, data, output };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(parent) is { } kernel) _ = NotebookWorkerCommand.EndWithAsync(kernel);
            if (parse.GetValue(data)?.FullName is { } dataDir || parse.GetValue(output) is not null)
                Workbench.UseFolders(parse.GetValue(data)?.FullName, parse.GetValue(output)?.FullName);
            var replies = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false));
            // stdout carries the protocol only; anything else written to the console (code running outside a cell) goes to stderr.
            Console.SetOut(Console.Error);
            using var requests = new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false));
            await SessionServer.ServeAsync(requests, replies, parse.GetValue(slug)!, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateJupyter()
    {
        var jupyter = new Command("jupyter", "Make the workbench's kernel known to Jupyter front-ends (JupyterLab, Notebook, VS Code, nbconvert, papermill).");
        jupyter.Subcommands.Add(Install());
        jupyter.Subcommands.Add(Remove());
        return jupyter;
    }

    private static Option<bool> UserOption() => new("--user") { Description = "The user's Jupyter data folder (the default)." };

    private static Option<DirectoryInfo?> PrefixOption() => new("--prefix")
    {
        Description = "An installation prefix instead: the spec goes to PREFIX/share/jupyter/kernels (as 'jupyter kernelspec install --prefix').",
    };

    private static Command Install()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var data = CommonOptions.Data();
        data.Description = "Data folder the kernel's sessions use (default: the repository's data/ found from the notebook's folder).";
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder for Publish.* in the kernel's sessions (default: out/ in the repository)." };
        var command = new Command("install", $"Write the kernel spec '{KernelSpec.Name}' («{KernelSpec.DisplayName}») pointing at this build of kzmig.")
        {
            user, prefix, data, output,
        };
        command.SetAction(parse =>
        {
            if (Target(parse.GetValue(user), parse.GetValue(prefix)) is not { } kernels) return ExitCodes.InvalidInput;
            // The folders go on the kernel's command line, which sets them as the session's run context at start-up.
            List<string> argv = [DotnetHost(), typeof(Cli).Assembly.Location, "kernel", "--connection-file", "{connection_file}"];
            if (parse.GetValue(data) is { } d)
            {
                if (!d.Exists) { Console.Error.WriteLine($"kzmig: --data {d.FullName}: no such folder"); return ExitCodes.InvalidInput; }
                argv.AddRange(["--data", d.FullName]);
            }
            if (parse.GetValue(output) is { } o) argv.AddRange(["--out", o.FullName]);
            var folder = KernelSpec.Install(kernels, argv, new Dictionary<string, string>());
            Console.WriteLine($"installed kernel spec '{KernelSpec.Name}' («{KernelSpec.DisplayName}») in {folder}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var command = new Command("remove", $"Remove the kernel spec '{KernelSpec.Name}'.") { user, prefix };
        command.SetAction(parse =>
        {
            if (Target(parse.GetValue(user), parse.GetValue(prefix)) is not { } kernels) return ExitCodes.InvalidInput;
            Console.WriteLine(KernelSpec.Remove(kernels)
                ? $"removed kernel spec '{KernelSpec.Name}' from {kernels}"
                : $"kernel spec '{KernelSpec.Name}' is not installed in {kernels}; nothing to remove");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string? Target(bool user, DirectoryInfo? prefix)
    {
        if (user && prefix is not null)
        {
            Console.Error.WriteLine("kzmig: give --user or --prefix DIR, not both");
            return null;
        }
        return prefix is null ? KernelSpec.UserKernelsDirectory() : KernelSpec.PrefixKernelsDirectory(prefix.FullName);
    }

    /// <summary>The <c>dotnet</c> host that runs this process (so the spec starts the same runtime), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return path;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        return "dotnet";
    }
}
