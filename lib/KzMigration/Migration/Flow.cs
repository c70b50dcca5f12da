namespace KzMigration.Migration;

/// <summary>
/// The three migration measures the Bureau of National Statistics (BNS) publishes. Mixing them is the
/// classic error in this field, so every migration value and every index says which one it is.
/// Definitions: docs/migration-flows.md.
/// </summary>
public enum Flow
{
    /// <summary>Moves between regions (oblasts and cities of republican significance). A year's regional balances sum to 0.</summary>
    Interregional,

    /// <summary>Interregional moves plus moves inside a region. Same balance as <see cref="Interregional"/>, larger arrivals and departures.</summary>
    Internal,

    /// <summary>Internal plus international moves («сальдо миграции по всем потокам»): total net migration.</summary>
    All,
}

/// <summary>What a migration value counts.</summary>
public enum Measure
{
    /// <summary>Arrivals (in-migrants, «прибывшие»).</summary>
    Arrivals,

    /// <summary>Departures (out-migrants, «выбывшие»).</summary>
    Departures,

    /// <summary>Balance = arrivals − departures («сальдо миграции»).</summary>
    Balance,
}
