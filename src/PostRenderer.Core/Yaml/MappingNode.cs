namespace PostRenderer.Core.Yaml;

/// <summary>A mapping; entries keep their order. Keys are unique (the reader rejects duplicates).</summary>
internal sealed class MappingNode : Node
{
    public MappingNode()
    {
        Entries = [];
    }

    public MappingNode(List<KeyValuePair<Node, Node>> entries)
    {
        Entries = entries;
    }

    public List<KeyValuePair<Node, Node>> Entries { get; }

    public int Count => Entries.Count;

    /// <summary>The value under a scalar key, or null.</summary>
    public Node? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key is ScalarNode scalar && scalar.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public string? GetString(string key) => Get(key) is ScalarNode scalar ? scalar.Value : null;

    public MappingNode Add(string key, Node value)
    {
        Entries.Add(new(ScalarNode.String(key), value));
        return this;
    }

    public MappingNode Add(string key, string value) => Add(key, ScalarNode.String(value));
}
