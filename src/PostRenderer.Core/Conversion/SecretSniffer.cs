using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// For --preserve: tells from a document's bytes alone whether it can hold a Secret. It answers "no" only when
/// the document is a plain block mapping with exactly one top-level <c>kind:</c> whose plain value is neither
/// Secret nor a List; anything unusual (flow style, tags, anchors, quoted keys, merge keys, no kind at column 0)
/// is "maybe", and a "maybe" is parsed and converted like any document. So a Secret is never copied unconverted.
/// It reads UTF-8 as it came, so that a document it clears is copied without ever being decoded.
/// </summary>
public static class SecretSniffer
{
    /// <summary>As <see cref="MayHoldSecret(ReadOnlySpan{byte})"/>, looking only at the lines the splitter noted when it did.</summary>
    public static bool MayHoldSecret(RawDocument document)
    {
        var utf8 = document.Utf8;
        if (!document.TryGetTopLevelLines(out var lines))
        {
            return MayHoldSecret(utf8);
        }

        if (LineBreaks.HasOtherThanLf(utf8))
        {
            return true;
        }

        var kind = new KindSeen();
        foreach (var start in lines)
        {
            var rest = utf8[start..];
            var end = rest.IndexOf((byte)'\n');
            if (kind.MayHoldSecret(end < 0 ? rest : rest[..end]))
            {
                return true;
            }
        }

        return kind.MayBeSecret;
    }

    public static bool MayHoldSecret(ReadOnlySpan<byte> utf8)
    {
        // A "kind:" after a line break other than LF starts a line that this walk would not see: such text is parsed.
        if (LineBreaks.HasOtherThanLf(utf8))
        {
            return true;
        }

        var kind = new KindSeen();
        var rest = utf8;
        while (!rest.IsEmpty)
        {
            // Lines end at '\n' only, as the splitter cuts them; IndexOf is vectorised.
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (kind.MayHoldSecret(line))
            {
                return true;
            }
        }

        return kind.MayBeSecret;
    }

    /// <summary>The document's top-level <c>kind:</c>, as its lines go by.</summary>
    private ref struct KindSeen
    {
        private ReadOnlySpan<byte> kind;
        private bool seen;

        /// <summary>True when no <c>kind:</c>, or one of Secret or a List, was seen (once the lines are all seen).</summary>
        public readonly bool MayBeSecret => !seen || kind.SequenceEqual("Secret"u8) || kind.EndsWith("List"u8);

        /// <summary>True as soon as a line shows the document is not the plain block mapping this can clear.</summary>
        public bool MayHoldSecret(ReadOnlySpan<byte> line)
        {
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty || line[0] is (byte)' ' or (byte)'#' or (byte)'\t')
            {
                return false;
            }

            if (line.StartsWith("---"u8) || line.StartsWith("..."u8) || line[0] == '%')
            {
                // Content on the marker line: not a plain block mapping.
                return line.StartsWith("---"u8) && DocumentSplitter.HasContentAfterMarker(line);
            }

            if ("{[\"'?!&*-<|>"u8.Contains(line[0]))
            {
                return true;
            }

            if (!line.StartsWith("kind:"u8))
            {
                return false;
            }

            if (seen)
            {
                return true; // two kinds: let the parser report the duplicate
            }

            seen = true;
            return !TryPlainValue(line[5..], out kind);
        }
    }

    /// <summary>The value after "kind:" when it is a simple word (quotes removed); false when it is anything else.</summary>
    private static bool TryPlainValue(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> value)
    {
        value = [];
        if (!rest.IsEmpty && rest[0] is not ((byte)' ' or (byte)'\t'))
        {
            return false;
        }

        var word = rest.Trim(" \t"u8);
        var comment = word.IndexOf(" #"u8);
        if (comment >= 0)
        {
            word = word[..comment].TrimEnd(" \t"u8);
        }

        if (word.Length >= 2 && word[0] is (byte)'"' or (byte)'\'' && word[^1] == word[0])
        {
            word = word[1..^1];
        }

        foreach (var b in word)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return false;
            }
        }

        value = word;
        return !word.IsEmpty;
    }
}
