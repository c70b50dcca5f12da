using KzMigration.Specification;
using KzMigration.Scoring;
using KzMigration.Claims;
using KzMigration.Migration;
using KzMigration.Regions;
using static KzMigration.Tests.Claims.ClaimFixtures;

namespace KzMigration.Tests.Claims;

/// <summary>Each claim's evaluator on small constructed data whose verdict is known by construction.</summary>
public class PaperClaimsTests
{
    private static ClaimVerdict Run(string id, KzMigration.Data.WorkbenchData data, StudySpecification? options = null) =>
        PaperClaims.Get(id).Evaluate(data, options ?? StudySpecification.Paper);

    private static string Arrivals(int year, double each, string flow = "interregional") =>
        string.Concat(Units(year).Select(u => Row(u, year, flow, "arrivals", each)));

    [Fact]
    public void Catalogue_has_unique_ids_quotes_and_computations()
    {
        Assert.Equal(PaperClaims.All.Count, PaperClaims.All.Select(c => c.Id).Distinct().Count());
        Assert.All(PaperClaims.All, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Quote));
            Assert.False(string.IsNullOrWhiteSpace(c.Location));
            Assert.False(string.IsNullOrWhiteSpace(c.Computation));
            Assert.False(string.IsNullOrWhiteSpace(c.Expected.Value));
        });
    }

    [Fact]
    public void Quotes_are_verbatim_from_the_paper()
    {
        var paper = Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "..", "shared", "paper", "bokayev-akhmetova-internal-migration-kazakhstan.txt"));
        if (!File.Exists(paper)) return; // the paper is not redistributed with the repository
        var text = string.Join(" ", File.ReadAllText(paper).Replace("mi-\n\ngration", "migration").Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.All(PaperClaims.All, c => Assert.Contains(c.Quote, text));
    }

    // ---- C1: more than 320 thousand moved between regions in 2022 ----

    [Fact]
    public void C1_reproduced_when_interregional_arrivals_sum_above_320_thousand()
    {
        var v = Run("C1", Load(Arrivals(2022, 20_000)));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Equal("400,000 moves", v.Found);
        Assert.Equal(Flow.Interregional, v.Flow);
    }

    [Fact]
    public void C1_contradicted_when_interregional_arrivals_sum_below()
    {
        var v = Run("C1", Load(Arrivals(2022, 15_000)));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Equal("300,000 moves", v.Found);
    }

    [Fact]
    public void C1_contradicted_by_the_internal_upper_bound_without_interregional_arrivals()
    {
        // Internal arrivals include moves inside regions, so 20 × 15,000 = 300,000 bounds the interregional sum from above.
        var v = Run("C1", Load(Arrivals(2022, 15_000, "internal") + Balances(2022)));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Equal("at most 300,000 moves", v.Found);
    }

    [Fact]
    public void C1_reproduced_by_the_balance_lower_bound()
    {
        var v = Run("C1", Load(Balances(2022, Values(("astana-city", 200_000), ("almaty-city", 150_000)))));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Equal("at least 351,000 moves", v.Found); // 200,000 + 150,000 + Shymkent 1,000
    }

    [Fact]
    public void C1_not_testable_between_the_bounds_and_says_internal_arrivals_are_not_the_answer()
    {
        var v = Run("C1", Load(Arrivals(2022, 30_000, "internal") + Balances(2022)));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Equal("between 3,000 and 600,000 moves", v.Found);
        Assert.Contains("interregional arrivals 2022 for all 20 units are not in the loaded data (import them with `kzmig data import`)", v.Missing);
        Assert.Contains("NOT the number of people who moved between regions", v.Evidence);
    }

    // ---- C2: main inflow to the three cities, almost all others negative ----

    [Fact]
    public void C2_reproduced_when_cities_lead_and_others_are_negative()
    {
        var v = Run("C2", Load(Balances(2022, Values(("almaty-region", 500)))));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome); // the paper's 17 units: Almaty region (2022 territory) +500, the one exception
        Assert.Contains("13 of 14 other units negative", v.Found);
        Assert.Contains("the paper's 17 units on their 2022 territory", v.Basis);
    }

    [Fact]
    public void C2_contradicted_when_a_city_loses_or_two_regions_gain()
    {
        Assert.Equal(ClaimOutcome.Contradicted, Run("C2", Load(Balances(2022, Values(("shymkent-city", -5))))).Outcome);
        Assert.Equal(ClaimOutcome.Contradicted, Run("C2", Load(Balances(2022, Values(("atyrau", 5), ("aktobe", 5))))).Outcome);
        Assert.Equal(ClaimOutcome.Contradicted, Run("C2", Load(Balances(2022, Values(("atyrau", 5_000))))).Outcome); // Atyrau above a city
    }

    [Fact]
    public void C2_not_testable_with_a_unit_of_the_papers_list_missing_and_the_new_units_are_outside_it()
    {
        var v = Run("C2", Load(Balances(2022, omit: "kostanay")));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("Kostanay", v.Missing);
        // Zhetisu, created in 2022, is not in the paper's list: its absence changes nothing.
        Assert.Equal(ClaimOutcome.Reproduced, Run("C2", Load(Balances(2022, omit: "zhetisu"))).Outcome);
    }

    // ---- C3: 13 regions negative, K < 1 ----

    [Fact]
    public void C3_reproduced_with_13_negative_oblasts_on_the_papers_list()
    {
        // Almaty region +500 on its 2022 territory, Zhetisu −100: 13 of the 14 oblasts of the paper's list are negative.
        var v = Run("C3", Load(Balances(2022, Values(("almaty-region", 500)))));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Equal("13 of 14 oblasts", v.Found);
        Assert.Contains("the paper's 17 units on their 2022 territory", v.Basis);
        // The other layouts are context: 16 of 17 on the 20 units (Abai, Zhetisu, Ulytau add three negative oblasts); on the
        // 2018 territories Almaty region + Zhetisu = 500 − 100 = +400, so 13 of 14 there too.
        Assert.Contains("on the 20 units of 2022: 16 of 17 oblasts negative", v.Evidence);
        Assert.Contains("on the 17 units of 2018–2021 on their territory of those years: 13 of 14 oblasts negative", v.Evidence);
    }

    [Fact]
    public void C3_contradicted_with_14_whatever_option_of_boundaries_is_set()
    {
        var data = Load(Balances(2022));
        Assert.Equal(ClaimOutcome.Contradicted, Run("C3", data).Outcome);
        Assert.Equal("14 of 14 oblasts", Run("C3", data).Found);
        // The layout is the claim's, stated with it: the specification's boundaries for the figures do not move it.
        var on2022 = Run("C3", data, SpecificationParser.Parse("migration.boundaries=2022"));
        Assert.Equal("14 of 14 oblasts", on2022.Found);
        Assert.Same(BoundaryLayout.PaperNames, PaperClaims.Get("C3").Layout);
        Assert.Same(PaperClaims.Get("C3").Layout, PaperClaims.Get("C5").Layout);
    }

    [Fact]
    public void C3_same_count_for_the_internal_flow_from_internal_arrivals_and_departures()
    {
        // No balances at all: internal A − D gives the (equal) balance; 13 oblasts of the paper's list lose, Almaty region gains.
        var rows = string.Concat(Units(2022).Select(u =>
            Row(u, 2022, "internal", "arrivals", u is "almaty-region" or "astana-city" or "almaty-city" or "shymkent-city" ? 2_000 : 900) +
            Row(u, 2022, "internal", "departures", 1_000)));
        var v = Run("C3", Load(rows), SpecificationParser.Parse("migration.flow=internal"));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Equal(Flow.Internal, v.Flow);
        // Interregional K: its sign is the sign of the interregional balance, which equals internal A − D.
        var interregional = Run("C3", Load(rows));
        Assert.Equal(ClaimOutcome.Reproduced, interregional.Outcome);
        Assert.Equal(Flow.Interregional, interregional.Flow);
    }

    [Fact]
    public void C3_not_testable_while_a_missing_balance_could_still_make_13_and_contradicted_when_none_could()
    {
        var v = Run("C3", Load(Balances(2022, omit: "kostanay")));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome); // 13 negative known, Kostanay unknown: 13 or 14
        Assert.Contains("Kostanay", v.Missing);
        Assert.Equal("13 of 14 oblasts (1 missing)", v.Found);
        var few = Run("C3", Load(Balances(2022, Values(("atyrau", 5), ("aktobe", 5), ("mangystau", 5)), omit: "kostanay")));
        Assert.Equal(ClaimOutcome.Contradicted, few.Outcome); // at most 11 whatever Kostanay is
    }

    // ---- C4: Almaty region K = 1.02 in 2022 ----

    private static string AlmatyRegion(string flow, double a, double d) =>
        Row("almaty-region", 2022, flow, "arrivals", a) + Row("almaty-region", 2022, flow, "departures", d);

    [Fact]
    public void C4_reproduced_within_two_decimals()
    {
        var v = Run("C4", Load(AlmatyRegion("interregional", 45_798, 44_900)));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Equal("K = 1.020", v.Found);
    }

    [Fact]
    public void C4_contradicted_outside_the_tolerance()
    {
        var v = Run("C4", Load(AlmatyRegion("interregional", 80_064, 79_166)));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Equal("K = 1.011", v.Found);
    }

    [Fact]
    public void C4_not_testable_without_interregional_flows_reports_the_internal_K_as_context()
    {
        var data = Load(AlmatyRegion("internal", 80_064, 79_166));
        var v = Run("C4", data);
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Equal("interregional arrivals and departures of Almaty region for 2022 are not in the loaded data (import them with `kzmig data import`)", v.Missing);
        Assert.Contains("internal flow", v.Evidence);
        Assert.Contains("= 1.011", v.Evidence);
        Assert.Equal(Flow.Interregional, v.Flow);

        var internalFlow = Run("C4", data, SpecificationParser.Parse("migration.flow=internal"));
        Assert.Equal(ClaimOutcome.Contradicted, internalFlow.Outcome);
        Assert.Equal(Flow.Internal, internalFlow.Flow);
    }

    // ---- C5: only Almaty region above 1 in 2022 ----

    [Fact]
    public void C5_reproduced_when_only_Almaty_region_gains_among_oblasts()
    {
        Assert.Equal(ClaimOutcome.Reproduced, Run("C5", Load(Balances(2022, Values(("almaty-region", 900))))).Outcome);
        Assert.Equal(ClaimOutcome.Contradicted, Run("C5", Load(Balances(2022))).Outcome);
        Assert.Equal(ClaimOutcome.Contradicted, Run("C5", Load(Balances(2022, Values(("almaty-region", 900), ("mangystau", 1))))).Outcome);
        Assert.Equal(ClaimOutcome.NotTestable, Run("C5", Load(Balances(2022, Values(("almaty-region", 900)), omit: "kostanay"))).Outcome);
        // A second oblast above 1 contradicts it whatever is missing.
        Assert.Equal(ClaimOutcome.Contradicted, Run("C5", Load(Balances(2022, Values(("almaty-region", 900), ("mangystau", 1)), omit: "kostanay"))).Outcome);
    }

    // ---- C6: Almaty region negative in previous years ----

    [Fact]
    public void C6_reads_this_area_on_its_2022_territory_every_previous_year_and_one_positive_year_decides()
    {
        var all = string.Concat(Enumerable.Range(2015, 7).Select(y => OdYear(y, Values(("almaty-region", -10)))));
        var v = Run("C6", Load(odFlows: all));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.All(v.Reads, r => Assert.Equal(BoundaryEra.Era2022, r.Territory));

        var partial = OdYear(2019, Values(("almaty-region", -10))) + OdYear(2020, Values(("almaty-region", -10)));
        var p = Run("C6", Load(odFlows: partial));
        Assert.Equal(ClaimOutcome.NotTestable, p.Outcome);
        Assert.Contains("for 2015–2018, 2021", p.Missing);

        Assert.Equal(ClaimOutcome.Contradicted, Run("C6", Load(odFlows: OdYear(2017, Values(("almaty-region", 10))))).Outcome);
    }

    [Fact]
    public void C6_the_territory_of_the_time_with_Zhetisu_is_context_not_evidence()
    {
        // As published for 2021 (with Zhetisu): −6,372; on the 2022 territory (without Zhetisu): +586.
        var data = Load(Row("almaty-region", 2021, "interregional", "balance", -6372), odFlows: OdYear(2021, Values(("almaty-region", 586), ("zhetisu", -6958))));
        var v = Run("C6", data);
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Equal("2021: +586 (derived)", v.Found);
        Assert.Contains("2021 −6,372 (with Zhetisu)", v.Evidence);
        // The published figure alone is on another territory: it decides nothing.
        Assert.Equal(ClaimOutcome.NotTestable, Run("C6", Load(Row("almaty-region", 2021, "interregional", "balance", -6372))).Outcome);
    }

    [Fact]
    public void C6_half_years_are_context_not_evidence()
    {
        var v = Run("C6", Load(Row("almaty-region", 2019, "interregional", "balance", -10, "Jan-Jun")));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("Jan–Jun 2019 −10", v.Evidence);
    }

    // ---- C7: cities never below 1 in 2015–2022 ----

    private static string CityYears(int from, int to, double value = 1_000) =>
        string.Concat(Enumerable.Range(from, to - from + 1).SelectMany(y =>
            new[] { "astana-city", "almaty-city", "shymkent-city" }.Where(c => TestData.Data.Regions[c].ReportsIn(y))
                .Select(c => Row(c, y, "interregional", "balance", value))));

    [Fact]
    public void C7_reproduced_with_every_city_year_non_negative()
    {
        var v = Run("C7", Load(CityYears(2015, 2022)));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.DoesNotContain("Shymkent city 2015", v.Found); // Shymkent reports from 2018
    }

    [Fact]
    public void C7_contradicted_by_one_city_year_below_one_even_with_years_missing()
    {
        var v = Run("C7", Load(CityYears(2021, 2021) + Row("astana-city", 2022, "interregional", "balance", -1)));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Astana city 2022", v.Evidence);
    }

    [Fact]
    public void C7_not_testable_with_years_missing()
    {
        var v = Run("C7", Load(CityYears(2021, 2022)));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("Astana city 2015–2020; Almaty city 2015–2020; Shymkent city 2018–2020", v.Missing);
    }

    // ---- C8: steadiest outflow from Turkestan and Zhambyl ----

    // Every year before 2022 from an origin–destination block on the 20 units, 2022 from the official balances.
    private static (string Migration, string OdFlows) OutflowYears(int from, int to, params (string Key, double Value)[] extra)
    {
        var values = Values([("turkestan", -5_000), ("zhambyl", -4_000), .. extra]);
        return (to >= 2022 ? Balances(2022, values) : "",
                string.Concat(Enumerable.Range(from, Math.Min(to, 2021) - from + 1).Select(y => OdYear(y, values))));
    }

    [Fact]
    public void C8_reproduced_over_every_year_on_the_named_territories_Turkestan_without_Shymkent_before_2018_too()
    {
        var (migration, od) = OutflowYears(2015, 2022);
        // As published for 2015, South Kazakhstan (with Shymkent) and Almaty region (with Zhetisu) led: context only, never
        // standing for Turkestan or for Almaty region; Zhambyl's official figure (unchanged territory) agrees with the matrix.
        var v = Run("C8", Load(migration + Balances(2015, Values(("south-kazakhstan", -9_000), ("almaty-region", -8_000), ("zhambyl", -4_000))), odFlows: od));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Contains("2015: largest net outflows Turkestan −5,000, Zhambyl −4,000", v.Found);
        Assert.Contains("South Kazakhstan −9,000", v.Evidence); // the published layout, as context
        Assert.Empty(BoundaryLayout.Misreadings(PaperClaims.Get("C8"), v, TestData.Data.Regions));
    }

    [Fact]
    public void C8_Almaty_region_with_Zhetisu_does_not_stand_for_Almaty_region()
    {
        // 2020: Almaty region −3,000 and Zhetisu −3,000 — together (the 2018 territory) −6,000, more than Zhambyl, but
        // the paper's Almaty region is the 2022 territory: Turkestan and Zhambyl lead.
        var (migration, od) = OutflowYears(2015, 2022, ("almaty-region", -3_000), ("zhetisu", -3_000));
        var v = Run("C8", Load(migration, odFlows: od));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Contains("on the 17 units of 2018–2021 on their territory of those years: largest net outflows Almaty region −6,000, Turkestan −5,000, Zhambyl −4,000", v.Evidence);
    }

    [Fact]
    public void C8_contradicted_by_one_year_led_by_another_region_whatever_is_missing()
    {
        var (migration, od) = OutflowYears(2022, 2022);
        var v = Run("C8", Load(migration, odFlows: od + OdYear(2020, Values(("almaty-region", -9_000), ("turkestan", -5_000), ("zhambyl", -4_000)))));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Against the claim in 2020", v.Evidence);
    }

    [Fact]
    public void C8_not_testable_with_only_some_years_and_half_years_are_context()
    {
        var (migration, _) = OutflowYears(2022, 2022);
        var v = Run("C8", Load(migration + Balances(2019, Values(("almaty-region", -9_000)), "Jan-Jun")));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("2015–2021", v.Missing);
        Assert.Contains("Jan–Jun 2019 on its own boundaries: largest net outflows Almaty region −9,000", v.Evidence);
    }

    // ---- C10, C15: need what is not bundled (C9, C12: HousingClaimsTests) ----

    [Theory]
    [InlineData("C10", "definition of «low levels of migration»")]
    [InlineData("C15", "labour demand to labour supply")]
    public void Claims_needing_unbundled_figures_are_not_testable_even_on_full_data(string id, string missing)
    {
        var v = Run(id, TestData.Data);
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains(missing, v.Missing);
        Assert.False(v.IsReproduced);
    }

    // ---- C11: people leave Turkestan, Zhambyl, Kyzylorda, Karaganda, Kostanay ----

    [Fact]
    public void C11_needs_all_five_negative_on_the_territory_of_C12()
    {
        Assert.Equal(ClaimOutcome.Reproduced, Run("C11", Load(Balances(2022))).Outcome);
        // Karaganda on its 2022 territory (as its housing price in C12) is −100; with Ulytau (2018 territory) −100 + 150 > 0: context only.
        var v = Run("C11", Load(Balances(2022, Values(("ulytau", 150)))));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Contains("Karaganda +50", v.Evidence);
        Assert.Same(PaperClaims.Get("C11").Layout, PaperClaims.Get("C12").Layout);
        Assert.Equal(ClaimOutcome.NotTestable, Run("C11", Load(Balances(2022, omit: "kostanay"))).Outcome);
        Assert.Equal(ClaimOutcome.Contradicted, Run("C11", Load(Balances(2022, Values(("kyzylorda", 5)), omit: "kostanay"))).Outcome);
    }

    // ---- C13, C14, C16: Turkestan and Zhambyl low on GRP, wages, doctors ----

    [Theory]
    [InlineData("C13", "grp_per_capita")]
    [InlineData("C14", "avg_monthly_wage")]
    [InlineData("C16", "doctors_per_10k")]
    public void Indicator_claims_use_the_paper_bands(string id, string indicator)
    {
        string Rows(double turkestan, double zhambyl) =>
            Indicator("kazakhstan", 2022, indicator, 100) + Indicator("turkestan", 2022, indicator, turkestan) + Indicator("zhambyl", 2022, indicator, zhambyl);

        Assert.Equal(ClaimOutcome.Reproduced, Run(id, Load(socioeconomic: Rows(60, 94.9))).Outcome); // very low, low (below 95: the scorecard's lower-bound rule)
        Assert.Equal(ClaimOutcome.Contradicted, Run(id, Load(socioeconomic: Rows(60, 95))).Outcome); // 95 reaches medium
        var v = Run(id, Load(socioeconomic: Indicator("turkestan", 2022, indicator, 50) + Indicator("zhambyl", 2022, indicator, 50)));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome); // no national level
        Assert.Null(v.Flow);
    }

    [Theory]
    [InlineData(69.9, BoundaryRule.LowerBoundInclusive, "very low")]
    [InlineData(70, BoundaryRule.LowerBoundInclusive, "low")]
    [InlineData(94.89, BoundaryRule.LowerBoundInclusive, "low")]
    [InlineData(95, BoundaryRule.LowerBoundInclusive, "medium")]
    [InlineData(104.99, BoundaryRule.LowerBoundInclusive, "medium")]
    [InlineData(105, BoundaryRule.LowerBoundInclusive, "high")]
    [InlineData(150, BoundaryRule.LowerBoundInclusive, "very high")]
    [InlineData(94.89, BoundaryRule.WholePercentRounded, "medium")]
    [InlineData(94.4, BoundaryRule.WholePercentRounded, "low")]
    [InlineData(95, BoundaryRule.UpperBoundInclusive, "low")]
    public void Bands_follow_the_studys_scale(double percent, BoundaryRule rule, string band) =>
        Assert.Equal(band, ClaimEvidence.Band(percent, BandScale.Paper with { Rule = rule }));
}
