using KzMigration.Specification;
using System.Globalization;
using System.Text;
using KzMigration.Claims;
using KzMigration.Data;
using KzMigration.Scoring;
using static KzMigration.Tests.Claims.ClaimFixtures;

namespace KzMigration.Tests.Claims;

/// <summary>C9 and C12, the paper's housing claims, on constructed data (national level 100, so a price is its own percentage).</summary>
public class HousingClaimsTests
{
    private const string Resale = "housing_price_resale_per_m2", New = "housing_price_new_per_m2";

    private static ClaimVerdict Run(string id, WorkbenchData data, HousingChoice? housing = null) =>
        PaperClaims.Get(id).Evaluate(data, StudySpecification.Paper with { Scoring = StudySpecification.Paper.Scoring with { Housing = housing ?? HousingChoice.Default } });

    /// <summary>A housing.csv row (programme = the state programme of a fixed price, empty for a market price).</summary>
    private static string Price(string region, double value, string indicator = Resale, string programme = "", int year = 2022) =>
        string.Create(CultureInfo.InvariantCulture, $"{region},{year},{indicator},{value},KZT per m2,exact,,Centre,{programme},bns-housing-market-prices,\n");

    /// <summary>Prices of 2022: national 100, the given values, <paramref name="others"/> for every other unit (none when null).</summary>
    private static string Prices(IReadOnlyDictionary<string, double> values, double? others = 90, string indicator = Resale, params string[] omit)
    {
        var rows = new StringBuilder(Price("kazakhstan", 100, indicator));
        foreach (var unit in Units(2022).Where(u => !omit.Contains(u)))
            if (values.TryGetValue(unit, out var v)) rows.Append(Price(unit, v, indicator));
            else if (others is { } o) rows.Append(Price(unit, o, indicator));
        return rows.ToString();
    }

    private static WorkbenchData Load(string migration, string socioeconomic, string housing)
    {
        var dir = TestData.Fixture(migration, socioeconomic);
        File.WriteAllText(Path.Combine(dir, DataTables.Housing.File), string.Join(",", DataTables.Housing.Header) + "\n" + housing);
        return WorkbenchData.Load(dir);
    }

    private static string Grp(params (string Region, double Value)[] values) =>
        string.Concat(values.Prepend(("kazakhstan", 100)).Select(v => Indicator(v.Item1, 2022, "grp_per_capita", v.Item2)));

    // ---- C9: high housing prices and high GRP per capita → positive balance ----

    [Fact]
    public void C9_reproduced_when_every_unit_with_both_high_has_a_positive_balance()
    {
        // Astana: housing 150 % and GRP 200 % (both high), balance +1,000 (a city); Atyrau: GRP high, housing 90 % (not high).
        var data = Load(Balances(2022), Grp(("astana-city", 200), ("atyrau", 300)), Prices(Values(("astana-city", 150))));
        var v = Run("C9", data);
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Equal("Astana city housing 150.0 %, GRP 200.0 %, balance +1,000", v.Found);
        Assert.Contains("Atyrau (GRP only) −100", v.Evidence);
        Assert.Contains("High = ≥ 105 % of the national level", v.Basis);
        Assert.Contains("resale price per m²", v.Basis);
    }

    [Fact]
    public void C9_contradicted_by_one_unit_with_both_high_and_a_negative_balance_whatever_is_missing()
    {
        // Atyrau: both high, balance −100. Mangystau has no housing price and no GRP: it could qualify, but Atyrau decides.
        var data = Load(Balances(2022), Grp(("atyrau", 300)), Prices(Values(("atyrau", 120)), omit: "mangystau"));
        var v = Run("C9", data);
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Balance not positive: Atyrau", v.Evidence);
    }

    [Fact]
    public void C9_not_testable_when_a_unit_that_could_qualify_lacks_a_figure()
    {
        var data = Load(Balances(2022), Grp(("astana-city", 200), ("mangystau", 150)), Prices(Values(("astana-city", 150)), omit: "mangystau"));
        var v = Run("C9", data);
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("Mangystau 2022 has no housing_price_resale_per_m2", v.Missing);
        Assert.False(v.IsReproduced);
        // Ulytau, created in 2022, is outside the paper's list: its missing price leaves nothing open.
        var outside = Load(Balances(2022), Grp(("astana-city", 200), ("ulytau", 150)), Prices(Values(("astana-city", 150)), omit: "ulytau"));
        Assert.Equal(ClaimOutcome.Reproduced, Run("C9", outside).Outcome);
    }

    [Fact]
    public void C9_not_testable_without_any_housing_prices()
    {
        var v = Run("C9", ClaimFixtures.Load(Balances(2022), Grp(("astana-city", 200))));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Contains("has no housing_price_resale_per_m2", v.Missing);
    }

    [Fact]
    public void C9_contradicted_when_no_unit_has_both_high()
    {
        // Astana: housing high, GRP medium; Atyrau: GRP high, housing 90 %; every other unit's housing (90 %) rules it out.
        var data = Load(Balances(2022), Grp(("atyrau", 300), ("astana-city", 100)), Prices(Values(("astana-city", 150))));
        var v = Run("C9", data);
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Equal("no unit with both high", v.Found);
        Assert.Contains("do not exist in these data", v.Evidence);
    }

    [Fact]
    public void C9_reads_the_chosen_price_and_leaves_an_excluded_programme_price_missing()
    {
        // Resale: Astana 150 % → reproduced. New housing: Atyrau (GRP high) has only a programme price.
        var housing = Prices(Values(("astana-city", 150))) +
                      Prices(Values(("astana-city", 150)), indicator: New, omit: "atyrau") + Price("atyrau", 200, New, "Nurly Zhol");
        var data = Load(Balances(2022), Grp(("astana-city", 200), ("atyrau", 300)), housing);
        Assert.Equal(ClaimOutcome.Reproduced, Run("C9", data).Outcome);
        var excluded = Run("C9", data, new HousingChoice(HousingPrice.New));
        Assert.Equal(ClaimOutcome.NotTestable, excluded.Outcome);
        Assert.Contains("Atyrau 2022 is a Nurly Zhol programme price in Centre, excluded by programme_prices=excluded", excluded.Missing);
        // Included: Atyrau 200 % and GRP 300 % with balance −100 → contradicted.
        Assert.Equal(ClaimOutcome.Contradicted, Run("C9", data, new HousingChoice(HousingPrice.New, ProgrammePrices.Included)).Outcome);
    }

    [Fact]
    public void C9_is_inconclusive_when_the_references_disagree_about_a_unit_whose_balance_is_not_positive()
    {
        // Karaganda: GRP 150 % (high), housing 90 % of the national level (not high) but above the median unit (70), balance −100.
        var housing = Prices(Values(("astana-city", 150), ("karaganda", 90)), others: 70);
        var grp = Grp(("astana-city", 200), ("karaganda", 150));
        var v = Run("C9", Load(Balances(2022), grp, housing));
        Assert.Equal(ClaimOutcome.Inconclusive, v.Outcome);
        Assert.Equal("Astana city housing 150.0 %, GRP 200.0 %, balance +1,000", v.Found);
        Assert.Contains("Whether Karaganda has high housing prices depends on the reference", v.Evidence);
        Assert.Contains("THE REFERENCES DISAGREE on high housing prices of units with a high GRP per capita: Karaganda 90.0 % of national, 128.6 % of the median unit (high against the median unit only)", v.Evidence);
        // The same unit with a positive balance decides nothing: the claim holds on either reference.
        Assert.Equal(ClaimOutcome.Reproduced, Run("C9", Load(Balances(2022, Values(("karaganda", 50))), grp, housing)).Outcome);
        // High against both references with a balance ≤ 0: contradicted.
        Assert.Equal(ClaimOutcome.Contradicted, Run("C9", Load(Balances(2022), grp, Prices(Values(("astana-city", 150), ("karaganda", 120)), others: 70))).Outcome);
    }

    // ---- C12: Turkestan, Zhambyl, Kyzylorda, Karaganda, Kostanay have relatively low housing costs ----

    private static readonly (string, double)[] FiveLow = [("turkestan", 60), ("zhambyl", 59), ("kyzylorda", 61), ("karaganda", 80), ("kostanay", 94.4)];

    [Fact]
    public void C12_reproduced_when_all_five_are_below_95_percent()
    {
        var v = Run("C12", Load("", "", Prices(Values(FiveLow), others: 120)));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        // 94.4 % is below 95 %: «low» on the study's scale (ClaimEvidence.Band, BandScale.Paper).
        Assert.Contains("Kostanay (Centre) 94.4 % of national (low), 78.7 % of the median unit, rank 5 of 17", v.Found);
        Assert.Contains("Zhambyl (Centre) 59.0 % of national (very low), 49.2 % of the median unit, rank 1 of 17", v.Found);
        Assert.Contains("the references agree", v.Evidence);
    }

    [Fact]
    public void C12_is_inconclusive_when_the_references_disagree_and_names_which()
    {
        // The other 12 units of the paper's list at 70 %: the median unit (9th of 17) is at 70, so Karaganda (80) and
        // Kostanay (94.4) are not low against it, while all five are below 95 % of the national level.
        var v = Run("C12", Load("", "", Prices(Values(FiveLow), others: 70)));
        Assert.Equal(ClaimOutcome.Inconclusive, v.Outcome);
        Assert.Contains("The two references disagree for Karaganda, Kostanay", v.Evidence);
        Assert.Contains("THE REFERENCES DISAGREE: against the median unit, Karaganda, Kostanay are not low", v.Evidence);
        Assert.Contains("Karaganda (Centre) 80.0 % of national (low), 114.3 % of the median unit, rank 16 of 17", v.Found);
        Assert.Contains("both references agree", PaperClaims.Get("C12").Rule.Reproduced);
        Assert.Contains("references disagree", PaperClaims.Get("C12").Rule.Inconclusive);
    }

    [Fact]
    public void C12_is_inconclusive_the_other_way_too_below_the_median_unit_but_not_below_95_percent_of_the_national_level()
    {
        // Kostanay at 96 % of the national level (medium), the other units at 120: below the median unit, not low nationally.
        var v = Run("C12", Load("", "", Prices(Values(("turkestan", 60), ("zhambyl", 59), ("kyzylorda", 61), ("karaganda", 80), ("kostanay", 96)), others: 120)));
        Assert.Equal(ClaimOutcome.Inconclusive, v.Outcome);
        Assert.Contains("against the national level, Kostanay is not low (at or above 95 %), though below the median unit", v.Evidence);
    }

    [Fact]
    public void C12_states_the_national_reference_change_and_the_earlier_positions_when_the_references_disagree()
    {
        // 2021: national 60, every unit 50 (mean 50); 2022: national 100, five low, others 70 (median 70), so the references
        // disagree. National +66.7 %; the 17 units' mean from 50 to (60 + 59 + 61 + 80 + 94.4 + 12 · 70) / 17 = 70.258…: +40.5 %.
        var y2021 = new StringBuilder(Price("kazakhstan", 60, year: 2021));
        foreach (var unit in BoundaryLayoutUnits()) y2021.Append(Price(unit, 50, year: 2021));
        var v = Run("C12", Load("", "", Prices(Values(FiveLow), others: 70) + y2021));
        Assert.Equal(ClaimOutcome.Inconclusive, v.Outcome);
        var mean2022 = (60 + 59 + 61 + 80 + 94.4 + 12 * 70) / 17.0;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"The national reference moved +66.7 % from 2021 to 2022 (60 → 100 KZT per m²), while the unweighted mean of the 17 units priced in both years moved +{(mean2022 / 50 - 1) * 100:0.0} %"), v.Evidence);
        Assert.Contains("Earlier years (context, not evidence): Karaganda: 2021 83.3 % of national, 100.0 % of the median unit", v.Evidence);
    }

    // The 17 units of the paper's list (on the 2022 units' keys), as priced in 2021.
    private static IEnumerable<string> BoundaryLayoutUnits() => BoundaryLayout.PaperNames.Units(TestData.Data.Regions, 2022).Select(u => u.Key);

    [Fact]
    public void C12_contradicted_by_one_region_at_or_above_both_references_whatever_is_missing()
    {
        // Kostanay 95 % reaches medium and lies above the median unit (90); Zhambyl missing does not save the claim.
        var v = Run("C12", Load("", "", Prices(Values(("turkestan", 60), ("kyzylorda", 61), ("karaganda", 80), ("kostanay", 95)), omit: "zhambyl")));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Not low against either reference (at or above 95 % of the national level and at or above the median unit): Kostanay", v.Evidence);
    }

    [Fact]
    public void C12_not_testable_when_a_price_is_missing()
    {
        // The other units at 120 %: the median unit agrees with the national level for the four priced ones.
        var v = Run("C12", Load("", "", Prices(Values(FiveLow), others: 120, omit: "zhambyl")));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Equal("Zhambyl 2022 has no housing_price_resale_per_m2", v.Missing);
        Assert.Contains("The regions with a price are all below 95 % of the national level and below the median unit", v.Evidence);
    }

    [Fact]
    public void C12_programme_prices_are_excluded_by_default_and_counted_when_included()
    {
        var housing = Prices(Values(FiveLow), others: 120, indicator: New, omit: "zhambyl") + Price("zhambyl", 40, New, "Nurly Zhol");
        var data = Load("", "", housing);
        var excluded = Run("C12", data, new HousingChoice(HousingPrice.New));
        Assert.Equal(ClaimOutcome.NotTestable, excluded.Outcome);
        Assert.Contains("Zhambyl 2022 is a Nurly Zhol programme price", excluded.Missing);
        var included = Run("C12", data, new HousingChoice(HousingPrice.New, ProgrammePrices.Included));
        Assert.Equal(ClaimOutcome.Reproduced, included.Outcome);
        Assert.Contains("Zhambyl (Centre) 40.0 % of national (very low)", included.Found);
        Assert.Contains("programme prices included", included.Basis);
        // The resale series is absent from this folder: the default choice finds nothing.
        Assert.Equal(ClaimOutcome.NotTestable, Run("C12", data).Outcome);
    }

    [Fact]
    public void The_bundled_verdicts_follow_the_recorded_choice()
    {
        // Resale: Karaganda and Kostanay lie above the median unit (C12); Karaganda and Mangystau are high against it only (C9).
        Assert.Equal(ClaimOutcome.Inconclusive, Run("C12", TestData.Data).Outcome);
        // New housing: Kostanay (78.9 % of national) lies above the median unit; Zhambyl and Kyzylorda 2022 are Nurly Zhol
        // prices, excluded, and named as missing beside the disagreement.
        var @new = Run("C12", TestData.Data, new HousingChoice(HousingPrice.New));
        Assert.Equal(ClaimOutcome.Inconclusive, @new.Outcome);
        Assert.Contains("The two references disagree for Kostanay", @new.Evidence);
        Assert.Contains("Kyzylorda 2022 is a Nurly Zhol programme price in Kyzylorda", @new.Evidence);
        Assert.Equal(ClaimOutcome.Inconclusive, Run("C12", TestData.Data, new HousingChoice(HousingPrice.New, ProgrammePrices.Included)).Outcome);
        Assert.Equal(ClaimOutcome.Inconclusive, Run("C9", TestData.Data).Outcome);
        // New housing: Atyrau (86.1 % of national, above the median unit) and Mangystau, both with a high GRP and a negative balance.
        var c9 = Run("C9", TestData.Data, new HousingChoice(HousingPrice.New));
        Assert.Equal(ClaimOutcome.Inconclusive, c9.Outcome);
        Assert.Contains("Whether Atyrau, Mangystau have high housing prices depends on the reference", c9.Evidence);
        Assert.EndsWith("housing=resale; programme_prices=excluded", ClaimsLedger.Describe(StudySpecification.Paper));
    }
}
