using KzMigration.Data;
using KzMigration.Estimation;
using KzMigration.Migration;
using KzMigration.Outputs;
using KzMigration.Publishing;
using KzMigration.Scoring;
using KzMigration.Specification;
using KzMigration.Study;
using Microsoft.Data.Analysis;

namespace KzMigration.Tests.Study;

/// <summary>
/// Units of measure are carried by the table the library builds (issue #22, «units typed by hand beside library tables»):
/// the step that computed a column says what it counts, once, and publishing takes it from the table.
/// </summary>
public class TableUnitsTests
{
    private static WorkbenchData Data => TestData.Data;

    private static MeasuredTable Balances() => new(
        new StringDataFrameColumn("region", ["a", "b"]),
        new DoubleDataFrameColumn("balance", [12, -12]),
        new DoubleDataFrameColumn("rate", [1.5, -1.5]))
    {
        Units = new Dictionary<string, string> { ["balance"] = "persons" },
    };

    [Fact]
    public void A_table_refuses_a_unit_for_a_column_it_does_not_have()
    {
        // The mistake this catches: a unit keyed «balance A − D» on a table whose column is «balance» was silently dropped.
        var e = Assert.Throws<ArgumentException>(() => new MeasuredTable(new DoubleDataFrameColumn("balance", [1.0]))
        {
            Units = new Dictionary<string, string> { ["balance A − D"] = "persons" },
        });
        Assert.Contains("balance A − D", e.Message);
        Assert.Contains("columns: balance", e.Message);
    }

    [Fact]
    public void Publishing_takes_the_units_the_table_carries_and_the_metadata_only_adds()
    {
        var fields = TableFiles.Fields(Balances(), new TableMetadata("t")).ToDictionary(f => f.Name, f => f.Unit);
        Assert.Equal("persons", fields["balance"]);
        Assert.Null(fields["rate"]);
        Assert.Null(fields["region"]);

        // A column the table gives no unit may get one from the metadata; restating the table's own unit is harmless.
        var added = TableFiles.Fields(Balances(), new TableMetadata("t")
        {
            Units = new Dictionary<string, string> { ["rate"] = "per 1,000", ["balance"] = "persons" },
        }).ToDictionary(f => f.Name, f => f.Unit);
        Assert.Equal("per 1,000", added["rate"]);
        Assert.Equal("persons", added["balance"]);

        // Another unit for a column the table already counts is an error naming both.
        var e = Assert.Throws<ArgumentException>(() => TableFiles.Fields(Balances(), new TableMetadata("t")
        {
            Units = new Dictionary<string, string> { ["balance"] = "thousand persons" },
        }));
        Assert.Contains("persons", e.Message);
        Assert.Contains("thousand persons", e.Message);
    }

    [Fact]
    public void A_column_removed_after_the_table_was_built_records_no_unit()
    {
        var table = Balances();
        table.Columns.Remove("balance");
        var merged = new TableMetadata("t").WithUnitsOf(table);
        Assert.Empty(merged.Units);
    }

    [Fact]
    public void A_study_table_keeps_the_units_of_the_table_it_was_built_from()
    {
        var recorded = new StudyTable(StudySpecification.Paper, Balances());
        Assert.Equal("persons", recorded.Units["balance"]);
        Assert.Same(StudySpecification.Paper, recorded.Specification);
    }

    [Fact]
    public void Figure_1_and_2_and_the_corridors_count_persons()
    {
        var interregional = BalanceTables.Interregional(Data, StudySpecification.Paper);
        Assert.Equal(["arrivals", "balance", "departures"], interregional.Units.Keys.Order(StringComparer.Ordinal));
        Assert.All(interregional.Units.Values, u => Assert.Equal("persons", u));

        var attractiveness = Attractiveness.ToTable(Attractiveness.Compute(Data, Flow.Interregional, [2021]), StudySpecification.Paper);
        Assert.Equal(["arrivals A", "balance", "departures D"], attractiveness.Units.Keys.Order(StringComparer.Ordinal));
        Assert.All(attractiveness.Units.Values, u => Assert.Equal("persons", u));
        Assert.DoesNotContain("K", attractiveness.Units.Keys); // a ratio has no unit

        var corridors = FlowIndicesTables.LargestCorridors(Data, 3);
        Assert.Equal("persons", Assert.Single(corridors.Units, u => u.Key == "persons").Value);
    }

    [Fact]
    public void Housing_prices_are_in_tenge_per_square_metre()
    {
        var table = SocioEconomicScoring.HousingPricesTable(SocioEconomicScoring.From(Data, StudySpecification.Paper), 2022);
        Assert.Equal("KZT per m²", table.Units["resale, KZT per m²"]);
        Assert.Equal("KZT per m²", table.Units["new housing, KZT per m²"]);
    }

    [Fact]
    public void The_bands_table_is_the_specifications_scale()
    {
        // The paper's scale as printed before Figure 3: below 70 % very low (−2), 70–94 % low (−1), 95–104 % medium (+0.5),
        // 105–149 % high (+1), 150 % and above very high (+2).
        var paper = SocioEconomicScoring.BandsTable(StudySpecification.Paper);
        Assert.Equal(["very low", "low", "medium", "high", "very high"], paper["band"].Cast<string>());
        Assert.Equal([0.0, 70, 95, 105, 150], paper["from % of national level"].Cast<double?>().Select(v => v!.Value));
        Assert.Equal([-2, -1, 0.5, 1, 2], paper["points"].Cast<double?>().Select(v => v!.Value));
        Assert.Equal("%", paper.Units["from % of national level"]);
        Assert.Equal("", SpecificationFormatter.FormatChangesFromPaper(paper.Specification));

        var other = SocioEconomicScoring.BandsTable(SpecificationParser.Parse("scoring.reference=median; scoring.thresholds=75,95,105,140"));
        var column = "from % of median of the regions";
        Assert.Equal([0.0, 75, 95, 105, 140], other[column].Cast<double?>().Select(v => v!.Value));
        Assert.Equal("%", other.Units[column]);
        Assert.Equal(ReferenceKind.Median, other.Specification.Scoring.Reference);
    }

    [Fact]
    public void A_panel_coefficient_is_counted_per_the_specifications_population()
    {
        Assert.Equal("per 1,000 mean population per unit of log(indicator / national)", NetMigrationPanel.CoefficientUnit(PopulationBasis.MeanOfYear));
        Assert.Equal("per 1,000 population at the start of the year per unit of log(indicator / national)", NetMigrationPanel.CoefficientUnit(PopulationBasis.StartOfYear));
    }
}
