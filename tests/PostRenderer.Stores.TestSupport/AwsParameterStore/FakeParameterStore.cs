using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PostRenderer.Stores.TestSupport;
using PostRenderer.Stores.TestSupport.Aws;

namespace PostRenderer.Stores.TestSupport.AwsParameterStore;

/// <summary>
/// AWS Systems Manager Parameter Store on Kestrel at 127.0.0.1, speaking the AWS JSON 1.1 protocol the SDK speaks
/// (<c>X-Amz-Target: AmazonSSM.GetParameter</c>, <c>PutParameter</c>, <c>DescribeParameters</c>), every request's SigV4
/// signature checked for service <c>ssm</c>. As the API reference says: versions count up from 1; PutParameter without
/// Overwrite fails with ParameterAlreadyExists, with it adds a version; <c>name:3</c> selects a version
/// (ParameterVersionNotFound when absent); values of a standard parameter hold 4,096 characters; errors are
/// <c>{"__type": ..., "message": ...}</c> with HTTP 400. Knobs: queued faults, delay, stalled bodies, denial, and a
/// hook before each PutParameter (a concurrent writer's moment).
/// </summary>
internal sealed class FakeParameterStore : IAsyncDisposable, IAwsJsonFake
{
    public const string Region = "eu-test-1";
    public static readonly FakeAwsKey TestKey = new("AKIAFAKESSMKEY123456", "fake/ssm+secret/key/for/tests/0123456789");

    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeParameter> parameters = new(StringComparer.Ordinal);
    private readonly FakeFaultQueue faults = new();
    private readonly ConcurrentQueue<string> operations = new();
    private LoopbackServer server = null!;
    private int requests;

    public Uri Endpoint { get; private set; } = null!;

    public TimeSpan Delay { get; set; }

    /// <summary>Answers send their headers and a first byte, then nothing: a proxy that stalls after the headers.</summary>
    public bool StallBodies { get; set; }

    public bool DenyAccess { get; set; }

    /// <summary>Runs (under the lock) before each PutParameter is applied, with the parameter's name.</summary>
    public Action<string>? BeforePut { get; set; }

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Operations that passed authentication, in order.</summary>
    public IReadOnlyList<string> Operations => [.. operations];

    public static async Task<FakeParameterStore> StartAsync()
    {
        var fake = new FakeParameterStore();
        fake.server = await LoopbackServer.StartAsync(fake.HandleAsync);
        fake.Endpoint = fake.server.Address;
        return fake;
    }

    public void Fail(FakeFault fault, int times = 1) => faults.Add(fault, times);

    /// <summary>Adds a version as another writer would; creates the parameter (of <paramref name="type"/>) if needed.</summary>
    public void Put(string name, string value, string type = "SecureString", string? keyId = "alias/aws/ssm", string tier = "Standard")
    {
        lock (gate)
        {
            if (!parameters.TryGetValue(name, out var parameter))
            {
                parameters[name] = parameter = new FakeParameter(type, type == "SecureString" ? keyId : null, tier);
            }

            parameter.Values.Add(value);
        }
    }

    public string? Latest(string name)
    {
        lock (gate)
        {
            return parameters.TryGetValue(name, out var parameter) ? parameter.Values[^1] : null;
        }
    }

    public int VersionCount(string name)
    {
        lock (gate)
        {
            return parameters.TryGetValue(name, out var parameter) ? parameter.Values.Count : 0;
        }
    }

    public (string Type, string? KeyId, string Tier) Settings(string name)
    {
        lock (gate)
        {
            var parameter = parameters[name];
            return (parameter.Type, parameter.KeyId, parameter.Tier);
        }
    }

    /// <summary>The next call of <paramref name="operation"/> meets <paramref name="fault"/> (after any queued by <see cref="Fail(FakeFault, int)"/>).</summary>
    public void Fail(string operation, FakeFault fault) => faults.Add(operation, fault);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, context.RequestAborted);
            }

            await AnswerAsync(context, body);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout); nothing to answer.
        }
    }

    private async Task AnswerAsync(HttpContext context, byte[] body)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith("AmazonSSM.", StringComparison.Ordinal) ? target["AmazonSSM.".Length..] : target;
        var fault = faults.Take(operation);
        if (fault is { AfterApplying: false })
        {
            await AwsJsonAnswers.FaultAsync(context.Response, fault);
            return;
        }

        if (SigV4Verifier.Verify(context.Request, body, Region, "ssm", key => key == TestKey.AccessKey ? TestKey : null, DateTime.UtcNow) is { } rejected)
        {
            await AwsJsonAnswers.ErrorAsync(context.Response, rejected.Type, rejected.Message);
            return;
        }

        operations.Enqueue(operation);
        if (context.Request.ContentType != AwsJsonAnswers.ContentType)
        {
            await AwsJsonAnswers.ErrorAsync(context.Response, "SerializationException", "Unexpected content type");
            return;
        }

        if (DenyAccess)
        {
            await AwsJsonAnswers.AccessDeniedAsync(context.Response, "ssm", operation);
            return;
        }

        JsonObject answer;
        try
        {
            var input = JsonNode.Parse(body) as JsonObject ?? throw new FakeAwsError("SerializationException", "Body is not an object");
            lock (gate)
            {
                answer = operation switch
                {
                    "GetParameter" => GetParameter(input),
                    "PutParameter" => PutParameter(input),
                    "DescribeParameters" => DescribeParameters(input),
                    _ => throw new FakeAwsError("UnknownOperationException", $"Unknown operation {operation}"),
                };
            }
        }
        catch (FakeAwsError error) when (fault is null)
        {
            await AwsJsonAnswers.ErrorAsync(context.Response, error.Type, error.Message);
            return;
        }
        catch (FakeAwsError)
        {
            // The answer, an error too, is lost: the fault answers instead.
            answer = [];
        }

        await AwsJsonAnswers.ResultAsync(context.Response, answer, fault, StallBodies);
    }

    private JsonObject GetParameter(JsonObject input)
    {
        var requested = Text(input, "Name") ?? throw new FakeAwsError("ValidationException", "Name is required.");
        var colon = requested.LastIndexOf(':');
        var name = colon < 0 ? requested : requested[..colon];
        if (!parameters.TryGetValue(name, out var parameter))
        {
            throw new FakeAwsError("ParameterNotFound", "");
        }

        var version = colon < 0 ? parameter.Values.Count : int.Parse(requested[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (version < 1 || version > parameter.Values.Count)
        {
            throw new FakeAwsError("ParameterVersionNotFound", $"Systems Manager could not find version {version} of {name}. Verify the version and try again.");
        }

        var decrypted = input["WithDecryption"]?.GetValue<bool>() == true || parameter.Type != "SecureString";
        var answer = new JsonObject
        {
            ["Name"] = name,
            ["Type"] = parameter.Type,
            ["Value"] = decrypted ? parameter.Values[version - 1] : "AQICAHencrypted==",
            ["Version"] = version,
            ["LastModifiedDate"] = 1.7e9,
            ["ARN"] = Arn(name),
            ["DataType"] = "text",
        };
        if (colon >= 0)
        {
            answer["Selector"] = requested[colon..];
        }

        return new JsonObject { ["Parameter"] = answer };
    }

    private JsonObject PutParameter(JsonObject input)
    {
        var name = Text(input, "Name") ?? throw new FakeAwsError("ValidationException", "Name is required.");
        var value = Text(input, "Value") ?? throw new FakeAwsError("ValidationException", "Value is required.");
        var overwrite = input["Overwrite"]?.GetValue<bool>() == true;
        var tier = Text(input, "Tier") ?? "Standard";
        if (tier == "Standard" && value.Length > 4096)
        {
            throw new FakeAwsError("ValidationException", "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.");
        }

        BeforePut?.Invoke(name);
        if (parameters.TryGetValue(name, out var parameter))
        {
            if (!overwrite)
            {
                throw new FakeAwsError("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
            }

            if (parameter.Tier == "Advanced" && tier == "Standard")
            {
                throw new FakeAwsError("ValidationException", "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier.");
            }

            // Without KeyId, Systems Manager encrypts with the account's default key: the caller must pass the one it keeps.
            parameter.KeyId = Text(input, "KeyId") ?? "alias/aws/ssm";
            parameter.Values.Add(value);
            return new JsonObject { ["Version"] = parameter.Values.Count, ["Tier"] = parameter.Tier };
        }

        var type = Text(input, "Type") ?? throw new FakeAwsError("ValidationException", "A parameter type is required when you create a parameter.");
        parameters[name] = parameter = new FakeParameter(type, type == "SecureString" ? Text(input, "KeyId") ?? "alias/aws/ssm" : null, tier);
        parameter.Values.Add(value);
        return new JsonObject { ["Version"] = 1, ["Tier"] = tier };
    }

    private JsonObject DescribeParameters(JsonObject input)
    {
        var names = (input["ParameterFilters"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(filter => Text(filter, "Key") == "Name" && (Text(filter, "Option") ?? "Equals") == "Equals")
            .SelectMany(filter => (filter["Values"] as JsonArray ?? []).Select(value => value!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
        var found = new JsonArray();
        foreach (var (name, parameter) in parameters.Where(pair => names.Contains(pair.Key)))
        {
            var metadata = new JsonObject
            {
                ["Name"] = name,
                ["ARN"] = Arn(name),
                ["Type"] = parameter.Type,
                ["Version"] = parameter.Values.Count,
                ["Tier"] = parameter.Tier,
                ["LastModifiedDate"] = 1.7e9,
                ["DataType"] = "text",
                ["Policies"] = new JsonArray(),
            };
            if (parameter.KeyId is not null)
            {
                metadata["KeyId"] = parameter.KeyId;
            }

            found.Add(metadata);
        }

        return new JsonObject { ["Parameters"] = found };
    }

    private static string Arn(string name) => $"arn:aws:ssm:{Region}:123456789012:parameter{(name.StartsWith('/') ? name : "/" + name)}";

    private static string? Text(JsonObject input, string name) => input[name]?.GetValue<string>();

    private sealed class FakeParameter(string type, string? keyId, string tier)
    {
        public string Type { get; } = type;

        public string? KeyId { get; set; } = keyId;

        public string Tier { get; } = tier;

        public List<string> Values { get; } = [];
    }
}
