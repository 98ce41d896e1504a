using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace PostRenderer.Stores.TestSupport.Alibaba;

/// <summary>
/// Alibaba Cloud KMS (2016-01-20) and STS AssumeRoleWithOIDC over real HTTP, answering as the services document:
/// RPC parameters from the query and the form body, JSON answers, errors as <c>{"RequestId", "HostId", "Code",
/// "Message"}</c>. Every KMS call's ACS3-HMAC-SHA256 signature is verified by <see cref="AcsSignatureCheck"/>, and a
/// nonce seen before is refused. Secrets keep versions with stages: a new version takes ACSCurrent and the one it
/// replaces ACSPrevious; PutSecretValue repeating a version's id and value succeeds without a new version.
/// </summary>
public sealed class FakeAlibabaKms : IAsyncDisposable
{
    public const string ApiVersion = "2016-01-20";
    public const string RoleArn = "acs:ram::1234567890:role/seeder";
    public const string ProviderArn = "acs:ram::1234567890:oidc-provider/ack-rrsa-c1";

    /// <summary>The role STS AssumeRole lets any known AccessKey assume.</summary>
    public const string AssumableRoleArn = "acs:ram::1234567890:role/kms-writer";

    private const string StsApiVersion = "2015-04-01";

    private readonly LoopbackServer server;
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeSecret> secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Secret, string? Token)> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> nonces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> queries = new();
    private int failures;
    private int issued;

    private FakeAlibabaKms(LoopbackServer server) => this.server = server;

    public Uri Endpoint => server.Address;

    /// <summary>The OIDC token AssumeRoleWithOIDC accepts.</summary>
    public string OidcToken { get; set; } = "oidc-token-of-the-service-account";

    public HttpStatusCode FailureStatus { get; private set; } = HttpStatusCode.ServiceUnavailable;

    /// <summary>Versions a secret keeps; the oldest is dropped beyond that.</summary>
    public int MaxVersions { get; set; } = 10;

    /// <summary>Delay before answering (headers included).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Send the headers and part of the body, then stall.</summary>
    public bool StallAfterHeaders { get; set; }

    /// <summary>Answer every KMS call with 400 Throttling.User.</summary>
    public bool Throttle { get; set; }

    /// <summary>Answer every KMS call with KMS's own 429 Rejected.Throttling.</summary>
    public bool RejectForQps { get; set; }

    /// <summary>Answer every KMS call with 403 Forbidden.RAM.</summary>
    public bool DenyPermission { get; set; }

    /// <summary>Runs before a PutSecretValue is applied (a concurrent writer's rotation lands here).</summary>
    public Action<string>? BeforePut { get; set; }

    /// <summary>Runs with the secret's name after a ListSecretVersionIds answer is made and before it is sent.</summary>
    public Action<string>? AfterList { get; set; }

    /// <summary>
    /// Awaited with the signing AccessKey's id before a PutSecretValue is applied, and with its id again after it is
    /// applied and before it is answered: a test holds writers' puts and lets them through in the order it chooses.
    /// </summary>
    public Func<string, Task>? BeforePutAsync { get; set; }

    /// <inheritdoc cref="BeforePutAsync"/>
    public Func<string, Task>? AfterPutAsync { get; set; }

    /// <summary>Runs after a CreateSecret or PutSecretValue is applied (an answer lost after the commit).</summary>
    public Func<string, HttpStatusCode?>? AfterWrite { get; set; }

    /// <summary>Query strings of every request, to show no value ever travels in a URL.</summary>
    public IReadOnlyCollection<string> Queries => queries;

    public int StsCalls => Calls("AssumeRoleWithOIDC");

    public static async Task<FakeAlibabaKms> StartAsync()
    {
        FakeAlibabaKms? fake = null;
        var server = await LoopbackServer.StartAsync(context => fake!.HandleAsync(context));
        fake = new FakeAlibabaKms(server);
        return fake;
    }

    /// <summary>Makes an AccessKey (with a security token, for temporary credentials) known to the fake.</summary>
    public void AddAccessKey(string id, string secret, string? token = null) => keys[id] = (secret, token);

    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        FailureStatus = status;
        Volatile.Write(ref failures, count);
    }

    public int Calls(string action) => calls.GetValueOrDefault(action);

    /// <summary>Another writer's version, made ACSCurrent; returns its VersionId.</summary>
    public string Seed(string name, string secretData, string dataType = "text")
    {
        lock (gate)
        {
            if (!secrets.TryGetValue(name, out var secret))
            {
                secrets[name] = secret = new FakeSecret();
            }

            var versionId = "seed-" + Guid.NewGuid().ToString("N");
            AddVersion(secret, versionId, secretData, dataType);
            return versionId;
        }
    }

    /// <summary>Removes one version, as KMS drops a version that lost its last stage once the secret has too many.</summary>
    public void DropVersion(string name, string versionId)
    {
        lock (gate)
        {
            secrets[name].Versions.RemoveAll(version => version.Id == versionId);
        }
    }

    public void ScheduleDeletion(string name)
    {
        lock (gate)
        {
            secrets[name].PlannedDeleteTime = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }

    public int VersionCount(string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var secret) ? secret.Versions.Count : 0;
        }
    }

    /// <summary>The ACSCurrent version's SecretData; null when the secret does not exist.</summary>
    public string? Current(string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var secret) ? secret.WithStage("ACSCurrent")?.Data : null;
        }
    }

    public IReadOnlyDictionary<string, string>? CurrentProperties(string name) =>
        Current(name) is { } data
            ? JsonNode.Parse(data)!.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal)
            : null;

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        queries.Enqueue(context.Request.QueryString.Value ?? "");
        var parameters = Parameters(context.Request, body);
        var action = context.Request.Headers["x-acs-action"].ToString() is { Length: > 0 } header ? header : parameters.GetValueOrDefault("Action", "");
        calls.AddOrUpdate(action, 1, (_, count) => count + 1);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (StallAfterHeaders)
        {
            await StalledAnswer.SendAsync(context.Response, "{\"RequestId\":");
            return;
        }

        // The signing AccessKey names the writer a test holds; the signature itself is checked by Kms.
        var signer = AcsSignatureCheck.AuthorizationFields(context.Request)?.GetValueOrDefault("Credential") ?? "";
        if (action == "PutSecretValue" && BeforePutAsync is { } before)
        {
            await before(signer);
        }

        var (status, answer) = action == "AssumeRoleWithOIDC" ? AssumeRole(parameters) : Kms(context.Request, body, action, parameters);
        if (action == "ListSecretVersionIds")
        {
            AfterList?.Invoke(parameters.GetValueOrDefault("SecretName", ""));
        }

        if (action == "PutSecretValue" && AfterPutAsync is { } after)
        {
            await after(signer);
        }

        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(ToJson(answer)!.ToJsonString());
    }

    private (HttpStatusCode, object) Kms(HttpRequest request, byte[] body, string action, Dictionary<string, string> parameters)
    {
        if (AcsSignatureCheck.Verify(request, body, id => keys.TryGetValue(id, out var key) ? key.Secret : null, out var keyId) is { } refused)
        {
            return Error(refused.Code == "InvalidAccessKeyId.NotFound" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, refused.Code, refused.Message);
        }

        if (keys[keyId!].Token is { } token && request.Headers["x-acs-security-token"].ToString() != token)
        {
            return Error(HttpStatusCode.BadRequest, "InvalidSecurityToken.MismatchWithAccessKey", "The security token does not match the access key");
        }

        if (!nonces.TryAdd(request.Headers["x-acs-signature-nonce"].ToString(), 0))
        {
            return Error(HttpStatusCode.BadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.");
        }

        if (!request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.BadRequest, "UnsupportedFormat", "This fake answers JSON only; the client must ask for it with Accept: application/json.");
        }

        if (request.Headers["x-acs-version"].ToString() != (action == "AssumeRole" ? StsApiVersion : ApiVersion))
        {
            return Error(HttpStatusCode.BadRequest, "InvalidVersion", "Specified parameter Version is not valid.");
        }

        if (Interlocked.Decrement(ref failures) >= 0)
        {
            return Error(FailureStatus, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
        }

        if (Throttle)
        {
            return Error(HttpStatusCode.BadRequest, "Throttling.User", "Request was denied due to user flow control.");
        }

        if (RejectForQps)
        {
            return Error(HttpStatusCode.TooManyRequests, "Rejected.Throttling", "The QPS upper limit is exceeded.");
        }

        if (DenyPermission)
        {
            return Error(HttpStatusCode.Forbidden, "Forbidden.RAM", $"User not authorized to operate on the specified resource, or this API doesn't support RAM. (kms:{action})");
        }

        var name = parameters.GetValueOrDefault("SecretName", "");
        var answer = action switch
        {
            "GetSecretValue" => GetSecretValue(name, parameters),
            "CreateSecret" => CreateSecret(name, parameters),
            "PutSecretValue" => PutSecretValue(name, parameters),
            "DescribeSecret" => DescribeSecret(name),
            "ListSecretVersionIds" => ListSecretVersionIds(name, parameters),
            "AssumeRole" => AssumeRoleWithKey(parameters, keyId!),
            _ => Error(HttpStatusCode.NotFound, "InvalidAction.NotFound", $"Specified api {action} is not found"),
        };
        if (answer.Item1 == HttpStatusCode.OK && action is "CreateSecret" or "PutSecretValue" && AfterWrite?.Invoke(name) is { } lost)
        {
            return Error(lost, "InternalFailure", "The request processing has failed due to some unknown error.");
        }

        return answer;
    }

    private (HttpStatusCode, object) GetSecretValue(string name, Dictionary<string, string> parameters)
    {
        lock (gate)
        {
            var secret = Live(name);
            var version = secret is null ? null
                : parameters.TryGetValue("VersionId", out var id) ? secret.Versions.FirstOrDefault(v => v.Id == id)
                : secret.WithStage(parameters.GetValueOrDefault("VersionStage", "ACSCurrent"));
            if (version is null)
            {
                return NotFound();
            }

            return Ok(new Dictionary<string, object>
            {
                ["SecretName"] = name,
                ["VersionId"] = version.Id,
                ["CreateTime"] = version.CreateTime,
                ["SecretType"] = "Generic",
                ["SecretData"] = version.Data,
                ["SecretDataType"] = version.DataType,
                ["VersionStages"] = new Dictionary<string, object> { ["VersionStage"] = version.Stages.Order(StringComparer.Ordinal).ToArray() },
            });
        }
    }

    private (HttpStatusCode, object) CreateSecret(string name, Dictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("SecretData", out var data) || !parameters.TryGetValue("VersionId", out var versionId))
        {
            return Error(HttpStatusCode.BadRequest, "MissingParameter", "SecretData and VersionId are mandatory for this action.");
        }

        lock (gate)
        {
            // Codes and statuses as KMS's API reference gives them for CreateSecret.
            if (secrets.TryGetValue(name, out var existing))
            {
                return existing.PlannedDeleteTime is null
                    ? Error(HttpStatusCode.Conflict, "Rejected.ResourceExist", "The resource already exists.")
                    : Error(HttpStatusCode.Conflict, "Rejected.ResourceInDeleteWindow", "The secret is planned to be deleted.");
            }

            var secret = secrets[name] = new FakeSecret();
            AddVersion(secret, versionId, data, parameters.GetValueOrDefault("SecretDataType", "text"));
            return Ok(new Dictionary<string, object> { ["Arn"] = $"acs:kms:cn-hangzhou:1234567890:secret/{name}", ["SecretName"] = name, ["VersionId"] = versionId, ["SecretType"] = "Generic" });
        }
    }

    private (HttpStatusCode, object) PutSecretValue(string name, Dictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("SecretData", out var data) || !parameters.TryGetValue("VersionId", out var versionId))
        {
            return Error(HttpStatusCode.BadRequest, "MissingParameter", "SecretData and VersionId are mandatory for this action.");
        }

        BeforePut?.Invoke(name);
        lock (gate)
        {
            if (Live(name) is not { } secret)
            {
                return NotFound();
            }

            if (secret.Versions.FirstOrDefault(v => v.Id == versionId) is { } existing)
            {
                return existing.Data == data
                    ? Ok(new Dictionary<string, object> { ["SecretName"] = name, ["VersionId"] = versionId })
                    : Error(HttpStatusCode.Conflict, "Rejected.ResourceExist", "The version already exists with another value.");
            }

            AddVersion(secret, versionId, data, parameters.GetValueOrDefault("SecretDataType", "text"));
            return Ok(new Dictionary<string, object>
            {
                ["SecretName"] = name,
                ["VersionId"] = versionId,
                ["VersionStages"] = new Dictionary<string, object> { ["VersionStage"] = new[] { "ACSCurrent" } },
            });
        }
    }

    /// <summary>
    /// ListSecretVersionIds as KMS's API reference gives it: versions with a stage label only, unless IncludeDeprecated
    /// is "true"; paged by PageNumber and PageSize (default 20); each as {VersionId, CreateTime, VersionStages:
    /// {VersionStage: [...]}} under VersionIds.VersionId.
    /// </summary>
    private (HttpStatusCode, object) ListSecretVersionIds(string name, Dictionary<string, string> parameters)
    {
        var pageNumber = int.Parse(parameters.GetValueOrDefault("PageNumber", "1"), CultureInfo.InvariantCulture);
        var pageSize = int.Parse(parameters.GetValueOrDefault("PageSize", "20"), CultureInfo.InvariantCulture);
        if (pageNumber < 1 || pageSize is < 1 or > 100)
        {
            return Error(HttpStatusCode.BadRequest, "InvalidParameter", "PageNumber or PageSize is not valid.");
        }

        var includeDeprecated = parameters.GetValueOrDefault("IncludeDeprecated") == "true";
        lock (gate)
        {
            if (Live(name) is not { } secret)
            {
                return NotFound();
            }

            var listed = secret.Versions.Where(version => includeDeprecated || version.Stages.Count > 0).ToList();
            var page = listed.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(version => new Dictionary<string, object>
            {
                ["VersionId"] = version.Id,
                ["CreateTime"] = version.CreateTime,
                ["VersionStages"] = new Dictionary<string, object> { ["VersionStage"] = version.Stages.Order(StringComparer.Ordinal).ToArray() },
            });
            return Ok(new Dictionary<string, object>
            {
                ["SecretName"] = name,
                ["PageNumber"] = pageNumber,
                ["PageSize"] = pageSize,
                ["TotalCount"] = listed.Count,
                ["VersionIds"] = new Dictionary<string, object> { ["VersionId"] = page.ToArray() },
            });
        }
    }

    private (HttpStatusCode, object) DescribeSecret(string name)
    {
        lock (gate)
        {
            if (!secrets.TryGetValue(name, out var secret))
            {
                return NotFound();
            }

            var answer = new Dictionary<string, object>
            {
                ["Arn"] = $"acs:kms:cn-hangzhou:1234567890:secret/{name}",
                ["SecretName"] = name,
                ["SecretType"] = "Generic",
                ["CreateTime"] = "2026-12-06T07:00:00Z",
                ["UpdateTime"] = "2026-12-06T07:00:00Z",
            };
            if (secret.PlannedDeleteTime is { } planned)
            {
                answer["PlannedDeleteTime"] = planned;
            }

            return Ok(answer);
        }
    }

    /// <summary>How long credentials from STS AssumeRole live; the first ones can be given shorter lives.</summary>
    public Queue<TimeSpan> AssumedLifetimes { get; } = new();

    /// <summary>The AccessKey ids that signed each STS AssumeRole, in order.</summary>
    public ConcurrentQueue<string> AssumeRoleSigners { get; } = new();

    /// <summary>STS AssumeRole: signed (checked like every KMS call); the role must be <see cref="AssumableRoleArn"/>.</summary>
    private (HttpStatusCode, object) AssumeRoleWithKey(Dictionary<string, string> parameters, string keyId)
    {
        AssumeRoleSigners.Enqueue(keyId);
        if (parameters.GetValueOrDefault("RoleArn") != AssumableRoleArn)
        {
            return Error(HttpStatusCode.NotFound, "EntityNotExist.Role", "The role does not exist.");
        }

        if (!int.TryParse(parameters.GetValueOrDefault("DurationSeconds"), CultureInfo.InvariantCulture, out var seconds) || seconds < 900 || string.IsNullOrEmpty(parameters.GetValueOrDefault("RoleSessionName")))
        {
            return Error(HttpStatusCode.BadRequest, "InvalidParameter", "DurationSeconds and RoleSessionName are mandatory.");
        }

        TimeSpan lifetime;
        lock (AssumedLifetimes)
        {
            lifetime = AssumedLifetimes.Count > 0 ? AssumedLifetimes.Dequeue() : TimeSpan.FromSeconds(seconds);
        }

        return Issue(AssumableRoleArn, parameters.GetValueOrDefault("RoleSessionName", ""), lifetime);
    }

    /// <summary>STS AssumeRoleWithOIDC: anonymous; the OIDC token, role and provider must match.</summary>
    private (HttpStatusCode, object) AssumeRole(Dictionary<string, string> parameters)
    {
        if (parameters.GetValueOrDefault("Version") != "2015-04-01")
        {
            return Error(HttpStatusCode.BadRequest, "InvalidVersion", "Specified parameter Version is not valid.");
        }

        if (parameters.GetValueOrDefault("OIDCToken") != OidcToken)
        {
            return Error(HttpStatusCode.BadRequest, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.");
        }

        if (parameters.GetValueOrDefault("RoleArn") != RoleArn || parameters.GetValueOrDefault("OIDCProviderArn") != ProviderArn)
        {
            return Error(HttpStatusCode.BadRequest, "EntityNotExist.Role", "The role or the OIDC provider does not exist.");
        }

        return Issue(RoleArn, parameters.GetValueOrDefault("RoleSessionName", ""), TimeSpan.FromHours(1));
    }

    private (HttpStatusCode, object) Issue(string roleArn, string sessionName, TimeSpan lifetime)
    {
        var n = Interlocked.Increment(ref issued);
        var (id, secret, token) = ($"STS.issued{n}", $"sts-secret-{n}-{Guid.NewGuid():N}", $"sts-token-{n}");
        AddAccessKey(id, secret, token);
        return Ok(new Dictionary<string, object>
        {
            ["Credentials"] = new Dictionary<string, string>
            {
                ["AccessKeyId"] = id,
                ["AccessKeySecret"] = secret,
                ["SecurityToken"] = token,
                ["Expiration"] = (DateTimeOffset.UtcNow + lifetime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
            ["AssumedRoleUser"] = new Dictionary<string, string> { ["Arn"] = roleArn + "/" + sessionName, ["AssumedRoleId"] = "3" + n },
        });
    }

    private static JsonNode? ToJson(object value) => value switch
    {
        string text => JsonValue.Create(text),
        int number => JsonValue.Create(number),
        IEnumerable<KeyValuePair<string, object>> map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key, ToJson(pair.Value)))),
        IEnumerable<KeyValuePair<string, string>> map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key, ToJson(pair.Value)))),
        IEnumerable<string> items => new JsonArray(items.Select(ToJson).ToArray()),
        IEnumerable<object> items => new JsonArray(items.Select(ToJson).ToArray()),
        _ => throw new ArgumentException($"no JSON form for {value.GetType().Name}", nameof(value)),
    };

    private FakeSecret? Live(string name) =>
        secrets.TryGetValue(name, out var secret) && secret.PlannedDeleteTime is null ? secret : null;

    private void AddVersion(FakeSecret secret, string id, string data, string dataType)
    {
        foreach (var version in secret.Versions)
        {
            version.Stages.Remove("ACSPrevious");
            if (version.Stages.Remove("ACSCurrent"))
            {
                version.Stages.Add("ACSPrevious");
            }
        }

        // To the second, as KMS gives it: versions made in one second cannot be told apart by their CreateTime.
        var createTime = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        secret.Versions.Add(new FakeVersion(id, data, dataType, ["ACSCurrent"], createTime));
        if (secret.Versions.Count > MaxVersions)
        {
            secret.Versions.RemoveAt(0);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Dictionary<string, string> Parameters(HttpRequest request, byte[] body)
    {
        var parameters = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                parameters[key] = value.ToString();
            }
        }

        return parameters;
    }

    private static (HttpStatusCode, object) Ok(Dictionary<string, object> answer)
    {
        answer["RequestId"] = Guid.NewGuid().ToString("D").ToUpperInvariant();
        return (HttpStatusCode.OK, answer);
    }

    private static (HttpStatusCode, object) NotFound() =>
        Error(HttpStatusCode.NotFound, "Forbidden.ResourceNotFound", "The resource you requested is not found.");

    private static (HttpStatusCode, object) Error(HttpStatusCode status, string code, string message) =>
        (status, new Dictionary<string, string> { ["RequestId"] = Guid.NewGuid().ToString("D").ToUpperInvariant(), ["HostId"] = "kms.cn-hangzhou.aliyuncs.com", ["Code"] = code, ["Message"] = message });

    private sealed class FakeSecret
    {
        public List<FakeVersion> Versions { get; } = [];

        public string? PlannedDeleteTime { get; set; }

        public FakeVersion? WithStage(string stage) => Versions.FirstOrDefault(version => version.Stages.Contains(stage));
    }

    private sealed record FakeVersion(string Id, string Data, string DataType, HashSet<string> Stages, string CreateTime);
}
