using Amazon.Runtime;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>
/// Hands the SDK the store's one HttpClient, built by the shared <see cref="Core.Population.StoreHttp"/> policy, so
/// that Systems Manager calls get the same per-attempt deadline (body included), retries and backoff as every store.
/// The store owns and disposes the client; the SDK neither caches nor disposes it.
/// </summary>
internal sealed class SharedHttpClientFactory(HttpClient client) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
