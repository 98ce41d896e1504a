using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Reads a field of a Secret as Kubernetes does, where it expects text or a boolean: a plain scalar resolves as
/// go-yaml v2 resolves it, so <c>~</c> and <c>NULL</c> are no value, <c>yes</c> is true, and a plain number or
/// boolean where text belongs is refused as Kubernetes refuses it (the message names the field, never the value).
/// </summary>
internal static class KubernetesText
{
    /// <summary>The field's text; null when it is absent or null.</summary>
    public static string? Of(Node? node, string field, DocumentLocation location)
    {
        switch (node)
        {
            case null:
                return null;
            case ScalarNode { Tag: { } tag }:
                throw new DocumentException(location, $"{field} has the tag {tag}, which Kubernetes does not read as text; remove the tag");
            case ScalarNode { IsPlain: false } quoted:
                return quoted.Value;
            case ScalarNode plain:
                return GoYamlResolver.Resolve(plain.Value).Kind switch
                {
                    ResolvedKind.String => plain.Value,
                    ResolvedKind.Null => null,
                    ResolvedKind.True or ResolvedKind.False => throw NotText(field, "a boolean", location),
                    _ => throw NotText(field, "a number", location),
                };
            default:
                throw new DocumentException(location, $"{field} must be a string, not a {(node is MappingNode ? "mapping" : "list")}");
        }
    }

    /// <summary>A boolean field: true only for what go-yaml reads as true (<c>true</c>, <c>yes</c>, <c>on</c>, ...).</summary>
    public static bool IsTrue(Node? node, string field, DocumentLocation location)
    {
        if (node is null or ScalarNode { IsNull: true })
        {
            return false;
        }

        var kind = node is ScalarNode { IsPlain: true, Tag: null } plain ? GoYamlResolver.Resolve(plain.Value).Kind : ResolvedKind.String;
        return kind is ResolvedKind.True or ResolvedKind.False
            ? kind == ResolvedKind.True
            : throw new DocumentException(location, $"{field} must be true or false, unquoted");
    }

    private static DocumentException NotText(string field, string what, DocumentLocation location) =>
        new(location, $"{field} is read by Kubernetes as {what}, not as text; quote the value");
}
