using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

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

    private int logins;
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

        var (status, body) = await AnswerAsync(context, token);
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
