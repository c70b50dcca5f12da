using System.Collections.Immutable;
using System.Globalization;
using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Statistics;

namespace KzMigration.Tests.Specification;

/// <summary>
/// The one table of the specification's fields: the text form is made from it, short names follow one rule, every numeric
/// field refuses what lies outside its bounds (naming field, value and bounds), and no text makes the parser throw anything
/// but <see cref="FormatException"/>.
/// </summary>
public class SpecificationFieldsTests
{
    [Fact]
    public void The_text_form_is_the_table_in_its_order()
    {
        Assert.Equal(SpecificationFields.All.Select(f => f.Path), SpecificationParser.Paths);
        var items = SpecificationFormatter.Format(StudySpecification.Paper).Split("; ");
        Assert.Equal(SpecificationFields.All.Select(f => $"{f.Path}={f.Default}"), items);
        Assert.Equal(["scoring", "migration", "estimation", "sensitivity", "claims"], SpecificationFields.Sections);
        Assert.All(SpecificationFields.All, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Help), f.Path);
            Assert.False(string.IsNullOrWhiteSpace(f.Values), f.Path);
        });
        // The paper's values as the README and the paper state them.
        Assert.Contains("scoring.thresholds=70,95,105,150", items);
        Assert.Contains("estimation.replications=999", items);
        Assert.Contains("claims.negligible_net_migration_per_1000=1", items);
    }

    [Fact]
    public void A_short_name_belongs_to_one_field_and_a_shared_name_to_the_documented_owner_or_to_none()
    {
        var names = SpecificationFields.All.SelectMany(f => f.Aliases.Select(a => (Alias: a.ToLowerInvariant(), f.Path))).ToList();
        Assert.Equal(names.Count, names.Select(n => n.Alias).Distinct().Count());
        foreach (var field in SpecificationFields.All)
        {
            var shared = SpecificationFields.Namesakes(field).Count > 0;
            // A name no other section has is always the field's short name.
            if (!shared) Assert.Contains(field.Name, field.Aliases);
        }
        // The shared names: Figure 3's scoring owns indicators, weights and invert; the Monte Carlo owns seed; years has no owner.
        Assert.Equal("scoring.indicators", SpecificationFields.Find("indicators")!.Path);
        Assert.Equal("scoring.weights", SpecificationFields.Find("weights")!.Path);
        Assert.Equal("scoring.invert", SpecificationFields.Find("invert")!.Path);
        Assert.Equal("sensitivity.seed", SpecificationFields.Find("seed")!.Path);
        Assert.Null(SpecificationFields.Find("years"));
        Assert.Equal(["scoring.years", "migration.years", "estimation.indicators", "estimation.years", "estimation.weights", "estimation.seed", "sensitivity.invert"],
            SpecificationFields.All.Where(f => f.Aliases.Count == 0).Select(f => f.Path));
    }

    [Fact]
    public void Short_names_reach_every_section()
    {
        var spec = SpecificationParser.Parse("lag=no; units=stable; draws=50; seed=7; flow=internal; boundaries=2015; programmePrices=included; " +
            "Replications=199; negligibleFlowPercent=2.5; thresholdJitter=3");
        Assert.False(spec.Estimation.Lag);
        Assert.Equal(PanelUnits.Stable, spec.Estimation.Units);
        Assert.Equal(199, spec.Estimation.Replications);
        Assert.Equal(50, spec.Sensitivity.Draws);
        Assert.Equal(7UL, spec.Sensitivity.Seed);
        Assert.Equal(EstimationSpec.Default.Seed, spec.Estimation.Seed);
        Assert.Equal(KzMigration.Migration.Flow.Internal, spec.Migration.CoefficientFlow);
        Assert.Equal("2015", spec.Migration.Boundaries.Id);
        Assert.True(spec.Scoring.Housing.IncludesProgrammePrices);
        Assert.Equal(2.5, spec.Claims.NegligibleFlowPercent);
        Assert.Equal(3, spec.Sensitivity.ThresholdJitter);
        // A section's own reader knows its names without the section, shared or not.
        var estimation = SpecificationParser.ParseEstimation("years=2016-2021; indicators=unemployment_rate; weights=rademacher; seed=5");
        Assert.Equal((2016, 2021), (estimation.FromYear, estimation.ToYear));
        Assert.Equal(["unemployment_rate"], estimation.Indicators);
        Assert.Equal(BootstrapWeights.Rademacher, estimation.Weights);
        Assert.Equal(5UL, estimation.Seed);
        Assert.Equal([2019, 2022], SpecificationParser.ParseScoring("years=2019,2022").Years.ToArray());
    }

    [Fact]
    public void A_shared_name_means_its_owner_and_a_value_only_a_namesake_takes_names_the_path_to_write()
    {
        var spec = SpecificationParser.Parse("indicators=grp_per_capita; weights=grp_per_capita=2; invert=unemployment_rate");
        Assert.Equal(["grp_per_capita"], spec.Scoring.Indicators.ToArray());
        Assert.Equal(EstimationSpec.Default.Indicators, spec.Estimation.Indicators);
        Assert.Equal(2, spec.Scoring.Weights["grp_per_capita"]);
        Assert.Equal(BootstrapWeights.Webb, spec.Estimation.Weights);
        Assert.Equal(["unemployment_rate"], spec.Scoring.Inverted.ToArray());
        Assert.Equal(SensitivityDesign.Default.Invert, spec.Sensitivity.Invert);

        var webb = Assert.Throws<FormatException>(() => SpecificationParser.Parse("weights=rademacher")).Message;
        Assert.StartsWith("weights (scoring.weights): ", webb);
        Assert.Contains("write \"estimation.weights=rademacher\"", webb);
        Assert.Equal(BootstrapWeights.Rademacher, SpecificationParser.Parse("estimation.weights=rademacher").Estimation.Weights);

        var years = Assert.Throws<FormatException>(() => SpecificationParser.Parse("years=2016-2022")).Message;
        Assert.Contains("scoring.years", years);
        Assert.Contains("migration.years", years);
        Assert.Contains("estimation.years", years);
        var panel = SpecificationParser.Parse("estimation.years=2016-2022").Estimation;
        Assert.Equal((2016, 2022), (panel.FromYear, panel.ToYear));
    }

    [Theory]
    [InlineData("threshold=70", "'thresholds' (scoring.thresholds)")]
    [InlineData("replication=999", "'replications' (estimation.replications)")]
    [InlineData("estimation.lags=no", "'lag' (estimation.lag)")]
    [InlineData("gravity_eras=2018", "'gravity_era' (estimation.gravity_era)")]
    public void An_unknown_name_is_refused_naming_the_closest_field(string text, string closest)
    {
        var e = Assert.Throws<FormatException>(() => SpecificationParser.Parse(text));
        Assert.Contains("unknown path", e.Message);
        Assert.Contains(closest, e.Message);
    }

    /// <summary>Every numeric field: a value below and above its bounds, and texts that overflow any machine type.</summary>
    public static TheoryData<string, string, string, string> NumericBounds => new()
    {
        // path, below, above, words of the bounds
        { "estimation.replications", "98", "1000001", "from 99 to 1000000" },
        { "estimation.seed", "-1", "18446744073709551616", "from 0 to 18446744073709551615" },
        { "estimation.confidence", "0", "1", "above 0 and below 1" },
        { "sensitivity.draws", "0", "10000001", "from 1 to 10000000" },
        { "sensitivity.seed", "-1", "18446744073709551616", "from 0 to 18446744073709551615" },
        { "sensitivity.threshold_jitter", "-0.5", "1000.5", "from 0 to 1000" },
        { "sensitivity.point_jitter", "-0.5", "1000.5", "from 0 to 1000" },
        { "claims.negligible_net_migration_per_1000", "0", "1000.5", "above 0, at most 1000" },
        { "claims.negligible_flow_percent", "-1", "1001", "above 0, at most 1000" },
        { "scoring.years", "1989", "2101", "a year from 1990 to 2100" },
        { "migration.years", "1989-2022", "2015-2101", "a year from 1990 to 2100" },
        { "estimation.years", "1989-2022", "2015-2101", "a year from 1990 to 2100" },
        { "estimation.gravity_years", "1989", "2101", "a year from 1990 to 2100" },
        { "scoring.thresholds", "1e400", "-1e400", "finite" },
        { "scoring.points", "-2,-1,0.5,1,1e999", "NaN,1,2,3,4", "finite" },
        { "scoring.weights", "grp_per_capita=-1", "grp_per_capita=1e400", "finite" },
    };

    [Theory]
    [MemberData(nameof(NumericBounds))]
    public void Every_numeric_field_refuses_values_outside_its_bounds_naming_field_value_and_bounds(string path, string below, string above, string bounds)
    {
        var field = SpecificationFields.Find(path)!;
        foreach (var value in new[] { below, above, "1000000000", "99999999999999999999999999999", "-99999999999999999999", "1e400", "NaN", "-Infinity", "" })
        {
            var text = $"{path}={value}";
            StudySpecification parsed;
            try { parsed = SpecificationParser.Parse(text); }
            catch (FormatException e)
            {
                Assert.StartsWith(path + ": ", e.Message);
                Assert.Contains($"'{value}'", e.Message);
                if (value == below || value == above) Assert.Contains(bounds, e.Message);
                continue;
            }
            // Accepted: only a value inside the bounds (the seed takes 1000000000, the years 1000000000 never).
            Assert.True(value != below && value != above, $"{text} was accepted");
            Assert.Equal(value, field.Format(parsed), StringComparer.OrdinalIgnoreCase);
        }
        // The same through the field's short name names it as written and by its path.
        if (field.Aliases.Count > 0)
            Assert.StartsWith($"{field.ShortName} ({path}): ", Assert.Throws<FormatException>(() => SpecificationParser.Parse($"{field.ShortName}={above}")).Message);
    }

    [Fact]
    public void The_bounds_test_covers_every_numeric_field()
    {
        var tested = NumericBounds.Select(row => (string)row[0]).ToHashSet();
        var numeric = SpecificationFields.All.Where(f => f is SpecificationField<int> or SpecificationField<ulong> or SpecificationField<double>
            or SpecificationField<(int From, int To)> or SpecificationField<ImmutableArray<int>> or SpecificationField<ImmutableArray<double>>
            or SpecificationField<ImmutableDictionary<string, double>>);
        Assert.All(numeric, f => Assert.Contains(f.Path, tested));
    }

    [Fact]
    public void A_billion_replications_is_refused_at_once_with_the_field_the_value_and_the_bounds()
    {
        // Issue #23: this passed the up-front check and failed later with an OverflowException naming no parameter.
        var e = Assert.Throws<FormatException>(() => SpecificationParser.Parse("replications=1000000000"));
        Assert.Equal("replications (estimation.replications): '1000000000' is out of bounds; expected a whole number from 99 to 1000000.", e.Message);
        var section = Assert.Throws<FormatException>(() => SpecificationParser.ParseEstimation("replications=1000000000"));
        Assert.Equal("replications: '1000000000' is out of bounds; expected a whole number from 99 to 1000000.", section.Message);
    }

    [Fact]
    public void Values_are_read_whatever_the_machines_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ru-KZ");
            var spec = SpecificationParser.Parse("confidence=0.9; thresholdJitter=2.5; points=-2,-1,0.5,1,2");
            Assert.Equal(0.9, spec.Estimation.Confidence);
            Assert.Contains("threshold_jitter=2.5", SpecificationFormatter.Format(spec));
            Assert.Throws<FormatException>(() => SpecificationParser.Parse("confidence=0,9"));
        }
        finally { CultureInfo.CurrentCulture = before; }
    }

    [Fact]
    public void The_parser_throws_nothing_but_FormatException_and_what_it_accepts_round_trips()
    {
        // Seeded fuzz: random items over the table's names, and mutations of valid texts.
        var r = new Random(20261204);
        var names = SpecificationFields.All.SelectMany(f => f.Aliases.Append(f.Path)).Concat(["years", "colour", "", " ", "scoring.", ".x", "specification"]).ToArray();
        string[] pieces = ["0", "1", "-1", "99", "1e400", "NaN", "∞", "1,2", ",", ";", "=", "-", "..", "2015-2022", "2022-2015", "none", "all", "yes",
            "wcr", "pair", "18446744073709551616", "9999999999", "\u0000", "\u001b[2J", "'", "\"", "$(x)", "a=b", ":", "median", "published", " ", "\n", "é", "2018"];
        string Random(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => pieces[r.Next(pieces.Length)]));
        var accepted = 0;
        for (var n = 0; n < 3000; n++)
        {
            string text;
            if (n % 3 == 0)
            {
                var valid = SpecificationFormatter.Format(StudySpecificationTests.RandomSpecification(r)).ToCharArray().ToList();
                for (var k = r.Next(1, 6); k > 0; k--)
                {
                    var at = r.Next(valid.Count);
                    switch (r.Next(3))
                    {
                        case 0: valid.RemoveAt(at); break;
                        case 1: valid.Insert(at, pieces[r.Next(pieces.Length)][0]); break;
                        default: valid[at] = "=;,-.0x\u0000"[r.Next(8)]; break;
                    }
                }
                text = new string([.. valid]);
            }
            else text = string.Join(r.Next(2) == 0 ? "; " : ";", Enumerable.Range(0, r.Next(1, 4)).Select(_ => $"{names[r.Next(names.Length)]}={Random(r.Next(0, 4))}"));
            StudySpecification spec;
            try { spec = SpecificationParser.Parse(text); }
            catch (FormatException) { continue; }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"'{text}' threw {e.GetType().Name}: {e.Message}"); }
            accepted++;
            var written = SpecificationFormatter.Format(spec);
            Assert.Equal(written, SpecificationFormatter.Format(SpecificationParser.Parse(written)));
            foreach (var section in new Func<string, object>[] { t => SpecificationParser.ParseScoring(t), t => SpecificationParser.ParseEstimation(t) })
                try { section(text); }
                catch (FormatException) { }
        }
        Assert.True(accepted > 10, $"only {accepted} fuzzed texts parsed: the fuzz no longer reaches the fields");
    }
}
