using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Population;

/// <summary>
/// The one place HTTP clients for stores are made, so that every backend gets the same timeout and the same
/// retry policy (429 honouring Retry-After, 5xx and connection failures, jittered exponential backoff).
/// </summary>
public sealed class StoreHttp(PopulationSettings settings)
{
    /// <summary>
    /// Set on each request sent: how many attempts it took (1 when the first was answered). More than 1 means an
    /// earlier attempt may have been carried out although its answer was lost, which a store may need to know.
    /// </summary>
    public static readonly HttpRequestOptionsKey<int> AttemptsKey = new("PostRenderer.Attempts");

    public TimeSpan Timeout => settings.Timeout;

    public int Retries => settings.Retries;

    /// <summary>An HttpClient over <paramref name="transport"/> (default: a new SocketsHttpHandler) with retries and the timeout.</summary>
    public HttpClient CreateClient(string storeName, HttpMessageHandler? transport = null)
    {
        var retrying = new RetryingHandler(storeName, settings.Retries, settings.Timeout)
        {
            InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };

        // The per-attempt timeout is enforced inside RetryingHandler; the client's own must not cut retries short.
        return new HttpClient(retrying) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>The retrying handler alone, for SDKs that take a handler rather than a client (Azure, Google).</summary>
    public DelegatingHandler CreateHandler(string storeName, HttpMessageHandler? transport = null) =>
        new RetryingHandler(storeName, settings.Retries, settings.Timeout)
        {
            InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
}
