using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace KzMigration.Notebooks;

/// <summary>What a notebook cell holds, as far as the runner cares.</summary>
public enum CellKind { Code, Markdown }

/// <summary>One cell of a notebook. <see cref="Number"/> is 1-based over all cells, as an editor shows them.</summary>
public sealed record NotebookCell(int Number, CellKind Kind, string Source, bool IsParameters, InteractiveDocumentElement Element)
{
    /// <summary>The first non-empty line of the source, to name the cell in messages.</summary>
    public string Headline =>
        Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) is { } line
            ? (line.Length > 60 ? line[..57] + "..." : line)
            : "(empty)";
}

/// <summary>
/// A notebook read from <c>.ipynb</c> (Jupyter) or <c>.dib</c> (Polyglot) with .NET Interactive's
/// document model. Only C# code cells and Markdown cells are accepted: the workbench runs C# only,
/// so a cell for another kernel is an error rather than silently skipped.
/// </summary>
public sealed class NotebookDocument
{
    /// <summary>The tag (papermill's convention) that marks the cell declaring a notebook's parameters.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag given to the cell the runner inserts with parameter overrides (papermill's convention).</summary>
    public const string InjectedParametersTag = "injected-parameters";

    /// <summary>In a <c>.dib</c> (no cell metadata), a code cell whose first line is this comment declares the parameters.</summary>
    public const string ParametersComment = "// parameters";

    private static readonly string[] CSharpNames = ["csharp", "c#", "cs", "C#"];
    private static readonly string[] MarkdownNames = ["markdown", "md"];

    private static readonly (string Name, string Language, string[] Aliases)[] OtherKernels =
    [
        ("fsharp", "F#", ["f#", "fs"]), ("pwsh", "PowerShell", ["powershell"]), ("javascript", "JavaScript", ["js"]),
        ("html", "HTML", []), ("sql", "SQL", []), ("kql", "KQL", []), ("mermaid", "Mermaid", []),
        ("http", "HTTP", []), ("python", "Python", []), ("value", "Value", []),
    ];

    private NotebookDocument(string path, InteractiveDocument document, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        Document = document;
        Cells = cells;
    }

    /// <summary>The file the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>The notebook's name without extension (used for output files).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The underlying .NET Interactive document (outputs are written into its elements).</summary>
    public InteractiveDocument Document { get; }

    /// <summary>All cells in file order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The parameters cell, if the notebook declares one.</summary>
    public NotebookCell? ParametersCell => Cells.FirstOrDefault(c => c.IsParameters);

    /// <summary>Kernel names the documents library should recognise.</summary>
    internal static KernelInfoCollection KernelInfos()
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "cs"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
        };
        // .NET Interactive's other kernels: registered so that their cells are recognised (and
        // rejected by Load) instead of being read as part of the previous C# cell.
        foreach (var (name, language, aliases) in OtherKernels) kernels.Add(new KernelInfo(name, language, aliases));
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>Reads a <c>.ipynb</c> or <c>.dib</c> file.</summary>
    /// <exception cref="NotebookFormatException">The file is not a readable notebook or has a non-C# code cell.</exception>
    public static NotebookDocument Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new NotebookFormatException(path, "file not found");
        if (System.IO.Path.GetExtension(full).Equals(".ipynb", StringComparison.OrdinalIgnoreCase))
            CheckJupyterFormat(path, full);
        InteractiveDocument document;
        try
        {
            using var stream = File.OpenRead(full);
            document = System.IO.Path.GetExtension(full).ToLowerInvariant() switch
            {
                ".ipynb" => Notebook.Read(stream, KernelInfos()),
                ".dib" => CodeSubmission.Read(stream, KernelInfos()),
                var other => throw new NotebookFormatException(path, $"unsupported extension '{other}' (expected .ipynb or .dib)"),
            };
        }
        catch (NotebookFormatException) { throw; }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            throw new NotebookFormatException(path, "not a readable notebook: " + e.Message);
        }

        var cells = new List<NotebookCell>(document.Elements.Count);
        for (var i = 0; i < document.Elements.Count; i++)
        {
            var element = document.Elements[i];
            var number = i + 1;
            CellKind kind;
            if (MarkdownNames.Contains(element.KernelName, StringComparer.OrdinalIgnoreCase)) kind = CellKind.Markdown;
            else if (CSharpNames.Contains(element.KernelName, StringComparer.OrdinalIgnoreCase))
            {
                kind = CellKind.Code;
                element.KernelName = "csharp"; // one spelling in the executed copy
            }
            else throw new NotebookFormatException(path, $"cell {number} is for kernel '{element.KernelName}'; the workbench runs C# and Markdown cells only");

            var source = element.Contents.Replace("\r\n", "\n");
            var isParameters = kind == CellKind.Code && (HasTag(element, ParametersTag) ||
                source.TrimStart().StartsWith(ParametersComment, StringComparison.OrdinalIgnoreCase));
            cells.Add(new NotebookCell(number, kind, source, isParameters, element));
        }
        if (cells.Count(c => c.IsParameters) > 1)
            throw new NotebookFormatException(path, "more than one cell is tagged 'parameters'");
        // A notebook with nothing to run would report «ok, 0 cells»: almost always the wrong file.
        if (!cells.Any(c => c.Kind == CellKind.Code && c.Source.Trim().Length > 0))
            throw new NotebookFormatException(path, "no C# code cell with code in it: nothing to run (is this the right file?)");
        return new NotebookDocument(full, document, cells);
    }

    /// <summary>
    /// The runner executes nbformat 4 only. The documents library reads other versions (nbformat 3
    /// keeps its cells under <c>worksheets</c>) as a notebook with no cells, so the version is checked
    /// here, before anything runs, with what to do about it.
    /// </summary>
    private static void CheckJupyterFormat(string path, string full)
    {
        System.Text.Json.JsonDocument json;
        try
        {
            using var stream = File.OpenRead(full);
            json = System.Text.Json.JsonDocument.Parse(stream, new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (System.Text.Json.JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new NotebookFormatException(path, $"not valid JSON{where}: a .ipynb notebook is a JSON document");
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
                throw new NotebookFormatException(path, "not a Jupyter notebook: the JSON is not an object");
            if (!root.TryGetProperty("nbformat", out var version) || version.ValueKind != System.Text.Json.JsonValueKind.Number)
                throw new NotebookFormatException(path, "not a Jupyter notebook: no 'nbformat' number");
            if (!version.TryGetInt32(out var major) || major != 4)
                throw new NotebookFormatException(path,
                    $"nbformat {version.GetRawText()} cannot be run; the runner reads nbformat 4 (convert with: jupyter nbconvert --to notebook --nbformat 4 {System.IO.Path.GetFileName(full)})");
            if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != System.Text.Json.JsonValueKind.Array)
                throw new NotebookFormatException(path, "not a valid nbformat 4 notebook: no 'cells' list");
        }
    }

    /// <summary>The notebook as Jupyter JSON (nbformat 4), with whatever outputs its cells now hold.</summary>
    public string ToJupyterJson() => Notebook.ToJupyterJson(Document).Replace("\r\n", "\n");

    /// <summary>Inserts a code cell after <paramref name="after"/> (used for injected parameters).</summary>
    internal InteractiveDocumentElement InsertCodeCellAfter(NotebookCell after, string source, string tag)
    {
        var element = new InteractiveDocumentElement(source, "csharp", [])
        {
            Metadata = new Dictionary<string, object> { ["tags"] = new[] { tag } },
        };
        Document.Elements.Insert(Document.Elements.IndexOf(after.Element) + 1, element);
        return element;
    }

    internal static bool HasTag(InteractiveDocumentElement element, string tag)
    {
        if (element.Metadata is null || !element.Metadata.TryGetValue("tags", out var tags) || tags is null) return false;
        return tags switch
        {
            IEnumerable<string> list => list.Contains(tag, StringComparer.Ordinal),
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } json =>
                json.EnumerateArray().Any(t => t.ValueKind == System.Text.Json.JsonValueKind.String && t.GetString() == tag),
            IEnumerable<object> objects => objects.Any(o => o?.ToString() == tag),
            _ => false,
        };
    }
}

/// <summary>A notebook file that cannot be read or run as given.</summary>
public sealed class NotebookFormatException(string path, string reason)
    : Exception($"{path}: {reason}")
{
    public string NotebookPath { get; } = path;
    public string Reason { get; } = reason;
}
