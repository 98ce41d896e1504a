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
            // that blocks sys/) is refused. Guessing is not safe: a KV v2 write to a v1 mount succeeds, storing the
            // {options, data} body as a secret named data/<entry>. So ask a path only KV v2 answers, or stop.
            case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized:
                return await ConfirmFromConfigAsync(client, mount, (int)response.Status, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// KV v2 answers <c>GET &lt;mount&gt;/config</c> with its engine settings (max_versions, cas_required), always with
    /// 200; a v1 mount reads it as a secret named "config", normally absent (404), else without those settings.
    /// </summary>
    private static async Task<int> ConfirmFromConfigAsync(VaultClient client, string mount, int mountInfoStatus, CancellationToken cancellationToken)
    {
        var path = $"{mount}/config";
        var response = await client.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            await EnsureTokenValidAsync(client, cancellationToken).ConfigureAwait(false);
            throw new ConfigurationException(
                $"vault: cannot tell whether the mount '{mount}/' is KV version 1 or 2: Vault refused both {VaultPaths.MountInfo(mount)} "
                + $"(HTTP {mountInfoStatus}) and {path} (HTTP {(int)response.Status}) to this token; set vault.kvVersion to 1 or 2 "
                + $"(as the SecretStore's 'version': v1 or v2), or grant the token read on {path}");
        }

        VaultClient.EnsureKvAnswer(response, null, mount, path, "reading");
        if (response.Status == HttpStatusCode.NotFound)
        {
            return 1;
        }

        client.EnsureSuccess(response, null, path, "reading", "\"read\"");
        var data = response.Body?["data"];
        return data?["max_versions"] is not null && data["cas_required"] is not null ? 2 : 1;
    }

    /// <summary>
    /// A token refused everything is more likely invalid than short of one grant: Vault's default policy lets every
    /// valid token read auth/token/lookup-self. Its answer holds the token itself, so only the status is used.
    /// </summary>
    private static async Task EnsureTokenValidAsync(VaultClient client, CancellationToken cancellationToken)
    {
        const string path = "auth/token/lookup-self";
        var response = await client.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new StoreException(VaultStore.StoreName, null,
                $"Vault refused {client.Description} (HTTP {(int)response.Status}), even for {path}, which Vault's default policy grants every "
                + "valid token; check that the token is valid and not expired");
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
