using System.Net;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault;

/// <summary>Asks Vault which KV version a mount is, the way the vault CLI's preflight does.</summary>
internal static class KvVersionDetector
{
    public static async Task<int> DetectAsync(VaultClient client, string mount, CancellationToken cancellationToken)
    {
        var path = VaultPaths.MountInfo(mount);
        var response = await client.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            // Vault before 0.10 has no such endpoint, and no KV v2 either (the vault CLI concludes the same).
            case HttpStatusCode.NotFound:
                return 1;

            // The endpoint is allowed for any capability on the mount; a token limited in other ways (or a proxy
            // that blocks sys/) is refused. KV v2 is what Vault has mounted at 'secret/' by default since 1.1, and
            // guessing it is safe: a wrong guess fails loudly on the first read rather than writing elsewhere.
            case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized:
                return 2;
        }

        client.EnsureSuccess(response, mount, path, "reading", "\"read\"");
        var data = response.Body?["data"];
        var type = Text(data?["type"]);
        if (type is not null and not ("kv" or "generic"))
        {
            throw new StoreException(VaultStore.StoreName, null,
                $"the mount '{mount}/' is a '{type}' secrets engine, not kv; set vault.mount to a KV mount");
        }

        return Text(data?["options"]?["version"]) == "2" ? 2 : 1;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
