using PostRenderer.Core.Configuration;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Writes <c>external-secrets.io/v1</c> or <c>v1beta1</c> ExternalSecrets, using only fields that exist
/// since ESO 0.16 so that both API versions accept the same document shape.
/// </summary>
internal sealed class EsoWriter(string apiVersion, string refreshInterval) : IExternalSecretWriter
{
    public const string V1 = "external-secrets.io/v1";
    public const string V1Beta1 = "external-secrets.io/v1beta1";

    private EsoDirectWriter? direct;

    /// <summary>The same documents written from a Secret's own text, for the Secrets that path takes.</summary>
    public EsoDirectWriter Direct => direct ??= new EsoDirectWriter(apiVersion, refreshInterval);

    public MappingNode Write(SecretPlan plan)
    {
        var spec = new MappingNode()
            .Add("refreshInterval", refreshInterval)
            .Add("secretStoreRef", new MappingNode()
                .Add("kind", plan.StoreRef.Kind)
                .Add("name", plan.StoreRef.Name))
            .Add("target", Target(plan));
        if (plan.Remote.Count > 0)
        {
            spec.Add("data", Data(plan));
        }

        return new MappingNode()
            .Add("apiVersion", apiVersion)
            .Add("kind", "ExternalSecret")
            .Add("metadata", ObjectMetadata.ForExternalSecret(plan.Secret))
            .Add("spec", spec);
    }

    private static MappingNode Target(SecretPlan plan)
    {
        var target = new MappingNode()
            .Add("name", plan.Secret.Name)
            .Add("creationPolicy", "Owner")
            .Add("deletionPolicy", "Retain");
        if (plan.Secret.Immutable)
        {
            target.Add("immutable", ScalarNode.Plain("true"));
        }

        var template = new MappingNode()
            .Add("type", plan.Secret.Type)
            .Add("metadata", ObjectMetadata.ForTargetSecret(plan.Secret));
        if (plan.Unsecured.Count > 0)
        {
            // Without Merge, literal template data replaces the keys fetched from the store.
            template.Add("mergePolicy", "Merge");
            var data = new MappingNode();
            foreach (var value in plan.Unsecured)
            {
                data.Add(value.Key, GoTemplate.Literal(value.StoreText));
            }

            template.Add("data", data);
        }

        return target.Add("template", template);
    }

    private static SequenceNode Data(SecretPlan plan)
    {
        var data = new SequenceNode();
        foreach (var remote in plan.Remote)
        {
            var remoteRef = new MappingNode().Add("key", remote.Entry);
            if (remote.Property is not null)
            {
                remoteRef.Add("property", plan.Store.Definition.PropertiesAreGjsonPaths ? GjsonPath.ForKey(remote.Property) : remote.Property);
            }

            if ((remote.VersionStage ?? remote.Version) is { } version)
            {
                remoteRef.Add("version", version);
            }

            if ((remote.DecodingStrategy ?? (remote.Value.IsBinary ? "Base64" : null)) is { } decoding)
            {
                remoteRef.Add("decodingStrategy", decoding);
            }

            data.Items.Add(new MappingNode()
                .Add("secretKey", remote.Value.Key)
                .Add("remoteRef", remoteRef));
        }

        return data;
    }
}
