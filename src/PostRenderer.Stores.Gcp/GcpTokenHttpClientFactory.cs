using Google.Apis.Http;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Lets Google.Apis.Auth fetch tokens through the shared retrying handler, so the token endpoint gets the
/// same timeout and backoff as the Secret Manager calls.
/// </summary>
internal sealed class GcpTokenHttpClientFactory(StoreHttp http) : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => http.CreateHandler(GcpStore.StoreName);
}
