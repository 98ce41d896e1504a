namespace PostRenderer.Core.Yaml;

/// <summary>
/// Puts the keys of Kubernetes objects in the conventional order so that diffs show real changes only:
/// top-level and <c>metadata</c> keys in a fixed order, then the rest as they came; keys of labels,
/// annotations, data and stringData sorted. Documents that are not Kubernetes objects keep their order.
/// </summary>
internal static class CanonicalOrder
{
    private static readonly string[] TopLevel = ["apiVersion", "kind", "metadata", "type", "spec", "data", "stringData"];
    private static readonly string[] Metadata = ["name", "namespace", "labels", "annotations"];
    private static readonly string[] SortedTopLevel = ["data", "stringData"];
    private static readonly string[] SortedMetadata = ["labels", "annotations"];

    /// <summary>True for a mapping with scalar <c>apiVersion</c> and <c>kind</c>.</summary>
    public static bool IsKubernetesObject(Node node) =>
        node is MappingNode mapping && mapping.Get("apiVersion") is ScalarNode && mapping.Get("kind") is ScalarNode;

    public static void Apply(Node node)
    {
        if (!IsKubernetesObject(node))
        {
            return;
        }

        var mapping = (MappingNode)node;
        Reorder(mapping, TopLevel);
        SortKeysOf(mapping, SortedTopLevel);
        if (mapping.Get("metadata") is MappingNode metadata)
        {
            Reorder(metadata, Metadata);
            SortKeysOf(metadata, SortedMetadata);
        }

        if (ListItems(mapping) is { } items)
        {
            foreach (var item in items.Items)
            {
                Apply(item);
            }
        }
    }

    /// <summary><c>kind: List</c> and the typed lists (<c>SecretList</c>, ...) hold objects in <c>items</c>.</summary>
    public static bool IsList(MappingNode mapping) =>
        mapping.GetString("kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal);

    /// <summary>The <c>items</c> of a List document, or null when the node is not one.</summary>
    public static SequenceNode? ListItems(Node? node) =>
        node is MappingNode mapping && IsList(mapping) ? mapping.Get("items") as SequenceNode : null;

    private static void Reorder(MappingNode mapping, string[] order)
    {
        var entries = mapping.Entries;
        var insertAt = 0;
        foreach (var name in order)
        {
            var found = IndexOf(entries, name, insertAt);
            if (found < 0)
            {
                continue;
            }

            if (found != insertAt)
            {
                var entry = entries[found];
                entries.RemoveAt(found);
                entries.Insert(insertAt, entry);
            }

            insertAt++;
        }
    }

    private static void SortKeysOf(MappingNode mapping, string[] names)
    {
        foreach (var name in names)
        {
            if (mapping.Get(name) is MappingNode child)
            {
                EntrySort.ByKey(child.Entries);
            }
        }
    }

    private static int IndexOf(List<KeyValuePair<Node, Node>> entries, string name, int from)
    {
        for (var i = from; i < entries.Count; i++)
        {
            if (entries[i].Key is ScalarNode scalar && scalar.Value == name)
            {
                return i;
            }
        }

        return -1;
    }
}
