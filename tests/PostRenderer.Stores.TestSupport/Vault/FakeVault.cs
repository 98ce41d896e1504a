using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.TestSupport.Vault;

/// <summary>
/// An in-process Vault speaking the real HTTP API on 127.0.0.1 (HTTP or HTTPS): KV v1 and v2 mounts,
/// sys/internal/ui/mounts, token checks, kubernetes and approle login, with knobs for faults.
/// </summary>
internal sealed class FakeVault : IAsyncDisposable
{
    public const string RootToken = "hvs.root-token-never-print";

    private LoopbackServer server = null!;
    private int pendingFaults;

    public Uri Address { get; private set; } = null!;

    public ConcurrentDictionary<string, FakeKvMount> Mounts { get; } = new() { ["secret"] = new FakeKvMount(2) };

    /// <summary>Valid tokens; the value says whether the token may write.</summary>
    public ConcurrentDictionary<string, bool> Tokens { get; } = new() { [RootToken] = true };

    /// <summary>Kubernetes roles (on auth/kubernetes) and the service-account JWT each accepts.</summary>
    public ConcurrentDictionary<string, string> KubernetesRoles { get; } = new();

    /// <summary>AppRoles (on auth/approle): role_id to secret_id.</summary>
    public ConcurrentDictionary<string, string> AppRoles { get; } = new();

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public int Logins => logins;

    /// <summary>Answer sys/internal/ui/mounts with this status instead (403: a token not allowed to ask).</summary>
    public int? MountInfoStatus { get; set; }

    /// <summary>Wait this long before answering each request.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Answer with an HTML page instead of JSON (a proxy or a wrong VAULT_ADDR).</summary>
    public bool AnswerHtml { get; set; }

    /// <summary>
    /// Requests whose path (under /v1/) starts with one of these are held by a Vault Enterprise Control Group: not
    /// carried out, answered 200 with a wrapping token in wrap_info, as Vault does.
    /// </summary>
    public ConcurrentQueue<string> ControlGroupPaths { get; } = new();

    /// <summary>Paths (under /v1/, by prefix) the token's policy does not grant: answered 403.</summary>
    public ConcurrentQueue<string> DeniedPaths { get; } = new();

    /// <summary>Requests to paths (with /v1/, by prefix) get their headers and part of the body, then nothing.</summary>
    public string? StallAfterHeadersOn { get; set; }

    /// <summary>The listener's max_request_size: larger bodies are refused with 413, as Vault does.</summary>
    public long? MaxRequestSize { get; set; }

    private int logins;
    private int pendingLostAnswers;
    private int lostAnswerStatus;
    private int faultStatus;
    private string? faultRetryAfter;

    public FakeKvMount Secret => Mounts["secret"];

    public static async Task<FakeVault> StartAsync(X509Certificate2? certificate = null)
    {
        var fake = new FakeVault();
        fake.server = await LoopbackServer.StartAsync(fake.HandleAsync, certificate);
        fake.Address = fake.server.Address;
        return fake;
    }

    /// <summary>Fails the next <paramref name="count"/> requests with <paramref name="status"/> (and Retry-After, if given).</summary>
    public void FailNext(int count, int status, string? retryAfter = null)
    {
        faultStatus = status;
        faultRetryAfter = retryAfter;
        Volatile.Write(ref pendingFaults, count);
    }

    /// <summary>
    /// The next <paramref name="count"/> writes (POST/PUT) are carried out, but answered <paramref name="status"/> (a
    /// standby forwarding failure, or a proxy timing out after Vault stored the write): the client cannot know it worked.
    /// </summary>
    public void LoseAnswerOfNextWrites(int count, int status)
    {
        lostAnswerStatus = status;
        Volatile.Write(ref pendingLostAnswers, count);
    }

    public int CountRequests(string method, string pathPrefix) =>
        Requests.Count(request => request.Method == method && request.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var token = request.Headers["X-Vault-Token"].FirstOrDefault();
        Requests.Enqueue(new FakeRequest(request.Method, request.Path.Value ?? "", token, request.Headers["X-Vault-Namespace"].FirstOrDefault()));
        if (ResponseDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(ResponseDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (StallAfterHeadersOn is { } stalled && (request.Path.Value ?? "").StartsWith(stalled, StringComparison.Ordinal))
        {
            await StalledAnswer.SendAsync(context.Response, "{\"data\":");
            return;
        }

        var (status, body) = await AnswerAsync(context, token);
        if (request.Method is "POST" or "PUT" && Interlocked.Decrement(ref pendingLostAnswers) >= 0)
        {
            (status, body) = (lostAnswerStatus, """{"errors":["context deadline exceeded"]}""");
        }

        context.Response.StatusCode = status;
        if (AnswerHtml)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Login to the corporate proxy</body></html>");
            return;
        }

        if (body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }
    }

    private async Task<(int Status, string Body)> AnswerAsync(HttpContext context, string? token)
    {
        if (Interlocked.Decrement(ref pendingFaults) >= 0)
        {
            if (faultRetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = faultRetryAfter;
            }

            return (faultStatus, """{"errors":["injected fault"]}""");
        }

        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return (404, """{"errors":[]}""");
        }

        path = path["/v1/".Length..];
        if (MaxRequestSize is { } max && context.Request.ContentLength > max)
        {
            return (413, """{"errors":["failed to parse JSON input: http: request body too large"]}""");
        }

        if (!ControlGroupPaths.IsEmpty && ControlGroupPaths.Any(held => path.StartsWith(held, StringComparison.Ordinal)))
        {
            return (200, ControlGroupAnswer(path));
        }

        var body = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())
            : null;
        if (path.StartsWith("auth/", StringComparison.Ordinal) && path.EndsWith("/login", StringComparison.Ordinal))
        {
            return Login(path, body);
        }

        if (token is null || !Tokens.TryGetValue(token, out var canWrite))
        {
            return (403, """{"errors":["permission denied"]}""");
        }

        if (!DeniedPaths.IsEmpty && DeniedPaths.Any(denied => path.StartsWith(denied, StringComparison.Ordinal)))
        {
            return (403, """{"errors":["1 error occurred:\n\t* permission denied\n\n"]}""");
        }

        if (path == "auth/token/lookup-self")
        {
            return (200, """{"data":{"policies":["default"],"ttl":3600,"renewable":true}}""");
        }

        if (path.StartsWith("sys/internal/ui/mounts/", StringComparison.Ordinal))
        {
            return MountInfo(path["sys/internal/ui/mounts/".Length..]);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !Mounts.TryGetValue(path[..slash], out var mount))
        {
            return (404, $$"""{"errors":["no handler for route \"{{path}}\". route entry not found."]}""");
        }

        var entry = path[(slash + 1)..];
        if (mount.KvVersion == 2)
        {
            if (entry == "config" && context.Request.Method == "GET")
            {
                return (200, """{"request_id":"1","lease_id":"","renewable":false,"lease_duration":0,"data":{"cas_required":false,"delete_version_after":"0s","max_versions":0},"wrap_info":null,"warnings":null,"auth":null}""");
            }

            if (!entry.StartsWith("data/", StringComparison.Ordinal))
            {
                return (404, """{"errors":[]}""");
            }

            entry = entry["data/".Length..];
        }

        return context.Request.Method switch
        {
            "GET" => mount.Read(entry),
            "POST" or "PUT" when !canWrite => (403, """{"errors":["1 error occurred:\n\t* permission denied\n\n"]}"""),
            "POST" or "PUT" => mount.Write(entry, body),
            _ => (405, """{"errors":[]}"""),
        };
    }

    // The shape Vault Enterprise answers with when a Control Group holds a request (docs: enterprise/control-groups).
    private static string ControlGroupAnswer(string path) =>
        $$"""{"request_id":"","lease_id":"","renewable":false,"lease_duration":0,"data":null,"wrap_info":{"token":"hvs.wrapping-token-never-print","accessor":"wrap-accessor-1","ttl":86400,"creation_time":"2025-01-01T00:00:00Z","creation_path":"{{path}}","wrapped_accessor":""},"warnings":null,"auth":null}""";

    private (int Status, string Body) MountInfo(string mount)
    {
        if (MountInfoStatus is { } status)
        {
            return (status, """{"errors":["permission denied"]}""");
        }

        return Mounts.TryGetValue(mount.TrimEnd('/'), out var kv)
            ? (200, $$$"""{"data":{"path":"{{{mount}}}/","type":"kv","options":{{{(kv.KvVersion == 2 ? """{"version":"2"}""" : "null")}}}}}""")
            : (403, """{"errors":["preflight capability check returned 403, please ensure client's policies grant access to path"]}""");
    }

    private (int Status, string Body) Login(string path, JsonNode? body)
    {
        var accepted = path switch
        {
            "auth/kubernetes/login" => Text(body?["role"]) is { } role && KubernetesRoles.TryGetValue(role, out var jwt) && jwt == Text(body?["jwt"]),
            "auth/approle/login" => Text(body?["role_id"]) is { } roleId && AppRoles.TryGetValue(roleId, out var secretId) && secretId == Text(body?["secret_id"]),
            _ => (bool?)null,
        };
        if (accepted is null)
        {
            return (404, """{"errors":["no handler for route"]}""");
        }

        if (accepted == false)
        {
            return (400, """{"errors":["invalid role or secret ID"]}""");
        }

        Interlocked.Increment(ref logins);
        var token = "hvs.login-" + Guid.NewGuid().ToString("N");
        Tokens[token] = true;
        return (200, $$$"""{"auth":{"client_token":"{{{token}}}","lease_duration":3600,"renewable":true}}""");
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
