using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// The Secret path: a Secret in the shape charts render (apiVersion, kind, metadata with name, namespace, labels and
/// annotations, type, immutable, data, stringData; scalar values that read as the text they show) read from a
/// <see cref="YamlIndex"/> into places in its UTF-8 text instead of strings and nodes. A Secret whose plan nobody needs
/// (a render that does not populate) is written from these places straight to the output (<see cref="EsoWriter"/>),
/// and only a Secret that is planned becomes a <see cref="SecretDocument"/> (bench/history.md, seventh and eighth
/// rounds). Anything else it declines: the document then takes the tree path, which reports errors. A differential
/// test holds the two paths to the same output. One instance serves a whole render; it is valid only with the text
/// (and the index) it was read from.
/// </summary>
internal sealed class IndexedSecret
{
    // Base64 text decoded on the stack up to this size; larger values rent a buffer.
    private const int StackDecodeLimit = 1024;

    private const int ApiVersionSeen = 1, KindSeen = 2, MetadataSeen = 4, TypeSeen = 8, ImmutableSeen = 16, DataSeen = 32, StringDataSeen = 64;

    private static readonly SearchValues<byte> NumberOrTimeBytes = SearchValues.Create(Encoding.ASCII.GetBytes(PlainScalarAgreement.NumberOrTimeAlphabet));

    private static readonly SearchValues<byte> Base64Alphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="u8);

    /// <summary>metadata.name (never empty once read).</summary>
    public Range Name { get; private set; }

    /// <summary>metadata.namespace as written (perhaps empty); null when absent.</summary>
    public Range? Namespace { get; private set; }

    /// <summary>type as written; null when absent.</summary>
    public Range? Type { get; private set; }

    public bool Immutable { get; private set; }

    /// <summary>metadata.labels, sorted by key.</summary>
    public List<Entry> Labels { get; } = [];

    /// <summary>metadata.annotations, sorted by key.</summary>
    public List<Entry> Annotations { get; } = [];

    /// <summary>The keys of data and stringData (stringData winning), sorted by key.</summary>
    public List<Value> Values { get; } = [];

    /// <summary>Reads the Secret that <paramref name="index"/> holds; false, when the tree path must read the document.</summary>
    public bool TryRead(YamlIndex index, ReadOnlySpan<byte> utf8)
    {
        Clear();
        // Tabs go the tree path wherever they are (YAML allows them in few places). So does a last line without a line
        // break: go-yaml reads the end of input as one, which the document's text (the tree path's) has written.
        if (index.HasTabOrCarriageReturn || utf8.IsEmpty || utf8[^1] != '\n'
            || index.Root.Kind != YamlEntryKind.Mapping || (index.Root.Flags & YamlEntryFlags.Flow) != 0)
        {
            return false;
        }

        var fields = new Fields();
        var seen = 0;
        var at = 1;
        for (var pair = 0; pair < index.Root.Count; pair++, at = index[at + 1].End)
        {
            ref readonly var key = ref index[at];
            var field = key.Style == YamlScalarStyle.Plain ? Field(key.In(utf8)) : 0;
            if (field == 0 || (seen & field) != 0 || !ReadField(field, index, at + 1, utf8, ref fields))
            {
                return false;
            }

            seen |= field;
        }

        // Name is empty until read (Clear), and an empty one was refused: its length says it was there.
        if (!fields.IsSecret || Name.Length == 0 || !MergeValues(utf8))
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// Where the Secret that <see cref="TryRead"/> read sits, the document at <paramref name="documentIndex"/> and
    /// <paramref name="line"/>, named as the tree path names it. Made only when asked for: most Secrets never need
    /// their name as a string, and on a long stream those strings were most of the pages a render touched.
    /// </summary>
    public DocumentLocation Locate(ReadOnlySpan<byte> utf8, int documentIndex, int line) =>
        new(documentIndex, line, "Secret", Name.Text(utf8), Namespace?.Text(utf8));

    /// <summary>The Secret as the planner takes it, with everything <see cref="SecretDocument.Read"/> would give.</summary>
    public SecretDocument ToDocument(ReadOnlySpan<byte> utf8)
    {
        var values = new List<SecretValue>(Values.Count);
        foreach (var value in Values)
        {
            values.Add(value.ToSecretValue(utf8));
        }

        return SecretDocument.FromParts(
            Name.Text(utf8), Namespace?.Text(utf8), Type?.Text(utf8), Immutable, ToMapping(Labels, utf8), ToMapping(Annotations, utf8), values);
    }

    private void Clear()
    {
        Name = default;
        Namespace = Type = null;
        Immutable = false;
        Labels.Clear();
        Annotations.Clear();
        Values.Clear();
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

    private bool ReadField(int field, YamlIndex index, int value, ReadOnlySpan<byte> utf8, ref Fields fields)
    {
        ref readonly var entry = ref index[value];
        switch (field)
        {
            case ImmutableSeen:
                // Only the spellings both readers agree on; yes, on or a quoted "true" go the tree path.
                var flag = entry.In(utf8);
                Immutable = flag.SequenceEqual("true"u8) || flag.SequenceEqual("True"u8) || flag.SequenceEqual("TRUE"u8);
                return entry.Style == YamlScalarStyle.Plain && (Immutable || flag.SequenceEqual("false"u8) || flag.SequenceEqual("False"u8) || flag.SequenceEqual("FALSE"u8));
            case ApiVersionSeen:
                // Anything but a v1 Secret is declined as soon as it says so: a canonical render asks of every document.
                fields.ApiVersionIsV1 = IsText(entry, utf8, index.IsPrintableAscii) && entry.In(utf8).SequenceEqual("v1"u8);
                return fields.ApiVersionIsV1;
            case KindSeen:
                fields.KindIsSecret = IsText(entry, utf8, index.IsPrintableAscii) && entry.In(utf8).SequenceEqual("Secret"u8);
                return fields.KindIsSecret;
            case TypeSeen:
                Type = Range.Of(entry);
                return IsText(entry, utf8, index.IsPrintableAscii);
            case MetadataSeen:
                return entry.Kind == YamlEntryKind.Mapping && ReadMetadata(index, value, utf8);
            default:
                return entry.Kind == YamlEntryKind.Mapping && ReadValues(index, value, utf8, fromStringData: field == StringDataSeen);
        }
    }

    private bool ReadMetadata(YamlIndex index, int mapping, ReadOnlySpan<byte> utf8)
    {
        var seen = 0;
        var at = mapping + 1;
        for (var pair = 0; pair < index[mapping].Count; pair++, at = index[at + 1].End)
        {
            var key = index[at].Style == YamlScalarStyle.Plain ? index[at].In(utf8) : [];
            var field = key.SequenceEqual("name"u8) ? 1 : key.SequenceEqual("namespace"u8) ? 2 : key.SequenceEqual("labels"u8) ? 4 : key.SequenceEqual("annotations"u8) ? 8 : 0;
            if (field == 0 || (seen & field) != 0)
            {
                return false;
            }

            seen |= field;
            ref readonly var value = ref index[at + 1];
            if (field is 1 or 2)
            {
                if (!IsText(value, utf8, index.IsPrintableAscii))
                {
                    return false;
                }

                if (field == 1)
                {
                    Name = Range.Of(value);
                    if (value.Length == 0)
                    {
                        return false; // the tree path says what is wrong
                    }
                }
                else
                {
                    Namespace = Range.Of(value);
                }
            }
            else if (value.Kind != YamlEntryKind.Mapping || !ReadStringMap(index, at + 1, utf8, field == 4 ? Labels : Annotations))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Labels or annotations: keys of letters, digits and <c>._/-</c>, scalar values; sorted by key, as the output needs them.</summary>
    private static bool ReadStringMap(YamlIndex index, int mapping, ReadOnlySpan<byte> utf8, List<Entry> entries)
    {
        var at = mapping + 1;
        for (var pair = 0; pair < index[mapping].Count; pair++, at = index[at + 1].End)
        {
            ref readonly var value = ref index[at + 1];
            if (!IsSimpleKey(index[at], utf8) || !IsText(value, utf8, index.IsPrintableAscii))
            {
                return false; // (a key seen twice the index has declined)
            }

            entries.Add(new(Range.Of(index[at]), Range.Of(value), value.IsPlain));
        }

        SortByKey(entries, utf8);
        return true;
    }

    private bool ReadValues(YamlIndex index, int mapping, ReadOnlySpan<byte> utf8, bool fromStringData)
    {
        var at = mapping + 1;
        for (var pair = 0; pair < index[mapping].Count; pair++, at = index[at + 1].End)
        {
            ref readonly var key = ref index[at];
            ref readonly var value = ref index[at + 1];
            if (!IsSimpleKey(key, utf8) || key.In(utf8).IndexOf((byte)'/') >= 0)
            {
                return false;
            }

            bool isBinary = false;
            if (!fromStringData)
            {
                // Charts write base64 plain; a quoted value (an empty one, say) is checked the same way. Base64 that
                // SecretDocument.CheckBase64 would take but this stricter decoder refuses (unused bits set) goes the tree path.
                var base64 = value.In(utf8);
                var readable = value.Style == YamlScalarStyle.Plain
                    ? !base64.IsEmpty && base64.IndexOfAnyExcept(Base64Alphabet) < 0 && ReadsAsText(base64)
                    : IsText(value, utf8, index.IsPrintableAscii);
                if (!readable || DecodesToText(base64) is not { } isText)
                {
                    return false;
                }

                isBinary = !isText;
            }
            else if (value.Style is not (YamlScalarStyle.Literal or YamlScalarStyle.Folded) && !IsText(value, utf8, index.IsPrintableAscii))
            {
                return false;
            }

            Values.Add(new(Range.Of(key), value, fromStringData, isBinary));
        }

        return true;
    }

    /// <summary>Drops each data value that stringData overrides, and sorts the rest by key; false when no key is left.</summary>
    private bool MergeValues(ReadOnlySpan<byte> utf8)
    {
        for (var i = Values.Count - 1; i >= 0; i--)
        {
            if (!Values[i].FromStringData && IndexOfStringData(Values[i].Key.In(utf8), utf8) >= 0)
            {
                Values.RemoveAt(i);
            }
        }

        SortByKey(Values, utf8);
        return Values.Count > 0;
    }

    private int IndexOfStringData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (Values[i].FromStringData && Values[i].Key.In(utf8).SequenceEqual(key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A plain key of ASCII letters, digits and <c>._/-</c> that Kubernetes reads as itself (not yes, 0755 or &lt;&lt;).</summary>
    private static bool IsSimpleKey(in YamlEntry key, ReadOnlySpan<byte> utf8)
    {
        if (key.Style != YamlScalarStyle.Plain)
        {
            return false;
        }

        var bytes = key.In(utf8);
        foreach (var b in bytes)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'_' or (byte)'-' or (byte)'/'))
            {
                return false;
            }
        }

        return bytes[0] != '-' && ReadsAsText(bytes);
    }

    /// <summary>
    /// A one-line scalar that is text: quoted without escapes, or plain text that no YAML reader could take for anything
    /// but itself (printable ASCII, no indicator first, no trailing ':'; not null, a boolean or a number, which the tree
    /// path reads as no value or refuses where Kubernetes wants text).
    /// </summary>
    /// <param name="printableAscii">Whether the whole document is known to be printable ASCII (lines apart), which spares the look.</param>
    private static bool IsText(in YamlEntry entry, ReadOnlySpan<byte> utf8, bool printableAscii)
    {
        var bytes = entry.In(utf8);
        return entry.Style switch
        {
            YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted => !entry.HasEscapes,
            YamlScalarStyle.Plain => !IsIndicator(bytes[0])
                && (printableAscii || bytes.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0)
                && bytes[^1] != ':'
                && ReadsAsText(bytes),
            _ => false,
        };
    }

    private static bool IsIndicator(byte first) => first is (byte)'-' or (byte)'?' or (byte)':' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{'
        or (byte)'}' or (byte)'#' or (byte)'&' or (byte)'*' or (byte)'!' or (byte)'|' or (byte)'>' or (byte)'%' or (byte)'@' or (byte)'`';

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

    /// <summary>
    /// Sorts by key. Insertion sort: a Secret has a handful of keys; and the keys are ASCII (the reader takes no
    /// other), whose bytes sort as their characters do in ordinal order.
    /// </summary>
    private static void SortByKey<T>(List<T> items, ReadOnlySpan<byte> utf8)
        where T : struct, IKeyed
    {
        for (var i = 1; i < items.Count; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && items[j].Key.In(utf8).SequenceCompareTo(item.Key.In(utf8)) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }

    private static MappingNode ToMapping(List<Entry> entries, ReadOnlySpan<byte> utf8)
    {
        var mapping = new MappingNode();
        foreach (var entry in entries)
        {
            // As Kubernetes' reading leaves a key (KubernetesReading): plain only where a plain scalar reads as that text.
            var key = entry.Key.Text(utf8);
            var keyNode = ScalarStyleRules.ResolvesToString(key) ? ScalarNode.Plain(key) : ScalarNode.String(key);
            mapping.Entries.Add(new(keyNode, new ScalarNode(entry.Value.Text(utf8), entry.Plain)));
        }

        return mapping;
    }

    /// <summary>What the top-level fields said, as they go by.</summary>
    private struct Fields
    {
        public bool ApiVersionIsV1;
        public bool KindIsSecret;

        public readonly bool IsSecret => ApiVersionIsV1 && KindIsSecret;
    }

    /// <summary>A part of the Secret found under a key.</summary>
    public interface IKeyed
    {
        Range Key { get; }
    }

    /// <summary>A run of the Secret's text: a scalar's characters, without quotes.</summary>
    public readonly record struct Range(int Start, int Length)
    {
        public static Range Of(in YamlEntry scalar) => new(scalar.Start, scalar.Length);

        public ReadOnlySpan<byte> In(ReadOnlySpan<byte> utf8) => utf8.Slice(Start, Length);

        public string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(In(utf8));
    }

    /// <summary>A label or annotation; <paramref name="Plain"/> when its value was written unquoted.</summary>
    public readonly record struct Entry(Range Key, Range Value, bool Plain) : IKeyed;

    /// <summary>One key's value: base64 of data, or a stringData scalar, whose text is made only when asked for.</summary>
    public readonly record struct Value(Range Key, YamlEntry Source, bool FromStringData, bool IsBinary) : IKeyed
    {
        public SecretValue ToSecretValue(ReadOnlySpan<byte> utf8)
        {
            var key = Key.Text(utf8);
            return FromStringData
                ? SecretValue.ForStringData(key, YamlScalarText.Of(Source, utf8))
                : SecretValue.ForData(key, Encoding.UTF8.GetString(Source.In(utf8)), IsBinary, isEmpty: Source.Length == 0);
        }
    }
}
