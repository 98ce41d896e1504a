using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Puts the credential's access token (and its quota project header, which user credentials need for
/// Secret Manager) on each request. The library caches the token and refreshes it before it expires.
/// </summary>
internal sealed class GcpAuthorizationHandler(GcpCredentialSource credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        token.AddHeaders(request);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccessTokenWithHeaders> GetTokenAsync(CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ((ITokenAccessWithHeaders)credential).GetAccessTokenWithHeadersForRequestAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenResponseException ex)
        {
            // The token endpoint's error and description name the problem (invalid_grant, "Invalid JWT Signature."); they hold no key material.
            throw new StoreException(GcpStore.StoreName, null,
                $"could not get an access token for {credentials.Description}: {ex.Error?.Error ?? "error"}" +
                $"{(string.IsNullOrEmpty(ex.Error?.ErrorDescription) ? "" : $" ({ex.Error.ErrorDescription})")}; " +
                "check that the key is still valid (not deleted or disabled) and that the clock is right", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreException(GcpStore.StoreName, null, $"could not reach the token endpoint for {credentials.Description}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new StoreException(GcpStore.StoreName, null, $"could not get an access token for {credentials.Description}: {ex.Message}", ex);
        }
    }
}
