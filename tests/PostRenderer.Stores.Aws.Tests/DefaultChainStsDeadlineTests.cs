using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// The STS client the SDK's default chain uses for web identity (IRSA) is the one <see cref="AwsRuntimeDependencies"/>
/// registers, with the store's timeout and retries: against an STS that never answers, the SDK's own call ends after
/// timeout x tries, not after the SDK's default (100 s a try), and the store fails within that plus slack.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class DefaultChainStsDeadlineTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private const int Retries = 1;

    private readonly string directory = Directory.CreateTempSubdirectory("aws-irsa-").FullName;
    private FakeAwsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAwsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_web_identity_sts_that_never_answers_is_cut_by_the_sdk_at_the_stores_timeout_and_tries()
    {
        using var silent = new SilentServer();
        var tokenFile = Path.Combine(directory, "token");
        File.WriteAllText(tokenFile, "web-identity-token-never-printed");
        using var process = EnvironmentVariables.Set(
            ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile), ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
            ("AWS_ENDPOINT_URL_STS", silent.Address.ToString()), ("AWS_REGION", FakeAwsServer.Region),
            ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null), ("AWS_PROFILE", null),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(directory, "credentials")), ("AWS_CONFIG_FILE", Path.Combine(directory, "config")),
            ("AWS_EC2_METADATA_DISABLED", "true"), ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_REGION"] = FakeAwsServer.Region,
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = server.Endpoint.ToString(),
        };
        using var store = Create(environment, populate: new PopulationSettings { Timeout = Timeout, Retries = Retries });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<UserException>(() => store.ReadAsync("ns/app", default));
        var failedAfter = clock.Elapsed;

        // 2 tries of 1 s and the SDK's backoff; the SDK's defaults would still be waiting on the first try.
        Assert.True(failedAfter < Timeout * (Retries + 1) + TimeSpan.FromSeconds(3), $"took {failedAfter}: {error}");
        Assert.Contains("AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("web-identity-token-never-printed", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);

        // The SDK's own tries end too: as many as the store allows, and no more once its deadline has passed.
        await Task.Delay(Timeout * 2);
        Assert.Equal(Retries + 1, silent.Connections);
    }
}
