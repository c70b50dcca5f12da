namespace KzMigration.Kernel;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points (protocol 5.2+); .NET strings and the
/// C# kernel count UTF-16 code units. A character outside the Basic Multilingual Plane (an emoji,
/// say) is one code point but two code units, so the two differ after it.
/// </summary>
public static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoint"/> (clamped to the text).</summary>
    public static int ToUtf16Index(string text, int codePoint)
    {
        var index = 0;
        for (var seen = 0; seen < codePoint && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The number of code points before UTF-16 index <paramref name="utf16Index"/>.</summary>
    public static int FromUtf16Index(string text, int utf16Index)
    {
        var end = Math.Clamp(utf16Index, 0, text.Length);
        var count = 0;
        for (var i = 0; i < end; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }

    /// <summary>Line and character (UTF-16) of a UTF-16 index, lines split at '\n'.</summary>
    public static (int Line, int Character) LinePosition(string text, int utf16Index)
    {
        var end = Math.Clamp(utf16Index, 0, text.Length);
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < end; i++)
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        return (line, end - lineStart);
    }

    /// <summary>The UTF-16 index of a line and character (UTF-16) position, clamped to the text.</summary>
    public static int Utf16Index(string text, int line, int character)
    {
        var index = 0;
        for (var l = 0; l < line && index < text.Length; l++)
        {
            var next = text.IndexOf('\n', index);
            if (next < 0) return text.Length;
            index = next + 1;
        }
        return Math.Min(index + character, text.Length);
    }
}
