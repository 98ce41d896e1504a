namespace PostRenderer.Core.Yaml;

/// <summary>Bounds that keep hostile input from exhausting memory or the stack.</summary>
/// <param name="MaxAliasedBytes">The bytes of scalar text (keys and values) that a document's aliases may add when
/// expanded; the document as written does not count, so a large document without aliases is never refused.</param>
internal sealed record ReaderLimits(int MaxDepth = 200, long MaxNodes = 2_000_000, long MaxAliasedBytes = 8 * 1024 * 1024)
{
    public static ReaderLimits Default { get; } = new();
}
