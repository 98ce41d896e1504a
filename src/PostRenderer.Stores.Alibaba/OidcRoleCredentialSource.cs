using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// RRSA (RAM Roles for Service Accounts, ESO's <c>auth.rrsa</c>): the pod's OIDC token, read from its file each time
/// because the kubelet rotates it, is exchanged with STS AssumeRoleWithOIDC for temporary credentials of the role,
/// renewed shortly before they expire. AssumeRoleWithOIDC is an anonymous call: the token is the proof. The STS
/// client is the shared store pipeline, so a silent STS endpoint times out and is retried like any store call.
/// </summary>
internal sealed class OidcRoleCredentialSource(HttpClient sts, Uri stsEndpoint, OidcRole role) : IAlibabaCredentialSource
{
    private const int DurationSeconds = 3600;
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);
    private static readonly MediaTypeHeaderValue FormType = new("application/x-www-form-urlencoded");

    private readonly ExpiringCredentials cache = new(RefreshBeforeExpiry);

    public string Description => $"RRSA (role {role.RoleArn}, token file {role.TokenFile})";

    public Task<AlibabaCredentials> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(AssumeAsync, cancellationToken);

    public void Dispose()
    {
        cache.Dispose();
        sts.Dispose();
    }

    private async Task<AlibabaCredentials> AssumeAsync(CancellationToken cancellationToken)
    {
        var token = await ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        // The RPC common parameters in the query, the call's own (the token among them) in the form body, as the
        // Alibaba Cloud credentials libraries send them: a token never appears in a URL that proxies log.
        var query = AcsPercentEncoding.Form(new Dictionary<string, string>
        {
            ["Action"] = "AssumeRoleWithOIDC",
            ["Version"] = "2015-04-01",
            ["Format"] = "JSON",
            ["Timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        var form = AcsPercentEncoding.Form(new Dictionary<string, string>
        {
            ["RoleArn"] = role.RoleArn,
            ["OIDCProviderArn"] = role.ProviderArn,
            ["OIDCToken"] = token,
            ["RoleSessionName"] = role.SessionName,
            ["DurationSeconds"] = DurationSeconds.ToString(CultureInfo.InvariantCulture),
        });
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(form));
        content.Headers.ContentType = FormType;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(stsEndpoint, "/?" + query)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await sts.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            throw Failed($"STS did not answer: {ex.Problem}", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = KmsError.Parse((int)response.StatusCode, body).Without(token);
                throw Failed($"{error}. Check that the role's trust policy names the OIDC provider {role.ProviderArn} and this service account, and that the token file is the one ACK mounts");
            }

            return StsCredentialsAnswer.Parse(body, "AssumeRoleWithOIDC", problem => Failed(problem));
        }
    }

    private async Task<string> ReadTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var token = (await File.ReadAllTextAsync(role.TokenFile, cancellationToken).ConfigureAwait(false)).Trim();
            return token.Length > 0 ? token : throw Failed($"the OIDC token file {role.TokenFile} is empty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failed($"cannot read the OIDC token file {role.TokenFile}: {ex.Message}", ex);
        }
    }

    private StoreException Failed(string problem, Exception? inner = null) =>
        new(AlibabaStore.StoreName, null, $"cannot get credentials through {Description}: {problem}", inner);
}

/// <summary>What RRSA needs: the role, the cluster's OIDC provider, the token file, and a session name for audit logs.</summary>
internal sealed record OidcRole(string RoleArn, string ProviderArn, string TokenFile, string SessionName);
