using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Writes the legacy <c>kubernetes-client.io/v1</c> ExternalSecret of kubernetes-external-secrets, in the shape
/// <c>jx secret convert</c> produced, so that Jenkins X repositories diff cleanly when they switch.
/// </summary>
internal sealed class KesWriter : IExternalSecretWriter
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

    private static void AddBackend(MappingNode spec, SecretPlan plan)
    {
        var store = plan.Store;

        // jx secret convert wrote 'local' for Secrets its mapping kept in the cluster; only a jenkins-x layout says so.
        var backendType = BackendTraits.KesBackendType(plan.Backend) ?? (plan.Backend == Backend.File && store.JenkinsXLayout ? "local" : null)
            ?? throw new DocumentException(plan.Location,
                $"the {SettingNames.Name(plan.Backend)} backend has no kubernetes-external-secrets equivalent; choose vault, aws, parameterstore, gcp, azure or alibaba for --format kes");
        spec.Add("backendType", backendType);
        switch (plan.Backend)
        {
            case Backend.Vault:
                spec.Add("vaultMountPoint", store.Kes.VaultMountPoint)
                    .Add("vaultRole", store.Kes.VaultRole);
                break;
            case Backend.Aws:
                AddIfSet(spec, "roleArn", store.Aws.RoleArn);
                AddIfSet(spec, "region", store.Aws.Region);
                break;
            case Backend.ParameterStore:
                AddIfSet(spec, "roleArn", store.ParameterStore.RoleArn);
                AddIfSet(spec, "region", store.ParameterStore.Region);
                break;
            case Backend.Gcp:
                AddIfSet(spec, "projectId", store.Gcp.ProjectId);
                break;
            case Backend.Azure:
                AddIfSet(spec, "keyVaultName", store.Azure.KeyVaultName);
                break;
            case Backend.Alibaba:
                // jx secret convert writes the mapping's roleArn for alicloudSecretsManager too (its test data, alicloud/oauth1).
                AddIfSet(spec, "roleArn", store.Kes.RoleArn);
                break;
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

    /// <summary>KES reads Vault through the raw HTTP API path, so KV v2 entries carry the mount and <c>/data/</c>.</summary>
    private static string RemoteKeyName(StoreSettings store, string entry) =>
        store.Backend != Backend.Vault ? entry
        : store.Vault.KvVersion == 1 ? $"{store.Vault.Mount}/{entry}"
        : $"{store.Vault.Mount}/data/{entry}";

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
