using System.Buffers;
using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// What <see cref="BlockSecretReader"/> found in a Secret, kept as places in its UTF-8 text instead of strings
/// and nodes: a Secret whose plan nobody needs (a render that does not populate) is written from these places
/// straight to the output, and only a Secret that is planned becomes a <see cref="SecretDocument"/>
/// (bench/history.md, eighth round). One instance serves a whole render; it is valid only with the text it was read from.
/// </summary>
internal sealed class BlockSecret
{
    /// <summary>metadata.name (never empty once read).</summary>
    public Range Name { get; set; }

    /// <summary>metadata.namespace as written (perhaps empty); null when absent.</summary>
    public Range? Namespace { get; set; }

    /// <summary>type as written; null when absent.</summary>
    public Range? Type { get; set; }

    public bool Immutable { get; set; }

    /// <summary>metadata.labels, sorted by key.</summary>
    public List<Entry> Labels { get; } = [];

    /// <summary>metadata.annotations, sorted by key.</summary>
    public List<Entry> Annotations { get; } = [];

    /// <summary>The keys of data and stringData (stringData winning), sorted by key.</summary>
    public List<Value> Values { get; } = [];

    public void Clear()
    {
        Name = default;
        Namespace = Type = null;
        Immutable = false;
        Labels.Clear();
        Annotations.Clear();
        Values.Clear();
    }

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

    /// <summary>
    /// Sorts by key. Insertion sort: a Secret has a handful of keys; and the keys are ASCII (the reader takes no
    /// other), whose bytes sort as their characters do in ordinal order.
    /// </summary>
    public static void SortByKey<T>(List<T> items, ReadOnlySpan<byte> utf8)
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

    /// <summary>A part of the Secret found under a key.</summary>
    public interface IKeyed
    {
        Range Key { get; }
    }

    /// <summary>A run of the Secret's text: a scalar's characters, without quotes.</summary>
    public readonly record struct Range(int Start, int Length)
    {
        /// <summary>The range that <paramref name="part"/> (a slice of <paramref name="utf8"/>) covers.</summary>
        public static Range Of(ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> part)
        {
            utf8.Overlaps(part, out var start);
            return new(start, part.Length);
        }

        public ReadOnlySpan<byte> In(ReadOnlySpan<byte> utf8) => utf8.Slice(Start, Length);

        public string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(In(utf8));
    }

    /// <summary>A label or annotation; <paramref name="Plain"/> when its value was written unquoted.</summary>
    public readonly record struct Entry(Range Key, Range Value, bool Plain) : IKeyed;

    /// <summary>
    /// One key's value: base64 of data, a one-line stringData value, or a stringData literal block, whose source
    /// then runs over its indented lines (<paramref name="BlockIndent"/> deep) and whose text is made only when asked for.
    /// </summary>
    public readonly record struct Value(Range Key, Range Source, ValueForm Form, int BlockIndent, bool IsBinary) : IKeyed
    {
        public SecretValue ToSecretValue(ReadOnlySpan<byte> utf8)
        {
            var key = Key.Text(utf8);
            return Form switch
            {
                ValueForm.Base64 => SecretValue.ForData(key, Source.Text(utf8), IsBinary, isEmpty: Source.Length == 0),
                ValueForm.Line => SecretValue.ForStringData(key, Source.Text(utf8)),
                _ => SecretValue.ForStringData(key, JoinBlock(Source.In(utf8), BlockIndent, strip: Form == ValueForm.StrippedBlock)),
            };
        }

        /// <summary>A literal block's text: its lines less their indentation, each with its line break (the last one dropped when stripped).</summary>
        private static string JoinBlock(ReadOnlySpan<byte> block, int indent, bool strip)
        {
            var rented = ArrayPool<byte>.Shared.Rent(block.Length);
            var written = 0;
            try
            {
                while (!block.IsEmpty)
                {
                    var newline = block.IndexOf((byte)'\n');
                    var line = newline < 0 ? block : block[..newline];
                    if (!line.IsEmpty)
                    {
                        line[indent..].CopyTo(rented.AsSpan(written));
                        written += line.Length - indent;
                    }

                    if (newline < 0)
                    {
                        break; // the document's last line, with no line break for clip to keep
                    }

                    rented[written++] = (byte)'\n';
                    block = block[(newline + 1)..];
                }

                if (strip && written > 0 && rented[written - 1] == '\n')
                {
                    written--;
                }

                return Encoding.UTF8.GetString(rented, 0, written);
            }
            finally
            {
                // The pool must not keep a secret's bytes.
                rented.AsSpan(0, written).Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public enum ValueForm
    {
        /// <summary>A data value: base64, checked when read.</summary>
        Base64,

        /// <summary>A one-line stringData value.</summary>
        Line,

        /// <summary>A stringData <c>|</c> block.</summary>
        ClippedBlock,

        /// <summary>A stringData <c>|-</c> block.</summary>
        StrippedBlock,
    }
}
