using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Turns a kubernetes-external-secrets (<c>kubernetes-client.io/v1</c>) ExternalSecret into the ESO one that reads the
/// same values: the backend and its fields pick a store, <c>data[]</c> and <c>dataFrom</c> become
/// <c>spec.data</c>/<c>spec.dataFrom</c>, <c>template</c> becomes <c>target.template</c>, <c>isBinary</c> becomes
/// <c>decodingStrategy: Base64</c>, <c>versionStage</c>/<c>version</c> become <c>remoteRef.version</c>. A field ESO
/// has no equivalent for is reported (an error with <c>strict</c>), never silently kept or dropped.
/// </summary>
internal sealed class KesMigration(Settings settings, string apiVersion, Action<string> warn)
{
    private readonly Dictionary<string, StoreDefinition> backendTypes = settings.Registry.All
        .Where(definition => definition.MigratesFromKes && definition.KesBackendType is not null)
        .ToDictionary(definition => definition.KesBackendType!, StringComparer.Ordinal);

    // Fields that name the backend instance: they choose the store, they are not copied.
    private static readonly string[] StoreFields = ["backendType", "vaultMountPoint", "vaultRole", "kvVersion", "region", "roleArn", "projectId", "keyVaultName"];

    public static bool IsKes(MappingNode mapping) =>
        mapping.GetString("apiVersion") == KesWriter.ApiVersion && mapping.GetString("kind") == "ExternalSecret";

    public MappingNode Convert(MappingNode kes, DocumentLocation location)
    {
        var spec = kes.Get("spec") as MappingNode ?? throw new DocumentException(location, "a kubernetes-external-secrets ExternalSecret without a 'spec' mapping; fix or remove it");
        var metadata = kes.Get("metadata") as MappingNode ?? new MappingNode();
        var store = StoreFor(spec, location);
        foreach (var field in spec.Entries.Select(entry => Text(entry.Key)))
        {
            if (!StoreFields.Contains(field) && field is not ("data" or "dataFrom" or "template"))
            {
                Unconvertible(location, $"field spec.{field}");
            }
        }

        var esoSpec = new MappingNode()
            .Add("refreshInterval", settings.RefreshInterval)
            .Add("secretStoreRef", new MappingNode().Add("kind", store.SecretStoreRef.Kind).Add("name", store.SecretStoreRef.Name))
            .Add("target", Target(metadata.GetString("name") ?? "", spec.Get("template") as MappingNode, location));
        if (spec.Get("data") is SequenceNode { Items.Count: > 0 } data)
        {
            esoSpec.Add("data", Data(data, store, location));
        }

        if (spec.Get("dataFrom") is SequenceNode { Items.Count: > 0 } dataFrom)
        {
            var items = new SequenceNode();
            foreach (var key in dataFrom.Items)
            {
                items.Items.Add(new MappingNode().Add("extract", new MappingNode().Add("key", RemoteKey(Text(key), store, location))));
            }

            esoSpec.Add("dataFrom", items);
        }

        return new MappingNode()
            .Add("apiVersion", apiVersion)
            .Add("kind", "ExternalSecret")
            .Add("metadata", metadata)
            .Add("spec", esoSpec);
    }

    /// <summary>
    /// The configured store for the KES backend: a named store of that backend whose instance fields agree, else the
    /// default store when its backend agrees, else the top-level settings of that backend.
    /// </summary>
    private StoreSettings StoreFor(MappingNode spec, DocumentLocation location)
    {
        var backendType = spec.GetString("backendType") ?? "";
        if (!backendTypes.TryGetValue(backendType, out var definition))
        {
            throw new DocumentException(location,
                $"kubernetes-external-secrets backendType '{backendType}' has no store here; configure one of {string.Join(", ", backendTypes.Keys)}, or pass the document through with a rule");
        }

        var backend = definition.Backend;
        bool Agrees(StoreSettings store) => store.Backend == backend
            && definition.KesInstanceFieldsOf(store.Section).All(field => Same(spec.GetString(field.Key), field.Value));

        var defaultStore = settings.DefaultStore;
        return settings.Stores.Values.FirstOrDefault(Agrees)
            ?? (Agrees(defaultStore) ? defaultStore : null)
            ?? settings.Stores.Values.FirstOrDefault(store => store.Backend == backend)
            ?? (defaultStore.Backend == backend ? defaultStore : settings.ImplicitStore(backend));
    }

    private static bool Same(string? kes, string? configured) => kes is null || configured is null || kes == configured;

    private SequenceNode Data(SequenceNode data, StoreSettings store, DocumentLocation location)
    {
        var items = new SequenceNode();
        foreach (var item in data.Items.OfType<MappingNode>())
        {
            var remoteRef = new MappingNode().Add("key", RemoteKey(item.GetString("key") ?? "", store, location));
            if (item.GetString("property") is { Length: > 0 } property)
            {
                remoteRef.Add("property", property);
            }

            if ((item.GetString("versionStage") ?? item.GetString("version")) is { Length: > 0 } version)
            {
                remoteRef.Add("version", version);
            }

            if (item.GetString("isBinary") is { } isBinary && SettingsLoader.IsTrue(isBinary))
            {
                remoteRef.Add("decodingStrategy", "Base64");
            }

            foreach (var field in item.Entries.Select(entry => Text(entry.Key)))
            {
                if (field is not ("name" or "key" or "property" or "versionStage" or "version" or "isBinary"))
                {
                    Unconvertible(location, $"field {field} of data item '{item.GetString("name")}'");
                }
            }

            items.Items.Add(new MappingNode().Add("secretKey", item.GetString("name") ?? "").Add("remoteRef", remoteRef));
        }

        return items;
    }

    /// <summary>The ESO key for a KES key, as the store says (KES read Vault through API paths, <c>secret/data/x</c>).</summary>
    private string RemoteKey(string key, StoreSettings store, DocumentLocation location) =>
        store.Definition.MigrateKesKeyOf(store.Section, key, message => warn($"{location}: {message}"));

    private MappingNode Target(string name, MappingNode? template, DocumentLocation location)
    {
        var labels = (template?.Get("metadata") as MappingNode)?.Get("labels") as MappingNode ?? new MappingNode();
        var annotations = (template?.Get("metadata") as MappingNode)?.Get("annotations") as MappingNode ?? new MappingNode();
        var esoTemplate = new MappingNode()
            .Add("type", template?.GetString("type") ?? "Opaque")
            .Add("metadata", new MappingNode().Add("labels", labels).Add("annotations", annotations));
        var literals = new MappingNode();
        if (template?.Get("data") is MappingNode data)
        {
            foreach (var (key, value) in data.Entries)
            {
                literals.Add(Text(key), GoTemplate.Literal(Decode(Text(value), Text(key), location)));
            }
        }

        if (template?.Get("stringData") is MappingNode stringData)
        {
            foreach (var (key, value) in stringData.Entries)
            {
                literals.Add(Text(key), GoTemplate.Literal(Text(value)));
            }
        }

        foreach (var field in template?.Entries.Select(entry => Text(entry.Key)) ?? [])
        {
            if (field is not ("metadata" or "type" or "data" or "stringData"))
            {
                Unconvertible(location, $"field spec.template.{field}");
            }
        }

        if (literals.Count > 0)
        {
            esoTemplate.Add("mergePolicy", "Merge").Add("data", literals);
        }

        return new MappingNode().Add("name", name).Add("creationPolicy", "Owner").Add("deletionPolicy", "Retain").Add("template", esoTemplate);
    }

    private string Decode(string base64, string key, DocumentLocation location)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(System.Convert.FromBase64String(base64));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw new DocumentException(location, $"template data key '{key}' is not base64 of UTF-8 text; ESO templates hold text");
        }
    }

    private static string Text(Node node) => node is ScalarNode scalar ? scalar.Value : node.ToString() ?? "";

    private void Unconvertible(DocumentLocation location, string what)
    {
        var message = $"{location}: kubernetes-external-secrets {what} has no ESO equivalent and is dropped";
        if (settings.Strict)
        {
            throw new DocumentException(location, $"kubernetes-external-secrets {what} has no ESO equivalent; remove it, or run without --strict to drop it with a warning");
        }

        warn(message);
    }
}
