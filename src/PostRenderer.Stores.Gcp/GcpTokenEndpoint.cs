using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// The requests every credential type makes for a token: a form POSTed to an OAuth2 token endpoint (Google's, or
/// the Security Token Service), a GET from the metadata server, and reading the answer, with System.Text.Json
/// (no reflection, so it runs in the native binary).
/// </summary>
internal static class GcpTokenEndpoint
{
    public const string Scope = "https://www.googleapis.com/auth/cloud-platform";

    public static async Task<GcpAccessToken> PostFormAsync(
        HttpClient http, Uri endpoint, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken,
        AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        return await SendAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<GcpAccessToken> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var json = Parse(body, (int)response.StatusCode);
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode)
        {
            throw new GcpTokenException(Text(root, "error") ?? $"HTTP {(int)response.StatusCode}", Text(root, "error_description"));
        }

        return ReadToken(root, "access_token", "expires_in");
    }

    /// <summary>A token answer: the token under <paramref name="tokenName"/>, its lifetime in seconds under <paramref name="lifetimeName"/>.</summary>
    public static GcpAccessToken ReadToken(JsonElement root, string tokenName, string lifetimeName)
    {
        var token = Text(root, tokenName) ?? throw new GcpTokenException("invalid_response", $"the answer has no {tokenName}");
        var seconds = root.TryGetProperty(lifetimeName, out var lifetime) && lifetime.ValueKind == JsonValueKind.Number && lifetime.TryGetInt64(out var value)
            ? value
            : 3600;
        return new GcpAccessToken(token, DateTimeOffset.UtcNow.AddSeconds(seconds));
    }

    public static JsonDocument Parse(byte[] body, int status)
    {
        try
        {
            var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                return json;
            }

            json.Dispose();
        }
        catch (JsonException)
        {
        }

        throw new GcpTokenException(status is >= 200 and < 300 ? "invalid_response" : $"HTTP {status.ToString(CultureInfo.InvariantCulture)}", "the answer is not a JSON object");
    }

    public static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
