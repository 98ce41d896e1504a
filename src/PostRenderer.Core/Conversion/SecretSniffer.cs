using System.Numerics;
using System.Runtime.Intrinsics;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// For --preserve: tells from a document's bytes alone whether it can hold a Secret. It answers "no" only when
/// the document is a plain block mapping with exactly one top-level <c>kind:</c> whose plain value is neither
/// Secret nor a List; anything unusual (a line at column 0 that starts with anything but a letter or a digit: flow
/// style, tags, anchors, quoted keys, merge keys, directives, a byte-order mark; <c>kind :</c>; no kind at column 0)
/// is "maybe", and a "maybe" is parsed and converted like any document. So a Secret is never copied unconverted.
/// It reads UTF-8 as it came, so that a document it clears is copied without ever being decoded.
/// </summary>
internal static class SecretSniffer
{
    public static bool MayHoldSecret(ReadOnlySpan<byte> utf8)
    {
        // A "kind:" after a line break other than LF starts a line that this walk would not see: such text is parsed.
        if (LineBreaks.HasOtherThanLf(utf8) || StartsIndented(utf8))
        {
            return true;
        }

        // Only the lines at column 0 with content can tell (KindSeen passes over the rest), so only they are read.
        var kind = new KindSeen();
        for (var start = utf8.IsEmpty ? -1 : 0; start >= 0; start = NextColumnZeroLine(utf8, start))
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

    /// <summary>
    /// True when the first line with content (not blank, not a comment) is indented. Column-0 lines are what tell
    /// a document's kind, and such a document's are not: "  a: x" followed by "kind: ConfigMap" is not YAML at all
    /// (Kubernetes refuses it), and copied it would pass with exit 0. Charts never render one, so parse it.
    /// </summary>
    public static bool StartsIndented(ReadOnlySpan<byte> utf8)
    {
        foreach (var range in utf8.Split((byte)'\n'))
        {
            var line = utf8[range];
            var content = line.TrimStart(" \t"u8);
            if (!content.IsEmpty && content[0] != (byte)'#')
            {
                return content.Length != line.Length;
            }
        }

        return false;
    }

    /// <summary>
    /// Where the next line after the one at <paramref name="from"/> that starts with neither a space, a tab, '#' nor a
    /// line end starts; -1 when none does. Sixteen bytes at a time: a document's lines are mostly indented.
    /// </summary>
    private static int NextColumnZeroLine(ReadOnlySpan<byte> utf8, int from)
    {
        var at = from;
        if (Vector128.IsHardwareAccelerated)
        {
            // Each block: the '\n's at [at, at + 16), and the first byte of the line each one starts.
            while (at + Vector128<byte>.Count < utf8.Length)
            {
                var newlines = Vector128.Equals(Vector128.Create(utf8.Slice(at, Vector128<byte>.Count)), Vector128.Create((byte)'\n'));
                if (newlines != Vector128<byte>.Zero)
                {
                    var next = Vector128.Create(utf8.Slice(at + 1, Vector128<byte>.Count));
                    var indented = Vector128.Equals(next, Vector128.Create((byte)' ')) | Vector128.Equals(next, Vector128.Create((byte)'\t'))
                        | Vector128.Equals(next, Vector128.Create((byte)'#')) | Vector128.Equals(next, Vector128.Create((byte)'\n'));
                    var starts = Vector128.AndNot(newlines, indented).ExtractMostSignificantBits();
                    if (starts != 0)
                    {
                        return at + BitOperations.TrailingZeroCount(starts) + 1;
                    }
                }

                at += Vector128<byte>.Count;
            }
        }

        for (; at + 1 < utf8.Length; at++)
        {
            if (utf8[at] == '\n' && utf8[at + 1] is not ((byte)' ' or (byte)'\t' or (byte)'#' or (byte)'\n'))
            {
                return at + 1;
            }
        }

        return -1;
    }

    /// <summary>The document's top-level <c>kind:</c>, as its lines go by.</summary>
    internal ref struct KindSeen
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

            if (line.StartsWith("---"u8) || line.StartsWith("..."u8))
            {
                // Content on the marker line: not a plain block mapping.
                return line.StartsWith("---"u8) && DocumentSplitter.HasContentAfterMarker(line);
            }

            // Only a plain key can be cleared: an indicator, a directive, a quote, a byte-order mark or any other
            // byte that is not a letter or a digit may start a reading in which this line names the kind.
            if (!char.IsAsciiLetterOrDigit((char)line[0]))
            {
                return true;
            }

            if (!line.StartsWith("kind"u8))
            {
                return false;
            }

            if (line.Length == 4 || line[4] != ':')
            {
                // "kind :" or "kind\t:" is the key kind too; "kinds:" is another key.
                return line.Length == 4 || !IsKeyByte(line[4]);
            }

            if (seen)
            {
                return true; // two kinds: let the parser report the duplicate
            }

            seen = true;
            return !TryPlainValue(line[5..], out kind);
        }
    }

    private static bool IsKeyByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'/';

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
