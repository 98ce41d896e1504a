namespace PostRenderer.Core.Yaml;

/// <summary>A resolved plain scalar: its type, and its value when it is a number.</summary>
internal readonly record struct Resolved(ResolvedKind Kind, long Integer, double Number)
{
    public static Resolved String => new(ResolvedKind.String, 0, 0);
}
