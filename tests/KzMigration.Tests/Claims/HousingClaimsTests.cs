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
        PaperClaims.Get(id).Evaluate(data, ClaimOptions.Default with { Housing = housing ?? HousingChoice.Default });

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
    public void C12_national_level_decides_and_a_disagreeing_median_unit_is_said()
    {
        // The other 12 units of the paper's list at 70 %: the median unit (9th of 17) is at 70, so Karaganda (80) and
        // Kostanay (94.4) are not low against it, while all five are below 95 % of the national level.
        var v = Run("C12", Load("", "", Prices(Values(FiveLow), others: 70)));
        Assert.Equal(ClaimOutcome.Reproduced, v.Outcome);
        Assert.Contains("THE REFERENCES DISAGREE: against the median unit, Karaganda, Kostanay are not low", v.Evidence);
        Assert.Contains("Karaganda (Centre) 80.0 % of national (low), 114.3 % of the median unit, rank 16 of 17", v.Found);
        Assert.Contains("The national level decides", PaperClaims.Get("C12").Computation);
        Assert.Contains("whatever the median unit says", PaperClaims.Get("C12").Rule.Reproduced);
    }

    [Fact]
    public void C12_contradicted_by_one_region_at_95_percent_or_more_whatever_is_missing()
    {
        // Kostanay 95 % reaches medium; Zhambyl missing does not save the claim.
        var v = Run("C12", Load("", "", Prices(Values(("turkestan", 60), ("kyzylorda", 61), ("karaganda", 80), ("kostanay", 95)), omit: "zhambyl")));
        Assert.Equal(ClaimOutcome.Contradicted, v.Outcome);
        Assert.Contains("Not below 95 % of the national level: Kostanay", v.Evidence);
    }

    [Fact]
    public void C12_not_testable_when_a_price_is_missing()
    {
        var v = Run("C12", Load("", "", Prices(Values(FiveLow), omit: "zhambyl")));
        Assert.Equal(ClaimOutcome.NotTestable, v.Outcome);
        Assert.Equal("Zhambyl 2022 has no housing_price_resale_per_m2", v.Missing);
        Assert.Contains("The regions with a price are all below 95 %", v.Evidence);
    }

    [Fact]
    public void C12_programme_prices_are_excluded_by_default_and_counted_when_included()
    {
        var housing = Prices(Values(FiveLow), indicator: New, omit: "zhambyl") + Price("zhambyl", 40, New, "Nurly Zhol");
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
        Assert.Equal(ClaimOutcome.Reproduced, Run("C12", TestData.Data).Outcome);
        var @new = Run("C12", TestData.Data, new HousingChoice(HousingPrice.New));
        Assert.Equal(ClaimOutcome.NotTestable, @new.Outcome); // Zhambyl and Kyzylorda 2022 are Nurly Zhol prices
        Assert.Contains("Kyzylorda 2022 is a Nurly Zhol programme price in Kyzylorda", @new.Missing);
        Assert.Equal(ClaimOutcome.Reproduced, Run("C12", TestData.Data, new HousingChoice(HousingPrice.New, ProgrammePrices.Included)).Outcome);
        Assert.Equal(ClaimOutcome.Reproduced, Run("C9", TestData.Data).Outcome);
        // Ulytau, which has no new-housing price in 2022, was created that year and is outside the paper's list.
        Assert.Equal(ClaimOutcome.Reproduced, Run("C9", TestData.Data, new HousingChoice(HousingPrice.New)).Outcome);
        Assert.EndsWith("housing=resale; programme_prices=excluded", ClaimOptions.Default.ToString());
    }
}
