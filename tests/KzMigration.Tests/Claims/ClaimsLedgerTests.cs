using System.Globalization;
using System.Text.RegularExpressions;
using KzMigration.Claims;
using KzMigration.Migration;

namespace KzMigration.Tests.Claims;

/// <summary>The ledger on the bundled data (verdicts worked out by hand from data/*.csv) and its outputs.</summary>
public class ClaimsLedgerTests
{
    private static readonly Lazy<ClaimsReport> Bundled = new(() => ClaimsLedger.Evaluate(TestData.Data, ClaimOptions.Default));

    private static ClaimsReport Report => Bundled.Value;

    /// <summary>
    /// Hand computation from data/migration.csv and data/socioeconomic.csv (interregional unless said otherwise):
    /// <list type="bullet">
    /// <item>C1: only Pavlodar has interregional arrivals in 2022 (5,979). Lower bound = positive 2022 balances
    /// 35,302 + 33,798 + 2,756 + 898 = 72,754, + Pavlodar's 5,979 = 78,733. Upper bound = internal arrivals 2022,
    /// sum 803,033, with Pavlodar's 20,431 replaced by 5,979 = 788,581. 320,000 lies between → not testable.</item>
    /// <item>C2: 2022 on 2018 boundaries: Almaty city +35,302, Astana +33,798, Shymkent +2,756 are the three largest;
    /// Almaty region + Zhetisu = 898 − 8,872 = −7,974, East Kazakhstan + Abai = −1,935 − 6,403 = −8,338, Karaganda +
    /// Ulytau = −3,075 − 1,907 = −4,982; every other oblast negative → 14 of 14 negative → reproduced.</item>
    /// <item>C3: the same table: 14 negative oblasts, not 13 → contradicted (on 2022 boundaries 16 of 17; 13 only on
    /// the 14 old oblasts in their 2022 territory, where Almaty region is +898).</item>
    /// <item>C4: no interregional A/D for Almaty region 2022 → not testable; internal K = 80,064 ÷ 79,166 = 1.011.</item>
    /// <item>C5: 2022 boundaries: the only oblast with a positive balance is Almaty region (+898) → reproduced.</item>
    /// <item>C6: Almaty region (with Zhetisu) from the od-flows.csv matrices aggregated to each year's boundaries: 2015 −11,469,
    /// 2020 −15,830, 2021 −6,372 (all derived, negative); 2016–2019 missing → not testable, naming both.</item>
    /// <item>C7: Astana city 2015 −2,463 (derived from the 2015 matrix on 16 units) → contradicted, whatever 2016–2019 hold;
    /// 2020 (derived), 2021 (rounded official) and 2022 are all positive.</item>
    /// <item>C8: two most negative balances: 2015 South Kazakhstan −14,500, Almaty region −11,469; 2020 Turkestan −20,173,
    /// Almaty region −15,830 (Zhambyl −10,101 third) → contradicted by 2015 and 2020; 2021 and 2022 agree.
    /// Checked independently with a Python sum over shared/sources/od-flows.csv.</item>
    /// <item>C9: resale prices 2022 ÷ 482,197 and GRP ÷ 5,284.7: Astana 623,901 → 129.4 % and 8,053.9 → 152.4 %, Almaty city
    /// 514,277 → 106.7 % and 8,985.6 → 170.0 %, the only units with both ≥ 105 %; balances +33,798 and +35,302 → reproduced.</item>
    /// <item>C10, C15: a definition, labour demand/supply → not testable.</item>
    /// <item>C12: resale 2022 ÷ 482,197: Turkestan 291,878 → 60.5 %, Zhambyl 288,611 → 59.9 %, Kyzylorda 289,677 → 60.1 %,
    /// Karaganda 388,968 → 80.7 %, Kostanay 375,535 → 77.9 %, all below 95 % → reproduced.</item>
    /// <item>C11: Turkestan −18,066, Zhambyl −10,320, Kyzylorda −5,816, Karaganda + Ulytau −4,982, Kostanay −2,990 → reproduced.</item>
    /// <item>C13: GRP per capita 2022 ÷ 5,284.7: Turkestan 1,671.8 → 31.6 %, Zhambyl 2,212.2 → 41.9 % (very low) → reproduced.</item>
    /// <item>C14: wage 2022 ÷ 309,697: Turkestan 237,189 → 76.6 %, Zhambyl 234,526 → 75.7 % (low) → reproduced.</item>
    /// <item>C16: doctors per 10k 2022 ÷ 40.2: Turkestan 29.4 → 73.1 %, Zhambyl 28.8 → 71.6 % (low) → reproduced.</item>
    /// </list>
    /// </summary>
    [Theory]
    [InlineData("C1", ClaimOutcome.NotTestable, "between 78,733 and 788,581 moves")]
    [InlineData("C2", ClaimOutcome.Reproduced, "cities Almaty city +35,302, Astana city +33,798, Shymkent city +2,756 (the three largest); 14 of 14 other units negative")]
    [InlineData("C3", ClaimOutcome.Contradicted, "14 of 14 oblasts")]
    [InlineData("C4", ClaimOutcome.NotTestable, "—")]
    [InlineData("C5", ClaimOutcome.Reproduced, "oblasts with K > 1: Almaty region +898")]
    [InlineData("C6", ClaimOutcome.NotTestable, "2015: −11,469 (derived); 2020: −15,830 (derived); 2021: −6,372 (derived)")]
    [InlineData("C7", ClaimOutcome.Contradicted, null)]
    [InlineData("C8", ClaimOutcome.Contradicted, "2015: largest net outflows South Kazakhstan −14,500, Almaty region −11,469; 2020: largest net outflows Turkestan −20,173, Almaty region −15,830; 2021: largest net outflows Turkestan −21,297, Zhambyl −8,218; 2022: largest net outflows Turkestan −18,066, Zhambyl −10,320")]
    [InlineData("C9", ClaimOutcome.Reproduced, "Astana city housing 129.4 %, GRP 152.4 %, balance +33,798; Almaty city housing 106.7 %, GRP 170.0 %, balance +35,302")]
    [InlineData("C10", ClaimOutcome.NotTestable, "—")]
    [InlineData("C11", ClaimOutcome.Reproduced, "Turkestan −18,066, Zhambyl −10,320, Kyzylorda −5,816, Karaganda −4,982, Kostanay −2,990")]
    [InlineData("C12", ClaimOutcome.Reproduced, "Turkestan (Turkistan) 60.5 % (very low), Zhambyl (Taraz) 59.9 % (very low), Kyzylorda (Kyzylorda) 60.1 % (very low), Karaganda (Karagandy) 80.7 % (low), Kostanay (Kostanai) 77.9 % (low)")]
    [InlineData("C13", ClaimOutcome.Reproduced, "Turkestan 31.6 % (very low), Zhambyl 41.9 % (very low)")]
    [InlineData("C14", ClaimOutcome.Reproduced, "Turkestan 76.6 % (low), Zhambyl 75.7 % (low)")]
    [InlineData("C15", ClaimOutcome.NotTestable, "—")]
    [InlineData("C16", ClaimOutcome.Reproduced, "Turkestan 73.1 % (low), Zhambyl 71.6 % (low)")]
    public void Bundled_data_give_the_verdicts_worked_out_by_hand(string id, ClaimOutcome outcome, string? found)
    {
        var v = Report[id];
        Assert.Equal(outcome, v.Outcome);
        if (found is not null) Assert.Equal(found, v.Found);
        if (outcome == ClaimOutcome.NotTestable) Assert.False(string.IsNullOrWhiteSpace(v.Missing));
    }

    [Fact]
    public void Bundled_summary()
    {
        Assert.Equal("claims: 8 reproduced, 8 contradicted, 5 not testable", Report.Summary);
        Assert.Equal(Report.Results.Count, Report.Reproduced + Report.Contradicted + Report.NotTestable);
    }

    [Fact]
    public void Verdicts_say_which_flow_and_boundaries_they_used()
    {
        Assert.Contains("2018-era boundaries", Report["C3"].Basis);
        Assert.Contains("2022-era boundaries", Report["C5"].Basis);
        Assert.Equal(Flow.Interregional, Report["C4"].Flow);
        Assert.Contains("K = 80,064 ÷ 79,166 = 1.011", Report["C4"].Evidence);
        Assert.Contains("13 negative", Report["C3"].Evidence);
    }

    [Fact]
    public void Internal_coefficient_flow_decides_the_value_of_K_and_says_so()
    {
        var report = ClaimsLedger.Evaluate(TestData.Data, ClaimOptions.Default with { CoefficientFlow = Flow.Internal });
        Assert.Equal(ClaimOutcome.Contradicted, report["C4"].Outcome); // 1.011 vs 1.02 ± 0.005
        Assert.Equal(Flow.Internal, report["C4"].Flow);
        Assert.Equal("claims: 8 reproduced, 9 contradicted, 4 not testable", report.Summary);
    }

    [Fact]
    public void Summary_line_format()
    {
        Assert.Matches(new Regex(@"^claims: \d+ reproduced, \d+ contradicted, \d+ not testable$"), Report.Summary);
        Assert.Equal(Report.Summary, Report.ToString());
    }

    [Fact]
    public void Not_testable_is_never_counted_as_reproduced()
    {
        var claims = new[]
        {
            Fake("X1", ClaimVerdict.NotTestable("everything", "—", "basis", "", null)),
            Fake("X2", ClaimVerdict.NotTestable("everything", "—", "basis", "", null)),
            Fake("X3", ClaimVerdict.Contradicted("2", "basis", "", null)),
        };
        var report = ClaimsLedger.Evaluate(TestData.Data, claims: claims);
        Assert.Equal(0, report.Reproduced);
        Assert.Equal(2, report.NotTestable);
        Assert.Equal("claims: 0 reproduced, 1 contradicted, 2 not testable", report.Summary);
        Assert.All(report.Results.Where(r => r.Verdict.Outcome == ClaimOutcome.NotTestable), r => Assert.False(r.Verdict.IsReproduced));
        Assert.All(Report.Results.Where(r => r.Verdict.Outcome == ClaimOutcome.NotTestable), r => Assert.False(r.Verdict.IsReproduced));
    }

    [Fact]
    public void Csv_has_the_ledger_columns_one_row_per_claim()
    {
        var csv = Report.ToCsv();
        var lines = csv.Split('\n').Where(l => l.Length > 0).ToList();
        Assert.Equal("id,quote,computation,flow,expected,tolerance,found,verdict,evidence", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith('#'));
        Assert.Contains("claims: 8 reproduced, 8 contradicted, 5 not testable", Report.Metadata.Notes);
        var frame = Report.ToDataFrame();
        Assert.Equal(PaperClaims.All.Count, frame.Rows.Count);
        Assert.Equal(ClaimsReport.Columns, frame.Columns.Select(c => c.Name));
        Assert.Equal("not testable", frame["verdict"][0]);
        Assert.Equal("interregional", frame["flow"][0]);
        Assert.Equal("", frame["flow"][12]); // C13: no migration flow
    }

    [Fact]
    public void Csv_is_deterministic_and_culture_invariant()
    {
        var first = ClaimsLedger.Evaluate(TestData.Data).ToCsv();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "ru-KZ", "kk-KZ", "de-DE" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                Assert.Equal(first, ClaimsLedger.Evaluate(TestData.Data).ToCsv());
            }
        }
        finally { CultureInfo.CurrentCulture = previous; }
        Assert.Contains("1.011", first);
        Assert.DoesNotContain(TestData.DataDirectory, first); // no machine paths
    }

    [Fact]
    public void Csv_neutralises_formula_like_text()
    {
        var report = ClaimsLedger.Evaluate(TestData.Data, claims: [Fake("X1", ClaimVerdict.Reproduced("=1+1", "basis", "", null))]);
        Assert.Contains("'=1+1", report.ToCsv());
    }

    [Fact]
    public void Html_encodes_data_text_and_shows_the_summary()
    {
        var html = ClaimsLedger.Evaluate(TestData.Data, claims: [Fake("X1", ClaimVerdict.Reproduced("<script>alert(1)</script>", "a & b", "", null))]).ToHtml();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("a &amp; b", html);
        Assert.Contains("claims: 1 reproduced, 0 contradicted, 0 not testable", html);
        Assert.Contains("kz-reproduced", html);
        Assert.Contains("class=\"kz-not-testable\"", Report.ToHtml());
    }

    private static Claim Fake(string id, ClaimVerdict verdict) =>
        new(id, "quote <q>", "nowhere", "nothing", new DataNeed("none", 2022, 2022), new Expectation("x", "—"), (_, _) => verdict);
}
