namespace PostRenderer.Core.Yaml;

/// <summary>The <see cref="Node"/> tree of a document that a <see cref="YamlIndex"/> read: the canonical path's input.</summary>
internal static class IndexedTree
{
    public static Node Build(YamlIndex index, ReadOnlySpan<byte> utf8) => Build(index, utf8, new ShortStringCache());

    /// <param name="strings">Where plain scalars' strings are shared from, kept by the caller across documents.</param>
    public static Node Build(YamlIndex index, ReadOnlySpan<byte> utf8, ShortStringCache strings)
    {
        var at = 0;
        return Build(index, utf8, strings, ref at);
    }

    private static Node Build(YamlIndex index, ReadOnlySpan<byte> utf8, ShortStringCache strings, ref int at)
    {
        ref readonly var entry = ref index[at];
        at++;
        switch (entry.Kind)
        {
            case YamlEntryKind.Scalar:
                return new ScalarNode(Text(entry, utf8, strings), entry.IsPlain);
            case YamlEntryKind.Sequence:
                var items = new List<Node>(entry.Count);
                for (var i = 0; i < entry.Count; i++)
                {
                    items.Add(Build(index, utf8, strings, ref at));
                }

                return new SequenceNode(items);
            default:
                var entries = new List<KeyValuePair<Node, Node>>(entry.Count);
                for (var i = 0; i < entry.Count; i++)
                {
                    var key = Build(index, utf8, strings, ref at);
                    entries.Add(new(key, Build(index, utf8, strings, ref at)));
                }

                return new MappingNode(entries);
        }
    }

    /// <summary>The scalar's text; when it is its bytes as they stand (no escapes, no block folding), shared from <paramref name="strings"/>.</summary>
    private static string Text(in YamlEntry entry, ReadOnlySpan<byte> utf8, ShortStringCache strings) =>
        entry.Style is YamlScalarStyle.Plain or YamlScalarStyle.Empty
            || (entry.Style is YamlScalarStyle.DoubleQuoted or YamlScalarStyle.SingleQuoted && !entry.HasEscapes)
            ? strings.Get(entry.In(utf8))
            : YamlScalarText.Of(entry, utf8);
}
