using Amazon.Runtime;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// The tries an AWS SDK client may make on its own, set in one place for every client the tool builds. Besides
/// MaxErrorRetry, AWSSDK.Core 4.1 retries what it takes for a stale pooled connection (a reset or aborted socket,
/// "response ended prematurely") up to 10 times, outside MaxErrorRetry: against a server that resets connections
/// that multiplied the tries, and the deadline, by 11.
/// </summary>
internal static class SdkRetryLimits
{
    public static void Apply(ClientConfig config, int maxErrorRetry)
    {
        config.MaxErrorRetry = maxErrorRetry;
        config.MaxStaleConnectionRetries = 0;
    }
}
