using System.Net;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault;

/// <summary>
/// KV version 1: <c>GET/POST /v1/&lt;mount&gt;/&lt;path&gt;</c>. It has no versions and no check-and-set, so a write
/// always replaces the entry; the populator re-reads afterwards and merges again if a concurrent writer won.
/// </summary>
internal sealed class KvV1Engine(VaultClient client, string mount) : IKvEngine
{
    public bool HasCompareAndSet => false;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var path = VaultPaths.KvV1(mount, entry);
        var response = await client.SendAsync(HttpMethod.Get, path, null, entry, cancellationToken).ConfigureAwait(false);
        VaultClient.EnsureKvAnswer(response, entry, mount, path, "reading");
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        client.EnsureSuccess(response, entry, path, "reading", "\"read\"");
        return new StoreEntry(VaultEntryContent.Parse(response.Body?["data"], entry), null);
    }

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        var path = VaultPaths.KvV1(mount, entry);
        var body = VaultRequestBodies.KvV1Write(properties);
        var response = await client.SendAsync(HttpMethod.Post, path, body, entry, cancellationToken).ConfigureAwait(false);
        VaultClient.EnsureKvAnswer(response, entry, mount, path, "writing");
        VaultClient.EnsureNotTooLarge(response, entry, path, body.Length);
        client.EnsureSuccess(response, entry, path, "writing", expected is null ? "\"create\"" : "\"update\"");
        return true;
    }
}
