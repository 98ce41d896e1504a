using System.Globalization;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Translates Jenkins X's <c>.jx/secret/mapping/secret-mappings.yaml</c> (kind SecretMapping) into our
/// settings, so that a Jenkins X repository needs no new configuration. Fields we have no use for
/// (mandatory, schema hints) are ignored: the file is Jenkins X's, not ours.
/// </summary>
internal static class JenkinsXMapping
{
    private static readonly Dictionary<string, string> BackendTypes = new(StringComparer.Ordinal)
    {
        ["vault"] = "vault",
        ["secretsManager"] = "aws",
        ["gcpSecretsManager"] = "gcp",
        ["azureKeyVault"] = "azure",
        ["alicloudSecretsManager"] = "alibaba",
        ["local"] = "file",
    };

    // Jenkins X named Vault paths after the Secret, each '-' a path level (lighthouse-hmac-token -> lighthouse/hmac/token).
    private const string JenkinsXVaultEntry = "{namePath}";
    private const string JenkinsXEntry = "{name}";

    public static Dictionary<string, string?> Translate(string path)
    {
        var root = YamlFlattener.ReadFile(path) as MappingNode
            ?? throw new ConfigurationException($"{path} is not a Jenkins X SecretMapping (expected a mapping with 'spec')");
        var spec = root.Get("spec") as MappingNode
            ?? throw new ConfigurationException($"{path} has no 'spec'; is it a Jenkins X SecretMapping?");
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var defaultBackend = "vault";
        if (spec.Get("defaults") is MappingNode defaults)
        {
            defaultBackend = Backend(defaults.GetString("backendType"), path) ?? defaultBackend;
            result["backend"] = defaultBackend;
            Copy(defaults.Get("gcpSecretsManager"), "projectId", result, "gcp:projectId");
            Copy(defaults, "region", result, "aws:region");
            Copy(defaults, "roleArn", result, "aws:roleArn");
            Copy(defaults.Get("azureKeyVault"), "keyVaultName", result, "azure:keyVaultName");
        }

        result["entryName"] = defaultBackend == "vault" ? JenkinsXVaultEntry : JenkinsXEntry;
        if (spec.Get("secrets") is SequenceNode secrets)
        {
            for (var i = 0; i < secrets.Items.Count; i++)
            {
                if (secrets.Items[i] is MappingNode secret)
                {
                    TranslateSecret(secret, $"secrets:{i}", defaultBackend, path, result);
                }
            }
        }

        return result;
    }

    private static void TranslateSecret(MappingNode secret, string prefix, string defaultBackend, string path, Dictionary<string, string?> result)
    {
        Copy(secret, "name", result, prefix + ":name");
        Copy(secret, "namespace", result, prefix + ":namespace");
        var backend = Backend(secret.GetString("backendType"), path);
        if (backend is not null)
        {
            result[prefix + ":backend"] = backend;
        }

        if (secret.Get("unsecured") is SequenceNode unsecured)
        {
            for (var j = 0; j < unsecured.Items.Count; j++)
            {
                result[$"{prefix}:unsecured:{j}"] = unsecured.Items[j].ToString();
            }
        }

        if (secret.Get("mappings") is not SequenceNode mappings)
        {
            return;
        }

        var isVault = (backend ?? defaultBackend) == "vault";
        for (var k = 0; k < mappings.Items.Count; k++)
        {
            if (mappings.Items[k] is not MappingNode mapping)
            {
                continue;
            }

            var keyPrefix = string.Create(CultureInfo.InvariantCulture, $"{prefix}:keys:{k}");
            Copy(mapping, "name", result, keyPrefix + ":name");
            Copy(mapping, "property", result, keyPrefix + ":property");
            if (mapping.GetString("key") is { } key)
            {
                result[keyPrefix + ":entry"] = isVault ? VaultEntry(key) : key;
            }
        }
    }

    /// <summary>Jenkins X wrote Vault keys as full KV v2 API paths; our entries are relative to the mount.</summary>
    private static string VaultEntry(string key)
    {
        var trimmed = key.TrimStart('/');
        return trimmed.StartsWith("secret/data/", StringComparison.Ordinal) ? trimmed["secret/data/".Length..] : trimmed;
    }

    private static string? Backend(string? backendType, string path)
    {
        if (backendType is null)
        {
            return null;
        }

        return BackendTypes.TryGetValue(backendType, out var backend)
            ? backend
            : throw new ConfigurationException(
                $"{path}: backendType '{backendType}' is not supported; use one of {string.Join(", ", BackendTypes.Keys)}");
    }

    private static void Copy(Node? from, string key, Dictionary<string, string?> result, string target)
    {
        if (from is MappingNode mapping && mapping.GetString(key) is { Length: > 0 } value)
        {
            result[target] = value;
        }
    }
}
