using Azure.Core;
using Azure.Identity;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>Fails the way DefaultAzureCredential does on a machine with no Azure sign-in at all.</summary>
internal sealed class UnavailableCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new CredentialUnavailableException("DefaultAzureCredential failed to retrieve a token from the included credentials.");

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
