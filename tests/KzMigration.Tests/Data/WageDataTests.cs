using System.Globalization;
using KzMigration.Cli.Commands;
using KzMigration.Data;
using KzMigration.Regions;

namespace KzMigration.Tests.Data;

/// <summary>
/// The wage series (shared/sources/wages.csv, «Wages by region»): average monthly nominal wage by region 2013–2023, BNS via a
/// third-party compilation checked for 2022 only, bundled as <c>avg_monthly_wage</c> beside the official 2022 publication.
/// Expected values are read off the curated file by hand.
/// </summary>
public class WageDataTests
{
    private const string Wage = "avg_monthly_wage";

    private static WorkbenchData Data => TestData.Data;

    [Fact]
    public void The_series_runs_2013_to_2023_with_one_value_per_cell_and_its_standing_on_every_compiled_value()
    {
        var wages = Data.IndicatorValues(Wage);
        Assert.Equal(Enumerable.Range(2013, 11), wages.Select(w => w.Year).Distinct().Order());
        Assert.All(wages.GroupBy(w => (w.Region.Key, w.Year)), g => Assert.Single(g));
        // 181 compiled values, of which the 20 of 2022 give way to the 20 regional official figures (+ the national one).
        Assert.Equal(181 - 20 + 21, wages.Count);
        var compiled = wages.Where(w => w.Source.Id == "datathon-wages").ToList();
        Assert.Equal(161, compiled.Count);
        Assert.All(compiled, w =>
        {
            Assert.StartsWith(DataPackageBuilder.WageCarrierNote, w.Note, StringComparison.Ordinal);
            Assert.True(w.Source.IsThirdPartyCompilation);
            Assert.NotEqual(2022, w.Year);
            Assert.Equal(BoundaryEra.OfYear(w.Year), w.Boundaries);
        });
        Assert.Contains("checked for 2022 only", Data.Sources["datathon-wages"].Publisher);
        Assert.False(Data.Sources["bns-wages-2022"].IsThirdPartyCompilation);
    }

    [Fact]
    public void Akmola_2015_is_the_compilations_value_and_Akmola_2014_stays_missing()
    {
        var akmola = Data.FindIndicator("akmola", 2015, Wage)!;
        Assert.Equal((89176.0, Status.Exact, "2015", "datathon-wages"), (akmola.Value, akmola.Status, akmola.Boundaries.Id, akmola.Source.Id));
        Assert.Equal("BNS via a third-party compilation, checked for 2022 only", akmola.Note);
        Assert.Equal("KZT per month", akmola.Indicator.Unit);
        // Left out by the curators: the carrier's Akmola 2014 repeats Akmola 2016 exactly. Missing is missing.
        Assert.Null(Data.FindIndicator("akmola", 2014, Wage));
    }

    [Fact]
    public void Karaganda_and_Ulytau_are_realigned_and_their_official_2022_values_win()
    {
        // The carrier's Karaganda row is one year early: the value it labels 2020 is 2021's.
        var k2021 = Data.FindIndicator("karaganda", 2021, Wage)!;
        Assert.Equal((240608.0, "2018"), (k2021.Value, k2021.Boundaries.Id));
        Assert.Contains("year realigned: the carrier labels this value 2020", k2021.Note);
        Assert.Contains("pre-2022 territory (including today's Ulytau)", k2021.Note);
        Assert.Null(Data.FindIndicator("karaganda", 2013, Wage)); // nothing is labelled 2012 in the carrier
        var k2022 = Data.FindIndicator("karaganda", 2022, Wage)!;
        Assert.Equal((283803.0, "bns-wages-2022"), (k2022.Value, k2022.Source.Id));
        Assert.Equal("the third-party compilation (datathon-wages) gives the same value once its row is realigned by one year", k2022.Note);
        Assert.Equal((483812.0, "datathon-wages"), (Data.FindIndicator("ulytau", 2023, Wage)!.Value, Data.FindIndicator("ulytau", 2023, Wage)!.Source.Id));
        Assert.Equal("bns-wages-2022", Data.FindIndicator("ulytau", 2022, Wage)!.Source.Id);
    }

    [Fact]
    public void In_2022_every_value_is_the_official_one_and_says_that_the_compilation_agrees()
    {
        var y2022 = Data.IndicatorValues(Wage).Where(w => w.Year == 2022).ToList();
        Assert.Equal(21, y2022.Count);
        Assert.All(y2022, w => Assert.Equal("bns-wages-2022", w.Source.Id));
        Assert.All(y2022.Where(w => !w.Region.IsCountry), w => Assert.StartsWith("the third-party compilation (datathon-wages) gives the same value", w.Note, StringComparison.Ordinal));
        Assert.Equal(258941, Data.FindIndicator("abai", 2022, Wage)!.Value);
    }

    [Fact]
    public void No_national_wage_before_2022_and_no_South_Kazakhstan()
    {
        Assert.Equal([2022], Data.National(Wage).Select(n => n.Year));
        Assert.Null(Data.FindIndicator("kazakhstan", 2021, Wage));
        Assert.Null(Data.FindIndicator("kazakhstan", 2023, Wage));
        Assert.All(Enumerable.Range(2013, 5), y => Assert.Null(Data.FindIndicator("south-kazakhstan", y, Wage)));
        var coverage = Data.IndicatorCoverage(Wage);
        Assert.Null(coverage["kazakhstan", 2021]);
        Assert.Equal(Status.Exact, coverage["kazakhstan", 2022]);
    }

    [Fact]
    public void A_wage_is_never_summed_or_averaged_across_boundaries()
    {
        var wages = Data.IndicatorValues(Wage);
        // 2022 Abai + East Kazakhstan is no East Kazakhstan of 2021, and Turkestan + Shymkent no South Kazakhstan.
        var e = Assert.Throws<KzMigration.Data.NotAdditiveException>(() => Harmonisation.ToEra(wages, BoundaryEra.Era2018, Data.Regions));
        Assert.Contains(Wage, e.Message);
        Assert.Throws<KzMigration.Data.NotAdditiveException>(() => Harmonisation.ToEra(wages.Where(w => w.Year == 2019), BoundaryEra.Era2015, Data.Regions));
        Assert.False(Data.IndicatorDefinitions[Wage].Additive);
    }

    [Fact]
    public void An_overlay_cannot_declare_an_average_additive()
    {
        var dir = TestData.Fixture(socioeconomicRows: "atyrau,2022,wage_bill_share,1,KZT per month,exact,2022,bns-grp-per-capita,\n");
        File.AppendAllText(Path.Combine(dir, "indicators.csv"), "wage_bill_share,Some average,KZT per month,average,true,test\n");
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(dir));
        Assert.Equal(("additive", "data/indicators.csv"), (e.Field, e.File));
        Assert.Contains("kind 'average' is not additive", e.Message);
    }

    [Fact]
    public void An_imported_official_wage_replaces_the_compiled_one_and_says_so_but_never_an_official_one()
    {
        // A copy of the bundle with a user overlay: Akmola 2019 from a (hypothetical) BNS file, 140,000 against the compilation's 140,272.
        var dir = TestPaths.CopyOfBundle(TestData.DataDirectory, Path.Combine(TestPaths.TempFolder("wage-overlay"), "data"));
        var user = Directory.CreateDirectory(Path.Combine(dir, WorkbenchData.UserFolder)).FullName;
        File.WriteAllText(Path.Combine(user, "sources.csv"), string.Join(",", DataTables.Sources.Header) + "\n" +
            "taldau-wage,https://taldau.stat.gov.kz/ru/Api/GetIndexData/1,taldau.stat.gov.kz,BNS,average monthly nominal wage,imported by hand,,,,,,,\n");
        void Overlay(string rows) => File.WriteAllText(Path.Combine(user, "socioeconomic.csv"), string.Join(",", DataTables.Socioeconomic.Header) + "\n" + rows);
        Overlay("akmola,2019,avg_monthly_wage,140000,KZT per month,exact,2018,taldau-wage,\n");
        var data = WorkbenchData.Load(dir);
        var akmola = data.FindIndicator("akmola", 2019, Wage)!;
        Assert.Equal((140000.0, "taldau-wage"), (akmola.Value, akmola.Source.Id));
        Assert.Single(data.IndicatorValues(Wage), w => w.Region.Key == "akmola" && w.Year == 2019);
        var warning = Assert.Single(data.Warnings, w => w.Rule == "official-over-compilation");
        Assert.Contains("the official 140000 (", warning.Message);
        Assert.Contains("taldau-wage, imported) is used; datathon-wages (BNS via a third-party compilation, checked for 2022 only) gives 140272 (data/socioeconomic.csv:", warning.Message);
        // An official bundled figure is never replaced: a different 2022 value is refused, naming both.
        Overlay("akmola,2022,avg_monthly_wage,250000,KZT per month,exact,2022,taldau-wage,\n");
        var e = Assert.Throws<DataFileException>(() => WorkbenchData.Load(dir));
        Assert.Contains("(250155 there, 250000 here)", e.Message);
    }

    [Fact]
    public void Coverage_letters_say_which_cells_are_the_compilation()
    {
        var coverage = Data.IndicatorCoverage(Wage);
        Assert.True(coverage.IsCompiled("akmola", 2015));
        Assert.False(coverage.IsCompiled("akmola", 2022));
        var text = coverage.Render();
        Assert.Contains("lower case: BNS via a third-party compilation", text);
        var akmola = text.Split('\n').Single(l => l.StartsWith("akmola ", StringComparison.Ordinal));
        // 2013 e, 2014 missing, 2015–2021 e, 2022 E (official), 2023 e.
        Assert.Equal("e·eeeeeeeEe", string.Concat(akmola[18..].Where(c => c != ' ')));
    }

    [Fact]
    public void The_series_sources_table_gives_each_sources_standing_and_years()
    {
        var table = KzMigration.Study.Provenance.SeriesSources(Data, Wage);
        Assert.Equal(2, table.Rows.Count);
        var (first, second) = (table.Rows[0], table.Rows[1]);
        Assert.Equal(("datathon-wages", "BNS via a third-party compilation, checked for 2022 only", "2013–2021, 2023", 161, 0),
            ((string)first[0], (string)first[1], (string)first[2], (int)first[3]!, (int)first[4]!));
        Assert.Equal(("bns-wages-2022", "2022", 20, 1), ((string)second[0], (string)second[2], (int)second[3]!, (int)second[4]!));
        Assert.False(Data.Sources["bns-wages-2022"].IsThirdPartyCompilation);
        Assert.Equal("BNS via a third-party compilation", Data.Sources["diar299-od-flows"].Standing);
        Assert.Equal("BNS via a third-party compilation", Data.Sources["kanatislambekov-internal-migration-2022"].Standing);
    }

    [Fact]
    public void Sources_command_lists_the_wage_compilation_with_its_standing()
    {
        var output = new StringWriter();
        Assert.Equal(0, DataCommand.Sources(TestData.DataDirectory, output, new StringWriter()));
        var text = output.ToString();
        Assert.Contains("datathon-wages  (161 values)", text);
        Assert.Contains("publisher: BNS via a third-party compilation, checked for 2022 only", text);
    }

    // ---- The builder, on a copy of the curated sources with one line of wages.csv changed -------------------------

    private static string CuratedCopyWith(Func<string, string> editWages)
    {
        var copy = Path.Combine(TestPaths.TempFolder("curated"), "sources");
        foreach (var file in Directory.EnumerateFiles(TestData.SharedSources, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(TestData.SharedSources, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var wages = Path.Combine(copy, "wages.csv");
        File.SetAttributes(wages, FileAttributes.Normal);
        File.WriteAllText(wages, editWages(File.ReadAllText(wages)));
        return copy;
    }

    private static string Line(string text, string prefix) => text.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [NeedsSharedSourcesFact]
    public void Builder_keeps_the_official_figure_where_the_compilation_differs_and_says_so()
    {
        var from = CuratedCopyWith(t => t.Replace(Line(t, "Akmola,2022,"), Line(t, "Akmola,2022,")
            .Replace(",250155,", ",250000,", StringComparison.Ordinal).Replace("checked: equals the BNS 2022 publication", "", StringComparison.Ordinal), StringComparison.Ordinal));
        var into = TestPaths.TempFolder("built");
        DataPackageBuilder.Build(from, into);
        var built = WorkbenchData.LoadBundle(into);
        var akmola = built.FindIndicator("akmola", 2022, Wage)!;
        Assert.Equal((250155.0, "bns-wages-2022"), (akmola.Value, akmola.Source.Id));
        Assert.Equal("the third-party compilation (datathon-wages) gives 250000; the official figure is kept", akmola.Note);
        Assert.Single(built.IndicatorValues(Wage), w => w.Region.Key == "akmola" && w.Year == 2022);
    }

    [NeedsSharedSourcesFact]
    public void Builder_refuses_a_false_check_mark_another_eras_territory_and_a_national_value_naming_file_line_and_field()
    {
        var into = TestPaths.TempFolder("refused");
        void Refused(Func<string, string> edit, string field, string reason)
        {
            var e = Assert.Throws<DataFileException>(() => DataPackageBuilder.Build(CuratedCopyWith(edit), into));
            Assert.Equal(("curated:wages.csv", field), (e.File, e.Field));
            Assert.NotNull(e.Line);
            Assert.Contains(reason, e.Message);
        }
        // Marked «checked: equals the BNS 2022 publication» but another value.
        Refused(t => t.Replace(Line(t, "Abai,2022,"), Line(t, "Abai,2022,").Replace(",258941,", ",258940,", StringComparison.Ordinal), StringComparison.Ordinal),
            "value", "differs from the official 258941");
        // East Kazakhstan 2021 said to be on the 2022 territory: a per-employee average cannot be moved to another territory.
        Refused(t => t.Replace(Line(t, "East Kazakhstan,2021,"), Line(t, "East Kazakhstan,2021,").Replace("exact,2018,", "exact,2022,", StringComparison.Ordinal), StringComparison.Ordinal),
            "boundaries", "is not the 2018-era boundaries of 2021");
        // A national value before 2022 would be a number the compilation does not give as official: refused.
        Refused(t => t + Line(t, "Akmola,2015,").Replace("Akmola,", "Kazakhstan,", StringComparison.Ordinal) + "\n", "region", "a national wage");
        Assert.Empty(Directory.EnumerateFileSystemEntries(into)); // a refused build writes nothing
    }

    [NeedsSharedSourcesFact]
    public void Every_curated_wage_is_bundled_once_as_itself_or_as_the_equal_official_figure()
    {
        var curated = Csv.ReadFile(Path.Combine(TestData.SharedSources, "wages.csv"), "curated:wages.csv",
            ["region", "year", "indicator", "value", "unit", "status", "boundaries", "note", "source_url"]);
        Assert.Equal(181, curated.Records.Count);
        foreach (var r in curated.Records)
        {
            var key = r.Fields[0].ToLowerInvariant().Replace(' ', '-');
            var year = int.Parse(r.Fields[1], CultureInfo.InvariantCulture);
            var bundled = Data.FindIndicator(key, year, Wage);
            Assert.True(bundled is not null, $"{r.Fields[0]} {year} is not bundled");
            Assert.Equal(double.Parse(r.Fields[3], CultureInfo.InvariantCulture), bundled!.Value);
            Assert.Equal(year == 2022 ? "bns-wages-2022" : "datathon-wages", bundled.Source.Id);
        }
    }
}
