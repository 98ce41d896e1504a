using System.Net.Http.Headers;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Vault;

/// <summary>Sends one request to Vault's HTTP API (with the namespace header) over the shared retrying client.</summary>
internal sealed class VaultHttp(HttpClient client, Uri address, string? @namespace) : IDisposable
{
    public async Task<VaultResponse> SendAsync(HttpMethod method, string apiPath, byte[]? body, string? token, string? entry, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(address, "v1/" + VaultPaths.Escape(apiPath)));
        request.Headers.Add("X-Vault-Request", "true");
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (@namespace is not null)
        {
            request.Headers.Add("X-Vault-Namespace", @namespace);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var attempts = request.Options.TryGetValue(StoreHttp.AttemptsKey, out var count) ? count : 1;
            var answer = VaultResponse.From(response.StatusCode, text, attempts);
            return answer.IsWrapped ? throw Wrapped(method, apiPath, entry) : answer;
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            throw new StoreException(ex.Store, entry, ex.Problem + TlsHint(ex), ex);
        }
    }

    public void Dispose() => client.Dispose();


    private static string TlsHint(Exception ex) =>
        HttpFailureText.IsTlsFailure(ex) ? "; for Vault, set VAULT_CACERT or vault.caCert to the CA bundle that signed the server's certificate" : "";

    /// <summary>
    /// A wrapped answer carries a token that can unwrap the result; it is never shown. Under a Control Group Vault has
    /// not carried out the request (it runs when an approved requester unwraps it, which this tool never does); when
    /// wrapping is forced on the path it has, so a write may have been stored, but unconfirmed. Either way: no success.
    /// </summary>
    private static StoreException Wrapped(HttpMethod method, string apiPath, string? entry) =>
        new(VaultStore.StoreName, entry,
            $"Vault answered {method} '{apiPath}' with a response-wrapping token (wrap_info) instead of the result: "
            + $"a Vault Enterprise Control Group requires approval for this path (then nothing was {(method == HttpMethod.Get ? "read" : "written")}), "
            + "or response wrapping is forced on it (a proxy or agent adding X-Vault-Wrap-TTL"
            + (method == HttpMethod.Get ? ")" : "; then the write may have been stored, unconfirmed)")
            + "; this tool cannot wait for approval or unwrap: exempt its token from the control group and from wrapping for this path, "
            + "or populate the entry by hand");
}
