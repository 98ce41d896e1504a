using System.Text.Json;

namespace PostRenderer.Stores.Gcp;

/// <summary>
/// gcloud's application default login ("type": "authorized_user"): its refresh token is exchanged at Google's
/// token endpoint for an access token. Its quota_project_id, when set, is the project billed for the calls.
/// </summary>
internal sealed class GcpAuthorizedUserCredential(string clientId, string clientSecret, string refreshToken, Uri tokenUri, string? quotaProject) : GcpCredential
{
    private const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    public static GcpAuthorizedUserCredential FromJson(JsonElement root)
    {
        string Required(string name) => GcpTokenEndpoint.Text(root, name) ?? throw new FormatException($"no {name}");
        var uri = GcpTokenEndpoint.Text(root, "token_uri") ?? DefaultTokenUri;
        return Uri.TryCreate(uri, UriKind.Absolute, out var tokenUri)
            ? new GcpAuthorizedUserCredential(Required("client_id"), Required("client_secret"), Required("refresh_token"), tokenUri, GcpTokenEndpoint.Text(root, "quota_project_id"))
            : throw new FormatException("token_uri is not a URL");
    }

    public override async Task<GcpAccessToken> RequestTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var token = await GcpTokenEndpoint.PostFormAsync(http, tokenUri,
        [
            new("grant_type", "refresh_token"),
            new("client_id", clientId),
            new("client_secret", clientSecret),
            new("refresh_token", refreshToken),
        ], cancellationToken).ConfigureAwait(false);
        return token with { QuotaProject = quotaProject };
    }
}
