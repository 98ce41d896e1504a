using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Writes the legacy <c>kubernetes-client.io/v1</c> ExternalSecret of kubernetes-external-secrets, in the shape
/// <c>jx secret convert</c> produced, so that Jenkins X repositories diff cleanly when they switch.
/// </summary>
public sealed class KesWriter(Settings settings) : IExternalSecretWriter
{
    public const string ApiVersion = "kubernetes-client.io/v1";

    public MappingNode Write(SecretPlan plan)
    {
        var spec = new MappingNode();
        AddBackend(spec, plan);
        if (plan.Remote.Count > 0)
        {
            spec.Add("data", Data(plan));
        }

        spec.Add("template", Template(plan));
        return new MappingNode()
            .Add("apiVersion", ApiVersion)
            .Add("kind", "ExternalSecret")
            .Add("metadata", ObjectMetadata.ForExternalSecret(plan.Secret))
            .Add("spec", spec);
    }

    private void AddBackend(MappingNode spec, SecretPlan plan)
    {
        switch (plan.Backend)
        {
            case Backend.Vault:
                spec.Add("backendType", "vault")
                    .Add("vaultMountPoint", settings.Kes.VaultMountPoint)
                    .Add("vaultRole", settings.Kes.VaultRole);
                break;
            case Backend.Aws:
                spec.Add("backendType", "secretsManager");
                AddIfSet(spec, "region", settings.Aws.Region);
                AddIfSet(spec, "roleArn", settings.Aws.RoleArn);
                break;
            case Backend.ParameterStore:
                spec.Add("backendType", "systemManager");
                AddIfSet(spec, "region", settings.ParameterStore.Region);
                AddIfSet(spec, "roleArn", settings.ParameterStore.RoleArn);
                break;
            case Backend.Gcp:
                spec.Add("backendType", "gcpSecretsManager");
                AddIfSet(spec, "projectId", settings.Gcp.ProjectId);
                break;
            case Backend.Azure:
                spec.Add("backendType", "azureKeyVault");
                AddIfSet(spec, "keyVaultName", settings.Azure.KeyVaultName);
                break;
            case Backend.Alibaba:
                // KES's alicloud backend takes its region and endpoint from the operator's environment, not the resource.
                spec.Add("backendType", "alicloudSecretsManager");
                break;
            default:
                throw new DocumentException(plan.Location,
                    $"the {SettingNames.Name(plan.Backend)} backend has no kubernetes-external-secrets equivalent; choose vault, aws, parameterstore, gcp, azure or alibaba for --format kes");
        }
    }

    private SequenceNode Data(SecretPlan plan)
    {
        var data = new SequenceNode();
        foreach (var remote in plan.Remote)
        {
            var item = new MappingNode()
                .Add("name", remote.Value.Key)
                .Add("key", RemoteKeyName(plan.Backend, remote.Entry))
                .Add("property", remote.Property);
            if (remote.Value.IsBinary)
            {
                item.Add("isBinary", ScalarNode.Plain("true"));
            }

            data.Items.Add(item);
        }

        return data;
    }

    /// <summary>KES reads Vault through the raw HTTP API path, so KV v2 entries carry the mount and <c>/data/</c>.</summary>
    private string RemoteKeyName(Backend backend, string entry) =>
        backend != Backend.Vault ? entry
        : settings.Vault.KvVersion == 1 ? $"{settings.Vault.Mount}/{entry}"
        : $"{settings.Vault.Mount}/data/{entry}";

    private static MappingNode Template(SecretPlan plan)
    {
        // KES never copies the ExternalSecret's own metadata, so only non-empty parts are written (as jx did).
        var template = new MappingNode();
        var metadata = ObjectMetadata.ForTargetSecret(plan.Secret);
        metadata.Entries.RemoveAll(entry => entry.Value is MappingNode { Count: 0 });
        if (metadata.Count > 0)
        {
            template.Add("metadata", metadata);
        }

        template.Add("type", plan.Secret.Type);
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

        return template;
    }

    private static void AddIfSet(MappingNode spec, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            spec.Add(key, value);
        }
    }
}
