using System.Text;

namespace PostRenderer.Core.Yaml;

/// <summary>The text a scalar entry of a <see cref="YamlIndex"/> stands for: quotes, escapes, folding and chomping applied.</summary>
internal static class YamlScalarText
{
    public static string Of(in YamlEntry entry, ReadOnlySpan<byte> utf8)
    {
        var bytes = entry.In(utf8);
        return entry.Style switch
        {
            YamlScalarStyle.DoubleQuoted when entry.HasEscapes => YamlEscapes.Decode(bytes),
            YamlScalarStyle.SingleQuoted when entry.HasEscapes => Encoding.UTF8.GetString(bytes).Replace("''", "'", StringComparison.Ordinal),
            YamlScalarStyle.Literal or YamlScalarStyle.Folded => Block(entry, bytes),
            _ => Encoding.UTF8.GetString(bytes),
        };
    }

    /// <summary>
    /// A block scalar's body lines, less their indentation; a line of blanks alone is an empty line (the builder has
    /// declined any deeper than the indentation). The end of the input counts as a line break, as go-yaml reads it.
    /// </summary>
    private static string Block(in YamlEntry entry, ReadOnlySpan<byte> body)
    {
        var literal = entry.Style == YamlScalarStyle.Literal;
        var builder = new StringBuilder(body.Length + 1);
        var previousWasText = false;
        var pendingBreaks = 0;
        var anyText = false;
        for (var line = 0; line < entry.Count; line++)
        {
            var newline = body.IndexOf((byte)'\n');
            var content = newline < 0 ? body : body[..newline];
            body = newline < 0 ? [] : body[(newline + 1)..];
            if (!content.IsEmpty && content[^1] == '\r')
            {
                content = content[..^1];
            }

            var isEmpty = content.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;
            anyText |= !isEmpty;
            var text = isEmpty ? [] : content[entry.BlockIndent..];
            if (literal)
            {
                builder.Append(Encoding.UTF8.GetString(text)).Append('\n');
                continue;
            }

            if (isEmpty)
            {
                pendingBreaks++;
                continue;
            }

            if (previousWasText)
            {
                builder.Append(pendingBreaks == 0 ? " " : new string('\n', pendingBreaks));
            }
            else
            {
                builder.Append('\n', pendingBreaks);
            }

            builder.Append(Encoding.UTF8.GetString(text));
            previousWasText = true;
            pendingBreaks = 0;
        }

        if (!literal)
        {
            builder.Append('\n', pendingBreaks + (previousWasText ? 1 : 0));
        }

        var value = builder.ToString();
        if (!anyText)
        {
            return entry.Chomping == '+' ? value : "";
        }

        return entry.Chomping switch
        {
            (byte)'-' => value.TrimEnd('\n'),
            (byte)'+' => value,
            _ => value.TrimEnd('\n') + "\n",
        };
    }
}
