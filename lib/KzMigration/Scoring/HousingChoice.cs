namespace KzMigration.Scoring;

/// <summary>Which BNS price per m² measures the paper's factor «housing prices».</summary>
public enum HousingPrice
{
    /// <summary>Average resale price of apartments per m² at the end of the year (<c>housing_price_resale_per_m2</c>). The default.</summary>
    Resale,

    /// <summary>Average selling price of new housing per m² at the end of the year (<c>housing_price_new_per_m2</c>).</summary>
    New,
}

/// <summary>Whether the fixed prices of state housing programmes (Regional Development 2020, Nurly Zhol, Nurly Zher) are scored.</summary>
public enum ProgrammePrices
{
    /// <summary>Left out: the cell is missing (NA), never replaced by another figure. The default.</summary>
    Excluded,

    /// <summary>Scored like market prices.</summary>
    Included,
}

/// <summary>
/// The study's recorded choice of housing price for Figure 3's sixth factor and the paper's housing claims
/// (Bokayev &amp; Akhmetova, Results, after Figure 3: «Cities and regions with high housing prices …», «These regions
/// have relatively low housing costs»). The paper does not say which price it used.
/// <para>Default: <b>resale prices, programme prices excluded</b>. Why resale: (1) it covers all 20 units in 2022,
/// while new housing covers 18 (Konaev and Zhezkazgan print «…»), so Almaty region and Ulytau would drop out of the
/// paper's last year; (2) it has no state-programme prices, while the new-housing series of Almaty region, Zhambyl,
/// Kyzylorda, North Kazakhstan and Ulytau holds 22 fixed programme prices (docs/bundled-sources.md «Housing prices») —
/// two of them regions the paper calls cheap, whose «low housing costs» would then be a policy price, not a market
/// one. Programme prices are excluded by default for the same reason; <see cref="ProgrammePrices.Included"/> scores them.</para>
/// <para>Text form: <c>housing=resale|new; programme_prices=excluded|included</c>, the codes of <see cref="PriceCode"/> and
/// <see cref="ProgrammeCode"/> (the one place they are written; the specification's fields read them back,
/// <c>Specification.SpecificationFields</c>).
/// Programme prices exist only in the new-housing series, so the second choice changes nothing under resale.</para>
/// </summary>
/// <param name="Price">Which price.</param>
/// <param name="Programme">Whether state-programme prices are scored.</param>
public sealed record HousingChoice(HousingPrice Price = HousingPrice.Resale, ProgrammePrices Programme = ProgrammePrices.Excluded)
{
    /// <summary>Indicator key of the paper's factor in a scoring panel: the chosen series stands under this one name.</summary>
    public const string FactorId = "housing_price_per_m2";

    /// <summary>The study's default: resale, programme prices excluded (see the type's remarks for why).</summary>
    public static HousingChoice Default { get; } = new();

    /// <summary>The data's indicator key of the chosen series.</summary>
    public string IndicatorId => Price == HousingPrice.Resale ? "housing_price_resale_per_m2" : "housing_price_new_per_m2";

    /// <summary>True when state-programme prices are scored.</summary>
    public bool IncludesProgrammePrices => Programme == ProgrammePrices.Included;

    /// <summary>Whether <paramref name="price"/> counts under this choice (<see cref="Data.WorkbenchData.CountsAsPrice"/>): a programme price only when included.</summary>
    public bool Admits(Data.IndicatorObservation price) => Data.WorkbenchData.CountsAsPrice(price, IncludesProgrammePrices);

    /// <summary>The chosen series' prices that count under this choice (<see cref="Data.WorkbenchData.HousingPrices"/>).</summary>
    public IReadOnlyList<Data.IndicatorObservation> Prices(Data.WorkbenchData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.HousingPrices(IndicatorId, IncludesProgrammePrices);
    }

    /// <summary>The code of the price in the text form: <c>resale</c> or <c>new</c>.</summary>
    public string PriceCode => Price == HousingPrice.Resale ? "resale" : "new";

    /// <summary>The code of the programme choice in the text form: <c>excluded</c> or <c>included</c>.</summary>
    public string ProgrammeCode => IncludesProgrammePrices ? "included" : "excluded";

    /// <summary>In words, for captions: e.g. "resale price per m² (housing_price_resale_per_m2), state-programme prices excluded".</summary>
    public string Describe() =>
        $"{(Price == HousingPrice.Resale ? "resale" : "new-housing")} price per m² ({IndicatorId}), state-programme prices {ProgrammeCode}";

    /// <summary><c>housing=resale; programme_prices=excluded</c>.</summary>
    public override string ToString() => $"housing={PriceCode}; programme_prices={ProgrammeCode}";
}
