using System.Text.Json;
using System.Text.Json.Nodes;
using KzMigration.Runs;

namespace KzMigration.Publishing;

/// <summary>
/// <c>out/datapackage.json</c>: the output folder as a Frictionless Data Package (v1, profile <c>data-package</c>),
/// written from <see cref="OutputManifest"/> whenever a run commits, so it lists exactly the files the manifest owns.
/// Each CSV table is a <c>tabular-data-resource</c> whose schema names the header's columns with their type, unit
/// and description, and says that an empty cell is missing; every other file (a table's XLSX copy, each file of a
/// figure, the executed notebooks, the report, the shared plotly.js) is a resource with its format and media type.
/// Every resource says which notebook wrote it and with which parameters; tables and figures add their title or
/// caption, sources, notes and the specification that produced them. Spec: https://specs.frictionlessdata.io/data-package/.
/// </summary>
public static class DataPackage
{
    public const string FileName = "datapackage.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What a file is, by its extension: Frictionless <c>format</c> and <c>mediatype</c>.</summary>
    public static (string Format, string MediaType) FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ("csv", "text/csv"),
        ".xlsx" => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ".html" => ("html", "text/html"),
        ".json" => ("json", "application/vnd.plotly.v1+json"),
        ".png" => ("png", "image/png"),
        ".svg" => ("svg", "image/svg+xml"),
        ".ipynb" => ("ipynb", "application/x-ipynb+json"),
        ".js" => ("js", "text/javascript"),
        var other => (other.TrimStart('.'), "application/octet-stream"),
    };

    /// <summary>The descriptor of <paramref name="manifest"/>'s files (deterministic: same manifest → same text).</summary>
    public static string Describe(OutputManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var resources = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var owners = manifest.Notebooks
            .SelectMany(n => n.Files.Select(f => (File: f, Notebook: (NotebookOutputs?)n)))
            .Concat(manifest.Study.Select(f => (File: f, Notebook: (NotebookOutputs?)null)))
            .GroupBy(x => x.File, StringComparer.Ordinal)
            .Select(g => g.LastOrDefault(x => x.Notebook?.Published?.Any(p => p.Path == x.File) == true, g.Last()))
            .OrderBy(x => Order(x.File)).ThenBy(x => x.File, StringComparer.Ordinal);
        foreach (var (file, notebook) in owners)
        {
            var described = notebook?.Published?.FirstOrDefault(p => p.Path == file);
            resources.Add(Resource(file, notebook, described, names));
        }
        var package = new JsonObject
        {
            ["profile"] = "data-package",
            ["name"] = "kzmigration-outputs",
            ["title"] = "KzMigration: outputs of a re-run of Bokayev & Akhmetova, Economic factors of internal migration in the Republic of Kazakhstan",
            ["description"] = "Tables (CSV, with an XLSX copy), figures (standalone HTML, plotly JSON, PNG and SVG), the claims ledger, the executed notebooks and the report of one KzMigration run. "
                + "CSV files are UTF-8 without a BOM, comma-separated, with the header on the first line; an empty cell is a missing value (never 0); text that a spreadsheet would run as a formula starts with an apostrophe.",
            ["generator"] = "KzMigration " + Workbench.Version,
            ["resources"] = resources,
        };
        if (manifest.Data is { } data) package["data"] = Workbench.ShownPath(data);
        return package.ToJsonString(Indented) + "\n";
    }

    /// <summary>Writes the descriptor into <paramref name="outDir"/> (beside, then renamed: never half-written).</summary>
    public static void Write(string outDir, OutputManifest manifest)
    {
        var path = Path.Combine(outDir, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Describe(manifest));
        File.Move(temporary, path, overwrite: true);
    }

    // Tables and the ledger first, then figures, notebooks, the report, anything else.
    private static int Order(string file) =>
        file == "claims.csv" ? 0 : file.StartsWith("tables/", StringComparison.Ordinal) ? 1 : file.StartsWith("figures/", StringComparison.Ordinal) ? 2
        : file.StartsWith("notebooks/", StringComparison.Ordinal) ? 3 : 4;

    private static JsonObject Resource(string file, NotebookOutputs? notebook, PublishedOutput? described, HashSet<string> names)
    {
        var (format, mediaType) = FormatOf(file);
        var tabular = described is { Kind: "table", Fields.Count: > 0 } && format == "csv";
        var resource = new JsonObject
        {
            ["profile"] = tabular ? "tabular-data-resource" : "data-resource",
            ["name"] = UniqueName(tabular ? described!.Id : file, names),
            ["path"] = file,
            ["format"] = format,
            ["mediatype"] = mediaType,
        };
        if (format is "csv" or "html" or "json" or "svg" or "ipynb" or "js") resource["encoding"] = "utf-8";
        if (described is not null)
        {
            resource["title"] = described.Title;
            if (described.Kind == "figure") resource["figure"] = described.Id;
            else resource["table"] = described.Id;
            if (described.Kind == "workbook")
                resource["description"] = "The table as an Excel workbook: sheet «table» (header with units in brackets), sheet «about» (title, units, column descriptions, sources, notes).";
            else if (described.Notes.Count > 0)
                resource["description"] = string.Join("\n\n", described.Notes);
            if (described.Notes.Count > 0) resource["notes"] = new JsonArray([.. described.Notes.Select(n => (JsonNode?)n)]);
            if (described.Sources.Count > 0) resource["sources"] = new JsonArray([.. described.Sources.Select(Source)]);
            if (described.Specification.Length > 0) resource["specification"] = described.Specification;
            if (described.Summary is { } summary) resource["summary"] = summary;
        }
        else if (file.StartsWith("notebooks/", StringComparison.Ordinal)) resource["title"] = "Executed notebook " + Path.GetFileNameWithoutExtension(file);
        else if (file == "report/index.html") resource["title"] = "Report: findings, every notebook's narrative, tables and charts, claims ledger, sources";
        else if (file.StartsWith("figures/plotly-", StringComparison.Ordinal)) resource["title"] = "plotly.js, shared by the figure pages (offline)";

        if (notebook is not null)
        {
            resource["notebook"] = notebook.Notebook;
            if (notebook.Parameters.Count > 0)
                resource["parameters"] = new JsonObject(notebook.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }
        if (tabular)
        {
            resource["dialect"] = new JsonObject
            {
                ["delimiter"] = ",", ["lineTerminator"] = "\n", ["quoteChar"] = "\"", ["doubleQuote"] = true, ["header"] = true,
            };
            resource["schema"] = new JsonObject
            {
                ["fields"] = new JsonArray([.. described!.Fields.Select(Field)]),
                ["missingValues"] = new JsonArray(""),
            };
        }
        return resource;
    }

    private static JsonNode Field(PublishedField field)
    {
        var node = new JsonObject { ["name"] = field.Name, ["type"] = field.Type };
        if (field.Type == "number") node["bareNumber"] = true;
        if (field.Unit is { } unit) node["unit"] = unit;
        if (field.Description is { } description) node["description"] = description;
        return node;
    }

    private static JsonNode Source(string source)
    {
        var node = new JsonObject { ["title"] = source };
        if (source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal)) node["path"] = source;
        return node;
    }

    /// <summary>A Frictionless name (lower-case letters, digits, '-', '.', '_'), unique within the package.</summary>
    private static string UniqueName(string basis, HashSet<string> names)
    {
        var name = new string([.. basis.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' ? c : '-')]);
        var candidate = name;
        for (var i = 2; !names.Add(candidate); i++) candidate = name + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }
}
