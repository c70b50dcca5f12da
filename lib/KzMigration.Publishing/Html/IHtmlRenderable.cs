namespace KzMigration.Publishing;

/// <summary>
/// A library result that knows how to show itself as HTML (a coverage matrix, a claims ledger, a
/// sources table). The notebook runner and the report render any such value with
/// <see cref="ToHtml"/>, so a notebook can simply end a cell with the value.
/// </summary>
public interface IHtmlRenderable
{
    /// <summary>An HTML fragment; every text that comes from data must be HTML-encoded.</summary>
    string ToHtml();
}
