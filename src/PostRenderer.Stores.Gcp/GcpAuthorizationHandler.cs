using System.Net.Http.Headers;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Puts the credential's access token (and its quota project header, which user credentials need for
/// Secret Manager) on each request.
/// </summary>
internal sealed class GcpAuthorizationHandler(GcpCredentialSource credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        if (token.QuotaProject is { } project)
        {
            request.Headers.TryAddWithoutValidation("x-goog-user-project", project);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GcpAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await credentials.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GcpTokenException ex)
        {
            throw new StoreException(GcpStore.StoreName, null,
                $"could not get an access token for {credentials.Description}: {ex.Message}; " +
                "check that the key is still valid (not deleted or disabled) and that the clock is right", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreException(GcpStore.StoreName, null, $"could not reach the token endpoint for {credentials.Description}: {ex.Message}", ex);
        }
    }
}
