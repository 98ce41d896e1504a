namespace PostRenderer.Core.Yaml;

/// <summary>
/// YAML breaks lines at a lone CR as well as at LF (a CR before an LF is part of that break), and YamlDotNet also
/// at NEL, LS and PS. Code that walks text by '\n' alone must leave text holding any of those to the parser.
/// </summary>
internal static class LineBreaks
{
    public static bool HasOtherThanLf(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny('\u0085', '\u2028', '\u2029') >= 0)
        {
            return true;
        }

        for (var at = text.IndexOf('\r'); at >= 0; at = text.IndexOf('\r'))
        {
            if (at + 1 == text.Length || text[at + 1] != '\n')
            {
                return true;
            }

            text = text[(at + 2)..];
        }

        return false;
    }

    /// <summary>The same test on UTF-8 bytes: one pass over text that is ASCII throughout, as chart output nearly always is.</summary>
    public static bool HasOtherThanLf(ReadOnlySpan<byte> utf8)
    {
        // NEL, LS and PS are C2 85, E2 80 A8 and E2 80 A9 in UTF-8.
        for (var at = utf8.IndexOfAny((byte)'\r', (byte)0xC2, (byte)0xE2); at >= 0; at = utf8.IndexOfAny((byte)'\r', (byte)0xC2, (byte)0xE2))
        {
            var rest = utf8[at..];
            if (rest[0] == '\r' ? rest.Length == 1 || rest[1] != '\n' : rest.StartsWith("\u0085"u8) || rest.StartsWith("\u2028"u8) || rest.StartsWith("\u2029"u8))
            {
                return true;
            }

            utf8 = rest[1..];
        }

        return false;
    }
}
