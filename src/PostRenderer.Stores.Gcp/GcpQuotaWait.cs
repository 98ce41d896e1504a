using System.Net;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Waits out Secret Manager's per-minute quotas (600 writes per minute per project, about 2 addVersion calls per
/// second per secret). GCP sends no Retry-After; a 429 RESOURCE_EXHAUSTED may carry a google.rpc.RetryInfo, whose
/// delay is honoured, and otherwise the wait grows from 1 s to 16 s with jitter. The shared policy's few quick retries
/// (about 2 s in all) are inside each round; this loop goes on until <c>gcp.quotaWait</c> has been waited in total.
/// </summary>
internal sealed class GcpQuotaWait(TimeSpan budget)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(16);

    public TimeSpan Budget => budget;

    /// <summary>Sends until the answer is not a 429 or the budget is spent; returns the last answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var round = 0; ; round++)
        {
            var response = await send(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            // Reading buffers the body, so the caller can still read the error from the last answer.
            var error = await GcpError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            var remaining = budget - waited;
            var delay = error.RetryDelay ?? Backoff(round);
            if (remaining <= TimeSpan.Zero)
            {
                return response;
            }

            delay = delay < remaining ? delay : remaining;
            response.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    private static TimeSpan Backoff(int round)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, round));
#pragma warning disable CA5394 // Jitter only spreads retries in time; it protects nothing.
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }
}
