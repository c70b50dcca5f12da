using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using KzMigration.Charts;
using KzMigration.Data;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Cli.Commands;

/// <summary>
/// Builds the seminar explorer (lib/KzMigration.Explorer, Blazor WebAssembly) into a static folder, once: the result is
/// cached in <c>lib/KzMigration.Explorer/bin/explorer-site/</c> with a stamp of its inputs (the explorer's sources, the
/// science core's sources, the bundled data and this build recipe), and rebuilt only when one of them changes. The
/// bundled data are verified (rows and recorded hashes) before anything is built, and the copy compiled into the app
/// again when the paper's baseline is prerendered into <c>index.html</c> (<see cref="ExplorePrerender"/>): the page shows
/// the heatmap before WebAssembly has started, and the browser trusts the compiled-in package. The folder gets the
/// workbench's plotly.js bundle (<see cref="PlotlyBundle.Workbench"/>, the one the notebooks use; the explorer fetches it
/// when it first draws a chart) and a <c>.nojekyll</c> (GitHub Pages would otherwise hide <c>_framework/</c>).
/// </summary>
internal static class ExploreBuild
{
    /// <summary>Marker file of a built explorer (its inputs' stamp), carried into every published copy.</summary>
    public const string Marker = KzMigration.Publishing.PublishedFolder.SiteMarker;

    private const string Project = "lib/KzMigration.Explorer/KzMigration.Explorer.csproj";

    // Where `dotnet publish -c Release` leaves the explorer's plain build (IL assemblies), which the prerender runs.
    private const string BuildOutput = "lib/KzMigration.Explorer/bin/Release/net10.0";

    /// <summary>The marker in the explorer's index.html that the prerendered baseline replaces.</summary>
    public const string BaselineMarker = "<!--kz:baseline-->";

    // What else the site is made of: this recipe (prerender, plotly.js, index.html) and the plotly.js bundle's cut.
    private static readonly string[] RecipeFiles =
    [
        "lib/KzMigration.Cli/Commands/ExploreBuild.cs", "lib/KzMigration.Cli/Commands/ExplorePrerender.cs",
        "lib/KzMigration.Charts/PlotlyJs.cs", "lib/KzMigration.Charts/PlotlyModules.cs",
    ];

    /// <summary>The repository the explorer is built from, or null outside a checkout.</summary>
    public static string? Repository => Workbench.RepositoryRoot is { } root && File.Exists(Path.Combine(root, Project)) ? root : null;

    /// <summary>The cached site of a repository.</summary>
    public static string SiteOf(string repository) => Path.Combine(repository, "lib", "KzMigration.Explorer", "bin", "explorer-site");

    /// <summary>A hash of everything the site is built from.</summary>
    public static string InputsStamp(string repository)
    {
        var files = new[] { "lib/KzMigration.Explorer", "lib/KzMigration", "data" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(repository, d), "*", SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(repository, f).Replace('\\', '/').Split('/').Any(p => p is "bin" or "obj" or "user"))
            .Select(f => Path.GetRelativePath(repository, f).Replace('\\', '/'))
            .Append("Directory.Packages.props").Append("Directory.Build.props")
            .Concat(RecipeFiles.Where(f => File.Exists(Path.Combine(repository, f))))
            .Order(StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(repository, file)));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The cached site if it is built from the current inputs, else null.</summary>
    public static string? UpToDate(string repository)
    {
        var site = SiteOf(repository);
        var stamp = Path.Combine(site, Marker);
        return File.Exists(stamp) && File.ReadAllText(stamp).Trim() == InputsStamp(repository) ? site : null;
    }

    /// <summary>
    /// Builds the site unless it is up to date; returns its folder. Throws <see cref="DataFileException"/> when the bundled
    /// data fail their checks (nothing is built) and <see cref="IOException"/> when the build fails; the previous site is
    /// kept either way.
    /// </summary>
    public static async Task<string> EnsureBuiltAsync(string repository, TextWriter log, CancellationToken cancellationToken = default)
    {
        if (UpToDate(repository) is { } site && File.Exists(Path.Combine(site, PlotlyJs.FileNameOf(PlotlyBundle.Workbench)))) return site;
        var stamp = InputsStamp(repository);
        // The browser trusts the package it carries: check it here, before minutes of build, as every load on the desktop does.
        WorkbenchData.LoadBundle(Path.Combine(repository, "data"));
        var staging = Path.Combine(repository, "lib", "KzMigration.Explorer", "bin", "explorer-staging");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        log.WriteLine("explore: building the explorer (Blazor WebAssembly, once; a few minutes) …");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Project, "-c", "Release", "-o", staging, "-nologo", "-v", "quiet" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new IOException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var text = (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false));
            var first = text.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim() ?? "see `dotnet publish " + Project + "`";
            throw new IOException($"building the explorer failed (dotnet publish exit {process.ExitCode}): {first}");
        }
        var wwwroot = Path.Combine(staging, "wwwroot");
        try
        {
            log.WriteLine("explore: prerendering the paper's baseline (the explorer's own code on this machine's .NET; its data verified) …");
            var baseline = await ExplorePrerender.BaselineAsync(Path.Combine(repository, BuildOutput)).ConfigureAwait(false);
            var plotly = await AddPlotlyAsync(wwwroot, cancellationToken).ConfigureAwait(false);
            await WriteIndexAsync(Path.Combine(wwwroot, "index.html"), baseline, plotly, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
        await File.WriteAllTextAsync(Path.Combine(wwwroot, ".nojekyll"), "", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(wwwroot, Marker), stamp + "\n", cancellationToken).ConfigureAwait(false);
        site = SiteOf(repository);
        if (Directory.Exists(site)) Directory.Delete(site, recursive: true);
        Directory.Move(wwwroot, site);
        Directory.Delete(staging, recursive: true);
        log.WriteLine("explore: built " + Workbench.ShownPath(site));
        return site;
    }

    /// <summary>
    /// The published index.html with the prerendered <paramref name="baseline"/> in place of <see cref="BaselineMarker"/>
    /// (wrapped in <c>div.kz-baseline</c>, which the app's first render replaces) and the plotly.js file named where
    /// explorer.js looks for it.
    /// </summary>
    public static string WithBaseline(string index, string baseline, string plotlyFile)
    {
        if (!index.Contains(BaselineMarker, StringComparison.Ordinal))
            throw new IOException($"the explorer's index.html has no {BaselineMarker} marker for the prerendered baseline");
        const string plotlyMeta = "<meta name=\"kz-plotly\" content=\"\" />";
        if (!index.Contains(plotlyMeta, StringComparison.Ordinal))
            throw new IOException($"the explorer's index.html has no {plotlyMeta} for the plotly.js file");
        return index.Replace(BaselineMarker, "<div class=\"kz-baseline\">" + baseline + "</div>", StringComparison.Ordinal)
            .Replace(plotlyMeta, $"<meta name=\"kz-plotly\" content=\"{plotlyFile}\" />", StringComparison.Ordinal);
    }

    private static async Task WriteIndexAsync(string path, string baseline, string plotlyFile, CancellationToken cancellationToken)
    {
        var index = WithBaseline(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), baseline, plotlyFile);
        await WriteWithTwinsAsync(path, Encoding.UTF8.GetBytes(index), cancellationToken).ConfigureAwait(false);
    }

    // The workbench's plotly.js bundle beside index.html (cut from the copy Plotly.NET embeds: core, scatter, bar, heatmap,
    // sankey — the explorer draws filled-scatter maps and bars), with the pre-compressed twins the framework files have.
    private static async Task<string> AddPlotlyAsync(string site, CancellationToken cancellationToken)
    {
        var name = PlotlyJs.FileNameOf(PlotlyBundle.Workbench);
        await WriteWithTwinsAsync(Path.Combine(site, name), Encoding.UTF8.GetBytes(PlotlyJs.SourceOf(PlotlyBundle.Workbench)), cancellationToken).ConfigureAwait(false);
        return name;
    }

    // A file and its .gz/.br twins (a host that serves them, as `kzmig explore` does, sends those when the browser accepts them).
    private static async Task WriteWithTwinsAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        await using (var gz = new System.IO.Compression.GZipStream(File.Create(path + ".gz"), System.IO.Compression.CompressionLevel.SmallestSize))
            await gz.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await using (var br = new System.IO.Compression.BrotliStream(File.Create(path + ".br"), System.IO.Compression.CompressionLevel.SmallestSize))
            await br.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes the site into <paramref name="destination"/> (<see cref="KzMigration.Publishing.PublishedFolder"/>): the files the
    /// previous publish there wrote are replaced, every other file (a course's syllabus, its lectures) is left alone, and
    /// a folder holding files of its own where the site's go is refused (exit 2) with nothing written.
    /// </summary>
    public static KzMigration.Publishing.PublishResult CopySite(string site, string destination) =>
        KzMigration.Publishing.PublishedFolder.Publish(site, destination, [Workbench.RepositoryRoot, Path.Combine(Workbench.RepositoryRoot ?? site, "data")]);

    /// <summary>
    /// For <c>reproduce</c>: refreshes <c>OUT/explorer</c> from the cached site when it is built and up to date; never
    /// builds (the explorer costs nothing in reproduce's time). Returns a line to print, or null when there is no explorer.
    /// </summary>
    public static string? RefreshOutput(string outDirectory)
    {
        if (Repository is not { } repository || !Directory.Exists(SiteOf(repository))) return null;
        // Only the repository's own out/: a folder given with --out holds what its manifest lists and nothing else of ours.
        if (!string.Equals(Path.GetFullPath(outDirectory).TrimEnd(Path.DirectorySeparatorChar), Path.Combine(repository, "out"), StringComparison.Ordinal)) return null;
        if (UpToDate(repository) is not { } site) return "explore: out/explorer not refreshed: the explorer's build is older than its sources (run `kzmig explore` to rebuild)";
        try { CopySite(site, Path.Combine(outDirectory, "explorer")); }
        catch (KzMigration.Publishing.InvalidOutputFolderException e) { return "explore: out/explorer not refreshed: " + e.Message; }
        return "explore: refreshed " + Workbench.ShownPath(Path.Combine(outDirectory, "explorer"));
    }
}
