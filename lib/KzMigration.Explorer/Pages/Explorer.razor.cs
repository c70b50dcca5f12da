using System.Collections.Immutable;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Explorer.Model;
using KzMigration.Localisation;
using KzMigration.Scoring;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.WebAssembly.Services;
using Microsoft.JSInterop;
using IndicatorPanel = KzMigration.Scoring.IndicatorPanel;

namespace KzMigration.Explorer.Pages;

/// <summary>The explorer's one page: reads the scenario from the query string, asks the engine, draws.</summary>
public partial class Explorer
{
    private Scenario scenario = Scenario.Paper;
    private ExplorerEngine? engine;
    private ScoringView? scoring;
    private MonteCarloView? monteCarlo;
    private FlowsView? flows;
    private ClaimsView? claims;
    private string? error;
    private string? mcNote;
    private bool drawCharts;
    private int revision;

    private string T(string id) => TextCatalogue.Get(id, scenario.Language);

    /// <summary>
    /// Set for the static render of the paper's baseline that the build writes into index.html (<see cref="BaselinePrerender"/>):
    /// the page says it is not interactive yet (<c>data-ready="0"</c>) and leaves the share link, which only the browser
    /// knows, empty. Everything else is the markup the app renders for the same scenario.
    /// </summary>
    [Parameter]
    public bool Prerendered { get; set; }

    /// <summary>The assemblies the first page does not need (<c>BlazorWebAssemblyLazyLoad</c>), fetched on first use.</summary>
    [Inject]
    private LazyAssemblyLoader Assemblies { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Nav.LocationChanged += OnLocationChanged;
        Mark("app");
        ReadLocation();
        // No await before the first computation on the scoring page: its first render then replaces the prerendered
        // baseline in index.html with the same markup, now interactive, with no loading message in between.
        if (NeedsLazyAssemblies(scenario.View)) await LoadLazyAssembliesAsync();
        try
        {
            ExplorerSession.Unpack();
            Mark("unpacked");
            engine = ExplorerSession.Load();
        }
        catch (Exception ex) when (ex is DataFileException or IOException or FormatException or InvalidOperationException)
        {
            error = "the data package could not be read: " + ex.Message;
            return;
        }
        Mark("data");
        Compute();
        Mark("computed");
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) Mark("rendered");
    }

    // Timings of the start for bench/explorer (performance.now() in the page); nothing when rendered on the desktop.
    private void Mark(string name)
    {
        if (!Prerendered && JS is IJSInProcessRuntime js) js.InvokeVoid("kzExplorer.mark", name);
    }

    // The claims ledger's statistics (MathNet.Numerics, Microsoft.Data.Analysis) are the only code outside the first
    // page's assemblies; the list is the project's BlazorWebAssemblyLazyLoad items (LazyAssemblies.Names).
    private static bool NeedsLazyAssemblies(ExplorerView view) => view == ExplorerView.Claims;

    private async Task LoadLazyAssembliesAsync()
    {
        if (!Prerendered) await Assemblies.LoadAssembliesAsync(LazyAssemblies.Names);
    }

    private void ReadLocation()
    {
        var query = new Uri(Nav.Uri).Query;
        try
        {
            scenario = ScenarioText.Parse(query);
            error = null;
        }
        catch (FormatException ex)
        {
            // A bad link shows what is wrong and the paper's scenario, never a blank page.
            error = $"{ex.Message} (in the link's query \"{Uri.UnescapeDataString(query.TrimStart('?'))}\"); showing the paper's baseline instead.";
            scenario = Scenario.Paper;
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        // The page's own address updates (Apply) parse back to the scenario shown: nothing to do, and a message stays.
        var shown = scenario;
        var message = error;
        ReadLocation();
        if (scenario.Equals(shown) && error is null) { error = message; return; }
        if (NeedsLazyAssemblies(scenario.View)) await LoadLazyAssembliesAsync();
        Compute();
        StateHasChanged();
    });

    // The initial scenario (and one from a link): a scenario the data cannot take (an edit of a value that does not exist)
    // falls back to the paper's, with the message.
    private void Compute()
    {
        if (TryCompute() is not { } message) return;
        scenario = Scenario.Paper with { View = scenario.View, Language = scenario.Language };
        TryCompute();
        error = message + " — showing the paper's baseline instead.";
    }

    private string? TryCompute()
    {
        if (engine is null) return null;
        try
        {
            var nextScoring = scenario.View == ExplorerView.Scoring ? engine.Scoring(scenario) : null;
            var nextFlows = scenario.View == ExplorerView.Flows ? engine.Flows(scenario) : null;
            var nextClaims = scenario.View == ExplorerView.Claims ? engine.Claims(scenario) : null;
            (scoring, flows, claims) = (nextScoring, nextFlows, nextClaims);
            drawCharts = flows is not null;
            revision++;
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> the scenario: computes, redraws and writes it into the address. When the data cannot
    /// take it, the message shows and the scenario on screen stays as it was.
    /// </summary>
    private void Apply(Scenario next)
    {
        var previous = scenario;
        scenario = next;
        if (TryCompute() is { } message)
        {
            scenario = previous;
            TryCompute();
            error = message;
            return;
        }
        error = null;
        if (next.Spec != previous.Spec || !next.Edits.SequenceEqual(previous.Edits) || next.Year != previous.Year) monteCarlo = null;
        var query = ScenarioText.Format(scenario);
        Nav.NavigateTo(query.Length == 0 ? Nav.BaseUri : Nav.BaseUri + "?" + query, new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private void ApplyScoring(string? thresholds = null, string? points = null, string? boundary = null, string? reference = null,
        string? aggregation = null, string? housing = null, string? programme = null)
    {
        try
        {
            Apply(ScenarioText.WithScoring(scenario, thresholds, points, boundary, reference, aggregation, housing, programme));
        }
        catch (FormatException ex) { error = ex.Message; }
    }

    private void ApplyParam(string name, string value)
    {
        try
        {
            var items = ScenarioText.Params(scenario).Where(kv => kv.Key != name).Select(kv => $"{kv.Key}={kv.Value}").Append($"{name}={value}");
            Apply(ScenarioText.FromParams(items));
        }
        catch (FormatException ex) { error = ex.Message; }
    }

    private void ApplyFlow(string value) => ApplyParam("flow", value);

    private void ApplyEra(string value)
    {
        try { Apply(ScenarioText.WithEra(scenario, value)); }
        catch (FormatException ex) { error = ex.Message; }
    }

    private void ApplyEdits(string text)
    {
        try { Apply(ScenarioText.WithEdits(scenario, text)); }
        catch (FormatException ex) { error = ex.Message; }
    }

    private void ApplyDraws(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Scenario.MaxDraws) Apply(scenario.WithDraws(n));
        else error = $"draws: '{text}' is not a whole number from 1 to {Scenario.MaxDraws}.";
    }

    private void ApplyWeight(string indicator, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !double.IsFinite(w) || w < 0)
        {
            error = $"weights: '{text}' is not a weight ≥ 0 for {indicator}.";
            return;
        }
        var weights = scenario.Spec.Weights.Where(kv => IndicatorPanel.Key(kv.Key) != IndicatorPanel.Key(indicator)).ToDictionary();
        if (w != 1) weights[indicator] = w;
        var spec = scenario.Spec with { Weights = weights.ToImmutableDictionary() };
        if (spec.Aggregation == Aggregation.Sum && w != 1) spec = spec with { Aggregation = Aggregation.WeightedSum };
        Apply(scenario.With(spec));
    }

    private void ToggleIndicator(string indicator, bool include)
    {
        if (scoring is null) return;
        var chosen = scoring.PanelIndicators.Where(i => i == indicator ? include : scoring.Indicators.Contains(i)).ToList();
        if (chosen.Count == 0) { error = "indicators: at least one indicator must be scored."; return; }
        Apply(scenario.With(scenario.Spec with { Indicators = chosen.Count == scoring.PanelIndicators.Count ? [] : [.. chosen] }));
    }

    private void RunMonteCarlo()
    {
        if (engine is null) return;
        try
        {
            var started = DateTime.UtcNow;
            monteCarlo = engine.MonteCarlo(scenario);
            mcNote = $"{(DateTime.UtcNow - started).TotalSeconds:0.0} s in the browser";
        }
        catch (ArgumentException ex) { error = ex.Message; }
    }

    private async Task LoadOverlay(InputFileChangeEventArgs e)
    {
        try
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var file in e.GetMultipleFiles(10))
            {
                using var stream = file.OpenReadStream(maxAllowedSize: 50_000_000);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                files[file.Name] = memory.ToArray();
            }
            engine = ExplorerSession.LoadOverlay(files);
            monteCarlo = null;
            error = null;
            Compute();
        }
        catch (Exception ex) when (ex is DataFileException or FormatException or IOException)
        {
            error = "overlay not loaded (the bundled data stay as they were): " + ex.Message;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (drawCharts && flows is not null)
        {
            drawCharts = false;
            await JS.InvokeVoidAsync("kzExplorer.draw", "balance-map", Figures.BalanceMap(flows, $"{T("explorer.balance")} {flows.Year} ({Codes.Of(flows.Flow)}, {flows.Era})"));
            await JS.InvokeVoidAsync("kzExplorer.draw", "k-chart", Figures.Coefficient(flows, $"K {flows.Year} ({Codes.Of(flows.Flow)})"));
        }
    }

    private string ShareLink => Prerendered ? "" : Nav.Uri;

    private string Link(Scenario s) => ScenarioText.Format(s) is { Length: > 0 } q ? "?" + q : "./";

    private string EditsText => string.Join("; ", scenario.Edits.Select(e => e.ToString()));

    private string CommandLine => ScenarioText.CommandLine(scenario);

    private double WeightOf(string indicator) =>
        scenario.Spec.Weights.FirstOrDefault(kv => IndicatorPanel.Key(kv.Key) == IndicatorPanel.Key(indicator)) is { Key: not null } kv ? kv.Value : 1;

    private static string CellClass(HeatCell c) => (c.BandIndex is { } b ? "band-" + b : "band-none") + (c.Changed ? " changed" : "");

    private static string Numbers(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static string Num(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "NA";

    private static string Code(BoundaryRule rule) => rule switch { BoundaryRule.LowerBoundInclusive => "lower", BoundaryRule.UpperBoundInclusive => "upper", _ => "rounded" };

    private static string Code(ReferenceKind kind) => kind switch
    {
        ReferenceKind.PublishedNational => "published", ReferenceKind.UnweightedMeanOfRegions => "mean", ReferenceKind.PopulationWeightedMean => "weighted", _ => "median",
    };

    private static string Code(Aggregation a) => a switch { Aggregation.Sum => "sum", Aggregation.WeightedSum => "weighted_sum", _ => "weighted_mean" };

    public void Dispose() => Nav.LocationChanged -= OnLocationChanged;
}
