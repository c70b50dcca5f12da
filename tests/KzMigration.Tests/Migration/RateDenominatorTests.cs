using KzMigration.Data;

namespace KzMigration.Tests.Migration;

/// <summary>The one population denominator of every rate (migration.population): its code round-trips and tables print its unit.</summary>
public class RateDenominatorTests
{
    [Theory]
    [InlineData(PopulationBasis.MeanOfYear, "mean", "per 1,000 mean population")]
    [InlineData(PopulationBasis.StartOfYear, "start", "per 1,000 population at the start of the year")]
    [InlineData(PopulationBasis.EndOfYear, "end", "per 1,000 population at the end of the year")]
    public void Each_basis_has_a_code_that_reads_back_and_a_rate_unit(PopulationBasis basis, string code, string unit)
    {
        Assert.Equal(code, RateDenominator.Code(basis));
        Assert.Equal(basis, RateDenominator.Parse(code));
        Assert.Equal(unit, RateDenominator.RateUnit(basis));
    }

    [Fact]
    public void An_unknown_code_is_no_basis() => Assert.Null(RateDenominator.Parse("median"));
}
