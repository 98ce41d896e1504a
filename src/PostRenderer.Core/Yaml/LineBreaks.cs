namespace PostRenderer.Core.Yaml;

/// <summary>
/// YAML breaks lines at a lone CR as well as at LF (a CR before an LF is part of that break), and YamlDotNet also
/// at NEL, LS and PS. Code that walks text by '\n' alone must leave text holding any of those to the parser.
/// </summary>
public static class LineBreaks
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
}
