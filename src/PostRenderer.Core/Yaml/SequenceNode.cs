namespace PostRenderer.Core.Yaml;

/// <summary>A sequence; never reordered.</summary>
internal sealed class SequenceNode : Node
{
    public SequenceNode()
    {
        Items = [];
    }

    public SequenceNode(List<Node> items)
    {
        Items = items;
    }

    public List<Node> Items { get; }
}
