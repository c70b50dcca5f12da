using System.Reflection;
using System.Xml.Linq;
using KzMigration.Publishing;
using KzMigration.Runs;

namespace KzMigration.Tests.Architecture;

/// <summary>
/// The science core (lib/KzMigration) stands on its own: a browser-side or kernel-side front-end can
/// reference just the science, without the chart, spreadsheet, report or notebook libraries.
/// </summary>
public class ScienceCoreTests
{
    private static readonly string[] Presentational =
        ["Plotly.NET", "DocumentFormat.OpenXml", "Markdig", "Microsoft.DotNet.Interactive", "FSharp.Core", "Giraffe.ViewEngine"];

    [Fact]
    public void The_core_project_file_references_nothing_presentational()
    {
        var project = XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, "lib", "KzMigration", "KzMigration.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .ToList();
        Assert.DoesNotContain(references, r => Presentational.Any(p => r.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(references, r => r.Contains("KzMigration.", StringComparison.Ordinal)); // no other workbench project
    }

    [Fact]
    public void The_core_assembly_loads_nothing_presentational()
    {
        var referenced = typeof(Workbench).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(referenced, r => Presentational.Any(p => r.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(referenced, r => r.StartsWith("KzMigration.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_core_wires_no_layer_at_load_time()
    {
        // A module initializer in the core would be a hidden up-call (a layer lending itself to one below it, as the
        // specification's formatter once lent ScoringSpec.ToString its text form): layers call down, visibly.
        var initializers = typeof(Workbench).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(System.Runtime.CompilerServices.ModuleInitializerAttribute), inherit: false))
            .Select(m => m.DeclaringType!.FullName + "." + m.Name);
        Assert.Empty(initializers);
    }

    [Fact]
    public void Charts_and_publishing_are_separate_libraries_on_top_of_the_core()
    {
        static IReadOnlyList<string> ReferencesOf(Assembly assembly) =>
            [.. assembly.GetReferencedAssemblies().Select(a => a.Name ?? "")];
        var charts = typeof(KzMigration.Charts.MigrationCharts).Assembly;
        var publishing = typeof(KzMigration.Publishing.TableFiles).Assembly;
        Assert.Equal("KzMigration.Charts", charts.GetName().Name);
        Assert.Equal("KzMigration.Publishing", publishing.GetName().Name);
        Assert.Contains("KzMigration", ReferencesOf(charts));
        Assert.Contains("KzMigration", ReferencesOf(publishing));
    }
}
