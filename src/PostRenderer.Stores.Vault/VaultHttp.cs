using System.Net.Http.Headers;
using System.Security.Authentication;
using PostRenderer.Core.Errors;

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
            return VaultResponse.From(response.StatusCode, text);
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            throw new StoreException(ex.Store, entry, Problem(ex) + TlsHint(ex), ex);
        }
    }

    public void Dispose() => client.Dispose();

    // The retry handler names no entry; restate its problem under this entry without the store prefix twice.
    private static string Problem(StoreException ex) =>
        ex.Message.StartsWith(ex.Store + ": ", StringComparison.Ordinal) ? ex.Message[(ex.Store.Length + 2)..] : ex.Message;

    private static string TlsHint(Exception ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return "; the server's TLS certificate was not trusted: set VAULT_CACERT or vault.caCert to the CA bundle that signed it";
            }
        }

        return "";
    }
}
