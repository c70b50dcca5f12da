using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KzMigration.Publishing;
using KzMigration.Tests.Notebooks;

namespace KzMigration.Tests.Publishing;

/// <summary>
/// out/ as a Frictionless Data Package (v1, https://specs.frictionlessdata.io/data-package/): the descriptor lists
/// every output with its format, each table with a schema, and a reader that knows only the descriptor reads every
/// table as it is.
/// </summary>
[Collection(ReproducedOutputsCollection.Name)]
public class DataPackageTests(ReproducedOutput reproduced)
{
    private static readonly string[] FieldTypes = ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"];

    private JsonObject Package => JsonNode.Parse(File.ReadAllText(reproduced.PathOf(DataPackage.FileName)))!.AsObject();

    private IEnumerable<JsonObject> Resources => Package["resources"]!.AsArray().Select(r => r!.AsObject());

    private IEnumerable<JsonObject> Tables => Resources.Where(r => (string?)r["profile"] == "tabular-data-resource");

    [Fact]
    public void The_descriptor_is_a_data_package_whose_resources_have_name_path_format_and_media_type()
    {
        Assert.Equal("data-package", (string?)Package["profile"]);
        Assert.Matches("^[a-z0-9._/-]+$", (string?)Package["name"]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in Resources)
        {
            var name = (string?)resource["name"];
            Assert.True(name is not null && Regex.IsMatch(name, "^[a-z0-9._/-]+$"), $"resource name '{name}'");
            Assert.True(names.Add(name!), $"resource name '{name}' twice");
            foreach (var key in new[] { "path", "format", "mediatype", "profile" })
                Assert.False(string.IsNullOrEmpty((string?)resource[key]), $"{name}: no {key}");
            Assert.Contains((string?)resource["profile"], new[] { "data-resource", "tabular-data-resource" });
        }
        foreach (var table in Tables)
        {
            var fields = table["schema"]!["fields"]!.AsArray();
            Assert.NotEmpty(fields);
            Assert.All(fields, f => Assert.Contains((string?)f!["type"], FieldTypes));
            Assert.Equal("csv", (string?)table["format"]);
            Assert.Equal("text/csv", (string?)table["mediatype"]);
        }
    }

    [Fact]
    public void Every_resource_path_exists_and_every_output_is_a_resource()
    {
        var paths = Resources.Select(r => (string)r["path"]!).ToList();
        foreach (var path in paths)
        {
            Assert.False(Path.IsPathRooted(path) || path.Split('/').Contains(".."), path);
            Assert.True(File.Exists(reproduced.PathOf(path.Split('/'))), $"{path} does not exist");
        }
        var files = Directory.EnumerateFiles(reproduced.OutDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(reproduced.OutDir, f).Replace('\\', '/'))
            // The run's own lock file stays (an OS lock on it is what one-run-per-folder rests on; README) and is no output.
            .Where(f => f is not (OutputManifest.FileName or DataPackage.FileName or RunOutputs.LockFileName));
        Assert.Equal(files.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_table_and_figure_says_what_it_is_and_where_it_came_from()
    {
        Assert.Contains(Tables, t => (string?)t["path"] == "claims.csv");
        Assert.Equal(Directory.EnumerateFiles(reproduced.PathOf("tables"), "*.csv").Count() + 1, Tables.Count());
        foreach (var table in Tables)
        {
            Assert.False(string.IsNullOrEmpty((string?)table["title"]), $"{table["path"]}: no title");
            Assert.False(string.IsNullOrEmpty((string?)table["notebook"]), $"{table["path"]}: no notebook");
            Assert.Equal("utf-8", (string?)table["encoding"]);
        }
        foreach (var figure in Resources.Where(r => ((string)r["path"]!).StartsWith("figures/fig", StringComparison.Ordinal)))
        {
            Assert.False(string.IsNullOrEmpty((string?)figure["figure"]), $"{figure["path"]}: no figure id");
            Assert.False(string.IsNullOrEmpty((string?)figure["title"]), $"{figure["path"]}: no caption");
        }
        var formats = Resources.Where(r => (string?)r["figure"] == "fig1-interregional-balance-2022").Select(r => (string)r["format"]!).Order().ToList();
        var images = File.Exists(reproduced.PathOf("figures", "fig1-interregional-balance-2022.png"));
        Assert.Equal(images ? ["html", "json", "png"] : ["html", "json"], formats); // SVG only with --images png,svg
        var flows = Tables.Single(t => (string?)t["path"] == "tables/tab1-interregional-flows.csv");
        Assert.Contains(flows["schema"]!["fields"]!.AsArray(), f => (string?)f!["name"] == "arrivals" && (string?)f["unit"] == "persons" && (string?)f["type"] == "number");
        Assert.NotEmpty(flows["sources"]!.AsArray());
        Assert.Equal("en", (string?)flows["parameters"]!["language"]);
    }

    [Fact]
    public void Every_csv_starts_with_its_header_equal_to_the_schema_and_no_byte_order_mark()
    {
        foreach (var table in Tables)
        {
            var bytes = File.ReadAllBytes(reproduced.PathOf(((string)table["path"]!).Split('/')));
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, $"{table["path"]} has a BOM");
            var rows = ReadCsv(Encoding.UTF8.GetString(bytes));
            Assert.Equal(table["schema"]!["fields"]!.AsArray().Select(f => (string)f!["name"]!), rows[0]);
            Assert.DoesNotContain(rows, r => r.Count > 0 && r[0].StartsWith('#'));
        }
    }

    /// <summary>Reads every table with a plain CSV reader and nothing but the descriptor: empty is missing, the rest parses as its field's type.</summary>
    [Fact]
    public void Every_table_reads_with_only_the_descriptor()
    {
        var cells = 0;
        foreach (var table in Tables)
        {
            var path = (string)table["path"]!;
            var fields = table["schema"]!["fields"]!.AsArray().Select(f => (Name: (string)f!["name"]!, Type: (string)f["type"]!)).ToList();
            var missing = table["schema"]!["missingValues"]?.AsArray().Select(v => (string)v!).ToList() ?? [""];
            Assert.Equal(",", (string?)table["dialect"]!["delimiter"]);
            var rows = ReadCsv(File.ReadAllText(reproduced.PathOf(path.Split('/')), Encoding.UTF8));
            foreach (var (row, line) in rows.Skip(1).Select((r, i) => (r, i + 2)))
            {
                Assert.True(row.Count == fields.Count, $"{path}:{line}: {row.Count} cells, schema has {fields.Count}");
                for (var i = 0; i < row.Count; i++)
                {
                    if (missing.Contains(row[i])) continue;
                    cells++;
                    var ok = fields[i].Type switch
                    {
                        "number" => double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
                        "integer" => long.TryParse(row[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                        "boolean" => row[i] is "true" or "True" or "TRUE" or "false" or "False" or "FALSE",
                        _ => true,
                    };
                    Assert.True(ok, $"{path}:{line}: {fields[i].Name} = '{row[i]}' is not {fields[i].Type}");
                }
            }
        }
        Assert.True(cells > 1000, $"only {cells} values read");
    }

    [Fact]
    public void The_claims_ledger_resource_states_the_summary_reproduce_prints_and_matches_its_rows()
    {
        var claims = Tables.Single(t => (string?)t["path"] == "claims.csv");
        var summary = (string)claims["summary"]!;
        Assert.Equal("08-claims-ledger", (string?)claims["notebook"]);
        var rows = ReadCsv(File.ReadAllText(reproduced.PathOf("claims.csv"), Encoding.UTF8));
        var verdict = rows[0].IndexOf("verdict");
        int Count(string v) => rows.Skip(1).Count(r => r[verdict] == v);
        Assert.Equal($"claims: {Count("reproduced")} reproduced, {Count("contradicted")} contradicted, {Count("inconclusive")} inconclusive, {Count("not testable")} not testable", summary);
        Assert.All(rows.Skip(1), r => Assert.Contains(r[verdict], new[] { "reproduced", "contradicted", "inconclusive", "not testable" }));
        // The ledger's specification, as every table records it: its changes against the paper's (none here: the paper's), and
        // its options (with the band of negligible effects, which is no field of the specification) among its notes.
        Assert.Equal(KzMigration.Specification.StudySpecification.Paper, KzMigration.Specification.SpecificationParser.Parse((string?)claims["specification"]));
        Assert.Contains(claims["notes"]!.AsArray(), n => ((string?)n)!.StartsWith("options: coefficient flow interregional", StringComparison.Ordinal));
    }

    /// <summary>The same checks by Python's standard library alone (csv, json), as an analyst without the workbench reads out/.</summary>
    [Fact]
    public async Task Python_reads_every_table_from_the_descriptor_alone()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(TestPaths.RepositoryRoot, "tests", "KzMigration.Tests", "Publishing", "read_datapackage.py");
        using var process = Process.Start(new ProcessStartInfo(python, [script, reproduced.OutDir])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);
        Assert.True(process.ExitCode == 0, "read_datapackage.py: " + await output + await error);
    }

    /// <summary>RFC 4180: fields separated by commas, quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    internal static List<List<string>> ReadCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
