using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PostRenderer.Stores.TestSupport.Alibaba;

/// <summary>
/// The ECS instance metadata service over real HTTP, as Alibaba Cloud's credential libraries use it:
/// <c>PUT /latest/api/token</c> with <c>X-aliyun-ecs-metadata-token-ttl-seconds</c> hands out a session token, which
/// later requests carry in <c>X-aliyun-ecs-metadata-token</c>; <c>/latest/meta-data/ram/security-credentials/</c>
/// lists the attached role and <c>.../&lt;role&gt;</c> gives its temporary credentials
/// (<c>{"Code":"Success","AccessKeyId",...,"Expiration"}</c>), which the fake KMS is told to accept.
/// </summary>
public sealed class FakeEcsMetadataServer : IAsyncDisposable
{
    public const string RoleName = "EcsSeederRole";

    private readonly LoopbackServer server;
    private readonly FakeAlibabaKms kms;
    private readonly ConcurrentDictionary<string, byte> tokens = new(StringComparer.Ordinal);
    private int issuedCredentials;
    private int tokenRequests;
    private int tokenlessRequests;

    private FakeEcsMetadataServer(LoopbackServer server, FakeAlibabaKms kms)
    {
        this.server = server;
        this.kms = kms;
    }

    public Uri Address => server.Address;

    /// <summary>Hardened mode only: a request without a valid session token is refused (HTTP 401).</summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>An old metadata service: <c>PUT /latest/api/token</c> answers 404.</summary>
    public bool NoTokenEndpoint { get; set; }

    /// <summary>The attached role; null: none attached.</summary>
    public string? AttachedRole { get; set; } = RoleName;

    /// <summary>How long each issued credential lives; the first issues can be given shorter lives.</summary>
    public Queue<TimeSpan> NextLifetimes { get; } = new();

    /// <summary>Answer the credentials request with its headers and part of the body, then stall.</summary>
    public bool StallCredentials { get; set; }

    public int IssuedCredentials => Volatile.Read(ref issuedCredentials);

    public int TokenRequests => Volatile.Read(ref tokenRequests);

    public int TokenlessRequests => Volatile.Read(ref tokenlessRequests);

    public static async Task<FakeEcsMetadataServer> StartAsync(FakeAlibabaKms kms)
    {
        FakeEcsMetadataServer? fake = null;
        var server = await LoopbackServer.StartAsync(context => fake!.HandleAsync(context));
        fake = new FakeEcsMetadataServer(server, kms);
        return fake;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/latest/api/token")
        {
            await TokenAsync(context);
            return;
        }

        var token = request.Headers["X-aliyun-ecs-metadata-token"].ToString();
        if (token.Length == 0)
        {
            Interlocked.Increment(ref tokenlessRequests);
        }

        if (request.Method != "GET" || (RequireToken && !tokens.ContainsKey(token)) || (token.Length > 0 && !tokens.ContainsKey(token)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        const string prefix = "/latest/meta-data/ram/security-credentials/";
        var path = request.Path.Value ?? "";
        if (path == prefix)
        {
            context.Response.StatusCode = AttachedRole is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            await context.Response.WriteAsync(AttachedRole ?? "");
            return;
        }

        if (!path.StartsWith(prefix, StringComparison.Ordinal) || Uri.UnescapeDataString(path[prefix.Length..]) != AttachedRole)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (StallCredentials)
        {
            await StalledAnswer.SendAsync(context.Response, "{\"Code\":");
            return;
        }

        await context.Response.WriteAsync(Credentials().ToJsonString());
    }

    private async Task TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref tokenRequests);
        if (NoTokenEndpoint)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (context.Request.Method != "PUT"
            || !int.TryParse(context.Request.Headers["X-aliyun-ecs-metadata-token-ttl-seconds"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl)
            || ttl is < 1 or > 21600)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var token = "metadata-token-" + Guid.NewGuid().ToString("N");
        tokens[token] = 0;
        await context.Response.WriteAsync(token);
    }

    private JsonObject Credentials()
    {
        var n = Interlocked.Increment(ref issuedCredentials);
        TimeSpan lifetime;
        lock (NextLifetimes)
        {
            lifetime = NextLifetimes.Count > 0 ? NextLifetimes.Dequeue() : TimeSpan.FromHours(6);
        }

        var (id, secret, token) = ($"STS.ecs{n}", $"ecs-secret-{n}-{Guid.NewGuid():N}", $"ecs-token-{n}-{Guid.NewGuid():N}");
        kms.AddAccessKey(id, secret, token);
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["AccessKeyId"] = id,
            ["AccessKeySecret"] = secret,
            ["Expiration"] = (now + lifetime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["SecurityToken"] = token,
            ["LastUpdated"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Code"] = "Success",
        };
    }
}
