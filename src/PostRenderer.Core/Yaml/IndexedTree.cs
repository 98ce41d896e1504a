namespace PostRenderer.Core.Yaml;

/// <summary>The <see cref="Node"/> tree of a document that a <see cref="YamlIndex"/> read: the canonical path's input.</summary>
internal static class IndexedTree
{
    public static Node Build(YamlIndex index, ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        return Build(index, utf8, ref at);
    }

    private static Node Build(YamlIndex index, ReadOnlySpan<byte> utf8, ref int at)
    {
        ref readonly var entry = ref index[at];
        at++;
        switch (entry.Kind)
        {
            case YamlEntryKind.Scalar:
                return new ScalarNode(YamlScalarText.Of(entry, utf8), entry.IsPlain);
            case YamlEntryKind.Sequence:
                var items = new List<Node>(entry.Count);
                for (var i = 0; i < entry.Count; i++)
                {
                    items.Add(Build(index, utf8, ref at));
                }

                return new SequenceNode(items);
            default:
                var entries = new List<KeyValuePair<Node, Node>>(entry.Count);
                for (var i = 0; i < entry.Count; i++)
                {
                    var key = Build(index, utf8, ref at);
                    entries.Add(new(key, Build(index, utf8, ref at)));
                }

                return new MappingNode(entries);
        }
    }
}
