using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// Calls Secrets Manager operations over the JSON 1.1 protocol. HTTP 429, 5xx, timeouts and connection failures
/// are retried by the shared <see cref="Core.Population.StoreHttp"/> pipeline; AWS throttling, which arrives as
/// HTTP 400 with <c>ThrottlingException</c>, is retried here, re-signed, with jittered exponential backoff.
/// </summary>
internal sealed class SecretsManagerClient(HttpClient http, IAwsCredentialSource credentials, AwsLocation location, int retries) : IDisposable
{
    private readonly SecretsManagerRequestSigner signer = new(credentials, location);

    private const string Store = "aws";
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Calls <paramref name="operation"/>. Returns the answer, or null when AWS answered with
    /// <paramref name="toleratedError"/> (the caller's expected "not found" or "exists"); any other error throws.
    /// </summary>
    public async Task<JsonObject?> CallAsync(string operation, JsonObject input, string entry, string? toleratedError, CancellationToken cancellationToken) =>
        (await TryCallAsync(operation, input, entry, toleratedError is null ? [] : [toleratedError], cancellationToken).ConfigureAwait(false)).Body;

    /// <summary>
    /// Calls <paramref name="operation"/>. Returns the answer's body, or the error type when AWS answered with one of
    /// <paramref name="toleratedErrors"/>; any other error throws.
    /// </summary>
    public async Task<SecretsManagerAnswer> TryCallAsync(string operation, JsonObject input, string entry, IReadOnlyCollection<string> toleratedErrors, CancellationToken cancellationToken)
    {
        var body = Serialize(input);
        for (var attempt = 0; ; attempt++)
        {
            using var response = await SendAsync(operation, body, entry, cancellationToken).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new SecretsManagerAnswer(ParseAnswer(content, operation, entry), null);
            }

            var error = SecretsManagerError.Parse((int)response.StatusCode, ErrorTypeHeader(response), content);
            if (toleratedErrors.Contains(error.Type))
            {
                return new SecretsManagerAnswer(null, error.Type);
            }

            if (!error.IsThrottling || attempt >= retries)
            {
                throw new StoreException(Store, entry, SecretsManagerErrorMessages.Describe(error, operation, credentials.Description));
            }

            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where the credentials come from, for messages.</summary>
    public string CredentialsDescription => credentials.Description;

    public void Dispose()
    {
        http.Dispose();
        credentials.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(string operation, byte[] body, string entry, CancellationToken cancellationToken)
    {
        try
        {
            using var request = await signer.CreateAsync(operation, body, cancellationToken).ConfigureAwait(false);
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            // The shared pipeline and the role assumption do not know the entry; the message should.
            throw ex.ForEntry(entry, $"secretsmanager:{operation}");
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException)
        {
            // Credentials the chain found but could not fetch now: instance metadata down, web identity refused.
            throw new StoreException(Store, entry, $"cannot get AWS credentials from {credentials.Description}: {ex.Message}", ex);
        }
    }

    private static byte[] Serialize(JsonObject input)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            input.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static JsonObject ParseAnswer(byte[] content, string operation, string entry)
    {
        try
        {
            return JsonNode.Parse(content) as JsonObject
                ?? throw new StoreException(Store, entry, $"secretsmanager:{operation} answered with something other than a JSON object; is the endpoint Secrets Manager?");
        }
        catch (JsonException ex)
        {
            throw new StoreException(Store, entry, $"secretsmanager:{operation} answered with invalid JSON; is the endpoint Secrets Manager?", ex);
        }
    }

    private static string? ErrorTypeHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
#pragma warning disable CA5394 // Jitter only spreads retries in time; it protects nothing.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}
