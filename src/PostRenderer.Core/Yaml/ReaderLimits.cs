namespace PostRenderer.Core.Yaml;

/// <summary>Bounds that keep hostile input from exhausting memory or the stack.</summary>
public sealed record ReaderLimits(int MaxDepth = 200, long MaxNodes = 2_000_000)
{
    public static ReaderLimits Default { get; } = new();
}
