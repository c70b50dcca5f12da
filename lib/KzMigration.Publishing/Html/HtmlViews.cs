using KzMigration.Claims;
using KzMigration.Data;

namespace KzMigration.Publishing;

/// <summary>
/// The values a notebook cell may end with that display as HTML (the notebook runner's and the Jupyter kernel's formatters
/// register each of <see cref="Types"/>): the science core's results, rendered here, and anything that renders itself
/// (<see cref="IHtmlRenderable"/>).
/// </summary>
public static class HtmlViews
{
    /// <summary>The types with an HTML view.</summary>
    public static IReadOnlyList<Type> Types { get; } = [typeof(Coverage), typeof(ClaimsReport), typeof(IHtmlRenderable)];

    /// <summary>The HTML of <paramref name="value"/>, one of <see cref="Types"/>.</summary>
    public static string Of(object value) => value switch
    {
        Coverage coverage => coverage.ToHtml(),
        ClaimsReport ledger => ledger.ToHtml(),
        IHtmlRenderable renderable => renderable.ToHtml(),
        null => throw new ArgumentNullException(nameof(value)),
        _ => throw new ArgumentException($"{value.GetType().Name} has no HTML view", nameof(value)),
    };
}
