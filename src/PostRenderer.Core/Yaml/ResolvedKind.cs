namespace PostRenderer.Core.Yaml;

/// <summary>The types go-yaml v2 resolves a plain scalar to.</summary>
internal enum ResolvedKind
{
    String,
    Null,
    True,
    False,
    Int,
    UnsignedInt,
    Float,
    NaN,
    PositiveInfinity,
    NegativeInfinity,
    Merge,
}
