using KzMigration.Specification;
using KzMigration.Data;
using KzMigration.Migration;
using KzMigration.Scoring;
using KzMigration.Study;

namespace KzMigration.Tests.Study;

public class SocioEconomicScoringTests
{
    private static readonly Lazy<SocioEconomicPanel> Bundled = new(() => SocioEconomicScoring.From(TestData.Data));

    private static Scorecard Paper() => Scorecard.Score(Bundled.Value.Panel, Bundled.Value.PaperSpec);

    private static ScoredCell Cell(Scorecard result, string region, string indicator, int year) =>
        result.Cells.Single(c => c.Region == region && c.Indicator == indicator && c.Year == year);

    [Fact]
    public void Atyrau_and_Turkestan_GRP_per_capita_2022_score_from_the_bundled_data_through_the_bridge()
    {
        var result = Paper();
        // 19,974.1 / 5,284.7 = 378.0 % → very high, +2; 1,671.8 / 5,284.7 = 31.6 % → very low, −2.
        var atyrau = Cell(result, "atyrau", "grp_per_capita", 2022);
        Assert.Equal((19974.1, 5284.7), (atyrau.Value!.Value, atyrau.Reference!.Value));
        Assert.Equal(378.0, atyrau.Ratio!.Value, 1);
        Assert.Equal(("very high", 2.0), (atyrau.Band, atyrau.Points!.Value));
        var turkestan = Cell(result, "turkestan", "grp_per_capita", 2022);
        Assert.Equal(1671.8, turkestan.Value);
        Assert.Equal(31.6, turkestan.Ratio!.Value, 1);
        Assert.Equal(("very low", -2.0), (turkestan.Band, turkestan.Points!.Value));
    }

    [Fact]
    public void The_paper_factors_map_to_bundled_indicators_and_the_missing_ones_are_listed_with_their_import()
    {
        var panel = Bundled.Value;
        Assert.Equal(["grp_per_capita", "income_per_capita", "avg_monthly_wage", "unemployment_rate", "doctors_per_10k", "housing_price_per_m2"], panel.Indicators);
        Assert.Equal(["labour_demand_supply_ratio"], panel.Missing.Select(m => m.Factor.IndicatorId));
        Assert.Equal("not bundled: labour demand/supply ratio — import with kzmig data import FILE --indicator labour_demand_supply_ratio --kind ratio", panel.Missing[0].Message);
        var doctors = panel.Factors.Single(f => f.Factor.IndicatorId == "doctors_per_10k");
        Assert.Equal(20, doctors.UnitsInLatestYear);
        Assert.Contains("exists for 4 units only", doctors.Note);
        Assert.DoesNotContain("doctors_per_10k_bns", panel.Panel.Indicators);
        Assert.Equal(7, SocioEconomicScoring.FactorsTable(panel).Rows.Count);
        Assert.Equal(1, SocioEconomicScoring.MissingTable(panel).Rows.Count);
    }

    [Fact]
    public void A_missing_factor_is_scored_once_an_overlay_supplies_it()
    {
        var dir = TestData.Fixture(socioeconomicRows:
            "kazakhstan,2022,housing_price_per_m2,400,KZT per m2,exact,2022,bns-grp-per-capita,\n" +
            "atyrau,2022,housing_price_per_m2,300,KZT per m2,exact,2022,bns-grp-per-capita,\n" +
            "turkestan,2022,housing_price_per_m2,200,KZT per m2,exact,2022,bns-grp-per-capita,\n");
        File.AppendAllText(Path.Combine(dir, "indicators.csv"), "housing_price_per_m2,Housing price per square metre,KZT per m2,average,false,test\n");
        var panel = SocioEconomicScoring.From(WorkbenchData.Load(dir));
        Assert.Equal(["housing_price_per_m2"], panel.Indicators);
        // The fixture has no other figures, so every other factor is listed as missing.
        Assert.DoesNotContain("housing_price_per_m2", panel.Missing.Select(m => m.Factor.IndicatorId));
        Assert.Contains("labour_demand_supply_ratio", panel.Missing.Select(m => m.Factor.IndicatorId));
        var cell = Cell(Scorecard.Score(panel.Panel, panel.PaperSpec), "atyrau", "housing_price_per_m2", 2022);
        Assert.Equal(("low", 75.0), (cell.Band, cell.Ratio!.Value));
    }

    [Fact]
    public void Each_year_is_scored_on_the_units_of_its_boundary_era()
    {
        var panel = Bundled.Value.Panel;
        int Units(int year) => Paper().RegionsIn(year).Count;
        Assert.Equal(16, Units(2017));
        Assert.Equal(17, Units(2021));
        Assert.Equal(20, Units(2022));
        // 2021 incomes recalculated to the 2022 boundaries: kept for an unchanged unit, dropped for a changed or new one.
        Assert.Equal(251597, panel.Value("atyrau", "income_per_capita", 2021));
        Assert.Null(panel.Value("east-kazakhstan", "income_per_capita", 2021));
        Assert.DoesNotContain(Paper().RegionsIn(2021), r => r.Region == "abai");
        // 2015–2017 unemployment of Turkestan and Shymkent (2018 boundaries) does not make them units of 2015.
        Assert.DoesNotContain(Paper().RegionsIn(2015), r => r.Region == "turkestan");
        var excluded = Bundled.Value.Excluded;
        Assert.Contains(excluded, e => e is { Region: "east-kazakhstan", Indicator: "income_per_capita", Year: 2021 });
        Assert.Contains(excluded, e => e is { Region: "turkestan", Indicator: "unemployment_rate", Year: 2015 });
        Assert.DoesNotContain(excluded, e => e.Region == "atyrau");
    }

    [Fact]
    public void Comparable_units_leave_out_the_units_whose_territory_changed()
    {
        var regions = TestData.Data.Regions;
        var c22 = SocioEconomicScoring.ComparableUnits(regions, 2021, 2022);
        Assert.Equal(14, c22.Comparable.Count);
        Assert.Equal(["abai", "almaty-region", "zhetisu", "karaganda", "ulytau", "east-kazakhstan"], c22.Excluded.Select(e => e.Region));
        var c18 = SocioEconomicScoring.ComparableUnits(regions, 2017, 2018);
        Assert.Equal(["south-kazakhstan", "turkestan", "shymkent-city"], c18.Excluded.Select(e => e.Region));
        Assert.Equal(15, c18.Comparable.Count);
        Assert.Empty(SocioEconomicScoring.ComparableUnits(regions, 2019, 2020).Excluded);
        var (common, rows) = SocioEconomicScoring.YearChanges(Paper(), Bundled.Value, 2021, 2022);
        Assert.Equal(["grp_per_capita", "income_per_capita", "unemployment_rate", "housing_price_per_m2"], common);
        Assert.Equal(14, rows.Count);
        Assert.DoesNotContain(rows, r => r.Region == "east-kazakhstan");
    }

    [Fact]
    public void Labels_follow_the_language_and_mark_cities()
    {
        var labels = Bundled.Value.Labels("ru");
        Assert.Equal("г. Алматы", labels["almaty-city"].Label);
        Assert.True(labels["almaty-city"].IsCity);
        Assert.False(labels["turkestan"].IsCity);
        Assert.Throws<ArgumentException>(() => Bundled.Value.Labels("de"));
    }

    [Fact]
    public void Tables_show_percent_of_reference_and_keep_missing_cells_missing()
    {
        var result = Paper();
        var table = SocioEconomicScoring.PercentOfReferenceTable(result, Bundled.Value, 2022);
        Assert.Equal(20, table.Rows.Count);
        var atyrau = table.Rows.Single(r => (string)r[0] == "Atyrau");
        Assert.Equal(378.0, (double)atyrau[1]!);
        var cells = SocioEconomicScoring.CellsTable(result, Bundled.Value);
        // South Kazakhstan 2015 has no wage (the compilation gives none for it): unscored, never 0.
        var wage2015 = cells.Rows.Single(r => (int)r[0]! == 2015 && (string)r[2] == "avg_monthly_wage" && (string)r[1] == "South Kazakhstan");
        Assert.Null(wage2015[3]);
        Assert.Null(wage2015[7]); // points: missing, not 0
        Assert.Equal("MissingValue", wage2015[8]);
    }

    [Fact]
    public void Score_and_migration_reads_the_coefficient_flow_and_the_population_of_its_specification()
    {
        // The paper's specification: K of interregional flows (in 2022 only Pavlodar's are bundled), the net rate per the
        // mean population of 2022: (2,088,510 + 2,119,226) / 2 for Turkestan, 1 January 2022 and 2023 in population.csv.
        var paper = ScoreMigrationRelation.Of(Paper(), Bundled.Value, 2022, draws: 200, seed: 1);
        var turkestan = paper.Regions.Single(r => r.Region == "turkestan");
        Assert.Null(turkestan.K);
        Assert.Equal((2_088_510 + 2_119_226) / 2.0, turkestan.Population);
        Assert.Equal(1000.0 * -17752 / ((2_088_510 + 2_119_226) / 2.0), turkestan.NetRate!.Value, 12);
        Assert.True(paper.ScoreVsK.N <= 1);
        Assert.Equal(StudySpecification.Paper, paper.Specification);
        Assert.Contains("K (interregional)", paper.ToTable().Columns.Select(c => c.Name));

        // migration.flow=internal: K of internal arrivals and departures, which the relation records.
        var internalFlows = Bundled.Value.For(Bundled.Value.Specification with { Migration = MigrationChoices.Paper with { CoefficientFlow = Flow.Internal } });
        var relation = ScoreMigrationRelation.Of(Paper(), internalFlows, 2022, draws: 200, seed: 1);
        Assert.Equal(63838.0 / 81904.0, relation.Regions.Single(r => r.Region == "turkestan").K!.Value, 12);
        Assert.Equal(20, relation.ScoreVsK.N);
        Assert.Equal(20, relation.ScoreVsNetRate.N);
        Assert.Equal("migration.flow=internal", SpecificationFormatter.FormatChangesFromPaper(relation.ToTable().Specification));
        Assert.Equal(relation, ScoreMigrationRelation.Of(Paper(), internalFlows, 2022, draws: 200, seed: 1) with { Regions = relation.Regions });
        Assert.Equal(2, relation.CorrelationTable().Rows.Count);

        // migration.population=end: the population on 1 January 2023 of the same series.
        var atEnd = Bundled.Value.For(Bundled.Value.Specification with { Migration = MigrationChoices.Paper with { Population = PopulationBasis.EndOfYear } });
        Assert.Equal(1000.0 * -17752 / 2_119_226, ScoreMigrationRelation.Of(Paper(), atEnd, 2022, draws: 50).Regions.Single(r => r.Region == "turkestan").NetRate!.Value, 12);

        // A year without internal flows: K missing for every region, correlation undefined with n = 0.
        var y2018 = ScoreMigrationRelation.Of(Paper(), internalFlows, 2018, draws: 50);
        Assert.All(y2018.Regions, r => Assert.Null(r.K));
        Assert.Equal((0, (double?)null), (y2018.ScoreVsK.N, y2018.ScoreVsK.Rho));
    }

    [Fact]
    public void Outflow_ranks_put_the_most_negative_balance_first()
    {
        var table = ScoreMigrationRelation.OutflowRanks(TestData.Data, Flow.All, 2022, 2022, ["turkestan", "zhambyl"]);
        var row = table.Rows.Single();
        Assert.Equal(20, row[1]);
        Assert.Equal("Turkestan", row[2]);
        Assert.Equal(1, row[3]);
        Assert.Equal(2, row[4]);
    }

    [Fact]
    public void What_if_tables_show_a_changed_band_and_rank()
    {
        var panel = Bundled.Value;
        var after = SpecificationParser.ApplyScoring(panel.PaperSpec, reference: "median");
        var edits = SpecificationParser.ParseEdits("turkestan:avg_monthly_wage*1.2");
        var cmp = WhatIf.Run(panel.Panel, panel.PaperSpec, edits, after);
        Assert.True(SocioEconomicScoring.BandChangesTable(cmp, panel, year: 2022).Rows.Count > 0);
        var edited = SocioEconomicScoring.EditedCellsTable(cmp, edits, panel, 2022).Rows.Single();
        Assert.Equal(("Turkestan", 237189.0), ((string)edited[0], (double)edited[2]!));
        Assert.Equal(237189.0 * 1.2, (double)edited[3]!, 6);
        Assert.Equal(20, SocioEconomicScoring.RankChangesTable(cmp, panel, 2022).Rows.Count);
    }

    [Fact]
    public void One_at_a_time_lists_every_open_choice_and_the_gap_rules_matter_little()
    {
        var panel = Bundled.Value;
        var alternatives = SocioEconomicScoring.Alternatives(panel);
        Assert.Contains(alternatives, a => a.Parameters == "boundary=rounded");
        Assert.Contains(alternatives, a => a.Parameters == "points=-2,-1,0,1,2");
        // 1: no fallback reference where a year has no national wage; 3: the other housing price, programme prices, housing as a cost.
        Assert.Equal(7 + 1 + 3 + panel.Indicators.Count, alternatives.Count);
        Assert.Contains(alternatives, a => a.Parameters == "reference_fallback=none");
        var table = SocioEconomicScoring.OneAtATimeTable(panel, panel.PaperSpec, 2022);
        Assert.Equal(alternatives.Count, table.Rows.Count);
        // Medium worth 0 instead of +0.5 changes no band (only points).
        Assert.Equal(0, table.Rows.Single(r => (string)r[1] == "points=-2,-1,0,1,2")[2]);
    }
}
