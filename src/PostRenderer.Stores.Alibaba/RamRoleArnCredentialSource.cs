using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// A RAM role assumed with other credentials (the CLI's RamRoleArn and ChainableRamRoleArn modes): STS AssumeRole,
/// signed with the base credentials (ACS3-HMAC-SHA256, like every call here), gives the role's temporary
/// credentials, fetched again 5 minutes before they expire. The STS client is the store's signed pipeline, so a
/// silent STS times out and is retried like any store call.
/// </summary>
internal sealed class RamRoleArnCredentialSource(HttpClient signedSts, Uri stsEndpoint, IAlibabaCredentialSource baseCredentials, RamRole role) : IAlibabaCredentialSource
{
    private const string StsVersion = "2015-04-01";
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);
    private static readonly MediaTypeHeaderValue FormType = new("application/x-www-form-urlencoded");
    private static readonly MediaTypeWithQualityHeaderValue JsonType = new("application/json");

    private readonly ExpiringCredentials cache = new(RefreshBeforeExpiry);

    public string Description => $"role {role.RoleArn} assumed with {baseCredentials.Description}";

    public Task<AlibabaCredentials> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(AssumeAsync, cancellationToken);

    public void Dispose()
    {
        cache.Dispose();
        signedSts.Dispose();
        baseCredentials.Dispose();
    }

    private async Task<AlibabaCredentials> AssumeAsync(CancellationToken cancellationToken)
    {
        var signer = await baseCredentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, string>
        {
            ["RoleArn"] = role.RoleArn,
            ["RoleSessionName"] = role.SessionName,
            ["DurationSeconds"] = role.DurationSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (role.ExternalId is { } externalId)
        {
            parameters["ExternalId"] = externalId;
        }

        if (role.Policy is { } policy)
        {
            parameters["Policy"] = policy;
        }

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(AcsPercentEncoding.Form(parameters)));
        content.Headers.ContentType = FormType;
        using var request = new HttpRequestMessage(HttpMethod.Post, stsEndpoint) { Content = content };
        request.Headers.Accept.Add(JsonType);
        request.Options.Set(AcsSigningHandler.CallKey, new AcsCall("AssumeRole", StsVersion, signer));
        HttpResponseMessage response;
        try
        {
            response = await signedSts.SendAsync(request, cancellationToken).ConfigureAwait(false);
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
                var error = KmsError.Parse((int)response.StatusCode, body).Without(signer.AccessKeySecret);
                throw Failed($"{error}. Check that the role's trust policy lets {baseCredentials.Description} assume it, and that it may call sts:AssumeRole");
            }

            return StsCredentialsAnswer.Parse(body, "AssumeRole", problem => Failed(problem));
        }
    }

    private StoreException Failed(string problem, Exception? inner = null) =>
        new(AlibabaStore.StoreName, null, $"cannot get credentials through {Description}: {problem}", inner);
}

/// <summary>What AssumeRole needs: the role, a session name for audit logs, the lifetime, and the optional external id and policy.</summary>
internal sealed record RamRole(string RoleArn, string SessionName, int DurationSeconds, string? ExternalId, string? Policy);
