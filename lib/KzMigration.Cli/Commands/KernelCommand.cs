using System.CommandLine;
using KzMigration.Kernel;

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
        var data = new Option<DirectoryInfo?>("--data") { Description = $"Data folder of the kernel's sessions (default: {CommonOptions.DataVariable}, else the repository's data/ found from the notebook's folder)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = $"Output folder for Publish.* in the kernel's sessions (default: {CommonOptions.OutVariable}, else out/ in the repository)." };
        var command = new Command("kernel", "Run as a Jupyter kernel (started by Jupyter front-ends; see 'kzmig jupyter install').") { file, data, output };
        command.SetAction(async (parse, _) =>
        {
            var log = Console.Error;
            ConnectionFile connection;
            try { connection = ConnectionFile.Load(parse.GetValue(file)!.FullName); }
            catch (ConnectionFileException e)
            {
                log.WriteLine("kzmig kernel: " + e.Message);
                return ExitCodes.InvalidInput;
            }
            // The session's folders, as the spec's options (or the front-end's environment) give them, become its run
            // context before the first cell; none given: the defaults, found from the notebook's folder.
            var dataDir = parse.GetValue(data)?.FullName ?? CommonOptions.FolderFromEnvironment(CommonOptions.DataVariable);
            var outDir = parse.GetValue(output)?.FullName ?? CommonOptions.FolderFromEnvironment(CommonOptions.OutVariable);
            if (dataDir is not null || outDir is not null)
            {
                try { Workbench.UseFolders(dataDir, outDir); }
                catch (DirectoryNotFoundException e)
                {
                    log.WriteLine("kzmig kernel: " + e.Message);
                    return ExitCodes.InvalidInput;
                }
            }
            using var kernel = new JupyterKernel(connection, log);
            try
            {
                await kernel.RunAsync().ConfigureAwait(false);
            }
            catch (NetMQ.NetMQException e)
            {
                log.WriteLine($"kzmig kernel: cannot bind the channels of {parse.GetValue(file)!.FullName}: {e.Message}");
                return ExitCodes.InvalidInput;
            }
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
