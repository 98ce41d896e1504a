using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// For --preserve: tells from a document's text alone whether it can hold a Secret. It answers "no" only when
/// the document is a plain block mapping with exactly one top-level <c>kind:</c> whose plain value is neither
/// Secret nor a List; anything unusual (flow style, tags, anchors, quoted keys, merge keys, no kind at column 0)
/// is "maybe", and a "maybe" is parsed and converted like any document. So a Secret is never copied unconverted.
/// </summary>
public static class SecretSniffer
{
    public static bool MayHoldSecret(string text)
    {
        // A "kind:" after a line break other than LF starts a line that this walk would not see: such text is parsed.
        if (LineBreaks.HasOtherThanLf(text))
        {
            return true;
        }

        var rest = text.AsSpan();
        string? kind = null;
        while (!rest.IsEmpty)
        {
            // Lines end at '\n' only, as the splitter cuts them; IndexOf(char) is vectorised, unlike EnumerateLines,
            // which also looks for five other separators and was a tenth of a --preserve run.
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty || line[0] is ' ' or '#' or '\t')
            {
                continue;
            }

            if (line.StartsWith("---") || line.StartsWith("...") || line[0] == '%')
            {
                if (line.StartsWith("---") && !line[3..].Trim(" \t").IsEmpty && line[3..].TrimStart(" \t")[0] != '#')
                {
                    return true; // content on the marker line: not a plain block mapping
                }

                continue;
            }

            if (line[0] is '{' or '[' or '"' or '\'' or '?' or '!' or '&' or '*' or '-' or '<' or '|' or '>')
            {
                return true;
            }

            if (!line.StartsWith("kind:"))
            {
                continue;
            }

            if (kind is not null)
            {
                return true; // two kinds: let the parser report the duplicate
            }

            kind = PlainValue(line[5..]);
            if (kind is null)
            {
                return true;
            }
        }

        return kind is null || kind == "Secret" || kind.EndsWith("List", StringComparison.Ordinal);
    }

    /// <summary>The value after "kind:" when it is a simple word (quotes removed); null when it is anything else.</summary>
    private static string? PlainValue(ReadOnlySpan<char> rest)
    {
        if (!rest.IsEmpty && rest[0] is not (' ' or '\t'))
        {
            return null;
        }

        var value = rest.Trim(" \t");
        var comment = value.IndexOf(" #");
        if (comment >= 0)
        {
            value = value[..comment].TrimEnd(" \t");
        }

        if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
        {
            value = value[1..^1];
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        return value.IsEmpty ? null : value.ToString();
    }
}
