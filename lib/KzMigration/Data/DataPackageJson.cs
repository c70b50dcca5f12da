using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KzMigration.Regions;

namespace KzMigration.Data;

/// <summary>
/// Writes <c>datapackage.json</c>: a Frictionless Data Package (profile <c>tabular-data-package</c>) with one Table
/// Schema per CSV, generated from <see cref="DataTables"/>. The boundary GeoJSONs are not tabular, so they are
/// listed under the package's own <c>boundaries</c> property rather than as resources. Each CSV resource carries
/// <c>stats</c> as frictionless-py writes them (<c>rows</c> after the header, <c>bytes</c>, <c>sha256</c>), so the
/// loader can tell a file that lost or gained rows after the build from a whole one.
/// </summary>
internal static class DataPackageJson
{
    /// <summary>The property of a resource that records its shape at build time.</summary>
    public const string Stats = "stats";

    public static string Write(IReadOnlyList<Source> sources, IReadOnlyDictionary<string, string> tableTexts, string attribution, string licenceFile)
    {
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("profile", "tabular-data-package");
            w.WriteString("name", "kzmigration-official-data");
            w.WriteString("title", "Official figures on internal migration and regional economies of Kazakhstan");
            w.WriteString("description",
                "Migration (interregional, internal, all flows) and socio-economic indicators by region, with the source, status and note of every value, " +
                "for reproducing Bokayev & Akhmetova, «Economic factors of internal migration in the Republic of Kazakhstan». Built from the curated official figures by `kzmig data build` (docs/bundled-sources.md).");
            w.WriteStartArray("licenses");
            w.WriteStartObject();
            w.WriteString("name", "CC-BY-4.0");
            w.WriteString("path", "https://creativecommons.org/licenses/by/4.0/");
            w.WriteString("title", $"Creative Commons Attribution 4.0, for boundaries/ (boundaries/{licenceFile}). The figures are official statistics; the terms of their publishers apply.");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("sources");
            foreach (var s in sources)
            {
                w.WriteStartObject();
                w.WriteString("title", $"{s.Id}: {s.Title} — {s.Publisher} (via {s.Carrier})");
                w.WriteString("path", s.Url);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("resources");
            foreach (var t in DataTables.All) Resource(w, t, tableTexts[t.File]);
            w.WriteEndArray();
            w.WriteString("attribution", attribution);
            w.WriteStartArray("boundaries");
            foreach (var e in BoundaryEra.All)
            {
                w.WriteStartObject();
                w.WriteString("era", e.Id);
                w.WriteString("path", "boundaries/" + e.BoundaryFile);
                w.WriteString("format", "geojson");
                w.WriteString("mediatype", "application/geo+json");
                if (e.From is { } f) w.WriteString("valid_from", f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                if (e.To is { } to) w.WriteString("valid_to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("units", e.UnitCount);
                w.WriteString("license", "CC-BY-4.0");
                w.WriteString("attribution", attribution);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Resource(Utf8JsonWriter w, TableDefinition t, string text)
    {
        w.WriteStartObject();
        w.WriteString("profile", "tabular-data-resource");
        w.WriteString("name", t.Name);
        w.WriteString("path", t.File);
        w.WriteString("title", t.Title);
        w.WriteString("description", t.Description);
        w.WriteString("format", "csv");
        w.WriteString("mediatype", "text/csv");
        w.WriteString("encoding", "utf-8");
        var bytes = Encoding.UTF8.GetBytes(text);
        w.WriteStartObject(Stats);
        w.WriteNumber("rows", Csv.Parse(text, t.File).Records.Count);
        w.WriteNumber("bytes", bytes.Length);
        w.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        w.WriteEndObject();
        w.WriteStartObject("dialect");
        w.WriteString("delimiter", ",");
        w.WriteString("lineTerminator", "\n");
        w.WriteString("quoteChar", "\"");
        w.WriteBoolean("doubleQuote", true);
        w.WriteBoolean("header", true);
        w.WriteEndObject();
        w.WriteStartObject("schema");
        w.WriteStartArray("fields");
        foreach (var f in t.Fields)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("type", f.Type);
            if (f.Type == "number") w.WriteString("decimalChar", ".");
            if (f.Type == "date") w.WriteString("format", "%Y-%m-%d");
            w.WriteString("description", f.Description);
            if (f.Unit is not null) w.WriteString("unit", f.Unit);
            w.WriteStartObject("constraints");
            w.WriteBoolean("required", f.Required);
            if (f.Enum is not null)
            {
                w.WriteStartArray("enum");
                foreach (var e in f.Enum) w.WriteStringValue(e);
                w.WriteEndArray();
            }
            if (f.Pattern is not null) w.WriteString("pattern", f.Pattern);
            if (f.Minimum is not null) w.WriteNumber("minimum", f.Minimum.Value);
            if (f.Maximum is not null) w.WriteNumber("maximum", f.Maximum.Value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("missingValues");
        w.WriteStringValue("");
        w.WriteEndArray();
        w.WriteStartArray("primaryKey");
        foreach (var k in t.PrimaryKey) w.WriteStringValue(k);
        w.WriteEndArray();
        if (t.ForeignKeys.Count > 0)
        {
            w.WriteStartArray("foreignKeys");
            foreach (var fk in t.ForeignKeys)
            {
                w.WriteStartObject();
                w.WriteStartArray("fields");
                foreach (var f in fk.Fields) w.WriteStringValue(f);
                w.WriteEndArray();
                w.WriteStartObject("reference");
                w.WriteString("resource", fk.ReferenceResource);
                w.WriteStartArray("fields");
                foreach (var f in fk.ReferenceFields) w.WriteStringValue(f);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
