using KzMigration.Specification;
using KzMigration.Scoring;
using static KzMigration.Tests.Scoring.ScorecardTests;

namespace KzMigration.Tests.Scoring;

public class WhatIfAndParametersTests
{
    // National wage 100; Turkestan 80 (low, −1), Zhambyl 90 (low, −1), Atyrau 200 (very high, +2).
    private static IndicatorPanel Wages() => IndicatorPanel.Create([
        V("Kazakhstan", "avg_monthly_wage", 100), V("Turkestan", "avg_monthly_wage", 80),
        V("Zhambyl", "avg_monthly_wage", 90), V("Atyrau", "avg_monthly_wage", 200),
        V("Turkestan", "avg_monthly_wage", 70, 2021)]);

    [Fact]
    public void Wages_plus_20_percent_move_Turkestan_up_one_band_and_ahead_of_Zhambyl()
    {
        var edits = SpecificationParser.ParseEdits("turkestan:avg_monthly_wage@2022+20%");
        var diff = WhatIf.Run(Wages(), ScoringSpec.Paper, edits);
        var change = Assert.Single(diff.BandChanges);
        Assert.Equal(("Turkestan", "low", "medium", -1.0, 0.5), (change.Region, change.BandBefore, change.BandAfter, change.PointsBefore!.Value, change.PointsAfter!.Value));
        Assert.Equal(96.0, change.RatioAfter!.Value, 9);
        var turkestan = diff.Regions.Single(r => r.Region == "Turkestan" && r.Year == 2022);
        Assert.Equal((2, 2, 0), (turkestan.RankBefore!.Value, turkestan.RankAfter!.Value, turkestan.RankShift!.Value)); // tie with Zhambyl before
        var zhambyl = diff.Regions.Single(r => r.Region == "Zhambyl");
        Assert.Equal(-1, zhambyl.RankShift);
        Assert.Equal(0.5, turkestan.TotalAfter);
        Assert.Equal(["Zhambyl"], diff.RankChanges.Select(r => r.Region));
        Assert.Same(diff.Before.Spec, diff.After.Spec);
    }

    [Fact]
    public void Edits_are_pure_and_year_optional()
    {
        var panel = Wages();
        var edited = ValueEdit.Apply(panel, [new ValueEdit("TURKESTAN", "avg_monthly_wage", null, EditOperation.Multiply, 2)]);
        Assert.Equal(80, panel.Value("Turkestan", "avg_monthly_wage", 2022));
        Assert.Equal(160, edited.Value("Turkestan", "avg_monthly_wage", 2022));
        Assert.Equal(140, edited.Value("turkestan", "avg_monthly_wage", 2021));
        var set = ValueEdit.Apply(panel, SpecificationParser.ParseEdits("Kazakhstan:avg_monthly_wage@2022=50"));
        Assert.Equal(50, set.National("avg_monthly_wage", 2022));
        var e = Assert.Throws<ArgumentException>(() => ValueEdit.Apply(panel, SpecificationParser.ParseEdits("shymkent:avg_monthly_wage*2")));
        Assert.Contains("matches no value", e.Message);
    }

    [Fact]
    public void Spec_change_what_if_reports_band_changes()
    {
        var panel = Wages();
        var before = Scorecard.Score(panel, ScoringSpec.Paper);
        var after = Scorecard.Score(panel, SpecificationParser.ApplyScoring(ScoringSpec.Paper, thresholds: "70,85,105,150"));
        var diff = WhatIf.Compare(before, after);
        Assert.Equal(["Zhambyl"], diff.BandChanges.Select(c => c.Region)); // 90 % low → medium
    }

    [Theory]
    [InlineData("turkestan:avg_monthly_wage*1.2", "turkestan", "avg_monthly_wage", null, EditOperation.Multiply, 1.2)]
    [InlineData(" Almaty city : grp_per_capita @ 2022 -10% ", "Almaty city", "grp_per_capita", 2022, EditOperation.Multiply, 0.9)]
    [InlineData("atyrau:grp_per_capita@2022=20000.5", "atyrau", "grp_per_capita", 2022, EditOperation.Set, 20000.5)]
    [InlineData("atyrau:unemployment_rate=-1e-1", "atyrau", "unemployment_rate", null, EditOperation.Set, -0.1)]
    public void Edits_parse(string text, string region, string indicator, int? year, EditOperation op, double amount)
    {
        var edit = Assert.Single(SpecificationParser.ParseEdits(text));
        Assert.Equal((region, indicator, year, op), (edit.Region, edit.Indicator, edit.Year, edit.Operation));
        Assert.Equal(amount, edit.Amount, 12);
        Assert.Equal(edit with { Region = edit.Region }, Assert.Single(SpecificationParser.ParseEdits(edit.ToString())));
    }

    [Fact]
    public void Several_edits_and_blank_text()
    {
        Assert.Equal(2, SpecificationParser.ParseEdits("a:x*2; b:y+5%").Count);
        Assert.Equal(2, SpecificationParser.ParseEdits("a:x*2,b:y+5%").Count);
        Assert.Empty(SpecificationParser.ParseEdits("  "));
        Assert.Empty(SpecificationParser.ParseEdits(null));
    }

    [Theory]
    [InlineData("turkestan avg_monthly_wage*1.2", "item 1")]
    [InlineData("a:x*2; turkestan:avg_monthly_wage", "item 2")]
    [InlineData("turkestan:avg_monthly_wage*1,2", "item 2")]
    [InlineData("turkestan:avg_monthly_wage+20", "percent sign")]
    [InlineData("turkestan:avg_monthly_wage*120%", "'%' goes with + or -")]
    [InlineData("turkestan:avg_monthly_wage*1.2.3", "not a number")]
    public void Malformed_edits_are_rejected_with_a_clear_message(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SpecificationParser.ParseEdits(text));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("edits:", e.Message);
    }

    [Fact]
    public void Notebook_parameters_drive_the_spec()
    {
        var spec = SpecificationParser.ApplyScoring(thresholds: "70,95,105,150", points: "-2,-1,0.5,1,2", reference: "median", invert: "unemployment_rate",
            boundary: "rounded", weights: "grp_per_capita=2", aggregation: "weighted_sum", years: "2015-2017,2022", indicators: "grp_per_capita,unemployment_rate");
        Assert.Equal(ReferenceKind.Median, spec.Reference);
        Assert.Equal(Polarity.LowerIsBetter, spec.PolarityOf("unemployment_rate"));
        Assert.Equal(BoundaryRule.WholePercentRounded, spec.Bands.Rule);
        Assert.Equal(2.0, spec.WeightOf("GRP_per_capita"));
        Assert.Equal([2015, 2016, 2017, 2022], spec.Years.ToArray());
        Assert.Equal(ScoringSpec.Paper.Bands.Bands.ToArray(), spec.Bands.Bands.ToArray());
        Assert.Equal(ScoringSpec.Paper, SpecificationParser.ApplyScoring(thresholds: "70, 95, 105, 150", points: "-2,-1,0.5,1,2"));
        Assert.Equal(spec, SpecificationParser.ParseScoring(SpecificationFormatter.Format(spec)));
        Assert.Equal(ScoringSpec.Paper, SpecificationParser.ParseScoring(SpecificationFormatter.Format(ScoringSpec.Paper)));
        var zero = SpecificationParser.ParseScoring("points=-2,-1,0,1,2; reference = mean");
        Assert.Equal(0, zero.Bands.Bands[2].Points);
        Assert.Equal(ReferenceKind.UnweightedMeanOfRegions, zero.Reference);
        var three = SpecificationParser.ApplyScoring(thresholds: "80,120", points: "-1,0,1");
        Assert.Equal(["band 1", "band 2", "band 3"], three.Bands.Bands.Select(b => b.Label));
    }

    [Theory]
    [InlineData("thresholds", "70,abc,105,150", "item 2 'abc'")]
    [InlineData("thresholds", "70 95", "not a number")]
    [InlineData("thresholds", "70,105,95,150", "increase strictly")]
    [InlineData("thresholds", "70,95,105", "points needs 4")]
    [InlineData("points", "-2,-1,1,2", "has 4 values")]
    [InlineData("points", "-2,-1,0,5,1,2", "has 6 values")]
    [InlineData("reference", "average", "expected published, mean, weighted or median")]
    [InlineData("invert", "unemployment/rate,x", "item 1")]
    [InlineData("weights", "grp_per_capita=-1", "≥ 0")]
    [InlineData("years", "22", "not a year")]
    [InlineData("boundary", "inclusive", "expected lower, upper or rounded")]
    [InlineData("aggregation", "product", "expected sum")]
    public void Malformed_spec_parameters_are_rejected_naming_the_parameter(string name, string value, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SpecificationParser.ParseScoring($"{name}={value}"));
        Assert.StartsWith(name, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_or_repeated_parameter_names_are_rejected()
    {
        Assert.Contains("unknown parameter 'threshold'", Assert.Throws<FormatException>(() => SpecificationParser.ParseScoring("threshold=70")).Message);
        Assert.Contains("twice", Assert.Throws<FormatException>(() => SpecificationParser.ParseScoring("reference=mean; reference=median")).Message);
    }
}
