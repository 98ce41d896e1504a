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
    public static Dictionary<string, string?> Translate(string path, StoreRegistry registry)
    {
        var root = YamlFlattener.ReadFile(path) as MappingNode
            ?? throw new ConfigurationException($"{path} is not a Jenkins X SecretMapping (expected a mapping with 'spec')");
        var spec = root.Get("spec") as MappingNode
            ?? throw new ConfigurationException($"{path} has no 'spec'; is it a Jenkins X SecretMapping?");
        var translation = new Translation(path, spec.Get("defaults") as MappingNode ?? new MappingNode(), registry);
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
    private sealed class Translation(string path, MappingNode defaults, StoreRegistry registry)
    {
        private readonly Dictionary<string, string> storeNames = new(StringComparer.Ordinal);

        // Core's own file store ('local') last, as jx secret convert lists it.
        private readonly Dictionary<string, StoreDefinition> backendTypes = registry.All
            .Where(definition => definition.JenkinsXBackendType is not null)
            .OrderBy(definition => definition.Backend == Backend.File)
            .ToDictionary(definition => definition.JenkinsXBackendType!, StringComparer.Ordinal);

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
                    AddMapping(mapping, string.Create(CultureInfo.InvariantCulture, $"{prefix}:keys:{k++}"), Definition(backendType), secret);
                }
            }
        }

        /// <summary>The store of Secrets no mapping names: the defaults' backend with the defaults' settings.</summary>
        public void SetDefaultStore() => Result["defaultStore"] = Store(Text(defaults, "backendType") ?? "vault", new MappingNode());

        private void AddMapping(MappingNode mapping, string prefix, StoreDefinition definition, MappingNode secret)
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

            Result[prefix + ":entry"] = definition.MapJenkinsXEntry(Secret(definition, secret), key);
        }

        /// <summary>The store for a secret of <paramref name="backendType"/>, made on first use; its name.</summary>
        private string Store(string backendType, MappingNode secret)
        {
            var definition = Definition(backendType);
            var backend = definition.Name;
            var settings = StoreSettingsFor(definition, secret);
            var identity = backend + "|" + string.Join("|", settings.Select(pair => $"{pair.Key}={pair.Value}"));
            if (storeNames.TryGetValue(identity, out var existing))
            {
                return existing;
            }

            var name = UniqueName(definition.JenkinsXInstanceOf(settings) is { } instance ? $"jx-{backendType}-{instance}" : $"jx-{backendType}");
            storeNames[identity] = name;
            Result[$"stores:{name}:backend"] = backend;
            Result[$"stores:{name}:layout"] = "jenkins-x";
            foreach (var (key, value) in settings)
            {
                Result[$"stores:{name}:{key}"] = value;
            }

            return name;
        }

        private StoreDefinition Definition(string backendType) =>
            backendTypes.GetValueOrDefault(backendType)
            ?? throw new ConfigurationException($"{path}: backendType '{backendType}' is not supported; use one of {string.Join(", ", backendTypes.Keys)}");

        private JenkinsXSecret Secret(StoreDefinition definition, MappingNode secret) => new(path, definition.JenkinsXBackendType!, secret, defaults);

        /// <summary>The settings that make one backend instance, as jx secret convert resolved them for a secret.</summary>
        private List<KeyValuePair<string, string>> StoreSettingsFor(StoreDefinition definition, MappingNode secret)
        {
            var settings = new List<KeyValuePair<string, string>>();
            definition.MapJenkinsXStore(Secret(definition, secret), (key, value) =>
            {
                if (value is { Length: > 0 })
                {
                    settings.Add(new(key, value));
                }
            });
            return settings;
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
    }
}
