namespace KzMigration.Statistics;

/// <summary>A model that cannot be estimated on the data given; the message names the variable and says what to do.</summary>
public class EstimationException(string message) : Exception(message);

/// <summary>A regressor is an exact linear combination of others (or constant, or all zero): its coefficient is not identified.</summary>
public sealed class CollinearityException(string variable, string message) : EstimationException(message)
{
    /// <summary>The regressor that was found to be redundant (the first one, in column order, that the others reproduce).</summary>
    public string Variable { get; } = variable;
}

/// <summary>
/// Separation in a Poisson model: the observations where a regressor is non-zero all have a zero outcome, so its
/// maximum-likelihood coefficient is −∞ (Santos Silva &amp; Tenreyro 2010, "On the existence of the maximum likelihood
/// estimates in Poisson regression", Econ. Lett. 107:310–312).
/// </summary>
public sealed class SeparationException(string variable, string message) : EstimationException(message)
{
    public string Variable { get; } = variable;
}
