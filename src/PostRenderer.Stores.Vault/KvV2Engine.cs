using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault;

/// <summary>
/// KV version 2: <c>GET/POST /v1/&lt;mount&gt;/data/&lt;path&gt;</c>, every write guarded by <c>options.cas</c> so a
/// concurrent change makes the write fail instead of being overwritten.
/// </summary>
internal sealed class KvV2Engine(VaultClient client, string mount) : IKvEngine
{
    /// <summary>
    /// Latest versions of entries whose latest version is deleted or destroyed. They read as absent, but Vault
    /// still counts them: a create must pass their version as cas, not 0.
    /// </summary>
    private readonly ConcurrentDictionary<string, long> deletedVersions = new(StringComparer.Ordinal);

    public bool HasCompareAndSet => true;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var path = VaultPaths.KvV2Data(mount, entry);
        var response = await client.SendAsync(HttpMethod.Get, path, null, entry, cancellationToken).ConfigureAwait(false);
        VaultClient.EnsureKvAnswer(response, entry, mount, path, "reading");
        if (response.Status != HttpStatusCode.NotFound)
        {
            client.EnsureSuccess(response, entry, path, "reading", "\"read\"");
        }

        var data = response.Body?["data"];
        var version = Version(data?["metadata"]);
        if (response.Status == HttpStatusCode.NotFound || data?["data"] is null)
        {
            RememberDeleted(entry, version);
            return null;
        }

        deletedVersions.TryRemove(entry, out _);
        return new StoreEntry(VaultEntryContent.Parse(data["data"], entry), version?.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        var path = VaultPaths.KvV2Data(mount, entry);
        var cas = expected is null ? deletedVersions.GetValueOrDefault(entry) : ParseVersion(expected, entry);
        var body = VaultRequestBodies.KvV2Write(properties, cas);
        var response = await client.SendAsync(HttpMethod.Post, path, body, entry, cancellationToken).ConfigureAwait(false);

        // Vault: 400 "check-and-set parameter did not match the current version".
        if (response.Status == HttpStatusCode.BadRequest && response.Errors.Contains("check-and-set", StringComparison.OrdinalIgnoreCase))
        {
            return response.Attempts > 1 && await EarlierAttemptLandedAsync(entry, properties, cas, cancellationToken).ConfigureAwait(false);
        }

        VaultClient.EnsureKvAnswer(response, entry, mount, path, "writing");
        VaultClient.EnsureNotTooLarge(response, entry, path, body.Length);
        client.EnsureSuccess(response, entry, path, "writing", cas == 0 ? "\"create\"" : "\"update\"");
        deletedVersions.TryRemove(entry, out _);
        return true;
    }

    /// <summary>
    /// A write retried after a lost answer (a 5xx or a timeout after Vault stored it) meets its own first attempt as a
    /// check-and-set conflict. It is ours when the version right after the one we wrote against is the latest and
    /// holds exactly what we wrote; then the write succeeded, and the summary must say so rather than "already present".
    /// </summary>
    private async Task<bool> EarlierAttemptLandedAsync(string entry, IReadOnlyDictionary<string, string> properties, long cas, CancellationToken cancellationToken)
    {
        var now = await ReadAsync(entry, cancellationToken).ConfigureAwait(false);
        return now is not null
            && now.Version == (cas + 1).ToString(CultureInfo.InvariantCulture)
            && now.Properties.Count == properties.Count
            && properties.All(pair => now.Properties.TryGetValue(pair.Key, out var stored) && stored == pair.Value);
    }

    private void RememberDeleted(string entry, long? version)
    {
        if (version is > 0)
        {
            deletedVersions[entry] = version.Value;
        }
        else
        {
            deletedVersions.TryRemove(entry, out _);
        }
    }

    private static long? Version(JsonNode? metadata) =>
        metadata?["version"] is JsonValue value && value.TryGetValue<long>(out var version) ? version : null;

    private static long ParseVersion(StoreEntry expected, string entry) =>
        long.TryParse(expected.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new StoreException(VaultStore.StoreName, entry, "the entry read has no KV v2 version to check-and-set against");
}
