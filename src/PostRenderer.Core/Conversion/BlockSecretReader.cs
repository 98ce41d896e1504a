using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Reads a Secret written the way charts render one (block mappings, one key per line, plain or simply quoted
/// scalars, <c>|</c> and <c>|-</c> blocks in stringData) straight from its UTF-8 bytes into a
/// <see cref="BlockSecret"/>, without a node tree: most of the time a large render spends on its Secrets
/// went into building and walking trees for values it only passes on (bench/history.md, seventh and eighth rounds).
/// Anything else, and anything wrong, it declines: the document then takes the full path, which reads
/// all of YAML and reports errors. A differential test holds the two paths to the same output.
/// </summary>
internal static class BlockSecretReader
{
    // Base64 text decoded on the stack up to this size; larger values rent a buffer.
    private const int StackDecodeLimit = 1024;

    private static readonly SearchValues<byte> NumberOrTimeBytes = SearchValues.Create(Encoding.ASCII.GetBytes(PlainScalarAgreement.NumberOrTimeAlphabet));

    private static readonly SearchValues<byte> Base64Alphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="u8);

    private const int ApiVersionSeen = 1, KindSeen = 2, MetadataSeen = 4, TypeSeen = 8, ImmutableSeen = 16, DataSeen = 32, StringDataSeen = 64;

    /// <summary>The Secret as a <see cref="SecretDocument"/>, or null when the full path must read it.</summary>
    public static SecretDocument? TryRead(ReadOnlySpan<byte> utf8, DocumentLocation location, out DocumentLocation located)
    {
        var secret = new BlockSecret();
        return TryRead(utf8, location, secret, out located) ? secret.ToDocument(utf8) : null;
    }

    /// <summary>Reads the Secret into <paramref name="secret"/>; false, when the full path must read it.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> utf8, DocumentLocation location, BlockSecret secret, out DocumentLocation located)
    {
        located = location;
        secret.Clear();
        // Tabs are declined anywhere (YAML allows them in few places), so that no line needs its own look for one.
        // A last line without a line break goes the full path too: go-yaml reads the end of input as one, which
        // changes what a block scalar there holds.
        if (utf8.IndexOfAny((byte)'\r', (byte)'\0', (byte)'\t') >= 0 || LineBreaks.HasOtherThanLf(utf8) || utf8.StartsWith("\uFEFF"u8) || (utf8.Length > 0 && utf8[^1] != '\n'))
        {
            return false;
        }

        var lines = new LineCursor(utf8);
        if (!SkipLeadingLines(ref lines))
        {
            return false;
        }

        var parts = new Parts(utf8, secret);
        var seen = 0;
        while (lines.TryPeek(out var line))
        {
            if (line.IsEmpty)
            {
                lines.Advance();
                continue;
            }

            if (!TrySplitEntry(line, 0, out var key, out var rest))
            {
                return false;
            }

            lines.Advance();
            var field = Field(key);
            if (field == 0 || (seen & field) != 0)
            {
                return false;
            }

            seen |= field;
            if (!ReadField(field, rest, ref lines, ref parts))
            {
                return false;
            }
        }

        if (!parts.IsSecret || parts.Name is null || !parts.MergeValues())
        {
            return false;
        }

        located = location with { Kind = "Secret", Name = parts.Name, Namespace = parts.Namespace };
        return true;
    }

    private static int Field(ReadOnlySpan<byte> key) => key switch
    {
        _ when key.SequenceEqual("apiVersion"u8) => ApiVersionSeen,
        _ when key.SequenceEqual("kind"u8) => KindSeen,
        _ when key.SequenceEqual("metadata"u8) => MetadataSeen,
        _ when key.SequenceEqual("type"u8) => TypeSeen,
        _ when key.SequenceEqual("immutable"u8) => ImmutableSeen,
        _ when key.SequenceEqual("data"u8) => DataSeen,
        _ when key.SequenceEqual("stringData"u8) => StringDataSeen,
        _ => 0,
    };

    private static bool ReadField(int field, ReadOnlySpan<byte> rest, ref LineCursor lines, ref Parts parts)
    {
        switch (field)
        {
            case ImmutableSeen:
                // Only the spellings both readers agree on; yes, on or a quoted "true" go the full path.
                return TryScalar(rest, out var flag, out var unquoted) && unquoted && IsBooleanWord(flag) && parts.SetTopLevel(field, flag, unquoted);
            case ApiVersionSeen or KindSeen or TypeSeen:
                if (!TryValue(rest, out var value, out var plain))
                {
                    return false;
                }

                // Anything but a v1 Secret is declined as soon as it says so: a canonical render asks of every document.
                return parts.SetTopLevel(field, value, plain);
            case MetadataSeen:
                return rest.IsEmpty && ReadMetadata(ref lines, ref parts);
            default:
                if (IsEmptyFlowMapping(rest))
                {
                    return true;
                }

                return rest.IsEmpty && ReadValues(ref lines, ref parts, fromStringData: field == StringDataSeen);
        }
    }

    /// <summary>Blank lines, comments and one bare <c>---</c> before the first key.</summary>
    private static bool SkipLeadingLines(ref LineCursor lines)
    {
        var sawMarker = false;
        while (lines.TryPeek(out var line))
        {
            var trimmed = line.TrimStart((byte)' ');
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                lines.Advance();
                continue;
            }

            if (line.StartsWith("---"u8) && !sawMarker && line[3..].TrimEnd((byte)' ').IsEmpty)
            {
                sawMarker = true;
                lines.Advance();
                continue;
            }

            return line[0] != ' ';
        }

        return false;
    }

    private static bool ReadMetadata(ref LineCursor lines, ref Parts parts)
    {
        var indent = ChildIndent(ref lines, 0);
        if (indent < 0)
        {
            return false;
        }

        var seen = 0;
        while (NextEntry(ref lines, indent, out var key, out var rest, out var ok))
        {
            if (!ok)
            {
                return false;
            }

            var field = key.SequenceEqual("name"u8) ? 1 : key.SequenceEqual("namespace"u8) ? 2 : key.SequenceEqual("labels"u8) ? 4 : key.SequenceEqual("annotations"u8) ? 8 : 0;
            if (field == 0 || (seen & field) != 0)
            {
                return false;
            }

            seen |= field;
            if (field is 1 or 2)
            {
                if (!TryValue(rest, out var value, out _) || !parts.SetName(field == 1, value))
                {
                    return false;
                }

                continue;
            }

            var entries = field == 4 ? parts.Secret.Labels : parts.Secret.Annotations;
            if (!IsEmptyFlowMapping(rest) && !(rest.IsEmpty && ReadStringMap(ref lines, indent, parts.Document, entries)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Labels or annotations: keys of letters, digits and <c>._/-</c>, scalar values; sorted by key, as the output needs them.</summary>
    private static bool ReadStringMap(ref LineCursor lines, int parentIndent, ReadOnlySpan<byte> utf8, List<BlockSecret.Entry> entries)
    {
        var indent = ChildIndent(ref lines, parentIndent);
        if (indent < 0)
        {
            return false;
        }

        while (NextEntry(ref lines, indent, out var key, out var rest, out var ok))
        {
            if (!ok || !TryValue(rest, out var value, out var plain) || IndexOfKey(entries, key, utf8) >= 0)
            {
                return false;
            }

            entries.Add(new(BlockSecret.Range.Of(utf8, key), BlockSecret.Range.Of(utf8, value), plain));
        }

        BlockSecret.SortByKey(entries, utf8);

        return true;
    }

    private static int IndexOfKey(List<BlockSecret.Entry> entries, ReadOnlySpan<byte> key, ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Key.In(utf8).SequenceEqual(key))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool ReadValues(ref LineCursor lines, ref Parts parts, bool fromStringData)
    {
        var indent = ChildIndent(ref lines, 0);
        if (indent < 0)
        {
            return false;
        }

        while (NextEntry(ref lines, indent, out var key, out var rest, out var ok))
        {
            if (!ok || !IsSecretKey(key))
            {
                return false;
            }

            bool added;
            if (!fromStringData)
            {
                // Charts write base64 plain; a quoted value (an empty one, say) is checked the same way.
                added = (IsPlainBase64(rest) || (TryValue(rest, out rest, out var plain) && !plain)) && parts.AddBase64(key, rest);
            }
            else if (BlockHeader(rest) is { } strip)
            {
                added = ReadBlock(ref lines, indent) is var (block, blockIndent)
                    && parts.AddStringData(key, block, strip ? BlockSecret.ValueForm.StrippedBlock : BlockSecret.ValueForm.ClippedBlock, blockIndent);
            }
            else
            {
                added = TryValue(rest, out var value, out _) && parts.AddStringData(key, BlockSecret.Range.Of(parts.Document, value), BlockSecret.ValueForm.Line, 0);
            }

            if (!added)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>'|' (clip) gives false, '|-' (strip) true; any other header (keep, folded, an indentation digit, a comment) null.</summary>
    private static bool? BlockHeader(ReadOnlySpan<byte> rest)
    {
        var header = rest.TrimStart((byte)' ').TrimEnd((byte)' ');
        return header.SequenceEqual("|"u8) ? false : header.SequenceEqual("|-"u8) ? true : null;
    }

    /// <summary>
    /// A literal block's lines, up to its last line that is not empty, and their indentation (that of the first).
    /// Lines of spaces alone and leading empty lines are declined: YAML gives them meanings this reader does not reproduce.
    /// </summary>
    private static (BlockSecret.Range Block, int Indent)? ReadBlock(ref LineCursor lines, int parentIndent)
    {
        if (!lines.TryPeek(out var first) || first.IsEmpty)
        {
            return null;
        }

        var indent = first.IndexOfAnyExcept((byte)' ');
        if (indent <= parentIndent)
        {
            return null;
        }

        var from = lines.Position;
        var contentEnd = from;
        while (lines.TryPeek(out var line))
        {
            if (line.IsEmpty)
            {
                lines.Advance();
                continue;
            }

            var lineIndent = line.IndexOfAnyExcept((byte)' ');
            if (lineIndent < 0)
            {
                return null;
            }

            if (lineIndent < indent)
            {
                break;
            }

            lines.Advance();
            contentEnd = lines.Position;
        }

        return (new BlockSecret.Range(from, contentEnd - from), indent);
    }

    /// <summary>The indentation of the first line of a nested block mapping, deeper than its parent's; -1 when there is none.</summary>
    private static int ChildIndent(ref LineCursor lines, int parentIndent)
    {
        while (lines.TryPeek(out var line) && line.IsEmpty)
        {
            lines.Advance();
        }

        if (!lines.TryPeek(out var first))
        {
            return -1;
        }

        var indent = first.IndexOfAnyExcept((byte)' ');
        return indent > parentIndent ? indent : -1;
    }

    /// <summary>
    /// The next entry of the mapping at <paramref name="indent"/>: false at its end (a line less indented);
    /// <paramref name="ok"/> false on anything this reader declines (deeper lines, comments, tabs, sequences).
    /// </summary>
    private static bool NextEntry(ref LineCursor lines, int indent, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> rest, out bool ok)
    {
        key = rest = default;
        ok = true;
        while (lines.TryPeek(out var line))
        {
            if (line.IsEmpty)
            {
                lines.Advance();
                continue;
            }

            var lineIndent = line.IndexOfAnyExcept((byte)' ');
            if (lineIndent < indent)
            {
                return false;
            }

            ok = lineIndent == indent && TrySplitEntry(line, indent, out key, out rest);
            lines.Advance();
            return true;
        }

        return false;
    }

    /// <summary>Splits <c>key: rest</c> (or <c>key:</c>) at a plain key; rest has no leading space.</summary>
    private static bool TrySplitEntry(ReadOnlySpan<byte> line, int indent, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> rest)
    {
        key = rest = default;
        var body = line[indent..];
        var colon = body.IndexOf((byte)':');
        if (colon <= 0 || body[0] is (byte)'-' or (byte)'#')
        {
            return false;
        }

        key = body[..colon];
        rest = body[(colon + 1)..];
        if (!rest.IsEmpty && rest[0] != ' ')
        {
            return false;
        }

        rest = rest.TrimStart((byte)' ');
        foreach (var b in key)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'_' or (byte)'-' or (byte)'/'))
            {
                return false;
            }
        }

        // A key Kubernetes reads as anything but itself (yes, 0755, <<) goes the full path, which turns it into that.
        return ReadsAsText(key);
    }

    /// <summary>
    /// True when a plain ASCII scalar is the text it shows for go-yaml and for YAML 1.2 alike (not null, a boolean,
    /// a number or a merge key); only its first characters, and whether it is a short special word, can tell.
    /// </summary>
    private static bool ReadsAsText(ReadOnlySpan<byte> plain)
    {
        // Base64 often starts with a digit: only digits, signs, points, colons and a few letters spell a number or a
        // time, so any other byte (most base64 has one) makes it text to every reader, without a closer look.
        if (!plain.IsEmpty && plain[0] is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-' or (byte)'.')
        {
            return plain.IndexOfAnyExcept(NumberOrTimeBytes) >= 0;
        }

        Span<char> head = stackalloc char[ScalarStyleRules.LongestSpecialWord + 1];
        var length = Math.Min(plain.Length, head.Length);
        for (var i = 0; i < length; i++)
        {
            head[i] = (char)plain[i];
        }

        return ScalarStyleRules.ResolvesToString(head[..length]);
    }

    private static bool IsBooleanWord(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("true"u8) || value.SequenceEqual("True"u8) || value.SequenceEqual("TRUE"u8)
        || value.SequenceEqual("false"u8) || value.SequenceEqual("False"u8) || value.SequenceEqual("FALSE"u8);

    /// <summary>
    /// A one-line scalar: double-quoted without escapes, single-quoted without doubled quotes, or plain text that
    /// no YAML reader could take for anything but itself (printable ASCII, no indicator first, no ': ' or ' #',
    /// no trailing space).
    /// </summary>
    private static bool TryScalar(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> value, out bool plain)
    {
        value = default;
        plain = false;
        if (rest.IsEmpty)
        {
            return false;
        }

        if (rest[0] is (byte)'"' or (byte)'\'')
        {
            var close = rest[1..].IndexOf(rest[0]);
            if (close < 0 || !rest[(close + 2)..].TrimEnd((byte)' ').IsEmpty || (rest[0] == '"' && rest[1..(close + 1)].IndexOf((byte)'\\') >= 0))
            {
                return false;
            }

            value = rest[1..(close + 1)];
            return true;
        }

        plain = true;
        value = rest;
        return !"-?:,[]{}#&*!|>%@`"u8.Contains(rest[0])
            && rest.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0
            && rest[^1] is not ((byte)' ' or (byte)':')
            && rest.IndexOf(": "u8) < 0
            && rest.IndexOf(" #"u8) < 0;
    }

    /// <summary>
    /// A scalar that is text: the full path reads a plain <c>~</c> or <c>NULL</c> as no value at all, and refuses a
    /// plain number or boolean where Kubernetes wants text.
    /// </summary>
    private static bool TryValue(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> value, out bool plain) =>
        TryScalar(rest, out value, out plain) && !(plain && (value.IsEmpty || !ReadsAsText(value)));

    /// <summary>
    /// A data value as charts render one: plain, base64's alphabet only (so YAML reads it as written), and text
    /// (not <c>null</c>, <c>yes</c> or <c>1234</c>, which are also such words).
    /// </summary>
    private static bool IsPlainBase64(ReadOnlySpan<byte> rest) =>
        !rest.IsEmpty && rest.IndexOfAnyExcept(Base64Alphabet) < 0 && ReadsAsText(rest);

    private static bool IsEmptyFlowMapping(ReadOnlySpan<byte> rest) => rest.TrimEnd((byte)' ').SequenceEqual("{}"u8);

    private static bool IsSecretKey(ReadOnlySpan<byte> key) => key.IndexOf((byte)'/') < 0;

    /// <summary>What the top-level fields said, gathered into the <see cref="BlockSecret"/> as the lines go by.</summary>
    private ref struct Parts(ReadOnlySpan<byte> utf8, BlockSecret secret)
    {
        public readonly ReadOnlySpan<byte> Document = utf8;
        public readonly BlockSecret Secret = secret;
        public string? Name;
        public string? Namespace;
        private bool apiVersionIsV1;
        private bool kindIsSecret;

        public readonly bool IsSecret => apiVersionIsV1 && kindIsSecret;

        /// <summary>False when the field shows the document is not a v1 Secret.</summary>
        public bool SetTopLevel(int field, scoped ReadOnlySpan<byte> value, bool plain)
        {
            switch (field)
            {
                case ApiVersionSeen:
                    apiVersionIsV1 = value.SequenceEqual("v1"u8);
                    return apiVersionIsV1;
                case KindSeen:
                    kindIsSecret = value.SequenceEqual("Secret"u8);
                    return kindIsSecret;
                case TypeSeen:
                    Secret.Type = BlockSecret.Range.Of(Document, value);
                    break;
                default:
                    Secret.Immutable = plain && (value.SequenceEqual("true"u8) || value.SequenceEqual("True"u8) || value.SequenceEqual("TRUE"u8));
                    break;
            }

            return true;
        }

        /// <summary>metadata.name (false when empty: the full path says what is wrong) or metadata.namespace.</summary>
        public bool SetName(bool isName, scoped ReadOnlySpan<byte> value)
        {
            var text = Encoding.UTF8.GetString(value);
            if (isName)
            {
                Name = text;
                Secret.Name = BlockSecret.Range.Of(Document, value);
                return text.Length > 0;
            }

            Namespace = text;
            Secret.Namespace = BlockSecret.Range.Of(Document, value);
            return true;
        }

        /// <summary>
        /// A data value, checked as base64. False for a key seen twice, and also for base64 that
        /// <see cref="SecretDocument.CheckBase64"/> would take but this stricter decoder refuses (unused bits set,
        /// white space): the full path then reads it.
        /// </summary>
        public readonly bool AddBase64(ReadOnlySpan<byte> key, ReadOnlySpan<byte> base64)
        {
            if (IndexOfValue(key, fromStringData: false) >= 0 || DecodesToText(base64) is not { } isText)
            {
                return false;
            }

            Secret.Values.Add(new(BlockSecret.Range.Of(Document, key), BlockSecret.Range.Of(Document, base64), BlockSecret.ValueForm.Base64, 0, IsBinary: !isText));
            return true;
        }

        /// <summary>A stringData value (a one-line value's characters, or a block's lines); false for a key seen twice.</summary>
        public readonly bool AddStringData(ReadOnlySpan<byte> key, BlockSecret.Range source, BlockSecret.ValueForm form, int blockIndent)
        {
            if (IndexOfValue(key, fromStringData: true) >= 0)
            {
                return false;
            }

            Secret.Values.Add(new(BlockSecret.Range.Of(Document, key), source, form, blockIndent, IsBinary: false));
            return true;
        }

        /// <summary>Drops each data value that stringData overrides, and sorts the rest by key; false when no key is left.</summary>
        public readonly bool MergeValues()
        {
            var values = Secret.Values;
            for (var i = values.Count - 1; i >= 0; i--)
            {
                if (values[i].Form == BlockSecret.ValueForm.Base64 && IndexOfValue(values[i].Key.In(Document), fromStringData: true) >= 0)
                {
                    values.RemoveAt(i);
                }
            }

            BlockSecret.SortByKey(values, Document);

            return values.Count > 0;
        }

        private readonly int IndexOfValue(ReadOnlySpan<byte> key, bool fromStringData)
        {
            var values = Secret.Values;
            for (var i = 0; i < values.Count; i++)
            {
                if ((values[i].Form != BlockSecret.ValueForm.Base64) == fromStringData && values[i].Key.In(Document).SequenceEqual(key))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Whether the decoded bytes are UTF-8 text; null when they are not base64.</summary>
        private static bool? DecodesToText(ReadOnlySpan<byte> base64)
        {
            var size = Base64.GetMaxDecodedFromUtf8Length(base64.Length);
            var rented = size > StackDecodeLimit ? ArrayPool<byte>.Shared.Rent(size) : null;
            var decoded = rented is null ? stackalloc byte[StackDecodeLimit] : rented;
            try
            {
                return Base64.DecodeFromUtf8(base64, decoded, out _, out var written) == OperationStatus.Done
                    ? Utf8.IsValid(decoded[..written])
                    : null;
            }
            finally
            {
                // Neither the stack nor the pool may keep a secret's bytes (a failed decode may have written some too).
                decoded[..Math.Min(size, decoded.Length)].Clear();
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }

    /// <summary>Walks a document's lines ('\n' ends each; the last may have none).</summary>
    private ref struct LineCursor(ReadOnlySpan<byte> text)
    {
        public readonly ReadOnlySpan<byte> Text = text;

        private int next = -1;

        public int Position { get; private set; }

        /// <summary>The current line; <see cref="Advance"/> then moves past it without looking for its end again.</summary>
        public bool TryPeek(out ReadOnlySpan<byte> line)
        {
            if (Position >= Text.Length)
            {
                line = default;
                return false;
            }

            var rest = Text[Position..];
            var end = rest.IndexOf((byte)'\n');
            line = end < 0 ? rest : rest[..end];
            next = end < 0 ? Text.Length : Position + end + 1;
            return true;
        }

        public void Advance() => Position = next;
    }
}
