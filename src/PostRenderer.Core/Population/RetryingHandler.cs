using System.Net;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Population;

/// <summary>
/// Retries a store request when the store asks for it or briefly fails: 429 (waiting as Retry-After says),
/// 5xx, connection failures and attempts that exceed the timeout. Backoff is exponential with full jitter,
/// so parallel renders that were throttled together do not retry together.
/// The timeout covers the whole answer: the body is read into memory inside the attempt's deadline, so a server
/// or proxy that sends its headers and then stalls ends the attempt on time instead of hanging the caller.
/// </summary>
internal sealed class RetryingHandler(string storeName, int retries, TimeSpan attemptTimeout) : DelegatingHandler
{
    /// <summary>
    /// The largest answer read. Store answers are a few KiB (a secret is at most 64 KiB in every supported
    /// store); the bound keeps a misdirected address from filling memory.
    /// </summary>
    internal const long MaxAnswerBytes = 16 * 1024 * 1024;

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt >= retries;
            request.Options.Set(StoreHttp.AttemptsKey, attempt + 1);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(attemptTimeout);
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
                await ReadAnswerAsync(response, request, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                throw;
            }
            catch (OperationCanceledException ex)
            {
                var headersArrived = response is not null;
                response?.Dispose();
                if (last)
                {
                    throw TimedOut(request, headersArrived, attempt, ex);
                }

                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                response?.Dispose();

                // An untrusted certificate does not heal by asking again.
                if (last || HttpFailureText.IsHandshakeRefused(ex))
                {
                    throw new StoreException(storeName, null, $"cannot reach {Authority(request)}: {HttpFailureText.Describe(ex, Authority(request))} (tried {attempt + 1} times)", ex);
                }

                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (last || !IsTransient(response.StatusCode))
            {
                return response;
            }

            var delay = RetryAfter(response) ?? Backoff(attempt);
            response.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadAnswerAsync(HttpResponseMessage response, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxAnswerBytes)
        {
            response.Dispose();
            throw TooLarge(request);
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            // The answer outgrew the bound (LoadIntoBufferAsync names it so).
            response.Dispose();
            throw TooLarge(request);
        }
    }

    private StoreException TooLarge(HttpRequestMessage request) =>
        new(storeName, null, $"{Authority(request)} answered with more than {MaxAnswerBytes / (1024 * 1024)} MiB; is the address pointing at the store's API?");

    private StoreException TimedOut(HttpRequestMessage request, bool headersArrived, int attempt, Exception inner) =>
        new(storeName, null, headersArrived
            ? $"no complete answer from {Authority(request)} within {attemptTimeout.TotalSeconds:0.#}s: timed out reading the body after the headers arrived (tried {attempt + 1} times)"
            : $"no answer from {Authority(request)} within {attemptTimeout.TotalSeconds:0.#}s: timed out (tried {attempt + 1} times)",
            inner);

    private static string? Authority(HttpRequestMessage request) => request.RequestUri?.GetLeftPart(UriPartial.Authority);

    private static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
#pragma warning disable CA5394 // Jitter only spreads retries in time; it protects nothing.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}
