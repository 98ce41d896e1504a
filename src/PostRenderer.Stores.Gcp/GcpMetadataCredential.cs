namespace PostRenderer.Stores.Gcp;

/// <summary>The service account attached to the GCE VM or GKE workload, whose token the metadata server hands out.</summary>
internal sealed class GcpMetadataCredential(Uri tokenUrl) : GcpCredential
{
    public override async Task<GcpAccessToken> RequestTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUrl);
        request.Headers.Add("Metadata-Flavor", "Google");
        return await GcpTokenEndpoint.SendAsync(http, request, cancellationToken).ConfigureAwait(false);
    }
}
