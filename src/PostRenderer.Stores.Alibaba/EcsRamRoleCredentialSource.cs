using System.Globalization;
using System.Net;
using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The RAM role attached to the ECS instance, whose temporary credentials the instance metadata service hands out,
/// asked as Alibaba Cloud's credential libraries ask it: a session token first (<c>PUT /latest/api/token</c>, the
/// hardened mode, sent back in <c>X-aliyun-ecs-metadata-token</c>), the role's name from
/// <c>/latest/meta-data/ram/security-credentials/</c> unless given, then that role's credentials. They are kept and
/// fetched again 15 minutes before they expire. Every request goes through the store's HTTP policy (deadline per try,
/// bounded retries).
/// </summary>
internal sealed class EcsRamRoleCredentialSource : IAlibabaCredentialSource
{
    private const string TokenPath = "latest/api/token";
    private const string CredentialsPath = "latest/meta-data/ram/security-credentials/";
    private const string TokenHeader = "X-aliyun-ecs-metadata-token";
    private const string TokenTtlHeader = "X-aliyun-ecs-metadata-token-ttl-seconds";
    private const string TokenTtlSeconds = "21600";
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(15);

    private readonly HttpClient http;
    private readonly EcsMetadataServer server;
    private readonly string? configuredRole;
    private readonly Func<string, Exception>? notFound;
    private readonly ExpiringCredentials cache = new(RefreshBeforeExpiry);
    private bool answered;

    /// <param name="notFound">
    /// For the chain's last resort (no role named anywhere): how to report a metadata service that never answered,
    /// given why; it is then not a store failure but "no credentials found".
    /// </param>
    public EcsRamRoleCredentialSource(HttpClient http, EcsMetadataServer server, string? roleName, Func<string, Exception>? notFound = null)
    {
        this.http = http;
        this.server = server;
        configuredRole = string.IsNullOrWhiteSpace(roleName) ? null : roleName.Trim();
        this.notFound = notFound;
    }

    public string Description => $"the ECS RAM role {(configuredRole is null ? "attached to this instance" : configuredRole)} (metadata service at {server.Address})";

    public Task<AlibabaCredentials> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(FetchAsync, cancellationToken);

    public void Dispose()
    {
        cache.Dispose();
        http.Dispose();
    }

    private async Task<AlibabaCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        var role = configuredRole ?? await DiscoverRoleAsync(token, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Get, CredentialsPath + Uri.EscapeDataString(role), token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw Failed($"the metadata service knows no RAM role {role} on this instance (HTTP 404); attach it to the instance, or name the attached one in {EcsMetadataServer.RoleNameVariable}");
        }

        if (!response.IsSuccessStatusCode)
        {
            // Not the body: a misbehaving proxy could echo anything.
            throw Failed($"the metadata service answered HTTP {(int)response.StatusCode} for the credentials of role {role}");
        }

        return Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), role);
    }

    /// <summary>
    /// The session token, or null to ask without one when the service answered that it has none and the hardened
    /// mode is not required (ALIBABA_CLOUD_IMDSV1_DISABLED). A service that did not answer at all is not asked again
    /// without a token, as the SDKs do: that would only double the wait for a server that is not there.
    /// </summary>
    private async Task<string?> TokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Address, TokenPath));
        request.Headers.TryAddWithoutValidation(TokenTtlHeader, TokenTtlSeconds);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var token = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            return token.Length > 0 ? token : throw Failed("the metadata service answered an empty session token");
        }

        return server.ImdsV1Disabled
            ? throw Failed($"the metadata service refused a session token (HTTP {(int)response.StatusCode}) and {EcsMetadataServer.ImdsV1DisabledVariable} forbids asking without one")
            : null;
    }

    private async Task<string> DiscoverRoleAsync(string? token, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, CredentialsPath, token, cancellationToken).ConfigureAwait(false);
        var body = response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim() : "";
        var role = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return role ?? throw Failed(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound
            ? "no RAM role is attached to this instance; attach one, or use another source of credentials"
            : $"the metadata service answered HTTP {(int)response.StatusCode} when asked for the instance's RAM role");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(server.Address, path));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, token);
        }

        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            answered = true;
            return response;
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            var problem = $"the metadata service did not answer: {ex.Problem}";
            throw answered || notFound is null ? Failed(problem, ex) : notFound(problem);
        }
    }

    private AlibabaCredentials Parse(byte[] body, string role)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.GetProperty("Code").GetString() is not "Success")
            {
                throw Failed($"the metadata service did not give the credentials of role {role} (its Code is not Success); check the role's state in RAM");
            }

            return new AlibabaCredentials(
                root.GetProperty("AccessKeyId").GetString()!,
                root.GetProperty("AccessKeySecret").GetString()!,
                root.GetProperty("SecurityToken").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("Expiration").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            // Not chained: the parser's message could quote the answer, which holds a secret.
            throw Failed($"the metadata service answered for role {role} without usable credentials (AccessKeyId, AccessKeySecret, SecurityToken, Expiration)");
        }
    }

    private StoreException Failed(string problem, Exception? inner = null) =>
        new(AlibabaStore.StoreName, null, $"cannot get credentials through {Description}: {problem}", inner);
}
