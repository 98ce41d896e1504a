using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.TestSupport.Gcp;

/// <summary>
/// An in-memory Secret Manager v1 REST API plus an OAuth2 token endpoint, on Kestrel at 127.0.0.1. Tokens
/// are issued only for a JWT assertion signed (RS256) by the trusted service account key; secret calls need
/// an issued bearer token. Secrets have numbered versions, "latest" and create-if-absent semantics.
/// </summary>
internal sealed partial class FakeSecretManager : IAsyncDisposable
{
    public const string Project = "test-project";
    private const string ProjectNumber = "123456789";
    private const int MaxPayloadBytes = 65536;

    // Google's token endpoint expects this audience whatever token_uri says; the library sends it.
    private const string GoogleTokenAudience = "https://oauth2.googleapis.com/token";

    private LoopbackServer server = null!;
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeSecret> secrets = new(StringComparer.Ordinal);
    private readonly HashSet<string> issuedTokens = new(StringComparer.Ordinal);
    private readonly Queue<HttpStatusCode> failures = new();
    private int tokenFailures;
    private int tokenRequests;
    private int secretRequests;
    private int writeRequests;
    private int quotaRejections;

    public Uri Endpoint { get; private set; } = null!;

    public Uri TokenUri => new(Endpoint, "token");

    /// <summary>The public key whose signatures the token endpoint accepts.</summary>
    public RSA? TrustedKey { get; set; }

    public string TrustedClientEmail { get; set; } = ServiceAccountKeyFile.ClientEmail;

    /// <summary>Delays each Secret Manager response (not the token endpoint's).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Secret Manager answers (not the token endpoint's) send their headers and a first byte, then nothing.</summary>
    public bool StallBodies { get; set; }

    /// <summary>Delays each token endpoint response.</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>Retry-After sent with injected 429s.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Until then every Secret Manager call is answered 429 RESOURCE_EXHAUSTED as GCP answers an exhausted per-minute
    /// quota: no Retry-After header, an ErrorInfo and a Help detail, and a RetryInfo only when
    /// <see cref="QuotaRetryDelay"/> is set.
    /// </summary>
    public DateTimeOffset QuotaExhaustedUntil { get; set; }

    /// <summary>The google.rpc.RetryInfo delay sent with quota errors ("2s", "1.500s"); null sends none.</summary>
    public string? QuotaRetryDelay { get; set; }

    /// <summary>Secret Manager calls answered with a quota error.</summary>
    public int QuotaRejections => Volatile.Read(ref quotaRejections);

    /// <summary>Answer Secret Manager calls with PERMISSION_DENIED.</summary>
    public bool DenyPermission { get; set; }

    /// <summary>Treat every bearer token as invalid (revoked or expired).</summary>
    public bool RejectBearerTokens { get; set; }

    /// <summary>Runs inside the fake before it applies an addVersion; lets a test interleave a concurrent writer.</summary>
    public Action<string>? BeforeAddVersion { get; set; }

    /// <summary>The last assertion's header and claims, for diagnosing a rejected token request.</summary>
    public string? LastAssertion { get; private set; }

    public int TokenRequests => Volatile.Read(ref tokenRequests);

    /// <summary>gcloud's login the token endpoint accepts (grant_type=refresh_token).</summary>
    public const string UserClientId = "764086051850-fake.apps.googleusercontent.com";
    public const string UserClientSecret = "d-FL95Q19q7MQmFpd7hHD0Ty";
    public const string UserRefreshToken = "1//fake-refresh-token";

    /// <summary>The subject token the Security Token Service accepts from an external identity provider.</summary>
    public const string SubjectToken = "eyJ.fake-oidc-subject.token";
    public const string WorkloadAudience = "//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/pool/providers/provider";

    public Uri StsUri => new(Endpoint, "sts/v1/token");

    /// <summary>IAM Credentials' generateAccessToken for <paramref name="account"/>.</summary>
    public Uri ImpersonationUri(string account) => new(Endpoint, $"iam/v1/projects/-/serviceAccounts/{account}:generateAccessToken");

    /// <summary>Federated tokens from the Security Token Service: good for impersonation only, not for Secret Manager.</summary>
    private readonly HashSet<string> federatedTokens = new(StringComparer.Ordinal);

    public int Impersonations { get; private set; }

    /// <summary>The x-goog-user-project header of the last Secret Manager call.</summary>
    public string? LastUserProject { get; private set; }

    public int SecretRequests => Volatile.Read(ref secretRequests);

    /// <summary>Secret Manager requests that would write (create a secret, add a version), answered or not.</summary>
    public int WriteRequests => Volatile.Read(ref writeRequests);

    public List<string> ProjectsSeen { get; } = [];

    public static async Task<FakeSecretManager> StartAsync()
    {
        var fake = new FakeSecretManager();
        fake.server = await LoopbackServer.StartAsync(fake.HandleAsync);
        fake.Endpoint = fake.server.Address;
        return fake;
    }

    /// <summary>Fail the next <paramref name="count"/> Secret Manager calls with <paramref name="status"/>.</summary>
    public void FailNext(int count, HttpStatusCode status)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                failures.Enqueue(status);
            }
        }
    }

    /// <summary>An access token the fake accepts, as another token endpoint (the metadata server's) would issue it.</summary>
    public string IssueToken()
    {
        var token = "ya29.fake-" + Guid.NewGuid().ToString("N");
        lock (gate)
        {
            issuedTokens.Add(token);
        }

        return token;
    }

    /// <summary>Fail the next <paramref name="count"/> token requests with HTTP 500.</summary>
    public void FailNextTokenRequests(int count) => Volatile.Write(ref tokenFailures, count);

    /// <summary>Adds a version with raw bytes, as another tool (or a concurrent writer) would.</summary>
    public void AddVersion(string secret, byte[] data)
    {
        lock (gate)
        {
            Secret(secret).Versions.Add(new FakeVersion(data));
        }
    }

    public void AddVersion(string secret, string text) => AddVersion(secret, Encoding.UTF8.GetBytes(text));

    public void CreateSecret(string secret)
    {
        lock (gate)
        {
            Secret(secret);
        }
    }

    public int VersionCount(string secret)
    {
        lock (gate)
        {
            return secrets.TryGetValue(secret, out var found) ? found.Versions.Count : 0;
        }
    }

    public string? Replication(string secret)
    {
        lock (gate)
        {
            return secrets.TryGetValue(secret, out var found) ? found.Replication : null;
        }
    }

    public string? LatestText(string secret)
    {
        lock (gate)
        {
            return secrets.TryGetValue(secret, out var found) && found.Versions.Count > 0 ? Encoding.UTF8.GetString(found.Versions[^1].Data) : null;
        }
    }

    public JsonObject? LatestJson(string secret)
    {
        lock (gate)
        {
            return secrets.TryGetValue(secret, out var found) && found.Versions.Count > 0
                ? JsonNode.Parse(found.Versions[^1].Data)!.AsObject()
                : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
    }

    private FakeSecret Secret(string name)
    {
        if (!secrets.TryGetValue(name, out var secret))
        {
            secret = new FakeSecret("{\"automatic\":{}}");
            secrets[name] = secret;
        }

        return secret;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/token" && HttpMethods.IsPost(context.Request.Method))
        {
            Interlocked.Increment(ref tokenRequests);
            if (!await DelayAsync(TokenDelay, context))
            {
                return;
            }

            if (Interlocked.Decrement(ref tokenFailures) >= 0)
            {
                await JsonAsync(context, new JsonObject { ["error"] = "internal_failure" }, status: 500);
                return;
            }

            await IssueTokenAsync(context);
            return;
        }

        if (path == "/sts/v1/token" && HttpMethods.IsPost(context.Request.Method))
        {
            Interlocked.Increment(ref tokenRequests);
            await ExchangeTokenAsync(context);
            return;
        }

        if (path.StartsWith("/iam/v1/projects/-/serviceAccounts/", StringComparison.Ordinal) && path.EndsWith(":generateAccessToken", StringComparison.Ordinal))
        {
            await ImpersonateAsync(context);
            return;
        }

        Interlocked.Increment(ref secretRequests);
        if (HttpMethods.IsPost(context.Request.Method))
        {
            Interlocked.Increment(ref writeRequests);
        }

        if (!await DelayAsync(Delay, context))
        {
            return;
        }

        if (await InjectFailureAsync(context) || await CheckBearerAsync(context) || await RejectOverQuotaAsync(context))
        {
            return;
        }

        if (StallBodies)
        {
            await StalledAnswer.SendAsync(context.Response, "{");
            return;
        }

        await RouteAsync(context, path);
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, HttpContext context)
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        var secretsCollection = SecretsPath().Match(path);
        var addVersion = AddVersionPath().Match(path);
        var access = AccessPath().Match(path);
        var project = (secretsCollection.Success ? secretsCollection : addVersion.Success ? addVersion : access).Groups["project"].Value;
        lock (gate)
        {
            ProjectsSeen.Add(project);
        }

        if (project.Length > 0 && project != Project)
        {
            await ErrorAsync(context, 403, "PERMISSION_DENIED", $"Permission denied on resource project {project}.");
        }
        else if (DenyPermission)
        {
            await ErrorAsync(context, 403, "PERMISSION_DENIED", $"Permission 'secretmanager.versions.access' denied for resource '{path}' (or it may not exist).");
        }
        else if (secretsCollection.Success && HttpMethods.IsPost(context.Request.Method))
        {
            await CreateSecretAsync(context);
        }
        else if (addVersion.Success && HttpMethods.IsPost(context.Request.Method))
        {
            await AddVersionAsync(context, addVersion.Groups["secret"].Value);
        }
        else if (access.Success && HttpMethods.IsGet(context.Request.Method))
        {
            await AccessAsync(context, access.Groups["secret"].Value, access.Groups["version"].Value);
        }
        else
        {
            await ErrorAsync(context, 404, "NOT_FOUND", $"Method not found: {context.Request.Method} {path}");
        }
    }

    private async Task<bool> InjectFailureAsync(HttpContext context)
    {
        HttpStatusCode status;
        lock (gate)
        {
            if (!failures.TryDequeue(out status))
            {
                return false;
            }
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorAsync(context, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Access requests'.");
        }
        else
        {
            await ErrorAsync(context, (int)status, "INTERNAL", "Internal error encountered.");
        }

        return true;
    }

    private async Task<bool> RejectOverQuotaAsync(HttpContext context)
    {
        if (DateTimeOffset.UtcNow >= QuotaExhaustedUntil)
        {
            return false;
        }

        Interlocked.Increment(ref quotaRejections);
        var details = new JsonArray
        {
            new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                ["reason"] = "RATE_LIMIT_EXCEEDED",
                ["domain"] = "googleapis.com",
                ["metadata"] = new JsonObject
                {
                    ["quota_metric"] = "secretmanager.googleapis.com/write_requests",
                    ["quota_limit"] = "WriteRequestsPerMinutePerProject",
                    ["service"] = "secretmanager.googleapis.com",
                    ["consumer"] = $"projects/{ProjectNumber}",
                },
            },
            new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.Help",
                ["links"] = new JsonArray { new JsonObject { ["description"] = "Request a higher quota limit.", ["url"] = "https://cloud.google.com/docs/quota#requesting_higher_quota" } },
            },
        };
        if (QuotaRetryDelay is { } delay)
        {
            details.Add(new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = delay });
        }

        await JsonAsync(context, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = 429,
                ["message"] = "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per project' of service "
                    + $"'secretmanager.googleapis.com' for consumer 'project_number:{ProjectNumber}'.",
                ["status"] = "RESOURCE_EXHAUSTED",
                ["details"] = details,
            },
        }, 429);
        return true;
    }

    private async Task<bool> CheckBearerAsync(HttpContext context)
    {
        LastUserProject = context.Request.Headers["x-goog-user-project"].FirstOrDefault();
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        bool valid;
        lock (gate)
        {
            valid = token is not null && issuedTokens.Contains(token) && !RejectBearerTokens;
        }

        if (!valid)
        {
            await ErrorAsync(context, 401, "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        }

        return !valid;
    }

    private async Task CreateSecretAsync(HttpContext context)
    {
        var secretId = context.Request.Query["secretId"].ToString();
        if (!SecretId().IsMatch(secretId))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Secret id contains illegal characters.");
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body);
        var replication = body?["replication"];
        var valid = replication?["automatic"] is JsonObject
            || replication?["userManaged"]?["replicas"] is JsonArray { Count: > 0 } replicas && replicas.All(r => r?["location"] is JsonValue);
        if (!valid)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Secret.replication is required.");
            return;
        }

        lock (gate)
        {
            if (secrets.ContainsKey(secretId))
            {
                context.Response.StatusCode = 409;
            }
            else
            {
                secrets[secretId] = new FakeSecret(replication!.ToJsonString());
            }
        }

        if (context.Response.StatusCode == 409)
        {
            await ErrorAsync(context, 409, "ALREADY_EXISTS", $"Secret [projects/{ProjectNumber}/secrets/{secretId}] already exists.");
            return;
        }

        await JsonAsync(context, new JsonObject
        {
            ["name"] = $"projects/{ProjectNumber}/secrets/{secretId}",
            ["replication"] = JsonNode.Parse(replication!.ToJsonString()),
            ["createTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["etag"] = "\"1\"",
        });
    }

    private async Task AddVersionAsync(HttpContext context, string secret)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var data = body?["payload"]?["data"]?.GetValue<string>();
        if (data is null)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Payload is required.");
            return;
        }

        var bytes = Convert.FromBase64String(data);
        var checksum = body!["payload"]?["dataCrc32c"]?.GetValue<string>();
        if (checksum is not null && checksum != Crc32C.Compute(bytes).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Checksum mismatch.");
            return;
        }

        if (bytes.Length > MaxPayloadBytes)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Secret payload data length must be at most 65536 bytes.");
            return;
        }

        BeforeAddVersion?.Invoke(secret);
        int number;
        lock (gate)
        {
            if (!secrets.TryGetValue(secret, out var found))
            {
                number = 0;
            }
            else
            {
                found.Versions.Add(new FakeVersion(bytes));
                number = found.Versions.Count;
            }
        }

        if (number == 0)
        {
            await ErrorAsync(context, 404, "NOT_FOUND", $"Secret [projects/{ProjectNumber}/secrets/{secret}] not found.");
            return;
        }

        await JsonAsync(context, new JsonObject
        {
            ["name"] = $"projects/{ProjectNumber}/secrets/{secret}/versions/{number}",
            ["createTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["state"] = "ENABLED",
            ["etag"] = "\"1\"",
            ["clientSpecifiedPayloadChecksum"] = checksum is not null,
        });
    }

    private async Task AccessAsync(HttpContext context, string secret, string version)
    {
        FakeVersion? found = null;
        var number = 0;
        lock (gate)
        {
            if (secrets.TryGetValue(secret, out var existing) && existing.Versions.Count > 0)
            {
                number = version == "latest" ? existing.Versions.Count : int.TryParse(version, out var n) ? n : 0;
                found = number >= 1 && number <= existing.Versions.Count ? existing.Versions[number - 1] : null;
            }
        }

        if (found is null)
        {
            await ErrorAsync(context, 404, "NOT_FOUND", $"Secret Version [projects/{ProjectNumber}/secrets/{secret}/versions/{version}] not found.");
            return;
        }

        await JsonAsync(context, new JsonObject
        {
            ["name"] = $"projects/{ProjectNumber}/secrets/{secret}/versions/{number}",
            ["payload"] = new JsonObject
            {
                ["data"] = Convert.ToBase64String(found.Data),
                ["dataCrc32c"] = Crc32C.Compute(found.Data).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
    }

    private async Task ExchangeTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:token-exchange" || form["subject_token"] != SubjectToken
            || form["audience"] != WorkloadAudience || form["scope"] != "https://www.googleapis.com/auth/cloud-platform"
            || form["requested_token_type"] != "urn:ietf:params:oauth:token-type:access_token")
        {
            await JsonAsync(context, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "The subject token is invalid." }, status: 400);
            return;
        }

        var token = "ya29.federated-" + Guid.NewGuid().ToString("N");
        lock (gate)
        {
            federatedTokens.Add(token);
            issuedTokens.Add(token);
        }

        await JsonAsync(context, new JsonObject { ["access_token"] = token, ["expires_in"] = 3599, ["token_type"] = "Bearer", ["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token" });
    }

    private async Task ImpersonateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var body = await JsonNode.ParseAsync(context.Request.Body);
        bool federated;
        lock (gate)
        {
            federated = header.StartsWith("Bearer ", StringComparison.Ordinal) && federatedTokens.Contains(header["Bearer ".Length..]);
        }

        if (!federated || body?["scope"]?[0]?.GetValue<string>() != "https://www.googleapis.com/auth/cloud-platform")
        {
            await ErrorAsync(context, 403, "PERMISSION_DENIED", "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).");
            return;
        }

        var token = IssueToken();
        lock (gate)
        {
            Impersonations++;
        }

        await JsonAsync(context, new JsonObject { ["accessToken"] = token, ["expireTime"] = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) });
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] == "refresh_token" && form["client_id"] == UserClientId && form["client_secret"] == UserClientSecret && form["refresh_token"] == UserRefreshToken)
        {
            await JsonAsync(context, new JsonObject { ["access_token"] = IssueToken(), ["expires_in"] = 3599, ["token_type"] = "Bearer", ["scope"] = "https://www.googleapis.com/auth/cloud-platform" });
            return;
        }

        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || !IsTrustedAssertion(form["assertion"].ToString()))
        {
            context.Response.StatusCode = 400;
            await JsonAsync(context, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "Invalid JWT Signature." }, status: 400);
            return;
        }

        var token = "ya29.fake-" + Guid.NewGuid().ToString("N");
        lock (gate)
        {
            issuedTokens.Add(token);
        }

        await JsonAsync(context, new JsonObject { ["access_token"] = token, ["expires_in"] = 3599, ["token_type"] = "Bearer" });
    }

    private bool IsTrustedAssertion(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3 || TrustedKey is null)
        {
            return false;
        }

        var header = JsonNode.Parse(Base64Url(parts[0]));
        var claims = JsonNode.Parse(Base64Url(parts[1]));
        var signed = TrustedKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        LastAssertion = $"{header?.ToJsonString()} {claims?.ToJsonString()} signed={signed}";
        return signed
            && header?["alg"]?.GetValue<string>() == "RS256"
            && claims?["iss"]?.GetValue<string>() == TrustedClientEmail
            && (claims?["aud"]?.GetValue<string>() == GoogleTokenAudience || claims?["aud"]?.GetValue<string>() == TokenUri.ToString())
            && (claims?["scope"]?.GetValue<string>() ?? "").Split(' ').Contains("https://www.googleapis.com/auth/cloud-platform")
            && claims?["exp"]?.GetValue<long>() > DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private static Task ErrorAsync(HttpContext context, int code, string status, string message) =>
        JsonAsync(context, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status } }, code);

    private static async Task JsonAsync(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex("^/v1/projects/(?<project>[^/]+)/secrets$")]
    private static partial Regex SecretsPath();

    [GeneratedRegex("^/v1/projects/(?<project>[^/]+)/secrets/(?<secret>[^/:]+):addVersion$")]
    private static partial Regex AddVersionPath();

    [GeneratedRegex("^/v1/projects/(?<project>[^/]+)/secrets/(?<secret>[^/:]+)/versions/(?<version>[^/:]+):access$")]
    private static partial Regex AccessPath();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex SecretId();

    private sealed record FakeVersion(byte[] Data);

    private sealed record FakeSecret(string Replication)
    {
        public List<FakeVersion> Versions { get; } = [];
    }
}
