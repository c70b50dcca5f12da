using KzMigration.Data;
using KzMigration.Regions;
using KzMigration.Migration;

namespace KzMigration.Data;

/// <summary>
/// Which population a rate per 1,000 (or per 100) divides by: one recorded choice of the study
/// (<c>migration.population</c>), used alike by the net migration rates of Figure 3's relation, the system indices beside K
/// (CMI, ANMR), the net migration panel and ACMI. Every basis reads <c>population.csv</c> (BNS, the revised series), on the
/// territory the unit had in the year.
/// </summary>
public enum PopulationBasis
{
    /// <summary>
    /// The mean population of the year, (P(1 January t) + P(1 January t+1)) / 2: the usual denominator of crude rates
    /// (United Nations 1970, Manual VI; Rowland 2003, <i>Demographic Methods and Concepts</i>, §2.5). Default. Text <c>mean</c>.
    /// </summary>
    MeanOfYear,

    /// <summary>The population at the start of the year, 1 January t (the population at risk at the start). Text <c>start</c>.</summary>
    StartOfYear,

    /// <summary>The population at the end of the year, 1 January t+1 (BNS's «end of the year» count). Text <c>end</c>.</summary>
    EndOfYear,
}

/// <summary>The denominator of a rate under a <see cref="PopulationBasis"/>.</summary>
public static class RateDenominator
{
    /// <summary>The text form of a basis: <c>mean</c>, <c>start</c>, <c>end</c>.</summary>
    public static string Code(PopulationBasis basis) => basis switch
    {
        PopulationBasis.MeanOfYear => "mean",
        PopulationBasis.StartOfYear => "start",
        PopulationBasis.EndOfYear => "end",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "not a population basis"),
    };

    /// <summary>The basis of a text form (<see cref="Code"/>), or null.</summary>
    public static PopulationBasis? Parse(string code) => code.Trim().ToLowerInvariant() switch
    {
        "mean" => PopulationBasis.MeanOfYear,
        "start" => PopulationBasis.StartOfYear,
        "end" => PopulationBasis.EndOfYear,
        _ => null,
    };

    /// <summary>The basis in words for a year: «mean population of 2022 (1 January 2022 and 2023)», «population on 1 January 2023 (end of 2022)».</summary>
    public static string Describe(PopulationBasis basis, int year) => basis switch
    {
        PopulationBasis.MeanOfYear => $"mean population of {year} (1 January {year} and {year + 1})",
        PopulationBasis.StartOfYear => $"population on 1 January {year} (start of {year})",
        _ => $"population on 1 January {year + 1} (end of {year})",
    };

    /// <summary>
    /// The basis in words for a year, with its source: «mean population of 2022 (1 January 2022 and 2023, population.csv, BNS)»,
    /// «population on 1 January 2023 (end of 2022; population.csv, BNS)».
    /// </summary>
    public static string DescribeWithSource(PopulationBasis basis, int year) => basis switch
    {
        PopulationBasis.MeanOfYear => $"mean population of {year} (1 January {year} and {year + 1}, population.csv, BNS)",
        PopulationBasis.StartOfYear => $"population on 1 January {year} (start of {year}; population.csv, BNS)",
        _ => $"population on 1 January {year + 1} (end of {year}; population.csv, BNS)",
    };

    /// <summary>The unit of a rate on this basis, as tables print it: «per 1,000 mean population».</summary>
    public static string RateUnit(PopulationBasis basis) => basis switch
    {
        PopulationBasis.MeanOfYear => "per 1,000 mean population",
        PopulationBasis.StartOfYear => "per 1,000 population at the start of the year",
        _ => "per 1,000 population at the end of the year",
    };

    /// <summary>The basis in words, for any year: «mean population of the year = (1 January t + 1 January t+1) / 2».</summary>
    public static string Describe(PopulationBasis basis) => basis switch
    {
        PopulationBasis.MeanOfYear => "mean population of the year = (1 January t + 1 January t+1) / 2",
        PopulationBasis.StartOfYear => "population at the start of the year (1 January t)",
        _ => "population at the end of the year (1 January t+1)",
    };

    /// <summary>
    /// The denominator of <paramref name="region"/> in <paramref name="year"/> on its <paramref name="era"/> territory under
    /// <paramref name="basis"/>, from population.csv (a population published on newer units is summed back, as in
    /// <see cref="MeanPopulation"/>), or null when a population it needs is missing.
    /// </summary>
    public static PopulationDenominator? Of(WorkbenchData data, Region region, int year, BoundaryEra era, PopulationBasis basis)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (basis == PopulationBasis.MeanOfYear) return MeanPopulation.Of(data, region, year, era);
        var date = new DateOnly(basis == PopulationBasis.StartOfYear ? year : year + 1, 1, 1);
        return MeanPopulation.On(data, region, date, era) is { } p
            ? new PopulationDenominator(p.Value, $"1 January {date.Year} ({p.How}), population.csv")
            : null;
    }
}
