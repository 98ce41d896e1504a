using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Where <c>jx secret convert</c> put each key of a Secret, for stores with <c>layout: jenkins-x</c>: a mapping's
/// key and property win; otherwise the store's definition says where keys went (<see cref="JenkinsXEntries"/>: Vault
/// paths made of the name, an entry per key for the local backend, an entry per Secret for the others) and whether
/// each key is a property (Vault, local, GCP) or, for a Secret of one key, the raw value.
/// </summary>
internal static class JenkinsXLayout
{
    public const string PrefixAnnotation = "secret.jenkins-x.io/prefix";

    public static RemoteKey Locate(SecretDocument secret, SecretValue value, KeyRule? keyRule, StoreSettings store, string @namespace, Func<string, string> makeEntry)
    {
        var entry = keyRule?.Entry is { } mapped
            ? EntryNameTemplate.Expand(mapped, @namespace, secret.Name)
            : DefaultEntry(secret, value.Key, store, @namespace);
        var property = keyRule?.Property ?? DefaultProperty(secret, value, store.Definition);
        return new RemoteKey(value, makeEntry(entry), property, keyRule?.Generator)
        {
            Version = keyRule?.Version ?? store.Version,
            VersionStage = keyRule?.VersionStage ?? store.VersionStage,
            DecodingStrategy = keyRule?.DecodingStrategy,
        };
    }

    private static string DefaultEntry(SecretDocument secret, string key, StoreSettings store, string @namespace) => store.Definition.JenkinsXEntries switch
    {
        JenkinsXEntries.NamePath => NamePath(secret, key),
        JenkinsXEntries.PerKey => key,
        _ => EntryNameTemplate.Expand(store.EntryName ?? "{name}", @namespace, secret.Name),
    };

    // jx counts the keys of data and of stringData apart (it converts one section after the other), so a Secret with
    // one key in each has two raw values.
    private static string? DefaultProperty(SecretDocument secret, SecretValue value, StoreDefinition definition) =>
        definition.JenkinsXPropertyPerKey || SectionCount(secret, value.FromStringData) > 1 ? value.Key : null;

    private static int SectionCount(SecretDocument secret, bool stringData)
    {
        var count = 0;
        foreach (var other in secret.Values)
        {
            count += other.FromStringData == stringData ? 1 : 0;
        }

        return count;
    }

    private static string NamePath(SecretDocument secret, string key)
    {
        var levels = secret.Name.Split('-');
        var path = levels.Length > 1 && levels[^1] == key ? string.Join('/', levels[..^1]) : string.Join('/', levels);
        return secret.Annotations.GetString(PrefixAnnotation) is { Length: > 0 } prefix ? $"{prefix}/{path}" : path;
    }
}
