using KzMigration.Specification;
using KzMigration.Scoring;

namespace KzMigration.Tests.Scoring;

/// <summary>The housing choice in the --param grammar of <see cref="SpecificationParser"/>.</summary>
public class HousingChoiceTests
{
    [Theory]
    [InlineData("housing=new", HousingPrice.New, ProgrammePrices.Excluded)]
    [InlineData("housing=resale; programme_prices=included", HousingPrice.Resale, ProgrammePrices.Included)]
    [InlineData("housing = NEW ; programme_prices = included", HousingPrice.New, ProgrammePrices.Included)]
    [InlineData("reference=median", HousingPrice.Resale, ProgrammePrices.Excluded)]
    public void Parses_and_formats_back_to_an_equal_spec(string text, HousingPrice price, ProgrammePrices programme)
    {
        var spec = SpecificationParser.ParseScoring(text);
        Assert.Equal(new HousingChoice(price, programme), spec.Housing);
        var described = SpecificationFormatter.Format(spec);
        Assert.EndsWith($"housing={(price == HousingPrice.New ? "new" : "resale")}; programme_prices={(programme == ProgrammePrices.Included ? "included" : "excluded")}", described);
        Assert.Equal(spec, SpecificationParser.ParseScoring(described));
    }

    [Fact]
    public void Apply_takes_the_notebook_parameters()
    {
        var spec = SpecificationParser.ApplyScoring(housing: "new", programmePrices: "included");
        Assert.Equal("housing_price_new_per_m2", spec.Housing.IndicatorId);
        Assert.True(spec.Housing.IncludesProgrammePrices);
        Assert.NotEqual(ScoringSpec.Paper, spec);
        Assert.Equal(ScoringSpec.Paper, SpecificationParser.ApplyScoring(housing: "", programmePrices: " "));
        Assert.Equal("housing_price_resale_per_m2", ScoringSpec.Paper.Housing.IndicatorId);
    }

    [Theory]
    [InlineData("housing=rent", "housing: 'rent' is not a housing price; expected resale or new.")]
    [InlineData("programme_prices=maybe", "programme_prices: 'maybe' is not a choice; expected excluded or included.")]
    public void Bad_values_name_the_parameter_and_what_is_expected(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => SpecificationParser.ParseScoring(text));
        Assert.Equal(message, e.Message);
    }
}
