using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Writes the legacy <c>kubernetes-client.io/v1</c> ExternalSecret of kubernetes-external-secrets, in the shape
/// <c>jx secret convert</c> produced, so that Jenkins X repositories diff cleanly when they switch.
/// </summary>
internal sealed class KesWriter(StoreRegistry registry) : IExternalSecretWriter
{
    public const string ApiVersion = "kubernetes-client.io/v1";

    public MappingNode Write(SecretPlan plan)
    {
        var spec = new MappingNode();
        AddBackend(spec, plan);

        // jx secret convert made the template first when it held literal values, and after the data otherwise.
        if (plan.Unsecured.Count > 0)
        {
            spec.Add("template", Template(plan));
        }

        if (plan.Remote.Count > 0)
        {
            spec.Add("data", Data(plan));
        }

        if (plan.Unsecured.Count == 0)
        {
            spec.Add("template", Template(plan));
        }
        return new MappingNode()
            .Add("apiVersion", ApiVersion)
            .Add("kind", "ExternalSecret")
            .Add("metadata", ObjectMetadata.ForExternalSecret(plan.Secret))
            .Add("spec", spec);
    }

    private void AddBackend(MappingNode spec, SecretPlan plan)
    {
        var store = plan.Store;

        // jx secret convert wrote 'local' for Secrets its mapping kept in the cluster; only a jenkins-x layout says so.
        var definition = store.Definition;
        var backendType = definition.KesBackendType ?? (store.JenkinsXLayout ? definition.JenkinsXBackendType : null)
            ?? throw new DocumentException(plan.Location,
                $"the {definition.Name} backend has no kubernetes-external-secrets equivalent; choose {registry.ClusterStoreChoices()} for --format kes");
        spec.Add("backendType", backendType);
        foreach (var (key, value) in definition.KesFieldsOf(store.Section, store.Kes))
        {
            AddIfSet(spec, key, value);
        }
    }

    private static SequenceNode Data(SecretPlan plan)
    {
        var data = new SequenceNode();
        foreach (var remote in plan.Remote)
        {
            var item = new MappingNode()
                .Add("name", remote.Value.Key)
                .Add("key", RemoteKeyName(plan.Store, remote.Entry));
            if (remote.Property is not null)
            {
                item.Add("property", remote.Property);
            }

            if (remote.DecodingStrategy is "Base64URL" or "Auto")
            {
                throw new DocumentException(plan.Location,
                    $"key '{remote.Value.Key}' has decodingStrategy {remote.DecodingStrategy}, which kubernetes-external-secrets cannot do (it knows isBinary, base64); use Base64 or None, or an ESO format");
            }

            AddIfSet(item, "versionStage", remote.VersionStage);
            AddIfSet(item, "version", remote.Version);
            if (remote.DecodingStrategy is "Base64" || (remote.DecodingStrategy is null && remote.Value.IsBinary))
            {
                item.Add("isBinary", ScalarNode.Plain("true"));
            }

            data.Items.Add(item);
        }

        return data;
    }

    /// <summary>The key KES reads an entry by, as the store says (Vault's carries the mount).</summary>
    private static string RemoteKeyName(StoreSettings store, string entry) => store.Definition.KesRemoteKeyOf(store.Section, entry);

    private static MappingNode Template(SecretPlan plan)
    {
        // KES never copies the ExternalSecret's own metadata, so only non-empty parts are written (as jx did).
        var template = new MappingNode();
        var fromData = plan.Unsecured.Where(value => !value.FromStringData).ToList();
        var fromStringData = plan.Unsecured.Where(value => value.FromStringData).ToList();
        if (fromData.Count > 0)
        {
            var data = new MappingNode();
            fromData.ForEach(value => data.Add(value.Key, value.SourceText));
            template.Add("data", data);
        }

        if (fromStringData.Count > 0)
        {
            var stringData = new MappingNode();
            fromStringData.ForEach(value => stringData.Add(value.Key, value.SourceText));
            template.Add("stringData", stringData);
        }

        // As jx secret convert moved them: annotations, then labels, each only when there are some.
        var target = ObjectMetadata.ForTargetSecret(plan.Secret);
        var metadata = new MappingNode();
        foreach (var part in (string[])["annotations", "labels"])
        {
            if (target.Get(part) is MappingNode { Count: > 0 } values)
            {
                metadata.Add(part, values);
            }
        }

        if (metadata.Count > 0)
        {
            template.Add("metadata", metadata);
        }

        return template.Add("type", plan.Secret.Type);
    }

    private static void AddIfSet(MappingNode spec, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            spec.Add(key, value);
        }
    }
}
