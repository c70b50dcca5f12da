using System.Collections.Immutable;
using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Regions;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Statistics;

namespace KzMigration.Tests.Specification;

/// <summary>The study's one specification: its text form round-trips for every field, and keeps the --param names.</summary>
public class StudySpecificationTests
{
    private static readonly string[] IndicatorIds =
        ["grp_per_capita", "income_per_capita", "avg_monthly_wage", "unemployment_rate", "job_seekers", "housing_price_per_m2", "poverty_rate", "doctors_per_10k"];

    /// <summary>A random specification: every field of every section drawn from its valid domain (seeded, so reproducible).</summary>
    internal static StudySpecification RandomSpecification(Random r)
    {
        T One<T>(IReadOnlyList<T> xs) => xs[r.Next(xs.Count)];
        ImmutableArray<string> Some(bool allowEmpty)
        {
            var names = IndicatorIds.Where(_ => r.Next(2) == 0).ToList();
            if (!allowEmpty && names.Count == 0) names.Add(One(IndicatorIds));
            return [.. names.OrderBy(_ => r.Next())];
        }
        double Number() => Math.Round(r.NextDouble() * 400 - 200, r.Next(0, 6)) + (r.Next(4) == 0 ? r.NextDouble() * 1e-9 : 0);

        var bandCount = r.Next(1, 7);
        var thresholds = new SortedSet<double>();
        while (thresholds.Count < bandCount - 1) thresholds.Add(Math.Round(r.NextDouble() * 300, r.Next(0, 4)));
        // Labels are free text: quotes, shell and URL characters must survive the text form, a link and a command line.
        string[] words = ["very low", "low", "medium", "high", "very high", "band", "x", "it's", "$(touch x)", "a\"b", "`id`", "50%&more", "Ω+1", "a=b"];
        var bands = Enumerable.Range(0, bandCount).Select(k => new Band($"{One(words)} {k}", Number()));
        var weights = ImmutableDictionary.CreateRange(Some(true).Select(i => KeyValuePair.Create(i, Math.Abs(Number()))));
        var years = Enumerable.Range(2010, 15).Where(_ => r.Next(3) == 0).ToImmutableArray();

        var scoring = new ScoringSpec
        {
            Reference = One(Enum.GetValues<ReferenceKind>()),
            ReferenceFallback = One<ReferenceKind?>([null, ReferenceKind.Median, ReferenceKind.UnweightedMeanOfRegions, ReferenceKind.PopulationWeightedMean]),
            Bands = new BandScale(thresholds, bands, One(Enum.GetValues<BoundaryRule>())),
            Indicators = Some(true),
            Inverted = Some(true),
            Weights = weights,
            Aggregation = One(Enum.GetValues<Aggregation>()),
            Years = years,
            Housing = new HousingChoice(One(Enum.GetValues<HousingPrice>()), One(Enum.GetValues<ProgrammePrices>())),
        };
        var first = r.Next(1995, 2030);
        var migration = new MigrationChoices
        {
            CoefficientFlow = One(Enum.GetValues<Flow>()),
            Boundaries = One(BoundaryEra.All),
            FirstYear = first,
            LastYear = first + r.Next(0, 10),
        };
        var from = r.Next(1995, 2030);
        var estimation = new EstimationSpec
        {
            Indicators = [.. Some(false)],
            Lag = r.Next(2) == 0,
            FromYear = from,
            ToYear = from + r.Next(0, 10),
            Units = One(Enum.GetValues<PanelUnits>()),
            Weights = One(Enum.GetValues<BootstrapWeights>()),
            Replications = r.Next(99, 100_000),
            Seed = (ulong)r.NextInt64() * 2,
            Confidence = Math.Round(r.NextDouble(), r.Next(1, 16)) is var c and > 0 and < 1 ? c : 0.5,
            GravityYears = [.. Enumerable.Range(2000, 30).Where(_ => r.Next(4) == 0).DefaultIfEmpty(2015).OrderBy(_ => r.Next())],
            GravityEra = One(["2015", "2018", "2022"]),
            Interval = One(Enum.GetValues<BootstrapInterval>()),
            GravityCluster = One(Enum.GetValues<GravityClustering>()),
            CityHinterland = r.Next(2) == 0,
            PushPull = [.. Some(false)],
        };
        var sensitivity = new SensitivityDesign
        {
            Vary = [.. SensitivityDesign.VariablePaths.Where(_ => r.Next(2) == 0)],
            Draws = r.Next(1, 1_000_000),
            Seed = (ulong)r.NextInt64() * 3,
            ThresholdJitter = Math.Abs(Number()),
            PointJitter = Math.Abs(Number()),
            References = [.. Enum.GetValues<ReferenceKind>().Where(_ => r.Next(2) == 0)],
            Invert = Some(true),
            InvertSeparately = Some(true),
            LeaveOut = Some(true),
        };
        var claims = new ClaimChoices
        {
            NegligibleNetMigrationPer1000 = 1e-3 + Math.Round(r.NextDouble() * 999, r.Next(0, 6)),
            NegligibleFlowPercent = 1e-3 + Math.Round(r.NextDouble() * 999, r.Next(0, 6)),
        };
        return new StudySpecification { Scoring = scoring, Migration = migration, Estimation = estimation, Sensitivity = sensitivity, Claims = claims };
    }

    [Fact]
    public void Spec_to_text_to_spec_round_trips_for_random_specifications()
    {
        var r = new Random(20261202);
        for (var n = 0; n < 500; n++)
        {
            var spec = RandomSpecification(r);
            var text = SpecificationFormatter.Format(spec);
            var back = SpecificationParser.Parse(text);
            Assert.True(spec == back, $"draw {n}: {text}\nread back as\n{SpecificationFormatter.Format(back)}");
            Assert.Equal(text, SpecificationFormatter.Format(back));
            // Each section alone too, from any baseline: the text fixes every field.
            Assert.Equal(spec, SpecificationParser.Parse(text, RandomSpecification(r)));
            Assert.Equal(spec.Scoring, SpecificationParser.ParseScoring(SpecificationFormatter.Format(spec.Scoring)));
            // The scoring layer's own text form (ScoringSpec.ToString, written one layer down) is the table's scoring section.
            Assert.Equal($"ScoringSpec {{ {SpecificationFormatter.Format(spec.Scoring)} }}", spec.Scoring.ToString());
            Assert.Equal(spec.Estimation, SpecificationParser.ParseEstimation(SpecificationFormatter.Format(spec.Estimation)));
        }
    }

    [Fact]
    public void A_scoring_specification_prints_the_study_s_text_form_which_reads_back()
    {
        var spec = ScoringSpec.Paper with
        {
            Reference = ReferenceKind.Median,
            ReferenceFallback = null,
            Bands = new BandScale([75, 95, 105, 140], BandScale.Paper.Bands, BoundaryRule.WholePercentRounded),
            Inverted = ["unemployment_rate"],
            Weights = ImmutableDictionary<string, double>.Empty.Add("grp_per_capita", 2.5),
            Aggregation = Aggregation.WeightedMean,
            Years = [2021, 2022],
        };
        const string text = "reference=median; reference_fallback=none; thresholds=75,95,105,140; points=-2,-1,0.5,1,2; "
            + "labels=very low,low,medium,high,very high; boundary=rounded; invert=unemployment_rate; indicators=all; "
            + "weights=grp_per_capita=2.5; aggregation=weighted_mean; years=2021,2022; housing=resale; programme_prices=excluded";
        Assert.Equal("ScoringSpec { " + text + " }", spec.ToString());
        Assert.Equal(text, SpecificationFormatter.Format(spec));
        Assert.Equal(spec, SpecificationParser.ParseScoring(text));
        Assert.Equal("thresholds=none; points=1; labels=all; boundary=lower", ScoringText.Format(new BandScale([], [new Band("all", 1)])));
    }

    [Fact]
    public void The_text_names_every_path_once()
    {
        var text = SpecificationFormatter.Format(StudySpecification.Paper);
        var paths = text.Split("; ").Select(item => item[..item.IndexOf('=')]).ToList();
        Assert.Equal(SpecificationParser.Paths.Order(), paths.Order());
    }

    [Fact]
    public void Every_path_changes_the_specification_it_names()
    {
        // A field that the formatter wrote but the parser ignored (or the reverse) would leave the paper's specification unchanged.
        var r = new Random(7);
        var other = SpecificationFormatter.Format(RandomSpecification(r)).Split("; ").ToDictionary(i => i[..i.IndexOf('=')], i => i[(i.IndexOf('=') + 1)..]);
        var paper = SpecificationFormatter.Format(StudySpecification.Paper).Split("; ").ToDictionary(i => i[..i.IndexOf('=')], i => i[(i.IndexOf('=') + 1)..]);
        foreach (var path in SpecificationParser.Paths)
        {
            if (other[path] == paper[path]) continue;
            // Thresholds, points and labels must agree in number, so they change together.
            string[] scale = ["scoring.thresholds", "scoring.points", "scoring.labels"];
            var text = scale.Contains(path) ? string.Join("; ", scale.Select(p => $"{p}={other[p]}")) : $"{path}={other[path]}";
            var changed = SpecificationParser.Parse(text);
            Assert.True(changed != StudySpecification.Paper, path);
        }
    }

    [Fact]
    public void The_param_names_of_the_readme_keep_working()
    {
        var spec = StudySpecification.Paper;
        spec = SpecificationParser.With(spec, "thresholds", "75,95,105,140");
        spec = SpecificationParser.With(spec, "housing", "new");
        spec = SpecificationParser.With(spec, "reference", "median");
        spec = SpecificationParser.With(spec, "invert", "unemployment_rate");
        spec = SpecificationParser.With(spec, "flow", "internal");
        spec = SpecificationParser.With(spec, "programme_prices", "");
        Assert.Equal([75.0, 95, 105, 140], spec.Scoring.Bands.Thresholds.ToArray());
        Assert.Equal(HousingPrice.New, spec.Scoring.Housing.Price);
        Assert.Equal(ReferenceKind.Median, spec.Scoring.Reference);
        Assert.Equal(Polarity.LowerIsBetter, spec.Scoring.PolarityOf("unemployment_rate"));
        Assert.Equal(Flow.Internal, spec.Migration.CoefficientFlow);
        Assert.Equal(spec, SpecificationParser.Parse("thresholds=75,95,105,140; housing=new; reference=median; invert=unemployment_rate; flow=internal"));
        // Notebook 06's estimation text, with or without the section's prefix.
        Assert.Equal(SpecificationParser.ParseEstimation("lag=no; units=stable"),
            SpecificationParser.Parse("estimation.lag=no; estimation.units=stable").Estimation);
        Assert.False(SpecificationParser.ParseEstimation("lag=no; units=stable").Lag);
    }

    [Fact]
    public void Every_field_of_a_random_specification_is_written_and_read_by_its_own_codec()
    {
        // Round trip by construction: each field alone, from the paper's specification, gives the random value back.
        var r = new Random(20261203);
        for (var n = 0; n < 200; n++)
        {
            var spec = RandomSpecification(r);
            foreach (var field in SpecificationFields.All.Where(f => f.Group is null))
            {
                var text = field.Format(spec);
                var back = SpecificationParser.Parse([KeyValuePair.Create(field.Path, (string?)text)]);
                Assert.Equal(text, field.Format(back));
            }
            // The band scale's fields go together (their numbers must agree).
            var scale = string.Join("; ", new SpecificationField[] { SpecificationFields.ScoringThresholds, SpecificationFields.ScoringPoints, SpecificationFields.ScoringLabels }
                .Select(f => $"{f.Path}={f.Format(spec)}"));
            Assert.Equal(spec.Scoring.Bands, SpecificationParser.Parse(scale + $"; scoring.boundary={SpecificationFields.ScoringBoundary.Format(spec)}").Scoring.Bands);
        }
    }

    [Theory]
    [InlineData("colour=red", "unknown path 'colour'")]
    [InlineData("thresholds=70,95; scoring.thresholds=70,95", "given twice")]
    [InlineData("migration.flow=sideways", "migration.flow")]
    [InlineData("migration.boundaries=2019", "migration.boundaries")]
    [InlineData("sensitivity.vary=scoring.labels", "scoring.labels")]
    [InlineData("sensitivity.draws=0", "sensitivity.draws")]
    [InlineData("estimation.lag=maybe", "lag")]
    [InlineData("reference", "not name=value")]
    public void Bad_text_names_the_path(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SpecificationParser.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_default_design_is_the_notebooks_monte_carlo()
    {
        var scoring = ScoringSpec.Paper with { Years = [2022] };
        var design = StudySpecification.Paper.Sensitivity with { Draws = 2000, PointJitter = 0 };
        var expected = new SensitivityInput { Base = scoring, Draws = 2000, Seed = 20240607, ThresholdJitter = 5, PointJitter = 0 };
        var actual = design.Around(scoring);
        Assert.Equal(expected with { References = actual.References, PolarityCandidates = actual.PolarityCandidates, SeparatePolarities = actual.SeparatePolarities, ExclusionCandidates = actual.ExclusionCandidates }, actual);
        Assert.Equal(expected.PolarityCandidates.ToArray(), actual.PolarityCandidates.ToArray());
        Assert.Equal(expected.SeparatePolarities.ToArray(), actual.SeparatePolarities.ToArray());
        Assert.True(actual.References.IsEmpty && actual.ExcludeOneIndicator);
        // A path left out of the design stays at the base value.
        var fixedReference = (design with { Vary = ["scoring.thresholds"] }).Around(scoring);
        Assert.Equal([scoring.Reference], fixedReference.References.ToArray());
        Assert.False(fixedReference.ExcludeOneIndicator);
        Assert.Empty(fixedReference.PolarityCandidates);
    }

    [Fact]
    public void Two_runs_compare_by_the_items_that_changed()
    {
        var before = StudySpecification.Paper;
        var after = before with { Scoring = before.Scoring with { Reference = ReferenceKind.Median }, Migration = before.Migration with { CoefficientFlow = Flow.Internal } };
        Assert.Equal("reference=median", SpecificationFormatter.FormatChanges(before.Scoring, after.Scoring));
        Assert.Equal("scoring.reference=median; migration.flow=internal", SpecificationFormatter.FormatChanges(before, after));
        Assert.Equal("no change", SpecificationFormatter.FormatChanges(before, before with { }));
    }
}
