namespace PostRenderer.Core.Yaml;

/// <summary>One node of a parsed document. A small model of our own so that order, tags and scalar style survive.</summary>
internal abstract class Node
{
    /// <summary>The explicit tag as written (expanded, e.g. tag:yaml.org,2002:str), or null.</summary>
    public string? Tag { get; init; }
}
