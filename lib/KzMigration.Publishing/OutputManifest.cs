using System.Text.Json;
using System.Text.Json.Serialization;
using KzMigration.Runs;

namespace KzMigration.Publishing;

/// <summary>What one notebook's run wrote into the output folder, and with which settings.</summary>
/// <param name="Notebook">The notebook's name (its outputs are keyed by it).</param>
/// <param name="Source">The notebook file that ran.</param>
/// <param name="Command">The command that ran it (<c>reproduce</c> or <c>run</c>).</param>
/// <param name="Parameters">Parameters given to it (for reproduce: the language).</param>
/// <param name="Status">How the run ended (<c>Succeeded</c>, <c>Failed</c>, <c>TimedOut</c>).</param>
/// <param name="Files">Files it wrote, relative to the output folder with '/' separators, sorted.</param>
/// <param name="Published">What its <c>Publish.*</c> calls said about the tables and figures among <paramref name="Files"/> (title, schema, sources, notes, specification).</param>
/// <param name="Failure">
/// The notebook's last run, when it failed: a failed run replaces none of the notebook's outputs (<paramref name="Files"/>
/// stay those of its last good run, described by the other fields), and is recorded here.
/// </param>
/// <param name="Images">How each static image among <paramref name="Files"/> was made (<see cref="ImageRecord"/>), so a later run can reuse it.</param>
public sealed record NotebookOutputs(string Notebook, string Source, string Command, IReadOnlyDictionary<string, string> Parameters, string Status, IReadOnlyList<string> Files,
    IReadOnlyList<PublishedOutput>? Published = null, NotebookFailure? Failure = null, IReadOnlyDictionary<string, ImageRecord>? Images = null);

/// <summary>
/// How a static image in the output folder was made: <paramref name="Inputs"/>, the SHA-256 of everything its bytes depend on
/// (the figure's JSON, the format, the export page with its plotly.js, the exporting code and the Chromium that drew it;
/// <see cref="FigureImageReuse"/>), and <paramref name="Sha256"/>, the SHA-256 of the image's bytes as written.
/// </summary>
public sealed record ImageRecord(string Inputs, string Sha256);

/// <summary>
/// A notebook's failed run (a failing cell, a timeout, a bad parameter met at a cell): which command and parameters,
/// how it ended, the error, and its executed copy with the error (<c>notebooks/NAME.failed.ipynb</c>; a record of the
/// failure, not an output, so <c>datapackage.json</c> does not list it).
/// </summary>
public sealed record NotebookFailure(string Command, IReadOnlyDictionary<string, string> Parameters, string Status, string Error, string? Executed);

/// <summary>
/// <c>out/manifest.json</c>: every file the runs in an output folder wrote, per notebook, plus the
/// study's own outputs (the report), with what each notebook's <c>Publish.*</c> calls said about them. It is
/// the one list of the outputs: a run removes what the manifest lists for what it replaces, so no file of an
/// older run survives beside a newer one unseen (files the manifest does not list are not the workbench's and
/// are never touched, nor replaced: see <see cref="RunOutputs"/>), and the run's <c>out/datapackage.json</c> is
/// written from it (<see cref="DataPackage"/>).
/// </summary>
public sealed record OutputManifest(IReadOnlyList<NotebookOutputs> Notebooks, IReadOnlyList<string> Study)
{
    public const string FileName = "manifest.json";

    /// <summary>Format tag, so a later layout can be told apart.</summary>
    public string Format { get; init; } = "kzmig-out/1";

    /// <summary>The data folder the runs read.</summary>
    public string? Data { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Every file listed, notebooks' (their failed runs' executed copies too) and study's.</summary>
    [JsonIgnore]
    public IEnumerable<string> AllFiles =>
        Notebooks.SelectMany(n => n.Failure?.Executed is { } failed ? n.Files.Append(failed) : n.Files).Concat(Study);

    /// <summary>The manifest of <paramref name="outDir"/>, or null if it has none (or one this version cannot read).</summary>
    public static OutputManifest? Read(string outDir)
    {
        var path = Path.Combine(outDir, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<OutputManifest>(File.ReadAllText(path), Json);
            return manifest is { Notebooks: not null, Study: not null } && manifest.Notebooks.All(n => n is { Notebook: not null, Files: not null }) ? manifest : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes the manifest into <paramref name="folder"/> (beside, then renamed: never half-written).</summary>
    public void Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
