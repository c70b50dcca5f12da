using System.Text;
using KzMigration.Data;

namespace KzMigration.Cli.Terminal;

/// <summary>
/// A writer that shows control characters instead of sending them (<see cref="PrintableText"/>): kzmig's stderr, and the
/// output of commands that print text read from input files (<c>data import</c>'s report), so a file can never drive the
/// user's terminal.
/// </summary>
internal sealed class PrintableWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter accepts null
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    /// <summary><paramref name="writer"/> itself if it already escapes, else wrapped.</summary>
    public static TextWriter Over(TextWriter writer) => writer is PrintableWriter ? writer : new PrintableWriter(writer);

    public override void Write(char value)
    {
        if (!PrintableText.IsHidden(value)) inner.Write(value);
        else inner.Write(PrintableText.Escape(value.ToString()));
    }

    public override void Write(string? value)
    {
        if (value is not null) inner.Write(PrintableText.Escape(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();
}
