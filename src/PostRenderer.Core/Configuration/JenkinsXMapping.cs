using System.Globalization;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Translates Jenkins X's <c>.jx/secret/mapping/secret-mappings.yaml</c> (kind SecretMapping) into our settings, so
/// that a Jenkins X repository needs no new configuration: every distinct backend instance it names (a Vault, an
/// AWS region and role, a GCP project and prefix, a Key Vault) becomes a named store with <c>layout: jenkins-x</c>,
/// every secret a rule for its store, every mapping a key rule. The rules follow <c>jx secret convert</c>
/// (jenkins-x-plugins/jx-secret, pkg/cmd/convert). Fields we have no use for (mandatory, schema hints) are ignored:
/// the file is Jenkins X's, not ours.
/// </summary>
internal static class JenkinsXMapping
{
    private static readonly Dictionary<string, string> BackendTypes = new(StringComparer.Ordinal)
    {
        ["vault"] = "vault",
        ["secretsManager"] = "aws",
        ["systemManager"] = "parameterstore",
        ["gcpSecretsManager"] = "gcp",
        ["azureKeyVault"] = "azure",
        ["alicloudSecretsManager"] = "alibaba",
        ["local"] = "file",
    };

    public static Dictionary<string, string?> Translate(string path)
    {
        var root = YamlFlattener.ReadFile(path) as MappingNode
            ?? throw new ConfigurationException($"{path} is not a Jenkins X SecretMapping (expected a mapping with 'spec')");
        var spec = root.Get("spec") as MappingNode
            ?? throw new ConfigurationException($"{path} has no 'spec'; is it a Jenkins X SecretMapping?");
        var translation = new Translation(path, spec.Get("defaults") as MappingNode ?? new MappingNode());
        if (spec.Get("secrets") is SequenceNode secrets)
        {
            var index = 0;
            foreach (var secret in secrets.Items.OfType<MappingNode>())
            {
                translation.AddSecret(secret, index++);
            }
        }

        translation.SetDefaultStore();
        return translation.Result;
    }

    /// <summary>The settings being made, and the stores made so far by what identifies each.</summary>
    private sealed class Translation(string path, MappingNode defaults)
    {
        private readonly Dictionary<string, string> storeNames = new(StringComparer.Ordinal);

        public Dictionary<string, string?> Result { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void AddSecret(MappingNode secret, int index)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"secrets:{index}");
            Copy(secret, "name", prefix + ":name");
            Copy(secret, "namespace", prefix + ":namespace");
            var backendType = Text(secret, "backendType") ?? Text(defaults, "backendType") ?? "vault";
            Result[prefix + ":store"] = Store(backendType, secret);
            if (secret.Get("unsecured") is SequenceNode unsecured)
            {
                for (var j = 0; j < unsecured.Items.Count; j++)
                {
                    Result[$"{prefix}:unsecured:{j}"] = unsecured.Items[j].ToString();
                }
            }

            if (secret.Get("mappings") is SequenceNode mappings)
            {
                var k = 0;
                foreach (var mapping in mappings.Items.OfType<MappingNode>())
                {
                    AddMapping(mapping, string.Create(CultureInfo.InvariantCulture, $"{prefix}:keys:{k++}"), backendType, secret);
                }
            }
        }

        /// <summary>The store of Secrets no mapping names: the defaults' backend with the defaults' settings.</summary>
        public void SetDefaultStore() => Result["defaultStore"] = Store(Text(defaults, "backendType") ?? "vault", new MappingNode());

        private void AddMapping(MappingNode mapping, string prefix, string backendType, MappingNode secret)
        {
            Copy(mapping, "name", prefix + ":name");
            Copy(mapping, "property", prefix + ":property");
            Copy(mapping, "versionStage", prefix + ":versionStage");
            if (Text(mapping, "isBinary") is { } isBinary && SettingsLoader.IsTrue(isBinary))
            {
                Result[prefix + ":decodingStrategy"] = "Base64";
            }

            if (Text(mapping, "key") is not { } key)
            {
                return;
            }

            Result[prefix + ":entry"] = backendType switch
            {
                "vault" => VaultEntry(key),
                "gcpSecretsManager" => GcpPrefix(secret) is { } uniquePrefix ? $"{uniquePrefix}-{key}".ToLowerInvariant() : key.ToLowerInvariant(),
                _ => key,
            };
        }

        /// <summary>The store for a secret of <paramref name="backendType"/>, made on first use; its name.</summary>
        private string Store(string backendType, MappingNode secret)
        {
            var backend = BackendTypes.GetValueOrDefault(backendType)
                ?? throw new ConfigurationException($"{path}: backendType '{backendType}' is not supported; use one of {string.Join(", ", BackendTypes.Keys)}");
            var settings = StoreSettingsFor(backendType, secret);
            var identity = backend + "|" + string.Join("|", settings.Select(pair => $"{pair.Key}={pair.Value}"));
            if (storeNames.TryGetValue(identity, out var existing))
            {
                return existing;
            }

            var name = UniqueName(StoreName(backendType, settings));
            storeNames[identity] = name;
            Result[$"stores:{name}:backend"] = backend;
            Result[$"stores:{name}:layout"] = "jenkins-x";
            foreach (var (key, value) in settings)
            {
                Result[$"stores:{name}:{key}"] = value;
            }

            return name;
        }

        /// <summary>The settings that make one backend instance, as jx secret convert resolved them for a secret.</summary>
        private List<KeyValuePair<string, string>> StoreSettingsFor(string backendType, MappingNode secret)
        {
            var settings = new List<KeyValuePair<string, string>>();
            void Add(string key, string? value)
            {
                if (value is { Length: > 0 })
                {
                    settings.Add(new(key, value));
                }
            }

            switch (backendType)
            {
                case "vault":
                    // jx wrote KV v2 API paths under the 'secret' mount; the KV version is still asked of Vault when populating.
                    Add("vault:mount", "secret");
                    Add("entryName", "{namePath}");
                    break;
                case "secretsManager" or "systemManager":
                    // Parameter Store shares Secrets Manager's fields in the mapping; our store reads them from its own section.
                    var aws = backendType == "systemManager" ? "parameterStore" : "aws";
                    var section = secret.Get("secretsManager") as MappingNode;
                    var defaultSection = defaults.Get("secretsManager") as MappingNode;
                    Add($"{aws}:region", Text(section, "region") ?? Text(defaultSection, "region") ?? Text(secret, "region") ?? Text(defaults, "region")
                        ?? throw new ConfigurationException($"{path}: secret '{Text(secret, "name") ?? "defaults"}' of backendType {backendType} has no region; set secretsManager.region or region"));
                    Add($"{aws}:roleArn", Text(secret, "roleArn") ?? Text(defaults, "roleArn") ?? Text(section, "roleArn") ?? Text(defaultSection, "roleArn"));
                    Add("versionStage", Text(section, "versionStage") ?? Text(defaultSection, "versionStage") ?? Text(defaults, "versionStage"));
                    Add("entryName", "{name}");
                    break;
                case "gcpSecretsManager":
                    var gcp = secret.Get("gcpSecretsManager") as MappingNode;
                    var defaultGcp = defaults.Get("gcpSecretsManager") as MappingNode;
                    Add("gcp:projectId", Text(gcp, "projectId") ?? Text(defaultGcp, "projectId")
                        ?? throw new ConfigurationException($"{path}: secret '{Text(secret, "name") ?? "defaults"}' uses gcpSecretsManager without a projectId; set gcpSecretsManager.projectId"));
                    Add("version", Text(gcp, "version") ?? Text(defaultGcp, "version") ?? "latest");
                    Add("entryName", GcpPrefix(secret) is { } uniquePrefix ? uniquePrefix + "-{name}" : "{name}");
                    break;
                case "azureKeyVault":
                    Add("azure:keyVaultName", Text(secret.Get("azureKeyVault") as MappingNode, "keyVaultName") ?? Text(defaults.Get("azureKeyVault") as MappingNode, "keyVaultName")
                        ?? throw new ConfigurationException($"{path}: secret '{Text(secret, "name") ?? "defaults"}' uses azureKeyVault without a keyVaultName; set azureKeyVault.keyVaultName"));
                    Add("versionStage", Text(defaults, "versionStage"));
                    Add("entryName", "{name}");
                    break;
                case "alicloudSecretsManager":
                    Add("kes:roleArn", Text(secret, "roleArn") ?? Text(defaults, "roleArn"));
                    Add("versionStage", Text(defaults, "versionStage"));
                    Add("entryName", "{name}");
                    break;
            }

            return settings;
        }

        private string? GcpPrefix(MappingNode secret) =>
            Text(secret.Get("gcpSecretsManager") as MappingNode, "uniquePrefix") ?? Text(defaults.Get("gcpSecretsManager") as MappingNode, "uniquePrefix");

        private static string StoreName(string backendType, List<KeyValuePair<string, string>> settings)
        {
            var instance = settings.FirstOrDefault(pair => pair.Key is "aws:region" or "parameterStore:region" or "gcp:projectId" or "azure:keyVaultName").Value;
            return instance is null ? $"jx-{backendType}" : $"jx-{backendType}-{instance}";
        }

        private string UniqueName(string name)
        {
            var candidate = name;
            for (var n = 2; storeNames.ContainsValue(candidate); n++)
            {
                candidate = string.Create(CultureInfo.InvariantCulture, $"{name}-{n}");
            }

            return candidate;
        }

        private void Copy(MappingNode from, string key, string target)
        {
            if (Text(from, key) is { } value)
            {
                Result[target] = value;
            }
        }

        private static string? Text(MappingNode? from, string key) => from?.GetString(key) is { Length: > 0 } value ? value : null;

        /// <summary>Jenkins X wrote Vault keys as full KV v2 API paths; our entries are relative to the mount.</summary>
        private static string VaultEntry(string key)
        {
            var trimmed = key.TrimStart('/');
            return trimmed.StartsWith("secret/data/", StringComparison.Ordinal) ? trimmed["secret/data/".Length..] : trimmed;
        }
    }
}
