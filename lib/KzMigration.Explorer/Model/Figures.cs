using System.Globalization;
using System.Text.Json.Nodes;

namespace KzMigration.Explorer.Model;

/// <summary>
/// Plotly figure JSON for the flows page, drawn by the workbench's own plotly.js (2.28.0) through JS interop. Only
/// presentation: the numbers are the rows <see cref="ExplorerEngine.Flows"/> computed. Colours: ColorBrewer RdBu for the
/// balance (diverging at 0), Okabe–Ito blue for K, as in the workbench's charts.
/// </summary>
public static class Figures
{
    private static readonly string[] RdBu = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"];

    /// <summary>Bar chart of K per unit (sorted), with the line K = 1.</summary>
    public static string Coefficient(FlowsView view, string title)
    {
        var rows = view.Rows.Where(r => r.Coefficient is not null).OrderByDescending(r => r.Coefficient).ToList();
        var trace = new JsonObject
        {
            ["type"] = "bar", ["orientation"] = "h",
            ["y"] = Array(rows.Select(r => (JsonNode?)r.Label)), ["x"] = Array(rows.Select(r => (JsonNode?)Math.Round(r.Coefficient!.Value, 4))),
            ["marker"] = new JsonObject { ["color"] = "#0072B2" }, ["hovertemplate"] = "%{y}: K = %{x:.3f}<extra></extra>",
        };
        var layout = Layout(title);
        layout["yaxis"] = new JsonObject { ["autorange"] = "reversed", ["automargin"] = true };
        layout["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "K = arrivals ÷ departures" } };
        layout["shapes"] = new JsonArray(new JsonObject
        {
            ["type"] = "line", ["x0"] = 1, ["x1"] = 1, ["yref"] = "paper", ["y0"] = 0, ["y1"] = 1, ["line"] = new JsonObject { ["dash"] = "dot", ["color"] = "#555" },
        });
        return new JsonObject { ["data"] = new JsonArray(trace), ["layout"] = layout }.ToJsonString();
    }

    /// <summary>Map of the balance: each unit's polygons filled by its balance (grey where missing).</summary>
    public static string BalanceMap(FlowsView view, string title)
    {
        var byRegion = view.Rows.ToDictionary(r => r.Region, StringComparer.Ordinal);
        var max = view.Rows.Where(r => r.Balance is not null).Select(r => Math.Abs(r.Balance!.Value)).DefaultIfEmpty(1).Max();
        var data = new JsonArray();
        foreach (var shape in view.Shapes)
        {
            byRegion.TryGetValue(shape.Region.Key, out var row);
            var balance = row?.Balance;
            var colour = balance is null ? "#cccccc" : RdBu[Math.Clamp((int)Math.Round((balance.Value / Math.Max(max, 1) + 1) / 2 * (RdBu.Length - 1)), 0, RdBu.Length - 1)];
            var lon = new JsonArray();
            var lat = new JsonArray();
            foreach (var polygon in shape.Polygons)
                foreach (var ring in polygon.Take(1))
                {
                    foreach (var (x, y) in ring) { lon.Add(Math.Round(x, 3)); lat.Add(Math.Round(y, 3)); }
                    lon.Add((JsonNode?)null); lat.Add((JsonNode?)null);
                }
            var label = row?.Label ?? shape.Region.NameEn;
            var text = balance is null ? $"{label}: no figure" : string.Create(CultureInfo.InvariantCulture, $"{label}: {balance.Value:+#,0;-#,0;0}");
            data.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["fill"] = "toself", ["fillcolor"] = colour, ["x"] = lon, ["y"] = lat,
                ["line"] = new JsonObject { ["color"] = "#444", ["width"] = 0.6 }, ["name"] = label, ["text"] = text, ["hoverinfo"] = "text",
                ["hoveron"] = "fills", ["showlegend"] = false,
            });
        }
        var layout = Layout(title);
        layout["xaxis"] = new JsonObject { ["visible"] = false };
        layout["yaxis"] = new JsonObject { ["visible"] = false, ["scaleanchor"] = "x", ["scaleratio"] = 1.5 };
        return new JsonObject { ["data"] = data, ["layout"] = layout }.ToJsonString();
    }

    private static JsonObject Layout(string title) => new()
    {
        ["title"] = new JsonObject { ["text"] = title }, ["margin"] = new JsonObject { ["l"] = 10, ["r"] = 10, ["t"] = 40, ["b"] = 40 },
        ["height"] = 460, ["paper_bgcolor"] = "white", ["plot_bgcolor"] = "white",
    };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);
}
