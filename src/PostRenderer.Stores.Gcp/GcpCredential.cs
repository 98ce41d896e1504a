namespace PostRenderer.Stores.Gcp;

/// <summary>One kind of Application Default Credentials: how it gets a fresh access token.</summary>
internal abstract class GcpCredential
{
    public abstract Task<GcpAccessToken> RequestTokenAsync(HttpClient http, CancellationToken cancellationToken);
}
