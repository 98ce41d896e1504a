using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// Workload identity federation ("type": "external_account"): a token from another identity provider (a file, such
/// as a Kubernetes projected token, or a URL, such as Azure's instance metadata) is exchanged at Google's Security
/// Token Service for a federated access token (RFC 8693), which, when the file names a service account to
/// impersonate, is exchanged once more for that account's token. Executable- and AWS-sourced credentials are not
/// supported: the file is refused with a message saying so.
/// </summary>
internal sealed class GcpExternalAccountCredential : GcpCredential
{
    private readonly string audience;
    private readonly string subjectTokenType;
    private readonly Uri tokenUrl;
    private readonly Uri? impersonationUrl;
    private readonly GcpSubjectTokenSource subjectToken;
    private readonly AuthenticationHeaderValue? clientAuthentication;
    private readonly string? userProject;

    private GcpExternalAccountCredential(JsonElement root)
    {
        string Required(string name) => GcpTokenEndpoint.Text(root, name) ?? throw new FormatException($"no {name}");
        audience = Required("audience");
        subjectTokenType = Required("subject_token_type");
        tokenUrl = Url(Required("token_url"), "token_url");
        impersonationUrl = GcpTokenEndpoint.Text(root, "service_account_impersonation_url") is { } impersonation ? Url(impersonation, "service_account_impersonation_url") : null;
        subjectToken = root.TryGetProperty("credential_source", out var source) && source.ValueKind == JsonValueKind.Object
            ? GcpSubjectTokenSource.FromJson(source)
            : throw new FormatException("no credential_source");
        if (GcpTokenEndpoint.Text(root, "client_id") is { } clientId)
        {
            var secret = GcpTokenEndpoint.Text(root, "client_secret") ?? "";
            clientAuthentication = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        }

        userProject = GcpTokenEndpoint.Text(root, "workforce_pool_user_project");
    }

    public static GcpExternalAccountCredential FromJson(JsonElement root) => new(root);

    public override async Task<GcpAccessToken> RequestTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var subject = await subjectToken.ReadAsync(http, cancellationToken).ConfigureAwait(false);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            new("audience", audience),
            new("scope", GcpTokenEndpoint.Scope),
            new("requested_token_type", "urn:ietf:params:oauth:token-type:access_token"),
            new("subject_token", subject),
            new("subject_token_type", subjectTokenType),
        };
        if (userProject is not null && clientAuthentication is null)
        {
            form.Add(new("options", $"{{\"userProject\":\"{JsonEncodedText.Encode(userProject)}\"}}"));
        }

        var federated = await GcpTokenEndpoint.PostFormAsync(http, tokenUrl, form, cancellationToken, clientAuthentication).ConfigureAwait(false);
        return impersonationUrl is null ? federated : await ImpersonateAsync(http, impersonationUrl, federated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>IAM Credentials' generateAccessToken: the federated identity asks for the service account's token.</summary>
    private static async Task<GcpAccessToken> ImpersonateAsync(HttpClient http, Uri url, GcpAccessToken federated, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent($"{{\"scope\":[\"{GcpTokenEndpoint.Scope}\"],\"lifetime\":\"3600s\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", federated.Value);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var json = GcpTokenEndpoint.Parse(body, (int)response.StatusCode);
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode)
        {
            // IAM's errors are Google API errors: {"error": {"status": "PERMISSION_DENIED", "message": "..."}}.
            var error = root.TryGetProperty("error", out var detail) && detail.ValueKind == JsonValueKind.Object ? detail : default;
            throw new GcpTokenException(
                GcpTokenEndpoint.Text(error, "status") ?? $"HTTP {(int)response.StatusCode}",
                $"impersonating the service account: {GcpTokenEndpoint.Text(error, "message") ?? "no message"}");
        }

        var token = GcpTokenEndpoint.Text(root, "accessToken") ?? throw new GcpTokenException("invalid_response", "the impersonation answer has no accessToken");
        var expires = GcpTokenEndpoint.Text(root, "expireTime") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.UtcNow.AddHours(1);
        return new GcpAccessToken(token, expires);
    }

    private static Uri Url(string text, string name) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new FormatException($"{name} is not an http(s) URL");
}
