using System.Net;
using System.Text.Json;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// A Google API error as the REST API reports it: <c>{"error":{"code":403,"status":"PERMISSION_DENIED","message":"..."}}</c>.
/// The service's message names permissions and resources, never payloads, so it is safe to show.
/// </summary>
internal sealed record GcpError(int Code, string Status, string Message, TimeSpan? RetryDelay = null)
{
    private const int MaxMessageLength = 500;
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";

    public bool IsQuotaExhausted => Code == 429 || Status == "RESOURCE_EXHAUSTED";

    public static async Task<GcpError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return Parse(response.StatusCode, body);
    }

    public static GcpError Parse(HttpStatusCode statusCode, byte[] body)
    {
        var fallback = new GcpError((int)statusCode, StatusFor(statusCode), $"HTTP {(int)statusCode} {statusCode}");
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return fallback;
            }

            return new GcpError(
                error.TryGetProperty("code", out var code) && code.TryGetInt32(out var number) ? number : fallback.Code,
                error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString()! : fallback.Status,
                error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? Shorten(message.GetString()!) : fallback.Message,
                RetryDelayOf(error));
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML; the status code is all there is.
            return fallback;
        }
    }

    /// <summary>
    /// The wait a google.rpc.RetryInfo detail asks for: <c>{"@type": "...RetryInfo", "retryDelay": "1.5s"}</c> (a
    /// protobuf Duration in JSON: seconds with an optional fraction, then "s").
    /// </summary>
    private static TimeSpan? RetryDelayOf(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == RetryInfoType
                && detail.TryGetProperty("retryDelay", out var delay) && delay.ValueKind == JsonValueKind.String
                && delay.GetString() is { Length: > 1 } text && text.EndsWith('s')
                && double.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }

    public override string ToString() => $"{Status} ({Code}): {Message.TrimEnd('.')}";

    private static string Shorten(string message) =>
        message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength), "...");

    // The canonical google.rpc.Code names, for bodies that carry none.
    private static string StatusFor(HttpStatusCode statusCode) => statusCode switch
    {
        HttpStatusCode.BadRequest => "INVALID_ARGUMENT",
        HttpStatusCode.Unauthorized => "UNAUTHENTICATED",
        HttpStatusCode.Forbidden => "PERMISSION_DENIED",
        HttpStatusCode.NotFound => "NOT_FOUND",
        HttpStatusCode.Conflict => "ALREADY_EXISTS",
        HttpStatusCode.TooManyRequests => "RESOURCE_EXHAUSTED",
        HttpStatusCode.NotImplemented => "UNIMPLEMENTED",
        HttpStatusCode.ServiceUnavailable => "UNAVAILABLE",
        HttpStatusCode.GatewayTimeout => "DEADLINE_EXCEEDED",
        _ when (int)statusCode >= 500 => "INTERNAL",
        _ => "UNKNOWN",
    };
}
