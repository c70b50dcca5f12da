using System.CommandLine;
using System.Diagnostics;

namespace KzMigration.Cli.Commands;

/// <summary>
/// <c>kzmig explore</c>: builds the seminar explorer if needed (once, cached), serves it on
/// <c>http://127.0.0.1:PORT</c>, prints the address and opens a browser where one exists; <c>--publish DIR</c> writes it as
/// a static folder for any static web host instead.
/// </summary>
internal static class ExploreCommand
{
    public static Command Create()
    {
        var publish = new Option<DirectoryInfo?>("--publish")
        {
            Description = "Write the explorer as a static folder (for GitHub Pages or any static host) into DIR and exit. Only the files an earlier --publish there wrote are replaced; other files are never touched.",
            HelpName = "DIR",
        };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default: a free one).", DefaultValueFactory = _ => 0 };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only print the address." };
        var command = new Command("explore",
            "The seminar explorer in the browser: Figure 3 what-if controls, flows and K, the claims ledger, all computed by the workbench's C# library in WebAssembly; scenarios are links in the --param grammar.")
        {
            publish, port, noBrowser,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                Console.Error.WriteLine($"kzmig explore: --port {portValue}: expected 0 … 65535");
                return ExitCodes.InvalidInput;
            }
            if (ExploreBuild.Repository is not { } repository)
            {
                Console.Error.WriteLine("kzmig explore: the explorer is built from the repository's sources (lib/KzMigration.Explorer); run it inside a KzMigration checkout");
                return ExitCodes.InvalidInput;
            }
            string site;
            try { site = await ExploreBuild.EnsureBuiltAsync(repository, Console.Out, cancellationToken).ConfigureAwait(false); }
            catch (KzMigration.DataFileException e)
            {
                // The site carries the bundled data and the browser trusts them: a package that fails its checks is not built.
                Console.Error.WriteLine("kzmig explore: the bundled data failed their checks, nothing was built: " + e.Message);
                return ExitCodes.InvalidInput;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine("kzmig explore: " + e.Message);
                return ExitCodes.Failed;
            }
            if (parse.GetValue(publish) is { } folder)
            {
                KzMigration.Publishing.PublishResult published;
                try { published = ExploreBuild.CopySite(site, folder.FullName); }
                catch (KzMigration.Publishing.InvalidOutputFolderException e)
                {
                    Console.Error.WriteLine("kzmig explore: " + e.Message);
                    return ExitCodes.InvalidInput;
                }
                Console.WriteLine($"explore: wrote {published.Folder} ({published.Written} files{(published.Removed > 0 ? $"; {published.Removed} file(s) of the previous publish removed" : "")}; "
                    + $"other files untouched, the list in {KzMigration.Publishing.PublishedFolder.ListFileName}; static: open index.html through any web server, e.g. GitHub Pages)");
                return ExitCodes.Success;
            }
            using var server = ExploreServer.Start(site, portValue);
            Console.WriteLine($"explore: serving the explorer on {server.Address} (Ctrl+C to stop)");
            if (!parse.GetValue(noBrowser)) OpenBrowser(server.Address);
            try { await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            return ExitCodes.Success;
        });
        return command;
    }

    // Best effort: a machine without a desktop (CI, SSH) simply has no browser to open; the address is printed anyway.
    private static void OpenBrowser(string address)
    {
        var opener = OperatingSystem.IsWindows() ? ("cmd", $"/c start \"\" \"{address}\"")
            : OperatingSystem.IsMacOS() ? ("open", address) : ("xdg-open", address);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener.Item1, opener.Item2) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException) { }
    }
}
