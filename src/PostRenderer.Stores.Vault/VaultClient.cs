using System.Net;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault;

/// <summary>Authenticated requests, and the translation of Vault's refusals into actionable StoreExceptions.</summary>
internal sealed class VaultClient(VaultHttp http, VaultAuthenticator authenticator) : IDisposable
{
    /// <summary>Which token this is, for messages (never the token).</summary>
    public string Description => authenticator.Description;

    public async Task<VaultResponse> SendAsync(HttpMethod method, string apiPath, byte[]? body, string? entry, CancellationToken cancellationToken)
    {
        var token = await authenticator.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        return await http.SendAsync(method, apiPath, body, token, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws unless <paramref name="response"/> succeeded; <paramref name="capabilities"/> is what the policy must grant on the path.</summary>
    public void EnsureSuccess(VaultResponse response, string? entry, string apiPath, string action, string capabilities)
    {
        if (response.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new StoreException(VaultStore.StoreName, entry,
                $"Vault refused {action} '{apiPath}' (HTTP {(int)response.Status}{Said(response)}) for {authenticator.Description}; "
                + $"check that the token is valid and not expired, and that its policy grants path \"{apiPath}\" {{ capabilities = [{capabilities}] }}");
        }

        if (!response.IsJson)
        {
            throw NotJson(response, entry, apiPath, action);
        }

        if (!response.IsSuccess)
        {
            throw new StoreException(VaultStore.StoreName, entry, $"{action} '{apiPath}' failed with HTTP {(int)response.Status}{Said(response)}");
        }
    }

    /// <summary>
    /// Throws unless <paramref name="response"/> is Vault's answer about a KV entry: it must be JSON (else VAULT_ADDR
    /// points elsewhere), and a 404 must not be "no handler for route" (an absent entry, not an absent mount).
    /// </summary>
    public static void EnsureKvAnswer(VaultResponse response, string? entry, string mount, string apiPath, string action)
    {
        if (!response.IsJson)
        {
            throw NotJson(response, entry, apiPath, action);
        }

        if (response.Status == HttpStatusCode.NotFound && response.Errors.Contains("no handler for route", StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreException(VaultStore.StoreName, entry,
                $"no secrets engine is mounted at '{mount}/'; check vault.mount (the KV mount, the SecretStore's 'path') and the namespace");
        }
    }

    /// <summary>
    /// Throws when Vault refused a write for its size: HTTP 413 past the listener's max_request_size, or the
    /// storage's own refusal ("value being too large", integrated storage's max_entry_size). Vault tells an
    /// ordinary token neither limit before a write (only sys/config/state/sanitized, which needs sudo, shows
    /// max_request_size), so the size is checked by the answer, which names the limit.
    /// </summary>
    public static void EnsureNotTooLarge(VaultResponse response, string entry, string apiPath, int bytes)
    {
        if (response.Status == HttpStatusCode.RequestEntityTooLarge || response.Errors.Contains("too large", StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreException(VaultStore.StoreName, entry,
                $"Vault refused the {bytes:N0}-byte write to '{apiPath}' as too large (HTTP {(int)response.Status}{Said(response)}); "
                + "Vault's limits are its listener's max_request_size (default 32 MiB) and its storage's entry size (integrated storage: "
                + "max_entry_size, default 1 MiB; Consul: 512 KiB): shorten the values or ask the Vault operators to raise the limit");
        }
    }

    public void Dispose()
    {
        authenticator.Dispose();
        http.Dispose();
    }

    private static StoreException NotJson(VaultResponse response, string? entry, string apiPath, string action) =>
        new(VaultStore.StoreName, entry,
            $"{action} '{apiPath}' answered HTTP {(int)response.Status} with a body that is not JSON; is VAULT_ADDR / vault.address pointing at Vault?");

    private static string Said(VaultResponse response) => response.Errors is { Length: > 0 } errors ? $": {errors}" : "";
}
