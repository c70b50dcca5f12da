using KzMigration.Data;
using KzMigration.Specification;

namespace KzMigration.Runs;

/// <summary>
/// What a run of the study is given, as it crosses from the command line to a notebook's worker process:
/// the data folder, the output folder, the language of labels and the study's specification. A null folder means
/// the default (<see cref="Workbench"/>'s rules). Its text form exists only at the edges: the command line parses every
/// <c>--param</c> that names a field of the specification into it (<c>specification=…</c> among them), and outputs record
/// it with <see cref="SpecificationFormatter"/>.
/// </summary>
/// <param name="DataDirectory">The data folder (<c>--data</c>), or null for the default.</param>
/// <param name="OutDirectory">Where this run's outputs go (for <c>kzmig</c>: the run's staging folder), or null for the default.</param>
/// <param name="Language">Language of region names and figure texts (<c>--lang</c>): en, ru or kk.</param>
/// <param name="Specification">The study's specification; null = the paper's (<see cref="StudySpecification.Paper"/>).</param>
public sealed record RunOptions(string? DataDirectory = null, string? OutDirectory = null, string Language = "en", StudySpecification? Specification = null)
{
    /// <summary>The study's specification (the paper's unless the run chose otherwise).</summary>
    public StudySpecification Specification { get; init; } = Specification ?? StudySpecification.Paper;
}

/// <summary>
/// A file a notebook published into the output folder, as the run's data package describes it
/// (<c>out/datapackage.json</c>): what it is, where it came from, and for a table its schema.
/// </summary>
/// <param name="Path">Relative to the output folder, '/' separators (e.g. <c>tables/tab1-x.csv</c>).</param>
/// <param name="Kind"><c>table</c> (a CSV with a schema), <c>workbook</c> (its XLSX copy), <c>figure</c> (one file of a figure).</param>
/// <param name="Title">Title of the table, or caption of the figure.</param>
public sealed record PublishedOutput(string Path, string Kind, string Title)
{
    /// <summary>The figure or table this file belongs to (its id), e.g. <c>fig1-interregional-balance-2022</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>A table's columns, in file order (name as written in the header, type, unit, description).</summary>
    public IReadOnlyList<PublishedField> Fields { get; init; } = [];

    /// <summary>Sources of the values (URLs or file names of the data package), one per entry.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Notes: derivations, gaps, boundary-era caveats.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// The specification (text form) that produced it: the table's own choices when it states them, else what the run's
    /// changes against the paper's (<see cref="SpecificationFormatter.FormatChangesFromPaper"/>; empty: the paper's).
    /// </summary>
    public string Specification { get; init; } = "";

    /// <summary>A one-line summary a study step states about its result (e.g. the claims ledger's verdict counts), or null.</summary>
    public string? Summary { get; init; }
}

/// <summary>A column of a published table, as a Frictionless Table Schema field describes it.</summary>
/// <param name="Name">The header as written (ASCII).</param>
/// <param name="Type">Frictionless type: <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>datetime</c>.</param>
/// <param name="Unit">Unit of every value of the column, or null (none, or a <c>unit</c> column beside it gives it per row).</param>
/// <param name="Description">What the column holds (e.g. a formula), or null.</param>
public sealed record PublishedField(string Name, string Type, string? Unit = null, string? Description = null);

/// <summary>A section a study step contributes to the report (trusted, already-escaped HTML), e.g. the findings page.</summary>
/// <param name="Id">Its anchor in the report.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Html">Its body (before its <see cref="Figures"/>, when it shows any).</param>
/// <param name="Leads">Placed before the notebooks (the findings page) rather than after them.</param>
public sealed record ReportSection(string Id, string Title, string Html, bool Leads = false)
{
    /// <summary>
    /// The paper's figures as reproduced, which the section shows after <see cref="Html"/> (the findings page). Their images
    /// are exported after the run's notebooks, so the report renders them, with the images it has, when it is built.
    /// </summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];

    /// <summary>The body after <see cref="Figures"/> (trusted, already-escaped HTML; empty when the section shows none).</summary>
    public string Closing { get; init; } = "";
}

/// <summary>A figure a report section shows with its exported image.</summary>
/// <param name="Id">Its id in <c>out/figures/</c> (the image is <c>&lt;Id&gt;.png</c> once exported).</param>
/// <param name="Alt">The image's text alternative (plain text).</param>
/// <param name="Caption">Its caption (trusted, already-escaped HTML).</param>
public sealed record ReportFigure(string Id, string Alt, string Caption);

/// <summary>
/// The run a notebook belongs to. A notebook cell reads <c>var run = RunContext.Current;</c> and uses
/// <see cref="Data"/>, <see cref="Language"/>, <see cref="Specification"/>; <c>Publish.*</c> writes into
/// <see cref="OutDirectory"/> and records here what it wrote, for the run's data package.
/// <para>
/// A context belongs to a run, not to the process: the runner enters it (<see cref="Enter"/>) for the flow that executes the
/// notebook's cells — .NET Interactive runs each submission in the execution context of the call that sent it, so the
/// cells, and the tasks they start, see it — and leaves it when the notebook ends. Two runs in one process (two test
/// collections, two notebooks of a future in-process pipeline) each see their own and record only their own outputs.
/// Outside any run, <see cref="Current"/> is the session's (<see cref="Use"/>): a front-end that has one session per process
/// (the Jupyter kernel's session process, <see cref="Workbench.UseFolders"/> in a user's notebook) sets it once for all its
/// cells. Neither set: the defaults, the data and output folders found by <see cref="Workbench"/>, English, the paper's
/// specification.
/// </para>
/// </summary>
public sealed class RunContext
{
    // The session's context: one per process, where a front-end has one session per process (the kernel's session process).
    private static volatile RunContext? session;

    // The run's: the innermost scope entered on this flow (async calls and the tasks they start inherit it; a change made
    // inside a callee does not flow back to its caller, so the scope is a holder whose context Use may replace).
    private static readonly AsyncLocal<Scope?> scope = new();

    private readonly Lazy<WorkbenchData> data;
    private readonly Lock gate = new();
    private readonly List<PublishedOutput> published = [];
    private readonly List<ReportSection> sections = [];

    /// <summary>A context with <paramref name="options"/>; its data are loaded on first use.</summary>
    public RunContext(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        data = new Lazy<WorkbenchData>(() => WorkbenchData.Load(DataDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private RunContext(RunOptions options, Lazy<WorkbenchData> data)
    {
        Options = options;
        this.data = data;
    }

    /// <summary>
    /// The context of the notebook that is running: the run's (<see cref="Enter"/>, by the runner), else the session's
    /// (<see cref="Use"/>, <see cref="Workbench.UseFolders"/>), else a fresh one with the defaults (its data loaded anew, as a
    /// notebook outside a run expects).
    /// </summary>
    public static RunContext Current => scope.Value is { } run ? run.Context ?? Defaults() : session ?? Defaults();

    /// <summary>Whether a run or the session set the context (false: <see cref="Current"/> gives defaults).</summary>
    public static bool IsSet => scope.Value is { } run ? run.Context is not null : session is not null;

    /// <summary>
    /// Makes <paramref name="context"/> current for the calling flow — the code that follows, what it awaits and the tasks it
    /// starts — until the returned scope is disposed, which makes the previous one current again. Other flows of the process
    /// (another run, the session) are not affected. The runner enters a notebook's context for the time of its cells.
    /// </summary>
    public static IDisposable Enter(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entered = new Scope(context, scope.Value);
        scope.Value = entered;
        return entered;
    }

    /// <summary>
    /// Makes <paramref name="context"/> the current one (null: back to the defaults) from now on: inside a run
    /// (<see cref="Enter"/>), for the rest of that run only — its later cells, not the process; outside any run, for the
    /// session: every flow of the process that entered no run (one session per process: the kernel's session process, a
    /// notebook's first cell calling <see cref="Workbench.UseFolders"/>).
    /// </summary>
    public static void Use(RunContext? context)
    {
        if (scope.Value is { } run) run.Context = context;
        else session = context;
    }

    private static RunContext Defaults() => new(new RunOptions());

    private sealed class Scope(RunContext context, Scope? outer) : IDisposable
    {
        // Volatile: a cell may replace it (Use) on another thread than the one that reads it next.
        private volatile RunContext? context = context;
        private readonly Scope? outer = outer;
        private bool left;

        public RunContext? Context
        {
            get => context;
            set => context = value;
        }

        public void Dispose()
        {
            left = true;
            // Only the flow that entered the scope leaves it (a copy of the flow, a task a cell left running, keeps its run);
            // scopes left out of order are skipped.
            if (scope.Value != this) return;
            var back = outer;
            while (back is { left: true }) back = back.outer;
            scope.Value = back;
        }
    }

    /// <summary>What the runner passed (null folders: the defaults).</summary>
    public RunOptions Options { get; }

    /// <summary>The data folder: the run's, else <see cref="Workbench.DefaultDataDirectory"/>.</summary>
    public string DataDirectory => Options.DataDirectory is { Length: > 0 } d ? Path.GetFullPath(d) : Workbench.DefaultDataDirectory;

    /// <summary>The output folder: the run's, else <see cref="Workbench.DefaultOutDirectory"/>.</summary>
    public string OutDirectory => Options.OutDirectory is { Length: > 0 } o ? Path.GetFullPath(o) : Workbench.DefaultOutDirectory;

    /// <summary>Language of region names and figure texts: en, ru or kk.</summary>
    public string Language => Options.Language;

    /// <summary>The study's specification (the paper's unless the run chose otherwise).</summary>
    public StudySpecification Specification => Options.Specification;

    /// <summary>The data of the run, loaded once (validated; with the data folder's <c>user/</c> overlay).</summary>
    public WorkbenchData Data => data.Value;

    /// <summary>Whether <see cref="Data"/> has been loaded (a run's measured notes, tests).</summary>
    public bool DataLoaded => data.IsValueCreated;

    /// <summary>
    /// The context for the next notebook of the same run: the same options and the same loaded data,
    /// nothing published yet. With other options, a new context (the data loaded anew if the folder differs).
    /// </summary>
    public RunContext Next(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DataDirectory == Options.DataDirectory && options.DataDirectory is not null
            ? new RunContext(options, data)
            : new RunContext(options);
    }

    /// <summary>Records a file published into <see cref="OutDirectory"/> (a later record of the same path replaces it).</summary>
    public void Record(PublishedOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (gate)
        {
            published.RemoveAll(p => p.Path == output.Path);
            published.Add(output);
        }
    }

    /// <summary>Records a section for the report (a later one with the same id replaces it).</summary>
    public void Record(ReportSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        lock (gate)
        {
            sections.RemoveAll(s => s.Id == section.Id);
            sections.Add(section);
        }
    }

    /// <summary>What was published in this context, in the order it was.</summary>
    public IReadOnlyList<PublishedOutput> Published
    {
        get { lock (gate) return [.. published]; }
    }

    /// <summary>Report sections contributed in this context, in the order they were.</summary>
    public IReadOnlyList<ReportSection> ReportSections
    {
        get { lock (gate) return [.. sections]; }
    }
}
