using Google.Apis.Http;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Lets Google.Apis.Auth fetch tokens through the shared retrying handler, so the token endpoint (Google's, or the
/// metadata server's) gets the same timeout and backoff as the Secret Manager calls, and only those: the library's
/// own retries would multiply the attempts, and its 100 s client timeout is not ours.
/// </summary>
internal sealed class GcpTokenHttpClientFactory(StoreHttp http) : IHttpClientFactory
{
    public ConfigurableHttpClient CreateHttpClient(CreateHttpClientArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var handler = new ConfigurableMessageHandler(http.CreateHandler(GcpStore.StoreName)) { ApplicationName = args.ApplicationName };
        var client = new ConfigurableHttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        foreach (var initializer in args.Initializers)
        {
            initializer.Initialize(client);
        }

        // After the initializers, which add the library's backoff for the token endpoint.
        handler.NumTries = 1;
        return client;
    }
}
