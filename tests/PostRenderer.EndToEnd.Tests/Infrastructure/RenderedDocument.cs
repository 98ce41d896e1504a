using YamlDotNet.RepresentationModel;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>One Kubernetes object of a rendered stream, with the fields the tests look at.</summary>
public sealed class RenderedDocument(YamlMappingNode root)
{
    public YamlMappingNode Root => root;

    public string ApiVersion => Scalar(root, "apiVersion") ?? "";

    public string Kind => Scalar(root, "kind") ?? "";

    public string Name => Scalar(Metadata, "name") ?? "";

    public string? Namespace => Scalar(Metadata, "namespace");

    public IReadOnlyDictionary<string, string> Annotations => Map(Metadata, "annotations");

    public bool IsSecret => ApiVersion == "v1" && Kind == "Secret";

    public bool IsExternalSecret => Kind == "ExternalSecret";

    /// <summary>Every spec.data[].remoteRef.key of an ExternalSecret: the store entries it reads.</summary>
    public IEnumerable<string> RemoteKeys =>
        Child(Child(root, "spec"), "data") is YamlSequenceNode data
            ? data.Children.OfType<YamlMappingNode>().Select(item => Scalar(Child(item, "remoteRef"), "key")).OfType<string>()
            : [];

    private YamlNode? Metadata => Child(root, "metadata");

    public override string ToString() => $"{Kind} {Name}";

    internal static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static Dictionary<string, string> Map(YamlNode? node, string key) =>
        Child(node, key) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value ?? "", pair => (pair.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
