using System.CommandLine;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Cli.Commands;

/// <summary>Options shared by several commands, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>
    /// Names the data folder of <c>kzmig</c> commands run without <c>--data</c> (and of the Jupyter kernel). The library
    /// reads no environment variable: the command line turns this one into a run's options or a context.
    /// </summary>
    public const string DataVariable = "KZMIG_DATA";

    /// <summary>Names the output folder of the Jupyter kernel's sessions when its spec gives no <c>--out</c>.</summary>
    public const string OutVariable = "KZMIG_OUT";

    /// <summary>The folder an environment variable names (full path), or null when it is unset or empty.</summary>
    public static string? FolderFromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } dir ? Path.GetFullPath(dir) : null;

    /// <summary>The data folder of a command given no <c>--data</c>: <c>KZMIG_DATA</c>, else the repository's <c>data/</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither is there.</exception>
    public static string DefaultDataDirectory() => FolderFromEnvironment(DataVariable) ?? Workbench.DefaultDataDirectory;

    public static Option<DirectoryInfo?> Data() => new("--data")
    {
        Description = "Data folder to use instead of the bundled data/ (e.g. one completed with 'kzmig data import').",
    };

    public static Option<DirectoryInfo?> Out() => new("--out")
    {
        Description = "Output folder (default: out/ in the repository).",
    };

    public static Option<double> Timeout()
    {
        var option = new Option<double>("--timeout")
        {
            Description = "Seconds one notebook cell may run before the run fails (more than 0, at most one day).",
            DefaultValueFactory = _ => NotebookTimeoutDefault,
        };
        option.Validators.Add(result =>
        {
            double seconds;
            try { seconds = result.GetValueOrDefault<double>(); }
            catch (InvalidOperationException) { return; } // not a number: the parser reports it
            if (!(seconds > 0 && seconds <= NotebookTimeoutMaximum))
                result.AddError($"--timeout {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}: expected seconds, more than 0 and at most {NotebookTimeoutMaximum}");
        });
        return option;
    }

    /// <summary><c>--wait SECONDS</c> of <c>run</c> and <c>reproduce</c>: how long to wait for another run writing to the same output folder.</summary>
    public static Option<double> Wait()
    {
        var option = new Option<double>("--wait")
        {
            Description = "Seconds to wait while another run writes to the same output folder (0: fail at once).",
            DefaultValueFactory = _ => KzMigration.Storage.FolderLock.DefaultWait.TotalSeconds,
            HelpName = "SECONDS",
        };
        option.Validators.Add(result =>
        {
            double seconds;
            try { seconds = result.GetValueOrDefault<double>(); }
            catch (InvalidOperationException) { return; } // not a number: the parser reports it
            if (!(seconds >= 0 && seconds <= NotebookTimeoutMaximum))
                result.AddError($"--wait {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}: expected seconds, 0 or more and at most {NotebookTimeoutMaximum}");
        });
        return option;
    }

    /// <summary>
    /// <c>--pause-in-commit SECONDS</c> (hidden), a test hook: each step of the run's commit (and of a recovery) is printed
    /// on stdout as <c>commit: …</c> and followed by a pause, so a test can interrupt a commit at a known step without
    /// relying on timing (tests/KzMigration.Tests/Hardening/RunKillTests.cs). Off (0) by default.
    /// </summary>
    public static Option<double> CommitPause() => new("--pause-in-commit")
    {
        Description = "Test hook: print each step of the commit on stdout and pause this many seconds after it.",
        Hidden = true,
        HelpName = "SECONDS",
    };

    /// <summary>The observer of a commit's steps for <see cref="CommitPause"/>, or null when the hook is off.</summary>
    public static Action<string>? CommitObserver(double pauseSeconds) => pauseSeconds > 0
        ? step =>
        {
            Console.Out.WriteLine("commit: " + step);
            Console.Out.Flush();
            Thread.Sleep(TimeSpan.FromSeconds(Math.Min(pauseSeconds, 60)));
        }
        : null;

    /// <summary>
    /// <c>--images FORMATS</c> of <c>run</c> and <c>reproduce</c>: the static images written beside each figure — <c>png</c>
    /// (the default: the report and most readers need no more), <c>svg</c>, <c>png,svg</c> or <c>none</c>.
    /// </summary>
    public static Option<ImageFormats> Images()
    {
        var option = new Option<ImageFormats>("--images")
        {
            Description = "Static images of each figure: png (default), svg, png,svg or none.",
            DefaultValueFactory = _ => ImageFormats.Png,
            HelpName = "FORMATS",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
                try { return ImageFormatsText.Parse(text); }
                catch (FormatException e) { result.AddError($"--images {text}: {e.Message}"); return ImageFormats.Png; }
            },
        };
        return option;
    }

    public const double NotebookTimeoutDefault = 120;

    /// <summary>One day: longer is a mistake, and beyond ~24 days a timer cannot express it.</summary>
    public const double NotebookTimeoutMaximum = 86_400;

    /// <summary>
    /// The data and output folders of a run (<c>--data</c>, <c>--out</c>, else the defaults), after checking the
    /// output folder can take a run's outputs (<see cref="OutputFolder.Prepare"/>): nothing runs before that.
    /// The notebooks get them in their <see cref="RunOptions"/>, not through the environment.
    /// <paramref name="inputs"/> are folders the run reads, which it must not write into.
    /// </summary>
    /// <returns>The data folder (null when there is none: notebooks that read data then fail, saying so) and the output folder.</returns>
    /// <exception cref="DirectoryNotFoundException">--data names no folder.</exception>
    /// <exception cref="InvalidOutputFolderException">--out cannot be used.</exception>
    public static (string? Data, string Out) Apply(DirectoryInfo? data, DirectoryInfo? output, params string?[] inputs)
    {
        if (data is not null && !data.Exists) throw new DirectoryNotFoundException($"--data {data.FullName}: no such folder");
        string? dataDir = data?.FullName;
        if (dataDir is null)
        {
            try { dataDir = DefaultDataDirectory(); }
            catch (DirectoryNotFoundException) { dataDir = null; }
        }
        var outDir = OutputFolder.Prepare(output?.FullName ?? Path.Combine(Workbench.RepositoryRoot ?? Directory.GetCurrentDirectory(), "out"),
            [dataDir, Workbench.RepositoryRoot, .. inputs]);
        return (dataDir, outDir);
    }
}
