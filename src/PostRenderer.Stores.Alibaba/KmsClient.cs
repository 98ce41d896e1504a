using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// Calls KMS (API version 2016-01-20) over its RPC API: a POST to the endpoint's root whose form body holds the
/// parameters (so secret values never appear in a URL), signed per attempt by <see cref="AcsSigningHandler"/>.
/// HTTP 429, 5xx, timeouts and connection failures are retried by the shared pipeline; throttling that arrives as
/// HTTP 400 with a <c>Throttling*</c> code is retried here with jittered exponential backoff.
/// </summary>
internal sealed class KmsClient(HttpClient http, Uri endpoint, IAlibabaCredentialSource credentials, int retries) : IDisposable
{
    public const string ApiVersion = "2016-01-20";

    private static readonly MediaTypeHeaderValue FormType = new("application/x-www-form-urlencoded");
    private static readonly MediaTypeWithQualityHeaderValue JsonType = new("application/json");
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public string CredentialsDescription => credentials.Description;

    /// <summary>
    /// Calls <paramref name="action"/>. Returns the answer, or the error code when KMS answered with one of
    /// <paramref name="tolerated"/> (the caller's expected "not found" or "exists"); any other error throws a
    /// <see cref="StoreException"/>.
    /// </summary>
    public async Task<KmsAnswer> CallAsync(string action, IReadOnlyDictionary<string, string> parameters, string entry, IReadOnlyCollection<string> tolerated, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(AcsPercentEncoding.Form(parameters));
        for (var attempt = 0; ; attempt++)
        {
            using var response = await SendAsync(action, body, entry, cancellationToken).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new KmsAnswer(ParseAnswer(content, action, entry), null);
            }

            var error = KmsError.Parse((int)response.StatusCode, content).Without(parameters.GetValueOrDefault("SecretData"));
            if (tolerated.Contains(error.Code))
            {
                return new KmsAnswer(null, error.Code);
            }

            if (!error.IsThrottling || attempt >= retries)
            {
                throw new StoreException(AlibabaStore.StoreName, entry, KmsErrorMessages.Describe(error, action, credentials.Description));
            }

            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        credentials.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(string action, byte[] body, string entry, CancellationToken cancellationToken)
    {
        try
        {
            var signer = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = FormType;
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };

            // RPC APIs can answer XML (their historical default); ask for JSON, as the SDKs do. Accept is not signed.
            request.Headers.Accept.Add(JsonType);
            request.Options.Set(AcsSigningHandler.CallKey, new AcsCall(action, ApiVersion, signer));
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            // The shared pipeline and the credential sources do not know the entry; the message should.
            throw ex.ForEntry(entry, $"kms:{action}");
        }
    }

    private static JsonElement ParseAnswer(byte[] content, string action, string entry)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new StoreException(AlibabaStore.StoreName, entry, $"kms:{action} answered with something other than a JSON object; is alibaba.endpoint a KMS endpoint?");
        }
        catch (JsonException)
        {
            // Not chained: the parser's message could quote the answer, which may hold the secret.
            throw new StoreException(AlibabaStore.StoreName, entry, $"kms:{action} answered with invalid JSON; is alibaba.endpoint a KMS endpoint?");
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
#pragma warning disable CA5394 // Jitter only spreads retries in time; it protects nothing.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}

/// <summary>A KMS answer: its body, or the tolerated error code KMS answered with instead.</summary>
internal readonly record struct KmsAnswer(JsonElement? Body, string? RefusedWith);
