using System.Collections.Concurrent;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>
/// AWS Secrets Manager (JSON 1.1) and STS AssumeRole (query protocol) on Kestrel at 127.0.0.1. Every request's
/// SigV4 signature is verified against the known keys; bad ones get 400 InvalidSignatureException, as from AWS.
/// Knobs: queued faults, a response delay, and an IAM policy that denies everything.
/// </summary>
internal sealed class FakeAwsServer : IAsyncDisposable, IAwsJsonFake
{
    public const string Region = "eu-test-1";
    public static readonly FakeAwsKey TestKey = new("AKIAFAKETESTKEY12345", "fake/secret+key/for/tests/only/0123456789");

    private LoopbackServer server = null!;
    private readonly ConcurrentDictionary<string, FakeAwsKey> keys = new(StringComparer.Ordinal);
    private readonly FakeFaultQueue faults = new();
    private readonly ConcurrentQueue<string> operations = new();
    private int requests;

    private FakeAwsServer()
    {
        keys[TestKey.AccessKey] = TestKey;
    }

    public Uri Endpoint { get; private set; } = null!;

    public FakeSecretsManagerState Secrets { get; } = new(Region);

    /// <summary>Each response waits this long first.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Secrets Manager answers send their headers and a first byte, then nothing: a proxy that stalls after the headers.</summary>
    public bool StallBodies { get; set; }

    /// <summary>Every authenticated request is refused with AccessDeniedException.</summary>
    public bool DenyAccess { get; set; }

    /// <summary>Secrets Manager operations the IAM policy does not allow ("UpdateSecretVersionStage"); the others are allowed.</summary>
    public ConcurrentDictionary<string, bool> DeniedOperations { get; } = new(StringComparer.Ordinal);

    /// <summary>The role AssumeRole accepts; others are refused.</summary>
    public string? AssumableRole { get; set; }

    /// <summary>The OIDC token AssumeRoleWithWebIdentity accepts for <see cref="AssumableRole"/> (unsigned, as in AWS).</summary>
    public string? WebIdentityToken { get; set; }

    /// <summary>Requests received, including failed ones.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Operations that passed authentication, in order ("GetSecretValue", "sts:AssumeRole", ...).</summary>
    public IReadOnlyList<string> Operations => [.. operations];

    /// <summary>Access keys that signed the Secrets Manager requests, in order.</summary>
    public ConcurrentQueue<string> SigningKeys { get; } = new();

    public static async Task<FakeAwsServer> StartAsync()
    {
        var fake = new FakeAwsServer();
        fake.server = await LoopbackServer.StartAsync(fake.HandleAsync);
        fake.Endpoint = fake.server.Address;
        return fake;
    }

    public void AddKey(FakeAwsKey key) => keys[key.AccessKey] = key;

    public void Fail(FakeFault fault, int times = 1) => faults.Add(fault, times);

    /// <summary>The next call of <paramref name="operation"/> meets <paramref name="fault"/> (after any queued by <see cref="Fail"/>).</summary>
    public void Fail(string operation, FakeFault fault) => faults.Add(operation, fault);

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var isSts = target.Length == 0;
        var fault = faults.Take(OperationOf(target));
        if (fault is { AfterApplying: false })
        {
            await AwsJsonAnswers.FaultAsync(context.Response, fault);
            return;
        }

        if (isSts && QueryHelpers(Encoding.UTF8.GetString(body)).GetValueOrDefault("Action") == "AssumeRoleWithWebIdentity")
        {
            await HandleStsAsync(context, body);
            return;
        }

        var rejection = SigV4Verifier.Verify(context.Request, body, Region, isSts ? "sts" : "secretsmanager", FindKey, DateTime.UtcNow);
        if (rejection is { } error)
        {
            await AwsJsonAnswers.ErrorAsync(context.Response, error.Type, error.Message);
            return;
        }

        if (isSts)
        {
            await HandleStsAsync(context, body);
            return;
        }

        SigningKeys.Enqueue(AccessKeyOf(context.Request));
        await HandleSecretsManagerAsync(context, target, body, fault);
    }

    private async Task HandleSecretsManagerAsync(HttpContext context, string target, byte[] body, FakeFault? fault)
    {
        var operation = OperationOf(target);
        operations.Enqueue(operation);
        if (context.Request.ContentType != AwsJsonAnswers.ContentType)
        {
            await AwsJsonAnswers.ErrorAsync(context.Response, "SerializationException", "Unexpected content type", "Message");
            return;
        }

        if (DenyAccess || DeniedOperations.ContainsKey(operation))
        {
            await AwsJsonAnswers.AccessDeniedAsync(context.Response, "secretsmanager", operation, "Message");
            return;
        }

        JsonObject answer;
        try
        {
            answer = Secrets.Handle(operation, JsonNode.Parse(body) as JsonObject ?? throw new FakeAwsError("SerializationException", "Body is not an object"));
        }
        catch (FakeAwsError error)
        {
            await AwsJsonAnswers.ErrorAsync(context.Response, error.Type, error.Message, "Message");
            return;
        }

        await AwsJsonAnswers.ResultAsync(context.Response, answer, fault, StallBodies);
    }

    private async Task HandleStsAsync(HttpContext context, byte[] body)
    {
        var form = QueryHelpers(Encoding.UTF8.GetString(body));
        operations.Enqueue("sts:" + form.GetValueOrDefault("Action"));
        var role = form.GetValueOrDefault("RoleArn");
        var action = form.GetValueOrDefault("Action");
        var allowed = action == "AssumeRole"
            || (action == "AssumeRoleWithWebIdentity" && WebIdentityToken is not null && form.GetValueOrDefault("WebIdentityToken") == WebIdentityToken);
        if (!allowed || role is null || role != AssumableRole)
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync(
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                + $"<Message>User is not authorized to perform: sts:AssumeRole on resource: {SecurityElement.Escape(role)}</Message></Error><RequestId>1</RequestId></ErrorResponse>");
            return;
        }

        var temporary = new FakeAwsKey("ASIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        keys[temporary.AccessKey] = temporary;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(
            $"<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result><Credentials>"
            + $"<AccessKeyId>{temporary.AccessKey}</AccessKeyId><SecretAccessKey>{temporary.SecretKey}</SecretAccessKey><SessionToken>{temporary.SessionToken}</SessionToken>"
            + $"<Expiration>{DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}</Expiration></Credentials>"
            + $"<AssumedRoleUser><Arn>{SecurityElement.Escape(role)}/secret-postrenderer</Arn><AssumedRoleId>AROAFAKE:secret-postrenderer</AssumedRoleId></AssumedRoleUser>"
            + $"</{action}Result><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></{action}Response>");
    }

    private static string OperationOf(string target) =>
        target.StartsWith("secretsmanager.", StringComparison.Ordinal) ? target["secretsmanager.".Length..] : target;

    private FakeAwsKey? FindKey(string accessKey) => keys.GetValueOrDefault(accessKey);

    private static string AccessKeyOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal) + "Credential=".Length;
        return authorization[start..authorization.IndexOf('/', start)];
    }

    private static Dictionary<string, string> QueryHelpers(string form) =>
        form.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1].Replace('+', ' ') : ""), StringComparer.Ordinal);

}
